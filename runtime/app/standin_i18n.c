/* Stand-in for i18n while runtime/i18n/ has no implementation on this branch: no packs (the
 * runtime then shows msgids, i.e. English), and plain C formatting. Built only when
 * runtime/i18n/ has no .c file (runtime/app/module.mk). */
#include <stdio.h>
#include <string.h>

#include "base/base.h"
#include "i18n/i18n.h"

md_i18n *md_i18n_create(const char *locales_dir)
{
    md_log(MD_LOG_WARN, "I18N", "[%s] stand-in: no locale packs on this branch yet", locales_dir);
    return NULL;
}

void md_i18n_destroy(md_i18n *i18n)
{
    (void)i18n;
}

int md_i18n_language_count(const md_i18n *i18n)
{
    (void)i18n;
    return 0;
}

const md_lang_info *md_i18n_language(const md_i18n *i18n, int i)
{
    (void)i18n;
    (void)i;
    return NULL;
}

const md_lang_info *md_i18n_find(const md_i18n *i18n, const char *code)
{
    (void)i18n;
    (void)code;
    return NULL;
}

int md_i18n_set_language(md_i18n *i18n, const char *code)
{
    (void)i18n;
    (void)code;
    return 0;
}

const char *md_i18n_current(const md_i18n *i18n)
{
    (void)i18n;
    return "en";
}

const char *md_i18n_tr(md_i18n *i18n, const char *domain, const char *msgctxt, const char *msgid)
{
    (void)i18n;
    (void)domain;
    (void)msgctxt;
    return msgid;
}

const char *md_i18n_tr_lang(md_i18n *i18n, const char *lang, const char *domain,
                            const char *msgctxt, const char *msgid)
{
    (void)lang;
    return md_i18n_tr(i18n, domain, msgctxt, msgid);
}

int md_i18n_format(md_i18n *i18n, const char *lang, const char *pattern, const md_arg *args,
                   int n_args, char *out, size_t cap)
{
    (void)i18n;
    (void)lang;
    (void)args;
    (void)n_args;
    snprintf(out, cap, "%s", pattern);
    return -1;
}

int md_i18n_format_number(const char *lang, double value, int max_fraction_digits, char *out,
                          size_t cap)
{
    (void)lang;
    snprintf(out, cap, "%.*f", max_fraction_digits, value);
    return 0;
}

int md_i18n_format_krw(const char *lang, long long won, char *out, size_t cap)
{
    (void)lang;
    snprintf(out, cap, "%lld KRW", won);
    return 0;
}

int md_i18n_format_date(const char *lang, long long unix_ms, const char *skeleton,
                        const char *time_zone, char *out, size_t cap)
{
    (void)lang;
    (void)skeleton;
    (void)time_zone;
    snprintf(out, cap, "%lld", unix_ms / 1000);
    return 0;
}

int md_i18n_poll_reload(md_i18n *i18n)
{
    (void)i18n;
    return 0;
}
