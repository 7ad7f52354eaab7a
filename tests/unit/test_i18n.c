/* Unit tests for runtime/i18n: locales.conf, the PO reader, O(1) lookup with per-message fallback,
 * named-argument MessageFormat (plurals in ru, ur, ko; select; quoting), ICU formatting of
 * numbers, KRW and dates per locale (asserting ICU's real output for fixed inputs), hot reload.
 */
#include "base/base.h"
#include "check.h"
#include "i18n/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <unicode/ubidi.h>
#include <unicode/ustring.h>

static char g_dir[256];
static char g_last_log[1024];
static char g_last_error[1024];
static int g_n_errors;

static char g_first_error[1024]; /* the first error since g_n_errors was last set to 0 */

static int g_bad_utf8_seen; /* the "locales.conf:2: invalid UTF-8" line was logged */

static void sink(void *user, md_log_level level, const char *tag, const char *msg)
{
    if (strstr(msg, "/lg/locales.conf:2: invalid UTF-8"))
        g_bad_utf8_seen = 1;
    (void)user;
    if (level >= MD_LOG_WARN) {
        snprintf(g_last_log, sizeof g_last_log, "%s: %s", tag, msg);
        if (level >= MD_LOG_ERROR) {
            if (g_n_errors == 0)
                snprintf(g_first_error, sizeof g_first_error, "%s: %s", tag, msg);
            g_n_errors++;
            snprintf(g_last_error, sizeof g_last_error, "%s: %s", tag, msg);
        }
    }
}

static void write_file(const char *rel, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", g_dir, rel);
    char *slash = strrchr(path, '/');
    *slash = '\0';
    mkdir(path, 0755);
    *slash = '/';
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    fputs(text, f);
    fclose(f);
}

static const char *CONF =
    "# test languages\n"
    "[ko]\nendonym = 한국어\nscript = Kore\ndirection = ltr\nfallback = ko en\nvoice = ko\n"
    "[en]\nendonym = English\nscript = Latn\ndirection = ltr\nfallback = en ko\n"
    "[ru]\nendonym = Русский\nscript = Cyrl\ndirection = ltr\nfallback = ru en ko\nvoice = ru\n"
    "[uz-Latn]\nendonym = Oʻzbekcha\nscript = Latn\ndirection = ltr\n"
    "fallback = uz-Latn ru en ko\nvoice = uz\n"
    "[ur]\nendonym = اردو\nscript = Arab\ndirection = rtl\nfallback = ur en ko\n";

static const char *HEADER =
    "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\n";

static void setup(void)
{
    snprintf(g_dir, sizeof g_dir, "/tmp/md-test-i18n-XXXXXX");
    if (!mkdtemp(g_dir))
        abort();
    write_file("locales.conf", CONF);
    char buf[4096];
    snprintf(buf, sizeof buf,
             "%s"
             "msgid \"Home\"\nmsgstr \"홈\"\n\n"
             "msgid \"Only in Korean\"\nmsgstr \"한국어만\"\n\n"
             "msgctxt \"verb\"\nmsgid \"Book\"\nmsgstr \"예약하기\"\n\n"
             "msgctxt \"noun\"\nmsgid \"Book\"\nmsgstr \"책\"\n",
             HEADER);
    write_file("ko/runtime.po", buf);
    snprintf(buf, sizeof buf, "%smsgid \"Only in English\"\nmsgstr \"Only in English (en pack)\"\n",
             HEADER);
    write_file("en/runtime.po", buf);
    snprintf(buf, sizeof buf,
             "%s"
             "# a translator comment\n"
             "#: runtime/ui/home.c:12\n"
             "msgid \"Home\"\nmsgstr \"Главная\"\n\n"
             "#, fuzzy\n"
             "msgid \"Back\"\nmsgstr \"Назад\"\n\n"
             "msgid \"\"\n\"{count, plural, one {# seat} other {# seats}}\"\n"
             "msgstr \"\"\n\"{count, plural, one {# место} few {# места} \"\n\"many {# мест} other "
             "{# места}}\"\n\n"
             "msgid \"Untranslated\"\nmsgstr \"\"\n",
             HEADER);
    write_file("ru/runtime.po", buf);
    snprintf(buf, sizeof buf, "%smsgid \"Home\"\nmsgstr \"Bosh sahifa\"\n", HEADER);
    write_file("uz-Latn/runtime.po", buf);
    snprintf(buf, sizeof buf, "%smsgid \"Home\"\nmsgstr \"ہوم\"\n", HEADER);
    write_file("ur/runtime.po", buf);
}

static void teardown(void)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", g_dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", g_dir);
}

static void test_shipped_conf(void)
{
    md_i18n *i = md_i18n_create(MD_DATA_DIR "/locales");
    CHECK(i != NULL);
    if (!i)
        return;
    CHECK_INT(md_i18n_has_conf(i), 1);
    CHECK_INT(md_i18n_language_count(i), 17);
    const char *want[] = {"ko", "en", "zh-Hans", "vi", "ru", "uz-Latn", "kk", "tl", "id",
                          "th", "km", "ne",      "si", "my", "mn",      "ur", "bn"};
    for (int k = 0; k < 17; k++) {
        const md_lang_info *l = md_i18n_language(i, k);
        CHECK_STR(l->code, want[k]);
        CHECK_STR(l->fallbacks[0], want[k]);
        int n = 0;
        while (l->fallbacks[n])
            n++;
        if (strcmp(want[k], "en") && strcmp(want[k], "ko")) {
            CHECK(n >= 3);
            CHECK_STR(l->fallbacks[n - 2], "en");
            CHECK_STR(l->fallbacks[n - 1], "ko");
        }
        CHECK_INT(strlen(l->script), 4);
        CHECK_INT(l->rtl, strcmp(want[k], "ur") == 0);
    }
    CHECK_STR(md_i18n_find(i, "my")->endonym, "မြန်မာ");
    CHECK_STR(md_i18n_find(i, "ur")->script, "Arab");
    CHECK(md_i18n_find(i, "fr") == NULL);
    md_i18n_destroy(i);
}

