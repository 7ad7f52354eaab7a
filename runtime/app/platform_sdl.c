/* The SDL side of the program: the window (or offscreen surface when headless) and its renderer,
 * input events turned into flow calls (with kiosk lockdown of shortcuts), drawing the UI to the
 * window (rotated when the kiosk is mounted portrait), screenshots, and the real-time clock.
 * SDL_Init, hints and SDL_Quit are process-wide and live in main.c.
 */
#include <SDL.h>
#include <SDL_image.h>
#include <string.h>

#include "app/app_internal.h"
#include "base/base.h"

/* ---------------------------------------------------------------- clock */

uint64_t md_app_now_ms(const md_app *a)
{
    return a->headless ? a->virt_ms : SDL_GetTicks64();
}

/* Window-manager and terminal shortcuts never reach the kiosk: anything with Alt, Ctrl or the
 * system key is dropped here (alt+F4, alt+Tab, ctrl+alt+Backspace, ctrl+q, ctrl+w, ...). */
static void key(md_app *a, SDL_Keycode sym, Uint16 mod)
{
    if (mod & (KMOD_ALT | KMOD_CTRL | KMOD_GUI)) {
        md_log(MD_LOG_DEBUG, "APP", "shortcut %s ignored (lockdown)", SDL_GetKeyName(sym));
        return;
    }
    a->last_input_ms = md_app_now_ms(a);
    a->dirty = 1;
    if (a->idle_warning) {
        a->pending = ACT_CONTINUE;
        md_app_apply_pending(a);
        return;
    }
    if (a->screen == SCREEN_ATTRACT) {
        a->pending = ACT_LANGUAGES;
        md_app_apply_pending(a);
        return;
    }
    switch (sym) {
    case SDLK_ESCAPE:
    case SDLK_AC_BACK:
        md_app_back(a);
        break;
    case SDLK_TAB:
        md_ui_key_press(a->ui, (mod & KMOD_SHIFT) ? MD_UI_KEY_PREV : MD_UI_KEY_NEXT);
        break;
    case SDLK_DOWN:
        md_ui_key_press(a->ui, MD_UI_KEY_NEXT);
        break;
    case SDLK_UP:
        md_ui_key_press(a->ui, MD_UI_KEY_PREV);
        break;
    case SDLK_LEFT:
        md_ui_key_press(a->ui, MD_UI_KEY_LEFT);
        break;
    case SDLK_RIGHT:
        md_ui_key_press(a->ui, MD_UI_KEY_RIGHT);
        break;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
    case SDLK_SPACE:
        md_ui_key_press(a->ui, MD_UI_KEY_ACTIVATE);
        break;
    default:
        break;
    }
}

void md_app_window_to_ui(int rotate, int win_w, int win_h, int wx, int wy, int *lx, int *ly)
{
    switch (rotate) {
    case 90: /* the picture is turned clockwise: the UI's top edge is the window's right edge */
        *lx = wy;
        *ly = win_w - 1 - wx;
        break;
    case 180:
        *lx = win_w - 1 - wx;
        *ly = win_h - 1 - wy;
        break;
    case 270:
        *lx = win_h - 1 - wy;
        *ly = wx;
        break;
    default:
        *lx = wx;
        *ly = wy;
        break;
    }
}

static void unrotate(const md_app *a, int wx, int wy, int *lx, int *ly)
{
    md_app_window_to_ui(a->rotate, a->win_w, a->win_h, wx, wy, lx, ly);
}

