#!/usr/bin/env bash
# Build the Linux release from a PyInstaller bundle: a .deb (dpkg-deb) and a tarball.
#   installer/build_linux.sh [DIST_DIR]     (default: dist, where `pyinstaller build.spec` puts it)
#   installer/build_linux.sh --print-control   the DEBIAN/control it would write, nothing built
# Installs to /opt/screener with /usr/bin/screener and a desktop entry. Per-user data goes to the
# platform data folder (~/.local/share/Screener), never next to the program.
# Install with `sudo apt install ./dist/screener_VERSION_amd64.deb` (apt also pulls in the
# Recommends: the X11/Wayland libraries Qt's display plugins load but the bundle does not carry;
# the command line and `screener self-test` need none of them). Remove: `sudo apt remove screener`.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
print_control=0
if [ "${1:-}" = "--print-control" ]; then print_control=1; shift; fi
version="$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$root/screener/__init__.py")"
[ -n "$version" ] || { echo "no __version__ in screener/__init__.py" >&2; exit 2; }
arch="$(dpkg --print-architecture 2>/dev/null || echo amd64)"

control() {  # $1: installed size in KiB, $2: the newest glibc symbol version the bundle needs
  cat <<CONTROL
Package: screener
Version: $version
Section: misc
Priority: optional
Architecture: $arch
Installed-Size: $1
Depends: libc6${2:+ (>= $2)}, libxcb-cursor0
Recommends: libgl1, libegl1, libxcb1, libxcb-icccm4, libxcb-keysyms1, libwayland-client0,
 libwayland-cursor0, libwayland-egl1
Maintainer: Screener team <screener@example.invalid>
Description: Offline export-compliance screening
 Screens order spreadsheets against sanctions and restricted-party lists,
 CHPL goods and destination risk; tamper-evident decision log; Excel reports.
 Self-contained (Python and Qt included); run "screener self-test" after installing.
CONTROL
}

if [ "$print_control" = 1 ]; then
  control 0
  exit 0
fi
dist="$(cd "${1:-$root/dist}" && pwd)"
bundle="$dist/screener"
if [ ! -x "$bundle/screener" ]; then
  echo "no PyInstaller bundle at $bundle (run: pyinstaller build.spec)" >&2; exit 2
fi

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
Exec=/opt/screener/screener gui
Icon=screener
Terminal=false
Categories=Office;Finance;
DESKTOP
size_kb="$(du -sk "$stage/opt" "$stage/usr" | awk '{n += $1} END {print n}')"
glibc=""
if command -v objdump >/dev/null; then
  glibc="$(find "$bundle" -type f \( -name '*.so*' -o -name screener \) -exec objdump -T {} + 2>/dev/null \
           | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -Vu | tail -1 || true)"
fi
control "$size_kb" "$glibc" > "$stage/DEBIAN/control"
chmod -R u=rwX,go=rX "$stage"

deb="$dist/screener_${version}_${arch}.deb"
dpkg-deb --build --root-owner-group "$stage" "$deb" >/dev/null
tarball="$dist/screener-${version}-linux-$(uname -m).tar.gz"
tar -czf "$tarball" -C "$dist" screener
echo "bundle:  $bundle ($(du -sm --apparent-size "$bundle" | cut -f1) MB unpacked)"
echo "deb:     $deb ($(du -h "$deb" | cut -f1))"
echo "tarball: $tarball ($(du -h "$tarball" | cut -f1))"
