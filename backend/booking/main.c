/* madang-booking: the shuttle booking service and its admin commands.
 *   madang-booking --listen HOST:PORT --db CONNINFO --gtfs DIR [options]   serve the API
 *   madang-booking add-kiosk --db CONNINFO --id ID                         print a new token
 *   madang-booking migrate --db CONNINFO                                   apply the schema
 * See backend/README.md. */
#include "booking.h"

#include <signal.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifndef MD_DATA_DIR
#define MD_DATA_DIR "."
#endif

static volatile sig_atomic_t stop_requested = 0;

static void on_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

void bk_log(const char *fmt, ...)
{
    char when[32];
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    va_list ap;
    va_start(ap, fmt);
    char msg[1024];
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fprintf(stderr, "%s madang-booking: %s\n", when, msg);
}

static void usage(void)
{
    fprintf(stderr,
            "usage: madang-booking --listen HOST:PORT --db CONNINFO --gtfs DIR\n"
            "                      [--threads N] [--rate PER_S] [--burst N] [--max-days-ahead N]\n"
            "                      [--tls-cert PEM --tls-key PEM] [--migrations DIR]\n"
            "                      [--test-code-seed N]   (tests only: predictable codes)\n"
            "       madang-booking add-kiosk --db CONNINFO --id ID\n"
            "       madang-booking migrate --db CONNINFO [--migrations DIR]\n");
}

static const char *default_migrations(void)
{
    static const char *const candidates[] = {MD_DATA_DIR "/backend/booking/migrations",
                                             "/usr/share/madang/booking/migrations"};
    for (size_t i = 0; i < sizeof candidates / sizeof *candidates; i++)
        if (access(candidates[i], R_OK) == 0)
            return candidates[i];
    return candidates[0];
}

static int valid_kiosk_id(const char *id)
{
    size_t n = strlen(id);
    if (n == 0 || n > BK_KIOSK_ID_MAX)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = id[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-'))
            return 0;
    }
    return 1;
}

int main(int argc, char **argv)
{
    const char *cmd = "serve";
    int first = 1;
    if (argc > 1 && argv[1][0] != '-') {
        cmd = argv[1];
        first = 2;
    }
    const char *db_conninfo = NULL, *gtfs_dir = NULL, *id = NULL;
    const char *migrations = default_migrations();
    unsigned long long code_seed = 0;
    bk_server_opts opts = {
        .listen = NULL, .n_threads = 8, .rate_per_s = 5, .rate_burst = 30, .max_days_ahead = 7};
    for (int i = first; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!v) {
            fprintf(stderr, "madang-booking: %s needs a value\n", a);
            usage();
            return 2;
        }
        i++;
        if (strcmp(a, "--listen") == 0)
            opts.listen = v;
        else if (strcmp(a, "--db") == 0)
            db_conninfo = v;
        else if (strcmp(a, "--gtfs") == 0)
            gtfs_dir = v;
        else if (strcmp(a, "--id") == 0)
            id = v;
        else if (strcmp(a, "--migrations") == 0)
            migrations = v;
        else if (strcmp(a, "--threads") == 0)
            opts.n_threads = atoi(v);
        else if (strcmp(a, "--rate") == 0)
            opts.rate_per_s = atof(v);
        else if (strcmp(a, "--burst") == 0)
            opts.rate_burst = atof(v);
        else if (strcmp(a, "--max-days-ahead") == 0)
            opts.max_days_ahead = atoi(v);
        else if (strcmp(a, "--tls-cert") == 0)
            opts.tls_cert = v;
        else if (strcmp(a, "--tls-key") == 0)
            opts.tls_key = v;
        else if (strcmp(a, "--test-code-seed") == 0)
            code_seed = strtoull(v, NULL, 10);
        else {
            fprintf(stderr, "madang-booking: unknown option %s\n", a);
            usage();
            return 2;
        }
    }
    if (sodium_init() < 0) {
        bk_log("libsodium failed to start");
        return 1;
    }
    if (!db_conninfo) {
        fprintf(stderr, "madang-booking: --db CONNINFO is required\n");
        usage();
        return 2;
    }
    if (strcmp(cmd, "migrate") == 0)
        return bk_db_migrate(db_conninfo, migrations) == 0 ? 0 : 1;
    if (strcmp(cmd, "add-kiosk") == 0) {
        if (!id || !valid_kiosk_id(id)) {
            fprintf(stderr, "madang-booking: --id must be 1-64 of A-Z a-z 0-9 . _ -\n");
            return 2;
        }
        char token[BK_TOKEN_HEX_LEN + 1];
        if (bk_db_migrate(db_conninfo, migrations) < 0 ||
            bk_db_add_kiosk(db_conninfo, id, token) < 0)
            return 1;
        printf("%s\n", token);
        return 0;
    }
    if (strcmp(cmd, "serve") != 0) {
        usage();
        return 2;
    }
    if (!opts.listen || !gtfs_dir) {
        fprintf(stderr, "madang-booking: --listen and --gtfs are required\n");
        usage();
        return 2;
    }
    if (opts.n_threads < 1 || opts.n_threads > 256 || opts.max_days_ahead < 0 ||
        opts.max_days_ahead > 366) {
        fprintf(stderr, "madang-booking: --threads 1..256, --max-days-ahead 0..366\n");
        return 2;
    }
    char err[512];
    gtfs_feed *feed = gtfs_load(gtfs_dir, err, sizeof err);
    if (!feed) {
        bk_log("GTFS: refused: %s", err);
        return 1;
    }
    /* Departure times are local to the agency: the process works in its time zone. */
    setenv("TZ", feed->timezone, 1);
    tzset();
    if (bk_db_migrate(db_conninfo, migrations) < 0) {
        gtfs_free(feed);
        return 1;
    }
    bk_db *db = bk_db_create(db_conninfo, opts.n_threads);
    if (db && code_seed) {
        bk_log("TESTS ONLY: booking codes from a fixed sequence (--test-code-seed); never use "
               "this in production");
        bk_db_set_code_seed(db, (uint64_t)code_seed);
    }
    bk_server *srv = db ? bk_server_start(&opts, db, feed) : NULL;
    if (!srv) {
        bk_db_destroy(db);
        gtfs_free(feed);
        return 1;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    bk_log("listening on %s: %d trips, %d stops (%s)", opts.listen, feed->n_trips, feed->n_stops,
           feed->timezone);
    printf("ready\n");
    fflush(stdout);
    while (!stop_requested)
        pause();
    bk_server_stop(srv);
    bk_db_destroy(db);
    gtfs_free(feed);
    bk_log("stopped");
    return 0;
}
