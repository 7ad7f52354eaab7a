/* The i18n context: locales.conf, one hash-indexed pack per language and domain, per-message
 * fallback along each language's chain, and hot reload of packs whose files change (a pack that
 * fails validation is refused and the last good one stays; replaced packs are retired and freed
 * one poll later so strings handed out for the current frame never dangle).
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/base.h"
#include "i18n/internal.h"

#define MAX_LANGS MD_LANG_LIST_MAX
#define MAX_DOMAINS 64
#define MAX_CHAIN 8

typedef struct stamp {
    long long mtime_s, mtime_ns, size, ino;
} stamp;

typedef struct slot_entry {
    uint32_t hash;
    int32_t index; /* into the po's entries; -1 = empty */
} slot_entry;

typedef struct pack {
    char *path;
    md_po *po;
    slot_entry *slots;
    uint32_t mask;
    int n_translated, n_fuzzy;
    struct pack *next_retired;
} pack;

typedef struct pack_slot {
    pack *current;
    stamp tried; /* the file state last loaded or refused, so a bad file is reported once */
    int have_tried;
    stamp seen; /* a changed state seen at one poll, taken if the next poll sees it again */
    int have_seen;
} pack_slot;

typedef struct lang {
    md_lang_info info;
    char *code, *endonym, *script, *voice;
    char *chain_text; /* owned storage of the chain's codes */
    const char *chain_ptrs[MAX_CHAIN + 1];
    int chain[MAX_CHAIN]; /* language indices, resolved after parsing */
    int n_chain;
    int conf_line;     /* line of the [code] section */
    int fallback_line; /* line of its fallback key */
} lang;

struct md_i18n {
    char *dir;
    char *backup_dir; /* last-good copies in storage, or NULL */
    int scanned;      /* the first scan (start-up) takes files as they are */
    int no_settle;    /* md_i18n_reload_now: this scan takes changed files at once */
    lang langs[MAX_LANGS];
    int n_langs;
    int current;
    char *domains[MAX_DOMAINS];
    int n_domains;
    pack_slot *slots; /* [MAX_LANGS * MAX_DOMAINS], index lang * MAX_DOMAINS + domain */
    pack *retired;    /* replaced packs, freed at the next poll */
    unsigned generation;
    int use_fuzzy;
    int has_conf;                 /* 0: locales.conf was missing or unusable, English only */
    md_i18n_fmt_cache *fmt_cache; /* ICU formatters of the current language (icu_fmt.c) */
};

uint32_t md_i18n_hash_key(const char *msgctxt, const char *msgid)
{
    uint32_t h = 2166136261u;
    if (msgctxt) {
        for (const unsigned char *p = (const unsigned char *)msgctxt; *p; p++)
            h = (h ^ *p) * 16777619u;
        h = (h ^ 4u) * 16777619u;
    }
    for (const unsigned char *p = (const unsigned char *)(msgid ? msgid : ""); *p; p++)
        h = (h ^ *p) * 16777619u;
    return h;
}

/* ---------------------------------------------------------------- locales.conf */

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    char *e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
        e--;
    *e = '\0';
    return s;
}

static void free_lang(lang *l)
{
    md_free(l->code);
    md_free(l->endonym);
    md_free(l->script);
    md_free(l->voice);
    md_free(l->chain_text);
    memset(l, 0, sizeof *l);
}

static int set_field(char **dst, const char *v)
{
    char *c = md_strdup(v);
    if (!c)
        return -1;
    md_free(*dst);
    *dst = c;
    return 0;
}

static int find_lang(const md_i18n *i18n, const char *code)
{
    if (!code)
        return -1;
    for (int i = 0; i < i18n->n_langs; i++)
        if (strcmp(i18n->langs[i].code, code) == 0)
            return i;
    return -1;
}