void md_app_handle_event(md_app *a, const SDL_Event *e)
{
    int x = 0, y = 0;
    switch (e->type) {
    case SDL_QUIT:
        if (a->cfg.kiosk)
            md_log(MD_LOG_INFO, "APP", "quit request ignored (kiosk lockdown; stop with SIGTERM)");
        else
            a->quit = 1;
        break;
    case SDL_KEYDOWN:
        key(a, e->key.keysym.sym, e->key.keysym.mod);
        break;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
        if (e->button.which == SDL_TOUCH_MOUSEID || e->button.button != SDL_BUTTON_LEFT)
            break;
        unrotate(a, e->button.x, e->button.y, &x, &y);
        md_app_pointer(a, e->type == SDL_MOUSEBUTTONDOWN ? PTR_DOWN : PTR_UP, x, y);
        break;
    case SDL_MOUSEMOTION:
        if (e->motion.which == SDL_TOUCH_MOUSEID || !(e->motion.state & SDL_BUTTON_LMASK))
            break;
        unrotate(a, e->motion.x, e->motion.y, &x, &y);
        md_app_pointer(a, PTR_MOVE, x, y);
        break;
    case SDL_FINGERDOWN:
    case SDL_FINGERMOTION:
    case SDL_FINGERUP:
        /* One finger drives the UI; others are ignored until it lifts. */
        if (e->type == SDL_FINGERDOWN && !a->finger_id_valid) {
            a->finger_id_valid = 1;
            a->finger_id = (long long)e->tfinger.fingerId;
        } else if (!a->finger_id_valid || a->finger_id != (long long)e->tfinger.fingerId) {
            break;
        }
        unrotate(a, (int)(e->tfinger.x * (float)a->win_w), (int)(e->tfinger.y * (float)a->win_h),
                 &x, &y);
        md_app_pointer(a,
                       e->type == SDL_FINGERDOWN ? PTR_DOWN
                       : e->type == SDL_FINGERUP ? PTR_UP
                                                 : PTR_MOVE,
                       x, y);
        if (e->type == SDL_FINGERUP)
            a->finger_id_valid = 0;
        break;
    case SDL_WINDOWEVENT:
        a->dirty = 1;
        break;
    case SDL_RENDER_TARGETS_RESET:
    case SDL_RENDER_DEVICE_RESET:
        a->dirty = 1;
        break;
    default:
        break;
    }
}

/* ---------------------------------------------------------------- window, drawing */

