/* Accessibility modes and speech from the semantic tree: what is said when a screen opens, when
 * keypad focus moves and when a finger explores the screen in speech mode. The tree's labels are
 * borrowed for one frame, so whatever is compared with the next frame is copied here.
 */
#include "a11y/a11y.h"

#include <stdio.h>
#include <string.h>

#include "base/base.h"
#include "i18n/i18n.h"
#include "speech/speech.h"
#include "ui/ui.h"

#define DOUBLE_TAP_MS 450
#define KEY_LEN 512

struct md_a11y {
    md_speech *speech;
    md_i18n *i18n;
    md_a11y_modes modes;
    int keys_used;
    char screen[200];
    char heading[KEY_LEN];
    char focus_key[KEY_LEN]; /* role + label + focus index of the node focus was on */
    /* touch-to-explore */
    uint64_t last_tap_ms;
    int have_explored;
    md_ui_rect explored; /* visible rectangle of the node the last single tap said */
};

/* Role words, translated in the runtime domain with msgctxt "role". */
static const char *role_word(md_ui_role role)
{
    switch (role) {
    case MD_UI_ROLE_HEADING:
        return NC_("role", "Heading");
    case MD_UI_ROLE_BUTTON:
    case MD_UI_ROLE_TILE:
    case MD_UI_ROLE_LIST_ITEM:
        return NC_("role", "Button");
    case MD_UI_ROLE_IMAGE:
        return NC_("role", "Image");
    case MD_UI_ROLE_QR:
        return NC_("role", "QR code");
    case MD_UI_ROLE_KEYPAD:
        return NC_("role", "Keypad");
    case MD_UI_ROLE_DIALOG:
        return NC_("role", "Dialog");
    case MD_UI_ROLE_BUSY:
        return NC_("role", "Busy");
    case MD_UI_ROLE_ALERT:
        return NC_("role", "Alert");
    default:
        return NULL;
    }
}

md_a11y *md_a11y_create(md_speech *speech, md_i18n *i18n)
{
    md_a11y *a = md_calloc(1, sizeof *a);
    if (!a)
        return NULL;
    a->speech = speech;
    a->i18n = i18n;
    return a;
}

void md_a11y_destroy(md_a11y *a)
{
    md_free(a);
}

md_a11y_modes *md_a11y_modes_get(md_a11y *a)
{
    return &a->modes;
}

void md_a11y_reset(md_a11y *a)
{
    if (!a)
        return;
    memset(&a->modes, 0, sizeof a->modes);
    a->keys_used = 0;
    a->screen[0] = a->heading[0] = a->focus_key[0] = '\0';
    a->last_tap_ms = 0;
    a->have_explored = 0;
    md_speech_reset(a->speech);
}

int md_a11y_speaking(const md_a11y *a)
{
    return a && (a->modes.speech || a->keys_used);
}

static const char *tr_role(md_a11y *a, const char *lang, const char *word)
{
    return a->i18n ? md_i18n_tr_lang(a->i18n, lang, "runtime", "role", word) : word;
}

void md_a11y_say_node(md_a11y *a, const md_ui_node *n, const char *lang, int interrupt)
{
    if (!a || !n)
        return;
    const char *word = role_word(n->role);
    md_speech_part parts[2];
    int np = 0;
    if (word)
        parts[np++] = (md_speech_part){tr_role(a, lang, word), word, "role"};
    const char *label = n->label && n->label[0] ? n->label : NULL;
    const char *nlang = n->lang && n->lang[0] ? n->lang : lang;
    if (label && !strcmp(nlang, lang)) {
        parts[np++] = (md_speech_part){label, n->msgid, n->msgctxt};
        md_speech_say(a->speech, lang, parts, np, interrupt);
        return;
    }
    /* A label in another language (Korean on a card for a doctor): the role in the visitor's
     * language, then the label in its own voice. */
    if (np)
        md_speech_say(a->speech, lang, parts, np, interrupt);
    if (label)
        md_speech_say_text(a->speech, nlang, label, np ? 0 : interrupt);
}

void md_a11y_announce(md_a11y *a, const char *lang, const char *text, const char *msgctxt,
                      const char *msgid)
{
    if (!md_a11y_speaking(a) || !text)
        return;
    md_speech_part p = {text, msgid, msgctxt};
    md_speech_say(a->speech, lang, &p, 1, 1);
}

static const md_ui_node *focused_node(const md_ui *ui)
{
    int f = md_ui_focus(ui);
    if (f < 0)
        return NULL;
    for (int i = 0; i < md_ui_node_count(ui); i++) {
        const md_ui_node *n = md_ui_node_at(ui, i);
        if (n->focus_index == f)
            return n;
    }
    return NULL;
}

static const md_ui_node *first_of(const md_ui *ui, md_ui_role role, int min_y)
{
    /* In a frame with a dialog, the dialog is the screen. */
    int dialog = 0;
    for (int i = 0; i < md_ui_node_count(ui); i++)
        dialog |= md_ui_node_at(ui, i)->in_dialog;
    for (int i = 0; i < md_ui_node_count(ui); i++) {
        const md_ui_node *n = md_ui_node_at(ui, i);
        if (n->role == role && n->visible && (!dialog || n->in_dialog) &&
            (dialog || n->rect.y >= min_y))
            return n;
    }
    return NULL;
}

