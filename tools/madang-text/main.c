/* madang-text: preview how the kiosk will set a piece of text. Renders with the runtime's own text
 * engine (runtime/text) through an offscreen SDL software renderer and writes a PNG, and/or prints
 * the lines and runs as JSON (byte ranges, direction, script, language, font, glyph counts).
 *   madang-text --lang th --size 32 --width 400 [--align start|center|end] [--max-lines N]
 *               [--dir auto|ltr|rtl] [--bold] [--fonts TABLE] [--out out.png] [--json] TEXT|-
 */
#include "base/base.h"
#include "text/text.h"

#include <SDL.h>
#include <SDL_image.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MARGIN_PX 8

static void usage(FILE *f)
{
    fprintf(
        f, "usage: madang-text [--lang BCP47] [--size PX] [--width PX] [--align start|center|end]\n"
           "                   [--max-lines N] [--dir auto|ltr|rtl] [--bold] [--fonts TABLE]\n"
           "                   [--out FILE.png] [--json] TEXT\n"
           "TEXT \"-\" reads UTF-8 from stdin. Without --out and --json, --json is implied.\n");
}

static int parse_int(const char *s, const char *name, int min, int max, int *out)
{
    char *end = NULL;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || !end || *end || v < min || v > max) {
        fprintf(stderr, "madang-text: %s must be a number from %d to %d (got \"%s\")\n", name, min,
                max, s);
        return -1;
    }
    *out = (int)v;
    return 0;
}

static char *read_stdin(size_t *n_bytes)
{
    size_t cap = 4096, n = 0;
    char *buf = md_malloc(cap);
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n, stdin);
        n += got;
        if (n < cap)
            break;
        char *grown = md_realloc(buf, cap * 2);
        if (!grown) {
            md_free(buf);
            return NULL;
        }
        buf = grown;
        cap *= 2;
    }
    /* a trailing newline from `echo` or an editor is not a paragraph of its own */
    while (buf && n && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
        n--;
    *n_bytes = n;
    return buf;
}

static void json_string(const char *s)
{
    putchar('"');
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            printf("\\%c", c);
        else if (c < 0x20)
            printf("\\u%04x", c);
        else
            putchar(c);
    }
    putchar('"');
}

static void print_json(const md_text_layout *l, size_t n_bytes)
{
    int w = 0, h = 0;
    md_text_layout_size(l, &w, &h);
    int n_lines = md_text_layout_line_count(l);
    int total_glyphs = 0, total_runs = 0;
    printf("{\n  \"bytes\": %zu,\n  \"width\": %d,\n  \"height\": %d,\n  \"lines\": [", n_bytes, w,
           h);
    for (int i = 0; i < n_lines; i++) {
        md_text_line_info li;
        md_text_layout_line(l, i, &li);
        printf(
            "%s\n    {\"byte_start\": %zu, \"byte_end\": %zu, \"x\": %d, \"y\": %d, \"width\": %d, "
            "\"height\": %d, \"baseline\": %d, \"direction\": \"%s\", \"runs\": [",
            i ? "," : "", li.byte_start, li.byte_end, li.x, li.y, li.width, li.height, li.baseline,
            li.rtl ? "rtl" : "ltr");
        for (int r = 0; r < li.n_runs; r++) {
            md_text_run_info ri;
            md_text_layout_run(l, i, r, &ri);
            printf("%s\n      {\"byte_start\": %zu, \"byte_end\": %zu, \"direction\": \"%s\", "
                   "\"script\": \"%s\", \"language\": ",
                   r ? "," : "", ri.byte_start, ri.byte_end, ri.rtl ? "rtl" : "ltr", ri.script);
            json_string(ri.lang);
            printf(", \"font\": ");
            json_string(ri.font_file);
            printf(
                ", \"face_index\": %d, \"glyphs\": %d, \"missing\": %d, \"x\": %d, \"width\": %d}",
                ri.face_index, ri.n_glyphs, ri.n_missing, ri.x, ri.width);
            total_glyphs += ri.n_glyphs;
            total_runs++;
        }
        printf("%s]}", li.n_runs ? "\n    " : "");
    }
    printf("%s],\n  \"totals\": {\"lines\": %d, \"runs\": %d, \"glyphs\": %d, \"missing\": %d, "
           "\"truncated\": %s}\n}\n",
           n_lines ? "\n  " : "", n_lines, total_runs, total_glyphs, md_text_layout_missing(l),
           md_text_layout_truncated(l) ? "true" : "false");
}

