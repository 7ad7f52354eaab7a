/* Immediate-mode widgets with a semantic tree rebuilt every frame. Widgets lay out in logical
 * left-to-right coordinates, are mirrored as a whole for right-to-left languages, record a node in
 * the tree and commands in a draw list; md_ui_render plays the list with SDL. Input is queued
 * between frames and consumed by the widget under it (or the focused one) in the next frame.
 */
#include "ui/ui.h"

#include <SDL.h>
#include <SDL_image.h>
#include <math.h>
#include <qrencode.h>
#include <stdio.h>
#include <string.h>

#include "base/base.h"
#include "text/text.h"

enum { CMD_FILL = 1, CMD_RING, CMD_TEXT, CMD_IMAGE, CMD_QR, CMD_SPINNER };
enum { LAYER_BASE = 0, LAYER_DIALOG, N_LAYERS };
enum { MAX_SCROLLS = 8, MAX_AREAS = 8, MAX_KEYS = 16, MAX_IMAGES = 32, MAX_QRS = 8 };

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
    md_ui_rect view; /* screen rect of the viewport in the last frame */
} scroll_state;

typedef struct area {
    md_ui_rect r;       /* logical viewport */
    int scroll;         /* index into scrolls, -1 if none */
    int cursor_y;       /* content y (from the area's top, before scrolling) */
    int n_cols, col_i, row_y, row_h;
    int dialog;
    md_ui_rect clip;    /* screen clip of the area */
} area;

typedef struct image_slot {
    char *path;
    SDL_Surface *surface;
    SDL_Texture *texture;
    SDL_Renderer *renderer;
    int w, h, failed;
} image_slot;

typedef struct qr_slot {
    char *data;
    QRcode *code;
} qr_slot;

typedef struct arena_block {
    struct arena_block *next;
    size_t used, cap;
    unsigned char data[];
} arena_block;

typedef struct msgid_note {
    const char *translated;
    const char *msgid;
    const char *msgctxt;
} msgid_note;

struct md_ui {
    md_text *text;
    md_ui_theme theme;
    int width, height, rtl;
    const char *lang; /* arena copy */
    uint64_t now_ms, last_ms;

    /* the tree being built and the last completed one (same array: begin_frame clears it) */
    md_ui_node *nodes;
    int n_nodes, cap_nodes;
    cmd_list layers[N_LAYERS];
    int layer;
    area areas[MAX_AREAS];
    int n_areas;
    arena_block *arena;
    msgid_note *notes;
    int n_notes, cap_notes;

    /* dialog */
    int dialog_open;    /* a dialog is being built in this frame */
    int dialog_seen;    /* a dialog was built in this frame */
    int modal_prev;     /* the last frame had a dialog: only its widgets take input */
    int dialog_h_prev;  /* content height of the last frame's dialog, for centring */
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

    image_slot images[MAX_IMAGES];
    int n_images;
    qr_slot qrs[MAX_QRS];
    int n_qrs, qr_next;
};

/* ---------------------------------------------------------------- theme */

void md_ui_theme_default(md_ui_theme *t, double px_per_mm)
{
    memset(t, 0, sizeof *t);
    if (!(px_per_mm > 0.5))
        px_per_mm = 4.5;
    t->px_per_mm = px_per_mm;
    t->target_px = (int)ceil(20.0 * px_per_mm);
    t->margin_px = (int)(8.0 * px_per_mm);
    t->gap_px = (int)(4.0 * px_per_mm);
    t->radius_px = (int)(2.5 * px_per_mm);
    t->bar_px = (int)ceil(28.0 * px_per_mm);
    t->text_px[MD_TEXT_BODY] = (int)(7.0 * px_per_mm);
    t->text_px[MD_TEXT_SMALL] = (int)(5.5 * px_per_mm);
    t->text_px[MD_TEXT_LARGE] = (int)(10.0 * px_per_mm);
    t->text_px[MD_TEXT_HEADING] = (int)(11.0 * px_per_mm);
    /* High contrast on a warm light ground: body text about 15:1, white on the primary and
     * danger buttons about 7.7:1 and 6.9:1 (WCAG AAA asks 7:1 for body text, 4.5:1 for large). */
    t->bg = 0xF6F3EEFF;
    t->fg = 0x1B1B1FFF;
    t->muted = 0x4A4A55FF;
    t->surface = 0xFFFFFFFF;
    t->surface_fg = 0x1B1B1FFF;
    t->primary = 0x0B5D56FF;
    t->primary_fg = 0xFFFFFFFF;
    t->danger = 0xB3141BFF;
    t->danger_fg = 0xFFFFFFFF;
    t->focus = 0xE8A317FF;
    t->bar_bg = 0x12332FFF;
    t->bar_fg = 0xFFFFFFFF;
    t->border = 0xC9C2B8FF;
    t->scrim = 0x000000A0;
}

/* ---------------------------------------------------------------- arena, notes */

static void arena_reset(md_ui *ui)
{
    for (arena_block *b = ui->arena; b; b = b->next)
        b->used = 0;
}

static void arena_free(md_ui *ui)
{
    arena_block *b = ui->arena;
    while (b) {
        arena_block *next = b->next;
        md_free(b);
        b = next;
    }
    ui->arena = NULL;
}

void *md_ui_frame_alloc(md_ui *ui, size_t n_bytes)
{
    n_bytes = (n_bytes + 15) & ~(size_t)15;
    for (arena_block *b = ui->arena; b; b = b->next)
        if (b->cap - b->used >= n_bytes) {
            void *p = b->data + b->used;
            b->used += n_bytes;
            return p;
        }
    size_t cap = n_bytes > 65536 ? n_bytes : 65536;
    arena_block *b = md_malloc(sizeof *b + cap);
    if (!b)
        return NULL;
    b->cap = cap;
    b->used = n_bytes;
    b->next = ui->arena;
    ui->arena = b;
    return b->data;
}

char *md_ui_frame_strdup(md_ui *ui, const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *p = md_ui_frame_alloc(ui, n);
    if (p)
        memcpy(p, s, n);
    return p;
}

void md_ui_note_msgid_ctx(md_ui *ui, const char *translated, const char *msgctxt,
                          const char *msgid)
{
    if (!ui || !translated || !msgid)
        return;
    for (int i = ui->n_notes - 1; i >= 0; i--)
        if (ui->notes[i].translated == translated)
            return;
    if (ui->n_notes == ui->cap_notes) {
        int cap = ui->cap_notes ? ui->cap_notes * 2 : 64;
        msgid_note *grown = md_realloc(ui->notes, (size_t)cap * sizeof *grown);
        if (!grown)
            return;
        ui->notes = grown;
        ui->cap_notes = cap;
    }
    ui->notes[ui->n_notes].translated = translated;
    ui->notes[ui->n_notes].msgid = md_ui_frame_strdup(ui, msgid);
    ui->notes[ui->n_notes].msgctxt = msgctxt ? md_ui_frame_strdup(ui, msgctxt) : NULL;
    ui->n_notes++;
}

void md_ui_note_msgid(md_ui *ui, const char *translated, const char *msgid)
{
    md_ui_note_msgid_ctx(ui, translated, NULL, msgid);
}

static const msgid_note *note_of(md_ui *ui, const char *label)
{
    for (int i = ui->n_notes - 1; i >= 0; i--)
        if (ui->notes[i].translated == label)
            return &ui->notes[i];
    return NULL;
}

/* ---------------------------------------------------------------- create / destroy */

md_ui *md_ui_create(md_text *text, const md_ui_theme *theme)
{
    md_ui *ui = md_calloc(1, sizeof *ui);
    if (!ui)
        return NULL;
    ui->text = text;
    if (theme)
        ui->theme = *theme;
    else
        md_ui_theme_default(&ui->theme, 4.5);
    ui->focus = -1;
    ui->activate = -1;
    ui->width = 1920;
    ui->height = 1080;
    ui->lang = "en";
    return ui;
}

void md_ui_destroy(md_ui *ui)
{
    if (!ui)
        return;
    for (int i = 0; i < N_LAYERS; i++)
        md_free(ui->layers[i].items);
    for (int i = 0; i < ui->n_images; i++) {
        md_free(ui->images[i].path);
        if (ui->images[i].surface)
            SDL_FreeSurface(ui->images[i].surface);
        if (ui->images[i].texture)
            SDL_DestroyTexture(ui->images[i].texture);
    }
    for (int i = 0; i < ui->n_qrs; i++) {
        md_free(ui->qrs[i].data);
        QRcode_free(ui->qrs[i].code);
    }
    md_free(ui->nodes);
    md_free(ui->notes);
    arena_free(ui);
    md_free(ui);
}

