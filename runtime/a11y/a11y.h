/* Accessibility modes and speech from the semantic tree.
 *
 * The visitor turns modes on from the accessibility button every screen carries: speech
 * (touch-to-explore), high contrast, large text (200 %) and low reach. All of them, and the
 * visitor's volume and rate, go back to off/default when the visitor leaves (md_a11y_reset).
 * After every frame the app hands the finished tree to md_a11y_after_frame, which says what
 * changed: a new screen's alerts first, then its heading; the control keypad focus moved to, with
 * its role ("Button: Book a seat"). In speech mode a single tap says the control under the finger
 * and a double tap activates it (the screen-reader convention).
 */
#ifndef MD_A11Y_H
#define MD_A11Y_H

#include <stdint.h>

typedef struct md_ui md_ui;
typedef struct md_ui_node md_ui_node;
typedef struct md_i18n md_i18n;
typedef struct md_speech md_speech;
typedef struct md_a11y md_a11y;

typedef struct md_a11y_modes {
    int speech;        /* touch-to-explore; new screens announce themselves */
    int high_contrast; /* 7:1 text, 3:1 focus ring, borders on everything pressable */
    int large_text;    /* 200 % text with reflow */
    int low_reach;     /* every control 380-1220 mm above the floor */
} md_a11y_modes;

/* speech and i18n are borrowed (may be NULL). */
md_a11y *md_a11y_create(md_speech *speech, md_i18n *i18n);
void md_a11y_destroy(md_a11y *a);
/* The modes in force; the caller may change them (they apply from the next frame). */
md_a11y_modes *md_a11y_modes_get(md_a11y *a);
/* Says text (shown in lang, translated from msgid/msgctxt, which may be NULL) when anything is
 * being spoken, e.g. the new state of a mode the visitor switched ("Large text: on"). */
void md_a11y_announce(md_a11y *a, const char *lang, const char *text, const char *msgctxt,
                      const char *msgid);
/* A new visitor: every mode off, speech stopped, volume and rate back to the defaults. */
void md_a11y_reset(md_a11y *a);
/* 1 when anything should be spoken: speech mode is on, or the visitor used the keypad. */
int md_a11y_speaking(const md_a11y *a);

/* Called after each frame with the finished tree. screen names the screen ("home",
 * "plugin:<id>", ...; a change, or a new heading, announces the new screen: its alerts, then its
 * heading, the first one at or below content_top_px (not the title in the top bar) if any); lang
 * is the visitor's language; keys_used is 1 once the visitor used the keypad (focus then speaks
 * even without speech mode). */
void md_a11y_after_frame(md_a11y *a, const md_ui *ui, const char *screen, const char *lang,
                         int keys_used, int content_top_px);

typedef enum md_a11y_tap_result {
    MD_A11Y_TAP_PASS = 0, /* not in speech mode: the tap goes to the UI as usual */
    MD_A11Y_TAP_SPOKEN,   /* the tap said the node under it; the UI does not see it */
    MD_A11Y_TAP_ACTIVATE  /* a double tap: tap (*x, *y), the centre of the node last spoken */
} md_a11y_tap_result;

/* A tap (down and up without a drag) at (*x, *y) on the last frame's tree. */
md_a11y_tap_result md_a11y_tap(md_a11y *a, const md_ui *ui, const char *lang, int *x, int *y,
                               uint64_t now_ms);

typedef enum md_a11y_key {
    MD_A11Y_KEY_NONE = 0,
    MD_A11Y_KEY_REPEAT, /* say the last thing again */
    MD_A11Y_KEY_STOP,   /* silence */
    MD_A11Y_KEY_LOUDER,
    MD_A11Y_KEY_QUIETER,
    MD_A11Y_KEY_FASTER,
    MD_A11Y_KEY_SLOWER
} md_a11y_key;

/* Handles a speech key; says the new volume or rate. Returns 0. */
int md_a11y_key_press(md_a11y *a, md_a11y_key key, const char *lang);

/* Says one node: its role word in lang (a runtime message with msgctxt "role") and its label in
 * the node's own language. */
void md_a11y_say_node(md_a11y *a, const md_ui_node *n, const char *lang, int interrupt);

/* Volume and rate steps the panel and keys use. */
#define MD_A11Y_VOLUME_STEP 10
#define MD_A11Y_RATE_STEP 25

#endif /* MD_A11Y_H */
