#!/bin/sh
# Builds each fuzz target with clang's libFuzzer and ASan+UBSan, compiling the runtime sources
# (MD_LIB_SRCS, passed by `make fuzz`) with coverage instrumentation too, so libFuzzer can see
# inside the parsers. Runs each for MD_FUZZ_SECONDS (default 60) from its seed corpus in
# tests/fuzz/corpus/<name>/; new inputs it finds go to build-fuzz/corpus-<target>/.
# Needs clang and libclang-rt-14-dev: apt-get install -y clang libclang-rt-14-dev
set -eu
secs=${MD_FUZZ_SECONDS:-60}
command -v clang >/dev/null || { echo "fuzz: needs clang: apt-get install -y clang libclang-rt-14-dev" >&2; exit 1; }
: "${MD_LIB_SRCS:?run through make fuzz}"
mkdir -p build-fuzz
pkgs="sdl2 SDL2_image icu-uc icu-i18n harfbuzz freetype2 libcurl libsodium libqrencode jansson"
for src in "$@"; do
    name=$(basename "$src" .c)
    # shellcheck disable=SC2086 # MD_LIB_SRCS and pkg-config output are word lists
    clang -std=c11 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude -Iruntime \
        -DMD_DATA_DIR="\"$(pwd)\"" $(pkg-config --cflags $pkgs) \
        -o "build-fuzz/$name" "$src" $MD_LIB_SRCS $(pkg-config --libs $pkgs) -ldl -lpthread -lm
    corpus="tests/fuzz/corpus/${name#fuzz_}"
    mkdir -p "build-fuzz/corpus-$name"
    echo "fuzz: $name for ${secs}s"
    "build-fuzz/$name" -max_total_time="$secs" -print_final_stats=1 "build-fuzz/corpus-$name" \
        $( [ -d "$corpus" ] && echo "$corpus" )
done
