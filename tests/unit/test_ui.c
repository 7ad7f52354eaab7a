/* Unit tests for runtime/ui: stacking layout, right-to-left mirroring, hit-testing, keypad focus
 * order and activation, msgids in the tree, modal dialogs, kinetic scrolling, the keypad widget
 * and the JSON tree. The UI runs without a text engine here (labels measure 0.55 em per byte). */
#include "base/base.h"
#include "check.h"
#include "ui/ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { W = 1000, H = 800 };

typedef struct screen_state {
    int hits[8];
    int n_buttons;
    int dialog;
    int columns;
    int tall;
    char digits[6];
    int keypad_ok;
} screen_state;

static md_ui_rect area(void)
{
    return (md_ui_rect){100, 50, 600, 700};
}

static void build(md_ui *ui, int rtl, uint64_t now_ms, screen_state *st)
{
    md_ui_begin_frame(ui, W, H, rtl ? "ur" : "en", rtl, now_ms);
    md_ui_area_begin(ui, area(), 1);
    if (st->columns)
        md_ui_columns_begin(ui, st->columns);
    for (int i = 0; i < st->n_buttons; i++) {
        char label[16];
        snprintf(label, sizeof label, "B%d", i);
        if (md_ui_button(ui, label, NULL))
            st->hits[i]++;
    }
    if (st->columns)
        md_ui_columns_end(ui);
    if (st->tall)
        md_ui_space(ui, 3000);
    if (st->digits[5] == 'k')
        st->keypad_ok += md_ui_keypad(ui, "PIN", st->digits, 5, "Delete", "OK");
    md_ui_area_end(ui);
    if (st->dialog) {
        md_ui_dialog_begin(ui, "Title");
        if (md_ui_button(ui, "Inside", NULL))
            st->hits[7]++;
        md_ui_dialog_end(ui);
    }
    md_ui_end_frame(ui);
}

static const md_ui_node *find(md_ui *ui, const char *label)
{
    for (int i = 0; i < md_ui_node_count(ui); i++)
        if (!strcmp(md_ui_node_at(ui, i)->label, label))
            return md_ui_node_at(ui, i);
    return NULL;
}

static md_ui *make(void)
{
    md_ui_theme t;
    md_ui_theme_default(&t, 4.0);
    return md_ui_create(NULL, &t);
}

static void test_stacking_and_targets(void)
{
    md_ui *ui = make();
    screen_state st = {.n_buttons = 3};
    build(ui, 0, 10, &st);
    const md_ui_theme *t = md_ui_theme_get(ui);
    CHECK_INT(t->target_px, 80);
    const md_ui_node *b0 = find(ui, "B0"), *b1 = find(ui, "B1");
    CHECK(b0 && b1);
    if (b0 && b1) {
        CHECK_INT(b0->rect.x, 100);
        CHECK_INT(b0->rect.y, 50);
        CHECK_INT(b0->rect.w, 600);
        CHECK(b0->rect.h >= t->target_px);
        CHECK_INT(b1->rect.y, b0->rect.y + b0->rect.h + t->gap_px);
        CHECK_STR(md_ui_role_name(b0->role), "button");
        CHECK_INT(b0->focusable, 1);
        CHECK_INT(b0->enabled, 1);
    }
    md_ui_destroy(ui);
}

static void test_rtl_mirrors_everything(void)
{
    md_ui *ui = make();
    screen_state st = {.n_buttons = 3, .columns = 3};
    build(ui, 0, 10, &st);
    md_ui_rect ltr[3];
    for (int i = 0; i < 3; i++) {
        char l[4] = {'B', (char)('0' + i), 0};
        ltr[i] = find(ui, l)->rect;
    }
    CHECK(ltr[0].x < ltr[1].x && ltr[1].x < ltr[2].x);
    CHECK_INT(ltr[0].y, ltr[2].y);
    build(ui, 1, 20, &st);
    for (int i = 0; i < 3; i++) {
        char l[4] = {'B', (char)('0' + i), 0};
        md_ui_rect r = find(ui, l)->rect;
        CHECK_INT(r.x, W - ltr[i].x - ltr[i].w);
        CHECK_INT(r.y, ltr[i].y);
        CHECK_INT(r.w, ltr[i].w);
    }
    /* Reading order starts at the right in RTL. */
    CHECK(find(ui, "B0")->rect.x > find(ui, "B2")->rect.x);
    md_ui_destroy(ui);
}