static int finish_conf(md_i18n *i18n, const char *path)
{
    for (int i = 0; i < i18n->n_langs; i++) {
        lang *l = &i18n->langs[i];
        if (!l->endonym || !l->script || !l->chain_text) {
            md_log(MD_LOG_ERROR, "I18N", "%s:%d: [%s] needs endonym, script and fallback", path,
                   l->conf_line, l->code);
            return -1;
        }
        if (!l->voice && set_field(&l->voice, "") < 0)
            return -1;
        /* Split the chain in place; it is owned by the language. */
        l->n_chain = 0;
        char *tok_save = NULL;
        for (char *tok = strtok_r(l->chain_text, " ,\t", &tok_save); tok;
             tok = strtok_r(NULL, " ,\t", &tok_save)) {
            int li = find_lang(i18n, tok);
            if (li < 0) {
                md_log(MD_LOG_ERROR, "I18N", "%s:%d: [%s] fallback '%s' is not an offered language",
                       path, l->fallback_line, l->code, tok);
                return -1;
            }
            for (int k = 0; k < l->n_chain; k++) {
                if (l->chain[k] == li) {
                    md_log(MD_LOG_ERROR, "I18N", "%s:%d: [%s] fallback '%s' is listed twice", path,
                           l->fallback_line, l->code, tok);
                    return -1;
                }
            }
            if (l->n_chain >= MAX_CHAIN) {
                md_log(MD_LOG_ERROR, "I18N", "%s:%d: [%s] fallback chain longer than %d", path,
                       l->fallback_line, l->code, MAX_CHAIN);
                return -1;
            }
            l->chain_ptrs[l->n_chain] = tok;
            l->chain[l->n_chain++] = li;
        }
        l->chain_ptrs[l->n_chain] = NULL;
        int en = find_lang(i18n, "en"), ko = find_lang(i18n, "ko");
        int ok = l->n_chain >= 1 && l->chain[0] == i;
        if (ok && i != en && i != ko)
            ok =
                l->n_chain >= 3 && l->chain[l->n_chain - 2] == en && l->chain[l->n_chain - 1] == ko;
        else if (ok)
            ok = l->n_chain == 2 && l->chain[1] == (i == en ? ko : en);
        if (!ok) {
            md_log(MD_LOG_ERROR, "I18N",
                   "%s:%d: [%s] fallback must start with %s and end with \"en ko\" (en: \"en ko\", "
                   "ko: \"ko en\")",
                   path, l->fallback_line, l->code, l->code);
            return -1;
        }
        l->info.code = l->code;
        l->info.endonym = l->endonym;
        l->info.script = l->script;
        l->info.voice = l->voice;
        l->info.fallbacks = l->chain_ptrs;
    }
    return 0;
}

/* Writes text to <backup_dir>/<rel> atomically unless the copy there is already the same. */
static void save_copy(const md_i18n *i18n, const char *rel, const char *text, size_t n)
{
    if (!i18n->backup_dir)
        return;
    char path[1400], tmp[1420];
    snprintf(path, sizeof path, "%s/%s", i18n->backup_dir, rel);
    size_t old_n = 0;
    char *old = md_read_bounded_opt(path, MD_FILE_PACK, &old_n);
    int same = old && old_n == n && memcmp(old, text, n) == 0;
    md_free(old);
    if (same)
        return;
    mkdir(i18n->backup_dir, 0755);
    const char *slash = strrchr(rel, '/');
    if (slash) {
        char sub[1400];
        snprintf(sub, sizeof sub, "%s/%.*s", i18n->backup_dir, (int)(slash - rel), rel);
        mkdir(sub, 0755);
    }
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "wb");
    int ok = f && fwrite(text, 1, n, f) == n;
    if (f)
        ok = fclose(f) == 0 && ok;
    if (!ok || rename(tmp, path) != 0) {
        md_log(MD_LOG_WARN, "I18N", "%s: cannot keep a last-good copy: %s", path, strerror(errno));
        unlink(tmp);
    }
}

