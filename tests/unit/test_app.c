/* Unit tests for runtime/app: touch coordinates follow a rotated picture; two md_app live in one
 * process (the process-wide set-up is main.c's, done here by the test). */
#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "app/app.h"
#include "app/app_internal.h" /* the app's md_ui, to read the semantic tree */
#include "check.h"
#include "headless_app.h"

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
    CHECK_INT(md_test_write_file(conf, text), 0);
    snprintf(s1, sizeof s1, "%s/to-languages.script", dir);
    CHECK_INT(md_test_write_file(s1, "screen attract\ntap 10 10\nscreen languages\n"), 0);
    snprintf(s2, sizeof s2, "%s/stay.script", dir);
    CHECK_INT(md_test_write_file(s2, "screen attract\nwait 500\nscreen attract\n"), 0);
    snprintf(out, sizeof out, "%s/out", dir);

    md_app *a = md_test_headless_app(conf, 800, 600);
    md_app *b = md_test_headless_app(conf, 640, 480);
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

/* Issue 9, item 13: the attract screen at 1280x800 (a laptop window) and in portrait 1080x1920,
 * through the whole language cycle (all 17 languages): the invitation never overlaps a language
 * name, keeps its full size (it wraps rather than shrinks) and is never cut. */
static void test_attract_fits_every_size(void)
{
    char dir[] = "/tmp/md-test-attract-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char conf[256], text[2048], wait_s[256], out[256];
    snprintf(conf, sizeof conf, "%s/kiosk.conf", dir);
    snprintf(text, sizeof text,
             "[kiosk]\nplugin_dir = %s/no-plugins\nstorage_dir = %s/storage\n"
             "locales_dir = %s/locales\nfonts = %s/fonts/fonts.conf\npx_per_mm = 4.5\n"
             "default_language = ko\n",
             dir, dir, MD_DATA_DIR, MD_DATA_DIR);
    CHECK_INT(md_test_write_file(conf, text), 0);
    snprintf(wait_s, sizeof wait_s, "%s/wait.script", dir);
    CHECK_INT(md_test_write_file(wait_s, "screen attract\nwait 3000\n"), 0);
    snprintf(out, sizeof out, "%s/out", dir);
    const int sizes[2][2] = {{1280, 800}, {1080, 1920}};
    for (int z = 0; z < 2; z++) {
        md_app *a = md_test_headless_app(conf, sizes[z][0], sizes[z][1]);
        CHECK(a != NULL);
        if (!a)
            continue;
        const md_ui_theme *t = md_ui_theme_get(a->ui);
        CHECK_INT(a->langs.n, 17);
        for (int k = 0; k < a->langs.n; k++) {
            CHECK_INT(md_app_run_script(a, wait_s, out), 0);
            const md_ui_node *button = NULL;
            int names_top = 1 << 30;
            for (int i = 0; i < md_ui_node_count(a->ui); i++) {
                const md_ui_node *n = md_ui_node_at(a->ui, i);
                if (n->role == MD_UI_ROLE_BUTTON)
                    button = n;
                else if (n->role == MD_UI_ROLE_TEXT && n->rect.y > sizes[z][1] / 2 &&
                         n->rect.y < names_top)
                    names_top = n->rect.y; /* the row of language names */
            }
            CHECK(button != NULL);
            if (!button)
                break;
            if (button->rect.y + button->rect.h > names_top || button->truncated ||
                button->font_px != t->text_px[MD_TEXT_LARGE]) {
                fprintf(stderr, "  FAIL %dx%d %s: \"%s\" at y %d h %d (names at %d), %d px%s\n",
                        sizes[z][0], sizes[z][1], md_i18n_current(a->i18n), button->label,
                        button->rect.y, button->rect.h, names_top, button->font_px,
                        button->truncated ? ", cut" : "");
                check_case_failed_ = 1;
            }
        }
        md_app_destroy(a);
    }
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CHECK_INT(system(cmd), 0);
}

int main(void)
{
    if (md_test_headless_init() != 0)
        return 1;
    RUN(test_rotation_maps_corners);
    RUN(test_two_apps_in_one_process);
    RUN(test_attract_fits_every_size);
    SDL_Quit();
    return check_summary();
}
