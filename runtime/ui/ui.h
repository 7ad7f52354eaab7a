/* The immediate-mode UI toolkit. Screens call widget functions every frame; each call lays the
 * widget out, records it in the semantic tree (role, label, msgid, rectangle, focusable, enabled)
 * and in a draw list, and reports whether it was activated by a tap, a click or Enter. The tree
 * serves drawing, hit-testing, keypad focus order and tests (`tap "label"`).
 *
 * Layout is done in logical (left-to-right) coordinates and mirrored as a whole when the frame's
 * language is right-to-left: x' = width - x - w. Columns therefore fill right to left, and the
 * home button moves to the right edge, without any widget knowing about direction.
 *
 * Strings passed in are copied; labels in the tree are borrowed until the next begin_frame.
 */
#ifndef MD_UI_H
#define MD_UI_H

#include <stddef.h>
#include <stdint.h>

#include "madang/plugin.h" /* md_text_role, md_ui_tone */

typedef struct SDL_Renderer SDL_Renderer;
typedef struct md_text md_text;
typedef struct md_ui md_ui;

typedef struct md_ui_rect {
    int x, y, w, h;
} md_ui_rect;

typedef enum md_ui_role {
    MD_UI_ROLE_NONE = 0,
    MD_UI_ROLE_HEADING,
    MD_UI_ROLE_TEXT,
    MD_UI_ROLE_BUTTON,
    MD_UI_ROLE_TILE,
    MD_UI_ROLE_LIST_ITEM,
    MD_UI_ROLE_IMAGE,
    MD_UI_ROLE_QR,
    MD_UI_ROLE_KEYPAD,
    MD_UI_ROLE_DIALOG,
    MD_UI_ROLE_BUSY,
    MD_UI_ROLE_ALERT /* a notice band (md_ui_notice) */
} md_ui_role;

typedef struct md_ui_node {
    md_ui_role role;
    const char *label; /* as shown; borrowed until the next begin_frame */
    const char *msgid; /* the message id the label was translated from, or NULL */
    const char *lang;  /* language of the label */
    md_ui_rect rect;   /* on screen, after mirroring and scrolling */
    md_ui_rect vis;    /* the part of rect inside the screen and its clip (scroll area) */
    int focusable;
    int enabled;
    int visible;     /* 1 if any part is inside the screen and its clip (scroll area) */
    int focus_index; /* position in keypad focus order, -1 if not focusable */
    int in_dialog;
    const char *msgctxt; /* context of msgid, or NULL */
    int font_px;         /* size the label is set in (0: no text) */
    int max_lines;       /* lines the label may take before it is cut (0: unlimited) */
    int text_w;          /* width the label may wrap in (0: one line, not wrapped) */
    uint32_t fg;         /* RGBA the label is drawn in (0: not drawn), for the contrast lint */
    int truncated; /* 1 when the label did not fit whole: cut with an ellipsis or overflowing */
    int icon_px;   /* tiles with an icon: the side it is drawn at (0: not drawn); else -1 */
} md_ui_node;

typedef enum md_ui_key {
    MD_UI_KEY_NONE = 0,
    MD_UI_KEY_NEXT, /* Tab, Down */
    MD_UI_KEY_PREV, /* Shift+Tab, Up */
    MD_UI_KEY_LEFT,
    MD_UI_KEY_RIGHT,
    MD_UI_KEY_ACTIVATE /* Enter, keypad Enter, Space */
} md_ui_key;

/* Colours and sizes, all derived from the screen density so touch targets stay >= 20 mm. */
typedef struct md_ui_theme {
    double px_per_mm;
    int target_px;   /* minimum side of anything touchable (20 mm) */
    int margin_px;   /* screen margin */
    int gap_px;      /* between widgets */
    int radius_px;   /* corner radius */
    int bar_px;      /* height of the top bar */
    int text_px[4];  /* by md_text_role: body, small, large, heading */
    int min_text_px; /* nothing a visitor must read is smaller: 4.8 mm caps (x2 in large text) */
    int icon_min_px; /* tile icons are never drawn smaller (10 mm) */
    uint32_t bg, fg, muted, surface, surface_fg, primary, primary_fg, danger, danger_fg, focus,
        bar_bg, bar_fg, border, scrim;
    int border_px;      /* outline of pressable surfaces */
    int text_scale_pct; /* 100, or 200 in large-text mode (columns reflow by it) */
    int high_contrast;  /* 1 in high-contrast mode */
} md_ui_theme;

void md_ui_theme_default(md_ui_theme *theme, double px_per_mm);
/* High-contrast mode: white and yellow on black, every text at least 7:1 against its ground, the
 * focus ring at least 3:1 against what surrounds it, every pressable surface outlined (nothing is
 * told by colour alone). */