static int parse_conf(md_i18n *i18n, const char *path)
{
    size_t n = 0;
    char *text = md_read_bounded(path, MD_FILE_LOCALES, &n);
    if (!text)
        return -1;
    int bad_line = 0;
    if (md_text_find_nul(text, n, &bad_line) >= 0) {
        md_log(MD_LOG_ERROR, "I18N", "%s:%d: NUL byte in the file (refused)", path, bad_line);
        md_free(text);
        return -1;
    }
    if (md_text_find_bad_utf8(text, n, &bad_line) >= 0) {
        /* Never drawn on screen or written into the tree's JSON: the whole file is refused. */
        md_log(MD_LOG_ERROR, "I18N", "%s:%d: invalid UTF-8 (locales.conf must be UTF-8; refused)",
               path, bad_line);
        md_free(text);
        return -1;
    }
    /* The loop below cuts the text into lines in place; the last-good copy needs it whole. */
    char *pristine = i18n->backup_dir ? md_strndup(text, n) : NULL;
    int line_no = 0, rc = 0;
    lang *cur = NULL;
    char *save = NULL;
    for (char *line = text; line && rc == 0; line = save) {
        char *nl = strchr(line, '\n');
        save = nl ? nl + 1 : NULL;
        if (nl)
            *nl = '\0';
        line_no++;
        char *s = trim(line);
        if (line_no == 1 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB)
            s = trim(s + 3);
        if (!*s || *s == '#')
            continue;
        if (*s == '[') {
            char *e = strchr(s, ']');
            if (!e || e[1]) {
                md_log(MD_LOG_ERROR, "I18N", "%s:%d: expected [code]", path, line_no);
                rc = -1;
                break;
            }
            *e = '\0';
            char *code = trim(s + 1);
            if (!md_lang_code_valid(code)) {
                md_log(MD_LOG_ERROR, "I18N", "%s:%d: '%s' is not a BCP 47 language code", path,
                       line_no, code);
                rc = -1;
            } else if (find_lang(i18n, code) >= 0) {
                md_log(MD_LOG_ERROR, "I18N", "%s:%d: [%s] appears twice", path, line_no, code);
                rc = -1;
            } else if (i18n->n_langs >= MAX_LANGS) {
                md_log(MD_LOG_ERROR, "I18N", "%s:%d: more than %d languages", path, line_no,
                       MAX_LANGS);
                rc = -1;
            } else {
                cur = &i18n->langs[i18n->n_langs];
                memset(cur, 0, sizeof *cur);
                cur->conf_line = line_no;
                if (set_field(&cur->code, code) < 0)
                    rc = -1;
                i18n->n_langs++;
            }
            continue;
        }
        char *eq = strchr(s, '=');
        if (!eq || !cur) {
            md_log(MD_LOG_ERROR, "I18N", "%s:%d: %s", path, line_no,
                   cur ? "expected key = value" : "expected a [code] section first");
            rc = -1;
            break;
        }
        *eq = '\0';
        char *key = trim(s), *val = trim(eq + 1);
        if (strcmp(key, "endonym") == 0 && *val) {
            rc = set_field(&cur->endonym, val);
        } else if (strcmp(key, "script") == 0) {
            if (strlen(val) != 4 || val[0] < 'A' || val[0] > 'Z') {
                md_log(MD_LOG_ERROR, "I18N", "%s:%d: script must be an ISO 15924 code like Latn",
                       path, line_no);
                rc = -1;
            } else {
                rc = set_field(&cur->script, val);
            }
        } else if (strcmp(key, "direction") == 0) {
            if (strcmp(val, "ltr") == 0 || strcmp(val, "rtl") == 0) {
                cur->info.rtl = val[0] == 'r';
            } else {
                md_log(MD_LOG_ERROR, "I18N", "%s:%d: direction must be ltr or rtl", path, line_no);
                rc = -1;
            }
        } else if (strcmp(key, "fallback") == 0) {
            rc = set_field(&cur->chain_text, val);
            cur->fallback_line = line_no;
        } else if (strcmp(key, "voice") == 0) {
            rc = set_field(&cur->voice, val);
        } else {
            md_log(MD_LOG_ERROR, "I18N",
                   "%s:%d: unknown key '%s' (endonym, script, direction, "
                   "fallback, voice)",
                   path, line_no, key);
            rc = -1;
        }
    }
    if (rc == 0 && i18n->n_langs == 0) {
        md_log(MD_LOG_ERROR, "I18N", "%s: no languages", path);
        rc = -1;
    }
    if (rc == 0 && (find_lang(i18n, "en") < 0 || find_lang(i18n, "ko") < 0)) {
        md_log(MD_LOG_ERROR, "I18N", "%s: en and ko must be offered (every chain ends in them)",
               path);
        rc = -1;
    }
    if (rc == 0)
        rc = finish_conf(i18n, path);
    if (rc == 0 && pristine)
        save_copy(i18n, "locales.conf", pristine, n);
    md_free(pristine);
    md_free(text);
    return rc;
}

