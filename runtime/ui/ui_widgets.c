/* The widgets: each call measures its text, takes a slot in the current area, records a node in
 * the semantic tree (role, label, msgid, rectangle), pushes draw commands and reports whether it
 * was activated by a tap, a click or Enter.
 */
#include <math.h>
#include <string.h>

#include "base/base.h"
#include "text/text.h"
#include "ui/ui.h"
#include "ui/ui_internal.h"

static const msgid_note *note_of(md_ui *ui, const char *label)
{
    for (int i = ui->n_notes - 1; i >= 0; i--)
        if (ui->notes[i].translated == label)
            return &ui->notes[i];
    return NULL;
}

/* ---------------------------------------------------------------- text */

typedef struct text_box {
    const md_text_layout *layout;
    int w, h;
    int size_px, max_lines; /* as laid out, for the tree */
    int avail_w;            /* width the text was given to wrap in (0: one line, no wrapping) */
    int lines;
    int cut; /* no text engine: max_lines cut the text */
} text_box;

/* 1 when the label is not shown whole: cut by max_lines, or a word wider than its room. */
static int tb_truncated(const text_box *tb)
{
    if (tb->cut || (tb->layout && md_text_layout_truncated(tb->layout)))
        return 1;
    return tb->avail_w > 0 && tb->w > tb->avail_w + 1;
}

static text_box measure(md_ui *ui, const char *s, const char *lang, int size_px, int width_px,
                        int max_lines, md_text_align align, int bold)
{
    text_box tb = {NULL, 0, 0, size_px, max_lines, width_px > 0 ? width_px : 0, 0, 0};
    if (!s || !s[0])
        return tb;
    if (ui->text) {
        md_text_style st = {lang ? lang : ui->lang, size_px, width_px, max_lines, align,
                            MD_TEXT_DIR_AUTO,       bold};
        tb.layout = md_text_lay_out(ui->text, s, (size_t)-1, &st);
        /* "Start" means the screen's start: an English paragraph in an Urdu screen sits at the
         * right like everything else, an Urdu one in an English screen at the left. */
        md_text_line_info li;
        if (tb.layout && align == MD_TEXT_ALIGN_START && width_px > 0 &&
            md_text_layout_line(tb.layout, 0, &li) == 0 && (li.rtl != 0) != (ui->rtl != 0)) {
            st.align = MD_TEXT_ALIGN_END;
            tb.layout = md_text_lay_out(ui->text, s, (size_t)-1, &st);
        }
        if (tb.layout) {
            md_text_layout_size(tb.layout, &tb.w, &tb.h);
            tb.lines = md_text_layout_line_count(tb.layout);
        }
        return tb;
    }
    /* No engine (unit tests): 0.55 em per byte, wrapped at width_px. */
    int line_w = (int)(strlen(s) * (size_t)size_px * 55 / 100);
    int lines = 1;
    if (width_px > 0 && line_w > width_px) {
        lines = (line_w + width_px - 1) / width_px;
        line_w = width_px;
    }
    if (max_lines > 0 && lines > max_lines) {
        lines = max_lines;
        tb.cut = 1;
    }
    tb.w = line_w;
    tb.h = lines * size_px * 13 / 10;
    tb.lines = lines;
    return tb;
}

/* Shrinks the text until it fits max_lines and max_h: fixed-size controls such as the top bar's
 * buttons must hold "دوبارہ شروع کریں" as well as "Home". Never below the theme's minimum (4.8 mm
 * capitals): at the minimum it may take one more line before it is cut. */
