/* madang-locale: the city staff's tool for the locale packs (docs/LOCALES.md).
 *   lint [--trees DIR] [--fix-zawgyi] PATH...  check packs; errors "file:line: reason" (exit 1),
 *                                              warnings exit 0
 *   stats [LOCALES_DIR]                        translated / fuzzy / missing per language, domain
 *   update [--root DIR] [--plugins DIR] [--domain NAME]
 *                                              re-extract .pot templates with xgettext, msgmerge
 *   preview LANG MSGID [NAME=VALUE...]         what a kiosk shows for a message, formatted
 * It uses the runtime's own PO reader and MessageFormat checker, so lint accepts exactly what a
 * kiosk accepts; the width check lays translations out with the real text engine. One file per
 * subcommand (lint.c, stats.c, update.c, preview.c), with zawgyi.c, trees.c and util.c.
 */
#include <stdio.h>
#include <string.h>

#include "locale_tool.h"

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "lint") == 0)
        return cmd_lint(argc - 2, argv + 2);
    if (argc >= 2 && strcmp(argv[1], "stats") == 0)
        return cmd_stats(argc - 2, argv + 2);
    if (argc >= 2 && strcmp(argv[1], "update") == 0)
        return cmd_update(argc - 2, argv + 2);
    if (argc >= 2 && strcmp(argv[1], "preview") == 0)
        return cmd_preview(argc - 2, argv + 2);
    fprintf(stderr,
            "usage: madang-locale lint [--trees DIR] [--fix-zawgyi] PATH...\n"
            "       madang-locale stats [LOCALES_DIR]\n"
            "       madang-locale update [--root DIR] [--domain NAME]\n"
            "       madang-locale preview [--domain D] [--context C] LANG MSGID [NAME=VALUE...]\n"
            "See docs/LOCALES.md.\n");
    return 2;
}