/* ---------------------------------------------------------------- packs */

static void pack_free(pack *p)
{
    if (!p)
        return;
    md_i18n_po_free(p->po);
    md_free(p->slots);
    md_free(p->path);
    md_free(p);
}

static const char *pack_find(const pack *p, uint32_t h, const char *msgctxt, const char *msgid,
                             int use_fuzzy)
{
    for (uint32_t k = h & p->mask;; k = (k + 1) & p->mask) {
        const slot_entry *s = &p->slots[k];
        if (s->index < 0)
            return NULL;
        if (s->hash != h)
            continue;
        const md_po_entry *e = md_i18n_po_entry(p->po, s->index);
        if (strcmp(e->msgid, msgid) != 0)
            continue;
        if ((msgctxt == NULL) != (e->msgctxt == NULL))
            continue;
        if (msgctxt && strcmp(msgctxt, e->msgctxt) != 0)
            continue;
        if (e->fuzzy && !use_fuzzy)
            return NULL;
        return e->msgstr;
    }
}

/* Loads and validates path as lang's pack. NULL (logged with file, line, reason) if refused. */
static pack *pack_load(const md_i18n *i18n, const char *lang_code, const char *path,
                       const char *backup_rel)
{
    char err[512];
    size_t n_bytes = 0;
    char *text = md_read_bounded(path, MD_FILE_PACK, &n_bytes);
    if (!text) {
        md_log(MD_LOG_ERROR, "I18N", "%s:0: cannot read the file (pack refused)", path);
        return NULL;
    }
    md_po *po = md_i18n_po_parse(text, n_bytes, path, err, sizeof err);
    if (!po) {
        md_free(text);
        md_log(MD_LOG_ERROR, "I18N", "%s (pack refused)", err);
        return NULL;
    }
    int n_messages = 0;
    for (int i = 0; i < md_i18n_po_count(po); i++) {
        const md_po_entry *e = md_i18n_po_entry(po, i);
        n_messages += e->msgid[0] || e->msgctxt;
    }
    if (n_messages == 0) {
        /* An empty (or truncated-to-nothing) pack would turn a language into English. */
        md_log(MD_LOG_ERROR, "I18N", "%s:1: the pack has no messages (pack refused)", path);
        md_i18n_po_free(po);
        md_free(text);
        return NULL;
    }
    pack *p = md_calloc(1, sizeof *p);
    if (!p) {
        md_i18n_po_free(po);
        return NULL;
    }
    p->po = po;
    p->path = md_strdup(path);
    int n = md_i18n_po_count(po);
    for (int i = 0; i < n; i++) {
        const md_po_entry *e = md_i18n_po_entry(po, i);
        if (!e->msgid[0] && !e->msgctxt)
            continue; /* header */
        size_t at = 0;
        if (md_i18n_check_message(lang_code, e->msgid, e->msgstr, err, sizeof err, &at) < 0) {
            md_log(MD_LOG_ERROR, "I18N", "%s:%d: %s (pack refused)", path,
                   md_i18n_po_msgstr_line(po, i, at), err);
            pack_free(p);
            md_free(text);
            return NULL;
        }
        if (e->msgstr[0]) {
            p->n_translated++;
            p->n_fuzzy += e->fuzzy;
        }
    }
    uint32_t n_slots = 16;
    while (n_slots < (uint32_t)p->n_translated * 2 + 2)
        n_slots *= 2;
    p->slots = md_malloc(n_slots * sizeof *p->slots);
    if (!p->path || !p->slots) {
        pack_free(p);
        md_free(text);
        return NULL;
    }
    if (backup_rel)
        save_copy(i18n, backup_rel, text, n_bytes);
    md_free(text);
    p->mask = n_slots - 1;
    for (uint32_t k = 0; k < n_slots; k++)
        p->slots[k].index = -1;
    for (int i = 0; i < n; i++) {
        const md_po_entry *e = md_i18n_po_entry(po, i);
        if (!e->msgstr[0] || (!e->msgid[0] && !e->msgctxt))
            continue; /* untranslated messages fall back; the header is no message */
        uint32_t h = md_i18n_hash_key(e->msgctxt, e->msgid);
        uint32_t k = h & p->mask;
        while (p->slots[k].index >= 0)
            k = (k + 1) & p->mask;
        p->slots[k].hash = h;
        p->slots[k].index = i;
    }
    return p;
}

