#!/bin/sh
# Install the kiosk on Debian or Ubuntu from this folder, then start it.
#
#   sh install.sh [--dry-run] [--no-start] [--packages-only] [KIOSK ARGUMENTS...]
#
# 1. The Debian packages Qt needs to draw a window (below), with apt-get: as root
#    directly, otherwise through sudo (a fresh Debian has no sudo for root).
# 2. A private Python environment in .venv here, with the kiosk installed in it:
#    nothing is installed for the whole system but the Debian packages.
# 3. The kiosk, started on the newest bundled pack (or with KIOSK ARGUMENTS, e.g.
#    "run 2023 --windowed 1280x720"); Esc or Ctrl+Q quits.
#
# --dry-run prints each command instead of running it; --no-start stops after
# step 2; --packages-only does step 1 alone (.ci/run adds its test tools to it).
set -eu

# Qt draws the window through X11's XCB libraries: since Qt 6.5 it needs
# libxcb-cursor0, and a minimal system lacks libxcb-icccm4 and libxcb-keysyms1 too;
# libxkbcommon-x11-0 maps the keyboard, and libegl1 is needed by Qt's graphics
# stack even without a GPU. python3-venv makes the private environment. tzdata
# tells the schedule and the opening hours the machine's time zone and its daylight
# saving; xset (x11-xserver-utils) switches the display off outside opening hours.
PACKAGES="python3-venv libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xkb1 libxkbcommon-x11-0 libegl1
tzdata x11-xserver-utils"

dry_run=
start=yes
packages_only=
while [ $# -gt 0 ]; do
    case "$1" in
        --dry-run) dry_run=yes ;;
        --no-start) start= ;;
        --packages-only) packages_only=yes ;;
        -h | --help)
            sed -n '2,14s/^# \{0,1\}//p' "$0"
            exit 0
            ;;
        *) break ;;
    esac
    shift
done

run() {
    echo "+ $*"
    if [ -z "$dry_run" ]; then
        "$@"
    fi
}

if [ "$(id -u)" = 0 ]; then
    as_root=
elif command -v sudo >/dev/null 2>&1; then
    as_root=sudo
else
    echo "install.sh: installing the Debian packages needs root: run it as root, or" \
        "install sudo first" >&2
    exit 1
fi

# shellcheck disable=SC2086  # $as_root is empty or one word; $PACKAGES is a list
run $as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
# shellcheck disable=SC2086
run $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
    --no-install-recommends $PACKAGES
if [ -n "$packages_only" ]; then
    exit 0
fi

cd "$(dirname "$0")"
run python3 -m venv .venv
run .venv/bin/pip install .
if [ -n "$start" ]; then
    if [ -n "$dry_run" ]; then
        echo "+ .venv/bin/kiosk $*"
    else
        exec .venv/bin/kiosk "$@"
    fi
fi
