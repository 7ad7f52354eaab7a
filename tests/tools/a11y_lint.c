/* md-a11y-lint: checks a rendered screen against the accessibility rules of the mode it was in.
 *
 *   md-a11y-lint [--no-default-size] SHOT.png...
 *                     (reads SHOT.a11y.json and SHOT.a11y-tree.json beside each)
 *
 * For every visible, enabled text node of the semantic tree it takes the label's colour from the
 * tree and the colour behind the label from the PNG (the most common colour in the node's visible
 * rectangle that is not the text's own), and checks
 *   - contrast (WCAG 2 relative luminance): at least 4.5:1, or 7:1 in high-contrast mode;
 *   - size: capital height (0.714 em, Noto's cap height) at least 4.8 mm at the screen's px_per_mm
 *     for text a visitor must read, times 2 in large-text mode;
 * (--no-default-size leaves out the 4.8 mm rule outside large-text mode, for old screenshots; the
 * tests never pass it); in large-text mode that no label is truncated
 * (where the tree marks it) and no two controls overlap; and in low-reach mode that every control
 * lies between 380 and 1220 mm above the floor, given
 * the height of the screen's bottom edge (panel_bottom_mm). Prints one line per offending node
 * (file, label, what, measured, needed) and exits 1 if there is any. Uses SDL_image and Jansson.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <SDL_image.h>
#include <jansson.h>

#define CAP_EM 0.714
#define MIN_CAP_MM 4.8

typedef struct modes {
    int high_contrast, large_text, low_reach, text_scale_pct, panel_bottom_mm, screen_h;
    int rotate; /* the PNG shows the UI turned clockwise by this (a portrait kiosk) */
    double px_per_mm;
} modes;

