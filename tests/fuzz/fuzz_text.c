/* Fuzz target for the text engine's layout: random bytes as UTF-8 text (or, in structured mode,
 * as picks from script ranges), with the first bytes choosing the width, language, size, line
 * limit, alignment and direction. Checks the layout's
 * invariants (line byte ranges inside the input and in order, sizes non-negative). No renderer:
 * layout only. */
#include "base/base.h"
#include "text/text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *md_fuzz_name = "text";

static const char *k_langs[] = {
    "en",    "ko",     "zh-Hans", "vi", "ru", "uz-Latn", "kk", "tl", "id", "th",
    "km",    "ne",     "si",      "my", "mn", "ur",      "bn", "ar", "",   "x-bogus-tag-@@",
    "ko-KR", "zh-Hant"};

static md_text *engine(void)
{
    /* One engine for the whole run (creating one per input would only measure start-up). */
    static md_text *t;
    if (!t) {
        md_log_set_min_level(MD_LOG_ERROR);
        t = md_text_create(NULL, NULL);
        if (!t)
            abort();
    }
    return t;
}

/* Structured mode: each input byte picks a character from a range that exercises shaping, bidi,
 * normalisation and breaking (random bytes alone are rarely valid Thai or Khmer). */
static uint32_t structured_char(uint8_t b)
{
    static const uint32_t base[15] = {0x0020, 0x0030, 0x0041, 0x0627, 0x064B,
                                      0x05D0, 0x0E01, 0x0E30, 0x1780, 0x17C6,
                                      0x1000, 0x102B, 0x0915, 0x093E, 0xAC00};
    static const uint32_t special[16] = {0x200D, 0x200C, 0x200E, 0x200F, 0x202B, 0x202E,
                                         0x202C, 0x2067, 0x2069, 0x00A0, 0x2028, 0x2029,
                                         0x0301, 0x1100, 0x1161, 0x11A8};
    int range = b >> 4, k = b & 15;
    return range == 15 ? special[k] : base[range] + (uint32_t)k;
}

static size_t put_utf8(uint8_t *out, uint32_t c)
{
    if (c < 0x80) {
        out[0] = (uint8_t)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (uint8_t)(0xC0 | (c >> 6));
        out[1] = (uint8_t)(0x80 | (c & 0x3F));
        return 2;
    }
    out[0] = (uint8_t)(0xE0 | (c >> 12));
    out[1] = (uint8_t)(0x80 | ((c >> 6) & 0x3F));
    out[2] = (uint8_t)(0x80 | (c & 0x3F));
    return 3;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    md_text *t = engine();
    md_text_style st;
    memset(&st, 0, sizeof st);
    uint8_t h[6] = {0};
    size_t n_head = size < sizeof h ? size : sizeof h;
    memcpy(h, data, n_head);
    data += n_head;
    size -= n_head;
    st.width_px = h[0] < 16 ? 0 : h[0] < 240 ? h[0] * 3 : -5; /* also 0 and negative */
    st.lang = k_langs[h[1] % (sizeof k_langs / sizeof k_langs[0])];
    st.size_px = (h[2] & 0x3F) - 4; /* -4..59: default, tiny and normal sizes */
    st.max_lines = (h[3] & 7) - 1;
    st.align = (md_text_align)(h[4] % 4); /* 3 is out of range on purpose */
    st.dir = (md_text_dir)((h[4] >> 2) % 4);
    st.bold = h[5] & 1;

    static uint8_t text[3 * 4096];
    if ((h[5] & 2) && size <= 4096) {
        size_t n = 0;
        for (size_t i = 0; i < size; i++)
            n += put_utf8(text + n, structured_char(data[i]));
        data = text;
        size = n;
    }

    md_text_begin_frame(t);
    const md_text_layout *l = md_text_lay_out(t, (const char *)data, size, &st);
    if (!l)
        abort(); /* only allocation failure may return NULL, and nothing fails here */
    int w = -1, hgt = -1;
    md_text_layout_size(l, &w, &hgt);
    if (w < 0 || hgt < 0)
        abort();
    size_t prev_end = 0;
    int n_lines = md_text_layout_line_count(l);
    if (st.max_lines > 0 && n_lines > st.max_lines)
        abort();
    for (int i = 0; i < n_lines; i++) {
        md_text_line_info li;
        if (md_text_layout_line(l, i, &li) != 0 || li.byte_start > li.byte_end ||
            li.byte_end > size || li.byte_start < prev_end || li.height < 0)
            abort();
        prev_end = li.byte_end;
        for (int r = 0; r < li.n_runs; r++) {
            md_text_run_info ri;
            if (md_text_layout_run(l, i, r, &ri) != 0 || ri.byte_start > ri.byte_end ||
                ri.byte_end > size || ri.n_missing > ri.n_glyphs || !ri.font_file)
                abort();
        }
    }
    if (h[5] == 0xFF)
        md_text_flush_caches(t);
    return 0;
}
