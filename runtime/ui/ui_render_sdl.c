/* Draws the last frame's draw list with an SDL renderer (rounded rectangles as geometry, text
 * through the text engine, images, QR codes, the busy spinner), and keeps the image (SDL_image)
 * and QR (libqrencode) caches the widgets refer to by slot.
 */
#include <SDL.h>
#include <SDL_image.h>
#include <math.h>
#include <qrencode.h>
#include <string.h>

#include "base/base.h"
#include "text/text.h"
#include "ui/ui.h"
#include "ui/ui_internal.h"

/* ---------------------------------------------------------------- image and QR caches */

int md_ui_image_slot(md_ui *ui, const char *path)
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

int md_ui_qr_slot(md_ui *ui, const char *data)
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
    return slot;
}

void md_ui_free_caches(md_ui *ui)
{
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

/* A line of thickness t from (x0, y0) to (x1, y1) as two triangles, with round caps. */
static void draw_line(SDL_Renderer *ren, int x0, int y0, int x1, int y1, int t, uint32_t rgba)
{
    float dx = (float)(x1 - x0), dy = (float)(y1 - y0);
    float len = sqrtf(dx * dx + dy * dy);
    float half = (float)(t > 1 ? t : 1) / 2.0f;
    if (len > 0.5f) {
        float nx = -dy / len * half, ny = dx / len * half;
        SDL_Vertex v[4];
        memset(v, 0, sizeof v);
        v[0].position = (SDL_FPoint){(float)x0 + nx, (float)y0 + ny};
        v[1].position = (SDL_FPoint){(float)x0 - nx, (float)y0 - ny};
        v[2].position = (SDL_FPoint){(float)x1 + nx, (float)y1 + ny};
        v[3].position = (SDL_FPoint){(float)x1 - nx, (float)y1 - ny};
        for (int i = 0; i < 4; i++)
            set_color(&v[i], rgba);
        int idx[6] = {0, 1, 2, 1, 3, 2};
        SDL_RenderGeometry(ren, NULL, v, 4, idx, 6);
    }
    if (t >= 3) {
        int r = t / 2;
        fill_round(ren, (md_ui_rect){x0 - r, y0 - r, 2 * r, 2 * r}, r, rgba);
        fill_round(ren, (md_ui_rect){x1 - r, y1 - r, 2 * r, 2 * r}, r, rgba);
    }
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
            case CMD_LINE:
                draw_line(ren, c->r.x, c->r.y, c->r.w, c->r.h, c->thickness, c->rgba);
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