static int domain_index(md_i18n *i18n, const char *domain, int add)
{
    for (int d = 0; d < i18n->n_domains; d++)
        if (strcmp(i18n->domains[d], domain) == 0)
            return d;
    if (!add)
        return -1;
    if (i18n->n_domains >= MAX_DOMAINS) {
        md_log(MD_LOG_WARN, "I18N", "more than %d domains; '%s' ignored", MAX_DOMAINS, domain);
        return -1;
    }
    char *c = md_strdup(domain);
    if (!c)
        return -1;
    i18n->domains[i18n->n_domains] = c;
    return i18n->n_domains++;
}

static int valid_domain(const char *name, size_t n)
{
    if (n == 0 || n > 100 || name[0] == '.')
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((name[i] >= 'a' && name[i] <= 'z') || (name[i] >= 'A' && name[i] <= 'Z') ||
              (name[i] >= '0' && name[i] <= '9') || name[i] == '.' || name[i] == '-' ||
              name[i] == '_'))
            return 0;
    return 1;
}

/* Scans every language's folder; (re)loads packs whose files differ from what was last tried. */
static int scan_packs(md_i18n *i18n)
{
    int n_loaded = 0;
    for (int li = 0; li < i18n->n_langs; li++) {
        char dir[1024];
        snprintf(dir, sizeof dir, "%s/%s", i18n->dir, i18n->langs[li].code);
        DIR *d = opendir(dir);
        if (!d)
            continue; /* a language without packs shows its fallbacks */
        struct dirent *de;
        while ((de = readdir(d)) != NULL) {
            size_t len = strlen(de->d_name);
            if (len < 4 || strcmp(de->d_name + len - 3, ".po") != 0)
                continue;
            char domain[128];
            if (!valid_domain(de->d_name, len - 3) || len - 3 >= sizeof domain)
                continue;
            memcpy(domain, de->d_name, len - 3);
            domain[len - 3] = '\0';
            char path[1200];
            snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
            /* Not only regular files: a FIFO, a device or a directory named *.po goes to pack_load,
             * whose bounded reader refuses it with a log line (once per state), and then to the
             * last-good copy. */
            struct stat st;
            if (stat(path, &st) != 0)
                continue;
            stamp now = {(long long)st.st_mtim.tv_sec, (long long)st.st_mtim.tv_nsec,
                         (long long)st.st_size, (long long)st.st_ino};
            int di = domain_index(i18n, domain, 1);
            if (di < 0)
                continue;
            pack_slot *ps = &i18n->slots[li * MAX_DOMAINS + di];
            if (ps->have_tried && memcmp(&ps->tried, &now, sizeof now) == 0)
                continue;
            /* Settle: a changed file is taken once two polls in a row see the same state. */
            if (i18n->scanned && !i18n->no_settle &&
                !(ps->have_seen && memcmp(&ps->seen, &now, sizeof now) == 0)) {
                ps->seen = now;
                ps->have_seen = 1;
                continue;
            }
            ps->tried = now;
            ps->have_tried = 1;
            char rel[300];
            snprintf(rel, sizeof rel, "%s/%s", i18n->langs[li].code, de->d_name);
            pack *p = pack_load(i18n, i18n->langs[li].code, path, rel);
            if (!p && !ps->current && i18n->backup_dir) {
                char copy[1600];
                snprintf(copy, sizeof copy, "%s/%s", i18n->backup_dir, rel);
                struct stat cst;
                if (stat(copy, &cst) == 0) {
                    p = pack_load(i18n, i18n->langs[li].code, copy, NULL);
                    if (p)
                        md_log(MD_LOG_WARN, "I18N", "%s: using the last good copy %s", path, copy);
                }
            }
            if (!p) {
                if (ps->current)
                    md_log(MD_LOG_WARN, "I18N", "%s: keeping the last good pack", path);
                continue;
            }
            if (ps->current) {
                ps->current->next_retired = i18n->retired;
                i18n->retired = ps->current;
                md_log(MD_LOG_INFO, "I18N", "%s: reloaded (%d messages)", path, p->n_translated);
            }
            ps->current = p;
            n_loaded++;
        }
        closedir(d);
    }
    i18n->scanned = 1;
    if (n_loaded)
        i18n->generation++;
    return n_loaded;
}

