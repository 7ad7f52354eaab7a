/* Reading the crash journal and the quarantine rule. The journal is one record per line,
 * tab-separated: "<unix_s> <kind> <id> <version> <hash> <callback> <reason>" with kind crash,
 * quarantine or lift (docs/OPERATIONS.md). A line that does not parse is logged with file:line
 * and skipped: a torn last line after a power cut never hides the rest.
 */
#include "crash/crash.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/base.h"

static int copy_field(char *dst, size_t cap, const char *s, size_t n)
{
    if (n == 0 || n >= cap)
        return -1;
    memcpy(dst, s, n);
    dst[n] = '\0';
    return 0;
}

/* Splits one line into its 7 fields; 0 or -1. */
static int parse_line(md_crash_record *r, const char *line, size_t n)
{
    const char *f[7];
    size_t len[7];
    int k = 0;
    const char *start = line;
    for (size_t i = 0; i <= n && k < 7; i++) {
        if (i == n || line[i] == '\t') {
            f[k] = start;
            len[k] = (size_t)(line + i - start);
            k++;
            start = line + i + 1;
        }
    }
    if (k != 7 || start <= line + n)
        return -1; /* too few or too many fields */
    memset(r, 0, sizeof *r);
    char num[24];
    if (copy_field(num, sizeof num, f[0], len[0]) < 0)
        return -1;
    char *end = NULL;
    errno = 0;
    long long when = strtoll(num, &end, 10);
    if (errno || *end || when < 0)
        return -1;
    r->when_s = when;
    if (copy_field(r->kind, sizeof r->kind, f[1], len[1]) < 0 ||
        copy_field(r->who.id, sizeof r->who.id, f[2], len[2]) < 0 ||
        copy_field(r->who.version, sizeof r->who.version, f[3], len[3]) < 0 ||
        copy_field(r->who.hash, sizeof r->who.hash, f[4], len[4]) < 0 ||
        copy_field(r->callback, sizeof r->callback, f[5], len[5]) < 0)
        return -1;
    if (strcmp(r->kind, "crash") && strcmp(r->kind, "quarantine") && strcmp(r->kind, "lift"))
        return -1;
    size_t rn = len[6] < sizeof r->reason ? len[6] : sizeof r->reason - 1;
    memcpy(r->reason, f[6], rn);
    r->reason[rn] = '\0';
    return 0;
}

int md_crash_journal_parse(md_crash_journal *j, const char *text, size_t n_bytes, const char *name)
{
    memset(j, 0, sizeof *j);
    int cap = 0, line_no = 0;
    size_t i = 0;
    while (text && i < n_bytes) {
        const char *nl = memchr(text + i, '\n', n_bytes - i);
        size_t n = nl ? (size_t)(nl - (text + i)) : n_bytes - i;
        line_no++;
        if (n > 0) {
            if (j->n == cap) {
                int grown_cap = cap ? cap * 2 : 16;
                md_crash_record *g = md_realloc(j->items, (size_t)grown_cap * sizeof *g);
                if (!g) {
                    md_crash_journal_free(j);
                    return -1;
                }
                j->items = g;
                cap = grown_cap;
            }
            if (memchr(text + i, '\0', n) || parse_line(&j->items[j->n], text + i, n) < 0) {
                md_log(MD_LOG_WARN, "CRASH", "%s:%d: not a journal record, skipped",
                       name ? name : "(journal)", line_no);
                j->n_bad++;
            } else {
                j->n++;
            }
        }
        i += n + 1;
    }
    return 0;
}

int md_crash_journal_load(md_crash_journal *j, const char *path)
{
    memset(j, 0, sizeof *j);
    size_t n = 0;
    char *text = md_read_bounded_opt(path, MD_FILE_JOURNAL, &n);
    if (!text)
        return errno == ENOENT ? 0 : -1;
    int rc = md_crash_journal_parse(j, text, n, path);
    md_free(text);
    return rc;
}