static void test_conf_errors(void)
{
    const char *bad[] = {
        "[ko]\nendonym = 한국어\nscript = Kore\nfallback = ko en\n[en]\nendonym = E\nscript = "
        "Latn\n"
        "fallback = en ko\n[ru]\nendonym = R\nscript = Cyrl\nfallback = ru ko en\n", /* wrong order
                                                                                      */
        "[ko]\nendonym = 한국어\nscript = Kore\nfallback = ko en\n",                 /* no en */
        "[ko]\nendonym = 한국어\nscript = Kore\ndirection = sideways\nfallback = ko en\n",
        "[ko]\ncolour = red\n",
        "endonym = x\n",
        "[k o]\n",
    };
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        write_file("bad/locales.conf", bad[k]);
        char dir[300];
        snprintf(dir, sizeof dir, "%s/bad", g_dir);
        g_n_errors = 0;
        md_i18n *i = md_i18n_create(dir);
        /* Refused (logged) and replaced by English only: still an instance, nothing to check. */
        CHECK(i != NULL);
        CHECK(g_n_errors >= 1);
        if (i) {
            CHECK_INT(md_i18n_has_conf(i), 0);
            CHECK_INT(md_i18n_language_count(i), 1);
            CHECK_STR(md_i18n_current(i), "en");
            CHECK_STR(md_i18n_language(i, 0)->fallbacks[0], "en");
            CHECK_STR(md_i18n_tr(i, "runtime", NULL, "Home"), "Home");
            CHECK_INT(md_i18n_set_language(i, "ko"), -1);
            CHECK_INT(md_i18n_poll_reload(i), 0);
        }
        md_i18n_destroy(i);
    }
    CHECK(strstr(g_first_error, "locales.conf:1:") != NULL);
    /* No folder at all: English only too. */
    md_i18n *none = md_i18n_create(NULL);
    CHECK(none != NULL && !md_i18n_has_conf(none));
    md_i18n_destroy(none);
}

static void test_po_reader(void)
{
    const char *text = "# header\nmsgid \"\"\nmsgstr \"\"\n\"Language: ru\\n\"\n"
                       "\"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"
                       "#, fuzzy, c-format\n"
                       "msgctxt \"button\"\n"
                       "msgid \"Tab\\there \\\"quoted\\\"\"\n"
                       "msgstr \"\"\n"
                       "\"line one\\n\"\n"
                       "\"line two \\\\ \\101\\x42\"\n\n"
                       "msgid \"plain\"\nmsgstr \"простой\"\n"
                       "#~ msgid \"old\"\n#~ msgstr \"старый\"\n";
    char err[256];
    md_po *po = md_i18n_po_parse(text, strlen(text), "t.po", err, sizeof err);
    CHECK(po != NULL);
    if (!po)
        return;
    CHECK_INT(md_i18n_po_count(po), 3);
    const md_po_entry *e = md_i18n_po_entry(po, 1);
    CHECK_STR(e->msgctxt, "button");
    CHECK_STR(e->msgid, "Tab\there \"quoted\"");
    CHECK_STR(e->msgstr, "line one\nline two \\ AB");
    CHECK_INT(e->fuzzy, 1);
    CHECK_INT(e->line, 8);
    CHECK_INT(e->msgstr_line, 10);
    CHECK_INT(md_i18n_po_msgstr_line(po, 1, 0), 11); /* "line one\n" */
    CHECK_INT(md_i18n_po_msgstr_line(po, 1, 8), 11);
    CHECK_INT(md_i18n_po_msgstr_line(po, 1, 9), 12); /* "line two ..." */
    CHECK_INT(md_i18n_po_msgstr_line(po, 2, 0), 15);
    e = md_i18n_po_entry(po, 2);
    CHECK(e->msgctxt == NULL);
    CHECK_INT(e->fuzzy, 0);
    CHECK_STR(e->msgstr, "простой");
    char lang[16];
    CHECK_STR(md_i18n_po_header(po, "Language", lang, sizeof lang), "ru");
    md_i18n_po_free(po);

    /* Saved by Windows Notepad: a BOM and CRLF line ends. */
    const char *crlf = "\xEF\xBB\xBFmsgid \"a\"\r\nmsgstr \"\"\r\n\"b\"\r\n\r\n#, fuzzy\r\nmsgid "
                       "\"c\"\r\nmsgstr \"d\"\r\n";
    po = md_i18n_po_parse(crlf, strlen(crlf), "crlf.po", err, sizeof err);
    CHECK(po != NULL);
    if (po) {
        CHECK_INT(md_i18n_po_count(po), 2);
        CHECK_STR(md_i18n_po_entry(po, 0)->msgstr, "b");
        CHECK_INT(md_i18n_po_entry(po, 1)->fuzzy, 1);
        CHECK_INT(md_i18n_po_entry(po, 1)->msgstr_line, 7);
        md_i18n_po_free(po);
    }

    struct {
        const char *text, *err;
    } bad[] = {
        {"msgid \"a\"\nmsgstr \"b\n", "x.po:2: unterminated string"},
        {"msgid \"a\"\n\nmsgid \"b\"\nmsgstr \"c\"\n",
         "x.po:3: msgid before the previous entry's msgstr"},
        {"msgid \"a\"\nmsgstr \"b\"\nmsgid \"a\"\nmsgstr \"c\"\n",
         "x.po:3: duplicate message definition (first at line 1)"},
        {"msgid \"a\"\nmsgstr \"b\"\nbogus\n", "x.po:3: unexpected text"},
        {"msgid \"a\"\nmsgstr \"\\q\"\n", "x.po:2: invalid escape sequence \\q"},
        {"msgid \"a\"\nmsgstr \"\xff\"\n", "x.po:2: invalid UTF-8"},
        {"msgid \"a\"\n", "x.po:1: missing msgstr after msgid"},
        {"msgstr \"a\"\n", "x.po:1: msgstr without msgid"},
        {"msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=EUC-KR\\n\"\n",
         "x.po:1: charset must be UTF-8"},
    };
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        po = md_i18n_po_parse(bad[k].text, strlen(bad[k].text), "x.po", err, sizeof err);
        CHECK(po == NULL);
        if (strncmp(err, bad[k].err, strlen(bad[k].err)) != 0) {
            fprintf(stderr, "  got \"%s\", expected \"%s...\"\n", err, bad[k].err);
            CHECK(0);
        }
        md_i18n_po_free(po);
    }
}