static void test_hit_and_click(void)
{
    md_ui *ui = make();
    screen_state st = {.n_buttons = 3};
    build(ui, 0, 10, &st);
    md_ui_rect r = find(ui, "B1")->rect;
    int cx = r.x + r.w / 2, cy = r.y + r.h / 2;
    CHECK(md_ui_hit(ui, cx, cy) >= 0);
    CHECK_STR(md_ui_node_at(ui, md_ui_hit(ui, cx, cy))->label, "B1");
    CHECK_INT(md_ui_hit(ui, 5, 5), -1);
    md_ui_pointer_down(ui, cx, cy, 20);
    md_ui_pointer_up(ui, cx, cy, 60);
    build(ui, 0, 60, &st);
    CHECK_INT(st.hits[1], 1);
    CHECK_INT(st.hits[0] + st.hits[2], 0);
    /* The click is consumed: the next frame does not activate again. */
    build(ui, 0, 70, &st);
    CHECK_INT(st.hits[1], 1);
    /* A tap outside every widget activates nothing. */
    md_ui_pointer_down(ui, 5, 5, 80);
    md_ui_pointer_up(ui, 5, 5, 90);
    build(ui, 0, 90, &st);
    CHECK_INT(st.hits[0] + st.hits[1] + st.hits[2], 1);
    md_ui_destroy(ui);
}

static void test_focus_order_and_activation(void)
{
    md_ui *ui = make();
    screen_state st = {.n_buttons = 3, .columns = 3};
    build(ui, 0, 10, &st);
    CHECK_INT(md_ui_focus(ui), -1);
    md_ui_key_press(ui, MD_UI_KEY_NEXT);
    build(ui, 0, 20, &st);
    CHECK_INT(md_ui_focus(ui), 0);
    CHECK_INT(find(ui, "B0")->focus_index, 0);
    CHECK_INT(find(ui, "B2")->focus_index, 2);
    md_ui_key_press(ui, MD_UI_KEY_RIGHT);
    build(ui, 0, 30, &st);
    CHECK_INT(md_ui_focus(ui), 1);
    md_ui_key_press(ui, MD_UI_KEY_ACTIVATE);
    build(ui, 0, 40, &st);
    CHECK_INT(st.hits[1], 1);
    /* Wraps around backwards. */
    md_ui_key_press(ui, MD_UI_KEY_PREV);
    md_ui_key_press(ui, MD_UI_KEY_PREV);
    build(ui, 0, 50, &st);
    CHECK_INT(md_ui_focus(ui), 2);
    /* In RTL the left arrow moves forward in reading order (which is leftwards on screen). */
    md_ui_reset_focus(ui);
    build(ui, 1, 60, &st);
    CHECK_INT(md_ui_focus(ui), 0); /* a new screen: focus on its first control */
    md_ui_key_press(ui, MD_UI_KEY_LEFT);
    build(ui, 1, 70, &st);
    CHECK_INT(md_ui_focus(ui), 1);
    CHECK(find(ui, "B1")->rect.x < find(ui, "B0")->rect.x);
    md_ui_destroy(ui);
}

