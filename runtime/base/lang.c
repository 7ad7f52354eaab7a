/* Language codes and lists of them: the one validation of a code (the kiosk's configuration,
 * locales.conf and scripts all use it) and the fixed-size list the configuration, i18n and the
 * flow keep their offered languages in, with the one limit MD_LANG_LIST_MAX.
 */
#include <stdio.h>
#include <string.h>

#include "base/base.h"

int md_lang_code_valid(const char *code)
{
    if (!code)
        return 0;
    size_t n = strlen(code);
    if (n < 2 || n > MD_LANG_CODE_MAX)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = code[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-'))
            return 0;
    }
    return code[0] != '-' && code[n - 1] != '-';
}

int md_lang_list_find(const md_lang_list *list, const char *code)
{
    if (!code)
        return -1;
    for (int i = 0; i < list->n; i++)
        if (!strcmp(list->code[i], code))
            return i;
    return -1;
}

int md_lang_list_add(md_lang_list *list, const char *code)
{
    if (!md_lang_code_valid(code) || list->n >= MD_LANG_LIST_MAX)
        return -1;
    snprintf(list->code[list->n], sizeof list->code[0], "%s", code);
    list->n++;
    return 0;
}