static void test_lookup_and_fallback(void)
{
    md_i18n *i = md_i18n_create(g_dir);
    CHECK(i != NULL);
    if (!i)
        return;
    CHECK_STR(md_i18n_current(i), "ko");
    CHECK_STR(md_i18n_tr(i, "runtime", NULL, "Home"), "홈");
    CHECK_STR(md_i18n_tr(i, "runtime", "verb", "Book"), "예약하기");
    CHECK_STR(md_i18n_tr(i, "runtime", "noun", "Book"), "책");
    CHECK_STR(md_i18n_tr(i, "runtime", NULL, "Book"), "Book"); /* no context-less entry */
    CHECK_INT(md_i18n_set_language(i, "uz-Latn"), 0);
    CHECK_INT(md_i18n_set_language(i, "fr"), -1);
    CHECK_STR(md_i18n_current(i), "uz-Latn");
    CHECK_STR(md_i18n_tr(i, "runtime", NULL, "Home"), "Bosh sahifa");
    /* uz-Latn -> ru -> en -> ko, per message */
    CHECK_STR(md_i18n_tr(i, "runtime", NULL, "Back"), "Назад");
    CHECK_STR(md_i18n_tr(i, "runtime", NULL, "Only in English"), "Only in English (en pack)");
    CHECK_STR(md_i18n_tr(i, "runtime", NULL, "Only in Korean"), "한국어만");
    CHECK_STR(md_i18n_tr(i, "runtime", NULL, "Untranslated"), "Untranslated");
    CHECK_STR(md_i18n_tr(i, "runtime", NULL, "Never heard of"), "Never heard of");
    CHECK_STR(md_i18n_tr(i, "no.such.plugin", NULL, "Home"), "Home");
    CHECK_STR(md_i18n_tr_lang(i, "ur", "runtime", NULL, "Home"), "ہوم");
    CHECK_STR(md_i18n_tr_lang(i, "ur", "runtime", NULL, "Back"), "Back"); /* ur en ko: no ru */
    /* Fuzzy entries are shown by default; excluded, they fall back like missing ones. */
    md_i18n_set_use_fuzzy(i, 0);
    CHECK_STR(md_i18n_tr_lang(i, "ru", "runtime", NULL, "Back"), "Back");
    md_i18n_set_use_fuzzy(i, 1);
    int n_tr = 0, n_fuzzy = 0;
    CHECK_INT(md_i18n_pack_counts(i, "ru", "runtime", &n_tr, &n_fuzzy), 0);
    CHECK_INT(n_tr, 3);
    CHECK_INT(n_fuzzy, 1);
    md_i18n_destroy(i);
}

static void test_named_arguments(void)
{
    char out[256];
    md_arg args[] = {{"name", MD_ARG_STRING, {.s = "Minh"}}, {"n", MD_ARG_INT, {.i = 12000}}};
    CHECK_INT(md_i18n_format(NULL, "en", "Hello {name}, {n} left", args, 2, out, sizeof out), 0);
    CHECK_STR(out, "Hello Minh, 12,000 left");
    CHECK_INT(
        md_i18n_format(NULL, "en", "{ n , number , integer }/{name}", args, 2, out, sizeof out), 0);
    CHECK_STR(out, "12,000/Minh");
    CHECK_INT(md_i18n_format(NULL, "ko", "{n, number, currency}", args, 2, out, sizeof out), 0);
    CHECK_STR(out, "₩12,000");
    md_arg pct = {"p", MD_ARG_DOUBLE, {.d = 0.25}};
    CHECK_INT(md_i18n_format(NULL, "en", "{p, number, percent}", &pct, 1, out, sizeof out), 0);
    CHECK_STR(out, "25%");
    CHECK_INT(
        md_i18n_format(NULL, "en", "{p, number, ::percent scale/100 .0}", &pct, 1, out, sizeof out),
        0);
    CHECK_STR(out, "25.0%");
    /* Apostrophe quoting as ICU: '' is one quote, '{' starts quoted text, a lone ' is literal. */
    CHECK_INT(md_i18n_format(NULL, "en", "It's '{name}' and ''{name}''", args, 2, out, sizeof out),
              0);
    CHECK_STR(out, "It's {name} and 'Minh'");
    md_arg g[] = {{"gender", MD_ARG_STRING, {.s = "female"}}, {"who", MD_ARG_STRING, {.s = "Ana"}}};
    const char *sel = "{gender, select, female {{who} has her ticket} male {{who} has his ticket} "
                      "other {{who} has their ticket}}";
    CHECK_INT(md_i18n_format(NULL, "en", sel, g, 2, out, sizeof out), 0);
    CHECK_STR(out, "Ana has her ticket");
    g[0].v.s = "robot";
    CHECK_INT(md_i18n_format(NULL, "en", sel, g, 2, out, sizeof out), 0);
    CHECK_STR(out, "Ana has their ticket");
    md_arg d = {"d", MD_ARG_DATE, {.date_ms = 1767225600000LL}}; /* 2026-01-01 00:00 UTC */
    CHECK_INT(
        md_i18n_format(NULL, "ko", "{d, date, ::yMMMd} {d, time, ::Hm}", &d, 1, out, sizeof out),
        0);
    CHECK_STR(out, "2026년 1월 1일 09:00"); /* Asia/Seoul */
    /* A missing argument fails, logs, and leaves the pattern in out. */
    g_n_errors = 0;
    CHECK_INT(md_i18n_format(NULL, "en", "Hi {nobody}", args, 2, out, sizeof out), -1);
    CHECK_STR(out, "Hi {nobody}");
    CHECK(strstr(g_last_log, "missing argument 'nobody'") != NULL);
    /* Truncation keeps whole characters. */
    md_arg k = {"x", MD_ARG_STRING, {.s = "가나다"}};
    char small[8];
    CHECK_INT(md_i18n_format(NULL, "ko", "{x}", &k, 1, small, sizeof small), 0);
    CHECK_STR(small, "가나");
}

