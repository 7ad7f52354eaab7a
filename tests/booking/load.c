/* bk-load: simulated kiosks booking one trip concurrently, for the booking service's load test and
 * benchmark. Every attempt carries an idempotency key, so an attempt whose connection died (a
 * killed instance) is retried on the next URL without risk of booking twice. Bounded in attempts
 * and in seconds. Prints one summary line:
 *   created=N replayed=N seats=N wheelchair=N full=N bad=N retries=N unfinished=N dup_codes=N
 *   p50_ms=X p99_ms=X rate=X
 */
#include <curl/curl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <time.h>

#define MAX_KIOSKS 1000
#define MAX_URLS 4
#define MAX_TRIES 6

typedef struct attempt {
    int index, tries, done, status;
    int seats, wheelchair;
    char code[16];
    double started_s, latency_ms;
    char resp[512];
    size_t n_resp;
    char body[256];
    struct curl_slist *headers;
} attempt;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static size_t on_data(char *p, size_t size, size_t n, void *user)
{
    attempt *a = user;
    size_t len = size * n;
    size_t room = sizeof a->resp - 1 - a->n_resp;
    size_t take = len < room ? len : room;
    memcpy(a->resp + a->n_resp, p, take);
    a->n_resp += take;
    a->resp[a->n_resp] = '\0';
    return len;
}

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return a < b ? -1 : a > b;
}

