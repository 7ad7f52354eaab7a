/* What the unit tests that run md_app headless share: madang's main.c's process-wide set-up for
 * a headless run, a file written from a string (a kiosk configuration, a script), and an md_app
 * of a given size from a configuration file. */
#ifndef MD_TESTS_HEADLESS_APP_H
#define MD_TESTS_HEADLESS_APP_H

#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>

#include "app/app.h"

/* What madang's main.c does for a headless run: 0, or -1 (said on stderr). */
static inline int md_test_headless_init(void)
{
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        fprintf(stderr, "SDL_Init: %s\n", SDL_GetError());
        return -1;
    }
    return 0;
}

/* Writes text to path: 0, or -1. */
static inline int md_test_write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    fputs(text, f);
    return fclose(f);
}

/* A headless md_app of w x h from the configuration file conf, not rotated; NULL on failure. */
static inline md_app *md_test_headless_app(const char *conf, int w, int h)
{
    md_app_options o = {.config_path = conf, .headless = 1, .width = w, .height = h, .rotate = -1};
    return md_app_create(&o);
}

#endif