const md_ui_theme *md_ui_theme_get(const md_ui *ui)
{
    return &ui->theme;
}

/* ---------------------------------------------------------------- input */

static scroll_state *scroll_at(md_ui *ui, int x, int y)
{
    for (int i = 0; i < ui->n_scrolls; i++) {
        md_ui_rect v = ui->scrolls[i].view;
        if (x >= v.x && y >= v.y && x < v.x + v.w && y < v.y + v.h)
            return &ui->scrolls[i];
    }
    return NULL;
}

void md_ui_pointer_down(md_ui *ui, int x, int y, uint64_t now_ms)
{
    ui->down = 1;
    ui->down_x = ui->cur_x = x;
    ui->down_y = ui->cur_y = y;
    ui->dragging = 0;
    ui->focus_visible = 0;
    ui->move_ms = now_ms;
    ui->move_y = y;
    ui->drag_vel = 0;
    scroll_state *s = ui->modal_prev ? NULL : scroll_at(ui, x, y);
    ui->drag_scroll = s ? (int)(s - ui->scrolls) : -1;
    if (s) {
        s->vel_px_ms = 0; /* a touch stops a fling */
        ui->drag_start_off = s->off_px;
    }
    ui->wants_frame = 1;
}

void md_ui_pointer_move(md_ui *ui, int x, int y, uint64_t now_ms)
{
    if (!ui->down)
        return;
    ui->cur_x = x;
    ui->cur_y = y;
    int slop = (int)(3.0 * ui->theme.px_per_mm);
    if (!ui->dragging && ui->drag_scroll >= 0 && abs(y - ui->down_y) > slop)
        ui->dragging = 1;
    if (ui->dragging && ui->drag_scroll >= 0) {
        scroll_state *s = &ui->scrolls[ui->drag_scroll];
        s->off_px = ui->drag_start_off - (float)(y - ui->down_y);
        uint64_t dt = now_ms > ui->move_ms ? now_ms - ui->move_ms : 1;
        float v = -(float)(y - ui->move_y) / (float)dt;
        ui->drag_vel = 0.6f * v + 0.4f * ui->drag_vel;
        ui->move_ms = now_ms;
        ui->move_y = y;
    }
    ui->wants_frame = 1;
}

void md_ui_pointer_up(md_ui *ui, int x, int y, uint64_t now_ms)
{
    if (!ui->down)
        return;
    md_ui_pointer_move(ui, x, y, now_ms);
    if (ui->dragging && ui->drag_scroll >= 0) {
        /* A finger that stopped before lifting does not fling. */
        ui->scrolls[ui->drag_scroll].vel_px_ms = now_ms - ui->move_ms > 100 ? 0 : ui->drag_vel;
    } else {
        ui->click_pending = 1;
        ui->click_x = x;
        ui->click_y = y;
    }
    ui->down = 0;
    ui->dragging = 0;
    ui->wants_frame = 1;
}

void md_ui_key_press(md_ui *ui, md_ui_key key)
{
    if (ui->n_keys < MAX_KEYS)
        ui->keys[ui->n_keys++] = key;
    ui->wants_frame = 1;
}

void md_ui_reset_focus(md_ui *ui)
{
    ui->focus = -1;
    ui->activate = -1;
    ui->click_pending = 0;
    ui->down = 0;
    ui->dragging = 0;
    ui->n_keys = 0;
}

void md_ui_reset_scroll(md_ui *ui)
{
    ui->n_scrolls = 0;
}

/* ---------------------------------------------------------------- frames */

static void apply_keys(md_ui *ui)
{
    int count = ui->focus_count_prev;
    for (int i = 0; i < ui->n_keys; i++) {
        md_ui_key k = ui->keys[i];
        ui->focus_visible = 1;
        if (k == MD_KEY_LEFT)
            k = ui->rtl ? MD_KEY_NEXT : MD_KEY_PREV;
        else if (k == MD_KEY_RIGHT)
            k = ui->rtl ? MD_KEY_PREV : MD_KEY_NEXT;
        if (count <= 0)
            continue;
        if (k == MD_KEY_NEXT) {
            ui->focus = ui->focus < 0 ? 0 : (ui->focus + 1) % count;
            ui->focus_moved = 1;
        } else if (k == MD_KEY_PREV) {
            ui->focus = ui->focus <= 0 ? count - 1 : ui->focus - 1;
            ui->focus_moved = 1;
        } else if (k == MD_KEY_ACTIVATE) {
            if (ui->focus < 0) {
                ui->focus = 0;
                ui->focus_moved = 1;
            } else {
                ui->activate = ui->focus;
            }
        }
    }
    ui->n_keys = 0;
    if (ui->focus >= count && count > 0)
        ui->focus = count - 1;
}

void md_ui_begin_frame(md_ui *ui, int width, int height, const char *lang, int rtl,
                       uint64_t now_ms)
{
    arena_reset(ui);
    ui->n_nodes = 0;
    ui->n_notes = 0;
    for (int i = 0; i < N_LAYERS; i++)
        ui->layers[i].n = 0;
    ui->layer = LAYER_BASE;
    ui->width = width;
    ui->height = height;
    ui->rtl = rtl;
    ui->lang = md_ui_frame_strdup(ui, lang ? lang : "en");
    if (!ui->lang)
        ui->lang = "en";
    ui->last_ms = ui->now_ms ? ui->now_ms : now_ms;
    ui->now_ms = now_ms;
    ui->wants_frame = 0;
    ui->dialog_seen = 0;
    ui->dialog_open = 0;
    ui->focus_count = 0;
    ui->focus_scroll = -1;
    apply_keys(ui);
    if (ui->text)
        md_text_begin_frame(ui->text);

    /* Kinetic scrolling: exponential decay (time constant 325 ms) on the injected clock. */
    float dt = (float)(now_ms - ui->last_ms);
    for (int i = 0; i < ui->n_scrolls; i++) {
        scroll_state *s = &ui->scrolls[i];
        if (s->vel_px_ms != 0.0f && !(ui->down && ui->drag_scroll == i)) {
            s->off_px += s->vel_px_ms * dt;
            s->vel_px_ms *= expf(-dt / 325.0f);
            if (fabsf(s->vel_px_ms) < 0.02f)
                s->vel_px_ms = 0;
            ui->wants_frame |= s->vel_px_ms != 0.0f;
        }
        float max_off = (float)(s->content_h > s->view_h ? s->content_h - s->view_h : 0);
        if (s->off_px < 0) {
            s->off_px = 0;
            s->vel_px_ms = 0;
        } else if (s->off_px > max_off) {
            s->off_px = max_off;
            s->vel_px_ms = 0;
        }
    }
    ui->n_areas = 0;
    md_ui_area_begin(ui, (md_ui_rect){0, 0, width, height}, 0);
}

void md_ui_end_frame(md_ui *ui)
{
    while (ui->n_areas > 0)
        md_ui_area_end(ui);
    ui->modal_prev = ui->dialog_seen;
    ui->click_pending = 0;
    ui->activate = -1;
    ui->focus_count_prev = ui->focus_count;
    if (ui->focus >= ui->focus_count)
        ui->focus = ui->focus_count ? ui->focus_count - 1 : -1;
    ui->focus_moved = 0;
    if (ui->down)
        ui->wants_frame = ui->wants_frame || ui->dragging;
}

int md_ui_wants_frame(const md_ui *ui)
{
    return ui->wants_frame;
}

void md_ui_request_frame(md_ui *ui)
{
    ui->wants_frame = 1;
}

/* ---------------------------------------------------------------- geometry helpers */

static md_ui_rect mirror(const md_ui *ui, md_ui_rect r)
{
    if (ui->rtl)
        r.x = ui->width - r.x - r.w;
    return r;
}

static md_ui_rect intersect(md_ui_rect a, md_ui_rect b)
{
    int x0 = a.x > b.x ? a.x : b.x, y0 = a.y > b.y ? a.y : b.y;
    int x1 = a.x + a.w < b.x + b.w ? a.x + a.w : b.x + b.w;
    int y1 = a.y + a.h < b.y + b.h ? a.y + a.h : b.y + b.h;
    md_ui_rect r = {x0, y0, x1 - x0, y1 - y0};
    if (r.w < 0)
        r.w = 0;
    if (r.h < 0)
        r.h = 0;
    return r;
}

