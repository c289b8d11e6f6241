#!/usr/bin/env bash
# Build the Linux release from a PyInstaller bundle: a .deb (dpkg-deb) and a tarball.
#   installer/build_linux.sh [DIST_DIR]     (default: dist, where `pyinstaller build.spec` puts it)
# Installs to /opt/screener with /usr/bin/screener and a desktop entry. Per-user data goes to the
# platform data folder (~/.local/share/Screener), never next to the program.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dist="$(cd "${1:-$root/dist}" && pwd)"
bundle="$dist/screener"
[ -x "$bundle/screener" ] || { echo "no PyInstaller bundle at $bundle (run: pyinstaller build.spec)" >&2; exit 2; }
version="$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$root/screener/__init__.py")"
arch="$(dpkg --print-architecture 2>/dev/null || echo amd64)"

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" \
         "$stage/usr/share/icons/hicolor/256x256/apps" "$stage/DEBIAN"
cp -a "$bundle" "$stage/opt/screener"
ln -s /opt/screener/screener "$stage/usr/bin/screener"
if [ -f "$root/resources/icons/screener.png" ]; then
  cp "$root/resources/icons/screener.png" "$stage/usr/share/icons/hicolor/256x256/apps/screener.png"
fi
cat > "$stage/usr/share/applications/screener.desktop" <<DESKTOP
[Desktop Entry]
Type=Application
Name=Screener
Comment=Export-compliance screening of order spreadsheets
Exec=/opt/screener/screener gui %f
Icon=screener
Terminal=false
Categories=Office;Finance;
MimeType=application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;text/csv;
DESKTOP
size_kb="$(du -sk "$stage/opt" | cut -f1)"
cat > "$stage/DEBIAN/control" <<CONTROL
Package: screener
Version: $version
Section: misc
Priority: optional
Architecture: $arch
Installed-Size: $size_kb
Maintainer: Screener team <screener@example.invalid>
Description: Offline export-compliance screening
 Screens order spreadsheets against sanctions and restricted-party lists,
 CHPL goods and destination risk; tamper-evident decision log; Excel reports.
CONTROL

deb="$dist/screener_${version}_${arch}.deb"
dpkg-deb --build --root-owner-group "$stage" "$deb" >/dev/null
tarball="$dist/screener-${version}-linux-$(uname -m).tar.gz"
tar -czf "$tarball" -C "$dist" screener
echo "bundle:  $bundle ($(du -sh "$bundle" | cut -f1) unpacked)"
echo "deb:     $deb ($(du -h "$deb" | cut -f1))"
echo "tarball: $tarball ($(du -h "$tarball" | cut -f1))"