/* ---------------------------------------------------------------- public API */

/* The instance without locales.conf: one language, English, no packs (msgids are English). */
static int english_only(md_i18n *i18n)
{
    for (int i = 0; i < i18n->n_langs; i++)
        free_lang(&i18n->langs[i]);
    i18n->n_langs = 1;
    lang *l = &i18n->langs[0];
    memset(l, 0, sizeof *l);
    if (set_field(&l->code, "en") < 0 || set_field(&l->endonym, "English") < 0 ||
        set_field(&l->script, "Latn") < 0 || set_field(&l->voice, "") < 0 ||
        set_field(&l->chain_text, "en") < 0)
        return -1;
    l->chain_ptrs[0] = l->chain_text;
    l->chain_ptrs[1] = NULL;
    l->chain[0] = 0;
    l->n_chain = 1;
    l->info.code = l->code;
    l->info.endonym = l->endonym;
    l->info.script = l->script;
    l->info.voice = l->voice;
    l->info.fallbacks = l->chain_ptrs;
    return 0;
}

md_i18n *md_i18n_create(const char *locales_dir)
{
    return md_i18n_create_with_backup(locales_dir, NULL);
}

static void clear_langs(md_i18n *i18n)
{
    for (int i = 0; i < i18n->n_langs; i++)
        free_lang(&i18n->langs[i]);
    i18n->n_langs = 0;
}