static text_box measure_fit(md_ui *ui, const char *s, const char *lang, int size_px, int width_px,
                            int max_lines, int max_h, int bold)
{
    static const int pct[] = {100, 88, 76, 66, 60};
    text_box tb = {NULL, 0, 0, size_px, max_lines, width_px > 0 ? width_px : 0, 0, 0};
    int floor_px = ui->theme.min_text_px;
    for (size_t i = 0; i < sizeof pct / sizeof pct[0]; i++) {
        int px = size_px * pct[i] / 100;
        if (px < floor_px)
            px = floor_px;
        tb = measure(ui, s, lang, px, width_px, max_lines, MD_TEXT_ALIGN_CENTER, bold);
        if (!tb_truncated(&tb) && tb.h <= max_h)
            return tb;
        if (px == floor_px)
            break;
    }
    if (max_lines > 0) {
        text_box two =
            measure(ui, s, lang, floor_px, width_px, max_lines + 1, MD_TEXT_ALIGN_CENTER, bold);
        if (!tb_truncated(&two) && two.h <= max_h)
            return two;
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
    ui->nodes[node].truncated = tb_truncated(tb);
}

static void draw_text(md_ui *ui, const text_box *tb, int x, int y, uint32_t rgba)
{
    /* The first text drawn after a node is its label: remember its colour for the lint. */
    if (ui->n_nodes > 0 && !ui->nodes[ui->n_nodes - 1].fg && tb->layout)
        ui->nodes[ui->n_nodes - 1].fg = rgba;
    if (tb->layout)
        md_ui_push_cmd(
            ui,
            (cmd){.type = CMD_TEXT, .r = {x, y, tb->w, tb->h}, .rgba = rgba, .layout = tb->layout});
}

/* ---------------------------------------------------------------- nodes and interaction */

static int add_node(md_ui *ui, md_ui_role role, const char *label, const char *lang, md_ui_rect r,
                    int focusable, int enabled)
{
    if (ui->n_nodes == ui->cap_nodes) {
        int cap = ui->cap_nodes ? ui->cap_nodes * 2 : 128;
        md_ui_node *grown = md_realloc(ui->nodes, (size_t)cap * sizeof *grown);
        if (!grown)
            return -1;
        ui->nodes = grown;
        ui->cap_nodes = cap;
    }
    area *a = md_ui_cur_area(ui);
    md_ui_rect vis = md_ui_intersect(md_ui_intersect(r, a->clip), md_ui_screen(ui));
    int in_dialog = ui->dialog_open;
    /* Widgets scrolled out of view stay in the focus order, so a keypad reaches them. */
    int live =
        enabled && (!ui->modal_prev || in_dialog) && ((vis.w > 0 && vis.h > 0) || a->scroll >= 0);
    md_ui_node *n = &ui->nodes[ui->n_nodes];
    n->role = role;
    if (ui->next_msgid && label && label[0]) { /* recorded explicitly for this label */
        n->msgid = ui->next_msgid;
        n->msgctxt = ui->next_msgctxt;
        ui->next_msgid = ui->next_msgctxt = NULL;
    } else {
        const msgid_note *note = note_of(ui, label);
        n->msgid = note ? note->msgid : NULL;
        n->msgctxt = note ? note->msgctxt : NULL;
    }
    n->font_px = 0;
    n->max_lines = 0;
    n->text_w = 0;
    n->fg = 0;
    n->truncated = 0;
    n->icon_px = -1;
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
    area *a = md_ui_cur_area(ui);
    md_ui_rect vis = md_ui_intersect(n->rect, a->clip);
    if (n->focus_index == ui->focus) {
        if (a->scroll >= 0 && ui->focus_moved) {
            ui->focus_scroll = a->scroll;
            ui->focus_content_y = n->rect.y - a->r.y + (int)ui->scrolls[a->scroll].off_px;
            ui->focus_h = n->rect.h;
        }
    }
    if (ui->click_pending && md_ui_contains(vis, ui->click_x, ui->click_y)) {
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
    return n->focusable && md_ui_contains(n->rect, ui->cur_x, ui->cur_y);
}

static void draw_focus(md_ui *ui, int node)
{
    if (node < 0 || !ui->focus_visible || ui->nodes[node].focus_index != ui->focus || ui->focus < 0)
        return;
    int t = (int)(1.2 * ui->theme.px_per_mm) + 2;
    md_ui_rect r = ui->nodes[node].rect;
    r.x -= t + 2;
    r.y -= t + 2;
    r.w += 2 * (t + 2);
    r.h += 2 * (t + 2);
    md_ui_push_cmd(ui, (cmd){.type = CMD_RING,
                             .r = r,
                             .rgba = ui->theme.focus,
                             .radius = ui->theme.radius_px + t,
                             .thickness = t});
}

/* ---------------------------------------------------------------- widgets */

static md_ui_rect place(md_ui *ui, const md_ui_opts *o, int h, int w)
{
    if (o && o->at)
        return md_ui_mirror(ui, *o->at);
    return md_ui_slot_commit(ui, h, w);
}

void md_ui_heading(md_ui *ui, const char *text, const md_ui_opts *o)
{
    int size = o && o->text_px ? o->text_px : ui->theme.text_px[MD_TEXT_HEADING];
    const char *lang = o && o->lang ? o->lang : NULL;
    int w = o && o->at ? o->at->w : md_ui_slot_width(ui);
    text_box tb = measure(ui, text, lang, size, w, 0, MD_TEXT_ALIGN_START, 1);
    md_ui_rect r = place(ui, o, tb.h, w);
    node_text(ui, add_node(ui, MD_UI_ROLE_HEADING, text, lang, r, 0, 1), &tb);
    draw_text(ui, &tb, r.x, r.y + (r.h - tb.h) / 2, ui->theme.fg);
}

void md_ui_text(md_ui *ui, const char *text, md_text_role role, const md_ui_opts *o)
{
    if (role < MD_TEXT_BODY || role > MD_TEXT_HEADING)
        role = MD_TEXT_BODY;
    int size = o && o->text_px ? o->text_px : ui->theme.text_px[role];
    const char *lang = o && o->lang ? o->lang : NULL;
    int w = o && o->at ? o->at->w : md_ui_slot_width(ui);
    md_text_align align = o && o->at ? MD_TEXT_ALIGN_CENTER : MD_TEXT_ALIGN_START;
    text_box tb = measure(ui, text, lang, size, w, 0, align, role == MD_TEXT_HEADING);
    md_ui_rect r = place(ui, o, tb.h, w);
    node_text(ui,
              add_node(ui, role == MD_TEXT_HEADING ? MD_UI_ROLE_HEADING : MD_UI_ROLE_TEXT, text,
                       lang, r, 0, 1),
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
    /* A hairline border separates white from the ground; in high contrast every surface has a
     * thick outline, so its shape, not its colour, tells it is pressable. */
    int b = ui->theme.border_px > 0 ? ui->theme.border_px : 2;
    if (tone == MD_TONE_NORMAL || ui->theme.high_contrast)
        md_ui_draw_fill(ui, (md_ui_rect){r.x - b, r.y - b, r.w + 2 * b, r.h + 2 * b},
                        ui->theme.border, ui->theme.radius_px + b);
    md_ui_draw_fill(ui, r, is_pressed ? darken(bg) : bg, ui->theme.radius_px);
}

void md_ui_notice(md_ui *ui, const char *text, const md_ui_opts *o)
{
    md_ui_tone tone = o ? o->tone : MD_TONE_NORMAL;
    int pad = (int)(4 * ui->theme.px_per_mm);
    int w = o && o->at ? o->at->w : md_ui_slot_width(ui);
    text_box tb = measure(ui, text, o ? o->lang : NULL, ui->theme.text_px[MD_TEXT_LARGE],
                          w - 2 * pad, 0, MD_TEXT_ALIGN_START, 1);
    int h = tb.h + 2 * pad;
    if (h < ui->theme.target_px)
        h = ui->theme.target_px;
    md_ui_rect r = place(ui, o, h, w);
    node_text(ui, add_node(ui, MD_UI_ROLE_ALERT, text, o ? o->lang : NULL, r, 0, 1), &tb);
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
    int w = o && o->at ? o->at->w : md_ui_slot_width(ui);
    text_box tb =
        measure(ui, label, o ? o->lang : NULL, size, w - 2 * pad, 0, MD_TEXT_ALIGN_CENTER, 1);
    int h = tb.h + 2 * pad;
    return h < ui->theme.target_px ? ui->theme.target_px : h;
}

int md_ui_button_fit_height(md_ui *ui, const char *label, const md_ui_opts *o)
{
    if (!o || !o->at)
        return md_ui_button_height(ui, label, o);
    int size = o->text_px ? o->text_px : ui->theme.text_px[MD_TEXT_BODY];
    int pad = (int)(4 * ui->theme.px_per_mm);
    int w = o->at->w - 2 * pad;
    text_box tb = measure_fit(ui, label, o->lang, size, w, 1, o->at->h - 4, 1);
    if (!tb_truncated(&tb) && tb.h <= o->at->h - 4)
        return o->at->h;
    /* Two lines at the floor, in a taller rectangle (tall scripts need the height). */
    text_box two =
        measure(ui, label, o->lang, ui->theme.min_text_px, w, 2, MD_TEXT_ALIGN_CENTER, 1);
    if (tb_truncated(&two))
        return o->at->h; /* a word wider than the rectangle: height does not help */
    return two.h + 4 > o->at->h ? two.h + 4 : o->at->h;
}

int md_ui_button_fit_width(md_ui *ui, const char *label, const md_ui_opts *o, int max_w)
{
    if (!o || !o->at)
        return 0;
    int pad = (int)(4 * ui->theme.px_per_mm);
    int lo = o->at->w, hi = max_w;
    text_box tb = measure(ui, label, o->lang, ui->theme.min_text_px, lo - 2 * pad, 2,
                          MD_TEXT_ALIGN_CENTER, 1);
    if (!tb_truncated(&tb) || hi <= lo)
        return lo;
    tb = measure(ui, label, o->lang, ui->theme.min_text_px, hi - 2 * pad, 2, MD_TEXT_ALIGN_CENTER,
                 1);
    if (tb_truncated(&tb))
        return hi;
    while (hi - lo > 8) { /* lo is cut, hi fits: a few layouts, each cached */
        int mid = lo + (hi - lo) / 2;
        tb = measure(ui, label, o->lang, ui->theme.min_text_px, mid - 2 * pad, 2,
                     MD_TEXT_ALIGN_CENTER, 1);
        if (tb_truncated(&tb))
            lo = mid;
        else
            hi = mid;
    }
    return hi;
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
    int w = o && o->at ? o->at->w : md_ui_slot_width(ui);
    text_box tb =
        o && o->at
            ? measure_fit(ui, label, o->lang, size, w - 2 * pad, 1, o->at->h - 4, 1)
            : measure(ui, label, o ? o->lang : NULL, size, w - 2 * pad, 0, MD_TEXT_ALIGN_CENTER, 1);
    /* The whole label, in as many lines as it takes; in columns, a word wider than the column or
     * more than two lines asks for fewer, wider columns. */
    if (!(o && o->at) && (tb_truncated(&tb) || tb.lines > 2))
        md_ui_columns_crowded(ui);
    int h = tb.h + 2 * pad;
    if (h < ui->theme.target_px)
        h = ui->theme.target_px;
    if (o && o->min_h > h)
        h = o->min_h;
    md_ui_rect r = place(ui, o, h, w);
    uint32_t fg = 0;
    int hit = 0;
    int node = pressable(ui, MD_UI_ROLE_BUTTON, label, o, r, &tb, &hit, &fg);
    draw_text(ui, &tb, r.x + (r.w - tb.w) / 2, r.y + (r.h - tb.h) / 2, fg);
    draw_focus(ui, node);
    return hit;
}

int md_ui_tile(md_ui *ui, const char *label, const md_ui_opts *o)
{
    md_ui_tone tone = o ? o->tone : MD_TONE_NORMAL;
    int enabled = !(o && o->disabled);
    int w = o && o->at ? o->at->w : md_ui_slot_width(ui);
    int pad = (int)(4 * ui->theme.px_per_mm);
    int h = w * 3 / 4;
    int max_h = (int)(60 * ui->theme.px_per_mm);
    if (h > max_h)
        h = max_h;
    if (h < ui->theme.target_px)
        h = ui->theme.target_px;
    int size = ui->theme.text_px[MD_TEXT_LARGE];
    /* The whole label (no line limit) and an icon of at least icon_min_px: the tile grows taller
     * for them; a word wider than the column or more than three lines asks for fewer columns. */
    text_box tb =
        measure(ui, label, o ? o->lang : NULL, size, w - 2 * pad, 0, MD_TEXT_ALIGN_CENTER, 1);
    if (tb_truncated(&tb) || tb.lines > 3)
        md_ui_columns_crowded(ui);
    text_box sub = {NULL, 0, 0, 0, 0, 0, 0, 0};
    if (o && o->sublabel)
        sub = measure(ui, o->sublabel, o->lang, ui->theme.text_px[MD_TEXT_SMALL], w - 2 * pad, 0,
                      MD_TEXT_ALIGN_CENTER, 0);
    int icon_slot = o && o->icon ? md_ui_image_slot(ui, o->icon) : -1;
    int icon_side = 0;
    if (icon_slot >= 0 && !ui->images[icon_slot].failed) {
        int min_icon = ui->theme.icon_min_px;
        if (h < tb.h + sub.h + min_icon + 3 * pad)
            h = tb.h + sub.h + min_icon + 3 * pad;
        icon_side = h - tb.h - sub.h - 3 * pad;
        if (icon_side > (int)(24 * ui->theme.px_per_mm))
            icon_side = (int)(24 * ui->theme.px_per_mm);
    }
    int need = tb.h + sub.h + icon_side + 3 * pad;
    if (h < need)
        h = need;
    md_ui_rect r = place(ui, o, h, w);
    uint32_t fg = 0;
    int hit = 0;
    int node = pressable(ui, MD_UI_ROLE_TILE, label, o, r, &tb, &hit, &fg);
    if (node >= 0 && o && o->icon)
        ui->nodes[node].icon_px = icon_side;
    int content_h = tb.h + sub.h + (icon_side ? icon_side + pad : 0);
    int y = r.y + (r.h - content_h) / 2;
    if (icon_side) {
        md_ui_push_cmd(ui, (cmd){.type = CMD_IMAGE,
                                 .r = {r.x + (r.w - icon_side) / 2, y, icon_side, icon_side},
                                 .index = icon_slot});
        y += icon_side + pad;
    } else {
        /* An accent bar on the start edge instead of an icon. */
        md_ui_rect bar = {r.x + pad / 2, r.y + pad, (int)(2 * ui->theme.px_per_mm), r.h - 2 * pad};
        if (ui->rtl)
            bar.x = r.x + r.w - bar.w - pad / 2;
        if (tone == MD_TONE_NORMAL)
            md_ui_draw_fill(ui, bar, ui->theme.primary, bar.w / 2);
    }
    draw_text(ui, &tb, r.x + (r.w - tb.w) / 2, y, fg);
    if (sub.layout) {
        draw_text(ui, &sub, r.x + (r.w - sub.w) / 2, y + tb.h, enabled ? fg : ui->theme.muted);
        /* The second line is in the tree too ("Temporarily unavailable" on a quarantined tile). */
        md_ui_rect sr = {r.x + (r.w - sub.w) / 2, y + tb.h, sub.w, sub.h};
        node_text(ui, add_node(ui, MD_UI_ROLE_TEXT, o->sublabel, o->lang, sr, 0, 1), &sub);
    }
    draw_focus(ui, node);
    return hit;
}

int md_ui_list_item(md_ui *ui, const char *primary, const char *secondary)
{
    int pad = (int)(4 * ui->theme.px_per_mm);
    int w = md_ui_slot_width(ui);
    /* Rows grow to show both lines whole. */
    text_box a = measure(ui, primary, NULL, ui->theme.text_px[MD_TEXT_BODY], w - 2 * pad, 0,
                         MD_TEXT_ALIGN_START, 1);
    text_box b = {NULL, 0, 0, 0, 0, 0, 0, 0};
    if (secondary && secondary[0])
        b = measure(ui, secondary, NULL, ui->theme.text_px[MD_TEXT_SMALL], w - 2 * pad, 0,
                    MD_TEXT_ALIGN_START, 0);
    int h = a.h + b.h + 2 * pad;
    if (h < ui->theme.target_px)
        h = ui->theme.target_px;
    md_ui_rect r = md_ui_slot_commit(ui, h, w);
    int node = add_node(ui, MD_UI_ROLE_LIST_ITEM, primary, NULL, r, 1, 1);
    node_text(ui, node, &a);
    int hit = interact(ui, node);
    draw_surface(ui, r, ui->theme.surface, pressed(ui, node), MD_TONE_NORMAL);
    int y = r.y + (r.h - a.h - b.h) / 2;
    draw_text(ui, &a, r.x + pad, y, ui->theme.fg);
    if (b.layout)
        draw_text(ui, &b, r.x + pad, y + a.h, ui->theme.muted);
    if (secondary && secondary[0]) /* the secondary line is part of what a reader hears */
    {
        int sn = add_node(ui, MD_UI_ROLE_TEXT, secondary, NULL,
                          (md_ui_rect){r.x + pad, y + a.h, b.w, b.h}, 0, 1);
        node_text(ui, sn, &b);
        if (sn >= 0)
            ui->nodes[sn].fg = ui->theme.muted;
    }
    draw_focus(ui, node);
    return hit;
}

void md_ui_image(md_ui *ui, const char *path, int width_px)
{
    int slot = path ? md_ui_image_slot(ui, path) : -1;
    int w = md_ui_slot_width(ui);
    if (width_px > 0 && width_px < w)
        w = width_px;
    int h = (int)(20 * ui->theme.px_per_mm);
    if (slot >= 0 && !ui->images[slot].failed && ui->images[slot].w > 0)
        h = (int)((long)w * ui->images[slot].h / ui->images[slot].w);
    md_ui_rect r = md_ui_slot_commit(ui, h, w);
    add_node(ui, MD_UI_ROLE_IMAGE, "", NULL, r, 0, 1);
    if (slot >= 0 && !ui->images[slot].failed)
        md_ui_push_cmd(ui, (cmd){.type = CMD_IMAGE, .r = r, .index = slot});
    else
        md_ui_draw_fill(ui, r, ui->theme.border, ui->theme.radius_px);
}

void md_ui_qr(md_ui *ui, const char *data, int size_px, const char *caption)
{
    int slot = md_ui_qr_slot(ui, data);
    int w = md_ui_slot_width(ui);
    if (size_px <= 0 || size_px > w)
        size_px = w < (int)(40 * ui->theme.px_per_mm) ? w : (int)(40 * ui->theme.px_per_mm);
    text_box cap =
        measure(ui, caption, NULL, ui->theme.text_px[MD_TEXT_SMALL], w, 3, MD_TEXT_ALIGN_START, 0);
    md_ui_rect r = md_ui_slot_commit(ui, size_px + (cap.h ? cap.h + ui->theme.gap_px / 2 : 0), w);
    md_ui_rect q = {r.x, r.y, size_px, size_px};
    if (ui->rtl)
        q.x = r.x + r.w - size_px;
    node_text(ui, add_node(ui, MD_UI_ROLE_QR, caption ? caption : "", NULL, q, 0, 1), &cap);
    if (slot >= 0)
        md_ui_push_cmd(ui, (cmd){.type = CMD_QR, .r = q, .index = slot});
    if (cap.layout)
        draw_text(ui, &cap, ui->rtl ? r.x + r.w - cap.w : r.x, r.y + size_px + ui->theme.gap_px / 2,
                  ui->theme.muted);
}

int md_ui_keypad(md_ui *ui, const char *label, char *buf, size_t cap, const char *delete_label,
                 const char *ok_label)
{
    return md_ui_keypad_masked(ui, label, buf, cap, delete_label, ok_label, 0);
}

int md_ui_keypad_masked(md_ui *ui, const char *label, char *buf, size_t cap,
                        const char *delete_label, const char *ok_label, int masked)
{
    const md_ui_theme *t = &ui->theme;
    int key = t->target_px + (int)(2 * t->px_per_mm); /* key width */
    int key_h = key;
    int gap = t->gap_px / 2;
    /* Keys wide enough for the delete and OK labels on one line at the smallest legible size
     * (4.8 mm capitals), so they are neither shrunk below it nor broken inside a word. */
    for (int i = 0; i < 2; i++) {
        const char *lab_s =
            i ? (ok_label ? ok_label : "OK") : (delete_label ? delete_label : "Delete");
        text_box kb =
            measure(ui, lab_s, NULL, t->text_px[MD_TEXT_SMALL], 0, 1, MD_TEXT_ALIGN_CENTER, 1);
        int need = kb.w + (int)(8 * t->px_per_mm) + 2;
        if (need > key)
            key = need;
    }
    int w = 3 * key + 2 * gap;
    int avail = md_ui_slot_width(ui);
    if (w > avail) {
        key = (avail - 2 * gap) / 3;
        if (key_h > key && key >= t->target_px)
            key_h = key;
        w = avail;
    }
    int pad = (int)(3 * t->px_per_mm);
    text_box lab = measure(ui, label, NULL, t->text_px[MD_TEXT_BODY], w, 2, MD_TEXT_ALIGN_START, 1);
    /* An empty value is measured as "0" for its height and not drawn. */
    int empty = !buf || !buf[0];
    /* Masked (a PIN): one dot per digit; the digits never reach the screen or the tree. */
    char dots[3 * 32 + 1];
    size_t n_dots = empty ? 0 : strlen(buf);
    if (n_dots > 32)
        n_dots = 32;
    for (size_t i = 0; i < n_dots; i++)
        memcpy(dots + 3 * i, "\xe2\x80\xa2", 3); /* U+2022 BULLET */
    dots[3 * n_dots] = '\0';
    const char *shown = masked ? dots : buf;
    text_box val = measure(ui, empty ? "0" : shown, "en", t->text_px[MD_TEXT_LARGE], 0, 1,
                           MD_TEXT_ALIGN_START, 1);
    /* A long value (a 20-digit progress code) steps down in size until it fits the display. */
    for (int px = t->text_px[MD_TEXT_LARGE] * 7 / 8; !empty && val.w > w - 2 * pad && px >= 8;
         px = px * 7 / 8)
        val = measure(ui, shown, "en", px, 0, 1, MD_TEXT_ALIGN_START, 1);
    int display_h = val.h + 2 * pad;
    if (display_h < t->target_px * 3 / 4)
        display_h = t->target_px * 3 / 4;
    int h = lab.h + gap + display_h + gap + 4 * key_h + 3 * gap;
    md_ui_rect r = md_ui_slot_commit(ui, h, w);
    node_text(ui, add_node(ui, MD_UI_ROLE_KEYPAD, label, NULL, r, 0, 1), &lab);
    draw_text(ui, &lab, r.x + (ui->rtl ? r.w - lab.w : 0), r.y, t->fg);
    md_ui_rect d = {r.x, r.y + lab.h + gap, w, display_h};
    md_ui_draw_fill(ui, (md_ui_rect){d.x - 2, d.y - 2, d.w + 4, d.h + 4}, t->fg, t->radius_px);
    md_ui_draw_fill(ui, d, t->surface, t->radius_px);
    /* Digits read left to right in every script we serve, so the value and the key grid are not
     * mirrored; only the block's position follows the reading direction. */
    if (!empty)
        draw_text(ui, &val, d.x + pad, d.y + (d.h - val.h) / 2, t->fg);
    int ok = 0;
    size_t len = buf ? strlen(buf) : 0;
    static const char *const keys[12] = {"1", "2", "3", "4",  "5", "6",
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
        md_ui_rect kr = {r.x + (i % 3) * (key + gap), y0 + (i / 3) * (key_h + gap), key, key_h};
        /* kr is already on screen: un-mirror it so md_ui_button's mirror puts it back. */
        md_ui_rect logical = kr;
        if (saved_rtl)
            logical.x = ui->width - kr.x - kr.w;
        int disabled = (i == 9 && len == 0) || (i != 9 && i != 11 && len + 1 >= cap);
        md_ui_opts o = {.tone = tone,
                        .at = &logical,
                        .disabled = disabled,
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
    md_ui_rect all = {0, 0, ui->width, ui->origin_y + ui->height};
    md_ui_push_cmd(ui, (cmd){.type = CMD_FILL, .r = all, .rgba = t->scrim, .clip = all});
    int w = ui->width * 7 / 10;
    int max_w = (int)(220 * t->px_per_mm);
    if (w > max_w)
        w = max_w;
    int pad = (int)(8 * t->px_per_mm);
    int h = ui->dialog_h_prev + 2 * pad;
    if (h > ui->height - 2 * t->margin_px)
        h = ui->height - 2 * t->margin_px;
    ui->dialog_r = (md_ui_rect){(ui->width - w) / 2, (ui->height - h) / 2, w, h};
    md_ui_rect on_screen = md_ui_mirror(ui, ui->dialog_r);
    if (t->high_contrast) { /* black on black: the outline shows where the dialog is */
        int b = t->border_px;
        md_ui_push_cmd(ui, (cmd){.type = CMD_FILL,
                                 .r = {on_screen.x - b, on_screen.y - b, on_screen.w + 2 * b,
                                       on_screen.h + 2 * b},
                                 .rgba = t->border,
                                 .radius = t->radius_px * 2 + b,
                                 .clip = all});
    }
    md_ui_push_cmd(ui, (cmd){.type = CMD_FILL,
                             .r = on_screen,
                             .rgba = t->surface,
                             .radius = t->radius_px * 2,
                             .clip = all});
    md_ui_rect inner = {ui->dialog_r.x + pad, ui->dialog_r.y + pad, w - 2 * pad, h - 2 * pad};
    md_ui_area_begin(ui, inner, 0x7fff0000);
    md_ui_cur_area(ui)->dialog = 1;
    if (title && title[0])
        md_ui_heading(ui, title, NULL);
}

void md_ui_dialog_end(md_ui *ui)
{
    if (!ui->dialog_open)
        return;
    area *a = md_ui_cur_area(ui);
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
    int w = md_ui_slot_width(ui);
    int gap = ui->theme.gap_px;
    text_box tb = measure(ui, label, NULL, ui->theme.text_px[MD_TEXT_BODY], w - side - gap, 2,
                          MD_TEXT_ALIGN_START, 0);
    int h = tb.h > side ? tb.h : side;
    md_ui_rect r = md_ui_slot_commit(ui, h, w);
    node_text(ui, add_node(ui, MD_UI_ROLE_BUSY, label, NULL, r, 0, 1), &tb);
    md_ui_rect s = {ui->rtl ? r.x + r.w - side : r.x, r.y + (h - side) / 2, side, side};
    md_ui_push_cmd(ui, (cmd){.type = CMD_SPINNER,
                             .r = s,
                             .rgba = ui->theme.primary,
                             .index = (int)((ui->now_ms / 100) % 8)});
    int tx = ui->rtl ? r.x + r.w - side - gap - tb.w : r.x + side + gap;
    draw_text(ui, &tb, tx, r.y + (h - tb.h) / 2, ui->theme.fg);
    ui->wants_frame = 1; /* the spinner turns */
}

void md_ui_space(md_ui *ui, int px)
{
    if (px <= 0)
        return;
    area *a = md_ui_cur_area(ui);
    if (a->n_cols > 1)
        md_ui_columns_end(ui);
    a->cursor_y += px;
}

/* ---------------------------------------------------------------- drawing */

static uint32_t shape_color(const md_ui *ui, md_ui_tone tone)
{
    switch (tone) {
    case MD_TONE_PRIMARY:
        return ui->theme.primary;
    case MD_TONE_DANGER:
        return ui->theme.danger;
    default:
        return ui->theme.fg;
    }
}

void md_ui_drawing(md_ui *ui, const char *label, const md_shape *shapes, int n_shapes,
                   int height_px)
{
    const md_ui_theme *t = &ui->theme;
    int slot_w = md_ui_slot_width(ui);
    /* Always twice as wide as tall, so plugins know their geometry: height_px tall (at most half
     * the slot's width), centred. */
    int w = height_px > 0 && 2 * height_px < slot_w ? 2 * height_px : slot_w;
    md_ui_rect slot = md_ui_slot_commit(ui, w / 2, slot_w);
    md_ui_rect r = {slot.x + (slot_w - w) / 2, slot.y, w, w / 2};
    add_node(ui, MD_UI_ROLE_IMAGE, label ? label : "", NULL, r, 0, 1);
    md_ui_draw_fill(ui, r, t->surface, t->radius_px);
    /* Shapes keep a margin inside the frame so dots and labels at the edges stay whole. */
    int pad = (int)(4 * t->px_per_mm);
    md_ui_rect in = {r.x + pad, r.y + pad, r.w - 2 * pad, r.h - 2 * pad};
    if (in.w < 1 || in.h < 1)
        return;
#define SX(v) (ui->rtl ? in.x + in.w - (int)((v)*in.w) : in.x + (int)((v)*in.w))
#define SY(v) (in.y + (int)((v)*in.h))
    for (int i = 0; shapes && i < n_shapes; i++) {
        const md_shape *s = &shapes[i];
        float x0 = s->x0 < 0   ? 0
                   : s->x0 > 1 ? 1
                               : s->x0,
              y0 = s->y0 < 0   ? 0
                   : s->y0 > 1 ? 1
                               : s->y0;
        float x1 = s->x1 < 0   ? 0
                   : s->x1 > 1 ? 1
                               : s->x1,
              y1 = s->y1 < 0   ? 0
                   : s->y1 > 1 ? 1
                               : s->y1;
        int size_px = (int)(s->size_mm * t->px_per_mm);
        if (size_px < 1)
            size_px = 1;
        if (size_px > in.h / 2)
            size_px = in.h / 2;
        uint32_t rgba = shape_color(ui, s->tone);
        switch (s->kind) {
        case MD_SHAPE_LINE:
            md_ui_push_cmd(ui, (cmd){.type = CMD_LINE,
                                     .r = {SX(x0), SY(y0), SX(x1), SY(y1)},
                                     .rgba = rgba,
                                     .thickness = size_px});
            break;
        case MD_SHAPE_DOT:
        case MD_SHAPE_RING: {
            md_ui_rect d = {SX(x0) - size_px / 2, SY(y0) - size_px / 2, size_px, size_px};
            if (s->kind == MD_SHAPE_DOT) {
                md_ui_draw_fill(ui, d, rgba, size_px / 2);
            } else {
                md_ui_draw_fill(ui, d, t->surface, size_px / 2);
                md_ui_push_cmd(ui, (cmd){.type = CMD_RING,
                                         .r = d,
                                         .rgba = rgba,
                                         .radius = size_px / 2,
                                         .thickness = size_px / 4 > 1 ? size_px / 4 : 2});
            }
            break;
        }
        case MD_SHAPE_LABEL: {
            if (!s->text || !s->text[0])
                break;
            int max_w = in.w / 3;
            text_box tb = measure(ui, s->text, NULL, t->text_px[MD_TEXT_SMALL], max_w, 2,
                                  MD_TEXT_ALIGN_START, 0);
            /* The label's start edge sits at the point; it flips to the other side near the
             * far edge so it stays inside the drawing. */
            int px = SX(x0), py = SY(y0) - tb.h / 2;
            int x = ui->rtl ? px - tb.w : px;
            if (x + tb.w > r.x + r.w - pad / 2)
                x = px - tb.w;
            if (x < r.x + pad / 2)
                x = r.x + pad / 2;
            if (py < r.y)
                py = r.y;
            if (py + tb.h > r.y + r.h)
                py = r.y + r.h - tb.h;
            md_ui_rect lr = {x, py, tb.w, tb.h};
            md_ui_draw_fill(ui, (md_ui_rect){lr.x - 2, lr.y, lr.w + 4, lr.h}, t->surface, 2);
            node_text(ui, add_node(ui, MD_UI_ROLE_TEXT, s->text, NULL, lr, 0, 1), &tb);
            draw_text(ui, &tb, lr.x, lr.y, rgba == t->primary ? t->fg : rgba);
            break;
        }
        default:
            break;
        }
    }
#undef SX
#undef SY
}

/* ---------------------------------------------------------------- marks */

/* Relative luminance (WCAG) in 1/1000, of an sRGB colour 0xRRGGBB. */
static int luminance_milli(uint32_t rgb)
{
    double c[3] = {((rgb >> 16) & 255) / 255.0, ((rgb >> 8) & 255) / 255.0, (rgb & 255) / 255.0};
    for (int i = 0; i < 3; i++)
        c[i] = c[i] <= 0.03928 ? c[i] / 12.92 : pow((c[i] + 0.055) / 1.055, 2.4);
    return (int)(1000 * (0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]));
}

void md_ui_mark(md_ui *ui, const char *label, uint32_t background_rgb, const md_ui_opts *o)
{
    int pad = (int)(2 * ui->theme.px_per_mm);
    int w = o && o->at ? o->at->w : md_ui_slot_width(ui);
    int icon_slot = o && o->icon ? md_ui_image_slot(ui, o->icon) : -1;
    int icon_side = icon_slot >= 0 && !ui->images[icon_slot].failed
                        ? (int)(10 * ui->theme.px_per_mm * ui->theme.text_scale_pct / 100)
                        : 0;
    int text_w = w - 2 * pad - (icon_side ? icon_side + pad : 0);
    text_box tb = measure(ui, label, o ? o->lang : NULL, ui->theme.text_px[MD_TEXT_BODY], text_w, 0,
                          MD_TEXT_ALIGN_START, 1);
    int h = (tb.h > icon_side ? tb.h : icon_side) + 2 * pad;
    if (o && o->min_h > h)
        h = o->min_h;
    md_ui_rect r = place(ui, o, h, w);
    node_text(ui, add_node(ui, MD_UI_ROLE_TEXT, label, o ? o->lang : NULL, r, 0, 1), &tb);
    uint32_t bg = (background_rgb << 8) | 0xff, fg = 0x111111ff;
    /* White text on a dark colour: 0.179 is where black and white give the same contrast. */
    if (luminance_milli(background_rgb & 0xffffff) < 179)
        fg = 0xffffffff;
    int b = ui->theme.border_px > 0 ? ui->theme.border_px : 2;
    if (ui->theme.high_contrast) {
        bg = ui->theme.bg;
        fg = ui->theme.fg;
        b *= 2;
    }
    md_ui_draw_fill(ui, (md_ui_rect){r.x - b, r.y - b, r.w + 2 * b, r.h + 2 * b}, ui->theme.border,
                    ui->theme.radius_px + b);
    md_ui_draw_fill(ui, r, bg, ui->theme.radius_px);
    int x = r.x + pad;
    if (icon_side) {
        md_ui_rect ir = {ui->rtl ? r.x + r.w - pad - icon_side : x, r.y + (r.h - icon_side) / 2,
                         icon_side, icon_side};
        md_ui_push_cmd(ui, (cmd){.type = CMD_IMAGE, .r = ir, .index = icon_slot});
        x += icon_side + pad;
    }
    if (ui->rtl)
        x = r.x + r.w - pad - (icon_side ? icon_side + pad : 0) - tb.w;
    draw_text(ui, &tb, x, r.y + (r.h - tb.h) / 2, fg);
}