static void test_msgid_in_tree(void)
{
    md_ui *ui = make();
    static const char translated[] = "Weiter";
    md_ui_begin_frame(ui, W, H, "de", 0, 1);
    md_ui_note_msgid(ui, translated, "Continue");
    md_ui_button(ui, translated, NULL);
    char copy[] = "Weiter";
    md_ui_button(ui, copy, NULL); /* same text, other pointer: not from a translation */
    md_ui_end_frame(ui);
    CHECK_INT(md_ui_node_count(ui), 2);
    CHECK_STR(md_ui_node_at(ui, 0)->msgid, "Continue");
    CHECK(md_ui_node_at(ui, 1)->msgid == NULL);
    CHECK_STR(md_ui_node_at(ui, 0)->lang, "de");

    /* Recorded explicitly: a label built around a translation keeps its msgid; the record is
     * taken by the next labelled node only, wins over a pointer note, and ends with the frame. */
    md_ui_begin_frame(ui, W, H, "de", 0, 2);
    char built[64];
    snprintf(built, sizeof built, "%s (3)", translated);
    md_ui_label_msgid(ui, "count", "Continue ({n})");
    md_ui_text(ui, built, MD_TEXT_BODY, NULL);
    md_ui_text(ui, "plain", MD_TEXT_BODY, NULL);
    md_ui_note_msgid(ui, translated, "Continue");
    md_ui_label_msgid(ui, NULL, "Go on");
    md_ui_button(ui, translated, NULL);
    md_ui_label_msgid(ui, NULL, "Left over");
    md_ui_end_frame(ui);
    CHECK_INT(md_ui_node_count(ui), 3);
    CHECK_STR(md_ui_node_at(ui, 0)->msgid, "Continue ({n})");
    CHECK_STR(md_ui_node_at(ui, 0)->msgctxt, "count");
    CHECK(md_ui_node_at(ui, 1)->msgid == NULL);
    CHECK_STR(md_ui_node_at(ui, 2)->msgid, "Go on");
    CHECK(md_ui_node_at(ui, 2)->msgctxt == NULL);
    md_ui_begin_frame(ui, W, H, "de", 0, 3);
    md_ui_text(ui, "next frame", MD_TEXT_BODY, NULL);
    md_ui_end_frame(ui);
    CHECK(md_ui_node_at(ui, 0)->msgid == NULL); /* "Left over" did not survive the frame */
    md_ui_destroy(ui);
}

static void test_dialog_is_modal(void)
{
    md_ui *ui = make();
    screen_state st = {.n_buttons = 2, .dialog = 1};
    build(ui, 0, 10, &st);
    build(ui, 0, 20, &st); /* the dialog is centred and modal from the second frame */
    const md_ui_node *b0 = find(ui, "B0"), *in = find(ui, "Inside");
    CHECK(b0 && in);
    CHECK_INT(b0->focusable, 0);
    CHECK_INT(in->focusable, 1);
    CHECK_INT(in->in_dialog, 1);
    CHECK_INT(in->focus_index, 0);
    md_ui_rect r = b0->rect;
    md_ui_pointer_down(ui, r.x + 5, r.y + 5, 30);
    md_ui_pointer_up(ui, r.x + 5, r.y + 5, 40);
    build(ui, 0, 40, &st);
    CHECK_INT(st.hits[0], 0);
    md_ui_rect d = find(ui, "Inside")->rect;
    CHECK(d.x + d.w / 2 > W / 2 - 50 && d.x + d.w / 2 < W / 2 + 50); /* centred */
    md_ui_pointer_down(ui, d.x + d.w / 2, d.y + d.h / 2, 50);
    md_ui_pointer_up(ui, d.x + d.w / 2, d.y + d.h / 2, 60);
    build(ui, 0, 60, &st);
    CHECK_INT(st.hits[7], 1);
    md_ui_destroy(ui);
}

