#!/bin/sh
# Checks that every font file named in the font table exists in one of the table's `dir` folders,
# and names the Debian package that provides the folder when one is missing. Run by `make`.
set -u
table=${1:-fonts/fonts.conf}
[ -r "$table" ] || { echo "fonts: cannot read $table" >&2; exit 1; }
dirs=$(awk '$1 == "dir" { print $2 "|" $3 }' "$table")
missing=0
for f in $(awk '!/^[ \t]*#/ && $1 != "dir" && NF >= 4 { print $3; if (NF >= 6) print $5 }' "$table" | sort -u); do
    found=0; pkgs=""
    for d in $dirs; do
        [ -e "${d%%|*}/$f" ] && { found=1; break; }
        pkgs="$pkgs ${d#*|}"
    done
    if [ $found = 0 ]; then
        echo "fonts: $f not found (install one of:$pkgs)" >&2
        missing=1
    fi
done
exit $missing