void md_ui_theme_high_contrast(md_ui_theme *theme);
/* Large-text mode: every text role scaled by pct (200), the top bar taller to hold it; columns
 * reflow (md_ui_columns_begin gives fewer per row). */
void md_ui_theme_scale_text(md_ui_theme *theme, int pct);
/* Replaces the theme (a mode changed); takes effect from the next frame. */
void md_ui_theme_set(md_ui *ui, const md_ui_theme *theme);

/* text may be NULL only in tests that never draw or measure text (labels then measure as
 * 0.55 em per byte). */
md_ui *md_ui_create(md_text *text, const md_ui_theme *theme);
void md_ui_destroy(md_ui *ui);
/* Gives memory back when a visitor leaves (the flow's session reset): at the start of the next
 * frame the decoded images, the QR codes (which may carry the visitor's data) and the frame
 * arena's extra blocks are dropped; they are rebuilt on use. */
void md_ui_trim(md_ui *ui);
const md_ui_theme *md_ui_theme_get(const md_ui *ui);

/* --- input, fed between frames; consumed by the next frame --- */
void md_ui_pointer_down(md_ui *ui, int x, int y, uint64_t now_ms);
void md_ui_pointer_move(md_ui *ui, int x, int y, uint64_t now_ms);
void md_ui_pointer_up(md_ui *ui, int x, int y, uint64_t now_ms);
void md_ui_key_press(md_ui *ui, md_ui_key key);
/* Forget focus, presses and scroll positions (a new screen). After md_ui_reset_focus the next
 * frame puts keypad focus on the screen's first control (in its scrolling content when it has
 * one). A scrolling area whose content changes screen (its first heading, or first node, is
 * another) starts again at the top with focus on its first control, so a plugin's screens need
 * not say when they change. */
void md_ui_reset_focus(md_ui *ui);
void md_ui_reset_scroll(md_ui *ui);

/* --- frames --- */
void md_ui_begin_frame(md_ui *ui, int width, int height, const char *lang, int rtl,
                       uint64_t now_ms);
void md_ui_end_frame(md_ui *ui);
/* Draws the last frame's draw list. Returns 0 or -1 (logged). */
int md_ui_render(md_ui *ui, SDL_Renderer *renderer);
/* 1 when an animation (kinetic scroll, busy spinner, pressed feedback) wants another frame. */
int md_ui_wants_frame(const md_ui *ui);
void md_ui_request_frame(md_ui *ui);
/* Memory valid until the next begin_frame (for strings returned to plugins). */
void *md_ui_frame_alloc(md_ui *ui, size_t n_bytes);
char *md_ui_frame_strdup(md_ui *ui, const char *s);
/* Records explicitly that the next widget's label was made from msgid (msgctxt may be NULL), for
 * instance a label built with snprintf around a translation: the next node that has a label takes
 * it, whatever the label's text or pointer. It wins over the pointer notes below and is forgotten
 * at begin_frame if no widget took it. */
void md_ui_label_msgid(md_ui *ui, const char *msgctxt, const char *msgid);
/* Remembers, for this frame, that the string at translated came from msgid, so widgets showing
 * exactly that pointer record the msgid in the tree (for strings that reach the UI as plain
 * pointers, as the plugins' tr results do; md_ui_label_msgid is the explicit way). */
void md_ui_note_msgid(md_ui *ui, const char *translated, const char *msgid);
void md_ui_note_msgid_ctx(md_ui *ui, const char *translated, const char *msgctxt,
                          const char *msgid);

/* --- the semantic tree of the last completed frame --- */
int md_ui_node_count(const md_ui *ui);
const md_ui_node *md_ui_node_at(const md_ui *ui, int i);
/* Topmost node that takes input at (x, y), or -1. */
int md_ui_hit(const md_ui *ui, int x, int y);
int md_ui_focus(const md_ui *ui); /* focus index, -1 if none */
/* 1 once the keypad moved focus (the ring shows), 0 after a touch. */
int md_ui_focus_visible(const md_ui *ui);
/* Low reach: the frame's (0, 0) lies y_px below the screen's top, so a frame of height h fills
 * the band [y_px, y_px + h) of the screen; the tree, drawing and hit-testing are in screen
 * coordinates. 0 = the whole screen. */
void md_ui_set_origin_y(md_ui *ui, int y_px);
const char *md_ui_role_name(md_ui_role role);
/* Writes the tree as a JSON array of {role, label, msgid, msgctxt, lang, rect{x,y,w,h},
 * focusable, enabled, visible, font_px, max_lines} (madang-locale lint --trees reads it). */
int md_ui_write_tree_json(const md_ui *ui, const char *path);