static void test_kinetic_scroll(void)
{
    md_ui *ui = make();
    screen_state st = {.n_buttons = 4, .tall = 1};
    build(ui, 0, 10, &st);
    build(ui, 0, 20, &st);
    int y0 = find(ui, "B0")->rect.y;
    /* A fast upward flick: 300 px in 100 ms. */
    md_ui_pointer_down(ui, 400, 600, 100);
    for (int i = 1; i <= 5; i++) {
        md_ui_pointer_move(ui, 400, 600 - 60 * i, 100 + 20 * (uint64_t)i);
        build(ui, 0, 100 + 20 * (uint64_t)i, &st);
    }
    md_ui_pointer_up(ui, 400, 300, 200);
    build(ui, 0, 200, &st);
    int y_release = find(ui, "B0")->rect.y;
    CHECK_INT(y_release, y0 - 300);
    CHECK_INT(st.hits[0] + st.hits[1] + st.hits[2] + st.hits[3], 0); /* a drag is not a tap */
    CHECK_INT(md_ui_wants_frame(ui), 1);
    uint64_t t = 200;
    int prev = y_release, moved = 0;
    for (int i = 0; i < 200 && md_ui_wants_frame(ui); i++) {
        t += 16;
        build(ui, 0, t, &st);
        int y = find(ui, "B0")->rect.y;
        CHECK(y <= prev); /* keeps going the same way */
        moved += prev - y;
        prev = y;
    }
    CHECK(moved > 300);                  /* the fling carried on after release */
    CHECK_INT(md_ui_wants_frame(ui), 0); /* and came to rest */
    /* Dragging far past the end clamps at the content's end. */
    md_ui_pointer_down(ui, 400, 700, t + 1000);
    md_ui_pointer_move(ui, 400, 60, t + 1500);
    md_ui_pointer_up(ui, 400, 60, t + 2000);
    for (int i = 0; i < 40; i++)
        build(ui, 0, t + 2000 + 16 * (uint64_t)i, &st);
    md_ui_pointer_down(ui, 400, 700, t + 3000);
    md_ui_pointer_move(ui, 400, 60, t + 3500);
    md_ui_pointer_up(ui, 400, 60, t + 4000);
    for (int i = 0; i < 40; i++)
        build(ui, 0, t + 4000 + 16 * (uint64_t)i, &st);
    for (int i = 0; i < 20; i++) {
        md_ui_pointer_down(ui, 400, 700, t + 5000 + 1000 * (uint64_t)i);
        md_ui_pointer_move(ui, 400, 60, t + 5500 + 1000 * (uint64_t)i);
        md_ui_pointer_up(ui, 400, 60, t + 5900 + 1000 * (uint64_t)i);
        build(ui, 0, t + 5900 + 1000 * (uint64_t)i, &st);
    }
    /* Content: four buttons with three gaps between them, then the 3000 px space after a gap. */
    int content_h = 4 * find(ui, "B0")->rect.h + 4 * md_ui_theme_get(ui)->gap_px + 3000 -
                    md_ui_theme_get(ui)->gap_px;
    CHECK_INT(find(ui, "B0")->rect.y, y0 - (content_h - area().h));
    CHECK_INT(find(ui, "B0")->visible, 0);
    md_ui_destroy(ui);
}

static void test_keypad(void)
{
    md_ui *ui = make();
    screen_state st = {.n_buttons = 0};
    st.digits[5] = 'k';
    build(ui, 1, 10, &st); /* RTL: digits still read 1 2 3 left to right */
    CHECK(find(ui, "1")->rect.x < find(ui, "2")->rect.x);
    const char *seq[] = {"4", "2", "Delete", "7", "OK"};
    for (int i = 0; i < 5; i++) {
        md_ui_rect r = find(ui, seq[i])->rect;
        md_ui_pointer_down(ui, r.x + 2, r.y + 2, 20 + 20 * (uint64_t)i);
        md_ui_pointer_up(ui, r.x + 2, r.y + 2, 30 + 20 * (uint64_t)i);
        build(ui, 1, 30 + 20 * (uint64_t)i, &st);
    }
    CHECK_STR(st.digits, "47");
    CHECK_INT(st.keypad_ok, 1);
    CHECK_STR(md_ui_role_name(md_ui_node_at(ui, 0)->role), "keypad");
    md_ui_destroy(ui);
}

