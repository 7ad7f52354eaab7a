/* Fuzz target for the text engine's layout: random bytes as UTF-8 text, with the first bytes
 * choosing the width, language, size, line limit, alignment and direction. Checks the layout's
 * invariants (line byte ranges inside the input and in order, sizes non-negative). No renderer:
 * layout only. */
#include "base/base.h"
#include "text/text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *md_fuzz_name = "text";

static const char *k_langs[] = {"en", "ko", "zh-Hans", "vi", "ru", "uz-Latn", "kk", "tl", "id",
                                "th", "km", "ne", "si", "my", "mn", "ur", "bn", "ar", "",
                                "x-bogus-tag-@@", "ko-KR", "zh-Hant"};

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

    md_text_begin_frame(t);
    const md_text_layout *l = md_text_layout(t, (const char *)data, size, &st);
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
