#!/usr/bin/env bash
# Draws the application icon: a dark terminal screen with a green "3270" and a
# cursor, as a 256x256 PNG (Linux), an .ico (Windows) and an .icns (macOS).
# Needs ImageMagick (convert), python3 and fonts-dejavu-core. Run from anywhere;
# writes packaging/{linux/resources/Console3270.png,windows/Console3270.ico,
# macos/Console3270.icns}.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
font=/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf
out="$here/linux/resources/Console3270.png"
convert -size 256x256 xc:none \
  -fill '#1b1f24' -stroke '#5a6270' -strokewidth 6 -draw 'roundrectangle 8,16 247,215 22,22' \
  -stroke none -fill '#0b0e11' -draw 'rectangle 26,34 229,197' \
  -fill '#5a6270' -draw 'rectangle 108,215 147,232' -draw 'roundrectangle 64,230 191,246 6,6' \
  -font "$font" -pointsize 64 -fill '#33ff66' -gravity center -annotate +0-22 '3270' \
  -gravity northwest -draw 'rectangle 48,150 76,160' \
  -fill '#1f8f43' -pointsize 18 -annotate +92+142 'READY' \
  -depth 8 -strip -define png:exclude-chunks=date,time "$out"
echo "wrote $out"

convert "$out" -define icon:auto-resize=256,128,64,48,32,16 "$here/windows/Console3270.ico"
echo "wrote $here/windows/Console3270.ico"

# .icns: a header, then one PNG per size, each as type (4 bytes), length, data
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for size in 16 32 64 128; do
  convert "$out" -resize ${size}x${size} -strip "$tmp/$size.png"
done
cp "$out" "$tmp/256.png"
python3 - "$tmp" "$here/macos/Console3270.icns" <<'PY'
import struct, sys
tmp, target = sys.argv[1], sys.argv[2]
entries = b""
for kind, size in ((b"icp4", 16), (b"icp5", 32), (b"icp6", 64), (b"ic07", 128), (b"ic08", 256)):
    data = open(f"{tmp}/{size}.png", "rb").read()
    entries += kind + struct.pack(">I", 8 + len(data)) + data
open(target, "wb").write(b"icns" + struct.pack(">I", 8 + len(entries)) + entries)
PY
echo "wrote $here/macos/Console3270.icns"
