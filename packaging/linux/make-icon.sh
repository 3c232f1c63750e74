#!/usr/bin/env bash
# Draws the application icon (256x256 PNG): a dark terminal screen with a
# green "3270" and a cursor. Needs ImageMagick (convert) and fonts-dejavu-core.
# Run from anywhere; writes packaging/linux/resources/Console3270.png.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
font=/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf
out="$here/resources/Console3270.png"
convert -size 256x256 xc:none \
  -fill '#1b1f24' -stroke '#5a6270' -strokewidth 6 -draw 'roundrectangle 8,16 247,215 22,22' \
  -stroke none -fill '#0b0e11' -draw 'rectangle 26,34 229,197' \
  -fill '#5a6270' -draw 'rectangle 108,215 147,232' -draw 'roundrectangle 64,230 191,246 6,6' \
  -font "$font" -pointsize 64 -fill '#33ff66' -gravity center -annotate +0-22 '3270' \
  -gravity northwest -draw 'rectangle 48,150 76,160' \
  -fill '#1f8f43' -pointsize 18 -annotate +92+142 'READY' \
  -depth 8 -strip -define png:exclude-chunks=date,time "$out"
echo "wrote $out"