static void test_plurals(void)
{
    char out[256];
    md_arg n = {"count", MD_ARG_INT, {.i = 0}};
    const char *ru = "{count, plural, one {# место} few {# места} many {# мест} other {# места}}";
    const long long ru_n[] = {1, 2, 5, 11, 21, 22, 25, 101};
    const char *ru_want[] = {"1 место",  "2 места",  "5 мест",  "11 мест",
                             "21 место", "22 места", "25 мест", "101 место"};
    for (int k = 0; k < 8; k++) {
        n.v.i = ru_n[k];
        CHECK_INT(md_i18n_format(NULL, "ru", ru, &n, 1, out, sizeof out), 0);
        CHECK_STR(out, ru_want[k]);
    }
    n.v.i = 1500;
    CHECK_INT(md_i18n_format(NULL, "ru", ru, &n, 1, out, sizeof out), 0);
    CHECK_STR(out, "1\u00a0500 мест");
    /* Urdu (Arabic script): one / other; # is formatted with Urdu's (Latin) digits, isolated so
     * they keep their order in right-to-left text. */
    const char *ur = "{count, plural, one {# نشست} other {# نشستیں}}";
    n.v.i = 1;
    CHECK_INT(md_i18n_format(NULL, "ur", ur, &n, 1, out, sizeof out), 0);
    CHECK_STR(out, "\u20681\u2069 نشست");
    n.v.i = 3;
    CHECK_INT(md_i18n_format(NULL, "ur", ur, &n, 1, out, sizeof out), 0);
    CHECK_STR(out, "\u20683\u2069 نشستیں");
    /* Korean has only "other"; a "one" variant is never chosen. */
    const char *ko = "{count, plural, one {좌석 하나} other {좌석 #개}}";
    n.v.i = 1;
    CHECK_INT(md_i18n_format(NULL, "ko", ko, &n, 1, out, sizeof out), 0);
    CHECK_STR(out, "좌석 1개");
    /* =N beats categories; offset shifts # and the category. */
    const char *off = "{count, plural, offset:1 =0 {nobody} =1 {you} one {you and # other} "
                      "other {you and # others}}";
    const long long off_n[] = {0, 1, 2, 3};
    const char *off_want[] = {"nobody", "you", "you and 1 other", "you and 2 others"};
    for (int k = 0; k < 4; k++) {
        n.v.i = off_n[k];
        CHECK_INT(md_i18n_format(NULL, "en", off, &n, 1, out, sizeof out), 0);
        CHECK_STR(out, off_want[k]);
    }
    const char *ord = "{count, selectordinal, one {#st} two {#nd} few {#rd} other {#th}}";
    const long long ord_n[] = {1, 2, 3, 4, 11, 22};
    const char *ord_want[] = {"1st", "2nd", "3rd", "4th", "11th", "22nd"};
    for (int k = 0; k < 6; k++) {
        n.v.i = ord_n[k];
        CHECK_INT(md_i18n_format(NULL, "en", ord, &n, 1, out, sizeof out), 0);
        CHECK_STR(out, ord_want[k]);
    }
    /* '#' in a nested select is literal (as ICU); quoted '#' inside a plural is literal. */
    md_arg two[] = {{"count", MD_ARG_INT, {.i = 2}}, {"k", MD_ARG_STRING, {.s = "a"}}};
    CHECK_INT(md_i18n_format(NULL, "en",
                             "{count, plural, other {# '#' {k, select, a {#} other {x}}}}", two, 2,
                             out, sizeof out),
              0);
    CHECK_STR(out, "2 # #");
}

static void test_locale_formatting(void)
{
    char out[128];
    struct {
        const char *lang, *want;
    } krw[] = {
        {"ko", "₩12,000"},       {"en", "₩12,000"},       {"ru", "12\u00a0000\u00a0₩"},
        {"vi", "12.000\u00a0₩"}, {"ne", "₩\u00a0१२,०००"}, {"bn", "১২,০০০₩"},
        {"my", "၁၂,၀၀၀\u00a0₩"}, {"zh-Hans", "￦12,000"},
    };
    for (size_t k = 0; k < sizeof krw / sizeof *krw; k++) {
        CHECK_INT(md_i18n_format_krw(krw[k].lang, 12000, out, sizeof out), 0);
        CHECK_STR(out, krw[k].want);
    }
    CHECK_INT(md_i18n_format_number("ru", 1234567.891, 2, out, sizeof out), 0);
    CHECK_STR(out, "1\u00a0234\u00a0567,89");
    CHECK_INT(md_i18n_format_number("en", 1234567.891, 0, out, sizeof out), 0);
    CHECK_STR(out, "1,234,568");
    const long long t = 1767225600000LL; /* 2026-01-01 00:00 UTC = 09:00 in Seoul */
    struct {
        const char *lang, *skeleton, *want;
    } dates[] = {
        {"ko", NULL, "2026년 1월 1일 오전 9:00"},
        {"en", NULL, "Jan 1, 2026, 9:00\u202fAM"},
        {"ru", "yMMMd", "1 янв. 2026\u202fг."},
        {"th", "yMMMd", "1 ม.ค. 2569"},               /* Buddhist era, as Thai readers expect */
        {"ur", "yMMMd", "\u20681 جنوری، 2026\u2069"}, /* isolated in right-to-left text */
        {"ne", "yMMMd", "२०२६ जनवरी १"},
        {"vi", "Hm", "9:00"},
    };
    for (size_t k = 0; k < sizeof dates / sizeof *dates; k++) {
        CHECK_INT(md_i18n_format_date(dates[k].lang, t, dates[k].skeleton, NULL, out, sizeof out),
                  0);
        CHECK_STR(out, dates[k].want);
    }
    CHECK_INT(md_i18n_format_date("en", t, "Hm", "UTC", out, sizeof out), 0);
    CHECK_STR(out, "00:00");
    const char *items[] = {"A", "B", "C"};
    CHECK_INT(md_i18n_format_list("ko", items, 3, out, sizeof out), 0);
    CHECK_STR(out, "A, B 및 C");
    CHECK_INT(md_i18n_format_list("en", items, 3, out, sizeof out), 0);
    CHECK_STR(out, "A, B, and C");
}