static double channel(double c)
{
    c /= 255.0;
    return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

static double luminance(uint32_t rgb)
{
    return 0.2126 * channel((rgb >> 16) & 255) + 0.7152 * channel((rgb >> 8) & 255) +
           0.0722 * channel(rgb & 255);
}

static double contrast(uint32_t a, uint32_t b)
{
    double la = luminance(a), lb = luminance(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

static int near(uint32_t a, uint32_t b, int tol)
{
    int dr = (int)((a >> 16) & 255) - (int)((b >> 16) & 255);
    int dg = (int)((a >> 8) & 255) - (int)((b >> 8) & 255);
    int db = (int)(a & 255) - (int)(b & 255);
    return abs(dr) <= tol && abs(dg) <= tol && abs(db) <= tol;
}

static uint32_t pixel(SDL_Surface *s, int x, int y)
{
    const Uint8 *p = (const Uint8 *)s->pixels + y * s->pitch + x * 4;
    Uint32 v;
    memcpy(&v, p, 4);
    Uint8 r, g, b, al;
    SDL_GetRGBA(v, s->format, &r, &g, &b, &al);
    return (uint32_t)r << 16 | (uint32_t)g << 8 | b;
}

/* The most common colour in the rectangle other than the text's own colour, or -1. Text rarely
 * covers most of its control, so this is the ground the label is read against; antialiased edge
 * pixels are rare and never win. */
static long background(SDL_Surface *s, int x0, int y0, int w, int h, uint32_t fg)
{
    enum { N = 4096 };
    static uint32_t keys[N];
    static int counts[N];
    memset(counts, 0, sizeof counts);
    int best = -1;
    for (int y = y0; y < y0 + h; y++)
        for (int x = x0; x < x0 + w; x++) {
            uint32_t c = pixel(s, x, y);
            if (near(c, fg, 6))
                continue;
            unsigned slot = (c * 2654435761u) % N;
            int probes = 0;
            while (counts[slot] && keys[slot] != c && probes++ < N)
                slot = (slot + 1) % N;
            if (probes >= N)
                continue; /* table full: a photo, not a flat ground */
            keys[slot] = c;
            counts[slot]++;
            if (best < 0 || counts[slot] > counts[best])
                best = (int)slot;
        }
    return best < 0 ? -1 : (long)keys[best];
}

/* A rectangle of the UI where it shows in the picture (W x H) turned clockwise by rotate. */
static void turn(int rotate, int W, int H, int *x, int *y, int *w, int *h)
{
    int rx = *x, ry = *y, rw = *w, rh = *h;
    switch (rotate) {
    case 90:
        *x = W - (ry + rh), *y = rx, *w = rh, *h = rw;
        break;
    case 180:
        *x = W - (rx + rw), *y = H - (ry + rh);
        break;
    case 270:
        *x = ry, *y = H - (rx + rw), *w = rh, *h = rw;
        break;
    default:
        break;
    }
}

static int read_modes(const char *path, modes *m)
{
    json_error_t err;
    json_t *j = json_load_file(path, 0, &err);
    if (!j) {
        fprintf(stderr, "%s:%d: %s\n", path, err.line, err.text);
        return -1;
    }
    m->high_contrast = (int)json_integer_value(json_object_get(j, "high_contrast"));
    m->large_text = (int)json_integer_value(json_object_get(j, "large_text"));
    m->low_reach = (int)json_integer_value(json_object_get(j, "low_reach"));
    m->text_scale_pct = (int)json_integer_value(json_object_get(j, "text_scale_pct"));
    m->panel_bottom_mm = (int)json_integer_value(json_object_get(j, "panel_bottom_mm"));
    m->screen_h = (int)json_integer_value(json_object_get(j, "screen_h"));
    m->px_per_mm = json_number_value(json_object_get(j, "px_per_mm"));
    m->rotate = (int)json_integer_value(json_object_get(j, "rotate"));
    json_decref(j);
    if (m->px_per_mm <= 0 || m->screen_h <= 0) {
        fprintf(stderr, "%s: px_per_mm and screen_h are required\n", path);
        return -1;
    }
    return 0;
}

static int rect_of(json_t *o, int *x, int *y, int *w, int *h)
{
    if (!json_is_object(o))
        return -1;
    *x = (int)json_integer_value(json_object_get(o, "x"));
    *y = (int)json_integer_value(json_object_get(o, "y"));
    *w = (int)json_integer_value(json_object_get(o, "w"));
    *h = (int)json_integer_value(json_object_get(o, "h"));
    return 0;
}

static int lint_shot(const char *png, int default_size)
{
    char base[4096], path[4200];
    snprintf(base, sizeof base, "%.*s", (int)(strlen(png) - 4), png);
    modes m;
    snprintf(path, sizeof path, "%s.a11y.json", base);
    if (read_modes(path, &m) < 0)
        return -1;
    snprintf(path, sizeof path, "%s.a11y-tree.json", base);
    json_error_t err;
    json_t *tree = json_load_file(path, 0, &err);
    if (!json_is_array(tree)) {
        fprintf(stderr, "%s:%d: %s\n", path, err.line, tree ? "not an array" : err.text);
        json_decref(tree);
        return -1;
    }
    SDL_Surface *raw = IMG_Load(png);
    SDL_Surface *s = raw ? SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_RGBA8888, 0) : NULL;
    SDL_FreeSurface(raw);
    if (!s) {
        fprintf(stderr, "%s: %s\n", png, IMG_GetError());
        json_decref(tree);
        return -1;
    }
    double need_contrast = m.high_contrast ? 7.0 : 4.5;
    double need_cap_mm = MIN_CAP_MM * (m.large_text ? 2.0 : 1.0);
    int dialog = 0;
    size_t i;
    json_t *n;
    json_array_foreach(tree, i, n) dialog |= json_is_true(json_object_get(n, "in_dialog"));
    int bad = 0, checked = 0;
    const char *file = strrchr(png, '/') ? strrchr(png, '/') + 1 : png;
    json_array_foreach(tree, i, n)
    {
        const char *label = json_string_value(json_object_get(n, "label"));
        const char *role = json_string_value(json_object_get(n, "role"));
        int x = 0, y = 0, w = 0, h = 0;
        int visible = json_is_true(json_object_get(n, "visible"));
        int enabled = json_is_true(json_object_get(n, "enabled"));
        /* Low reach: every control, visible or reached by scrolling, lies in the band. */
        if (m.low_reach && json_is_true(json_object_get(n, "focusable")) && visible &&
            rect_of(json_object_get(n, "vis"), &x, &y, &w, &h) == 0) {
            double top_mm = m.panel_bottom_mm + (m.screen_h - y) / m.px_per_mm;
            double bottom_mm = m.panel_bottom_mm + (m.screen_h - (y + h)) / m.px_per_mm;
            if (top_mm > 1220.5 || bottom_mm < 379.5) {
                printf("%s: \"%s\" (%s) lies %.0f-%.0f mm above the floor, outside 380-1220 mm\n",
                       file, label ? label : "", role ? role : "", bottom_mm, top_mm);
                bad++;
            }
        }
        /* Large text: nothing cut (the tree's "truncated", where the toolkit records it) and no
         * two controls on top of each other. */
        if (m.large_text && visible && json_is_true(json_object_get(n, "truncated"))) {
            printf("%s: \"%s\" (%s) is truncated in large-text mode\n", file, label ? label : "",
                   role ? role : "");
            bad++;
        }
        if (m.large_text && visible && json_is_true(json_object_get(n, "focusable")) &&
            rect_of(json_object_get(n, "rect"), &x, &y, &w, &h) == 0) {
            size_t k;
            json_t *o;
            json_array_foreach(tree, k, o)
            {
                int ox = 0, oy = 0, ow = 0, oh = 0;
                if (k <= i || !json_is_true(json_object_get(o, "focusable")) ||
                    !json_is_true(json_object_get(o, "visible")) ||
                    json_is_true(json_object_get(o, "in_dialog")) !=
                        json_is_true(json_object_get(n, "in_dialog")) ||
                    rect_of(json_object_get(o, "rect"), &ox, &oy, &ow, &oh) < 0)
                    continue;
                if (x < ox + ow && ox < x + w && y < oy + oh && oy < y + h) {
                    printf("%s: \"%s\" and \"%s\" overlap in large-text mode\n", file,
                           label ? label : "", json_string_value(json_object_get(o, "label")));
                    bad++;
                }
            }
        }
        const char *fg_s = json_string_value(json_object_get(n, "fg"));
        if (!fg_s || !label || !label[0] || !visible || !enabled)
            continue;
        if (dialog && !json_is_true(json_object_get(n, "in_dialog")))
            continue; /* under the dialog's scrim: not something to read now */
        if (rect_of(json_object_get(n, "vis"), &x, &y, &w, &h) < 0 || w <= 0 || h <= 0)
            continue;
        turn(m.rotate, s->w, s->h, &x, &y, &w, &h);
        if (x < 0 || y < 0 || x + w > s->w || y + h > s->h)
            continue;
        uint32_t fg = (uint32_t)strtoul(fg_s + 1, NULL, 16);
        long bg = background(s, x, y, w, h, fg);
        checked++;
        if (bg >= 0) {
            double c = contrast(fg, (uint32_t)bg);
            if (c + 1e-9 < need_contrast) {
                printf("%s: \"%s\" (%s) contrast %.2f:1 (#%06x on #%06lx), needs %.1f:1\n", file,
                       label, role ? role : "", c, fg, bg, need_contrast);
                bad++;
            }
        }
        int font_px = (int)json_integer_value(json_object_get(n, "font_px"));
        double cap_mm = font_px * CAP_EM / m.px_per_mm;
        if (font_px > 0 && cap_mm + 1e-9 < need_cap_mm && (default_size || m.large_text)) {
            printf("%s: \"%s\" (%s) capital height %.2f mm (%d px), needs %.1f mm\n", file, label,
                   role ? role : "", cap_mm, font_px, need_cap_mm);
            bad++;
        }
    }
    SDL_FreeSurface(s);
    json_decref(tree);
    (void)checked;
    return bad ? 1 : 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: md-a11y-lint SHOT.png... (with SHOT.a11y.json and "
                        "SHOT.a11y-tree.json beside each)\n");
        return 2;
    }
    int rc = 0, default_size = 1, first = 1;
    if (!strcmp(argv[1], "--no-default-size")) {
        default_size = 0;
        first = 2;
    }
    for (int i = first; i < argc; i++) {
        int r = lint_shot(argv[i], default_size);
        if (r < 0)
            return 2;
        if (r > 0)
            rc = 1;
    }
    return rc;
}