static int contains(md_ui_rect r, int x, int y)
{
    return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

static area *cur_area(md_ui *ui)
{
    return &ui->areas[ui->n_areas - 1];
}

static void push_cmd(md_ui *ui, cmd c)
{
    cmd_list *l = &ui->layers[ui->layer];
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 256;
        cmd *grown = md_realloc(l->items, (size_t)cap * sizeof *grown);
        if (!grown)
            return;
        l->items = grown;
        l->cap = cap;
    }
    if (ui->n_areas > 0 && c.clip.w == 0)
        c.clip = cur_area(ui)->clip;
    l->items[l->n++] = c;
}

static void draw_fill(md_ui *ui, md_ui_rect r, uint32_t rgba, int radius)
{
    push_cmd(ui, (cmd){.type = CMD_FILL, .r = r, .rgba = rgba, .radius = radius});
}

/* Content width available to the next widget in the current area. */
static int slot_width(md_ui *ui)
{
    area *a = cur_area(ui);
    if (a->n_cols > 1)
        return (a->r.w - (a->n_cols - 1) * ui->theme.gap_px) / a->n_cols;
    return a->r.w;
}

/* Places a widget of height h (and width slot_width, or w if smaller and > 0) and returns its
 * screen rectangle (mirrored, scrolled). */
static md_ui_rect slot_commit(md_ui *ui, int h, int w)
{
    area *a = cur_area(ui);
    int sw = slot_width(ui);
    if (w <= 0 || w > sw)
        w = sw;
    md_ui_rect r = {a->r.x, 0, w, h};
    int content_y = a->cursor_y;
    if (a->n_cols > 1) {
        r.x = a->r.x + a->col_i * (sw + ui->theme.gap_px);
        content_y = a->row_y;
        if (h > a->row_h)
            a->row_h = h;
        if (++a->col_i == a->n_cols) {
            a->row_y += a->row_h + ui->theme.gap_px;
            a->col_i = 0;
            a->row_h = 0;
        }
        a->cursor_y = a->row_y + a->row_h;
    } else {
        a->cursor_y += h + ui->theme.gap_px;
    }
    float off = a->scroll >= 0 ? ui->scrolls[a->scroll].off_px : 0;
    r.y = a->r.y + content_y - (int)off;
    return mirror(ui, r);
}

/* ---------------------------------------------------------------- text */

typedef struct text_box {
    const md_text_layout *layout;
    int w, h;
    int size_px, max_lines; /* as laid out, for the tree */
    int avail_w;            /* width the text was given to wrap in (0: one line, no wrapping) */
} text_box;

static text_box measure(md_ui *ui, const char *s, const char *lang, int size_px, int width_px,
                        int max_lines, md_text_align align, int bold)
{
    text_box tb = {NULL, 0, 0, size_px, max_lines, width_px > 0 ? width_px : 0};
    if (!s || !s[0])
        return tb;
    if (ui->text) {
        md_text_style st = {lang ? lang : ui->lang, size_px, width_px, max_lines, align,
                            MD_TEXT_DIR_AUTO, bold};
        tb.layout = md_text_lay_out(ui->text, s, (size_t)-1, &st);
        /* "Start" means the screen's start: an English paragraph in an Urdu screen sits at the
         * right like everything else, an Urdu one in an English screen at the left. */
        md_text_line_info li;
        if (tb.layout && align == MD_TEXT_ALIGN_START && width_px > 0 &&
            md_text_layout_line(tb.layout, 0, &li) == 0 && (li.rtl != 0) != (ui->rtl != 0)) {
            st.align = MD_TEXT_ALIGN_END;
            tb.layout = md_text_lay_out(ui->text, s, (size_t)-1, &st);
        }
        if (tb.layout)
            md_text_layout_size(tb.layout, &tb.w, &tb.h);
        return tb;
    }
    /* No engine (unit tests): 0.55 em per byte, wrapped at width_px. */
    int line_w = (int)(strlen(s) * (size_t)size_px * 55 / 100);
    int lines = 1;
    if (width_px > 0 && line_w > width_px) {
        lines = (line_w + width_px - 1) / width_px;
        line_w = width_px;
    }
    if (max_lines > 0 && lines > max_lines)
        lines = max_lines;
    tb.w = line_w;
    tb.h = lines * size_px * 13 / 10;
    return tb;
}

/* Shrinks the text (down to 60 %) until it fits max_lines and max_h: fixed-size controls such as
 * the top bar's buttons must hold "دوبارہ شروع کریں" as well as "Home". */
static text_box measure_fit(md_ui *ui, const char *s, const char *lang, int size_px, int width_px,
                            int max_lines, int max_h, int bold)
{
    static const int pct[] = {100, 88, 76, 66, 60};
    text_box tb = {NULL, 0, 0, size_px, max_lines, width_px > 0 ? width_px : 0};
    for (size_t i = 0; i < sizeof pct / sizeof pct[0]; i++) {
        tb = measure(ui, s, lang, size_px * pct[i] / 100, width_px, max_lines,
                     MD_TEXT_ALIGN_CENTER, bold);
        int cut = tb.layout ? md_text_layout_truncated(tb.layout) : 0;
        if (!cut && tb.h <= max_h)
            break;
    }
    return tb;
}

/* Records how a node's label is set, so the locale lint can check translations fit. */
static void node_text(md_ui *ui, int node, const text_box *tb)
{
    if (node < 0)
        return;
    ui->nodes[node].font_px = tb->size_px;
    ui->nodes[node].max_lines = tb->max_lines;
    ui->nodes[node].text_w = tb->avail_w;
}

static void draw_text(md_ui *ui, const text_box *tb, int x, int y, uint32_t rgba)
{
    if (tb->layout)
        push_cmd(ui, (cmd){.type = CMD_TEXT, .r = {x, y, tb->w, tb->h}, .rgba = rgba,
                           .layout = tb->layout});
}

/* ---------------------------------------------------------------- nodes and interaction */

static int add_node(md_ui *ui, md_ui_role role, const char *label, const char *lang,
                    md_ui_rect r, int focusable, int enabled)
{
    if (ui->n_nodes == ui->cap_nodes) {
        int cap = ui->cap_nodes ? ui->cap_nodes * 2 : 128;
        md_ui_node *grown = md_realloc(ui->nodes, (size_t)cap * sizeof *grown);
        if (!grown)
            return -1;
        ui->nodes = grown;
        ui->cap_nodes = cap;
    }
    area *a = cur_area(ui);
    md_ui_rect vis = intersect(intersect(r, a->clip), (md_ui_rect){0, 0, ui->width, ui->height});
    int in_dialog = ui->dialog_open;
    /* Widgets scrolled out of view stay in the focus order, so a keypad reaches them. */
    int live = enabled && (!ui->modal_prev || in_dialog) &&
               ((vis.w > 0 && vis.h > 0) || a->scroll >= 0);
    md_ui_node *n = &ui->nodes[ui->n_nodes];
    n->role = role;
    const msgid_note *note = note_of(ui, label);
    n->msgid = note ? note->msgid : NULL;
    n->msgctxt = note ? note->msgctxt : NULL;
    n->font_px = 0;
    n->max_lines = 0;
    n->text_w = 0;
    n->label = md_ui_frame_strdup(ui, label ? label : "");
    if (!n->label)
        n->label = "";
    n->lang = lang ? md_ui_frame_strdup(ui, lang) : ui->lang;
    n->rect = r;
    n->vis = vis;
    n->focusable = focusable && live;
    n->enabled = enabled;
    n->visible = vis.w > 0 && vis.h > 0;
    n->in_dialog = in_dialog;
    n->focus_index = n->focusable ? ui->focus_count++ : -1;
    return ui->n_nodes++;
}

/* Returns 1 if the node was activated this frame (tap/click on its visible part, or Enter while
 * focused). Draws nothing. */
static int interact(md_ui *ui, int node)
{
    if (node < 0)
        return 0;
    md_ui_node *n = &ui->nodes[node];
    if (!n->focusable)
        return 0;
    area *a = cur_area(ui);
    md_ui_rect vis = intersect(n->rect, a->clip);
    if (n->focus_index == ui->focus) {
        if (a->scroll >= 0 && ui->focus_moved) {
            ui->focus_scroll = a->scroll;
            ui->focus_content_y = n->rect.y - a->r.y + (int)ui->scrolls[a->scroll].off_px;
            ui->focus_h = n->rect.h;
        }
    }
    if (ui->click_pending && contains(vis, ui->click_x, ui->click_y)) {
        ui->click_pending = 0;
        ui->focus = n->focus_index;
        ui->wants_frame = 1;
        return 1;
    }
    if (ui->activate >= 0 && ui->activate == n->focus_index) {
        ui->activate = -1;
        ui->wants_frame = 1;
        return 1;
    }
    return 0;
}