md_i18n *md_i18n_create_with_backup(const char *locales_dir, const char *backup_dir)
{
    md_i18n *i18n = md_calloc(1, sizeof *i18n);
    if (!i18n)
        return NULL;
    i18n->use_fuzzy = 1;
    i18n->generation = 1;
    i18n->fmt_cache = md_i18n_fmt_cache_create(); /* without it formatting still works, uncached */
    i18n->dir = md_strdup(locales_dir ? locales_dir : "");
    i18n->slots = md_calloc((size_t)MAX_LANGS * MAX_DOMAINS, sizeof *i18n->slots);
    if (!i18n->dir || !i18n->slots) {
        md_i18n_destroy(i18n);
        return NULL;
    }
    if (backup_dir)
        i18n->backup_dir = md_strdup(backup_dir);
    char conf[1024];
    snprintf(conf, sizeof conf, "%s/locales.conf", locales_dir ? locales_dir : "");
    if (!locales_dir)
        md_log(MD_LOG_ERROR, "I18N", "no locales directory");
    int rc = locales_dir ? parse_conf(i18n, conf) : -1;
    if (rc < 0 && i18n->backup_dir) {
        /* A bad edit must not cost the visitors their languages: the last good copy. */
        char copy[1100];
        snprintf(copy, sizeof copy, "%s/locales.conf", i18n->backup_dir);
        clear_langs(i18n);
        struct stat cst;
        if (stat(copy, &cst) == 0) {
            md_log(MD_LOG_WARN, "I18N", "%s cannot be used; using the last good copy %s", conf,
                   copy);
            char *keep = i18n->backup_dir; /* never copy the copy onto itself */
            i18n->backup_dir = NULL;
            rc = parse_conf(i18n, copy);
            i18n->backup_dir = keep;
        }
    }
    if (rc == 0) {
        i18n->has_conf = 1;
    } else {
        md_log(MD_LOG_ERROR, "I18N", "[%s] unusable and no last good copy: English only", conf);
        if (english_only(i18n) < 0) {
            md_i18n_destroy(i18n);
            return NULL;
        }
    }
    i18n->current = 0;
    if (i18n->has_conf)
        scan_packs(i18n);
    return i18n;
}

int md_i18n_has_conf(const md_i18n *i18n)
{
    return i18n->has_conf;
}

static void free_retired(md_i18n *i18n)
{
    while (i18n->retired) {
        pack *p = i18n->retired;
        i18n->retired = p->next_retired;
        pack_free(p);
    }
}

void md_i18n_destroy(md_i18n *i18n)
{
    if (!i18n)
        return;
    free_retired(i18n);
    md_i18n_fmt_cache_destroy(i18n->fmt_cache);
    if (i18n->slots)
        for (int i = 0; i < MAX_LANGS * MAX_DOMAINS; i++)
            pack_free(i18n->slots[i].current);
    md_free(i18n->slots);
    for (int i = 0; i < i18n->n_langs; i++)
        free_lang(&i18n->langs[i]);
    for (int d = 0; d < i18n->n_domains; d++)
        md_free(i18n->domains[d]);
    md_free(i18n->dir);
    md_free(i18n->backup_dir);
    md_free(i18n);
}

int md_i18n_language_count(const md_i18n *i18n)
{
    return i18n ? i18n->n_langs : 0;
}

const md_lang_info *md_i18n_language(const md_i18n *i18n, int i)
{
    return i18n && i >= 0 && i < i18n->n_langs ? &i18n->langs[i].info : NULL;
}

const md_lang_info *md_i18n_find(const md_i18n *i18n, const char *code)
{
    int i = i18n ? find_lang(i18n, code) : -1;
    return i >= 0 ? &i18n->langs[i].info : NULL;
}

int md_i18n_set_language(md_i18n *i18n, const char *code)
{
    int i = i18n ? find_lang(i18n, code) : -1;
    if (i < 0) {
        md_log(MD_LOG_WARN, "I18N", "language '%s' is not offered", code ? code : "(null)");
        return -1;
    }
    if (i != i18n->current) {
        i18n->current = i;
        i18n->generation++;
        md_i18n_fmt_cache_clear(i18n->fmt_cache); /* formatters are per locale */
    }
    return 0;
}

const char *md_i18n_current(const md_i18n *i18n)
{
    return i18n ? i18n->langs[i18n->current].code : "en";
}

