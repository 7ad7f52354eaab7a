#!/bin/sh
# Runs each test program or script given, reads its closing "N passed, N failed" line, and prints
# the totals. Exits 1 if any test failed, printed no summary, or exited non-zero.
set -u
total_pass=0; total_fail=0; broken=""
for t in "$@"; do
    out=$("$t" 2>&1); rc=$?
    line=$(printf '%s\n' "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed' | tail -n 1)
    if [ -z "$line" ]; then
        printf '%s\n' "$out" | tail -n 30
        echo "FAIL $t: exit $rc, no summary line"; broken="$broken $t"; total_fail=$((total_fail+1)); continue
    fi
    p=$(echo "$line" | sed -E 's/^([0-9]+) passed.*/\1/'); f=$(echo "$line" | sed -E 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/')
    if [ "$rc" != 0 ] || [ "$f" != 0 ]; then
        printf '%s\n' "$out" | grep -v '^ok ' | tail -n 40
        echo "FAIL $t: $line (exit $rc)"; broken="$broken $t"
        [ "$f" = 0 ] && f=1
    else
        echo "ok   $t: $line"
    fi
    total_pass=$((total_pass+p)); total_fail=$((total_fail+f))
done
echo "${MD_BUILD:-build}: $total_pass passed, $total_fail failed"
[ "$total_fail" = 0 ] && [ -z "$broken" ]
