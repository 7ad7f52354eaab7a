#!/bin/sh
# Writes plugins/menu/content_msgids.c from the sample content's menu.json with `madang-menu
# msgids`: every restaurant name, dish name and description as N_("…"), so `madang-locale update`
# puts them in the menu's PO templates and translators see them like any other text. Run it after
# changing the content (build first: make):
#     sh plugins/menu/tools/gen_msgids.sh
set -eu
dir=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$dir/../.." && pwd)
"${MD_BUILD:-$root/build}/bin/madang-menu" msgids "$dir/content" > "$dir/content_msgids.c.tmp"
mv "$dir/content_msgids.c.tmp" "$dir/content_msgids.c"
clang-format -i "$dir/content_msgids.c" 2>/dev/null || true