static void test_tree_json(void)
{
    md_ui *ui = make();
    md_ui_begin_frame(ui, W, H, "en", 0, 1);
    md_ui_heading(ui, "Say \"hi\"", NULL);
    md_ui_button(ui, "Go", NULL);
    static const char book[] = "Buchen";
    md_ui_note_msgid_ctx(ui, book, "verb", "Book");
    md_ui_button(ui, book, NULL);
    md_ui_end_frame(ui);
    char path[] = "/tmp/md_test_treeXXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    if (fd >= 0)
        close(fd);
    {
        CHECK_INT(md_ui_write_tree_json(ui, path), 0);
        char *text = md_read_file(path, NULL);
        CHECK(text != NULL);
        if (text) {
            CHECK(strstr(text, "\"role\": \"heading\", \"label\": \"Say \\\"hi\\\"\"") != NULL);
            CHECK(strstr(text, "\"role\": \"button\", \"label\": \"Go\", \"msgid\": null") != NULL);
            CHECK(strstr(text, "\"rect\": {\"x\": 0, \"y\": ") != NULL);
            CHECK(strstr(text, "\"focusable\": true, \"enabled\": true") != NULL);
            CHECK(strstr(text, "\"msgctxt\": \"verb\"") != NULL);
            /* A button's label wraps inside the button, less its padding: text_w says how wide. */
            const char *tw = strstr(text, "\"font_px\": 30, \"max_lines\": 0, \"text_w\": ");
            CHECK(tw != NULL);
            CHECK(strstr(text, "\"truncated\": false") != NULL);
            if (tw) {
                int text_w = atoi(tw + strlen("\"font_px\": 30, \"max_lines\": 0, \"text_w\": "));
                CHECK(text_w > 0);
                CHECK(text_w < W);
            }
            CHECK(text[0] == '[');
        }
        md_free(text);
    }
    remove(path);
    md_ui_destroy(ui);
}

/* Every control of every kind is at least 20 mm tall and wide. */
/* A notice is a full-width alert band: in the tree as role "alert", not focusable (a keypad user
 * is not stopped on it), tall enough to read from a step away, and not activated by a tap. */
static void test_notice_is_an_alert(void)
{
    md_ui *ui = make();
    md_ui_opts danger = {.tone = MD_TONE_DANGER};
    md_ui_begin_frame(ui, W, H, "en", 0, 1);
    md_ui_notice(ui, "Call 119 now.", &danger);
    int pressed = md_ui_button(ui, "Next", NULL);
    md_ui_end_frame(ui);
    const md_ui_node *n = find(ui, "Call 119 now.");
    CHECK(n != NULL);
    if (n) {
        CHECK_INT(n->role, MD_UI_ROLE_ALERT);
        CHECK_STR(md_ui_role_name(n->role), "alert");
        CHECK_INT(n->focusable, 0);
        CHECK(n->rect.h >= md_ui_theme_get(ui)->target_px);
        CHECK(n->text_w > 0 && n->text_w < n->rect.w);
        const md_ui_node *b = find(ui, "Next");
        CHECK(b != NULL);
        if (b)
            CHECK_INT(n->rect.w, b->rect.w); /* as wide as the column */
    }
    CHECK_INT(pressed, 0);
    md_ui_destroy(ui);
}