/* --- layout areas --- */
/* A vertical stack at a logical rectangle; scroll_id > 0 makes it scroll (kinetic) when its
 * content is taller, keeping its position per id until md_ui_reset_scroll. */
void md_ui_area_begin(md_ui *ui, md_ui_rect logical, int scroll_id);
void md_ui_area_end(md_ui *ui);
/* Nesting depth of areas (and dialogs), and a way back to it: closes whatever a caller left open
 * (a plugin that forgot ui_dialog_end or ui_columns_end). Returns how many levels it closed. */
int md_ui_depth(const md_ui *ui);
int md_ui_unwind(md_ui *ui, int depth);
/* Fills the logical rectangle with a colour (backgrounds, bars). */
void md_ui_fill(md_ui *ui, md_ui_rect logical, uint32_t rgba);

/* Widget options beyond the common arguments. */
typedef struct md_ui_opts {
    const char *lang; /* language of the label; NULL = the frame's */
    md_ui_tone tone;
    int disabled;
    const md_ui_rect *at; /* explicit logical rectangle instead of the stack */
    int text_px;          /* 0 = by role */
    const char *icon;     /* absolute image path for tiles */
    const char *sublabel; /* second line (list items, tiles) */
    int min_h;            /* at least this tall (e.g. equal rows in a grid) */
} md_ui_opts;

/* --- widgets (stacked in the current area unless opts->at) --- */
void md_ui_heading(md_ui *ui, const char *text, const md_ui_opts *opts);
void md_ui_text(md_ui *ui, const char *text, md_text_role role, const md_ui_opts *opts);
/* A full-width band in the tone's colours (opts->tone; MD_TONE_DANGER is red) with the text large
 * and bold inside it; role MD_UI_ROLE_ALERT, not focusable. */
void md_ui_notice(md_ui *ui, const char *text, const md_ui_opts *opts);
int md_ui_button(md_ui *ui, const char *label, const md_ui_opts *opts);
/* The height md_ui_button would give label in the current slot (for equal rows). */
int md_ui_button_height(md_ui *ui, const char *label, const md_ui_opts *opts);
/* A button at opts->at (its width fixed): the height it needs to show the whole label, shrunk at
 * most to the text floor and on up to two lines there; opts->at->h when it fits already. */
int md_ui_button_fit_height(md_ui *ui, const char *label, const md_ui_opts *opts);
/* The width (from opts->at->w up to max_w) a button needs so no word of label is cut at the text
 * floor on two lines; max_w when even that does not hold it. */
int md_ui_button_fit_width(md_ui *ui, const char *label, const md_ui_opts *opts, int max_w);
int md_ui_tile(md_ui *ui, const char *label, const md_ui_opts *opts);
int md_ui_list_item(md_ui *ui, const char *primary, const char *secondary);
void md_ui_columns_begin(md_ui *ui, int n_columns);
void md_ui_columns_end(md_ui *ui);
void md_ui_image(md_ui *ui, const char *path, int width_px);
void md_ui_qr(md_ui *ui, const char *data, int size_px, const char *caption);
/* Digits 0-9, delete and OK as buttons; edits buf. Returns 1 on OK. delete_label/ok_label are
 * the translated labels of those two keys. */
int md_ui_keypad(md_ui *ui, const char *label, char *buf, size_t cap, const char *delete_label,
                 const char *ok_label);
/* The same; masked != 0 shows a dot per digit instead of the digits (a PIN). */
int md_ui_keypad_masked(md_ui *ui, const char *label, char *buf, size_t cap,
                        const char *delete_label, const char *ok_label, int masked);
void md_ui_dialog_begin(md_ui *ui, const char *title);
void md_ui_dialog_end(md_ui *ui);
void md_ui_busy(md_ui *ui, const char *label);
/* A simple vector drawing (a route map), twice as wide as tall: height_px tall (at most half the
 * slot's width; <= 0: the slot's full width), centred. Shapes use md_shape
 * (include/madang/plugin.h): coordinates 0..1 of the drawing's width and height, x from the
 * reading start, so the drawing mirrors in right-to-left frames like the rest of the layout. The
 * tree gets one image node labelled label, and a text node per MD_SHAPE_LABEL. */
void md_ui_drawing(md_ui *ui, const char *label, const md_shape *shapes, int n_shapes,
                   int height_px);
void md_ui_space(md_ui *ui, int px);
/* A mark in a box of its own background colour (0xRRGGBB): opts->icon (absolute path, may be
 * NULL) at the reading start, then label in body text, dark or white by the colour's lightness
 * (at least 4.5:1). High contrast draws the theme's ground with a thick outline instead. Role
 * text, not focusable; fits in columns. */
void md_ui_mark(md_ui *ui, const char *label, uint32_t background_rgb, const md_ui_opts *opts);

#endif /* MD_UI_H */