static int pressed(md_ui *ui, int node)
{
    if (node < 0 || !ui->down || ui->dragging)
        return 0;
    const md_ui_node *n = &ui->nodes[node];
    return n->focusable && contains(n->rect, ui->cur_x, ui->cur_y);
}

static void draw_focus(md_ui *ui, int node)
{
    if (node < 0 || !ui->focus_visible || ui->nodes[node].focus_index != ui->focus ||
        ui->focus < 0)
        return;
    int t = (int)(1.2 * ui->theme.px_per_mm) + 2;
    md_ui_rect r = ui->nodes[node].rect;
    r.x -= t + 2;
    r.y -= t + 2;
    r.w += 2 * (t + 2);
    r.h += 2 * (t + 2);
    push_cmd(ui, (cmd){.type = CMD_RING, .r = r, .rgba = ui->theme.focus,
                       .radius = ui->theme.radius_px + t, .thickness = t});
}

/* ---------------------------------------------------------------- areas */

void md_ui_area_begin(md_ui *ui, md_ui_rect logical, int scroll_id)
{
    if (ui->n_areas == MAX_AREAS) {
        md_log(MD_LOG_ERROR, "UI", "areas nested deeper than %d", MAX_AREAS);
        return;
    }
    area *a = &ui->areas[ui->n_areas++];
    memset(a, 0, sizeof *a);
    a->r = logical;
    a->scroll = -1;
    a->dialog = 0;
    a->clip = mirror(ui, logical);
    if (ui->n_areas > 1) {
        /* Room for borders and the focus ring just outside the widgets. */
        int grow = ui->theme.gap_px;
        a->clip = (md_ui_rect){a->clip.x - grow, a->clip.y - grow, a->clip.w + 2 * grow,
                               a->clip.h + 2 * grow};
    }
    if (ui->n_areas > 1)
        a->clip = intersect(a->clip, ui->areas[ui->n_areas - 2].clip);
    if (scroll_id > 0) {
        int found = -1;
        for (int i = 0; i < ui->n_scrolls; i++)
            if (ui->scrolls[i].id == scroll_id)
                found = i;
        if (found < 0 && ui->n_scrolls < MAX_SCROLLS) {
            found = ui->n_scrolls++;
            memset(&ui->scrolls[found], 0, sizeof ui->scrolls[found]);
            ui->scrolls[found].id = scroll_id;
        }
        a->scroll = found;
        if (found >= 0) {
            ui->scrolls[found].view = a->clip;
            ui->scrolls[found].view_h = logical.h;
        }
    }
}

void md_ui_area_end(md_ui *ui)
{
    if (ui->n_areas == 0)
        return;
    area *a = cur_area(ui);
    if (a->n_cols > 1)
        md_ui_columns_end(ui);
    if (a->scroll >= 0) {
        scroll_state *s = &ui->scrolls[a->scroll];
        int content_h = a->cursor_y > 0 ? a->cursor_y - ui->theme.gap_px : 0;
        if (content_h != s->content_h)
            ui->wants_frame = 1;
        s->content_h = content_h;
        if (ui->focus_scroll == a->scroll) {
            /* Keep the focused widget in view when the keypad moved focus. */
            /* Keep a quarter of the view as context around it (a label above a button). */
            float off = s->off_px, margin = (float)s->view_h / 4;
            if (ui->focus_content_y < off)
                off = (float)ui->focus_content_y - margin;
            else if (ui->focus_content_y + ui->focus_h > off + (float)s->view_h)
                off = (float)(ui->focus_content_y + ui->focus_h - s->view_h) + margin;
            float max_off = (float)(content_h > s->view_h ? content_h - s->view_h : 0);
            off = off < 0 ? 0 : off > max_off ? max_off : off;
            if (off != s->off_px) {
                s->off_px = off;
                ui->wants_frame = 1;
            }
        }
        if (content_h > s->view_h) {
            /* A scroll bar on the end edge shows there is more. */
            int bar_w = (int)(1.5 * ui->theme.px_per_mm) + 1;
            int track = s->view_h;
            int thumb = track * s->view_h / content_h;
            int pos = (int)((float)(track - thumb) * s->off_px / (float)(content_h - s->view_h));
            md_ui_rect r = {a->r.x + a->r.w + bar_w, a->r.y + pos, bar_w, thumb};
            push_cmd(ui, (cmd){.type = CMD_FILL, .r = mirror(ui, r), .rgba = ui->theme.border,
                               .radius = bar_w / 2, .clip = {0, 0, ui->width, ui->height}});
        }
    }
    ui->n_areas--;
}

int md_ui_depth(const md_ui *ui)
{
    return ui->n_areas;
}

int md_ui_unwind(md_ui *ui, int depth)
{
    int closed = 0;
    while (ui->n_areas > depth && ui->n_areas > 0) {
        if (cur_area(ui)->dialog && ui->dialog_open)
            md_ui_dialog_end(ui);
        else
            md_ui_area_end(ui);
        closed++;
    }
    if (ui->n_areas > 0 && cur_area(ui)->n_cols > 1) {
        md_ui_columns_end(ui);
        closed++;
    }
    return closed;
}

void md_ui_fill(md_ui *ui, md_ui_rect logical, uint32_t rgba)
{
    draw_fill(ui, mirror(ui, logical), rgba, 0);
}

void md_ui_columns_begin(md_ui *ui, int n_columns)
{
    area *a = cur_area(ui);
    if (n_columns < 1)
        n_columns = 1;
    if (n_columns > 12)
        n_columns = 12;
    a->n_cols = n_columns;
    a->col_i = 0;
    a->row_y = a->cursor_y;
    a->row_h = 0;
}

void md_ui_columns_end(md_ui *ui)
{
    area *a = cur_area(ui);
    if (a->n_cols <= 1)
        return;
    if (a->col_i > 0)
        a->row_y += a->row_h + ui->theme.gap_px;
    a->cursor_y = a->row_y;
    a->n_cols = 0;
    a->col_i = 0;
    a->row_h = 0;
}

/* ---------------------------------------------------------------- widgets */

static md_ui_rect place(md_ui *ui, const md_ui_opts *o, int h, int w)
{
    if (o && o->at)
        return mirror(ui, *o->at);
    return slot_commit(ui, h, w);
}

void md_ui_heading(md_ui *ui, const char *text, const md_ui_opts *o)
{
    int size = o && o->text_px ? o->text_px : ui->theme.text_px[MD_TEXT_HEADING];
    const char *lang = o && o->lang ? o->lang : NULL;
    int w = o && o->at ? o->at->w : slot_width(ui);
    text_box tb = measure(ui, text, lang, size, w, 0, MD_TEXT_ALIGN_START, 1);
    md_ui_rect r = place(ui, o, tb.h, w);
    node_text(ui, add_node(ui, MD_ROLE_HEADING, text, lang, r, 0, 1), &tb);
    draw_text(ui, &tb, r.x, r.y + (r.h - tb.h) / 2, ui->theme.fg);
}

void md_ui_text(md_ui *ui, const char *text, md_text_role role, const md_ui_opts *o)
{
    if (role < MD_TEXT_BODY || role > MD_TEXT_HEADING)
        role = MD_TEXT_BODY;
    int size = o && o->text_px ? o->text_px : ui->theme.text_px[role];
    const char *lang = o && o->lang ? o->lang : NULL;
    int w = o && o->at ? o->at->w : slot_width(ui);
    md_text_align align = o && o->at ? MD_TEXT_ALIGN_CENTER : MD_TEXT_ALIGN_START;
    text_box tb = measure(ui, text, lang, size, w, 0, align, role == MD_TEXT_HEADING);
    md_ui_rect r = place(ui, o, tb.h, w);
    node_text(ui, add_node(ui, role == MD_TEXT_HEADING ? MD_ROLE_HEADING : MD_ROLE_TEXT, text, lang,
                           r, 0, 1),
              &tb);
    uint32_t color = role == MD_TEXT_SMALL ? ui->theme.muted : ui->theme.fg;
    if (o && o->at)
        color = o->tone == MD_TONE_PRIMARY ? ui->theme.bar_fg : color;
    draw_text(ui, &tb, r.x, r.y + (r.h - tb.h) / 2, color);
}

static void tone_colors(const md_ui *ui, md_ui_tone tone, uint32_t *bg, uint32_t *fg)
{
    switch (tone) {
    case MD_TONE_PRIMARY:
        *bg = ui->theme.primary;
        *fg = ui->theme.primary_fg;
        break;
    case MD_TONE_DANGER:
        *bg = ui->theme.danger;
        *fg = ui->theme.danger_fg;
        break;
    default:
        *bg = ui->theme.surface;
        *fg = ui->theme.surface_fg;
        break;
    }
}

