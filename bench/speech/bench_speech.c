/* bench-speech: how long a visitor waits from moving keypad focus to hearing the control.
 * Builds a screen of buttons with the UI toolkit, presses Tab, lets md_a11y_after_frame say the
 * focused button ("Button: …") through the espeak backend (warm espeak-ng processes, SDL's dummy
 * audio driver), and measures until the first audible sample reaches the audio ring. Prints
 *   bench speech_focus_to_audio_p50 / _p99 (warm, aim < 200 ms), speech_cold_start (a voice with no
 *   warm process yet, for comparison).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

#include "a11y/a11y.h"
#include "base/base.h"
#include "i18n/i18n.h"
#include "speech/speech.h"
#include "ui/ui.h"

#define N_RUNS 30

static void frame(md_ui *ui, md_a11y *a, const char *lang, uint64_t now)
{
    static const char *const labels[] = {"Book a seat", "Timetable", "Where is the shuttle",
                                         "My booking", "Help"};
    md_ui_begin_frame(ui, 1280, 720, lang, 0, now);
    md_ui_heading(ui, "Shuttle", NULL);
    for (int i = 0; i < 5; i++)
        md_ui_button(ui, labels[i], NULL);
    md_ui_end_frame(ui);
    md_a11y_after_frame(a, ui, "bench", lang, md_ui_focus_visible(ui), 0);
}

static int cmp(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return a < b ? -1 : a > b;
}

/* ms from now until the backend reports a new first sample, or -1 after 5 s. */
static double wait_start(md_speech *s, uint64_t t0, uint64_t before)
{
    for (int i = 0; i < 5000; i++) {
        uint64_t t = md_speech_last_start_ns(s);
        if (t != before && t >= t0)
            return (double)(t - t0) / 1e6;
        SDL_Delay(1);
    }
    return -1;
}

int main(void)
{
    md_log_set_min_level(MD_LOG_WARN);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    if (SDL_Init(SDL_INIT_AUDIO) != 0) {
        fprintf(stderr, "bench-speech: SDL_Init: %s\n", SDL_GetError());
        return 1;
    }
    md_i18n *i18n = md_i18n_create(MD_DATA_DIR "/locales");
    md_speech_backend *b = md_speech_espeak_create(NULL);
    if (!b) {
        fprintf(stderr, "bench-speech: espeak-ng or audio unavailable\n");
        return 1;
    }
    md_speech *s = md_speech_create(b, i18n, NULL);
    md_ui_theme th;
    md_ui_theme_default(&th, 4.5);
    md_ui *ui = md_ui_create(NULL, &th);
    md_a11y *a = md_a11y_create(s, i18n);
    /* Cold: a voice nobody asked for yet (no warm process). */
    uint64_t before = md_speech_last_start_ns(s);
    uint64_t t0 = md_time_ns();
    md_speech_say_text(s, "vi", "Xin chào", 1);
    double cold = wait_start(s, t0, before);
    SDL_Delay(300);
    md_speech_prepare(s, "en"); /* a visitor chose English: its voice is warmed */
    SDL_Delay(300);
    double ms[N_RUNS];
    int n = 0;
    uint64_t now = 1000;
    frame(ui, a, "en", now);
    for (int i = 0; i < N_RUNS; i++) {
        before = md_speech_last_start_ns(s);
        md_ui_key_press(ui, MD_UI_KEY_NEXT);
        t0 = md_time_ns();
        frame(ui, a, "en", now += 16); /* focus moves, after_frame speaks */
        double d = wait_start(s, t0, before);
        if (d >= 0)
            ms[n++] = d;
        SDL_Delay(150); /* a visitor listens a little before the next key */
    }
    md_speech_stop(s);
    qsort(ms, (size_t)n, sizeof ms[0], cmp);
    if (n > 0) {
        printf("bench speech_focus_to_audio_p50 %.1f ms (aim < 200 ms)\n", ms[n / 2]);
        printf("bench speech_focus_to_audio_p99 %.1f ms (aim < 200 ms)\n",
               ms[(n * 99) / 100 < n ? (n * 99) / 100 : n - 1]);
    }
    printf("bench speech_cold_start %.1f ms\n", cold);
    md_a11y_destroy(a);
    md_ui_destroy(ui);
    md_speech_destroy(s);
    md_i18n_destroy(i18n);
    SDL_Quit();
    return n == N_RUNS ? 0 : 1;
}
