/* Unit tests for runtime/text: the API path (layout, size, draw through an SDL software
 * renderer), caching, bidi order, script itemisation, font fallback, line breaking for Thai,
 * Khmer, Myanmar, Korean and mixed text, UTF-8 hygiene and NFC. */
#include "base/base.h"
#include "check.h"
#include "text/text.h"

#include <SDL.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static md_text *g_text;

static md_text_style style(const char *lang, int size_px, int width_px)
{
    md_text_style st;
    memset(&st, 0, sizeof st);
    st.lang = lang;
    st.size_px = size_px;
    st.width_px = width_px;
    return st;
}

static void test_layout_and_draw(void)
{
    md_text_style st = style("en", 24, 0);
    const md_text_layout *l = md_text_lay_out(g_text, "Hello, Ansan", (size_t)-1, &st);
    CHECK(l != NULL);
    int w = 0, h = 0;
    md_text_layout_size(l, &w, &h);
    CHECK(w > 60 && w < 400);
    CHECK(h >= 24 && h < 60);
    CHECK_INT(md_text_layout_line_count(l), 1);
    CHECK_INT(md_text_layout_missing(l), 0);
    CHECK(md_text_layout_first_baseline(l) > 10 && md_text_layout_first_baseline(l) < h);

    SDL_Surface *surf =
        SDL_CreateRGBSurfaceWithFormat(0, w + 8, h + 8, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(surf);
    CHECK(r != NULL);
    md_text_set_renderer(g_text, r);
    SDL_SetRenderDrawColor(r, 255, 255, 255, 255);
    SDL_RenderClear(r);
    CHECK_INT(md_text_draw(g_text, l, 4, 4, 0x000000FFu), 0);
    SDL_RenderPresent(r);
    int dark = 0, outside = 0;
    for (int y = 0; y < surf->h; y++)
        for (int x = 0; x < surf->w; x++) {
            uint32_t p = ((uint32_t *)((uint8_t *)surf->pixels + y * surf->pitch))[x];
            if ((p & 0xFF) < 80) {
                dark++;
                if (x < 4 || y < 4 || x >= w + 4 + 2 || y >= h + 4)
                    outside++;
            }
        }
    CHECK(dark > 100);
    CHECK_INT(outside, 0);
    md_text_set_renderer(g_text, NULL);
    md_log_set_min_level(MD_LOG_NONE + 100);
    CHECK_INT(md_text_draw(g_text, l, 0, 0, 0x000000FFu), -1); /* no renderer: an error */
    md_log_set_min_level(MD_LOG_INFO);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(surf);
    /* a new renderer (window recreated): the layout draws again with fresh textures */
    SDL_Surface *surf2 =
        SDL_CreateRGBSurfaceWithFormat(0, w + 8, h + 8, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r2 = SDL_CreateSoftwareRenderer(surf2);
    md_text_set_renderer(g_text, r2);
    SDL_SetRenderDrawColor(r2, 255, 255, 255, 255);
    SDL_RenderClear(r2);
    CHECK_INT(md_text_draw(g_text, l, 4, 4, 0x000000FFu), 0);
    SDL_RenderPresent(r2);
    int dark2 = 0;
    for (int y = 0; y < surf2->h; y++)
        for (int x = 0; x < surf2->w; x++)
            dark2 += (((uint32_t *)((uint8_t *)surf2->pixels + y * surf2->pitch))[x] & 0xFF) < 80;
    CHECK_INT(dark2, dark);
    md_text_set_renderer(g_text, NULL);
    SDL_DestroyRenderer(r2);
    SDL_FreeSurface(surf2);
}

static void test_cache_no_reshaping(void)
{
    md_text_style st = style("km", 20, 300);
    const char *s = "សូមជ្រើសរើសភាសារបស់អ្នក";
    md_text_stats a, b, c;
    md_text_get_stats(g_text, &a);
    const md_text_layout *l1 = md_text_lay_out(g_text, s, (size_t)-1, &st);
    md_text_get_stats(g_text, &b);
    CHECK(b.n_shapes > a.n_shapes);
    CHECK_INT(b.n_layouts, a.n_layouts + 1);
    const md_text_layout *l2 = md_text_lay_out(g_text, s, (size_t)-1, &st);
    md_text_get_stats(g_text, &c);
    CHECK(l1 == l2);
    CHECK_INT(c.n_shapes, b.n_shapes);
    CHECK_INT(c.n_layout_hits, b.n_layout_hits + 1);
    /* another width of the same text re-breaks lines but does not shape again */
    st.width_px = 120;
    const md_text_layout *l3 = md_text_lay_out(g_text, s, (size_t)-1, &st);
    md_text_get_stats(g_text, &c);
    CHECK(l3 != NULL && l3 != l1);
    CHECK_INT(c.n_shapes, b.n_shapes);
    CHECK(c.cache_bytes > 0);
}

/* ---- helpers ---- */

static const md_text_layout *lay(const char *lang, int size_px, int width_px, const char *text)
{
    md_text_style st = style(lang, size_px, width_px);
    return md_text_lay_out(g_text, text, (size_t)-1, &st);
}

static md_text_run_info run_of(const md_text_layout *l, int line, int i)
{
    md_text_run_info r;
    memset(&r, 0, sizeof r);
    if (md_text_layout_run(l, line, i, &r) != 0)
        memset(&r, 0, sizeof r);
    return r;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t a = s ? strlen(s) : 0, b = strlen(suffix);
    return s && a >= b && strcmp(s + a - b, suffix) == 0;
}

/* 1 if the line starts of a layout of words (joined by sep) all fall on word starts */
static int breaks_only_between_words(const char *lang, const char *const *words, int n_words,
                                     const char *sep, int size_px, int width_px, int *n_lines)
{
    char text[1024] = "";
    size_t starts[64];
    for (int i = 0; i < n_words; i++) {
        if (i)
            strcat(text, sep);
        starts[i] = strlen(text);
        strcat(text, words[i]);
    }
    const md_text_layout *l = lay(lang, size_px, width_px, text);
    *n_lines = md_text_layout_line_count(l);
    for (int i = 0; i < *n_lines; i++) {
        md_text_line_info li;
        md_text_layout_line(l, i, &li);
        int ok = 0;
        for (int w = 0; w < n_words; w++)
            ok |= li.byte_start == starts[w];
        if (!ok) {
            fprintf(stderr, "  %s: line %d starts at byte %zu, inside a word\n", lang, i,
                    li.byte_start);
            return 0;
        }
    }
    return 1;
}

/* Draws a layout with a margin and returns the number of dark pixels outside its box
 * (clipped or overflowing ink), or -1. *n_dark receives all dark pixels. */
static int ink_outside_box(const md_text_layout *l, int *n_dark)
{
    const int m = 24;
    int w = 0, h = 0;
    md_text_layout_size(l, &w, &h);
    SDL_Surface *surf =
        SDL_CreateRGBSurfaceWithFormat(0, w + 2 * m, h + 2 * m, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = surf ? SDL_CreateSoftwareRenderer(surf) : NULL;
    if (!r)
        return -1;
    md_text_set_renderer(g_text, r);
    SDL_SetRenderDrawColor(r, 255, 255, 255, 255);
    SDL_RenderClear(r);
    int rc = md_text_draw(g_text, l, m, m, 0x000000FFu);
    SDL_RenderPresent(r);
    int outside = 0;
    *n_dark = 0;
    for (int y = 0; y < surf->h; y++)
        for (int x = 0; x < surf->w; x++) {
            uint32_t p = ((uint32_t *)((uint8_t *)surf->pixels + y * surf->pitch))[x];
            if ((p & 0xFF) < 128) {
                (*n_dark)++;
                /* a glyph may overhang its advance sideways by a few px; vertically never */
                if (y < m || y >= m + h || x < m - 4 || x >= m + w + 4)
                    outside++;
            }
        }
    md_text_set_renderer(g_text, NULL);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(surf);
    return rc == 0 ? outside : -1;
}

/* ---- bidi ---- */

static void test_bidi_visual_order(void)
{
    /* logical: [Arabic word] [123] [Arabic word] [Latin word] in a right-to-left paragraph */
    const char *s = "اضغط 123 ثم Madang";
    const md_text_layout *l = lay("ar", 24, 0, s);
    CHECK_INT(md_text_layout_line_count(l), 1);
    md_text_line_info li;
    CHECK_INT(md_text_layout_line(l, 0, &li), 0);
    CHECK_INT(li.rtl, 1);
    CHECK_INT(li.n_runs, 4);
    const char *madang = strstr(s, "Madang"), *num = strstr(s, "123"), *thumma = strstr(s, "ثم");
    md_text_run_info r0 = run_of(l, 0, 0), r1 = run_of(l, 0, 1), r2 = run_of(l, 0, 2),
                     r3 = run_of(l, 0, 3);
    /* on screen, left to right: Madang | ثم | 123 | اضغط */
    CHECK_INT(r0.byte_start, madang - s);
    CHECK_INT(r0.byte_end, strlen(s));
    CHECK_INT(r0.rtl, 0);
    CHECK_STR(r0.script, "Latn");
    CHECK(r1.byte_start <= (size_t)(thumma - s) && r1.byte_end > (size_t)(thumma - s));
    CHECK_INT(r1.rtl, 1);
    CHECK_INT(r2.byte_start, num - s);
    CHECK_INT(r2.byte_end, num - s + 3);
    CHECK_INT(r2.rtl, 0);
    CHECK_INT(r3.byte_start, 0);
    CHECK_INT(r3.rtl, 1);
    CHECK(r0.x < r1.x && r1.x < r2.x && r2.x < r3.x);

    /* a left-to-right paragraph with an Arabic phrase; a digit after Arabic letters is an
     * Arabic number (UBA W2), so it joins the right-to-left phrase: Bus | 7 | مرحبا بك */
    const char *m = "Bus مرحبا بك 7";
    l = lay("en", 24, 0, m);
    CHECK_INT(md_text_layout_line(l, 0, &li), 0);
    CHECK_INT(li.rtl, 0);
    CHECK_INT(li.n_runs, 3);
    CHECK_INT(run_of(l, 0, 0).byte_start, 0);
    CHECK_INT(run_of(l, 0, 0).rtl, 0);
    CHECK_INT(run_of(l, 0, 1).byte_start, strlen(m) - 1);
    CHECK_INT(run_of(l, 0, 2).rtl, 1);
    CHECK_STR(run_of(l, 0, 2).script, "Arab");
    CHECK_INT(run_of(l, 0, 2).byte_start, strstr(m, "مرحبا") - m);
}

static void test_rtl_alignment(void)
{
    const md_text_layout *l = lay("ar", 24, 400, "مرحبا");
    md_text_line_info li;
    md_text_layout_line(l, 0, &li);
    CHECK_INT(li.x + li.width, 400); /* start = right in a right-to-left paragraph */
    md_text_style st = style("ar", 24, 400);
    st.align = MD_TEXT_ALIGN_END;
    l = md_text_lay_out(g_text, "مرحبا", (size_t)-1, &st);
    md_text_layout_line(l, 0, &li);
    CHECK_INT(li.x, 0);
    st = style("en", 24, 400);
    st.align = MD_TEXT_ALIGN_CENTER;
    l = md_text_lay_out(g_text, "Hello", (size_t)-1, &st);
    md_text_layout_line(l, 0, &li);
    CHECK(li.x > 0 && abs(li.x - (400 - li.width) / 2) <= 1);
    st.align = MD_TEXT_ALIGN_END;
    l = md_text_lay_out(g_text, "Hello", (size_t)-1, &st);
    md_text_layout_line(l, 0, &li);
    CHECK_INT(li.x + li.width, 400);
    /* explicit direction overrides the language */
    st = style("en", 24, 400);
    st.dir = MD_TEXT_DIR_RTL;
    l = md_text_lay_out(g_text, "Hello", (size_t)-1, &st);
    md_text_layout_line(l, 0, &li);
    CHECK_INT(li.rtl, 1);
    CHECK_INT(li.x + li.width, 400);
}

/* ---- scripts and fonts ---- */

static void test_script_itemisation(void)
{
    const char *s = "Hello 안녕 世界 Привет!";
    const md_text_layout *l = lay("en", 24, 0, s);
    md_text_line_info li;
    md_text_layout_line(l, 0, &li);
    CHECK_INT(li.n_runs, 4);
    const char *want[4] = {"Latn", "Hang", "Hani", "Cyrl"};
    const char *at[4] = {s, strstr(s, "안녕"), strstr(s, "世界"), strstr(s, "Привет")};
    for (int i = 0; i < 4 && i < li.n_runs; i++) {
        md_text_run_info r = run_of(l, 0, i);
        CHECK_STR(r.script, want[i]);
        CHECK_INT(r.byte_start, at[i] - s); /* spaces and "!" join the run before them */
        CHECK_INT(r.n_missing, 0);
    }
    CHECK_INT(run_of(l, 0, 3).byte_end, strlen(s));
    CHECK(ends_with(run_of(l, 0, 1).font_file, "NotoSansCJK-Regular.ttc"));
    CHECK_INT(run_of(l, 0, 1).face_index, 1); /* Hangul: the Korean face */
    CHECK(ends_with(run_of(l, 0, 0).font_file, "NotoSans-Regular.ttf"));
    CHECK_STR(run_of(l, 0, 0).lang, "en");
    /* a closing bracket takes its opening bracket's script (and font) */
    const char *b = "Madang (안산)";
    l = lay("en", 24, 0, b);
    CHECK_INT(md_text_layout_line(l, 0, &li), 0);
    CHECK_INT(li.n_runs, 3);
    CHECK_STR(run_of(l, 0, 1).script, "Hang");
    CHECK_INT(run_of(l, 0, 1).byte_end, strlen(b) - 1);
    CHECK_STR(run_of(l, 0, 2).script, "Latn");
    CHECK(ends_with(run_of(l, 0, 2).font_file, "NotoSans-Regular.ttf"));
    /* a leading neutral takes the script after it */
    l = lay("en", 24, 0, "«안녕»");
    CHECK_INT(md_text_layout_line(l, 0, &li), 0);
    CHECK_INT(li.n_runs, 1);
    CHECK_STR(run_of(l, 0, 0).script, "Hang");
}

static void test_han_face_follows_language(void)
{
    const md_text_layout *ko = lay("ko", 24, 0, "直骨");
    const md_text_layout *zh = lay("zh-Hans", 24, 0, "直骨");
    md_text_run_info rk = run_of(ko, 0, 0), rz = run_of(zh, 0, 0);
    CHECK_STR(rk.script, "Hani");
    CHECK(ends_with(rk.font_file, "NotoSansCJK-Regular.ttc"));
    CHECK(ends_with(rz.font_file, "NotoSansCJK-Regular.ttc"));
    CHECK_INT(rk.face_index, 1); /* KR */
    CHECK_INT(rz.face_index, 2); /* SC */
    CHECK_INT(rk.n_missing + rz.n_missing, 0);
    md_text_style st = style("ko", 24, 0);
    st.bold = 1;
    const md_text_layout *b = md_text_lay_out(g_text, "직원", (size_t)-1, &st);
    CHECK(ends_with(run_of(b, 0, 0).font_file, "NotoSansCJK-Bold.ttc"));
}

static void test_font_fallback(void)
{
    /* the Thai font has no digits: they fall back to Noto Sans within the Thai run */
    const char *s = "ราคา 100 บาท";
    const md_text_layout *l = lay("th", 24, 0, s);
    CHECK_INT(md_text_layout_missing(l), 0);
    md_text_line_info li;
    md_text_layout_line(l, 0, &li);
    CHECK_INT(li.n_runs, 3);
    md_text_run_info r0 = run_of(l, 0, 0), r1 = run_of(l, 0, 1), r2 = run_of(l, 0, 2);
    CHECK(ends_with(r0.font_file, "NotoSansThai-Regular.ttf"));
    CHECK(ends_with(r1.font_file, "NotoSans-Regular.ttf"));
    CHECK(ends_with(r2.font_file, "NotoSansThai-Regular.ttf"));
    CHECK_INT(r1.byte_start, strstr(s, "100") - s);
    CHECK_STR(r1.script, "Thai");
    /* Urdu is Nastaliq; a letter Nastaliq lacks (U+0682) comes from Naskh */
    const char *u = "سلام ڂ";
    l = lay("ur", 24, 0, u);
    CHECK_INT(md_text_layout_missing(l), 0);
    md_text_layout_line(l, 0, &li);
    int nastaliq = 0, naskh = 0;
    for (int i = 0; i < li.n_runs; i++) {
        md_text_run_info r = run_of(l, 0, i);
        nastaliq |= ends_with(r.font_file, "NotoNastaliqUrdu-Regular.ttf");
        naskh |= ends_with(r.font_file, "NotoNaskhArabic-Regular.ttf") &&
                 r.byte_start == (size_t)(strstr(u, "ڂ") - u);
    }
    CHECK(nastaliq && naskh);
    /* a shared punctuation mark only some scripts use (Arabic comma after a Latin word) comes
     * from a font of one of those scripts, not from the Latin chain */
    const char *c = "Ansan City، اضغط";
    l = lay("ar", 24, 0, c);
    CHECK_INT(md_text_layout_missing(l), 0);
    md_text_layout_line(l, 0, &li);
    int comma_ok = 0;
    for (int i = 0; i < li.n_runs; i++) {
        md_text_run_info r = run_of(l, 0, i);
        if (r.byte_start <= (size_t)(strstr(c, "،") - c) &&
            r.byte_end > (size_t)(strstr(c, "،") - c))
            comma_ok = ends_with(r.font_file, "NotoNaskhArabic-Regular.ttf") &&
                       strcmp(r.script, "Arab") == 0;
    }
    CHECK(comma_ok);
    l = lay("en", 24, 0, "Hi، there");
    CHECK_INT(md_text_layout_missing(l), 0);
    /* Arabic (not Urdu) is Naskh */
    l = lay("ar", 24, 0, "سلام");
    CHECK(ends_with(run_of(l, 0, 0).font_file, "NotoNaskhArabic-Regular.ttf"));
}

static int g_warns;
static char g_warn[256];
static void warn_sink(void *user, md_log_level level, const char *tag, const char *msg)
{
    (void)user;
    if (level >= MD_LOG_WARN && strcmp(tag, "TEXT") == 0) {
        g_warns++;
        snprintf(g_warn, sizeof g_warn, "%s", msg);
    }
}

static void test_unsupported_script_is_visible_and_logged_once(void)
{
    md_log_set_sink(warn_sink, NULL);
    g_warns = 0;
    const md_text_layout *l = lay("en", 32, 0, "\xF0\x93\x80\x80\xF0\x93\x80\x81"); /* Egyptian */
    CHECK_INT(g_warns, 1);
    CHECK(strstr(g_warn, "Egyp") != NULL);
    CHECK_INT(md_text_layout_missing(l), 2);
    int dark = 0;
    CHECK_INT(ink_outside_box(l, &dark), 0);
    CHECK(dark > 20);                            /* replacement glyphs are drawn, not nothing */
    l = lay("en", 20, 0, "\xF0\x93\x80\x82 ok"); /* same script again: no second log line */
    CHECK_INT(g_warns, 1);
    CHECK_INT(md_text_layout_missing(l), 1);
    md_log_set_sink(NULL, NULL);
}

/* ---- line breaking ---- */

static void test_breaks_thai(void)
{
    const char *w[] = {"กรุณา", "เลือก", "ภาษา", "ของ", "คุณ", "เพื่อ", "เริ่ม", "ใช้งาน"};
    int widths[] = {70, 90, 130, 200};
    for (int i = 0; i < 4; i++) {
        int n = 0;
        CHECK(breaks_only_between_words("th", w, 8, "", 20, widths[i], &n));
        CHECK(n >= 2);
    }
}

static void test_breaks_khmer(void)
{
    const char *w[] = {"សូម", "ជ្រើសរើស", "ភាសា", "របស់", "អ្នក"};
    int widths[] = {90, 130, 200};
    for (int i = 0; i < 3; i++) {
        int n = 0;
        CHECK(breaks_only_between_words("km", w, 5, "", 20, widths[i], &n));
        CHECK(n >= 2);
    }
}

static void test_breaks_myanmar(void)
{
    const char *w[] = {"သင့်", "ဘာသာစကား", "ကို", "ရွေးချယ်", "ပါ"};
    int widths[] = {130, 170, 200};
    for (int i = 0; i < 3; i++) {
        int n = 0;
        CHECK(breaks_only_between_words("my", w, 5, "", 20, widths[i], &n));
        CHECK(n >= 2);
    }
}

static void test_breaks_korean_keep_words(void)
{
    const char *w[] = {"안산시", "다문화", "안내", "키오스크입니다", "화면을", "눌러", "주세요"};
    int widths[] = {140, 180, 220, 260};
    for (int i = 0; i < 4; i++) {
        int n = 0;
        CHECK(breaks_only_between_words("ko", w, 7, " ", 20, widths[i], &n));
        CHECK(n >= 2);
    }
    /* in a Chinese UI, Han text may break between any two ideographs */
    const md_text_layout *l = lay("zh-Hans", 20, 70, "欢迎使用安山社区信息亭");
    CHECK(md_text_layout_line_count(l) >= 3);
}

static void test_breaks_mixed(void)
{
    const char *w[] = {"Tap", "ยืนยัน", "to", "book", "a", "seat", "버스", "예약", "Привет"};
    int widths[] = {80, 120, 160};
    for (int i = 0; i < 3; i++) {
        int n = 0;
        CHECK(breaks_only_between_words("en", w, 9, " ", 20, widths[i], &n));
        CHECK(n >= 2);
    }
}

static void test_overlong_word_breaks_between_graphemes(void)
{
    const char *s = "Donaudampfschifffahrtsgesellschaft";
    const md_text_layout *l = lay("de", 20, 100, s);
    int n = md_text_layout_line_count(l);
    CHECK(n >= 3);
    size_t expect = 0;
    for (int i = 0; i < n; i++) {
        md_text_line_info li;
        md_text_layout_line(l, i, &li);
        CHECK(li.width <= 100);
        CHECK(li.width > 0);
        CHECK_INT(li.byte_start, expect);
        expect = li.byte_end;
    }
    CHECK_INT(expect, strlen(s));
    /* Devanagari: a line never starts with a vowel sign or virama (a cluster is never split) */
    const char *d = "स्वास्थ्यसेवाकेन्द्रमाजानुहोस्";
    l = lay("ne", 20, 40, d);
    n = md_text_layout_line_count(l);
    CHECK(n >= 3);
    for (int i = 0; i < n; i++) {
        md_text_line_info li;
        md_text_layout_line(l, i, &li);
        const unsigned char *p = (const unsigned char *)d + li.byte_start;
        uint32_t c =
            ((uint32_t)(p[0] & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
        int is_mark = (c >= 0x093A && c <= 0x094F) || c == 0x0902 || c == 0x0901 || c == 0x0903;
        CHECK(!is_mark);
    }
}

/* A line of an over-long word never starts inside a written syllable: not after a virama or
 * Khmer coeng (even with a ZWJ between), not at a Myanmar consonant killed by asat. */
static void test_overlong_word_keeps_syllables(void)
{
    static const struct {
        const char *lang, *word;
    } cases[] = {
        {"ne", "स्वास्थ्यसेवाकेन्द्रक्षत्रियश्रद्धा"},
        {"km", "ព្រះរាជាណាចក្រកម្ពុជាស្ត្រីក្សត្រ"},
        {"my", "ရွေးချယ်ကျွန်ုပ်တို့ညွှန်ကြားချက်"},
        {"si", "ප්‍රජාසෞඛ්‍යශ්‍රීලංකාව"},
        {"bn", "স্বাস্থ্যনির্দেশিকাবিনামূল্যে"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        const char *w = cases[k].word;
        const md_text_layout *l = lay(cases[k].lang, 20, 45, w);
        int n = md_text_layout_line_count(l);
        CHECK(n >= 3);
        CHECK_INT(md_text_layout_missing(l), 0);
        for (int i = 1; i < n; i++) {
            md_text_line_info li;
            md_text_layout_line(l, i, &li);
            int32_t p = (int32_t)li.byte_start, len = (int32_t)strlen(w);
            UChar32 at = 0, next = 0, before = 0;
            U8_NEXT(w, p, len, at);
            if (p < len)
                U8_NEXT(w, p, len, next);
            int32_t q = (int32_t)li.byte_start;
            do
                U8_PREV(w, 0, q, before);
            while (q > 0 && (before == 0x200D || before == 0x200C));
            /* (Myanmar asat has combining class 9 too, but it ends a syllable) */
            int bad = (u_getCombiningClass(before) == 9 && before != 0x103A) || next == 0x103A ||
                      u_charType(at) == U_NON_SPACING_MARK ||
                      u_charType(at) == U_COMBINING_SPACING_MARK;
            if (bad)
                fprintf(stderr, "  %s: line %d starts inside a syllable (byte %zu)\n",
                        cases[k].lang, i, li.byte_start);
            CHECK(!bad);
        }
    }
}

static void test_soft_hyphen(void)
{
    /* a break at a soft hyphen shows a hyphen at the end of the line */
    const char *s = "Informationsveranstaltung\u00ADsanmeldung";
    const md_text_layout *l = lay("de", 24, 340, s);
    CHECK_INT(md_text_layout_line_count(l), 2);
    md_text_line_info li;
    md_text_layout_line(l, 0, &li);
    CHECK(li.width <= 340);
    CHECK_INT(li.byte_end, strstr(s, "sanmeldung") - s);
    CHECK_INT(li.n_runs, 2);
    md_text_run_info h = run_of(l, 0, 1);
    CHECK_INT(h.n_glyphs, 1);
    CHECK_INT(h.byte_start, h.byte_end);
    CHECK(h.width > 3);
    /* unbroken, the soft hyphen stays invisible */
    l = lay("de", 24, 0, s);
    md_text_layout_line(l, 0, &li);
    CHECK_INT(li.n_runs, 1);
    int w_shy = li.width;
    l = lay("de", 24, 0, "Informationsveranstaltungsanmeldung");
    md_text_layout_line(l, 0, &li);
    CHECK_INT(w_shy, li.width);
}

static void test_huge_line_does_not_overflow(void)
{
    /* 40000 wide glyphs at the largest size: ~80 million px, beyond 26.6 int32 positions */
    size_t n = 40000;
    char *s = md_malloc(n + 1);
    CHECK(s != NULL);
    if (!s)
        return;
    memset(s, 'W', n);
    s[n] = '\0';
    md_text_style st = style("en", 4000, 0); /* clamped to 2048 */
    const md_text_layout *l = md_text_lay_out(g_text, s, n, &st);
    CHECK(l != NULL);
    int w = 0, h = 0;
    md_text_layout_size(l, &w, &h);
    CHECK(w > 1000000);
    CHECK(h > 2000);
    st.width_px = 1000;
    l = md_text_lay_out(g_text, s, n, &st);
    CHECK(md_text_layout_line_count(l) > 1000);
    md_free(s);
}

/* ---- input hygiene ---- */

static int total_glyphs(const md_text_layout *l)
{
    int n = 0;
    for (int i = 0; i < md_text_layout_line_count(l); i++) {
        md_text_line_info li;
        md_text_layout_line(l, i, &li);
        for (int k = 0; k < li.n_runs; k++)
            n += run_of(l, i, k).n_glyphs;
    }
    return n;
}

static void test_utf8_hygiene(void)
{
    md_text_style st = style("en", 20, 0);
    /* ab, invalid byte, cd, a truncated 3-byte sequence: 6 glyphs (2 U+FFFD) */
    const char bad[] = "ab\xFF"
                       "cd\xE2\x82";
    const md_text_layout *l = md_text_lay_out(g_text, bad, sizeof bad - 1, &st);
    CHECK(l != NULL);
    CHECK_INT(total_glyphs(l), 6);
    md_text_line_info li;
    md_text_layout_line(l, 0, &li);
    CHECK_INT(li.byte_start, 0);
    CHECK_INT(li.byte_end, sizeof bad - 1);
    /* overlong "/" (C0 AF) and a surrogate (ED A0 80): each maximal invalid part is one U+FFFD */
    const char overlong[] = "x\xC0\xAFy\xED\xA0\x80z";
    l = md_text_lay_out(g_text, overlong, sizeof overlong - 1, &st);
    CHECK_INT(total_glyphs(l), 3 + 2 + 3);
    /* an embedded NUL and control characters do not cut the text */
    const char nul[] = "a\0b\x01"
                       "c";
    l = md_text_lay_out(g_text, nul, sizeof nul - 1, &st);
    CHECK_INT(total_glyphs(l), 5);
    /* NULL text is an empty layout, not a crash */
    l = md_text_lay_out(g_text, NULL, 0, &st);
    CHECK(l != NULL);
    CHECK_INT(md_text_layout_line_count(l), 1);
}

static void test_nfc(void)
{
    /* 한글 as conjoining jamo (NFD) composes into two syllables */
    const char *nfd = "\u1112\u1161\u11ab\u1100\u1173\u11af";
    const md_text_layout *a = lay("ko", 24, 0, nfd);
    const md_text_layout *b = lay("ko", 24, 0, "한글");
    CHECK_INT(total_glyphs(a), 2);
    int wa = 0, wb = 0;
    md_text_layout_size(a, &wa, NULL);
    md_text_layout_size(b, &wb, NULL);
    CHECK_INT(wa, wb);
    md_text_line_info li;
    md_text_layout_line(a, 0, &li);
    CHECK_INT(li.byte_end, strlen(nfd));
    CHECK_INT(md_text_layout_missing(a), 0);
    /* Vietnamese with combining marks: the same glyphs as the precomposed text */
    a = lay("vi", 24, 0, "Vie\xcc\xa3\xcc\x82t");
    b = lay("vi", 24, 0, "Việt");
    md_text_layout_size(a, &wa, NULL);
    md_text_layout_size(b, &wb, NULL);
    CHECK_INT(wa, wb);
    CHECK_INT(total_glyphs(a), total_glyphs(b));
}

/* ---- lines, paragraphs, ellipsis, metrics ---- */

static void test_paragraphs_and_empty(void)
{
    const char *s = "one\ntwo\r\nthree\n";
    const md_text_layout *l = lay("en", 20, 0, s);
    CHECK_INT(md_text_layout_line_count(l), 4);
    md_text_line_info li;
    md_text_layout_line(l, 2, &li);
    CHECK_INT(li.byte_start, 9);
    CHECK_INT(li.byte_end, 14);
    md_text_layout_line(l, 3, &li);
    CHECK_INT(li.byte_start, 15);
    CHECK(li.height > 0);
    l = lay("en", 20, 0, "");
    int w = -1, h = 0;
    md_text_layout_size(l, &w, &h);
    CHECK_INT(w, 0);
    CHECK(h > 15);
}

static void test_max_lines_ellipsis(void)
{
    md_text_style st = style("en", 20, 220);
    st.max_lines = 2;
    const char *s = "Choose your language to begin. You can read the health guide or book a seat.";
    const md_text_layout *l = md_text_lay_out(g_text, s, (size_t)-1, &st);
    CHECK_INT(md_text_layout_line_count(l), 2);
    CHECK_INT(md_text_layout_truncated(l), 1);
    md_text_line_info li;
    md_text_layout_line(l, 1, &li);
    CHECK(li.width <= 220);
    md_text_run_info last = run_of(l, 1, li.n_runs - 1);
    CHECK_INT(last.n_glyphs, 1); /* the ellipsis, at the end of the line */
    CHECK_INT(last.byte_start, last.byte_end);
    st.max_lines = 10;
    l = md_text_lay_out(g_text, s, (size_t)-1, &st);
    CHECK_INT(md_text_layout_truncated(l), 0);
    /* the cut drops the sentence's full stop: "Welcome…", not "Welcome.…" */
    st = style("en", 20, 120);
    st.max_lines = 1;
    l = md_text_lay_out(g_text, "Welcome. Choose your language", (size_t)-1, &st);
    CHECK_INT(md_text_layout_truncated(l), 1);
    md_text_layout_line(l, 0, &li);
    CHECK_INT(li.n_runs, 2);
    CHECK_INT(run_of(l, 0, 0).byte_end, 7);
    CHECK_INT(run_of(l, 0, 1).n_glyphs, 1);
    /* right to left: the ellipsis is at the left end */
    st = style("ar", 20, 200);
    st.max_lines = 1;
    l = md_text_lay_out(g_text, "مرحبًا بك في كشك مجتمع أنسان. اختر لغتك للبدء.", (size_t)-1, &st);
    CHECK_INT(md_text_layout_line_count(l), 1);
    CHECK_INT(md_text_layout_truncated(l), 1);
    md_text_run_info first = run_of(l, 0, 0);
    CHECK_INT(first.n_glyphs, 1);
    CHECK_INT(first.byte_start, first.byte_end);
    /* without a width, max_lines counts paragraphs */
    st = style("en", 20, 0);
    st.max_lines = 1;
    l = md_text_lay_out(g_text, "first\nsecond", (size_t)-1, &st);
    CHECK_INT(md_text_layout_line_count(l), 1);
    CHECK_INT(md_text_layout_truncated(l), 1);
}

static void test_line_height_from_fonts(void)
{
    md_text_line_info ur, ar, en;
    md_text_layout_line(lay("ur", 24, 0, "خوش آمدید"), 0, &ur);
    md_text_layout_line(lay("ar", 24, 0, "مرحبا"), 0, &ar);
    md_text_layout_line(lay("en", 24, 0, "Welcome"), 0, &en);
    CHECK(ur.height > ar.height); /* Nastaliq is taller */
    CHECK(ur.height > en.height);
    /* stacked Vietnamese marks, Nastaliq, Myanmar and Khmer stacks stay inside the box */
    const char *cases[][2] = {{"vi", "ỄỂỆ ẪẬẴẶ Ở ĐÂY"},
                              {"ur", "انسان کمیونٹی کیوسک میں خوش آمدید"},
                              {"my", "ကျွန်ုပ်တို့ ညွှန်ကြား"},
                              {"km", "ស្ត្រី ក្សត្រ"},
                              {"si", "ශ්‍රී ලංකා"}};
    for (int i = 0; i < 5; i++) {
        int dark = 0;
        CHECK_INT(ink_outside_box(lay(cases[i][0], 32, 0, cases[i][1]), &dark), 0);
        CHECK(dark > 50);
    }
}

static void test_paragraphs_have_no_missing_glyphs(void)
{
    static const struct {
        const char *lang, *font;
        int face;
    } langs[] = {
        {"ko", "NotoSansCJK-Regular.ttc", 1},      {"en", "NotoSans-Regular.ttf", 0},
        {"zh-Hans", "NotoSansCJK-Regular.ttc", 2}, {"vi", "NotoSans-Regular.ttf", 0},
        {"ru", "NotoSans-Regular.ttf", 0},         {"uz-Latn", "NotoSans-Regular.ttf", 0},
        {"kk", "NotoSans-Regular.ttf", 0},         {"tl", "NotoSans-Regular.ttf", 0},
        {"id", "NotoSans-Regular.ttf", 0},         {"th", "NotoSansThai-Regular.ttf", 0},
        {"km", "NotoSansKhmer-Regular.ttf", 0},    {"ne", "NotoSansDevanagari-Regular.ttf", 0},
        {"si", "NotoSansSinhala-Regular.ttf", 0},  {"my", "NotoSansMyanmar-Regular.ttf", 0},
        {"mn", "NotoSans-Regular.ttf", 0},         {"ur", "NotoNastaliqUrdu-Regular.ttf", 0},
        {"bn", "NotoSansBengali-Regular.ttf", 0},  {"ar", "NotoNaskhArabic-Regular.ttf", 0},
    };
    for (size_t i = 0; i < sizeof langs / sizeof langs[0]; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/tests/text/paragraphs/%s.txt", MD_DATA_DIR, langs[i].lang);
        size_t n = 0;
        char *text = md_read_file(path, &n);
        CHECK(text != NULL);
        if (!text)
            continue;
        const md_text_layout *l = lay(langs[i].lang, 24, 600, text);
        int lines = md_text_layout_line_count(l);
        if (md_text_layout_missing(l) != 0 || lines < 3)
            fprintf(stderr, "  %s: %d missing, %d lines\n", langs[i].lang,
                    md_text_layout_missing(l), lines);
        CHECK_INT(md_text_layout_missing(l), 0);
        CHECK(lines >= 3);
        md_text_run_info r = run_of(l, 0, 0);
        CHECK(ends_with(r.font_file, langs[i].font));
        CHECK_INT(r.face_index, langs[i].face);
        CHECK_STR(r.lang, langs[i].lang);
        for (int k = 0; k < lines; k++) {
            md_text_line_info li;
            md_text_layout_line(l, k, &li);
            CHECK(li.width <= 600);
        }
        md_free(text);
    }
}

/* ---- engine lifetime, tables, failures ---- */

static void write_file(const char *path, const char *content)
{
    FILE *f = fopen(path, "w");
    if (f) {
        fputs(content, f);
        fclose(f);
    }
}

static void test_font_tables(void)
{
    md_log_set_sink(warn_sink, NULL);
    char bad[] = "/tmp/md-text-bad-XXXXXX";
    int fd = mkstemp(bad);
    CHECK(fd >= 0);
    close(fd);
    write_file(bad, "Latn * NotoSans-Regular.ttf\n"); /* no face index */
    CHECK(md_text_create(bad, NULL) == NULL);
    write_file(bad, "Qqqq * NotoSans-Regular.ttf 0\n"); /* unknown script */
    CHECK(md_text_create(bad, NULL) == NULL);
    CHECK(md_text_create("/nonexistent/fonts.conf", NULL) == NULL);
    write_file(bad, "dir /nonexistent\n* * NotoSans-Regular.ttf 0\n"); /* no font can open */
    CHECK(md_text_create(bad, NULL) == NULL);
    /* a font missing from disk is logged once and skipped; the next rule serves */
    write_file(bad, "dir /usr/share/fonts/truetype/noto fonts-noto-core\n"
                    "Latn * NoSuchFont-Regular.ttf 0\n"
                    "* * NotoSans-Regular.ttf 0\n");
    md_text *t = md_text_create(bad, NULL);
    CHECK(t != NULL);
    if (t) {
        g_warns = 0;
        md_text_style st = style("en", 20, 0);
        const md_text_layout *l = md_text_lay_out(t, "Hello", (size_t)-1, &st);
        CHECK_INT(md_text_layout_missing(l), 0);
        md_text_run_info r;
        CHECK_INT(md_text_layout_run(l, 0, 0, &r), 0);
        CHECK(ends_with(r.font_file, "NotoSans-Regular.ttf"));
        CHECK_INT(g_warns, 1);
        CHECK(strstr(g_warn, "NoSuchFont") != NULL && strstr(g_warn, "fonts-noto-core") != NULL);
        md_text_lay_out(t, "World", (size_t)-1, &st);
        CHECK_INT(g_warns, 1);
        md_text_stats stats;
        md_text_get_stats(t, &stats);
        CHECK_INT(stats.n_fonts_open, 1); /* lazily: only the font actually used */
        md_text_destroy(t);
    }
    unlink(bad);
    md_log_set_sink(NULL, NULL);
}

static void test_allocation_failures(void)
{
    md_log_set_min_level(MD_LOG_NONE + 100);
    for (long n = 1; n < 120; n++) {
        md_text *t = md_text_create(NULL, NULL);
        if (!t)
            continue;
        md_text_style st = style("ur", 20, 120);
        st.max_lines = 2;
        md_alloc_fail_after(n);
        const md_text_layout *l =
            md_text_lay_out(t, "انسان کمیونٹی 123 Madang کیوسک میں خوش آمدید", (size_t)-1, &st);
        md_alloc_fail_reset();
        if (l)
            CHECK(md_text_layout_line_count(l) >= 1);
        /* the engine still works after a failure */
        l = md_text_lay_out(t, "after", (size_t)-1, &st);
        CHECK(l != NULL);
        md_text_destroy(t);
    }
    md_log_set_min_level(MD_LOG_INFO);
}

static void test_draw_allocation_failures(void)
{
    SDL_Surface *surf = SDL_CreateRGBSurfaceWithFormat(0, 400, 200, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(surf);
    CHECK(r != NULL);
    md_text *t = md_text_create(NULL, r);
    CHECK(t != NULL);
    if (!t || !r)
        return;
    md_log_set_min_level(MD_LOG_NONE + 100);
    md_text_style st = style("km", 24, 300);
    const char *s = "សូមជ្រើសរើសភាសា 123";
    int reference = -1;
    for (long n = 0; n < 40; n++) {
        md_text_flush_caches(t);
        const md_text_layout *l = md_text_lay_out(t, s, (size_t)-1, &st);
        CHECK(l != NULL);
        if (n > 0) {
            md_alloc_fail_after(n);
            int rc = md_text_draw(t, l, 10, 10, 0x000000FFu);
            md_alloc_fail_reset();
            CHECK(rc == 0 || rc == -1);
        }
        /* after any failure the next draw is complete: same ink as a clean draw */
        SDL_SetRenderDrawColor(r, 255, 255, 255, 255);
        SDL_RenderClear(r);
        CHECK_INT(md_text_draw(t, l, 10, 10, 0x000000FFu), 0);
        SDL_RenderPresent(r);
        int dark = 0;
        for (int y = 0; y < surf->h; y++)
            for (int x = 0; x < surf->w; x++)
                dark += (((uint32_t *)((uint8_t *)surf->pixels + y * surf->pitch))[x] & 0xFF) < 128;
        if (n == 0)
            reference = dark;
        CHECK_INT(dark, reference);
    }
    CHECK(reference > 100);
    md_log_set_min_level(MD_LOG_INFO);
    /* drawing in another colour refills the texture without rasterising again */
    md_text_stats a, b;
    const md_text_layout *l = md_text_lay_out(t, s, (size_t)-1, &st);
    md_text_get_stats(t, &a);
    CHECK_INT(md_text_draw(t, l, 10, 10, 0xFF0000FFu), 0);
    md_text_get_stats(t, &b);
    CHECK_INT(b.n_glyphs_rasterised, a.n_glyphs_rasterised);
    CHECK_INT(b.n_textures, a.n_textures);
    /* two colours in one frame (shadow + text): both come out in their colour */
    md_text_begin_frame(t);
    SDL_SetRenderDrawColor(r, 255, 255, 255, 255);
    SDL_RenderClear(r);
    CHECK_INT(md_text_draw(t, l, 10, 10, 0xFF0000FFu), 0);
    CHECK_INT(md_text_draw(t, l, 10, 100, 0x0000FFFFu), 0);
    CHECK_INT(md_text_draw(t, l, 10, 10, 0xFF0000FFu), 0);
    SDL_RenderPresent(r);
    int red = 0, blue = 0, other = 0;
    for (int y = 0; y < surf->h; y++)
        for (int x = 0; x < surf->w; x++) {
            uint32_t p = ((uint32_t *)((uint8_t *)surf->pixels + y * surf->pitch))[x];
            int R = (p >> 16) & 0xFF, G = (p >> 8) & 0xFF, B = p & 0xFF;
            if (R > 200 && G < 60 && B < 60)
                red += y < 100;
            else if (B > 200 && R < 60 && G < 60)
                blue += y >= 100;
            else if (R < 100 && G < 100 && B < 100)
                other++;
        }
    CHECK(red > 100);
    CHECK(blue > 100);
    CHECK_INT(other, 0);
    md_text_get_stats(t, &b);
    CHECK_INT(b.n_textures, a.n_textures);
    md_text_destroy(t);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(surf);
}

static void test_frame_lifetime_and_bound(void)
{
    md_text *t = md_text_create(NULL, NULL);
    CHECK(t != NULL);
    if (!t)
        return;
    md_text_style st = style("en", 16, 0);
    md_text_begin_frame(t);
    const md_text_layout *keep = md_text_lay_out(t, "keep me", (size_t)-1, &st);
    char buf[64];
    /* many layouts in the same frame: "keep me" must survive */
    for (int i = 0; i < 1500; i++) {
        snprintf(buf, sizeof buf, "label %d", i);
        md_text_lay_out(t, buf, (size_t)-1, &st);
    }
    md_text_stats a, b;
    md_text_get_stats(t, &a);
    CHECK(md_text_lay_out(t, "keep me", (size_t)-1, &st) == keep);
    md_text_get_stats(t, &b);
    CHECK_INT(b.n_layout_hits, a.n_layout_hits + 1);
    /* after two frames, old layouts may go: the cache stays bounded */
    for (int f = 0; f < 4; f++) {
        md_text_begin_frame(t);
        for (int i = 0; i < 1500; i++) {
            snprintf(buf, sizeof buf, "frame %d label %d", f, i);
            md_text_lay_out(t, buf, (size_t)-1, &st);
        }
    }
    md_text_get_stats(t, &b);
    CHECK(b.cache_bytes < (size_t)48 << 20);
    CHECK_INT(b.n_layouts, a.n_layouts + 6000);
    md_text_destroy(t);
}

/* ---- caches and line building (issue 10) ---- */

static char *read_paragraph(const char *lang)
{
    char path[512];
    snprintf(path, sizeof path, "%s/tests/text/paragraphs/%s.txt", MD_DATA_DIR, lang);
    char *text = md_read_file(path, NULL);
    if (text) /* one paragraph: the file's final newline would start a second one */
        for (char *nl = strchr(text, '\n'); nl; nl = strchr(text, '\n'))
            *nl = ' ';
    return text;
}

static int same_lines(const md_text_layout *a, const md_text_layout *b, int n_lines)
{
    for (int i = 0; i < n_lines; i++) {
        md_text_line_info x, y;
        if (md_text_layout_line(a, i, &x) != 0 || md_text_layout_line(b, i, &y) != 0 ||
            memcmp(&x, &y, sizeof x) != 0)
            return 0;
        for (int r = 0; r < x.n_runs; r++) {
            md_text_run_info p = run_of(a, i, r), q = run_of(b, i, r);
            if (p.n_glyphs != q.n_glyphs || p.x != q.x || p.width != q.width ||
                p.byte_start != q.byte_start || p.byte_end != q.byte_end)
                return 0;
        }
    }
    return 1;
}

/* Glyph ink comes from a per-font cache: shaping the same CJK paragraph again asks HarfBuzz for
 * no extents, and lines come out exactly as from an engine whose cache is cold. */
static void test_ink_cache_same_output(void)
{
    const char *langs[] = {"zh-Hans", "ur", "my"};
    for (int k = 0; k < 3; k++) {
        char *text = read_paragraph(langs[k]);
        CHECK(text != NULL);
        if (!text)
            return;
        md_text_style st = style(langs[k], 24, 500);
        md_text *cold = md_text_create(NULL, NULL);
        CHECK(cold != NULL);
        if (!cold) {
            md_free(text);
            return;
        }
        const md_text_layout *ref = md_text_lay_out(cold, text, (size_t)-1, &st);
        md_text_flush_caches(g_text);
        md_text_stats a, b;
        md_text_lay_out(g_text, text, (size_t)-1, &st);
        md_text_flush_caches(g_text);
        md_text_get_stats(g_text, &a);
        const md_text_layout *warm = md_text_lay_out(g_text, text, (size_t)-1, &st);
        md_text_get_stats(g_text, &b);
        CHECK(b.n_shapes > a.n_shapes);              /* shaped again ... */
        CHECK_INT(b.n_ink_queries, a.n_ink_queries); /* ... without asking for ink */
        md_text_stats c;
        md_text_get_stats(cold, &c);
        CHECK(c.n_ink_queries > 0);
        CHECK(ref && warm);
        if (ref && warm) {
            CHECK_INT(md_text_layout_line_count(warm), md_text_layout_line_count(ref));
            CHECK(same_lines(warm, ref, md_text_layout_line_count(ref)));
        }
        md_text_destroy(cold);
        md_free(text);
    }
}

/* Lines are built in one pass: a paragraph repeated many times breaks its first lines exactly
 * as the single paragraph does, and its lines cover the text without gaps, each with glyphs. */
static void test_long_paragraph_lines(void)
{
    const char *langs[] = {"en", "ur", "zh-Hans", "th", "my"};
    for (int k = 0; k < 5; k++) {
        char *one = read_paragraph(langs[k]);
        CHECK(one != NULL);
        if (!one)
            return;
        size_t n1 = strlen(one);
        enum { COPIES = 16 };
        char *many = md_malloc(COPIES * (n1 + 1) + 1);
        CHECK(many != NULL);
        if (!many) {
            md_free(one);
            return;
        }
        size_t n = 0;
        for (int c = 0; c < COPIES; c++) {
            memcpy(many + n, one, n1);
            n += n1;
            many[n++] = ' ';
        }
        many[--n] = '\0';
        md_text_style st = style(langs[k], 24, 420);
        const md_text_layout *l1 = md_text_lay_out(g_text, one, (size_t)-1, &st);
        const md_text_layout *ln = md_text_lay_out(g_text, many, (size_t)-1, &st);
        CHECK(l1 && ln);
        if (l1 && ln) {
            int c1 = md_text_layout_line_count(l1), cn = md_text_layout_line_count(ln);
            CHECK(cn >= (COPIES - 1) * (c1 - 1));
            CHECK(same_lines(l1, ln, c1 - 1));
            size_t at = 0;
            for (int i = 0; i < cn; i++) {
                md_text_line_info li;
                md_text_layout_line(ln, i, &li);
                CHECK_INT(li.byte_start, at);
                at = li.byte_end;
                int glyphs = 0;
                for (int r = 0; r < li.n_runs; r++) {
                    md_text_run_info ri = run_of(ln, i, r);
                    CHECK(ri.byte_start >= li.byte_start && ri.byte_end <= li.byte_end);
                    glyphs += ri.n_glyphs;
                }
                CHECK(glyphs > 0);
            }
            CHECK_INT(at, n);
            CHECK_INT(md_text_layout_missing(ln), 0);
        }
        md_free(many);
        md_free(one);
    }
}

/* md_text_trim: what the last frames drew stays and still draws; everything else is dropped, and
 * fonts nothing drew lately are closed and reopen when text needs them again. */
static void test_trim(void)
{
    md_text *t = md_text_create(NULL, NULL);
    CHECK(t != NULL);
    if (!t)
        return;
    SDL_Surface *surf = SDL_CreateRGBSurfaceWithFormat(0, 400, 100, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = surf ? SDL_CreateSoftwareRenderer(surf) : NULL;
    CHECK(r != NULL);
    if (!r) {
        md_text_destroy(t);
        return;
    }
    md_text_set_renderer(t, r);
    md_text_style th = style("th", 24, 0), ko = style("ko", 24, 0), en = style("en", 24, 0);
    md_text_begin_frame(t);
    const md_text_layout *a = md_text_lay_out(t, "สวัสดี", (size_t)-1, &th);
    const md_text_layout *b = md_text_lay_out(t, "안녕하세요", (size_t)-1, &ko);
    CHECK_INT(md_text_draw(t, a, 0, 0, 0x000000FFu), 0);
    CHECK_INT(md_text_draw(t, b, 0, 40, 0x000000FFu), 0);
    for (int i = 0; i < 3; i++)
        md_text_begin_frame(t);
    const md_text_layout *c = md_text_lay_out(t, "Hello", (size_t)-1, &en);
    CHECK_INT(md_text_draw(t, c, 0, 0, 0x000000FFu), 0);
    md_text_stats before, after;
    md_text_get_stats(t, &before);
    md_text_trim(t, 0);
    md_text_get_stats(t, &after);
    CHECK(after.n_fonts_mapped < before.n_fonts_mapped); /* Thai and Korean closed */
    CHECK(after.n_fonts_mapped >= 1);                    /* Latin, drawn this frame, stays */
    CHECK(after.cache_bytes < before.cache_bytes);
    /* this frame's layout is still valid and draws */
    CHECK_INT(md_text_draw(t, c, 0, 0, 0x000000FFu), 0);
    CHECK(md_text_lay_out(t, "Hello", (size_t)-1, &en) == c);
    /* the dropped ones are laid out again, from fonts that reopen */
    uint64_t n = after.n_layouts;
    md_text_begin_frame(t);
    const md_text_layout *b2 = md_text_lay_out(t, "안녕하세요", (size_t)-1, &ko);
    md_text_get_stats(t, &after);
    CHECK_INT(after.n_layouts, n + 1);
    CHECK(b2 != NULL && md_text_layout_missing(b2) == 0);
    CHECK_INT(md_text_draw(t, b2, 0, 40, 0x000000FFu), 0);
    md_text_destroy(t);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(surf);
}

int main(void)
{
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "offscreen");
    g_text = md_text_create(NULL, NULL);
    if (!g_text) {
        printf("0 passed, 1 failed\n");
        return 1;
    }
    RUN(test_layout_and_draw);
    RUN(test_cache_no_reshaping);
    RUN(test_bidi_visual_order);
    RUN(test_rtl_alignment);
    RUN(test_script_itemisation);
    RUN(test_han_face_follows_language);
    RUN(test_font_fallback);
    RUN(test_unsupported_script_is_visible_and_logged_once);
    RUN(test_breaks_thai);
    RUN(test_breaks_khmer);
    RUN(test_breaks_myanmar);
    RUN(test_breaks_korean_keep_words);
    RUN(test_breaks_mixed);
    RUN(test_overlong_word_breaks_between_graphemes);
    RUN(test_overlong_word_keeps_syllables);
    RUN(test_soft_hyphen);
    RUN(test_huge_line_does_not_overflow);
    RUN(test_utf8_hygiene);
    RUN(test_nfc);
    RUN(test_paragraphs_and_empty);
    RUN(test_max_lines_ellipsis);
    RUN(test_line_height_from_fonts);
    RUN(test_paragraphs_have_no_missing_glyphs);
    RUN(test_font_tables);
    RUN(test_allocation_failures);
    RUN(test_draw_allocation_failures);
    RUN(test_frame_lifetime_and_bound);
    RUN(test_ink_cache_same_output);
    RUN(test_long_paragraph_lines);
    RUN(test_trim);
    md_text_destroy(g_text);
    return check_summary();
}