static uint32_t darken(uint32_t rgba)
{
    uint32_t r = (rgba >> 24) & 255, g = (rgba >> 16) & 255, b = (rgba >> 8) & 255;
    return ((r * 3 / 4) << 24) | ((g * 3 / 4) << 16) | ((b * 3 / 4) << 8) | (rgba & 255);
}

static void draw_surface(md_ui *ui, md_ui_rect r, uint32_t bg, int is_pressed, md_ui_tone tone)
{
    if (tone == MD_TONE_NORMAL) /* a hairline border separates white from the ground */
        draw_fill(ui, (md_ui_rect){r.x - 2, r.y - 2, r.w + 4, r.h + 4}, ui->theme.border,
                  ui->theme.radius_px + 2);
    draw_fill(ui, r, is_pressed ? darken(bg) : bg, ui->theme.radius_px);
}

void md_ui_notice(md_ui *ui, const char *text, const md_ui_opts *o)
{
    md_ui_tone tone = o ? o->tone : MD_TONE_NORMAL;
    int pad = (int)(4 * ui->theme.px_per_mm);
    int w = o && o->at ? o->at->w : slot_width(ui);
    text_box tb = measure(ui, text, o ? o->lang : NULL, ui->theme.text_px[MD_TEXT_LARGE],
                          w - 2 * pad, 0, MD_TEXT_ALIGN_START, 1);
    int h = tb.h + 2 * pad;
    if (h < ui->theme.target_px)
        h = ui->theme.target_px;
    md_ui_rect r = place(ui, o, h, w);
    node_text(ui, add_node(ui, MD_ROLE_ALERT, text, o ? o->lang : NULL, r, 0, 1), &tb);
    uint32_t bg = 0, fg = 0;
    tone_colors(ui, tone, &bg, &fg);
    draw_surface(ui, r, bg, 0, tone);
    /* start-aligned inside the band: the layout already mirrors for right-to-left */
    int x = ui->rtl ? r.x + r.w - pad - tb.w : r.x + pad;
    draw_text(ui, &tb, x, r.y + (r.h - tb.h) / 2, fg);
}

int md_ui_button_height(md_ui *ui, const char *label, const md_ui_opts *o)
{
    int size = o && o->text_px ? o->text_px : ui->theme.text_px[MD_TEXT_BODY];
    int pad = (int)(4 * ui->theme.px_per_mm);
    int w = o && o->at ? o->at->w : slot_width(ui);
    text_box tb = measure(ui, label, o ? o->lang : NULL, size, w - 2 * pad, 2,
                          MD_TEXT_ALIGN_CENTER, 1);
    int h = tb.h + 2 * pad;
    return h < ui->theme.target_px ? ui->theme.target_px : h;
}

/* What every pressable control (button, tile) does once it has its rectangle: a tree node with
 * its text record, input (*hit is 1 on the frame it is activated), its colours by tone (greyed
 * when disabled; *fg is the text colour) and its surface. Returns the node. */
static int pressable(md_ui *ui, md_ui_role role, const char *label, const md_ui_opts *o,
                     md_ui_rect r, const text_box *tb, int *hit, uint32_t *fg)
{
    md_ui_tone tone = o ? o->tone : MD_TONE_NORMAL;
    int enabled = !(o && o->disabled);
    int node = add_node(ui, role, label, o ? o->lang : NULL, r, 1, enabled);
    node_text(ui, node, tb);
    *hit = interact(ui, node);
    uint32_t bg = 0;
    tone_colors(ui, tone, &bg, fg);
    if (!enabled) {
        bg = ui->theme.border;
        *fg = ui->theme.muted;
    }
    draw_surface(ui, r, bg, pressed(ui, node), tone);
    return node;
}

int md_ui_button(md_ui *ui, const char *label, const md_ui_opts *o)
{
    int size = o && o->text_px ? o->text_px : ui->theme.text_px[MD_TEXT_BODY];
    int pad = (int)(4 * ui->theme.px_per_mm);
    int w = o && o->at ? o->at->w : slot_width(ui);
    text_box tb = o && o->at ? measure_fit(ui, label, o->lang, size, w - 2 * pad, 1, o->at->h - 4, 1)
                             : measure(ui, label, o ? o->lang : NULL, size, w - 2 * pad, 2,
                                       MD_TEXT_ALIGN_CENTER, 1);
    int h = tb.h + 2 * pad;
    if (h < ui->theme.target_px)
        h = ui->theme.target_px;
    if (o && o->min_h > h)
        h = o->min_h;
    md_ui_rect r = place(ui, o, h, w);
    uint32_t fg = 0;
    int hit = 0;
    int node = pressable(ui, MD_ROLE_BUTTON, label, o, r, &tb, &hit, &fg);
    draw_text(ui, &tb, r.x + (r.w - tb.w) / 2, r.y + (r.h - tb.h) / 2, fg);
    draw_focus(ui, node);
    return hit;
}

static int image_slot_for(md_ui *ui, const char *path)
{
    for (int i = 0; i < ui->n_images; i++)
        if (!strcmp(ui->images[i].path, path))
            return i;
    int i = ui->n_images;
    if (i == MAX_IMAGES) {
        /* Evict the oldest; images are few per screen. */
        md_free(ui->images[0].path);
        if (ui->images[0].surface)
            SDL_FreeSurface(ui->images[0].surface);
        if (ui->images[0].texture)
            SDL_DestroyTexture(ui->images[0].texture);
        memmove(&ui->images[0], &ui->images[1], (MAX_IMAGES - 1) * sizeof ui->images[0]);
        i = MAX_IMAGES - 1;
    } else {
        ui->n_images++;
    }
    image_slot *s = &ui->images[i];
    memset(s, 0, sizeof *s);
    s->path = md_strdup(path);
    s->surface = IMG_Load(path);
    if (!s->surface) {
        md_log(MD_LOG_WARN, "UI", "[%s] cannot load image: %s", path, IMG_GetError());
        s->failed = 1;
    } else {
        s->w = s->surface->w;
        s->h = s->surface->h;
    }
    return i;
}

int md_ui_tile(md_ui *ui, const char *label, const md_ui_opts *o)
{
    md_ui_tone tone = o ? o->tone : MD_TONE_NORMAL;
    int enabled = !(o && o->disabled);
    int w = o && o->at ? o->at->w : slot_width(ui);
    int pad = (int)(4 * ui->theme.px_per_mm);
    int h = w * 3 / 4;
    int max_h = (int)(60 * ui->theme.px_per_mm);
    if (h > max_h)
        h = max_h;
    if (h < ui->theme.target_px)
        h = ui->theme.target_px;
    int size = ui->theme.text_px[MD_TEXT_LARGE];
    text_box tb = measure(ui, label, o ? o->lang : NULL, size, w - 2 * pad, 2,
                          MD_TEXT_ALIGN_CENTER, 1);
    text_box sub = {NULL, 0, 0, 0, 0, 0};
    if (o && o->sublabel)
        sub = measure(ui, o->sublabel, o->lang, ui->theme.text_px[MD_TEXT_SMALL], w - 2 * pad, 1,
                      MD_TEXT_ALIGN_CENTER, 0);
    int icon_slot = o && o->icon ? image_slot_for(ui, o->icon) : -1;
    int icon_side = 0;
    if (icon_slot >= 0 && !ui->images[icon_slot].failed) {
        icon_side = h - tb.h - sub.h - 3 * pad;
        if (icon_side > (int)(24 * ui->theme.px_per_mm))
            icon_side = (int)(24 * ui->theme.px_per_mm);
        if (icon_side < 0)
            icon_side = 0;
    }
    int need = tb.h + sub.h + icon_side + 3 * pad;
    if (h < need)
        h = need;
    md_ui_rect r = place(ui, o, h, w);
    uint32_t fg = 0;
    int hit = 0;
    int node = pressable(ui, MD_ROLE_TILE, label, o, r, &tb, &hit, &fg);
    int content_h = tb.h + sub.h + (icon_side ? icon_side + pad : 0);
    int y = r.y + (r.h - content_h) / 2;
    if (icon_side) {
        push_cmd(ui, (cmd){.type = CMD_IMAGE,
                           .r = {r.x + (r.w - icon_side) / 2, y, icon_side, icon_side},
                           .index = icon_slot});
        y += icon_side + pad;
    } else {
        /* An accent bar on the start edge instead of an icon. */
        md_ui_rect bar = {r.x + pad / 2, r.y + pad, (int)(2 * ui->theme.px_per_mm), r.h - 2 * pad};
        if (ui->rtl)
            bar.x = r.x + r.w - bar.w - pad / 2;
        if (tone == MD_TONE_NORMAL)
            draw_fill(ui, bar, ui->theme.primary, bar.w / 2);
    }
    draw_text(ui, &tb, r.x + (r.w - tb.w) / 2, y, fg);
    if (sub.layout)
        draw_text(ui, &sub, r.x + (r.w - sub.w) / 2, y + tb.h, enabled ? fg : ui->theme.muted);
    draw_focus(ui, node);
    return hit;
}

