/* The speech front: which voice says what. A language's voice comes from locales.conf; a
 * language without one (tl, km, mn with espeak-ng 1.51) plays the recorded prompt of a fixed
 * phrase when <prompts_dir>/<lang>/prompts.po maps the phrase's msgid to a WAV file, and otherwise
 * says the phrase's translation in the first language of its fallback chain that has a voice.
 * Volume and rate are the visitor's and go back to the defaults on reset.
 */
#include "speech/speech.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "base/base.h"
#include "i18n/i18n.h"

#define MAX_TEXT 2048
#define MAX_PROMPT_LANGS 8
#define MAX_WARNED 32

typedef struct prompt_pack {
    char lang[36];
    md_po *po; /* NULL when the language has no prompts (looked for once) */
} prompt_pack;

struct md_speech {
    md_speech_backend *be;
    md_i18n *i18n;
    char *prompts_dir;
    char plugin_domain[160];
    int default_volume_pct, default_rate_pct;
    int volume_pct, rate_pct;
    prompt_pack prompts[MAX_PROMPT_LANGS];
    int n_prompts;
    char warned[MAX_WARNED][36]; /* languages whose fallback was logged */
    int n_warned;
    /* the last utterance, for repeat */
    char last_lang[36];
    md_speech_part last_parts[8];
    char *last_store[8][3];
    int n_last;
    int last_is_text; /* said with md_speech_say_text */
    char *last_file;
};