int main(int argc, char **argv)
{
    const char *urls_arg = NULL, *tokens_path = NULL, *trip = NULL, *date = NULL;
    const char *codes_out = NULL, *key_prefix = "load";
    int attempts = 500, concurrency = 50, wheel_every = 0, kill_after = -1, max_seconds = 60;
    int trip_count = 1;
    pid_t kill_pid = 0;
    for (int i = 1; i + 1 < argc; i += 2) {
        const char *k = argv[i], *v = argv[i + 1];
        if (!strcmp(k, "--url"))
            urls_arg = v;
        else if (!strcmp(k, "--tokens"))
            tokens_path = v;
        else if (!strcmp(k, "--trip"))
            trip = v;
        else if (!strcmp(k, "--trips"))
            trip_count = atoi(v);
        else if (!strcmp(k, "--date"))
            date = v;
        else if (!strcmp(k, "--attempts"))
            attempts = atoi(v);
        else if (!strcmp(k, "--concurrency"))
            concurrency = atoi(v);
        else if (!strcmp(k, "--wheel-every"))
            wheel_every = atoi(v);
        else if (!strcmp(k, "--kill-pid"))
            kill_pid = (pid_t)atol(v);
        else if (!strcmp(k, "--kill-after"))
            kill_after = atoi(v);
        else if (!strcmp(k, "--codes-out"))
            codes_out = v;
        else if (!strcmp(k, "--key-prefix"))
            key_prefix = v;
        else if (!strcmp(k, "--max-seconds"))
            max_seconds = atoi(v);
        else {
            fprintf(stderr, "bk-load: unknown option %s\n", k);
            return 2;
        }
    }
    if (!urls_arg || !tokens_path || !trip || attempts < 1 || attempts > 1000000 ||
        concurrency < 1 || concurrency > 1000 || max_seconds < 1 || max_seconds > 3600) {
        fprintf(stderr, "usage: bk-load --url U[,U2] --tokens FILE --trip T [--trips N] "
                        "[--date D] [--attempts N] [--concurrency N] [--wheel-every K] "
                        "[--kill-pid P --kill-after N] [--codes-out F] [--max-seconds S]\n");
        return 2;
    }
    char *urls[MAX_URLS];
    int n_urls = 0;
    char *urls_copy = strdup(urls_arg);
    for (char *save = NULL, *u = strtok_r(urls_copy, ",", &save); u && n_urls < MAX_URLS;
         u = strtok_r(NULL, ",", &save))
        urls[n_urls++] = u;
    static char kiosk_ids[MAX_KIOSKS][72], tokens[MAX_KIOSKS][72];
    int n_kiosks = 0;
    FILE *tf = fopen(tokens_path, "r");
    if (!tf) {
        fprintf(stderr, "bk-load: cannot read %s\n", tokens_path);
        return 2;
    }
    while (n_kiosks < MAX_KIOSKS &&
           fscanf(tf, "%71s %71s", kiosk_ids[n_kiosks], tokens[n_kiosks]) == 2)
        n_kiosks++;
    fclose(tf);
    if (n_kiosks == 0) {
        fprintf(stderr, "bk-load: no kiosks in %s\n", tokens_path);
        return 2;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    attempt *all = calloc((size_t)attempts, sizeof *all);
    CURLM *multi = curl_multi_init();
    int next = 0, running = 0, n_done = 0, killed = 0;
    int created = 0, replayed = 0, seats = 0, wheel = 0, full = 0, bad = 0, retries = 0;
    double t0 = now_s();

    /* Starts attempt a's next try. */
#define START(a)                                                                                   \
    do {                                                                                           \
        attempt *a_ = (a);                                                                         \
        int k_ = a_->index % n_kiosks;                                                             \
        char url_[512];                                                                            \
        char trip_[128];                                                                           \
        if (trip_count > 1)                                                                        \
            snprintf(trip_, sizeof trip_, "%s%d", trip, a_->index % trip_count);                   \
        else                                                                                       \
            snprintf(trip_, sizeof trip_, "%s", trip);                                             \
        snprintf(url_, sizeof url_, "%s/v1/trips/%s/bookings",                                     \
                 urls[(a_->index + a_->tries) % n_urls], trip_);                                   \
        a_->n_resp = 0;                                                                            \
        a_->resp[0] = '\0';                                                                        \
        CURL *e_ = curl_easy_init();                                                               \
        curl_easy_setopt(e_, CURLOPT_URL, url_);                                                   \
        curl_easy_setopt(e_, CURLOPT_POSTFIELDS, a_->body);                                        \
        curl_easy_setopt(e_, CURLOPT_HTTPHEADER, a_->headers);                                     \
        curl_easy_setopt(e_, CURLOPT_WRITEFUNCTION, on_data);                                      \
        curl_easy_setopt(e_, CURLOPT_WRITEDATA, a_);                                               \
        curl_easy_setopt(e_, CURLOPT_PRIVATE, a_);                                                 \
        curl_easy_setopt(e_, CURLOPT_TIMEOUT, 10L);                                                \
        curl_easy_setopt(e_, CURLOPT_NOSIGNAL, 1L);                                                \
        curl_multi_add_handle(multi, e_);                                                          \
        a_->tries++;                                                                               \
        running++;                                                                                 \
    } while (0)

    while ((next < attempts || running > 0) && now_s() - t0 < max_seconds) {
        while (next < attempts && running < concurrency) {
            attempt *a = &all[next];
            a->index = next;
            a->wheelchair = wheel_every > 0 && next % wheel_every == wheel_every - 1;
            a->seats = a->wheelchair ? 0 : 1;
            int k = next % n_kiosks;
            snprintf(a->body, sizeof a->body,
                     "{\"seats\":%d,\"wheelchair\":%s,\"kiosk\":\"%s\"%s%s%s,"
                     "\"idempotency_key\":\"%s-%d\"}",
                     a->seats, a->wheelchair ? "true" : "false", kiosk_ids[k],
                     date ? ",\"date\":\"" : "", date ? date : "", date ? "\"" : "", key_prefix,
                     next);
            char auth[128];
            snprintf(auth, sizeof auth, "Authorization: Bearer %s", tokens[k]);
            a->headers = curl_slist_append(NULL, auth);
            a->headers = curl_slist_append(a->headers, "Content-Type: application/json");
            a->started_s = now_s();
            START(a);
            next++;
        }
        int still = 0;
        curl_multi_perform(multi, &still);
        CURLMsg *m = NULL;
        int left = 0;
        while ((m = curl_multi_info_read(multi, &left))) {
            if (m->msg != CURLMSG_DONE)
                continue;
            attempt *a = NULL;
            curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&a);
            long status = 0;
            curl_easy_getinfo(m->easy_handle, CURLINFO_RESPONSE_CODE, &status);
            CURLcode rc = m->data.result;
            curl_multi_remove_handle(multi, m->easy_handle);
            curl_easy_cleanup(m->easy_handle);
            running--;
            if ((rc != CURLE_OK || status == 0 || status == 503 || status == 429) &&
                a->tries < MAX_TRIES) {
                retries++;
                START(a); /* the same idempotency key on the next instance */
                continue;
            }
            a->done = 1;
            a->status = (int)status;
            a->latency_ms = (now_s() - a->started_s) * 1000.0;
            n_done++;
            if (status == 201 || status == 200) {
                const char *c = strstr(a->resp, "\"code\":\"");
                if (c)
                    snprintf(a->code, sizeof a->code, "%.6s", c + 8);
                if (status == 201)
                    created++;
                else
                    replayed++;
                seats += a->seats;
                wheel += a->wheelchair;
            } else if (status == 409 && strstr(a->resp, "\"full\"")) {
                full++;
            } else {
                bad++;
                if (bad <= 5)
                    fprintf(stderr, "bk-load: attempt %d: HTTP %ld %s (curl %d)\n", a->index,
                            status, a->resp, (int)rc);
            }
            if (kill_pid > 0 && !killed && n_done >= kill_after) {
                kill(kill_pid, SIGKILL);
                killed = 1;
            }
        }
        if (running > 0)
            curl_multi_poll(multi, NULL, 0, 50, NULL);
    }
    double elapsed = now_s() - t0;
    int unfinished = attempts - n_done;
    /* codes must be unique */
    int dup = 0;
    double *lat = calloc((size_t)attempts, sizeof *lat);
    int n_lat = 0;
    FILE *cf = codes_out ? fopen(codes_out, "w") : NULL;
    for (int i = 0; i < attempts; i++) {
        if (all[i].done)
            lat[n_lat++] = all[i].latency_ms;
        if (!all[i].code[0])
            continue;
        if (cf)
            fprintf(cf, "%s\n", all[i].code);
        for (int j = 0; j < i; j++)
            if (all[j].code[0] && strcmp(all[i].code, all[j].code) == 0) {
                dup++;
                break;
            }
    }
    if (cf)
        fclose(cf);
    qsort(lat, (size_t)n_lat, sizeof *lat, cmp_double);
    double p50 = n_lat ? lat[n_lat / 2] : 0, p99 = n_lat ? lat[(n_lat * 99) / 100] : 0;
    printf("created=%d replayed=%d seats=%d wheelchair=%d full=%d bad=%d retries=%d "
           "unfinished=%d dup_codes=%d p50_ms=%.2f p99_ms=%.2f rate=%.1f\n",
           created, replayed, seats, wheel, full, bad, retries, unfinished, dup, p50, p99,
           elapsed > 0 ? n_done / elapsed : 0);
    for (int i = 0; i < attempts; i++)
        curl_slist_free_all(all[i].headers);
    free(all);
    free(lat);
    free(urls_copy);
    curl_multi_cleanup(multi);
    curl_global_cleanup();
    return unfinished ? 1 : 0;
}
