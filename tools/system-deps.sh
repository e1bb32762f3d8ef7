#!/bin/sh
# Installs the Debian/Ubuntu packages portwindow needs: Qt's runtime libraries (to run),
# plus the test tools (to test), plus the packaging tools (to build and check the .deb).
# Usage: tools/system-deps.sh run|test|package
# As root it installs with apt-get; otherwise it uses sudo when that needs no password,
# and else lists what is missing and carries on (the step that needs it will say so).
set -eu
what="${1:-run}"
run_pkgs="python3-venv libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-xkb1"
test_pkgs="nmap iptables iproute2 xvfb xauth fonts-ipafont-gothic util-linux openssh-server openssh-client nginx-light openssl poppler-utils ndiff masscan"
# binutils: objdump for PyInstaller and build_deb.py; xdotool: packaging/measure.py
package_pkgs="binutils desktop-file-utils appstream xdotool"
pkgs="$run_pkgs"
[ "$what" = "test" ] && pkgs="$run_pkgs $test_pkgs"
[ "$what" = "package" ] && pkgs="$run_pkgs $test_pkgs $package_pkgs"
command -v dpkg-query >/dev/null 2>&1 || { echo "system-deps: not a Debian system; skipping"; exit 0; }
missing=""
for p in $pkgs; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
    apt=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    apt="sudo -n"
else
    echo "system-deps: please install:$missing (not root, no sudo)"
    exit 0
fi
echo "system-deps: installing$missing"
$apt env DEBIAN_FRONTEND=noninteractive apt-get update -qq
# shellcheck disable=SC2086
$apt env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