static int clamp(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

md_speech *md_speech_create(md_speech_backend *backend, md_i18n *i18n, const md_speech_options *opt)
{
    md_speech *s = md_calloc(1, sizeof *s);
    if (!s) {
        if (backend)
            backend->destroy(backend);
        return NULL;
    }
    s->be = backend;
    s->i18n = i18n;
    s->default_volume_pct =
        clamp(opt && opt->default_volume_pct ? opt->default_volume_pct : 80, 10, 100);
    s->default_rate_pct =
        clamp(opt && opt->default_rate_pct ? opt->default_rate_pct : 100, 50, 200);
    s->volume_pct = s->default_volume_pct;
    s->rate_pct = s->default_rate_pct;
    if (opt && opt->prompts_dir)
        s->prompts_dir = md_strdup(opt->prompts_dir);
    if (s->be)
        s->be->set_volume(s->be, s->volume_pct);
    return s;
}

md_speech *md_speech_open(const char *backend, const char *log_path, const char *program,
                          md_i18n *i18n, const md_speech_options *opt)
{
    md_speech_backend *b = NULL;
    if (log_path && log_path[0])
        b = md_speech_log_create(log_path);
    else if (backend && !strcmp(backend, "espeak"))
        b = md_speech_espeak_create(program);
    else if (backend && backend[0] && strcmp(backend, "none"))
        md_log(MD_LOG_ERROR, "SPEECH", "unknown speech backend \"%s\" (espeak or none): silent",
               backend);
    if (!b && ((log_path && log_path[0]) || (backend && !strcmp(backend, "espeak"))))
        md_log(MD_LOG_WARN, "SPEECH", "speech is silent: its backend did not start");
    md_speech *s = md_speech_create(b, i18n, opt);
    if (s)
        md_log(MD_LOG_INFO, "SPEECH", "backend %s", md_speech_backend_name(s));
    return s;
}

static void forget_last(md_speech *s)
{
    for (int i = 0; i < 8; i++)
        for (int k = 0; k < 3; k++) {
            md_free(s->last_store[i][k]);
            s->last_store[i][k] = NULL;
        }
    md_free(s->last_file);
    s->last_file = NULL;
    s->n_last = 0;
}

void md_speech_destroy(md_speech *s)
{
    if (!s)
        return;
    if (s->be)
        s->be->destroy(s->be);
    for (int i = 0; i < s->n_prompts; i++)
        md_i18n_po_free(s->prompts[i].po);
    forget_last(s);
    md_free(s->prompts_dir);
    md_free(s);
}

const char *md_speech_backend_name(const md_speech *s)
{
    return s && s->be ? s->be->name : "none";
}

void md_speech_set_domain(md_speech *s, const char *plugin_domain)
{
    if (s)
        snprintf(s->plugin_domain, sizeof s->plugin_domain, "%s",
                 plugin_domain ? plugin_domain : "");
}

static const char *voice_of(md_speech *s, const char *lang)
{
    const md_lang_info *li = s->i18n && lang ? md_i18n_find(s->i18n, lang) : NULL;
    return li && li->voice && li->voice[0] ? li->voice : NULL;
}

static const char *script_of(md_speech *s, const char *lang)
{
    const md_lang_info *li = s->i18n && lang ? md_i18n_find(s->i18n, lang) : NULL;
    return li && li->script ? li->script : "";
}

static void warn_once(md_speech *s, const char *lang, const char *spoken)
{
    for (int i = 0; i < s->n_warned; i++)
        if (!strcmp(s->warned[i], lang))
            return;
    if (s->n_warned < MAX_WARNED)
        snprintf(s->warned[s->n_warned++], sizeof s->warned[0], "%s", lang);
    if (spoken)
        md_log(MD_LOG_INFO, "SPEECH",
               "[%s] has no voice: recorded prompts where the content has them, else %s", lang,
               spoken);
    else
        md_log(MD_LOG_WARN, "SPEECH", "[%s] has no voice and neither has its fallback chain", lang);
}

const char *md_speech_spoken_lang(md_speech *s, const char *lang)
{
    if (!s || !lang)
        return NULL;
    if (voice_of(s, lang))
        return lang;
    const md_lang_info *li = s->i18n ? md_i18n_find(s->i18n, lang) : NULL;
    const char *spoken = NULL;
    for (int i = 0; li && li->fallbacks && li->fallbacks[i] && !spoken; i++)
        if (voice_of(s, li->fallbacks[i]))
            spoken = li->fallbacks[i];
    if (!li && voice_of(s, "en"))
        spoken = "en"; /* a language this kiosk does not list reads English's chain */
    warn_once(s, lang, spoken);
    return spoken;
}

/* The recorded prompt for msgid in lang: an absolute path, or NULL. out holds it. */
static const char *prompt_for(md_speech *s, const char *lang, const char *msgctxt,
                              const char *msgid, char *out, size_t cap)
{
    if (!s->prompts_dir || !msgid)
        return NULL;
    prompt_pack *pk = NULL;
    for (int i = 0; i < s->n_prompts && !pk; i++)
        if (!strcmp(s->prompts[i].lang, lang))
            pk = &s->prompts[i];
    if (!pk) {
        if (s->n_prompts == MAX_PROMPT_LANGS)
            return NULL;
        pk = &s->prompts[s->n_prompts++];
        snprintf(pk->lang, sizeof pk->lang, "%s", lang);
        char path[4096];
        snprintf(path, sizeof path, "%s/%s/prompts.po", s->prompts_dir, lang);
        struct stat st;
        if (stat(path, &st) == 0) {
            char err[512] = "";
            pk->po = md_i18n_po_load(path, err, sizeof err);
            if (!pk->po)
                md_log(MD_LOG_ERROR, "SPEECH", "%s (prompts refused)", err);
            else
                md_log(MD_LOG_INFO, "SPEECH", "[%s] %d recorded prompts from %s", lang,
                       md_i18n_po_count(pk->po) - 1, path);
        }
    }
    if (!pk->po)
        return NULL;
    for (int i = 0; i < md_i18n_po_count(pk->po); i++) {
        const md_po_entry *en = md_i18n_po_entry(pk->po, i);
        if (!en->msgid[0] || strcmp(en->msgid, msgid) || !en->msgstr[0])
            continue;
        if ((en->msgctxt == NULL) != (msgctxt == NULL) || (msgctxt && strcmp(en->msgctxt, msgctxt)))
            continue;
        const char *f = en->msgstr;
        if (f[0] == '/' || strstr(f, "..")) {
            md_log(MD_LOG_ERROR, "SPEECH", "[%s] prompt \"%s\" names %s outside its folder", lang,
                   msgid, f);
            return NULL;
        }
        snprintf(out, cap, "%s/%s/%s", s->prompts_dir, lang, f);
        return out;
    }
    return NULL;
}

/* A part's text in lang: the translation of its msgid through the runtime's domain, then the
 * plugin's; the msgid (English source) when neither has it. */
static const char *part_in(md_speech *s, const md_speech_part *p, const char *lang)
{
    if (!p->msgid)
        return NULL;
    if (!s->i18n)
        return p->msgid;
    const char *t = md_i18n_tr_lang(s->i18n, lang, "runtime", p->msgctxt, p->msgid);
    if (t != p->msgid && strcmp(t, p->msgid))
        return t;
    if (s->plugin_domain[0]) {
        t = md_i18n_tr_lang(s->i18n, lang, s->plugin_domain, p->msgctxt, p->msgid);
        if (t && strcmp(t, p->msgid))
            return t;
    }
    return p->msgid;
}

static int emit(md_speech *s, const char *lang, const char *voice, const char *text,
                const char *file)
{
    if (!s->be)
        return 0;
    md_speech_utt u = {.lang = lang,
                       .voice = voice,
                       .text = text,
                       .file = file,
                       .volume_pct = s->volume_pct,
                       .rate_pct = s->rate_pct};
    return s->be->say(s->be, &u);
}

static void remember(md_speech *s, const char *lang, const md_speech_part *parts, int n,
                     int is_text, const char *file)
{
    forget_last(s);
    snprintf(s->last_lang, sizeof s->last_lang, "%s", lang);
    s->last_is_text = is_text;
    if (file)
        s->last_file = md_strdup(file);
    for (int i = 0; i < n && i < 8; i++) {
        s->last_store[i][0] = parts[i].text ? md_strdup(parts[i].text) : NULL;
        s->last_store[i][1] = parts[i].msgid ? md_strdup(parts[i].msgid) : NULL;
        s->last_store[i][2] = parts[i].msgctxt ? md_strdup(parts[i].msgctxt) : NULL;
        s->last_parts[i] =
            (md_speech_part){s->last_store[i][0], s->last_store[i][1], s->last_store[i][2]};
        s->n_last = i + 1;
    }
}

static void append(char *buf, size_t cap, const char *sep, const char *t)
{
    size_t n = strlen(buf);
    if (!t || !t[0] || n + 1 >= cap)
        return;
    snprintf(buf + n, cap - n, "%s%s", n ? sep : "", t);
}

static int say_parts(md_speech *s, const char *lang, const md_speech_part *parts, int n_parts)
{
    const char *voice = voice_of(s, lang);
    char text[MAX_TEXT] = "";
    if (voice) {
        for (int i = 0; i < n_parts; i++)
            append(text, sizeof text, ": ", parts[i].text);
        return text[0] ? emit(s, lang, voice, text, NULL) : -1;
    }
    /* No voice: recordings where there are some, the fallback voice for the rest, in order. */
    const char *spoken = md_speech_spoken_lang(s, lang);
    const char *sv = spoken ? voice_of(s, spoken) : NULL;
    int n_said = 0;
    for (int i = 0; i < n_parts; i++) {
        char path[4096];
        const char *file = prompt_for(s, lang, parts[i].msgctxt, parts[i].msgid, path, sizeof path);
        if (file) {
            if (text[0] && sv && emit(s, spoken, sv, text, NULL) == 0)
                n_said++;
            text[0] = '\0';
            if (emit(s, lang, "recording", parts[i].text, file) == 0)
                n_said++;
            continue;
        }
        const char *t = part_in(s, &parts[i], spoken ? spoken : "en");
        if (!t) {
            if (spoken && !strcmp(script_of(s, lang), script_of(s, spoken)))
                t = parts[i].text; /* same script: the fallback voice can read it */
            else {
                const char *cut = parts[i].text ? parts[i].text : "";
                int n = (int)strlen(cut);
                if (n > 60) /* a log line's excerpt, ended on a character boundary */
                    for (n = 60; n > 0 && ((unsigned char)cut[n] & 0xC0) == 0x80; n--)
                        ;
                md_log(MD_LOG_INFO, "SPEECH",
                       "[%s] content text without a voice or a translation left out: \"%.*s\"",
                       lang, n, cut);
                continue;
            }
        }
        append(text, sizeof text, ": ", t);
    }
    if (text[0] && sv && emit(s, spoken, sv, text, NULL) == 0)
        n_said++;
    return n_said ? 0 : -1;
}

int md_speech_say(md_speech *s, const char *lang, const md_speech_part *parts, int n_parts,
                  int interrupt)
{
    if (!s || !lang || !parts || n_parts <= 0)
        return -1;
    if (interrupt)
        md_speech_stop(s);
    int rc = say_parts(s, lang, parts, n_parts);
    if (rc == 0)
        remember(s, lang, parts, n_parts, 0, NULL);
    return rc;
}

int md_speech_say_text(md_speech *s, const char *lang, const char *text, int interrupt)
{
    if (!s || !lang || !text || !text[0])
        return -1;
    if (interrupt)
        md_speech_stop(s);
    md_speech_part p = {.text = text};
    int rc = say_parts(s, lang, &p, 1);
    if (rc == 0)
        remember(s, lang, &p, 1, 1, NULL);
    return rc;
}

int md_speech_play_file(md_speech *s, const char *path, const char *lang, const char *text,
                        int interrupt)
{
    if (!s || !path)
        return -1;
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
        md_log(MD_LOG_ERROR, "SPEECH", "no recording at %s", path);
        return -1;
    }
    if (interrupt)
        md_speech_stop(s);
    md_speech_part p = {.text = text ? text : ""};
    remember(s, lang ? lang : "", &p, 1, 1, path);
    return emit(s, lang ? lang : "", "recording", text ? text : "", path);
}