int md_app_platform_open(md_app *a, int windowed)
{
    Uint32 flags = SDL_WINDOW_SHOWN; /* no HiDPI scaling: touch and pixels share one space */
    if (!a->headless && !windowed)
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    int ww = a->win_w, wh = a->win_h;
    a->win =
        SDL_CreateWindow("Madang", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, ww, wh, flags);
    if (!a->win) {
        md_log(MD_LOG_ERROR, "APP", "cannot open a window: %s", SDL_GetError());
        return -1;
    }
    /* The renderer is chosen, not probed (docs/PERFORMANCE.md): software unless renderer = gl.
     * On the kiosk's hardware GL means Mesa's llvmpipe, which costs more start-up, memory and
     * frame time than SDL's software renderer. */
    if (!a->headless && a->use_gl) {
        a->ren =
            SDL_CreateRenderer(a->win, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
        if (!a->ren)
            md_log(MD_LOG_WARN, "APP", "no accelerated renderer (%s); using software",
                   SDL_GetError());
    }
    if (!a->headless) {
        if (a->cfg.kiosk)
            SDL_SetWindowKeyboardGrab(a->win, SDL_TRUE);
        SDL_ShowCursor(a->cfg.kiosk && !windowed ? SDL_DISABLE : SDL_ENABLE);
    }
    if (!a->ren) {
        /* Without this hint SDL backs the window's surface with a GL texture, opening a GL
         * context (and Mesa, ~90 MB) just to show the software renderer's pixels. */
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
        a->ren = SDL_CreateRenderer(a->win, -1, SDL_RENDERER_SOFTWARE);
    }
    if (!a->ren) {
        md_log(MD_LOG_ERROR, "APP", "cannot create a renderer: %s", SDL_GetError());
        return -1;
    }
    md_app_update_size(a);
    if (!a->target && (a->headless || a->rotate)) {
        return -1;
    }

    return 0;
}

void md_app_platform_close(md_app *a)
{
    if (a->target)
        SDL_DestroyTexture(a->target);
    if (a->win_target)
        SDL_DestroyTexture(a->win_target);
    if (a->ren)
        SDL_DestroyRenderer(a->ren);
    if (a->win)
        SDL_DestroyWindow(a->win);
}

void md_app_platform_wait(md_app *a, int timeout_ms)
{
    SDL_Event e;
    if (SDL_WaitEventTimeout(&e, timeout_ms)) {
        md_app_handle_event(a, &e);
        while (SDL_PollEvent(&e))
            md_app_handle_event(a, &e);
    }
}

static int make_target(md_app *a)
{
    if (a->target)
        SDL_DestroyTexture(a->target);
    if (a->win_target)
        SDL_DestroyTexture(a->win_target);
    a->target = NULL;
    a->win_target = NULL;
    if (!a->headless && a->rotate == 0)
        return 0;
    if (a->headless && a->rotate) {
        a->win_target = SDL_CreateTexture(a->ren, SDL_PIXELFORMAT_ARGB8888,
                                          SDL_TEXTUREACCESS_TARGET, a->win_w, a->win_h);
        if (!a->win_target) {
            md_log(MD_LOG_ERROR, "APP", "cannot create a %dx%d window target: %s", a->win_w,
                   a->win_h, SDL_GetError());
            return -1;
        }
    }
    a->target =
        SDL_CreateTexture(a->ren, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, a->w, a->h);
    if (!a->target) {
        md_log(MD_LOG_ERROR, "APP", "cannot create a %dx%d render target: %s", a->w, a->h,
               SDL_GetError());
        return -1;
    }
    return 0;
}

void md_app_update_size(md_app *a)
{
    if (!a->headless) {
        int w = 0, h = 0;
        SDL_GetRendererOutputSize(a->ren, &w, &h);
        a->win_w = w;
        a->win_h = h;
    }
    int lw = a->rotate % 180 ? a->win_h : a->win_w;
    int lh = a->rotate % 180 ? a->win_w : a->win_h;
    if (lw != a->w || lh != a->h || (!a->target && (a->headless || a->rotate))) {
        a->w = lw;
        a->h = lh;
        make_target(a);
        a->dirty = 1;
    }
}

void md_app_render(md_app *a)
{
    if (a->target)
        SDL_SetRenderTarget(a->ren, a->target);
    md_ui_render(a->ui, a->ren);
    if (a->target && (!a->headless || a->win_target)) {
        SDL_SetRenderTarget(a->ren, a->win_target); /* NULL: the window */
        SDL_SetRenderDrawColor(a->ren, 0, 0, 0, 255);
        SDL_RenderClear(a->ren);
        SDL_Rect dst = {(a->win_w - a->w) / 2, (a->win_h - a->h) / 2, a->w, a->h};
        SDL_RenderCopyEx(a->ren, a->target, NULL, &dst, (double)a->rotate, NULL, SDL_FLIP_NONE);
    }
    if (!a->headless)
        SDL_RenderPresent(a->ren);
    else
        SDL_RenderFlush(a->ren); /* SDL batches draw calls: headless, make them happen now */
}

int md_app_write_png(md_app *a, const char *path)
{
    /* A rotated run shows the window's picture; otherwise the UI itself. */
    int w = a->win_target ? a->win_w : a->w, h = a->win_target ? a->win_h : a->h;
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGBA32);
    if (!s) {
        md_log(MD_LOG_ERROR, "APP", "cannot allocate a screenshot: %s", SDL_GetError());
        return -1;
    }
    SDL_SetRenderTarget(a->ren, a->win_target ? a->win_target : a->target);
    int rc = SDL_RenderReadPixels(a->ren, NULL, SDL_PIXELFORMAT_RGBA32, s->pixels, s->pitch);
    if (rc == 0)
        rc = IMG_SavePNG(s, path);
    if (rc != 0)
        md_log(MD_LOG_ERROR, "APP", "[%s] cannot write the screenshot: %s", path, SDL_GetError());
    SDL_FreeSurface(s);
    return rc == 0 ? 0 : -1;
}