static void test_touch_targets(void)
{
    md_ui *ui = make();
    char digits[8] = "";
    md_ui_begin_frame(ui, W, H, "en", 0, 1);
    md_ui_area_begin(ui, area(), 1);
    md_ui_button(ui, "B", NULL);
    md_ui_columns_begin(ui, 2);
    md_ui_tile(ui, "T", NULL);
    md_ui_tile(ui, "U", NULL);
    md_ui_columns_end(ui);
    md_ui_list_item(ui, "L", NULL);
    md_ui_keypad(ui, "K", digits, sizeof digits, "Delete", "OK");
    md_ui_area_end(ui);
    md_ui_end_frame(ui);
    int target = md_ui_theme_get(ui)->target_px, n_checked = 0;
    for (int i = 0; i < md_ui_node_count(ui); i++) {
        const md_ui_node *n = md_ui_node_at(ui, i);
        if (n->role != MD_UI_ROLE_BUTTON && n->role != MD_UI_ROLE_TILE &&
            n->role != MD_UI_ROLE_LIST_ITEM)
            continue;
        n_checked++;
        if (n->rect.w < target || n->rect.h < target)
            fprintf(stderr, "  %s \"%s\" is %dx%d\n", md_ui_role_name(n->role), n->label, n->rect.w,
                    n->rect.h);
        CHECK(n->rect.w >= target && n->rect.h >= target);
    }
    CHECK_INT(n_checked, 1 + 2 + 1 + 12);
    md_ui_destroy(ui);
}

/* One frame of a plugin-like screen: a heading naming the screen, then n buttons and a tall
 * space, in a scrolling area. */
static void screen_frame(md_ui *ui, const char *heading, uint64_t now_ms, int *hit_last)
{
    md_ui_begin_frame(ui, W, H, "en", 0, now_ms);
    md_ui_area_begin(ui, area(), 100);
    md_ui_heading(ui, heading, NULL);
    for (int i = 0; i < 6; i++) {
        char label[16];
        snprintf(label, sizeof label, "%s%d", heading, i);
        if (md_ui_button(ui, label, NULL) && hit_last)
            *hit_last = i;
    }
    md_ui_space(ui, 3000);
    md_ui_area_end(ui);
    md_ui_end_frame(ui);
}

/* Issue 9, item 1: a screen that follows another in the same scrolling area (a plugin's list ->
 * its detail) starts at the top with keypad focus on its first control, not at the old scroll. */
static void test_new_screen_starts_at_top(void)
{
    md_ui *ui = make();
    screen_frame(ui, "List", 10, NULL);
    screen_frame(ui, "List", 20, NULL);
    int top = find(ui, "List")->rect.y;
    /* Scroll far down. */
    md_ui_pointer_down(ui, 400, 700, 100);
    md_ui_pointer_move(ui, 400, 60, 400);
    md_ui_pointer_up(ui, 400, 60, 700);
    for (uint64_t t = 700; t < 3000; t += 16)
        screen_frame(ui, "List", t, NULL);
    CHECK(find(ui, "List")->rect.y < top - 500);
    /* The content changes screen: the next frames show it from the top. */
    screen_frame(ui, "Detail", 3100, NULL);
    screen_frame(ui, "Detail", 3116, NULL);
    CHECK_INT(find(ui, "Detail")->rect.y, top);
    CHECK_INT(md_ui_focus(ui), find(ui, "Detail0")->focus_index);
    /* The same screen redrawn (a toggle, a count) keeps its place. */
    md_ui_key_press(ui, MD_UI_KEY_NEXT);
    screen_frame(ui, "Detail", 3200, NULL);
    CHECK_INT(md_ui_focus(ui), find(ui, "Detail1")->focus_index);
    md_ui_destroy(ui);
}

/* Issue 9, item 6: a tile shows its whole label and an icon of at least 10 mm, growing taller
 * (and asking for fewer columns) instead of cutting the label or dropping the icon; the tree says
 * when a label is cut. */