const char *md_i18n_tr_lang(md_i18n *i18n, const char *lang_code, const char *domain,
                            const char *msgctxt, const char *msgid)
{
    if (!msgid)
        return "";
    if (!i18n || !domain)
        return msgid;
    int li = i18n->current;
    if (lang_code && lang_code != i18n->langs[li].code && strcmp(lang_code, i18n->langs[li].code))
        li = find_lang(i18n, lang_code);
    if (li < 0)
        li = find_lang(i18n, "en"); /* an unknown language reads the English chain */
    int di = domain_index(i18n, domain, 0);
    if (di < 0 || li < 0)
        return msgid;
    uint32_t h = md_i18n_hash_key(msgctxt, msgid);
    const lang *l = &i18n->langs[li];
    for (int k = 0; k < l->n_chain; k++) {
        const pack *p = i18n->slots[l->chain[k] * MAX_DOMAINS + di].current;
        const char *s = p ? pack_find(p, h, msgctxt, msgid, i18n->use_fuzzy) : NULL;
        if (s)
            return s;
    }
    return msgid;
}

const char *md_i18n_tr(md_i18n *i18n, const char *domain, const char *msgctxt, const char *msgid)
{
    return md_i18n_tr_lang(i18n, NULL, domain, msgctxt, msgid);
}

void md_i18n_set_use_fuzzy(md_i18n *i18n, int use_fuzzy)
{
    if (i18n && i18n->use_fuzzy != !!use_fuzzy) {
        i18n->use_fuzzy = !!use_fuzzy;
        i18n->generation++;
    }
}

int md_i18n_format(md_i18n *i18n, const char *lang_code, const char *pattern, const md_arg *args,
                   int n_args, char *out, size_t cap)
{
    if (!out || !cap)
        return -1;
    if (!lang_code)
        lang_code = md_i18n_current(i18n);
    char err[256];
    if (md_i18n_format_pattern_cached(i18n ? i18n->fmt_cache : NULL, lang_code, pattern, args,
                                      n_args, out, cap, err, sizeof err) < 0) {
        md_log(MD_LOG_WARN, "I18N", "cannot format \"%s\" in %s: %s", pattern ? pattern : "",
               lang_code, err);
        md_i18n_copy_utf8(out, cap, pattern ? pattern : "", pattern ? strlen(pattern) : 0);
        return -1;
    }
    return 0;
}

int md_i18n_poll_reload(md_i18n *i18n)
{
    if (!i18n || !i18n->has_conf)
        return 0;
    free_retired(i18n); /* strings from packs replaced at the previous poll are now gone */
    return scan_packs(i18n);
}

int md_i18n_reload_now(md_i18n *i18n)
{
    if (!i18n)
        return 0;
    i18n->no_settle = 1;
    int n = md_i18n_poll_reload(i18n);
    i18n->no_settle = 0;
    return n;
}

md_i18n_fmt_cache *md_i18n_fmt_cache_of(md_i18n *i18n)
{
    return i18n ? i18n->fmt_cache : NULL;
}

int md_i18n_cached_formatters(const md_i18n *i18n)
{
    return i18n ? md_i18n_fmt_cache_count(i18n->fmt_cache) : 0;
}

void md_i18n_trim(md_i18n *i18n)
{
    if (i18n)
        md_i18n_fmt_cache_clear(i18n->fmt_cache);
}

unsigned md_i18n_generation(const md_i18n *i18n)
{
    return i18n ? i18n->generation : 0;
}

int md_i18n_pack_counts(const md_i18n *i18n, const char *lang_code, const char *domain,
                        int *n_translated, int *n_fuzzy)
{
    if (!i18n || !domain)
        return -1;
    int li = find_lang(i18n, lang_code);
    int di = -1;
    for (int d = 0; d < i18n->n_domains; d++)
        if (strcmp(i18n->domains[d], domain) == 0)
            di = d;
    const pack *p = li >= 0 && di >= 0 ? i18n->slots[li * MAX_DOMAINS + di].current : NULL;
    if (!p)
        return -1;
    if (n_translated)
        *n_translated = p->n_translated;
    if (n_fuzzy)
        *n_fuzzy = p->n_fuzzy;
    return 0;
}