/* The visual order (left to right on the screen) of utf8 as one paragraph in direction rtl: what
 * the text engine draws, from ICU's implementation of the Unicode bidi algorithm. */
static void visual(const char *utf8, int rtl, char *out, size_t cap)
{
    UChar u[512], v[512];
    int32_t n = 0;
    UErrorCode st = U_ZERO_ERROR;
    u_strFromUTF8(u, 512, &n, utf8, -1, &st);
    UBiDi *b = ubidi_open();
    ubidi_setPara(b, u, n, rtl ? UBIDI_RTL : UBIDI_LTR, NULL, &st);
    int32_t m =
        ubidi_writeReordered(b, v, 512, UBIDI_DO_MIRRORING | UBIDI_REMOVE_BIDI_CONTROLS, &st);
    ubidi_close(b);
    u_strToUTF8(out, (int32_t)cap, NULL, v, m, &st);
    CHECK(U_SUCCESS(st));
}

/* Position of needle in hay, or -1. */
static long at(const char *hay, const char *needle)
{
    const char *p = strstr(hay, needle);
    return p ? (long)(p - hay) : -1;
}

/* Issue 9, item 4: a night clinic's hours in Urdu read 18:00 then 02:00 (not the reverse), and
 * two ranges keep each range's own order while the list runs right to left. */
static void test_rtl_ranges_read_right(void)
{
    const long long mon_18 = 1772442000000LL; /* Monday 2 March 2026 18:00 in Seoul */
    const long long tue_02 = mon_18 + 8 * 3600000LL;
    char range[256], line[512], vis[1024];
    CHECK_INT(md_i18n_format_time_range("ur", mon_18, tue_02, "Hm", NULL, range, sizeof range), 0);
    CHECK_STR(range, "\u206818:00 – 02:00\u2069");
    snprintf(line, sizeof line, "پیر: %s", range);
    visual(line, 1, vis, sizeof vis);
    CHECK(at(vis, "18:00") >= 0 && at(vis, "18:00") < at(vis, "02:00"));
    /* Two ranges of one day, through the list formatter: 09:00-13:00 then 14:00-18:30. */
    const long long mon_09 = mon_18 - 9 * 3600000LL;
    char a[128], b[128], list[256];
    CHECK_INT(
        md_i18n_format_time_range("ur", mon_09, mon_09 + 4 * 3600000LL, "Hm", NULL, a, sizeof a),
        0);
    CHECK_INT(md_i18n_format_time_range("ur", mon_09 + 5 * 3600000LL,
                                        mon_09 + 9 * 3600000LL + 1800000LL, "Hm", NULL, b,
                                        sizeof b),
              0);
    const char *ranges[] = {a, b};
    CHECK_INT(md_i18n_format_list("ur", ranges, 2, list, sizeof list), 0);
    snprintf(line, sizeof line, "منگل: %s", list);
    visual(line, 1, vis, sizeof vis);
    CHECK(at(vis, "09:00") >= 0 && at(vis, "09:00") < at(vis, "13:00")); /* each range in order */
    CHECK(at(vis, "14:00") >= 0 && at(vis, "14:00") < at(vis, "18:30"));
    CHECK(at(vis, "14:00") < at(vis, "09:00")); /* the first range is the rightmost */
    /* MessageFormat arguments are isolated too: numbers, dates and Latin names in Urdu. */
    md_arg args[2] = {{.name = "n", .type = MD_ARG_INT}, {.name = "name", .type = MD_ARG_STRING}};
    args[0].v.i = 1345;
    args[1].v.s = "Wongok Clinic";
    char out[256];
    CHECK_INT(md_i18n_format(NULL, "ur", "{name}: {n, number}", args, 2, out, sizeof out), 0);
    CHECK_STR(out, "\u2068Wongok Clinic\u2069: \u20681,345\u2069");
    CHECK_INT(md_i18n_format(NULL, "en", "{name}: {n, number}", args, 2, out, sizeof out), 0);
    CHECK_STR(out, "Wongok Clinic: 1,345"); /* left-to-right text is left alone */
    /* Urdu words need no isolate; a number does. */
    CHECK_INT(md_i18n_isolate("ur", "بالغ", out, sizeof out), 0);
    CHECK_STR(out, "بالغ");
    CHECK_INT(md_i18n_isolate("ur", "119", out, sizeof out), 0);
    CHECK_STR(out, "\u2068119\u2069");
    CHECK_INT(md_i18n_isolate("ur", "\u2066031-000-1101\u2069", out, sizeof out), 0);
    CHECK_STR(out, "\u2066031-000-1101\u2069"); /* already one isolate: not wrapped twice */
    /* Scripts name labels ignoring bidi controls. */
    CHECK(md_i18n_same_label("\u20661345\u2069 · مرکز", "1345 · مرکز"));
    CHECK(!md_i18n_same_label("\u20661345\u2069 · مرکز", "1346 · مرکز"));
}

/* Issue 9, item 10: one formatting path per locale. Nepali times and ranges in Devanagari digits
 * like its numbers; English ranges in the 12-hour clock like its times; Nepali lists with ICU's
 * conjunction, not a bare comma. A range past midnight shows times only. */
