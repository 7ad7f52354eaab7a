#!/bin/sh
# Checks that every C source and header of the tree is formatted with the repo's .clang-format
# (clang-format --dry-run -Werror): one result per file, and the command that fixes a file.
# It also feeds clang-format a badly formatted file to prove the check can fail.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT" || exit 1
if ! command -v clang-format >/dev/null 2>&1; then
    echo "FAIL clang-format is not installed (Debian package clang-format; tools/deps.sh lists it)"
    echo "0 passed, 1 failed"
    exit 1
fi
pass=0; fail=0
files=$(find include runtime tools plugins tests bench -name '*.[ch]' -not -path '*/corpus/*' \
    2>/dev/null | sort)
for f in $files; do
    if out=$(clang-format --style=file --dry-run -Werror "$f" 2>&1); then
        pass=$((pass+1))
    else
        printf '%s\n' "$out" | head -n 6
        echo "FAIL $f is not clang-formatted: run  clang-format -i $f"
        fail=$((fail+1))
    fi
done
# The check itself: a file in the tree's style but with a broken layout must be refused.
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cp .clang-format "$tmp/"
printf 'int  f( int x ){return x;}\n' > "$tmp/bad.c"
if (cd "$tmp" && clang-format --style=file --dry-run -Werror bad.c) >/dev/null 2>&1; then
    echo "FAIL clang-format --dry-run -Werror accepted a badly formatted file"; fail=$((fail+1))
else
    pass=$((pass+1))
fi
echo "format: $pass files checked or proved, $fail not formatted (.clang-format, clang-format $(clang-format --version | sed -E 's/.*version ([0-9.]+).*/\1/'))"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
