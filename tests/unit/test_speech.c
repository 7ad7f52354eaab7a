/* Unit tests for runtime/speech: voices from locales.conf, the fallback of a language without a
 * voice (recorded prompts first, then the chain), volume and rate reset, the JSON log backend,
 * and the espeak-ng backend for real (espeak-ng processes, SDL's disk audio driver as the device).
 */
#include "base/base.h"
#include "check.h"
#include "i18n/i18n.h"
#include "speech/speech.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <SDL.h>

static char g_log[256];
static md_i18n *g_i18n;

static char *slurp(const char *path)
{
    return md_read_file(path, NULL);
}

static md_speech *make(const char *prompts)
{
    unlink(g_log);
    md_speech_backend *b = md_speech_log_create(g_log);
    md_speech_options o = {.prompts_dir = prompts};
    return md_speech_create(b, g_i18n, &o);
}

static int count_lines(const char *s)
{
    int n = 0;
    for (; s && *s; s++)
        n += *s == '\n';
    return n;
}

static void test_voice_and_role(void)
{
    md_speech *s = make(NULL);
    md_speech_part parts[] = {{"Button", "Button", "role"}, {"Home", "Home", NULL}};
    CHECK_INT(md_speech_say(s, "en", parts, 2, 1), 0);
    md_speech_part ko[] = {{"버튼", "Button", "role"}, {"처음으로", "Home", NULL}};
    CHECK_INT(md_speech_say(s, "ko", ko, 2, 1), 0);
    md_speech_destroy(s);
    char *t = slurp(g_log);
    CHECK(t && strstr(t, "{\"lang\":\"en\",\"voice\":\"en-us\",\"text\":\"Button: Home\","
                         "\"volume\":80,\"rate\":100}\n"));
    CHECK(t && strstr(t, "{\"lang\":\"ko\",\"voice\":\"ko\",\"text\":\"버튼: 처음으로\""));
    CHECK_INT(count_lines(t), 2);
    md_free(t);
}

static void test_spoken_lang(void)
{
    md_speech *s = make(NULL);
    CHECK_STR(md_speech_spoken_lang(s, "ko"), "ko");
    CHECK_STR(md_speech_spoken_lang(s, "uz-Latn"), "uz-Latn");
    CHECK_STR(md_speech_spoken_lang(s, "km"), "en");
    CHECK_STR(md_speech_spoken_lang(s, "tl"), "en");
    CHECK_STR(md_speech_spoken_lang(s, "mn"), "en");
    md_speech_destroy(s);
}

/* Khmer without prompts: the English translation in the en-us voice; content text (no msgid, a
 * script English cannot read) is left out. */
static void test_khmer_without_prompts(void)
{
    md_speech *s = make(NULL);
    md_speech_part parts[] = {{"ប៊ូតុង", "Button", "role"}, {"ទំព័រដើម", "Home", NULL}};
    CHECK_INT(md_speech_say(s, "km", parts, 2, 1), 0);
    md_speech_part content[] = {{"ឈឺក្បាល", NULL, NULL}};
    CHECK_INT(md_speech_say(s, "km", content, 1, 1), -1);
    md_speech_destroy(s);
    char *t = slurp(g_log);
    CHECK(t && strstr(t, "{\"lang\":\"en\",\"voice\":\"en-us\",\"text\":\"Button: Home\""));
    CHECK_INT(count_lines(t), 1);
    md_free(t);
}

/* Khmer with recorded prompts: each phrase that has a recording plays it, in order. */
static void test_khmer_prompts(void)
{
    md_speech *s = make(MD_DATA_DIR "/tests/speech/prompts");
    md_speech_part parts[] = {{"ប៊ូតុង", "Button", "role"}, {"ទំព័រដើម", "Home", NULL}};
    CHECK_INT(md_speech_say(s, "km", parts, 2, 1), 0);
    md_speech_part mixed[] = {{"ប៊ូតុង", "Button", "role"}, {"ភាសា", "Language", NULL}};
    CHECK_INT(md_speech_say(s, "km", mixed, 2, 1), 0);
    md_speech_destroy(s);
    char *t = slurp(g_log);
    CHECK(t && strstr(t, "{\"lang\":\"km\",\"voice\":\"recording\",\"text\":\"ប៊ូតុង\","
                         "\"volume\":80,\"rate\":100,\"file\":\"button.wav\"}"));
    CHECK(t && strstr(t, "\"text\":\"ទំព័រដើម\",\"volume\":80,\"rate\":100,\"file\":\"home.wav\""));
    CHECK(t && strstr(t, "{\"lang\":\"en\",\"voice\":\"en-us\",\"text\":\"Language\""));
    CHECK_INT(count_lines(t), 4);
    md_free(t);
}

/* A plugin's text in a voiceless language: read by the fallback voice when the script is the
 * same (Tagalog by the English voice), left out otherwise (Mongolian Cyrillic). */
static void test_say_text(void)
{
    md_speech *s = make(NULL);
    CHECK_INT(md_speech_say_text(s, "ko", "사과", 0), 0);
    CHECK_INT(md_speech_say_text(s, "tl", "Magandang araw", 0), 0);
    CHECK_INT(md_speech_say_text(s, "mn", "Сайн байна уу", 0), -1);
    CHECK_INT(md_speech_repeat(s), 0);
    md_speech_destroy(s);
    char *t = slurp(g_log);
    CHECK(t && strstr(t, "{\"lang\":\"ko\",\"voice\":\"ko\",\"text\":\"사과\""));
    CHECK(t && strstr(t, "{\"lang\":\"en\",\"voice\":\"en-us\",\"text\":\"Magandang araw\""));
    CHECK(t && !strstr(t, "Сайн"));
    CHECK_INT(count_lines(t), 3); /* the repeat says Tagalog again */
    md_free(t);
}

