#!/bin/sh
# What a new user trips on (issue 9, items 17 and 19): the README's madang-text example must not
# write into the repository, and `make fuzz` must get clang through tools/deps.sh (as `make test`
# gets its packages) instead of failing on a missing compiler.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${MD_BUILD:-build}
case "$BUILD" in /*) ;; *) BUILD="$ROOT/$BUILD" ;; esac
pass=0; fail=0
ok() { pass=$((pass+1)); }
bad() { echo "FAIL $*"; fail=$((fail+1)); }
t=$(mktemp -d /tmp/md-docs-XXXXXX)

# The README's madang-text line, run as written (from the repository root, with this build).
line=$(grep -m1 'build/bin/madang-text .*--out' "$ROOT/README.md" | sed 's/  *#.*//')
out=$(printf '%s\n' "$line" | sed -n 's/.*--out \([^ ]*\).*/\1/p')
case "$out" in
    /*) ok ;;
    *) bad "README: the madang-text example writes \"$out\" into the current folder (the repository)" ;;
esac
cmd=$(printf '%s\n' "$line" | sed "s|build/bin/madang-text|$BUILD/bin/madang-text|; s|--out [^ ]*|--out $t/readme.png|")
before=$(cd "$ROOT" && git status --porcelain --untracked-files=all 2>/dev/null | wc -l)
if (cd "$ROOT" && eval "$cmd") >"$t/text.log" 2>&1 && [ -s "$t/readme.png" ]; then ok
else bad "README's madang-text example fails:"; tail -n 3 "$t/text.log"; fi
after=$(cd "$ROOT" && git status --porcelain --untracked-files=all 2>/dev/null | wc -l)
[ "$before" = "$after" ] && ok || bad "README's madang-text example left files in the repository"

# tools/deps.sh: `fuzz` adds clang and libFuzzer's runtime; plain (make test) does not need them.
# A fake dpkg-query says exactly clang and libclang-rt-14-dev are missing; a fake id says "not
# root", so deps.sh prints the apt-get command instead of installing.
mkdir -p "$t/bin"
cat > "$t/bin/dpkg-query" <<'EOS'
#!/bin/sh
for a; do p=$a; done
case "$p" in clang|libclang-rt-14-dev) exit 1 ;; esac
printf 'install ok installed'
EOS
printf '#!/bin/sh\necho 1000\n' > "$t/bin/id"
chmod +x "$t/bin/dpkg-query" "$t/bin/id"
PATH="$t/bin:$PATH" sh "$ROOT/tools/deps.sh" >"$t/deps.log" 2>&1 && ok || bad "deps.sh (make test) wants clang"
if PATH="$t/bin:$PATH" sh "$ROOT/tools/deps.sh" fuzz >"$t/deps-fuzz.log" 2>&1; then
    bad "deps.sh fuzz passes without clang"
elif grep -q 'apt-get install -y --no-install-recommends clang libclang-rt-14-dev' "$t/deps-fuzz.log"; then ok
else bad "deps.sh fuzz does not name clang:"; cat "$t/deps-fuzz.log"; fi
# `make fuzz` runs that check before building the fuzzers.
(cd "$ROOT" && make -n -f Makefile fuzz MD_INNER= 2>/dev/null | grep -q 'tools/deps.sh fuzz') && ok ||
    bad "make fuzz does not check for clang through tools/deps.sh"
rm -rf "$t"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