void md_crash_journal_free(md_crash_journal *j)
{
    if (!j)
        return;
    md_free(j->items);
    memset(j, 0, sizeof *j);
}

static int same(const md_crash_ident *a, const md_crash_ident *b)
{
    return !strcmp(a->id, b->id) && !strcmp(a->version, b->version) && !strcmp(a->hash, b->hash);
}

int md_crash_quarantined(const md_crash_journal *j, const md_crash_ident *who, int64_t now_s,
                         int n_crashes, int window_s, int *fresh, char *why, size_t why_cap)
{
    if (fresh)
        *fresh = 0;
    if (why && why_cap)
        why[0] = '\0';
    if (!j || !who)
        return 0;
    /* Only what came after the last lift of this very build counts. */
    int from = 0;
    for (int i = 0; i < j->n; i++)
        if (!strcmp(j->items[i].kind, "lift") && same(&j->items[i].who, who))
            from = i + 1;
    const md_crash_record *quarantine = NULL, *last = NULL;
    int n_recent = 0;
    for (int i = from; i < j->n; i++) {
        const md_crash_record *r = &j->items[i];
        if (!same(&r->who, who))
            continue;
        if (!strcmp(r->kind, "quarantine"))
            quarantine = r;
        else if (!strcmp(r->kind, "crash") && r->when_s > now_s - window_s && r->when_s <= now_s)
            n_recent++, last = r;
    }
    if (quarantine) {
        if (why && why_cap)
            snprintf(why, why_cap, "%s", quarantine->reason);
        return 1;
    }
    if (n_crashes > 0 && n_recent >= n_crashes) {
        if (fresh)
            *fresh = 1;
        if (why && why_cap)
            snprintf(why, why_cap, "%d crashes within %d min, the last: %s%s%s", n_recent,
                     window_s / 60, last->reason, strcmp(last->callback, "-") ? " in " : "",
                     strcmp(last->callback, "-") ? last->callback : "");
        return 1;
    }
    return 0;
}

int md_crash_journal_compact(const char *path, size_t max_bytes, int keep_crashes)
{
    struct stat st;
    if (!path || stat(path, &st) != 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size <= max_bytes)
        return 0;
    /* Read without the reader's cap: this is the one place a big journal is expected. */
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    char *text = md_malloc((size_t)st.st_size + 1);
    size_t n = text ? fread(text, 1, (size_t)st.st_size, f) : 0;
    fclose(f);
    if (!text)
        return -1;
    text[n] = '\0';
    md_crash_journal j;
    int rc = md_crash_journal_parse(&j, text, n, path);
    md_free(text);
    if (rc < 0)
        return -1;
    int n_crashes = 0;
    for (int i = 0; i < j.n; i++)
        n_crashes += !strcmp(j.items[i].kind, "crash");
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *out = fopen(tmp, "wb");
    if (!out) {
        md_crash_journal_free(&j);
        return -1;
    }
    int seen = 0, dropped = 0;
    for (int i = 0; i < j.n; i++) {
        const md_crash_record *r = &j.items[i];
        if (!strcmp(r->kind, "crash") && seen++ < n_crashes - keep_crashes) {
            dropped++;
            continue;
        }
        fprintf(out, "%lld\t%s\t%s\t%s\t%s\t%s\t%s\n", (long long)r->when_s, r->kind, r->who.id,
                r->who.version, r->who.hash, r->callback, r->reason);
    }
    int ok = fflush(out) == 0 && fsync(fileno(out)) == 0;
    ok = fclose(out) == 0 && ok;
    md_crash_journal_free(&j);
    if (!ok || rename(tmp, path) != 0) {
        unlink(tmp);
        md_log(MD_LOG_ERROR, "CRASH", "[%s] cannot compact the crash journal", path);
        return -1;
    }
    md_log(MD_LOG_INFO, "CRASH", "[%s] compacted: %d old crash records dropped", path, dropped);
    return dropped;
}