static void test_volume_rate_reset(void)
{
    md_speech *s = make(NULL);
    md_speech_set_volume(s, 100);
    md_speech_set_rate(s, 150);
    CHECK_INT(md_speech_volume(s), 100);
    CHECK_INT(md_speech_rate(s), 150);
    md_speech_set_rate(s, 900);
    CHECK_INT(md_speech_rate(s), 200);
    md_speech_set_volume(s, 0);
    CHECK_INT(md_speech_volume(s), 10);
    md_speech_part p = {"Hello", NULL, NULL};
    md_speech_say(s, "en", &p, 1, 1);
    md_speech_reset(s);
    CHECK_INT(md_speech_volume(s), 80);
    CHECK_INT(md_speech_rate(s), 100);
    CHECK_INT(md_speech_repeat(s), -1); /* the last visitor's words are gone */
    md_speech_say(s, "en", &p, 1, 1);
    md_speech_destroy(s);
    char *t = slurp(g_log);
    CHECK(t && strstr(t, "\"text\":\"Hello\",\"volume\":10,\"rate\":200}"));
    CHECK(t && strstr(t, "\"text\":\"Hello\",\"volume\":80,\"rate\":100}"));
    md_free(t);
}

static void test_json_escaping(void)
{
    md_speech *s = make(NULL);
    md_speech_say_text(s, "en", "a \"quoted\"\\ line\nnext", 0);
    md_speech_destroy(s);
    char *t = slurp(g_log);
    CHECK(t && strstr(t, "\"text\":\"a \\\"quoted\\\"\\\\ line\\nnext\""));
    md_free(t);
}

static void test_play_file_refuses_missing(void)
{
    md_speech *s = make(NULL);
    CHECK_INT(md_speech_play_file(s, "/nonexistent/x.wav", "ko", "x", 1), -1);
    CHECK_INT(
        md_speech_play_file(s, MD_DATA_DIR "/tests/speech/prompts/km/home.wav", "ko", "집", 1), 0);
    md_speech_destroy(s);
    char *t = slurp(g_log);
    CHECK(t && strstr(t, "\"voice\":\"recording\",\"text\":\"집\""));
    md_free(t);
}

/* Reads the disk audio driver's output and counts samples louder than a whisper. */
static long loud_samples(const char *path)
{
    size_t n = 0;
    char *raw = md_read_file(path, &n);
    long loud = 0;
    for (size_t i = 0; raw && i + 1 < n; i += 2) {
        int16_t v = (int16_t)((uint8_t)raw[i] | (uint8_t)raw[i + 1] << 8);
        loud += v > 2000 || v < -2000;
    }
    md_free(raw);
    return loud;
}

static int wait_idle(md_speech *s, int max_ms)
{
    for (int t = 0; t < max_ms; t += 10) {
        if (!md_speech_busy(s))
            return 0;
        SDL_Delay(10);
    }
    return -1;
}

/* The real thing: espeak-ng processes, audio through SDL (disk driver). */
static void test_espeak_real(void)
{
    char raw[300];
    snprintf(raw, sizeof raw, "%s.raw", g_log);
    unlink(raw);
    setenv("SDL_AUDIODRIVER", "disk", 1);
    setenv("SDL_DISKAUDIOFILE", raw, 1);
    setenv("SDL_DISKAUDIODELAY", "1", 1);
    md_speech_backend *b = md_speech_espeak_create(NULL);
    CHECK(b != NULL);
    if (!b)
        return;
    md_speech *s = md_speech_create(b, g_i18n, NULL);
    md_speech_prepare(s, "ko");
    md_speech_part p = {"Button: Book a seat", NULL, NULL};
    CHECK_INT(md_speech_say(s, "en", &p, 1, 1), 0);
    CHECK_INT(md_speech_say_text(s, "ko", "좌석 예약", 0), 0);
    CHECK_INT(wait_idle(s, 20000), 0);
    CHECK(md_speech_last_start_ns(s) > 0);
    /* Stop silences a long utterance at once. */
    CHECK_INT(md_speech_say_text(s, "en",
                                 "This is a long sentence that would take many seconds to say "
                                 "if nobody stopped it, so the test stops it right away.",
                                 1),
              0);
    SDL_Delay(50);
    md_speech_stop(s);
    CHECK_INT(wait_idle(s, 2000), 0);
    md_speech_destroy(s);
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
    CHECK(loud_samples(raw) > 5000);
    unlink(raw);
}

static void test_espeak_missing_program(void)
{
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    md_speech_backend *b = md_speech_espeak_create("/nonexistent/espeak-ng");
    CHECK(b == NULL);
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

int main(void)
{
    snprintf(g_log, sizeof g_log, "/tmp/md-test-speech-%d.jsonl", (int)getpid());
    md_log_set_min_level(MD_LOG_WARN);
    g_i18n = md_i18n_create(MD_DATA_DIR "/locales");
    RUN(test_voice_and_role);
    RUN(test_spoken_lang);
    RUN(test_khmer_without_prompts);
    RUN(test_khmer_prompts);
    RUN(test_say_text);
    RUN(test_volume_rate_reset);
    RUN(test_json_escaping);
    RUN(test_play_file_refuses_missing);
    RUN(test_espeak_real);
    RUN(test_espeak_missing_program);
    md_i18n_destroy(g_i18n);
    unlink(g_log);
    SDL_Quit();
    return check_summary();
}
