#!/bin/sh
# Reads the #include "folder/file.h" lines of every C file under runtime/ and fails when the
# folders include each other in a cycle (e.g. host -> config -> host): the runtime is layered,
# base at the bottom, app at the top (docs/ARCHITECTURE.md). Prints the folder graph, then one
# line per cycle with the include lines that close it.
#   tests/style/check-includes.sh            this tree's runtime/, then a planted cycle that must
#                                            be reported (so the check can fail); make test runs this
#   tests/style/check-includes.sh DIR        only the folders under DIR
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)

# Prints "N passed, N failed" for one tree; exit status 1 on a cycle.
check_tree() {
    dir=$1
    # "from to file:line" for each include of another runtime folder's header.
    edges=$(cd "$dir" && grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"[a-z0-9_]*/' \
        */*.c */*.h 2>/dev/null |
        sed -E 's|^([a-z0-9_]+)/([^:]*):([0-9]+):[^"]*"([a-z0-9_]+)/.*|\1 \4 \1/\2:\3|' |
        while read -r from to where; do
            [ "$from" != "$to" ] && [ -d "$to" ] && echo "$from $to $where"
        done)
    printf '%s\n' "$edges" | awk -v dir="$dir" '
        NF == 3 {
            key = $1 SUBSEP $2
            if (!(key in where)) { where[key] = $3; adj[$1] = adj[$1] " " $2; nodes[$1]; nodes[$2] }
        }
        function dfs(u,    n, i, v, list, j, path) {
            state[u] = 1; stack[++depth] = u
            n = split(adj[u], list, " ")
            for (i = 1; i <= n; i++) {
                v = list[i]
                if (state[v] == 1) {
                    path = ""
                    for (j = 1; j <= depth; j++) if (stack[j] == v) break
                    for (; j <= depth; j++) path = path stack[j] " -> "
                    path = path v
                    if (!(path in seen)) {
                        seen[path] = 1; cycles++
                        printf "FAIL include cycle between runtime folders: %s\n", path
                        for (j = 1; j <= depth; j++) if (stack[j] == v) break
                        for (; j < depth; j++)
                            printf "    %s includes %s/...\n", where[stack[j] SUBSEP stack[j+1]], stack[j+1]
                        printf "    %s includes %s/...\n", where[u SUBSEP v], v
                    }
                } else if (state[v] == 0) dfs(v)
            }
            depth--; state[u] = 2
        }
        END {
            for (u in nodes) {
                line = u " ->"
                n = split(adj[u], list, " ")
                for (i = 1; i <= n; i++) line = line " " list[i]
                print "  " line | "sort"
            }
            close("sort")
            for (u in nodes) if (state[u] == 0) dfs(u)
            if (cycles) { printf "0 passed, %d failed\n", cycles; exit 1 }
            printf "ok no include cycle between the folders of %s\n1 passed, 0 failed\n", dir
        }'
}

if [ $# = 0 ]; then
    out=$(check_tree "$ROOT/runtime"); rc=$?
    printf '%s\n' "$out" | grep -v 'passed, [0-9]* failed$'
    pass=0; fail=0
    [ "$rc" = 0 ] && pass=$((pass+1)) || fail=$((fail+1))
    # The check must be able to fail: a planted a -> b -> a cycle is reported.
    tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
    mkdir -p "$tmp/a" "$tmp/b" "$tmp/c"
    printf '#include "b/b.h"\n' > "$tmp/a/a.c"
    printf '#include "c/c.h"\n' > "$tmp/b/b.h"
    printf '#include "a/a.h"\n#include "c/x.h"\n' > "$tmp/c/c.c"
    planted=$(check_tree "$tmp")
    if [ $? = 1 ] && printf '%s\n' "$planted" | grep -q 'include cycle between runtime folders'; then
        echo "ok a planted cycle a -> b -> c -> a is reported"; pass=$((pass+1))
    else
        printf '%s\n' "$planted"; echo "FAIL the planted cycle a -> b -> c -> a was not reported"; fail=$((fail+1))
    fi
    echo "$pass passed, $fail failed"
    [ "$fail" = 0 ]
    exit
fi
check_tree "$1"
