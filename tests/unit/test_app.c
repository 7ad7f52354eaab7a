/* Unit tests for runtime/app: touch coordinates follow a rotated picture; two md_app live in one
 * process (the process-wide set-up is main.c's, done here by the test). */
#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "app/app.h"
#include "check.h"

/* The UI's corners must land on the window corners the rotated picture puts them at. */
static void test_rotation_maps_corners(void)
{
    int lx = 0, ly = 0;
    /* 90: UI 1920x1080 shown in a 1080x1920 window. UI top-left is the window's top-right. */
    md_app_window_to_ui(90, 1080, 1920, 1079, 0, &lx, &ly);
    CHECK_INT(lx, 0);
    CHECK_INT(ly, 0);
    md_app_window_to_ui(90, 1080, 1920, 0, 1919, &lx, &ly); /* window bottom-left */
    CHECK_INT(lx, 1919);
    CHECK_INT(ly, 1079);
    md_app_window_to_ui(90, 1080, 1920, 1079, 1919, &lx, &ly); /* window bottom-right */
    CHECK_INT(lx, 1919);
    CHECK_INT(ly, 0);
    md_app_window_to_ui(180, 1920, 1080, 0, 0, &lx, &ly);
    CHECK_INT(lx, 1919);
    CHECK_INT(ly, 1079);
    /* 270: UI top-left is the window's bottom-left. */
    md_app_window_to_ui(270, 1080, 1920, 0, 1919, &lx, &ly);
    CHECK_INT(lx, 0);
    CHECK_INT(ly, 0);
    md_app_window_to_ui(270, 1080, 1920, 1079, 0, &lx, &ly);
    CHECK_INT(lx, 1919);
    CHECK_INT(ly, 1079);
    md_app_window_to_ui(0, 1920, 1080, 12, 34, &lx, &ly);
    CHECK_INT(lx, 12);
    CHECK_INT(ly, 34);
}

static int write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    fputs(text, f);
    return fclose(f);
}

/* Two kiosks side by side: each has its own flow, screen and size, and one outlives the other. */
static void test_two_apps_in_one_process(void)
{
    char dir[] = "/tmp/md-test-app-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char conf[256], text[2048], s1[256], s2[256], out[256];
    snprintf(conf, sizeof conf, "%s/kiosk.conf", dir);
    snprintf(text, sizeof text,
             "[kiosk]\nplugin_dir = %s/no-plugins\nstorage_dir = %s/storage\n"
             "locales_dir = %s/locales\nfonts = %s/fonts/fonts.conf\n"
             "languages = en ko\ndefault_language = en\n",
             dir, dir, MD_DATA_DIR, MD_DATA_DIR);
    CHECK_INT(write_file(conf, text), 0);
    snprintf(s1, sizeof s1, "%s/to-languages.script", dir);
    CHECK_INT(write_file(s1, "screen attract\ntap 10 10\nscreen languages\n"), 0);
    snprintf(s2, sizeof s2, "%s/stay.script", dir);
    CHECK_INT(write_file(s2, "screen attract\nwait 500\nscreen attract\n"), 0);
    snprintf(out, sizeof out, "%s/out", dir);

    md_app_options oa = {
        .config_path = conf, .headless = 1, .width = 800, .height = 600, .rotate = -1};
    md_app_options ob = oa;
    ob.width = 640;
    ob.height = 480;
    md_app *a = md_app_create(&oa);
    md_app *b = md_app_create(&ob);
    CHECK(a != NULL && b != NULL);
    if (a && b) {
        CHECK_INT(md_app_run_script(a, s1, out), 0);
        CHECK_INT(md_app_run_script(b, s2, out), 0);
        CHECK_STR(md_app_screen_name(a), "languages");
        CHECK_STR(md_app_screen_name(b), "attract");
        md_app_destroy(a);
        a = NULL;
        /* b still works after a is gone (nothing process-wide was torn down with a). */
        CHECK_INT(md_app_run_script(b, s1, out), 0);
        CHECK_STR(md_app_screen_name(b), "languages");
    }
    md_app_destroy(a);
    md_app_destroy(b);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CHECK_INT(system(cmd), 0);
}

int main(void)
{
    /* What madang's main.c does for a headless run. */
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        fprintf(stderr, "SDL_Init: %s\n", SDL_GetError());
        return 1;
    }
    RUN(test_rotation_maps_corners);
    RUN(test_two_apps_in_one_process);
    SDL_Quit();
    return check_summary();
}
