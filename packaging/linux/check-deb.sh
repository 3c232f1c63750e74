#!/usr/bin/env bash
# Checks a Console3270 .deb: its control fields and the files the menu entry
# needs. Prints what it checked; exits 1 (naming every problem) if any is wrong.
# Usage: check-deb.sh PATH.deb|DIR   (DIR: the one console3270_*.deb in it; needs dpkg-deb)
set -uo pipefail
deb="${1:?usage: check-deb.sh PATH.deb|DIR}"
if [ -d "$deb" ]; then
  debs=("$deb"/console3270_*.deb)
  [ ${#debs[@]} -eq 1 ] && [ -f "${debs[0]}" ] \
    || { echo "check-deb: expected one console3270_*.deb in $deb, found: ${debs[*]}" >&2; exit 1; }
  deb="${debs[0]}"
fi
[ -f "$deb" ] || { echo "check-deb: no such file: $deb" >&2; exit 1; }
problems=()
field() { dpkg-deb -f "$deb" "$1" 2>/dev/null; }
# the package relation lists, one name per line, without version constraints
names() { tr ',|' '\n\n' | sed -E 's/\(.*\)//; s/^[[:space:]]+//; s/[[:space:]]+$//' | grep -v '^$'; }

depends="$(field Depends)"
names <<<"$depends" | grep -qx 'libgtk-3-0' || problems+=("Depends lacks libgtk-3-0: $depends")
recommends="$(field Recommends)"
names <<<"$recommends" | grep -qx 'fonts-3270' || problems+=("Recommends lacks fonts-3270: '$recommends'")
[ "$(field Package)" = console3270 ] || problems+=("Package is '$(field Package)', not console3270")

listing="$(dpkg-deb -c "$deb" | awk '{print $NF}' | sed 's#^\./#/#')"
launcher=/opt/console3270/bin/Console3270
desktop=/opt/console3270/lib/console3270-Console3270.desktop
icon=/opt/console3270/lib/Console3270.png
for f in "$launcher" "$desktop" "$icon"; do
  grep -qx "$f" <<<"$listing" || problems+=("missing file $f")
done

entry="$(dpkg-deb --fsys-tarfile "$deb" | tar -xOf - ".$desktop" 2>/dev/null)"
grep -qx "Exec=$launcher" <<<"$entry" || problems+=("the desktop entry does not run $launcher")
grep -qx "Icon=$icon" <<<"$entry" || problems+=("the desktop entry's icon is not $icon")
grep -q '^Categories=.*TerminalEmulator' <<<"$entry" || problems+=("the desktop entry has no menu category")

# the icon must be the project's, not jpackage's default (a PNG of 256x256)
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
dpkg-deb --fsys-tarfile "$deb" | tar -xOf - ".$icon" >"$tmp/icon.png" 2>/dev/null
png="$(od -An -tx1 -N24 "$tmp/icon.png" | tr -d ' \n')"
[ "${png:32:16}" = "0000010000000100" ] || problems+=("the icon is not the 256x256 project icon")

postinst="$(dpkg-deb -I "$deb" postinst 2>/dev/null)"
grep -q "xdg-desktop-menu install $desktop" <<<"$postinst" || problems+=("postinst does not install the menu entry")

if [ ${#problems[@]} -gt 0 ]; then
  printf 'check-deb: %s\n' "${problems[@]}" >&2
  echo "check-deb: $deb FAILED (${#problems[@]} problem(s))" >&2
  exit 1
fi
echo "check-deb: $deb ok ($(du -h "$deb" | cut -f1))"
echo "  Depends: $depends"
echo "  Recommends: $recommends"
echo "  menu entry $desktop, icon $icon"
