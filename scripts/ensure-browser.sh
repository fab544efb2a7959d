#!/bin/sh
# The end-to-end tests drive Debian's Chromium; install it (and fonts with Cyrillic) if missing.
set -e
if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi dejavu; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
else
  echo "Chromium is missing: install the Debian packages chromium and fonts-dejavu-core (as root)." >&2
  exit 1
fi