static void test_tiles_keep_label_and_icon(void)
{
    md_ui *ui = make();
    const md_ui_theme *t = md_ui_theme_get(ui);
    const char *icon = MD_DATA_DIR "/plugins/health/content/icons/home-symptoms.png";
    const char *long_label = "Pregnancy and women's health, periods, contraception and more words";
    for (int frame = 0; frame < 4; frame++) {
        md_ui_begin_frame(ui, W, H, "en", 0, 10 + (uint64_t)frame * 16);
        md_ui_area_begin(ui, area(), 1);
        md_ui_columns_begin(ui, 3);
        md_ui_opts o = {.icon = icon};
        md_ui_tile(ui, "Head", &o);
        md_ui_tile(ui, long_label, &o);
        md_ui_tile(ui, "Skin", &o);
        md_ui_columns_end(ui);
        md_ui_area_end(ui);
        md_ui_end_frame(ui);
    }
    const md_ui_node *big = find(ui, long_label), *head = find(ui, "Head");
    CHECK(big != NULL && head != NULL);
    if (big && head) {
        CHECK_INT(big->truncated, 0);
        CHECK(big->icon_px >= t->icon_min_px);
        CHECK(head->icon_px >= t->icon_min_px);
        /* Three lines of large text did not fit a third of the area: two columns now. */
        CHECK(big->rect.w > (area().w - 2 * t->gap_px) / 3 + 1);
    }
    /* A cut label is marked in the tree. */
    md_ui_begin_frame(ui, W, H, "en", 0, 200);
    md_ui_rect at = {0, 0, 200, t->target_px};
    md_ui_opts bo = {.at = &at};
    md_ui_button(ui, "An extremely long label that cannot fit a small fixed button at all", &bo);
    md_ui_end_frame(ui);
    const md_ui_node *cut =
        find(ui, "An extremely long label that cannot fit a small fixed button at all");
    CHECK(cut != NULL && cut->truncated == 1);
    md_ui_destroy(ui);
}

/* Issue 9, item 7: no role is set below 4.8 mm capital height (Noto Sans capitals are 0.714 em)
 * at any density, and a fixed-size control shrinks a long label no further than that. */
static void test_text_never_below_guideline(void)
{
    const double densities[] = {3.2, 4.0, 4.5, 6.0};
    for (size_t d = 0; d < sizeof densities / sizeof densities[0]; d++) {
        md_ui_theme t;
        md_ui_theme_default(&t, densities[d]);
        for (int r = 0; r < 4; r++)
            CHECK(t.text_px[r] * 0.714 >= 4.8 * densities[d] - 0.01);
        CHECK(t.min_text_px * 0.714 >= 4.8 * densities[d] - 0.01);
        CHECK(t.text_px[MD_TEXT_BODY] > t.text_px[MD_TEXT_SMALL]);
        CHECK(t.icon_min_px >= 10.0 * densities[d] - 0.01);
    }
    md_ui *ui = make();
    const md_ui_theme *t = md_ui_theme_get(ui);
    md_ui_begin_frame(ui, W, H, "uz-Latn", 0, 10);
    md_ui_rect at = {0, 0, 230, t->target_px};
    md_ui_opts bo = {.at = &at, .text_px = t->text_px[MD_TEXT_BODY]};
    md_ui_button(ui, "Boshidan boshlash", &bo);
    md_ui_end_frame(ui);
    const md_ui_node *n = find(ui, "Boshidan boshlash");
    CHECK(n != NULL && n->font_px >= t->min_text_px);
    md_ui_destroy(ui);
}

int main(void)
{
    RUN(test_touch_targets);
    RUN(test_stacking_and_targets);
    RUN(test_rtl_mirrors_everything);
    RUN(test_hit_and_click);
    RUN(test_focus_order_and_activation);
    RUN(test_msgid_in_tree);
    RUN(test_dialog_is_modal);
    RUN(test_kinetic_scroll);
    RUN(test_keypad);
    RUN(test_tree_json);
    RUN(test_notice_is_an_alert);
    RUN(test_new_screen_starts_at_top);
    RUN(test_tiles_keep_label_and_icon);
    RUN(test_text_never_below_guideline);
    return check_summary();
}