static void test_one_path_per_locale(void)
{
    const long long mon_18 = 1772442000000LL;
    const long long tue_02 = mon_18 + 8 * 3600000LL;
    char out[256], t[128];
    CHECK_INT(md_i18n_format_time_range("ne", mon_18, tue_02, NULL, NULL, out, sizeof out), 0);
    CHECK(strstr(out, "१८:००") || strstr(out, "६:००"));
    CHECK(strstr(out, "2") == NULL && strstr(out, "२०२६") == NULL); /* no Latin digit, no date */
    CHECK_INT(md_i18n_format_number("ne", 18, 0, t, sizeof t), 0);
    CHECK_STR(t, "१८");
    CHECK_INT(md_i18n_format_time_range("en", mon_18, tue_02, NULL, NULL, out, sizeof out), 0);
    CHECK_INT(md_i18n_format_date("en", mon_18, "jm", NULL, t, sizeof t), 0);
    CHECK(strstr(out, t) == out); /* the range starts with exactly what the time formatter says */
    CHECK(strstr(out, "AM") != NULL);
    CHECK_INT(md_i18n_format_time_range("en", mon_18 - 9 * 3600000LL, mon_18 - 5 * 3600000LL, NULL,
                                        NULL, out, sizeof out),
              0);
    CHECK(strstr(out, "9:00") && strstr(out, "1:00") && !strstr(out, "2026"));
    char ko[64], en[64], list[256];
    CHECK_INT(md_i18n_language_name("ko", "ne", ko, sizeof ko), 0);
    CHECK_INT(md_i18n_language_name("en", "ne", en, sizeof en), 0);
    CHECK_STR(ko, "कोरियाली");
    const char *names[] = {ko, en};
    CHECK_INT(md_i18n_format_list("ne", names, 2, list, sizeof list), 0);
    CHECK_STR(list, "कोरियाली र अङ्ग्रेजी");
    /* CLDR's Nepali list start pattern is "{0},{1}" (no space): repaired, one path for all. */
    const char *four[] = {ko, en, "नेपाली", "बंगाली"};
    CHECK_INT(md_i18n_format_list("ne", four, 4, list, sizeof list), 0);
    CHECK_STR(list, "कोरियाली, अङ्ग्रेजी, नेपाली र बंगाली");
    CHECK_INT(md_i18n_language_name("vi", "vi", out, sizeof out), 0);
    CHECK_STR(out, "Tiếng Việt");
}

/* The formatter cache: the same output as uncached formatting, keyed by locale, skeleton and
 * zone (one does not answer for another), reused across calls, cleared on a language change and
 * by md_i18n_trim. */
static void test_formatter_cache(void)
{
    md_i18n *i = md_i18n_create(MD_DATA_DIR "/locales");
    CHECK(i != NULL);
    if (!i)
        return;
    const long long t = 1767225600000LL;
    const char *langs[] = {"ko", "th", "ur", "ne", "en"};
    const char *skels[] = {"Hm", "yMMMd", "EEEEjm", NULL};
    const char *zones[] = {"UTC", "Asia/Seoul", NULL};
    char a[256], b[256], c[256];
    CHECK_INT(md_i18n_set_language(i, "ko"), 0);
    for (int round = 0; round < 2; round++)
        for (int l = 0; l < 5; l++)
            for (int k = 0; k < 4; k++)
                for (int z = 0; z < 3; z++) {
                    CHECK_INT(md_i18n_format_date(langs[l], t, skels[k], zones[z], a, sizeof a), 0);
                    CHECK_INT(
                        md_i18n_format_date_cached(i, langs[l], t, skels[k], zones[z], b, sizeof b),
                        0);
                    CHECK_STR(b, a);
                }
    CHECK_INT(md_i18n_format_date_cached(i, "en", t, "Hm", "UTC", a, sizeof a), 0);
    CHECK_INT(md_i18n_format_date_cached(i, "en", t, "Hm", "Asia/Seoul", b, sizeof b), 0);
    CHECK_STR(a, "00:00");
    CHECK_STR(b, "09:00");
    for (int round = 0; round < 2; round++) {
        CHECK_INT(md_i18n_format_number_cached(i, "ru", 1234567.891, 2, a, sizeof a), 0);
        CHECK_STR(a, "1\u00a0234\u00a0567,89");
        CHECK_INT(md_i18n_format_number_cached(i, "ru", 1234567.891, 0, a, sizeof a), 0);
        CHECK_STR(a, "1\u00a0234\u00a0568");
        CHECK_INT(md_i18n_format_krw_cached(i, "ru", 12000, a, sizeof a), 0);
        CHECK_STR(a, "12\u00a0000\u00a0₩");
        const char *items[] = {"A", "B", "C"};
        CHECK_INT(md_i18n_format_list_cached(i, "ko", items, 3, a, sizeof a), 0);
        CHECK_STR(a, "A, B 및 C");
    }
    /* messages formatted through md_i18n_format use the same cache */
    md_arg arg = {.name = "when", .type = MD_ARG_DATE};
    arg.v.date_ms = t;
    CHECK_INT(md_i18n_format(i, "en", "{when, time, ::Hm}", &arg, 1, c, sizeof c), 0);
    CHECK_STR(c, "09:00");
    int held = md_i18n_cached_formatters(i);
    CHECK(held > 0 && held <= 24);
    CHECK_INT(md_i18n_format_date_cached(i, "en", t, "Hm", "UTC", a, sizeof a), 0);
    CHECK_INT(md_i18n_cached_formatters(i), held);
    CHECK_INT(md_i18n_set_language(i, "en"), 0);
    CHECK_INT(md_i18n_cached_formatters(i), 0);
    CHECK_INT(md_i18n_format_date_cached(i, "ko", t, NULL, NULL, a, sizeof a), 0);
    CHECK_STR(a, "2026년 1월 1일 오전 9:00");
    CHECK_INT(md_i18n_cached_formatters(i), 1);
    md_i18n_trim(i);
    CHECK_INT(md_i18n_cached_formatters(i), 0);
    /* without an md_i18n the calls still work, uncached */
    CHECK_INT(md_i18n_format_date_cached(NULL, "en", t, "Hm", "UTC", a, sizeof a), 0);
    CHECK_STR(a, "00:00");
    md_i18n_destroy(i);
}

