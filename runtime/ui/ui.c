/* Immediate-mode UI toolkit, the core: theme, create/destroy, input queued between frames,
 * frames, layout areas and slots. Widgets lay out in logical left-to-right coordinates and are
 * mirrored as a whole for right-to-left languages (ui_widgets.c); they record nodes in the
 * semantic tree (ui_tree.c) and commands in a draw list that ui_render_sdl.c plays with SDL.
 */
#include "ui/ui.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "text/text.h"
#include "ui/ui_internal.h"

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
    /* Korea's kiosk guideline: text a visitor must read has at least 4.8 mm capital height. Noto
     * Sans capitals are 0.714 em, so no text is set below 6.75 mm; the small role is exactly that
     * and body text a step above, at any px_per_mm. */
    t->min_text_px = (int)ceil(4.8 / 0.714 * px_per_mm);
    t->text_px[MD_TEXT_SMALL] = t->min_text_px;
    t->text_px[MD_TEXT_BODY] = (int)ceil(7.5 * px_per_mm);
    t->text_px[MD_TEXT_LARGE] = (int)(10.0 * px_per_mm);
    t->text_px[MD_TEXT_HEADING] = (int)(11.0 * px_per_mm);
    t->icon_min_px = (int)ceil(10.0 * px_per_mm);
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
    t->border_px = 2;
    t->text_scale_pct = 100;
}

void md_ui_theme_high_contrast(md_ui_theme *t)
{
    /* Against black: white 21:1, yellow 19.6:1, the light grey of secondary text 14.9:1, the
     * cyan focus ring 16.7:1; black on yellow 19.6:1; white on the dark red of alerts 8.9:1. */
    t->bg = 0x000000FF;
    t->fg = 0xFFFFFFFF;
    t->muted = 0xD9D9D9FF;
    t->surface = 0x000000FF;
    t->surface_fg = 0xFFFFFFFF;
    t->primary = 0xFFFF00FF;
    t->primary_fg = 0x000000FF;
    t->danger = 0x990000FF;
    t->danger_fg = 0xFFFFFFFF;
    t->focus = 0x00FFFFFF;
    t->bar_bg = 0x000000FF;
    t->bar_fg = 0xFFFFFFFF;
    t->border = 0xFFFFFFFF;
    t->scrim = 0x000000E0;
    t->border_px = (int)(0.8 * t->px_per_mm) + 1;
    t->high_contrast = 1;
}

void md_ui_theme_scale_text(md_ui_theme *t, int pct)
{
    if (pct < 100 || pct > 400)
        return;
    /* Every role at least pct of Korea's 4.8 mm capital height (0.714 em in Noto). */
    t->min_text_px = (int)ceil(4.8 / 0.714 * t->px_per_mm * pct / 100.0);
    for (int i = 0; i < 4; i++) {
        t->text_px[i] = t->text_px[i] * pct / 100;
        if (t->text_px[i] < t->min_text_px)
            t->text_px[i] = t->min_text_px;
    }
    t->bar_px = t->bar_px * (100 + (pct - 100) / 2) / 100;
    t->text_scale_pct = pct;
}

void md_ui_theme_set(md_ui *ui, const md_ui_theme *theme)
{
    if (ui && theme)
        ui->theme = *theme;
}

/* ---------------------------------------------------------------- arena, notes */

void *md_ui_frame_alloc(md_ui *ui, size_t n_bytes)
{
    return md_arena_alloc(&ui->arena, n_bytes);
}

char *md_ui_frame_strdup(md_ui *ui, const char *s)
{
    return md_arena_strdup(&ui->arena, s);
}

void md_ui_note_msgid_ctx(md_ui *ui, const char *translated, const char *msgctxt, const char *msgid)
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

void md_ui_label_msgid(md_ui *ui, const char *msgctxt, const char *msgid)
{
    if (!ui)
        return;
    ui->next_msgid = msgid ? md_ui_frame_strdup(ui, msgid) : NULL;
    ui->next_msgctxt = msgid && msgctxt ? md_ui_frame_strdup(ui, msgctxt) : NULL;
}