int md_speech_repeat(md_speech *s)
{
    if (!s || (!s->n_last && !s->last_file))
        return -1;
    md_speech_stop(s);
    if (s->last_file)
        return emit(s, s->last_lang, "recording", s->last_parts[0].text, s->last_file);
    return say_parts(s, s->last_lang, s->last_parts, s->n_last);
}

void md_speech_stop(md_speech *s)
{
    if (s && s->be)
        s->be->stop(s->be);
}

void md_speech_set_volume(md_speech *s, int volume_pct)
{
    if (!s)
        return;
    s->volume_pct = clamp(volume_pct, 10, 100);
    if (s->be)
        s->be->set_volume(s->be, s->volume_pct);
}

void md_speech_set_rate(md_speech *s, int rate_pct)
{
    if (s)
        s->rate_pct = clamp(rate_pct, 50, 200);
}

int md_speech_volume(const md_speech *s)
{
    return s ? s->volume_pct : 0;
}

int md_speech_rate(const md_speech *s)
{
    return s ? s->rate_pct : 0;
}

void md_speech_reset(md_speech *s)
{
    if (!s)
        return;
    md_speech_stop(s);
    forget_last(s);
    md_speech_set_volume(s, s->default_volume_pct);
    s->rate_pct = s->default_rate_pct;
}

void md_speech_prepare(md_speech *s, const char *lang)
{
    if (!s || !s->be || !lang)
        return;
    const char *spoken = md_speech_spoken_lang(s, lang);
    const char *v = spoken ? voice_of(s, spoken) : NULL;
    if (v)
        s->be->prepare(s->be, v, s->rate_pct);
}

uint64_t md_speech_last_start_ns(md_speech *s)
{
    return s && s->be ? s->be->last_start_ns(s->be) : 0;
}

int md_speech_busy(md_speech *s)
{
    return s && s->be ? s->be->busy(s->be) : 0;
}
