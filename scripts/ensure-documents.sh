#!/bin/sh
# Briefings need Pango (weasyprint lays out the PDF with it), DejaVu fonts (Kazakh letters) and, for
# the page screenshots of a PDF, poppler-utils (pdftoppm). Install what a fresh machine lacks.
set -e
missing=""
for lib in libpango-1.0.so.0 libpangoft2-1.0.so.0; do
  ldconfig -p 2>/dev/null | grep -q "$lib" || missing="$missing ${lib%%.so*}"
done
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing="$missing fonts-dejavu-core"
command -v pdftoppm >/dev/null || missing="$missing poppler-utils"
[ -z "$missing" ] && exit 0
packages=$(echo "$missing" | sed -e 's/libpango-1.0/libpango-1.0-0/' -e 's/libpangoft2-1.0/libpangoft2-1.0-0/')
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages >/dev/null
else
  echo "Missing for briefings:$packages (install these Debian packages as root)." >&2
  exit 1
fi
