#!/bin/sh
# Runs a command in a private network namespace whose only interface is its own loopback,
# so tests and benchmarks that scan 127.0.0.1 or ::1 reach nothing but what they started
# themselves (the machine's own loopback has other programs' ports).
# As root: unshare -n. Otherwise: unshare -rn (a user namespace maps you to root in it).
# Refuses to run the command at all when neither is permitted.
# Usage: tools/in-netns.sh COMMAND [ARG...]
set -eu
[ "$#" -gt 0 ] || { echo "usage: $0 COMMAND [ARG...]" >&2; exit 2; }
command -v unshare >/dev/null 2>&1 || { echo "in-netns: unshare (util-linux) is needed" >&2; exit 1; }
command -v ip >/dev/null 2>&1 || { echo "in-netns: ip (iproute2) is needed" >&2; exit 1; }
if [ "$(id -u)" = 0 ]; then flags="-n"; else flags="-rn"; fi
if ! unshare $flags true 2>/dev/null; then
    echo "in-netns: 'unshare $flags' is not permitted here; refusing to scan this machine's own loopback" >&2
    exit 1
fi
exec unshare $flags sh -c 'ip link set lo up && exec "$@"' in-netns "$@"
