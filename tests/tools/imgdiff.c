/* md-imgdiff: compares a rendered PNG with its golden image, with a tolerance, so a FreeType or
 * SDL patch release that moves a few anti-aliased pixels does not break the suite.
 *   md-imgdiff GOLDEN ACTUAL [--max-channel N] [--max-ratio R] [--diff OUT.png]
 * A pixel differs when any channel differs by more than N (default 48). The images match when
 * they have the same size and at most R (default 0.001) of the pixels differ: one new line of
 * small text on a 1280x720 screen is about 0.1%, so a missing or added label fails. Exit 0 match,
 * 1 mismatch (with the figures), 2 error. */
#include <SDL.h>
#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(
            stderr,
            "usage: md-imgdiff GOLDEN ACTUAL [--max-channel N] [--max-ratio R] [--diff OUT.png]\n");
        return 2;
    }
    int max_channel = 48;
    double max_ratio = 0.001;
    const char *diff_path = NULL;
    for (int i = 3; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--max-channel"))
            max_channel = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "--max-ratio"))
            max_ratio = atof(argv[i + 1]);
        else if (!strcmp(argv[i], "--diff"))
            diff_path = argv[i + 1];
    }
    SDL_Surface *a0 = IMG_Load(argv[1]), *b0 = IMG_Load(argv[2]);
    if (!a0 || !b0) {
        fprintf(stderr, "md-imgdiff: cannot load %s: %s\n", !a0 ? argv[1] : argv[2],
                IMG_GetError());
        return 2;
    }
    SDL_Surface *a = SDL_ConvertSurfaceFormat(a0, SDL_PIXELFORMAT_RGBA32, 0);
    SDL_Surface *b = SDL_ConvertSurfaceFormat(b0, SDL_PIXELFORMAT_RGBA32, 0);
    SDL_FreeSurface(a0);
    SDL_FreeSurface(b0);
    if (!a || !b)
        return 2;
    if (a->w != b->w || a->h != b->h) {
        printf("md-imgdiff: size differs: %dx%d vs %dx%d\n", a->w, a->h, b->w, b->h);
        return 1;
    }
    long n_diff = 0;
    for (int y = 0; y < a->h; y++) {
        Uint8 *pa = (Uint8 *)a->pixels + y * a->pitch, *pb = (Uint8 *)b->pixels + y * b->pitch;
        for (int x = 0; x < a->w; x++) {
            int differs = 0;
            for (int c = 0; c < 4; c++)
                if (abs(pa[4 * x + c] - pb[4 * x + c]) > max_channel)
                    differs = 1;
            if (differs) {
                n_diff++;
                pb[4 * x] = 255, pb[4 * x + 1] = 0, pb[4 * x + 2] = 255, pb[4 * x + 3] = 255;
            }
        }
    }
    double ratio = (double)n_diff / ((double)a->w * a->h);
    int ok = ratio <= max_ratio;
    if (!ok && diff_path)
        IMG_SavePNG(b, diff_path);
    if (!ok)
        printf("md-imgdiff: %ld pixels differ (%.4f%% > %.4f%%)\n", n_diff, ratio * 100,
               max_ratio * 100);
    SDL_FreeSurface(a);
    SDL_FreeSurface(b);
    return ok ? 0 : 1;
}