static int render_png(md_text *engine, const char *utf8, size_t n_bytes, const md_text_style *st,
                      const char *out)
{
    const md_text_layout *l = md_text_lay_out(engine, utf8, n_bytes, st);
    if (!l)
        return -1;
    int w = 0, h = 0;
    md_text_layout_size(l, &w, &h);
    w += 2 * MARGIN_PX;
    h += 2 * MARGIN_PX;
    SDL_Surface *surface = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = surface ? SDL_CreateSoftwareRenderer(surface) : NULL;
    if (!r) {
        fprintf(stderr, "madang-text: cannot create a %dx%d software renderer: %s\n", w, h,
                SDL_GetError());
        if (surface)
            SDL_FreeSurface(surface);
        return -1;
    }
    md_text_set_renderer(engine, r);
    SDL_SetRenderDrawColor(r, 255, 255, 255, 255);
    SDL_RenderClear(r);
    int rc = md_text_draw(engine, l, MARGIN_PX, MARGIN_PX, 0x202020FFu);
    SDL_RenderPresent(r);
    md_text_set_renderer(engine, NULL);
    SDL_DestroyRenderer(r);
    if (rc == 0 && IMG_SavePNG(surface, out) != 0) {
        fprintf(stderr, "madang-text: cannot write %s: %s\n", out, IMG_GetError());
        rc = -1;
    }
    SDL_FreeSurface(surface);
    return rc;
}

int main(int argc, char **argv)
{
    md_text_style st;
    memset(&st, 0, sizeof st);
    st.lang = "en";
    st.size_px = 32;
    const char *out = NULL, *text_arg = NULL, *fonts = NULL;
    int json = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        int takes = 1;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(a, "--json")) {
            json = 1, takes = 0;
        } else if (!strcmp(a, "--bold")) {
            st.bold = 1, takes = 0;
        } else if (!strcmp(a, "-") || strncmp(a, "--", 2) != 0) {
            if (text_arg) {
                fprintf(stderr, "madang-text: more than one TEXT argument (quote the text)\n");
                return 2;
            }
            text_arg = a, takes = 0;
        } else if (!v) {
            fprintf(stderr, "madang-text: %s needs a value\n", a);
            return 2;
        } else if (!strcmp(a, "--lang")) {
            st.lang = v;
        } else if (!strcmp(a, "--out")) {
            out = v;
        } else if (!strcmp(a, "--fonts")) {
            fonts = v;
        } else if (!strcmp(a, "--size")) {
            if (parse_int(v, "--size", 4, 512, &st.size_px))
                return 2;
        } else if (!strcmp(a, "--width")) {
            if (parse_int(v, "--width", 0, 16384, &st.width_px))
                return 2;
        } else if (!strcmp(a, "--max-lines")) {
            if (parse_int(v, "--max-lines", 0, 100000, &st.max_lines))
                return 2;
        } else if (!strcmp(a, "--align")) {
            if (!strcmp(v, "start"))
                st.align = MD_TEXT_ALIGN_START;
            else if (!strcmp(v, "center"))
                st.align = MD_TEXT_ALIGN_CENTER;
            else if (!strcmp(v, "end"))
                st.align = MD_TEXT_ALIGN_END;
            else {
                fprintf(stderr, "madang-text: --align must be start, center or end\n");
                return 2;
            }
        } else if (!strcmp(a, "--dir")) {
            if (!strcmp(v, "auto"))
                st.dir = MD_TEXT_DIR_AUTO;
            else if (!strcmp(v, "ltr"))
                st.dir = MD_TEXT_DIR_LTR;
            else if (!strcmp(v, "rtl"))
                st.dir = MD_TEXT_DIR_RTL;
            else {
                fprintf(stderr, "madang-text: --dir must be auto, ltr or rtl\n");
                return 2;
            }
        } else {
            fprintf(stderr, "madang-text: unknown option %s\n", a);
            usage(stderr);
            return 2;
        }
        i += takes;
    }
    if (!text_arg) {
        usage(stderr);
        return 2;
    }
    if (!out)
        json = 1;
    size_t n_bytes = 0;
    char *owned = NULL;
    const char *text = text_arg;
    if (!strcmp(text_arg, "-")) {
        owned = read_stdin(&n_bytes);
        if (!owned) {
            fprintf(stderr, "madang-text: cannot read stdin\n");
            return 1;
        }
        text = owned;
    } else {
        n_bytes = strlen(text_arg);
    }
    md_text *engine = md_text_create(fonts, NULL);
    if (!engine) {
        md_free(owned);
        return 1;
    }
    int rc = 0;
    const md_text_layout *l = md_text_lay_out(engine, text, n_bytes, &st);
    if (!l)
        rc = 1;
    if (rc == 0 && out && render_png(engine, text, n_bytes, &st, out) != 0)
        rc = 1;
    if (rc == 0 && json)
        print_json(l, n_bytes);
    md_text_destroy(engine);
    md_free(owned);
    return rc;
}
