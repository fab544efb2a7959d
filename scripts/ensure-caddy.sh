#!/bin/sh
# The internal edition runs behind Debian's Caddy (sign-in with bcrypt accounts); install it if missing.
set -e
if command -v caddy >/dev/null; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq caddy >/dev/null
  # The package starts a default site on port 80 where systemd runs; the dashboard starts its own.
  if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
    systemctl disable --now caddy >/dev/null 2>&1 || true
  fi
else
  echo "Caddy is missing: install the Debian package caddy (as root)." >&2
  exit 1
fi
