#!/bin/sh
# Builds each fuzz target with clang's libFuzzer (ASan+UBSan) and runs it for MD_FUZZ_SECONDS
# (default 60) from its corpus. Needs clang and libclang-rt-14-dev (apt-get install clang).
set -eu
secs=${MD_FUZZ_SECONDS:-60}
command -v clang >/dev/null || { echo "fuzz: needs clang: apt-get install -y clang libclang-rt-14-dev" >&2; exit 1; }
mkdir -p build-fuzz
for src in "$@"; do
    name=$(basename "$src" .c)
    make --no-print-directory MD_INNER=1 MD_SAN=asan build-asan/libmadang.a >/dev/null
    clang -std=c11 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude -Iruntime \
        -DMD_DATA_DIR="\"$(pwd)\"" $(pkg-config --cflags sdl2 icu-uc harfbuzz freetype2) \
        -o "build-fuzz/$name" "$src" build-asan/libmadang.a \
        $(pkg-config --libs sdl2 SDL2_image icu-uc icu-i18n harfbuzz freetype2 libcurl libsodium libqrencode jansson) -ldl -lpthread -lm
    corpus="tests/fuzz/corpus/${name#fuzz_}"
    mkdir -p "build-fuzz/corpus-$name"
    "build-fuzz/$name" -max_total_time="$secs" "build-fuzz/corpus-$name" $( [ -d "$corpus" ] && echo "$corpus" )
done
