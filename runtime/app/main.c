/* madang: the kiosk program. Parses the command line and hands over to runtime/app/app.c.
 *   madang [--config FILE] [--windowed WxH] [--rotate 0|90|180|270]
 *   madang --headless --script FILE --out DIR [--size WxH] [--config FILE]
 *   madang --bench [--size WxH] [--config FILE]
 *   madang --sync-once [--config FILE]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "base/base.h"
#include "sync/sync.h"

static int parse_size(const char *s, int *w, int *h)
{
    char *end = NULL;
    long wv = strtol(s, &end, 10);
    if (end == s || *end != 'x')
        return -1;
    const char *q = end + 1;
    long hv = strtol(q, &end, 10);
    if (end == q || *end || wv < 64 || hv < 64 || wv > 16384 || hv > 16384)
        return -1;
    *w = (int)wv;
    *h = (int)hv;
    return 0;
}

static int usage(void)
{
    fprintf(
        stderr,
        "usage: madang [--config FILE] [--windowed WxH] [--rotate 0|90|180|270]\n"
        "       madang --headless --script FILE --out DIR [--size WxH] [--config FILE]\n"
        "       madang --bench [--size WxH] [--frames N] [--config FILE]\n"
        "       madang --sync-once [--config FILE]   (exit 0 current, 1 refused, 2 unreachable)\n"
        "The default configuration is %s (built-in defaults if it is missing).\n",
        MD_CONFIG_DEFAULT_PATH);
    return 2;
}

int main(int argc, char **argv)
{
    md_app_options opt = {.rotate = -1, .start_ns = md_time_ns()};
    const char *script = NULL, *out = NULL;
    int bench = 0, frames = 300, sync_once = 0;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        const char *val = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(arg, "--config") && val) {
            opt.config_path = val;
            i++;
        } else if ((!strcmp(arg, "--windowed") || !strcmp(arg, "--size")) && val) {
            if (parse_size(val, &opt.width, &opt.height) < 0) {
                fprintf(stderr, "madang: %s wants WxH, e.g. 1280x800, not \"%s\"\n", arg, val);
                return 2;
            }
            if (!strcmp(arg, "--windowed"))
                opt.windowed = 1;
            i++;
        } else if (!strcmp(arg, "--rotate") && val) {
            char *end = NULL;
            long r = strtol(val, &end, 10);
            if (end == val || *end || (r != 0 && r != 90 && r != 180 && r != 270)) {
                fprintf(stderr, "madang: --rotate wants 0, 90, 180 or 270, not \"%s\"\n", val);
                return 2;
            }
            opt.rotate = (int)r;
            i++;
        } else if (!strcmp(arg, "--headless")) {
            opt.headless = 1;
        } else if (!strcmp(arg, "--script") && val) {
            script = val;
            i++;
        } else if (!strcmp(arg, "--out") && val) {
            out = val;
            i++;
        } else if (!strcmp(arg, "--sync-once")) {
            sync_once = 1;
        } else if (!strcmp(arg, "--bench")) {
            bench = 1;
            opt.headless = 1;
        } else if (!strcmp(arg, "--frames") && val) {
            frames = atoi(val);
            i++;
        } else {
            return usage();
        }
    }
    if (sync_once)
        return md_sync_main_once(opt.config_path); /* 0 current, 1 refused, 2 unreachable */
    if (opt.headless && !bench && (!script || !out)) {
        fprintf(stderr, "madang: --headless needs --script FILE and --out DIR\n");
        return usage();
    }
    if (bench && !opt.width) {
        opt.width = 1920;
        opt.height = 1080;
    }
    md_app *app = md_app_create(&opt);
    if (!app)
        return 1;
    int rc = bench          ? md_app_bench(app, frames)
             : opt.headless ? md_app_run_script(app, script, out)
                            : md_app_run(app);
    md_app_destroy(app);
    return rc;
}
