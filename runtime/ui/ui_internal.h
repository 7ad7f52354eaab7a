/* Private to runtime/ui: the md_ui structure, the draw list and the helpers its files share.
 *   ui.c            theme, create/destroy, input, frames, layout areas and slots
 *   ui_widgets.c    the widgets (text measuring, tree nodes, interaction)
 *   ui_tree.c       queries on the semantic tree and its JSON
 *   ui_render_sdl.c plays the draw list with SDL; the image (SDL_image) and QR (qrencode) caches
 * Only ui_render_sdl.c includes SDL, SDL_image or qrencode. Other modules must not include this.
 */
#ifndef MD_UI_INTERNAL_H
#define MD_UI_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "base/base.h"
#include "text/text.h"
#include "ui/ui.h"

struct SDL_Surface;
struct SDL_Texture;

/* CMD_LINE: a thick line from (r.x, r.y) to (r.w, r.h), thickness px wide, round ends. */
enum { CMD_FILL = 1, CMD_RING, CMD_TEXT, CMD_IMAGE, CMD_QR, CMD_SPINNER, CMD_LINE };
enum { LAYER_BASE = 0, LAYER_DIALOG, N_LAYERS };
enum { MAX_SCROLLS = 8, MAX_AREAS = 8, MAX_KEYS = 16, MAX_IMAGES = 32, MAX_QRS = 8 };
enum { MAX_COL_BLOCKS = 16 };

typedef struct cmd {
    int type;
    md_ui_rect r;
    md_ui_rect clip; /* w == 0: none */
    uint32_t rgba;
    int radius, thickness;
    const md_text_layout *layout;
    int index; /* image or qr cache slot; spinner phase */
} cmd;

typedef struct cmd_list {
    cmd *items;
    int n, cap;
} cmd_list;

typedef struct scroll_state {
    int id;
    float off_px;
    float vel_px_ms;
    int content_h, view_h;
    md_ui_rect view;     /* screen rect of the viewport in the last frame */
    uint32_t screen_sig; /* hash of the content's first heading (or first node) last frame */
} scroll_state;

typedef struct area {
    md_ui_rect r; /* logical viewport */
    int scroll;   /* index into scrolls, -1 if none */
    int cursor_y; /* content y (from the area's top, before scrolling) */
    int n_cols, col_i, row_y, row_h;
    int dialog;
    md_ui_rect clip;  /* screen clip of the area */
    int first_node;   /* first tree node laid out in this area */
    int cols_block;   /* index of the open columns block in this frame's order, -1 none */
    int cols_asked;   /* the columns the caller asked for */
    int cols_crowded; /* a label in this block did not fit its column */
} area;

typedef struct image_slot {
    char *path;
    struct SDL_Surface *surface;
    struct SDL_Texture *texture;
    struct SDL_Renderer *renderer;
    int w, h, failed;
} image_slot;

typedef struct qr_slot {
    char *data;
    void *code; /* QRcode *, made and freed in ui_render_sdl.c */
} qr_slot;

typedef struct msgid_note {
    const char *translated;
    const char *msgid;
    const char *msgctxt;
} msgid_note;

struct md_ui {
    md_text *text;
    md_ui_theme theme;
    int width, height, rtl;
    int origin_y;     /* low reach: the frame's top on the screen */
    const char *lang; /* arena copy */
    uint64_t now_ms, last_ms;

    /* the tree being built and the last completed one (same array: begin_frame clears it) */
    md_ui_node *nodes;
    int n_nodes, cap_nodes;
    cmd_list layers[N_LAYERS];
    int layer;
    area areas[MAX_AREAS];
    int n_areas;
    md_arena arena; /* frame strings, reset by begin_frame */
    msgid_note *notes;
    int n_notes, cap_notes;
    const char *next_msgid, *next_msgctxt; /* md_ui_label_msgid, for the next labelled node */

    /* dialog */
    int dialog_open;   /* a dialog is being built in this frame */
    int dialog_seen;   /* a dialog was built in this frame */
    int modal_prev;    /* the last frame had a dialog: only its widgets take input */
    int dialog_h_prev; /* content height of the last frame's dialog, for centring */
    md_ui_rect dialog_r;

    /* input */
    int click_pending, click_x, click_y;
    int down, down_x, down_y, cur_x, cur_y, dragging, drag_scroll;
    float drag_start_off;
    uint64_t move_ms;
    int move_y;
    float drag_vel;
    md_ui_key keys[MAX_KEYS];
    int n_keys;
    int focus, focus_count, focus_count_prev, activate, focus_visible, focus_moved;
    int focus_scroll, focus_content_y, focus_h;

    scroll_state scrolls[MAX_SCROLLS];
    int n_scrolls;
    int wants_frame;
    int focus_first; /* put focus on the first control at the end of this frame */

    /* Columns that could not hold their labels: block i of a frame uses at most cols_limit[i]
     * columns (0: as asked) while the caller keeps asking cols_asked[i]. Cleared when the screen,
     * its size or its language changes. */
    int cols_limit[MAX_COL_BLOCKS], cols_asked[MAX_COL_BLOCKS];
    int n_col_blocks;
    int prev_width, prev_height;
    char prev_lang[24];

    image_slot images[MAX_IMAGES];
    int n_images;
    qr_slot qrs[MAX_QRS];
    int n_qrs, qr_next;
    int trim_pending; /* md_ui_trim: drop the caches at the next md_ui_begin_frame */
};

/* ui.c: layout helpers */
/* A logical rectangle mirrored for right-to-left frames. */
md_ui_rect md_ui_mirror(const md_ui *ui, md_ui_rect r);
/* The frame's rectangle on the screen (the low-reach band, or the whole screen). */
md_ui_rect md_ui_screen(const md_ui *ui);
md_ui_rect md_ui_intersect(md_ui_rect a, md_ui_rect b);
int md_ui_contains(md_ui_rect r, int x, int y);
area *md_ui_cur_area(md_ui *ui);
/* Appends a draw command to the current layer (clipped to the current area). */
void md_ui_push_cmd(md_ui *ui, cmd c);
void md_ui_draw_fill(md_ui *ui, md_ui_rect r, uint32_t rgba, int radius);
/* Width of the next slot in the current area (a column when columns are open). */
int md_ui_slot_width(md_ui *ui);
/* A widget in the open columns block could not show its label whole at this column width: the
 * block gets one column fewer from the next frame on (which is requested). */
void md_ui_columns_crowded(md_ui *ui);
/* Forgets the narrowed column blocks (a new screen, size or language). */
void md_ui_columns_forget(md_ui *ui);
/* Takes the next slot of height h and width w in the current area; returns its screen rect. */
md_ui_rect md_ui_slot_commit(md_ui *ui, int h, int w);

/* ui_render_sdl.c: caches */
/* Slot of path in the image cache, loading it on first use (failed is set when it cannot). */
int md_ui_image_slot(md_ui *ui, const char *path);
/* Slot of data in the QR cache, encoding it on first use; -1 when data is NULL or too long. */
int md_ui_qr_slot(md_ui *ui, const char *data);
/* Frees the image and QR caches (md_ui_destroy). */
void md_ui_free_caches(md_ui *ui);

#endif /* MD_UI_INTERNAL_H */