int md_ui_list_item(md_ui *ui, const char *primary, const char *secondary)
{
    int pad = (int)(4 * ui->theme.px_per_mm);
    int w = slot_width(ui);
    text_box a = measure(ui, primary, NULL, ui->theme.text_px[MD_TEXT_BODY], w - 2 * pad, 2,
                         MD_TEXT_ALIGN_START, 1);
    text_box b = {NULL, 0, 0, 0, 0, 0};
    if (secondary && secondary[0])
        b = measure(ui, secondary, NULL, ui->theme.text_px[MD_TEXT_SMALL], w - 2 * pad, 2,
                    MD_TEXT_ALIGN_START, 0);
    int h = a.h + b.h + 2 * pad;
    if (h < ui->theme.target_px)
        h = ui->theme.target_px;
    md_ui_rect r = slot_commit(ui, h, w);
    int node = add_node(ui, MD_ROLE_LIST_ITEM, primary, NULL, r, 1, 1);
    node_text(ui, node, &a);
    int hit = interact(ui, node);
    draw_surface(ui, r, ui->theme.surface, pressed(ui, node), MD_TONE_NORMAL);
    int y = r.y + (r.h - a.h - b.h) / 2;
    draw_text(ui, &a, r.x + pad, y, ui->theme.fg);
    if (b.layout)
        draw_text(ui, &b, r.x + pad, y + a.h, ui->theme.muted);
    if (secondary && secondary[0]) /* the secondary line is part of what a reader hears */
        node_text(ui,
                  add_node(ui, MD_ROLE_TEXT, secondary, NULL,
                           (md_ui_rect){r.x + pad, y + a.h, b.w, b.h}, 0, 1),
                  &b);
    draw_focus(ui, node);
    return hit;
}

void md_ui_image(md_ui *ui, const char *path, int width_px)
{
    int slot = path ? image_slot_for(ui, path) : -1;
    int w = slot_width(ui);
    if (width_px > 0 && width_px < w)
        w = width_px;
    int h = (int)(20 * ui->theme.px_per_mm);
    if (slot >= 0 && !ui->images[slot].failed && ui->images[slot].w > 0)
        h = (int)((long)w * ui->images[slot].h / ui->images[slot].w);
    md_ui_rect r = slot_commit(ui, h, w);
    add_node(ui, MD_ROLE_IMAGE, "", NULL, r, 0, 1);
    if (slot >= 0 && !ui->images[slot].failed)
        push_cmd(ui, (cmd){.type = CMD_IMAGE, .r = r, .index = slot});
    else
        draw_fill(ui, r, ui->theme.border, ui->theme.radius_px);
}

void md_ui_qr(md_ui *ui, const char *data, int size_px, const char *caption)
{
    int slot = -1;
    for (int i = 0; data && i < ui->n_qrs; i++)
        if (!strcmp(ui->qrs[i].data, data))
            slot = i;
    if (slot < 0 && data) {
        QRcode *code = QRcode_encodeString(data, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
        if (!code) {
            md_log(MD_LOG_WARN, "UI", "cannot encode a QR code of %zu bytes", strlen(data));
        } else {
            if (ui->n_qrs < MAX_QRS) {
                slot = ui->n_qrs++;
            } else {
                slot = ui->qr_next;
                ui->qr_next = (ui->qr_next + 1) % MAX_QRS;
                md_free(ui->qrs[slot].data);
                QRcode_free(ui->qrs[slot].code);
            }
            ui->qrs[slot].data = md_strdup(data);
            ui->qrs[slot].code = code;
        }
    }
    int w = slot_width(ui);
    if (size_px <= 0 || size_px > w)
        size_px = w < (int)(40 * ui->theme.px_per_mm) ? w : (int)(40 * ui->theme.px_per_mm);
    text_box cap = measure(ui, caption, NULL, ui->theme.text_px[MD_TEXT_SMALL], w, 3,
                           MD_TEXT_ALIGN_START, 0);
    md_ui_rect r = slot_commit(ui, size_px + (cap.h ? cap.h + ui->theme.gap_px / 2 : 0), w);
    md_ui_rect q = {r.x, r.y, size_px, size_px};
    if (ui->rtl)
        q.x = r.x + r.w - size_px;
    node_text(ui, add_node(ui, MD_ROLE_QR, caption ? caption : "", NULL, q, 0, 1), &cap);
    if (slot >= 0)
        push_cmd(ui, (cmd){.type = CMD_QR, .r = q, .index = slot});
    if (cap.layout)
        draw_text(ui, &cap, ui->rtl ? r.x + r.w - cap.w : r.x, r.y + size_px + ui->theme.gap_px / 2,
                  ui->theme.muted);
}

int md_ui_keypad(md_ui *ui, const char *label, char *buf, size_t cap, const char *delete_label,
                 const char *ok_label)
{
    const md_ui_theme *t = &ui->theme;
    int key = t->target_px + (int)(2 * t->px_per_mm);
    int gap = t->gap_px / 2;
    int w = 3 * key + 2 * gap;
    int avail = slot_width(ui);
    if (w > avail) {
        key = (avail - 2 * gap) / 3;
        w = avail;
    }
    int pad = (int)(3 * t->px_per_mm);
    text_box lab = measure(ui, label, NULL, t->text_px[MD_TEXT_BODY], w, 2, MD_TEXT_ALIGN_START, 1);
    /* An empty value is measured as "0" for its height and not drawn. */
    int empty = !buf || !buf[0];
    text_box val = measure(ui, empty ? "0" : buf, "en", t->text_px[MD_TEXT_LARGE], 0, 1,
                           MD_TEXT_ALIGN_START, 1);
    int display_h = val.h + 2 * pad;
    if (display_h < t->target_px * 3 / 4)
        display_h = t->target_px * 3 / 4;
    int h = lab.h + gap + display_h + gap + 4 * key + 3 * gap;
    md_ui_rect r = slot_commit(ui, h, w);
    node_text(ui, add_node(ui, MD_ROLE_KEYPAD, label, NULL, r, 0, 1), &lab);
    draw_text(ui, &lab, r.x + (ui->rtl ? r.w - lab.w : 0), r.y, t->fg);
    md_ui_rect d = {r.x, r.y + lab.h + gap, w, display_h};
    draw_fill(ui, (md_ui_rect){d.x - 2, d.y - 2, d.w + 4, d.h + 4}, t->fg, t->radius_px);
    draw_fill(ui, d, t->surface, t->radius_px);
    /* Digits read left to right in every script we serve, so the value and the key grid are not
     * mirrored; only the block's position follows the reading direction. */
    if (!empty)
        draw_text(ui, &val, d.x + pad, d.y + (d.h - val.h) / 2, t->fg);
    int ok = 0;
    size_t len = buf ? strlen(buf) : 0;
    static const char *const keys[12] = {"1", "2", "3", "4", "5", "6",
                                         "7", "8", "9", NULL, "0", NULL};
    int y0 = d.y + d.h + gap;
    int saved_rtl = ui->rtl;
    for (int i = 0; i < 12; i++) {
        const char *k = keys[i];
        md_ui_tone tone = MD_TONE_NORMAL;
        if (i == 9)
            k = delete_label ? delete_label : "Delete";
        if (i == 11) {
            k = ok_label ? ok_label : "OK";
            tone = MD_TONE_PRIMARY;
        }
        md_ui_rect kr = {r.x + (i % 3) * (key + gap), y0 + (i / 3) * (key + gap), key, key};
        /* kr is already on screen: un-mirror it so md_ui_button's mirror puts it back. */
        md_ui_rect logical = kr;
        if (saved_rtl)
            logical.x = ui->width - kr.x - kr.w;
        int disabled = (i == 9 && len == 0) || (i != 9 && i != 11 && len + 1 >= cap);
        md_ui_opts o = {.tone = tone, .at = &logical, .disabled = disabled,
                        .lang = i == 9 || i == 11 ? NULL : "en",
                        .text_px = i == 9 || i == 11 ? t->text_px[MD_TEXT_SMALL]
                                                     : t->text_px[MD_TEXT_LARGE]};
        if (md_ui_button(ui, k, &o) && buf) {
            if (i == 11)
                ok = 1;
            else if (i == 9 && len > 0)
                buf[--len] = '\0';
            else if (i != 9 && len + 1 < cap) {
                buf[len++] = k[0];
                buf[len] = '\0';
            }
        }
    }
    return ok;
}

void md_ui_dialog_begin(md_ui *ui, const char *title)
{
    if (ui->dialog_open) {
        md_log(MD_LOG_ERROR, "UI", "dialog_begin inside a dialog, ignored");
        return;
    }
    const md_ui_theme *t = &ui->theme;
    ui->dialog_open = 1;
    ui->dialog_seen = 1;
    ui->layer = LAYER_DIALOG;
    push_cmd(ui, (cmd){.type = CMD_FILL, .r = {0, 0, ui->width, ui->height}, .rgba = t->scrim,
                       .clip = {0, 0, ui->width, ui->height}});
    int w = ui->width * 7 / 10;
    int max_w = (int)(220 * t->px_per_mm);
    if (w > max_w)
        w = max_w;
    int pad = (int)(8 * t->px_per_mm);
    int h = ui->dialog_h_prev + 2 * pad;
    if (h > ui->height - 2 * t->margin_px)
        h = ui->height - 2 * t->margin_px;
    ui->dialog_r = (md_ui_rect){(ui->width - w) / 2, (ui->height - h) / 2, w, h};
    push_cmd(ui, (cmd){.type = CMD_FILL, .r = ui->dialog_r, .rgba = t->surface,
                       .radius = t->radius_px * 2, .clip = {0, 0, ui->width, ui->height}});
    md_ui_rect inner = {ui->dialog_r.x + pad, ui->dialog_r.y + pad, w - 2 * pad, h - 2 * pad};
    md_ui_area_begin(ui, inner, 0x7fff0000);
    cur_area(ui)->dialog = 1;
    if (title && title[0])
        md_ui_heading(ui, title, NULL);
}

void md_ui_dialog_end(md_ui *ui)
{
    if (!ui->dialog_open)
        return;
    area *a = cur_area(ui);
    int content_h = a->cursor_y > 0 ? a->cursor_y - ui->theme.gap_px : 0;
    md_ui_area_end(ui);
    if (content_h != ui->dialog_h_prev) {
        ui->dialog_h_prev = content_h;
        ui->wants_frame = 1; /* centre it on the next frame */
    }
    ui->dialog_open = 0;
    ui->layer = LAYER_BASE;
}

void md_ui_busy(md_ui *ui, const char *label)
{
    int side = (int)(12 * ui->theme.px_per_mm);
    int w = slot_width(ui);
    int gap = ui->theme.gap_px;
    text_box tb = measure(ui, label, NULL, ui->theme.text_px[MD_TEXT_BODY], w - side - gap, 2,
                          MD_TEXT_ALIGN_START, 0);
    int h = tb.h > side ? tb.h : side;
    md_ui_rect r = slot_commit(ui, h, w);
    node_text(ui, add_node(ui, MD_ROLE_BUSY, label, NULL, r, 0, 1), &tb);
    md_ui_rect s = {ui->rtl ? r.x + r.w - side : r.x, r.y + (h - side) / 2, side, side};
    push_cmd(ui, (cmd){.type = CMD_SPINNER, .r = s, .rgba = ui->theme.primary,
                       .index = (int)((ui->now_ms / 100) % 8)});
    int tx = ui->rtl ? r.x + r.w - side - gap - tb.w : r.x + side + gap;
    draw_text(ui, &tb, tx, r.y + (h - tb.h) / 2, ui->theme.fg);
    ui->wants_frame = 1; /* the spinner turns */
}

void md_ui_space(md_ui *ui, int px)
{
    if (px <= 0)
        return;
    area *a = cur_area(ui);
    if (a->n_cols > 1)
        md_ui_columns_end(ui);
    a->cursor_y += px;
}

/* ---------------------------------------------------------------- tree queries */

int md_ui_node_count(const md_ui *ui)
{
    return ui->n_nodes;
}

const md_ui_node *md_ui_node_at(const md_ui *ui, int i)
{
    return i >= 0 && i < ui->n_nodes ? &ui->nodes[i] : NULL;
}

int md_ui_hit(const md_ui *ui, int x, int y)
{
    for (int i = ui->n_nodes - 1; i >= 0; i--) {
        const md_ui_node *n = &ui->nodes[i];
        if (n->focusable && contains(n->rect, x, y))
            return i;
    }
    return -1;
}

int md_ui_focus(const md_ui *ui)
{
    return ui->focus;
}

const char *md_ui_role_name(md_ui_role role)
{
    static const char *const names[] = {"none", "heading", "text", "button", "tile", "listitem",
                                        "image", "qr", "keypad", "dialog", "busy", "alert"};
    return role >= 0 && role <= MD_ROLE_ALERT ? names[role] : "none";
}

static void json_str(FILE *f, const char *s)
{
    if (!s) {
        fputs("null", f);
        return;
    }
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", f);
        else if (*p < 0x20)
            fprintf(f, "\\u%04x", *p);
        else
            fputc(*p, f);
    }
    fputc('"', f);
}