static void test_pattern_checker(void)
{
    struct {
        const char *pattern;
        size_t offset;
        const char *reason;
    } bad[] = {
        {"Hello {name", 6, "unterminated"},
        {"Hello name}", 10, "unmatched '}'"},
        {"{n, plural, one {x}}", 0, "needs an 'other' variant"},
        {"{n, plural, one {x} some {y} other {z}}", 20, "unknown plural category 'some'"},
        {"{n, plural, one {x} one {y} other {z}}", 20, "duplicate selector 'one'"},
        {"{n, numbr}", 4, "unknown argument type 'numbr'"},
        {"{n, number, money}", 12, "unknown number style"},
        {"{n, select, =1 {a} other {b}}", 12, "'=N' selectors are only allowed"},
        {"{}", 1, "expected an argument name"},
        {"{n, plural, other {# {m}}", 0, "unterminated '{n, plural'"},
    };
    char err[256];
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        size_t off = 999;
        CHECK_INT(md_i18n_check_pattern(bad[k].pattern, NULL, NULL, err, sizeof err, &off), -1);
        if (!strstr(err, bad[k].reason) || off != bad[k].offset) {
            fprintf(stderr, "  \"%s\": got \"%s\" at %zu\n", bad[k].pattern, err, off);
            CHECK(0);
        }
    }
    CHECK_INT(md_i18n_check_pattern("It's {a} '{' {b, plural, =0 {none} other {# x}}", NULL, NULL,
                                    err, sizeof err, NULL),
              0);
}

static void test_check_message(void)
{
    char err[256];
    const char *src = "{count, plural, one {# seat} other {# seats}} for {name}";
    CHECK_INT(
        md_i18n_check_message(
            "ru", src,
            "{count, plural, one {# место} few {# места} many {# мест} other {# места}} для {name}",
            err, sizeof err, NULL),
        0);
    CHECK_INT(md_i18n_check_message("ru", src,
                                    "{count, plural, one {# место} other {# места}} для {name}",
                                    err, sizeof err, NULL),
              -1);
    CHECK(strstr(err, "plural {count} lacks the categories few, many needed in ru") != NULL);
    CHECK_INT(md_i18n_check_message("ko", src, "{name}: 좌석 {count, plural, other {#개}}", err,
                                    sizeof err, NULL),
              0);
    size_t at = 0;
    CHECK_INT(md_i18n_check_message("en", src,
                                    "{count, plural, one {# seat} other {# seats}} for {nmae}", err,
                                    sizeof err, &at),
              -1);
    CHECK_INT(at, 50); /* the '{' of {nmae} */
    CHECK_STR(err, "placeholder {nmae} is not in the source text");
    CHECK_INT(md_i18n_check_message("en", src, "{count, plural, one {# seat} other {# seats}}", err,
                                    sizeof err, NULL),
              -1);
    CHECK_STR(err, "placeholder {name} of the source text is missing in the translation");
    CHECK_INT(md_i18n_check_message("ur", "Hi", "\u202bسلام", err, sizeof err, NULL), -1);
    CHECK(strstr(err, "RLE (U+202B) is not closed") != NULL);
    CHECK_INT(md_i18n_check_message("ur", "Hi", "\u2067سلام\u2069 ok", err, sizeof err, NULL), 0);
    CHECK_INT(md_i18n_check_bidi("a\u2069", err, sizeof err, NULL), -1);
    CHECK(strstr(err, "PDI (U+2069) without") != NULL);
    CHECK_INT(md_i18n_check_message("en", "x", "", err, sizeof err, NULL),
              0); /* untranslated is fine */
}