void md_a11y_after_frame(md_a11y *a, const md_ui *ui, const char *screen, const char *lang,
                         int keys_used, int content_top_px)
{
    if (!a || !ui)
        return;
    if (keys_used)
        a->keys_used = 1;
    const md_ui_node *head = first_of(ui, MD_UI_ROLE_DIALOG, 0);
    if (!head) /* the screen's own heading, not the title in the top bar */
        head = first_of(ui, MD_UI_ROLE_HEADING, content_top_px);
    if (!head)
        head = first_of(ui, MD_UI_ROLE_HEADING, 0);
    char heading[KEY_LEN];
    snprintf(heading, sizeof heading, "%s", head && head->label ? head->label : "");
    int new_screen = strcmp(screen ? screen : "", a->screen) || strcmp(heading, a->heading);
    snprintf(a->screen, sizeof a->screen, "%s", screen ? screen : "");
    snprintf(a->heading, sizeof a->heading, "%s", heading);
    int said = 0;
    if (new_screen) {
        a->have_explored = 0;
        if (md_a11y_speaking(a)) {
            /* Alerts first ("Call 119 now."), then the heading. */
            int dialog = head && head->role == MD_UI_ROLE_DIALOG;
            for (int i = 0; i < md_ui_node_count(ui); i++) {
                const md_ui_node *n = md_ui_node_at(ui, i);
                if (n->role == MD_UI_ROLE_ALERT && n->visible && (!dialog || n->in_dialog)) {
                    md_a11y_say_node(a, n, lang, !said);
                    said = 1;
                }
            }
            if (head) {
                md_a11y_say_node(a, head, lang, !said);
                said = 1;
            }
        }
    }
    const md_ui_node *f = keys_used ? focused_node(ui) : NULL; /* the ring shows: keypad focus */
    char key[KEY_LEN] = "";
    if (f)
        snprintf(key, sizeof key, "%d|%d|%s", f->focus_index, (int)f->role,
                 f->label ? f->label : "");
    if (f && strcmp(key, a->focus_key))
        md_a11y_say_node(a, f, lang, !said);
    snprintf(a->focus_key, sizeof a->focus_key, "%s", key);
}

static int inside(md_ui_rect r, int x, int y)
{
    return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

md_a11y_tap_result md_a11y_tap(md_a11y *a, const md_ui *ui, const char *lang, int *x, int *y,
                               uint64_t now_ms)
{
    if (!a || !a->modes.speech)
        return MD_A11Y_TAP_PASS;
    if (a->have_explored && a->last_tap_ms && now_ms - a->last_tap_ms <= DOUBLE_TAP_MS) {
        a->last_tap_ms = 0;
        *x = a->explored.x + a->explored.w / 2;
        *y = a->explored.y + a->explored.h / 2;
        return MD_A11Y_TAP_ACTIVATE;
    }
    a->last_tap_ms = now_ms ? now_ms : 1;
    /* The topmost node with something to say under the finger; in a dialog, only the dialog. */
    int dialog = 0;
    for (int i = 0; i < md_ui_node_count(ui); i++)
        dialog |= md_ui_node_at(ui, i)->in_dialog;
    for (int i = md_ui_node_count(ui) - 1; i >= 0; i--) {
        const md_ui_node *n = md_ui_node_at(ui, i);
        if (!n->visible || (dialog && !n->in_dialog) || !inside(n->vis, *x, *y))
            continue;
        if (n->role == MD_UI_ROLE_NONE || (n->role == MD_UI_ROLE_DIALOG && !n->label))
            continue;
        md_a11y_say_node(a, n, lang, 1);
        a->have_explored = n->focusable && n->enabled;
        a->explored = n->vis;
        return MD_A11Y_TAP_SPOKEN;
    }
    a->have_explored = 0;
    md_speech_stop(a->speech);
    return MD_A11Y_TAP_SPOKEN;
}

int md_a11y_key_press(md_a11y *a, md_a11y_key key, const char *lang)
{
    if (!a)
        return 0;
    const char *said = NULL;
    switch (key) {
    case MD_A11Y_KEY_REPEAT:
        md_speech_repeat(a->speech);
        return 0;
    case MD_A11Y_KEY_STOP:
        md_speech_stop(a->speech);
        return 0;
    case MD_A11Y_KEY_LOUDER:
        md_speech_set_volume(a->speech, md_speech_volume(a->speech) + MD_A11Y_VOLUME_STEP);
        said = N_("Louder");
        break;
    case MD_A11Y_KEY_QUIETER:
        md_speech_set_volume(a->speech, md_speech_volume(a->speech) - MD_A11Y_VOLUME_STEP);
        said = N_("Quieter");
        break;
    case MD_A11Y_KEY_FASTER:
        md_speech_set_rate(a->speech, md_speech_rate(a->speech) + MD_A11Y_RATE_STEP);
        said = N_("Faster");
        break;
    case MD_A11Y_KEY_SLOWER:
        md_speech_set_rate(a->speech, md_speech_rate(a->speech) - MD_A11Y_RATE_STEP);
        said = N_("Slower");
        break;
    default:
        return 0;
    }
    a->keys_used = 1;
    const char *t = a->i18n ? md_i18n_tr_lang(a->i18n, lang, "runtime", NULL, said) : said;
    md_speech_part p = {t, said, NULL};
    md_speech_say(a->speech, lang, &p, 1, 1);
    return 0;
}