int md_ui_write_tree_json(const md_ui *ui, const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        md_log(MD_LOG_ERROR, "UI", "[%s] cannot write the tree", path);
        return -1;
    }
    fputs("[\n", f);
    for (int i = 0; i < ui->n_nodes; i++) {
        const md_ui_node *n = &ui->nodes[i];
        fputs("  {\"role\": ", f);
        json_str(f, md_ui_role_name(n->role));
        fputs(", \"label\": ", f);
        json_str(f, n->label);
        fputs(", \"msgid\": ", f);
        json_str(f, n->msgid);
        if (n->msgctxt) {
            fputs(", \"msgctxt\": ", f);
            json_str(f, n->msgctxt);
        }
        fputs(", \"lang\": ", f);
        json_str(f, n->lang);
        fprintf(f,
                ", \"rect\": {\"x\": %d, \"y\": %d, \"w\": %d, \"h\": %d}, \"focusable\": %s, "
                "\"enabled\": %s, \"visible\": %s, \"font_px\": %d, \"max_lines\": %d",
                n->rect.x, n->rect.y, n->rect.w, n->rect.h, n->focusable ? "true" : "false",
                n->enabled ? "true" : "false", n->visible ? "true" : "false", n->font_px,
                n->max_lines);
        if (n->text_w > 0) /* the width the label may wrap in; lint measures translations in it */
            fprintf(f, ", \"text_w\": %d", n->text_w);
        fprintf(f, "}%s\n", i + 1 < ui->n_nodes ? "," : "");
    }
    fputs("]\n", f);
    if (fclose(f) != 0) {
        md_log(MD_LOG_ERROR, "UI", "[%s] write failed", path);
        return -1;
    }
    return 0;
}

/* ---------------------------------------------------------------- rendering */

static void set_color(SDL_Vertex *v, uint32_t rgba)
{
    v->color.r = (Uint8)(rgba >> 24);
    v->color.g = (Uint8)(rgba >> 16);
    v->color.b = (Uint8)(rgba >> 8);
    v->color.a = (Uint8)rgba;
}

enum { ARC_STEPS = 6, PERIM = 4 * (ARC_STEPS + 1) };

/* Points around a rounded rectangle, clockwise from the top-left corner's arc. */
static void perimeter(md_ui_rect r, float radius, SDL_FPoint *out)
{
    float cx[4] = {r.x + radius, r.x + r.w - radius, r.x + r.w - radius, r.x + radius};
    float cy[4] = {r.y + radius, r.y + radius, r.y + r.h - radius, r.y + r.h - radius};
    int k = 0;
    for (int c = 0; c < 4; c++) {
        float a0 = (float)M_PI * (1.0f + 0.5f * (float)c);
        for (int s = 0; s <= ARC_STEPS; s++) {
            float a = a0 + (float)M_PI * 0.5f * (float)s / ARC_STEPS;
            out[k].x = cx[c] + radius * cosf(a);
            out[k].y = cy[c] + radius * sinf(a);
            k++;
        }
    }
}

/* Opaque colours are written without blending: the software renderer's blended fills cost a
 * multiply per pixel. */