static void test_hot_reload(void)
{
    md_i18n *i = md_i18n_create(g_dir);
    CHECK(i != NULL);
    if (!i)
        return;
    CHECK_INT(md_i18n_set_language(i, "ru"), 0);
    const char *before = md_i18n_tr(i, "runtime", NULL, "Home");
    CHECK_STR(before, "Главная");
    CHECK_INT(md_i18n_poll_reload(i), 0);
    unsigned gen = md_i18n_generation(i);
    char buf[2048];
    /* A good edit (the size changes, so the new stamp differs even within one mtime tick). */
    snprintf(buf, sizeof buf,
             "%smsgid \"Home\"\nmsgstr \"Домой\"\n\nmsgid \"Back\"\nmsgstr \"Назад!\"\n", HEADER);
    write_file("ru/runtime.po", buf);
    /* Settle: the first poll only notes the change; the next one, seeing the same file, takes
     * it. */
    CHECK_INT(md_i18n_poll_reload(i), 0);
    CHECK_STR(md_i18n_tr(i, "runtime", NULL, "Home"), "Главная");
    CHECK_INT(md_i18n_poll_reload(i), 1);
    CHECK(md_i18n_generation(i) != gen);
    CHECK_STR(md_i18n_tr(i, "runtime", NULL, "Home"), "Домой");
    CHECK_STR(before, "Главная"); /* the old pack lives until the next poll */
    /* A broken edit is refused, named with file and line, and the last good pack stays. */
    snprintf(buf, sizeof buf, "%smsgid \"Home\"\nmsgstr \"Домой {oops\"\n", HEADER);
    write_file("ru/runtime.po", buf);
    g_n_errors = 0;
    CHECK_INT(md_i18n_poll_reload(i), 0);
    CHECK_INT(g_n_errors, 0);
    CHECK_INT(md_i18n_poll_reload(i), 0);
    CHECK_INT(g_n_errors, 1);
    CHECK_STR(md_i18n_tr(i, "runtime", NULL, "Home"), "Домой");
    char want[512];
    snprintf(want, sizeof want, "%s/ru/runtime.po:6: translation: unterminated", g_dir);
    CHECK(strstr(g_last_error, want) != NULL);
    CHECK(strstr(g_last_error, "pack refused") != NULL);
    CHECK(strstr(g_last_log, "keeping the last good pack") != NULL);
    /* Not re-reported while the file stays the same. */
    g_n_errors = 0;
    CHECK_INT(md_i18n_poll_reload(i), 0);
    CHECK_INT(g_n_errors, 0);
    /* A new domain appears. */
    snprintf(buf, sizeof buf, "%smsgid \"Clinics\"\nmsgstr \"Клиники\"\n", HEADER);
    write_file("ru/kr.go.test.po", buf);
    CHECK_INT(md_i18n_poll_reload(i), 0);
    CHECK_INT(md_i18n_poll_reload(i), 1);
    CHECK_STR(md_i18n_tr(i, "kr.go.test", NULL, "Clinics"), "Клиники");
    /* A pack whose file disappears (e.g. mid-sync) stays as last loaded. */
    char path[512];
    snprintf(path, sizeof path, "%s/ru/kr.go.test.po", g_dir);
    CHECK_INT(unlink(path), 0);
    CHECK_INT(md_i18n_poll_reload(i), 0);
    CHECK_STR(md_i18n_tr(i, "kr.go.test", NULL, "Clinics"), "Клиники");
    /* Written in two steps with a poll between: the half-written file is never taken. */
    snprintf(buf, sizeof buf, "%smsgid \"Home\"\nmsgstr \"Гла", HEADER);
    write_file("ru/runtime.po", buf);
    CHECK_INT(md_i18n_poll_reload(i), 0);
    snprintf(buf, sizeof buf, "%smsgid \"Home\"\nmsgstr \"Главная страница\"\n", HEADER);
    write_file("ru/runtime.po", buf);
    g_n_errors = 0;
    CHECK_INT(md_i18n_poll_reload(i), 0);
    CHECK_STR(md_i18n_tr(i, "runtime", NULL, "Home"), "Домой");
    CHECK_INT(md_i18n_poll_reload(i), 1);
    CHECK_INT(g_n_errors, 0);
    CHECK_STR(md_i18n_tr(i, "runtime", NULL, "Home"), "Главная страница");
    /* An empty pack is refused: the language keeps its translations. */
    write_file("ru/runtime.po", "");
    md_i18n_poll_reload(i);
    CHECK_INT(md_i18n_poll_reload(i), 0);
    CHECK(strstr(g_last_error, "no messages (pack refused)") != NULL);
    CHECK_STR(md_i18n_tr(i, "runtime", NULL, "Home"), "Главная страница");
    md_i18n_destroy(i);
}

/* Last-good copies in storage: a restart after a bad edit still has every language. */
static void test_last_good_copies(void)
{
    char dir[300], backup[300], buf[2048];
    snprintf(dir, sizeof dir, "%s/lg", g_dir);
    snprintf(backup, sizeof backup, "%s/lg-backup", g_dir);
    write_file("lg/locales.conf", CONF);
    snprintf(buf, sizeof buf, "%smsgid \"Home\"\nmsgstr \"Главная\"\n", HEADER);
    write_file("lg/ru/runtime.po", buf);
    md_i18n *i = md_i18n_create_with_backup(dir, backup);
    CHECK(i != NULL);
    int n_langs = i ? md_i18n_language_count(i) : 0;
    md_i18n_destroy(i);
    /* Bad edits: locales.conf cut in the middle with bad UTF-8, the pack emptied. */
    write_file("lg/locales.conf", "[en]\nendonym = \xc3\x28nglish\n");
    write_file("lg/ru/runtime.po", "");
    g_n_errors = 0;
    i = md_i18n_create_with_backup(dir, backup);
    CHECK(i != NULL);
    if (!i)
        return;
    CHECK(g_n_errors >= 2);
    CHECK_INT(md_i18n_language_count(i), n_langs);
    CHECK_INT(md_i18n_set_language(i, "ru"), 0);
    CHECK_STR(md_i18n_tr(i, "runtime", NULL, "Home"), "Главная");
    md_i18n_destroy(i);
    /* Without a copy, bad UTF-8 in locales.conf is refused with file:line (never drawn): the
     * kiosk is English only. */
    g_n_errors = 0;
    g_bad_utf8_seen = 0;
    i = md_i18n_create(dir);
    CHECK(i != NULL);
    CHECK_INT(g_bad_utf8_seen, 1);
    if (i) {
        CHECK_INT(md_i18n_has_conf(i), 0);
        CHECK_STR(md_i18n_language(i, 0)->endonym, "English");
        md_i18n_destroy(i);
    }
}

static void test_alloc_failure(void)
{
    /* Every allocation failing at some point must give NULL or a working object, never a crash. */
    for (long n = 1; n < 400; n += 7) {
        md_alloc_fail_after(n);
        md_i18n *i = md_i18n_create(g_dir);
        md_alloc_fail_reset();
        if (i) {
            CHECK(md_i18n_tr(i, "runtime", NULL, "Home") != NULL);
            md_i18n_destroy(i);
        }
    }
}

int main(void)
{
    md_log_set_sink(sink, NULL);
    setup();
    RUN(test_shipped_conf);
    RUN(test_conf_errors);
    RUN(test_po_reader);
    RUN(test_lookup_and_fallback);
    RUN(test_named_arguments);
    RUN(test_plurals);
    RUN(test_locale_formatting);
    RUN(test_rtl_ranges_read_right);
    RUN(test_one_path_per_locale);
    RUN(test_formatter_cache);
    RUN(test_pattern_checker);
    RUN(test_check_message);
    RUN(test_hot_reload);
    RUN(test_last_good_copies);
    RUN(test_alloc_failure);
    teardown();
    return check_summary();
}
