/* The "log" speech backend: one JSON line per utterance instead of sound, so headless tests
 * assert on what a visitor would hear (--speech-log FILE). Each line is flushed at once: a test
 * may read the file while the kiosk runs.
 */
#include <stdio.h>
#include <string.h>

#include "base/base.h"
#include "speech/speech.h"

typedef struct log_impl {
    FILE *f;
    int volume_pct;
} log_impl;

static void put_json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        switch (*p) {
        case '"':
            fputs("\\\"", f);
            break;
        case '\\':
            fputs("\\\\", f);
            break;
        case '\n':
            fputs("\\n", f);
            break;
        case '\r':
            fputs("\\r", f);
            break;
        case '\t':
            fputs("\\t", f);
            break;
        default:
            if (*p < 0x20)
                fprintf(f, "\\u%04x", *p);
            else
                fputc(*p, f);
        }
    }
    fputc('"', f);
}

static int log_say(md_speech_backend *b, const md_speech_utt *u)
{
    log_impl *l = b->impl;
    fputs("{\"lang\":", l->f);
    put_json_string(l->f, u->lang);
    fputs(",\"voice\":", l->f);
    put_json_string(l->f, u->voice);
    fputs(",\"text\":", l->f);
    put_json_string(l->f, u->text);
    fprintf(l->f, ",\"volume\":%d,\"rate\":%d", u->volume_pct, u->rate_pct);
    if (u->file) {
        const char *base = strrchr(u->file, '/');
        fputs(",\"file\":", l->f);
        put_json_string(l->f, base ? base + 1 : u->file);
    }
    fputs("}\n", l->f);
    if (fflush(l->f) != 0) {
        md_log(MD_LOG_ERROR, "SPEECH", "log: cannot write the speech log");
        return -1;
    }
    return 0;
}

static void log_stop(md_speech_backend *b)
{
    (void)b;
}

static void log_set_volume(md_speech_backend *b, int volume_pct)
{
    ((log_impl *)b->impl)->volume_pct = volume_pct;
}

static void log_prepare(md_speech_backend *b, const char *voice, int rate_pct)
{
    (void)b;
    (void)voice;
    (void)rate_pct;
}

static uint64_t log_last_start_ns(md_speech_backend *b)
{
    (void)b;
    return 0;
}

static int log_busy(md_speech_backend *b)
{
    (void)b;
    return 0;
}

static void log_destroy(md_speech_backend *b)
{
    if (!b)
        return;
    log_impl *l = b->impl;
    if (l && l->f)
        fclose(l->f);
    md_free(l);
    md_free(b);
}

md_speech_backend *md_speech_log_create(const char *path)
{
    FILE *f = fopen(path, "a");
    if (!f) {
        md_log(MD_LOG_ERROR, "SPEECH", "log: cannot open %s for writing", path);
        return NULL;
    }
    md_speech_backend *b = md_calloc(1, sizeof *b);
    log_impl *l = md_calloc(1, sizeof *l);
    if (!b || !l) {
        fclose(f);
        md_free(b);
        md_free(l);
        return NULL;
    }
    l->f = f;
    l->volume_pct = 100;
    b->name = "log";
    b->impl = l;
    b->say = log_say;
    b->stop = log_stop;
    b->set_volume = log_set_volume;
    b->prepare = log_prepare;
    b->last_start_ns = log_last_start_ns;
    b->busy = log_busy;
    b->destroy = log_destroy;
    return b;
}