static void set_draw(SDL_Renderer *ren, uint32_t rgba)
{
    SDL_SetRenderDrawBlendMode(ren, (rgba & 255) == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(ren, (Uint8)(rgba >> 24), (Uint8)(rgba >> 16), (Uint8)(rgba >> 8),
                           (Uint8)rgba);
}

/* A rounded rectangle: the body as three plain rectangles (fast in every renderer) and the four
 * corners as small triangle fans. */
static void fill_round(SDL_Renderer *ren, md_ui_rect r, int radius, uint32_t rgba)
{
    if (r.w <= 0 || r.h <= 0)
        return;
    if (radius * 2 > r.w)
        radius = r.w / 2;
    if (radius * 2 > r.h)
        radius = r.h / 2;
    set_draw(ren, rgba);
    if (radius <= 1) {
        SDL_Rect sr = {r.x, r.y, r.w, r.h};
        SDL_RenderFillRect(ren, &sr);
        return;
    }
    /* The body overlaps the corners by one pixel: the software rasteriser leaves a fan's edge
     * row on the body's side unwritten, which showed as a notch. */
    SDL_Rect body[3] = {{r.x + radius - 1, r.y, r.w - 2 * radius + 2, r.h},
                        {r.x, r.y + radius - 1, radius, r.h - 2 * radius + 2},
                        {r.x + r.w - radius, r.y + radius - 1, radius, r.h - 2 * radius + 2}};
    SDL_RenderFillRects(ren, body, 3);
    SDL_FPoint p[PERIM];
    perimeter(r, (float)radius, p);
    float cx[4] = {r.x + radius, r.x + r.w - radius, r.x + r.w - radius, r.x + radius};
    float cy[4] = {r.y + radius, r.y + radius, r.y + r.h - radius, r.y + r.h - radius};
    SDL_Vertex v[4 * (ARC_STEPS + 2)];
    int idx[4 * ARC_STEPS * 3];
    memset(v, 0, sizeof v);
    int nv = 0, ni = 0;
    for (int c = 0; c < 4; c++) {
        int center = nv;
        v[nv].position.x = cx[c];
        v[nv].position.y = cy[c];
        set_color(&v[nv++], rgba);
        for (int k = 0; k <= ARC_STEPS; k++) {
            v[nv].position = p[c * (ARC_STEPS + 1) + k];
            set_color(&v[nv++], rgba);
            if (k > 0) {
                idx[ni++] = center;
                idx[ni++] = nv - 2;
                idx[ni++] = nv - 1;
            }
        }
    }
    SDL_RenderGeometry(ren, NULL, v, nv, idx, ni);
}

static void ring_round(SDL_Renderer *ren, md_ui_rect r, int radius, int t, uint32_t rgba)
{
    set_draw(ren, rgba);
    if (radius * 2 > r.w)
        radius = r.w / 2;
    if (radius * 2 > r.h)
        radius = r.h / 2;
    if (radius < t)
        radius = t;
    SDL_FPoint outer[PERIM], inner[PERIM];
    perimeter(r, (float)radius, outer);
    perimeter((md_ui_rect){r.x + t, r.y + t, r.w - 2 * t, r.h - 2 * t}, (float)(radius - t), inner);
    SDL_Vertex v[2 * PERIM];
    int idx[PERIM * 6];
    memset(v, 0, sizeof v);
    for (int i = 0; i < PERIM; i++) {
        v[2 * i].position = outer[i];
        v[2 * i + 1].position = inner[i];
        set_color(&v[2 * i], rgba);
        set_color(&v[2 * i + 1], rgba);
        int j = (i + 1) % PERIM;
        int *q = &idx[i * 6];
        q[0] = 2 * i;
        q[1] = 2 * j;
        q[2] = 2 * i + 1;
        q[3] = 2 * i + 1;
        q[4] = 2 * j;
        q[5] = 2 * j + 1;
    }
    SDL_RenderGeometry(ren, NULL, v, 2 * PERIM, idx, PERIM * 6);
}

static void draw_qr(SDL_Renderer *ren, const QRcode *code, md_ui_rect r)
{
    int n = code->width;
    int quiet = 2;
    int module = r.w / (n + 2 * quiet);
    if (module < 1)
        module = 1;
    int side = module * (n + 2 * quiet);
    int x0 = r.x + (r.w - side) / 2, y0 = r.y + (r.h - side) / 2;
    SDL_SetRenderDrawColor(ren, 255, 255, 255, 255);
    SDL_Rect bg = {x0, y0, side, side};
    SDL_RenderFillRect(ren, &bg);
    SDL_SetRenderDrawColor(ren, 0, 0, 0, 255);
    for (int y = 0; y < n; y++)
        for (int x = 0; x < n; x++)
            if (code->data[y * n + x] & 1) {
                SDL_Rect m = {x0 + (x + quiet) * module, y0 + (y + quiet) * module, module, module};
                SDL_RenderFillRect(ren, &m);
            }
}

static void draw_image(md_ui *ui, SDL_Renderer *ren, int slot, md_ui_rect r)
{
    image_slot *s = &ui->images[slot];
    if (s->failed || !s->surface)
        return;
    if (s->texture && s->renderer != ren) {
        SDL_DestroyTexture(s->texture);
        s->texture = NULL;
    }
    if (!s->texture) {
        s->texture = SDL_CreateTextureFromSurface(ren, s->surface);
        s->renderer = ren;
        if (!s->texture) {
            md_log(MD_LOG_WARN, "UI", "[%s] cannot make a texture: %s", s->path, SDL_GetError());
            s->failed = 1;
            return;
        }
    }
    /* Fit inside r keeping the aspect ratio. */
    int w = r.w, h = (int)((long)r.w * s->h / (s->w ? s->w : 1));
    if (h > r.h) {
        h = r.h;
        w = (int)((long)r.h * s->w / (s->h ? s->h : 1));
    }
    SDL_Rect dst = {r.x + (r.w - w) / 2, r.y + (r.h - h) / 2, w, h};
    SDL_RenderCopy(ren, s->texture, NULL, &dst);
}

int md_ui_render(md_ui *ui, SDL_Renderer *ren)
{
    const md_ui_theme *t = &ui->theme;
    SDL_SetRenderDrawBlendMode(ren, SDL_BLENDMODE_BLEND);
    SDL_RenderSetClipRect(ren, NULL);
    SDL_SetRenderDrawColor(ren, (Uint8)(t->bg >> 24), (Uint8)(t->bg >> 16), (Uint8)(t->bg >> 8),
                           255);
    SDL_RenderClear(ren);
    int rc = 0;
    for (int l = 0; l < N_LAYERS; l++) {
        md_ui_rect clip_now = {0, 0, 0, 0};
        SDL_RenderSetClipRect(ren, NULL);
        for (int i = 0; i < ui->layers[l].n; i++) {
            const cmd *c = &ui->layers[l].items[i];
            if (memcmp(&c->clip, &clip_now, sizeof clip_now) != 0) {
                clip_now = c->clip;
                SDL_Rect cr = {c->clip.x, c->clip.y, c->clip.w, c->clip.h};
                SDL_RenderSetClipRect(ren, c->clip.w > 0 ? &cr : NULL);
            }
            switch (c->type) {
            case CMD_FILL:
                fill_round(ren, c->r, c->radius, c->rgba);
                break;
            case CMD_RING:
                ring_round(ren, c->r, c->radius, c->thickness, c->rgba);
                break;
            case CMD_TEXT:
                if (ui->text && md_text_draw(ui->text, c->layout, c->r.x, c->r.y, c->rgba) < 0)
                    rc = -1;
                break;
            case CMD_IMAGE:
                draw_image(ui, ren, c->index, c->r);
                break;
            case CMD_QR:
                if (c->index >= 0 && c->index < ui->n_qrs)
                    draw_qr(ren, ui->qrs[c->index].code, c->r);
                break;
            case CMD_SPINNER: {
                int dot = c->r.w / 5;
                float rad = (float)(c->r.w - dot) / 2.0f;
                for (int k = 0; k < 8; k++) {
                    float a = (float)M_PI * 2.0f * (float)k / 8.0f - (float)M_PI / 2.0f;
                    int age = (c->index - k + 8) % 8;
                    uint32_t alpha = (uint32_t)(255 - age * 28);
                    md_ui_rect d = {c->r.x + c->r.w / 2 + (int)(rad * cosf(a)) - dot / 2,
                                    c->r.y + c->r.h / 2 + (int)(rad * sinf(a)) - dot / 2, dot, dot};
                    fill_round(ren, d, dot / 2, (c->rgba & 0xFFFFFF00u) | alpha);
                }
                break;
            }
            default:
                break;
            }
        }
    }
    SDL_RenderSetClipRect(ren, NULL);
    return rc;
}
