#!/bin/bash
# Golden-image tests for the text engine: renders each case of tests/text/cases.txt with
# madang-text (the runtime's engine, offscreen software renderer) and compares it with
# tests/golden/text/NAME.png using md-imgdiff (small tolerance for FreeType/SDL patch releases).
#   tests/text/run-golden.sh            compare; prints "N passed, N failed"
#   tests/text/run-golden.sh --update   regenerate the goldens (then LOOK at every PNG);
#                                       MD_UPDATE_GOLDEN=1 does the same, as in the e2e tests
set -u
cd "$(dirname "$0")/../.." || exit 2
build=${MD_BUILD:-build}
tool=$build/bin/madang-text
diff=$build/bin/md-imgdiff
out=$build/golden-text
update=0
[ "${1:-}" = "--update" ] || [ "${MD_UPDATE_GOLDEN:-0}" = 1 ] && update=1
mkdir -p "$out" tests/golden/text
pass=0; fail=0
while IFS='|' read -r name opts text; do
    name=$(echo "$name" | tr -d ' ')
    case "$name" in ''|'#'*) continue ;; esac
    text=$(echo "$text" | sed 's/^ *//; s/ *$//')
    case "$text" in
        @*) src="tests/text/paragraphs/${text#@}.txt" ;;
        *) src="$out/$name.txt"; printf "$(echo "$text" | sed 's/%/%%/g')" > "$src" ;;
    esac
    # shellcheck disable=SC2086
    if ! "$tool" $opts --json --out "$out/$name.png" - < "$src" > "$out/$name.json" 2> "$out/$name.log"; then
        echo "FAIL $name: madang-text failed: $(cat "$out/$name.log")"; fail=$((fail+1)); continue
    fi
    # every case but "unsupported" must be set without a single missing glyph
    missing=$(sed -n 's/.*"totals".*"missing": \([0-9]*\).*/\1/p' "$out/$name.json")
    if [ -z "$missing" ] || { [ "$name" != unsupported ] && [ "$missing" != 0 ]; } ||
       { [ "$name" = unsupported ] && [ "$missing" = 0 ]; }; then
        echo "FAIL $name: missing glyphs: '${missing}' (see $out/$name.json)"; fail=$((fail+1)); continue
    fi
    if [ $update = 1 ]; then
        cp "$out/$name.png" "tests/golden/text/$name.png"; echo "updated $name"; pass=$((pass+1)); continue
    fi
    if [ ! -f "tests/golden/text/$name.png" ]; then
        echo "FAIL $name: no golden (run tests/text/run-golden.sh --update)"; fail=$((fail+1)); continue
    fi
    if r=$("$diff" "tests/golden/text/$name.png" "$out/$name.png" --diff "$out/$name.diff.png"); then
        pass=$((pass+1))
    else
        echo "FAIL $name: $r (actual: $out/$name.png)"; fail=$((fail+1))
    fi
done < tests/text/cases.txt
# The command line itself: stdin and argument give the same layout; bad options are refused.
check() { if "$@"; then pass=$((pass+1)); else echo "FAIL cli: $*"; fail=$((fail+1)); fi; }
a=$("$tool" --lang ko --size 20 --width 120 --json "안산시 다문화 안내" 2>&1)
b=$(printf '안산시 다문화 안내\n' | "$tool" --lang ko --size 20 --width 120 --json - 2>&1)
check [ -n "$a" ] && check [ "$a" = "$b" ]
check grep -q '"lines": 2' <<< "$a"
for bad in "--size abc x" "--size 0 x" "--align sideways x" "--width -3 x" "--max-lines" "--frobnicate x" "" "one two"; do
    # shellcheck disable=SC2086
    "$tool" $bad > /dev/null 2>&1; rc=$?
    check [ "$rc" = 2 ]
done
"$tool" --out /nonexistent-dir/x.png "x" > /dev/null 2>&1; rc=$?
check [ "$rc" = 1 ]
echo "$pass passed, $fail failed"
[ $fail = 0 ]
