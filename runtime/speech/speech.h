/* Speech: says text aloud in the visitor's language, or logs what would be said.
 *
 * Two layers. A backend (md_speech_backend) is a struct of function pointers in the manner of
 * SDL's video and audio drivers: "espeak" runs espeak-ng as separate warm processes (it is GPL:
 * never linked) and plays their audio through SDL audio; "log" writes one JSON line per utterance
 * ({"lang":…,"voice":…,"text":…}) so headless tests assert on what would be said. The front
 * (md_speech) chooses the voice for a language from locales.conf, and for a language without a
 * voice (tl, km, mn on espeak-ng 1.51) plays the recorded prompt of a fixed phrase when the
 * content has one, else says the phrase in the first language of the fallback chain that has a
 * voice, with a log line (docs/ACCESSIBILITY.md says exactly what each language hears). Volume
 * and rate belong to the visitor and go back to the defaults with md_speech_reset.
 * Everything here is called from the main thread; backends keep their own worker threads.
 */
#ifndef MD_SPEECH_H
#define MD_SPEECH_H

#include <stdint.h>

typedef struct md_i18n md_i18n;
typedef struct md_speech md_speech;

/* ---------------------------------------------------------------- backends */

/* One thing to say. Strings are borrowed for the call (backends copy what they keep). */
typedef struct md_speech_utt {
    const char *lang;  /* BCP 47 of the text, e.g. "ko" */
    const char *voice; /* espeak-ng voice id from locales.conf, e.g. "en-us"; "recording" for a
                          recorded file */
    const char *text;  /* what is said (for a recording: the phrase it says) */
    const char *file;  /* absolute path of a WAV recording to play instead of synthesis, or NULL */
    int volume_pct;    /* 10..100 */
    int rate_pct;      /* 50..200, 100 = the voice's normal rate */
} md_speech_utt;

typedef struct md_speech_backend md_speech_backend;
struct md_speech_backend {
    const char *name; /* "espeak", "log" */
    void *impl;
    /* Queues u after whatever is being said. Returns 0, or -1 (logged). */
    int (*say)(md_speech_backend *b, const md_speech_utt *u);
    /* Silences at once and drops everything queued. */
    void (*stop)(md_speech_backend *b);
    /* Changes the volume of what is playing and queued (0..100). */
    void (*set_volume)(md_speech_backend *b, int volume_pct);
    /* Starts, ahead of need, whatever makes the first utterance in voice fast (a warm process).
     * May be a no-op. */
    void (*prepare)(md_speech_backend *b, const char *voice, int rate_pct);
    /* Monotonic ns (md_time_ns) at which the most recent utterance's first audible sample was
     * handed to the audio device, or 0 (for the latency figure). */
    uint64_t (*last_start_ns)(md_speech_backend *b);
    /* 1 while something is being synthesised or is still queued for the audio device. */
    int (*busy)(md_speech_backend *b);
    void (*destroy)(md_speech_backend *b);
};

/* espeak-ng as warm child processes (one ready per voice in use, started ahead) whose WAV output
 * is queued to an SDL audio device. program is the espeak-ng binary (NULL = "espeak-ng" on PATH).
 * SDL_INIT_AUDIO is initialised here if needed. Returns NULL (logged) when no audio device opens
 * or the program cannot run. */
md_speech_backend *md_speech_espeak_create(const char *program);
/* Appends one JSON line per utterance to path ({"lang","voice","text","volume","rate"} and "file"
 * for a recording), flushed after each line. Returns NULL (logged) when path cannot be opened. */
md_speech_backend *md_speech_log_create(const char *path);

/* ---------------------------------------------------------------- the front */

/* A piece of an utterance: what is shown, and where it came from so it can be said in another
 * language (or from a recording) when the visitor's language has no voice. */
typedef struct md_speech_part {
    const char *text;    /* as shown, in the utterance's language */
    const char *msgid;   /* the message it was translated from, or NULL (content text) */
    const char *msgctxt; /* or NULL */
} md_speech_part;

typedef struct md_speech_options {
    const char *prompts_dir; /* <dir>/<lang>/prompts.po maps fixed phrases to WAV files; NULL */
    int default_volume_pct;  /* 0 = 80 */
    int default_rate_pct;    /* 0 = 100 */
} md_speech_options;

/* Takes ownership of backend (NULL = silent: everything is accepted and nothing said). i18n
 * (borrowed, may be NULL) gives voices, fallback chains and translations. */
md_speech *md_speech_create(md_speech_backend *backend, md_i18n *i18n,
                            const md_speech_options *opt);
/* The kiosk's speech as configured: log_path (--speech-log) gives the log backend; otherwise
 * backend "espeak" (program = the espeak-ng binary, NULL = on PATH) or "none". When espeak cannot
 * start (no audio device, no program) speech is silent, logged. NULL only when out of memory. */
md_speech *md_speech_open(const char *backend, const char *log_path, const char *program,
                          md_i18n *i18n, const md_speech_options *opt);
void md_speech_destroy(md_speech *s);
const char *md_speech_backend_name(const md_speech *s); /* "none" when silent */

/* Message domains tried, in order, to say a part in another language: the runtime's own
 * ("runtime") and the plugin on screen (plugin may be NULL). Copied. */
void md_speech_set_domain(md_speech *s, const char *plugin_domain);

/* The language speech uses for lang: lang when it has a voice, else the first language of its
 * fallback chain that has one (logged once per language). NULL when nothing has a voice. */
const char *md_speech_spoken_lang(md_speech *s, const char *lang);

/* Says parts (joined by ": ") in lang. interrupt = 1 stops what is being said first (focus moved
 * on); 0 queues after it. Parts the language cannot say are recorded prompts or said in the
 * spoken language (see above); a content part that can be neither is left out with a log line.
 * Returns 0, or -1 when nothing could be said. */
int md_speech_say(md_speech *s, const char *lang, const md_speech_part *parts, int n_parts,
                  int interrupt);
/* Says text in lang (BCP 47) as given, e.g. a plugin's Korean word (ui_speak). A language without
 * a voice is said with the fallback voice when that writes the same script, else left out (log
 * line). Returns 0 or -1. */
int md_speech_say_text(md_speech *s, const char *lang, const char *text, int interrupt);
/* Plays a WAV recording (absolute path) with the visitor's volume; text is what it says (for the
 * log backend). Returns 0, or -1 when the file is unusable (logged). */
int md_speech_play_file(md_speech *s, const char *path, const char *lang, const char *text,
                        int interrupt);
/* Says the last utterance again. */
int md_speech_repeat(md_speech *s);
void md_speech_stop(md_speech *s);

/* The visitor's volume (10..100 %) and rate (50..200 %); values are clamped. */
void md_speech_set_volume(md_speech *s, int volume_pct);
void md_speech_set_rate(md_speech *s, int rate_pct);
int md_speech_volume(const md_speech *s);
int md_speech_rate(const md_speech *s);
/* A new visitor: stop, and volume and rate back to the defaults. */
void md_speech_reset(md_speech *s);
/* Warms the voice of lang (a visitor chose it). */
void md_speech_prepare(md_speech *s, const char *lang);

/* For the latency figure: see md_speech_backend.last_start_ns. */
uint64_t md_speech_last_start_ns(md_speech *s);
int md_speech_busy(md_speech *s);

#endif /* MD_SPEECH_H */