void md_ui_note_msgid(md_ui *ui, const char *translated, const char *msgid)
{
    md_ui_note_msgid_ctx(ui, translated, NULL, msgid);
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
    md_ui_free_caches(ui);
    md_free(ui->nodes);
    md_free(ui->notes);
    md_arena_free(&ui->arena);
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
    ui->focus_first = 1;
    md_ui_columns_forget(ui);
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

void md_ui_columns_forget(md_ui *ui)
{
    memset(ui->cols_limit, 0, sizeof ui->cols_limit);
    memset(ui->cols_asked, 0, sizeof ui->cols_asked);
}

/* Focus on the first focusable node from node `from` on (in the dialog when one is up). */
static void focus_first_from(md_ui *ui, int from)
{
    for (int i = from; i < ui->n_nodes; i++) {
        const md_ui_node *n = &ui->nodes[i];
        if (n->focusable && (!ui->dialog_seen || n->in_dialog)) {
            ui->focus = n->focus_index;
            ui->focus_first = 0;
            return;
        }
    }
}

/* ---------------------------------------------------------------- frames */

static void apply_keys(md_ui *ui)
{
    int count = ui->focus_count_prev;
    for (int i = 0; i < ui->n_keys; i++) {
        md_ui_key k = ui->keys[i];
        ui->focus_visible = 1;
        if (k == MD_UI_KEY_LEFT)
            k = ui->rtl ? MD_UI_KEY_NEXT : MD_UI_KEY_PREV;
        else if (k == MD_UI_KEY_RIGHT)
            k = ui->rtl ? MD_UI_KEY_PREV : MD_UI_KEY_NEXT;
        if (count <= 0)
            continue;
        if (k == MD_UI_KEY_NEXT) {
            ui->focus = ui->focus < 0 ? 0 : (ui->focus + 1) % count;
            ui->focus_moved = 1;
        } else if (k == MD_UI_KEY_PREV) {
            ui->focus = ui->focus <= 0 ? count - 1 : ui->focus - 1;
            ui->focus_moved = 1;
        } else if (k == MD_UI_KEY_ACTIVATE) {
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

void md_ui_trim(md_ui *ui)
{
    if (ui)
        ui->trim_pending = 1;
}

void md_ui_begin_frame(md_ui *ui, int width, int height, const char *lang, int rtl, uint64_t now_ms)
{
    if (ui->trim_pending) { /* no draw list refers to a slot or the arena any more */
        md_ui_free_caches(ui);
        ui->n_images = ui->n_qrs = ui->qr_next = 0;
        md_arena_free(&ui->arena);
        ui->trim_pending = 0;
    }
    md_arena_reset(&ui->arena);
    ui->n_nodes = 0;
    ui->n_notes = 0;
    ui->next_msgid = ui->next_msgctxt = NULL;
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
    ui->n_col_blocks = 0;
    if (width != ui->prev_width || height != ui->prev_height ||
        strncmp(ui->lang, ui->prev_lang, sizeof ui->prev_lang - 1) != 0) {
        md_ui_columns_forget(ui); /* another size or language: columns may fit again */
        ui->prev_width = width;
        ui->prev_height = height;
        snprintf(ui->prev_lang, sizeof ui->prev_lang, "%s", ui->lang);
    }
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
    if (ui->focus_first && ui->modal_prev != ui->dialog_seen)
        ui->wants_frame = 1;  /* a dialog opened or closed mid-frame: focus numbers shift, so the
                                 first control is chosen on the next frame */
    else if (ui->focus_first) /* no scrolling content took it: the screen's first control */
        focus_first_from(ui, 0);
    if (ui->modal_prev == ui->dialog_seen)
        ui->focus_first = 0;
    if (ui->modal_prev != ui->dialog_seen)
        ui->wants_frame = 1; /* what takes input changed: settle on a frame that knows it */
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

md_ui_rect md_ui_mirror(const md_ui *ui, md_ui_rect r)
{
    if (ui->rtl)
        r.x = ui->width - r.x - r.w;
    r.y += ui->origin_y;
    return r;
}

md_ui_rect md_ui_screen(const md_ui *ui)
{
    return (md_ui_rect){0, ui->origin_y, ui->width, ui->height};
}

void md_ui_set_origin_y(md_ui *ui, int y_px)
{
    ui->origin_y = y_px > 0 ? y_px : 0;
}

md_ui_rect md_ui_intersect(md_ui_rect a, md_ui_rect b)
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

int md_ui_contains(md_ui_rect r, int x, int y)
{
    return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

area *md_ui_cur_area(md_ui *ui)
{
    return &ui->areas[ui->n_areas - 1];
}

void md_ui_push_cmd(md_ui *ui, cmd c)
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
        c.clip = md_ui_cur_area(ui)->clip;
    l->items[l->n++] = c;
}

void md_ui_draw_fill(md_ui *ui, md_ui_rect r, uint32_t rgba, int radius)
{
    md_ui_push_cmd(ui, (cmd){.type = CMD_FILL, .r = r, .rgba = rgba, .radius = radius});
}

/* Content width available to the next widget in the current area. */
int md_ui_slot_width(md_ui *ui)
{
    area *a = md_ui_cur_area(ui);
    if (a->n_cols > 1)
        return (a->r.w - (a->n_cols - 1) * ui->theme.gap_px) / a->n_cols;
    return a->r.w;
}

/* Places a widget of height h (and width slot_width, or w if smaller and > 0) and returns its
 * screen rectangle (mirrored, scrolled). */
md_ui_rect md_ui_slot_commit(md_ui *ui, int h, int w)
{
    area *a = md_ui_cur_area(ui);
    int sw = md_ui_slot_width(ui);
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
    return md_ui_mirror(ui, r);
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
    a->first_node = ui->n_nodes;
    a->cols_block = -1;
    a->clip = md_ui_mirror(ui, logical);
    if (ui->n_areas > 1) {
        /* Room for borders and the focus ring just outside the widgets. */
        int grow = ui->theme.gap_px;
        a->clip = (md_ui_rect){a->clip.x - grow, a->clip.y - grow, a->clip.w + 2 * grow,
                               a->clip.h + 2 * grow};
    }
    if (ui->n_areas > 1)
        a->clip = md_ui_intersect(a->clip, ui->areas[ui->n_areas - 2].clip);
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
    area *a = md_ui_cur_area(ui);
    if (a->n_cols > 1)
        md_ui_columns_end(ui);
    if (a->scroll >= 0) {
        scroll_state *s = &ui->scrolls[a->scroll];
        /* A new screen in this area (its first heading, or first node, changed): back to the top
         * with focus on its first control, whatever the previous screen's scroll was. */
        uint32_t sig = 2166136261u;
        int sig_node = -1;
        for (int i = a->first_node; i < ui->n_nodes && sig_node < 0; i++)
            if (ui->nodes[i].role == MD_UI_ROLE_HEADING || ui->nodes[i].role == MD_UI_ROLE_ALERT)
                sig_node = i;
        if (sig_node < 0 && a->first_node < ui->n_nodes)
            sig_node = a->first_node;
        for (const char *p = sig_node >= 0 ? ui->nodes[sig_node].label : ""; *p; p++)
            sig = (sig ^ (unsigned char)*p) * 16777619u;
        if (s->screen_sig && sig != s->screen_sig) {
            if (s->off_px != 0.0f)
                ui->wants_frame = 1;
            s->off_px = 0;
            s->vel_px_ms = 0;
            ui->focus_first = 1;
            md_ui_columns_forget(ui);
        }
        s->screen_sig = sig;
        if (ui->focus_first && !ui->dialog_seen)
            focus_first_from(ui, a->first_node);
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
            md_ui_push_cmd(ui, (cmd){.type = CMD_FILL,
                                     .r = md_ui_mirror(ui, r),
                                     .rgba = ui->theme.border,
                                     .radius = bar_w / 2,
                                     .clip = md_ui_screen(ui)});
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
        if (md_ui_cur_area(ui)->dialog && ui->dialog_open)
            md_ui_dialog_end(ui);
        else
            md_ui_area_end(ui);
        closed++;
    }
    if (ui->n_areas > 0 && md_ui_cur_area(ui)->n_cols > 1) {
        md_ui_columns_end(ui);
        closed++;
    }
    return closed;
}

void md_ui_fill(md_ui *ui, md_ui_rect logical, uint32_t rgba)
{
    md_ui_draw_fill(ui, md_ui_mirror(ui, logical), rgba, 0);
}

void md_ui_columns_begin(md_ui *ui, int n_columns)
{
    area *a = md_ui_cur_area(ui);
    /* Large text reflows: fewer columns, each wider (2 -> 1, 3 -> 2, 4 -> 2 at 200 %). */
    if (ui->theme.text_scale_pct > 100)
        n_columns = (n_columns * 100 + ui->theme.text_scale_pct - 1) / ui->theme.text_scale_pct;
    if (n_columns < 1)
        n_columns = 1;
    if (n_columns > 12)
        n_columns = 12;
    a->cols_asked = n_columns;
    a->cols_crowded = 0;
    a->cols_block = ui->n_col_blocks < MAX_COL_BLOCKS ? ui->n_col_blocks++ : -1;
    if (a->cols_block >= 0) {
        int b = a->cols_block;
        if (ui->cols_asked[b] != n_columns) { /* another block in this place: start afresh */
            ui->cols_asked[b] = n_columns;
            ui->cols_limit[b] = 0;
        }
        if (ui->cols_limit[b] > 0 && ui->cols_limit[b] < n_columns)
            n_columns = ui->cols_limit[b];
    }
    a->n_cols = n_columns;
    a->col_i = 0;
    a->row_y = a->cursor_y;
    a->row_h = 0;
}

void md_ui_columns_crowded(md_ui *ui)
{
    area *a = md_ui_cur_area(ui);
    if (a->n_cols > 1)
        a->cols_crowded = 1;
}

void md_ui_columns_end(md_ui *ui)
{
    area *a = md_ui_cur_area(ui);
    if (a->cols_block >= 0 && a->cols_crowded && a->n_cols > 1) {
        /* Taller rows were not enough: fewer, wider columns from the next frame on. */
        ui->cols_limit[a->cols_block] = a->n_cols - 1;
        ui->wants_frame = 1;
    }
    a->cols_block = -1;
    a->cols_crowded = 0;
    if (a->n_cols <= 1)
        return;
    if (a->col_i > 0)
        a->row_y += a->row_h + ui->theme.gap_px;
    a->cursor_y = a->row_y;
    a->n_cols = 0;
    a->col_i = 0;
    a->row_h = 0;
}
