#!/bin/sh
# Runtime benchmark: start-up to first frame, peak RSS, and home-screen frame time (p50/p99) at
# 1920x1080 in the software renderer, with the development configuration (all 17 languages, the
# bundled plugins). Prints "bench <name> <value> <unit>" lines; never pass/fail.
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${MD_BUILD:-build}
case "$BUILD" in /*) ;; *) BUILD="$ROOT/$BUILD" ;; esac
exec "$BUILD/bin/madang" --bench --size 1920x1080 --frames 300 --config "$ROOT/config/dev.conf" 2>/dev/null
