/* Tests of runtime/net and runtime/hub: the NGSI-LD parsers, the origin allow-list, and the hub
 * client against the hub test double (tests/doubles/hub/hub_double.py, started and stopped here on
 * 127.0.0.1): paging, token expiry, faults, publishing, k-suppression, anonymity of what is
 * published, a day with the hub down, counters across a restart, the flush at shutdown.
 */
#include <dirent.h>
#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/base.h"
#include "hub/hub.h"
#include "net/net.h"
#include "check.h"

/* ---------------------------------------------------------------- the double */

typedef struct dbl {
    pid_t pid;
    int port;
    char dir[256];
} dbl;

static int dbl_start_once(dbl *d, int port, const char *const *extra)
{
    if (!d->dir[0]) {
        snprintf(d->dir, sizeof d->dir, "/tmp/md-hub-test-XXXXXX");
        if (!mkdtemp(d->dir))
            return -1;
    }
    char port_file[400], port_arg[16];
    snprintf(port_file, sizeof port_file, "%s/port", d->dir);
    unlink(port_file);
    snprintf(port_arg, sizeof port_arg, "%d", port);
    const char *argv[32];
    int n = 0;
    argv[n++] = "python3";
    argv[n++] = MD_DATA_DIR "/tests/doubles/hub/hub_double.py";
    argv[n++] = "--port";
    argv[n++] = port_arg;
    argv[n++] = "--port-file";
    argv[n++] = port_file;
    for (int i = 0; extra && extra[i] && n < 30; i++)
        argv[n++] = extra[i];
    argv[n] = NULL;
    pid_t pid = fork();
    if (pid == 0) {
        execvp("python3", (char *const *)argv);
        _exit(127);
    }
    d->pid = pid;
    for (int i = 0; i < 300; i++) { /* at most 15 s */
        FILE *f = fopen(port_file, "r");
        if (f) {
            int ok = fscanf(f, "%d", &d->port) == 1;
            fclose(f);
            if (ok)
                return 0;
        }
        int st = 0;
        if (waitpid(pid, &st, WNOHANG) == pid) { /* it could not listen (port taken) */
            d->pid = 0;
            return -1;
        }
        usleep(50 * 1000);
    }
    return -1;
}

/* port 0: any free port. port -1: a port below the ephemeral range (32768..), so that after the
 * double is stopped no outgoing connection on this busy machine takes it before the restart;
 * tried until one is free. Otherwise that port. */
static int dbl_start(dbl *d, int port, const char *const *extra)
{
    if (port != -1)
        return dbl_start_once(d, port, extra);
    for (int attempt = 0; attempt < 40; attempt++) {
        int p = 20000 + (int)((getpid() * 131 + attempt * 977) % 12000);
        if (dbl_start_once(d, p, extra) == 0)
            return 0;
    }
    return -1;
}

static void dbl_stop(dbl *d)
{
    if (d->pid > 0) {
        kill(d->pid, SIGTERM);
        int st = 0;
        for (int i = 0; i < 100 && waitpid(d->pid, &st, WNOHANG) == 0; i++)
            usleep(50 * 1000);
        if (waitpid(d->pid, &st, WNOHANG) == 0) {
            kill(d->pid, SIGKILL);
            waitpid(d->pid, &st, 0);
        }
    }
    d->pid = 0;
}

static void dbl_cleanup(dbl *d)
{
    dbl_stop(d);
    if (d->dir[0]) {
        char cmd[400];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", d->dir);
        if (system(cmd) != 0)
            fprintf(stderr, "cannot remove %s\n", d->dir);
    }
}

/* A blocking request for the test itself (control endpoints), through runtime/net. */
static json_t *dbl_call(md_net *net, dbl *d, const char *method, const char *path, const char *body)
{
    char url[256];
    snprintf(url, sizeof url, "http://127.0.0.1:%d%s", d->port, path);
    const char *h[] = {"Content-Type: application/json"};
    md_net_request r = {.method = method,
                        .url = url,
                        .headers = h,
                        .n_headers = 1,
                        .body = body,
                        .body_bytes = body ? strlen(body) : 0,
                        .timeout_ms = 5000,
                        .max_body_bytes = 32 * 1024 * 1024};
    uint64_t id = md_net_start(net, &r);
    md_net_wait_idle(net, 6000);
    const char *text = NULL;
    size_t n = 0;
    long status = 0;
    json_t *out = NULL;
    if (md_net_result(net, id, &status, &text, &n) == 0 && status == 200)
        out = json_loadb(text, n, 0, NULL);
    md_net_cancel(net, id);
    return out;
}

static void fault(md_net *net, dbl *d, const char *json)
{
    json_decref(dbl_call(net, d, "POST", "/_double/fault", json));
}

/* ---------------------------------------------------------------- clock and driving */

typedef struct clk {
    uint64_t mono;
    int64_t unix_ms;
} clk;

static void clk_init(clk *c)
{
    c->mono = 1000000;
    c->unix_ms = (int64_t)time(NULL) * 1000;
}

/* n ticks of step_ms virtual time, letting the network finish in real time between them. */
static void drive(md_hub *hub, md_net *net, clk *c, int n, int step_ms)
{
    for (int i = 0; i < n; i++) {
        c->mono += (uint64_t)step_ms;
        c->unix_ms += step_ms;
        /* Settle: collect answers and start follow-ups (token, next page) at the same instant;
         * a request may finish before the pending count is read, so watch the finished count. */
        for (int j = 0; j < 50; j++) {
            long seen = md_net_finished(net);
            md_hub_tick(hub, c->mono, c->unix_ms);
            if (md_net_pending(net) == 0 && md_net_finished(net) == seen)
                break;
            md_net_wait_idle(net, 8000);
        }
    }
}

static void base_config(md_hub_config *cfg, dbl *d, char *url, char *token_url)
{
    memset(cfg, 0, sizeof *cfg);
    snprintf(url, 128, "http://127.0.0.1:%d", d->port);
    snprintf(token_url, 128, "http://127.0.0.1:%d/oauth2.0/token", d->port);
    cfg->url = url;
    cfg->token_url = token_url;
    cfg->client_id = "kiosk-test";
    cfg->client_secret = "test-secret";
    cfg->context = "https://example.kr/context.jsonld";
    cfg->allow_http = 1;
    cfg->kiosk_id = "kiosk-0012";
    cfg->has_location = 1;
    cfg->lat = 37.3219;
    cfg->lon = 126.8309;
    cfg->publish = 0;
    cfg->status_interval_s = 300;
    cfg->timeout_ms = 3000;
    cfg->page_limit = 10;
}

static int count_requests(json_t *received, const char *path)
{
    int n = 0;
    size_t i = 0;
    json_t *r = NULL;
    json_array_foreach(json_object_get(received, "requests"), i, r)
    {
        if (!strcmp(json_string_value(json_object_get(r, "path")), path))
            n++;
    }
    return n;
}

/* All entities the double received in upserts, in order. New reference. */
static json_t *received_entities(md_net *net, dbl *d, const char *type)
{
    json_t *rec = dbl_call(net, d, "GET", "/_double/received", NULL);
    json_t *out = json_array();
    size_t i = 0, j = 0;
    json_t *up = NULL, *e = NULL;
    json_array_foreach(json_object_get(rec, "upserts"), i, up)
    {
        json_array_foreach(json_object_get(up, "entities"), j, e)
        {
            if (!type || !strcmp(json_string_value(json_object_get(e, "type")), type))
                json_array_append(out, e);
        }
    }
    json_decref(rec);
    return out;
}

/* ---------------------------------------------------------------- parsers */

static void test_ngsi_ids(void)
{
    CHECK(md_ngsi_valid_id("urn:ngsi-ld:Vehicle:bus-1"));
    CHECK(md_ngsi_valid_id("urn:ngsi-ld:KioskUsage:kiosk-0012:2026120109"));
    CHECK(!md_ngsi_valid_id("urn:ngsi-ld:Vehicle"));
    CHECK(!md_ngsi_valid_id("urn:ngsi-ld:Vehicle:"));
    CHECK(!md_ngsi_valid_id("urn:ngsi-ld::x"));
    CHECK(!md_ngsi_valid_id("Vehicle:1"));
    CHECK(!md_ngsi_valid_id("urn:ngsi-ld:Vehicle:a b"));
    CHECK(!md_ngsi_valid_id(NULL));
}

static void test_ngsi_entities(void)
{
    char err[200];
    int skipped = 0;
    json_t *arr = json_array();
    const char *ok = "[{\"id\":\"urn:ngsi-ld:Vehicle:1\",\"type\":\"Vehicle\"},"
                     "{\"id\":\"bad\",\"type\":\"Vehicle\"},{\"id\":\"urn:ngsi-ld:Vehicle:2\"},"
                     "{\"id\":\"urn:ngsi-ld:Vehicle:3\",\"type\":\"Vehicle\",\"speed\":3}]";
    CHECK_INT(md_ngsi_parse_entities(ok, strlen(ok), arr, 100, &skipped, err, sizeof err), 2);
    CHECK_INT(skipped, 2);
    CHECK_INT(json_array_size(arr), 2);
    CHECK_INT(md_ngsi_parse_entities("{\"a\":1}", 7, arr, 100, &skipped, err, sizeof err), -1);
    CHECK(strstr(err, "array") != NULL);
    CHECK_INT(md_ngsi_parse_entities("[{\"id\":", 7, arr, 100, &skipped, err, sizeof err), -1);
    CHECK(strstr(err, "not JSON") != NULL);
    /* the cap */
    CHECK_INT(md_ngsi_parse_entities(ok, strlen(ok), arr, 3, &skipped, err, sizeof err), 1);
    CHECK_INT(json_array_size(arr), 3);
    json_decref(arr);
}

static void test_ngsi_token(void)
{
    char tok[256], err[200];
    int64_t exp = 0, now = 1764580000000LL; /* 2025-12-01T09:06:40Z */
    const char *rel = "{\"access_token\":\"a.b.c\",\"token_type\":\"bearer\",\"expires_in\":3600}";
    CHECK_INT(md_ngsi_parse_token(rel, strlen(rel), now, tok, sizeof tok, &exp, err, sizeof err),
              0);
    CHECK_STR(tok, "a.b.c");
    CHECK_INT(exp, now + 3600 * 1000);
    const char *abs_s =
        "{\"access_token\":\"x\",\"token_type\":\"Bearer\",\"expires_in\":1764583600}";
    CHECK_INT(
        md_ngsi_parse_token(abs_s, strlen(abs_s), now, tok, sizeof tok, &exp, err, sizeof err), 0);
    CHECK_INT(exp, 1764583600000LL);
    const char *abs_ms = "{\"access_token\":\"x\",\"expires_in\":\"1764583600000\"}";
    CHECK_INT(
        md_ngsi_parse_token(abs_ms, strlen(abs_ms), now, tok, sizeof tok, &exp, err, sizeof err),
        0);
    CHECK_INT(exp, 1764583600000LL);
    const char *iso = "{\"access_token\":\"x\",\"expires_in\":\"2025-12-01 10:06:40\"}";
    CHECK_INT(md_ngsi_parse_token(iso, strlen(iso), now, tok, sizeof tok, &exp, err, sizeof err),
              0);
    CHECK_INT(exp, 1764583600000LL);
    const char *bad = "{\"access_token\":\"x\",\"expires_in\":\"soon\"}";
    CHECK_INT(md_ngsi_parse_token(bad, strlen(bad), now, tok, sizeof tok, &exp, err, sizeof err),
              -1);
    const char *nl = "{\"access_token\":\"x\\r\\nX-Evil: 1\",\"expires_in\":60}";
    CHECK_INT(md_ngsi_parse_token(nl, strlen(nl), now, tok, sizeof tok, &exp, err, sizeof err), -1);
    CHECK(strstr(err, "x") == NULL || strstr(err, "X-Evil") == NULL); /* never echoes the token */
    CHECK_INT(md_ngsi_parse_token("nope", 4, now, tok, sizeof tok, &exp, err, sizeof err), -1);
}

static void test_ngsi_link(void)
{
    char out[512];
    CHECK_INT(md_ngsi_link_next("</entities?type=V&offset=10>; rel=\"next\"",
                                "http://127.0.0.1:9/entities?type=V&offset=0", out, sizeof out),
              0);
    CHECK_STR(out, "http://127.0.0.1:9/entities?type=V&offset=10");
    CHECK_INT(md_ngsi_link_next("<https://h.kr/a?o=0>; rel=\"prev\", <https://h.kr/a?o=20>; "
                                "rel=\"next\"",
                                "https://h.kr/a", out, sizeof out),
              0);
    CHECK_STR(out, "https://h.kr/a?o=20");
    CHECK_INT(
        md_ngsi_link_next("<https://h.kr/a?o=0>; rel=\"prev\"", "https://h.kr/", out, sizeof out),
        -1);
    CHECK_INT(md_ngsi_link_next("<ctx.jsonld>; rel=\"http://www.w3.org/ns/json-ld#context\"",
                                "https://h.kr/", out, sizeof out),
              -1);
    CHECK_INT(md_ngsi_link_next("<file:///etc/passwd>; rel=next", "https://h.kr/", out, sizeof out),
              -1);
    CHECK_INT(md_ngsi_link_next(NULL, "https://h.kr/", out, sizeof out), -1);
}

static void test_net_origins(void)
{
    const char *allowed[] = {"https://datahub.example.kr", "https://api.example.kr:8443/",
                             "http://127.0.0.1:8080"};
    CHECK(md_net_origin_allowed("https://datahub.example.kr/entities?x=1", allowed, 3, 0));
    CHECK(md_net_origin_allowed("https://DATAHUB.example.kr:443/", allowed, 3, 0));
    CHECK(md_net_origin_allowed("https://api.example.kr:8443/v1", allowed, 3, 0));
    CHECK(!md_net_origin_allowed("https://api.example.kr/v1", allowed, 3, 0));
    CHECK(!md_net_origin_allowed("https://datahub.example.kr.evil.com/", allowed, 3, 0));
    CHECK(!md_net_origin_allowed("https://evil.com/?https://datahub.example.kr", allowed, 3, 0));
    CHECK(!md_net_origin_allowed("https://user@evil.com/", allowed, 3, 0));
    CHECK(!md_net_origin_allowed("http://127.0.0.1:8080/", allowed, 3, 0)); /* http refused */
    CHECK(md_net_origin_allowed("http://127.0.0.1:8080/", allowed, 3, 1));
    CHECK(!md_net_origin_allowed("ftp://datahub.example.kr/", allowed, 3, 1));
    CHECK(!md_net_origin_allowed("not a url", allowed, 3, 1));
}

/* ---------------------------------------------------------------- net against the double */

static void test_net_requests(void)
{
    dbl d = {0};
    CHECK(dbl_start(&d, 0, NULL) == 0);
    md_net *net = md_net_create(NULL, NULL);
    char url[128];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/entities?type=Vehicle", d.port);
    int owner = 0;
    md_net_request r = {.url = url, .timeout_ms = 3000, .owner = &owner};
    uint64_t a = md_net_start(net, &r);
    CHECK(a != 0);
    CHECK(md_net_state_of(net, a) == MD_NET_PENDING || md_net_state_of(net, a) == MD_NET_DONE);
    md_net_wait_idle(net, 5000);
    CHECK(md_net_state_of(net, a) == MD_NET_DONE);
    long status = 0;
    const char *body = NULL;
    CHECK_INT(md_net_result(net, a, &status, &body, NULL), 0);
    CHECK_INT(status, 401);
    CHECK(body && strstr(body, "Unauthorized"));
    CHECK_STR(md_net_header(net, a, "content-type"), "application/json");
    CHECK(md_net_header(net, a, "X-Nothing") == NULL);
    md_net_cancel(net, a);
    CHECK(md_net_state_of(net, a) == MD_NET_NONE);
    /* cap, timeout, cancel by owner */
    fault(net, &d, "{\"mode\":\"big\",\"count\":1}");
    r.max_body_bytes = 4096;
    uint64_t b = md_net_start(net, &r);
    md_net_wait_idle(net, 5000);
    CHECK(md_net_state_of(net, b) == MD_NET_FAILED);
    CHECK(md_net_error(net, b) && strstr(md_net_error(net, b), "body over 4096"));
    fault(net, &d, "{\"mode\":\"slow\",\"seconds\":2,\"count\":2}");
    r.timeout_ms = 300;
    uint64_t c = md_net_start(net, &r);
    md_net_wait_idle(net, 5000);
    CHECK(md_net_state_of(net, c) == MD_NET_FAILED);
    CHECK(md_net_error(net, c) && strstr(md_net_error(net, c), "timed out"));
    r.timeout_ms = 5000;
    uint64_t e = md_net_start(net, &r);
    CHECK(md_net_pending(net) == 1);
    CHECK_INT(md_net_cancel_owner(net, &owner), 3); /* b, c (finished) and e (in flight) */
    CHECK(md_net_state_of(net, e) == MD_NET_NONE);
    CHECK_INT(md_net_pending(net), 0);
    snprintf(url, sizeof url, "file:///etc/passwd");
    CHECK(md_net_start(net, &r) == 0);
    md_net_destroy(net);
    dbl_cleanup(&d);
}

/* ---------------------------------------------------------------- queries */

static void test_query_paging(void)
{
    dbl d = {0};
    CHECK(dbl_start(&d, 0, NULL) == 0);
    md_net *net = md_net_create(NULL, NULL);
    md_hub_config cfg;
    char url[128], turl[128];
    base_config(&cfg, &d, url, turl);
    clk c;
    clk_init(&c);
    md_hub *hub = md_hub_create(&cfg, net, c.mono, c.unix_ms);
    int owner = 0;
    md_hub_query_spec spec = {.type = "Vehicle",
                              .attrs = "name,location,speed",
                              .max_distance_m = 3000,
                              .refresh_s = 30,
                              .owner = &owner};
    uint64_t q = md_hub_query_add(hub, &spec);
    CHECK(q != 0);
    CHECK(md_hub_query_add(hub, &spec) == q); /* same owner, same query: same handle */
    const char *json = NULL;
    CHECK_INT(md_hub_query_result(hub, q, &json, NULL, NULL, NULL), 0);
    drive(hub, net, &c, 3, 100);
    size_t n = 0;
    int64_t when = 0;
    const char *error = "unset";
    CHECK_INT(md_hub_query_result(hub, q, &json, &n, &when, &error), 1);
    CHECK(error == NULL);
    CHECK(when > 0);
    json_t *arr = json ? json_loadb(json, n, 0, NULL) : NULL;
    CHECK_INT(json_array_size(arr), 22); /* 25 seeded, 3 far away in Seoul */
    json_t *first = json_array_get(arr, 0);
    CHECK_STR(json_string_value(json_object_get(first, "id")),
              "urn:ngsi-ld:Vehicle:ansan-shuttle:001");
    CHECK(json_object_get(first, "speed") != NULL);
    CHECK(json_object_get(first, "vehiclePlateIdentifier") == NULL); /* attrs honoured */
    json_decref(arr);
    json_t *rec = dbl_call(net, &d, "GET", "/_double/received", NULL);
    CHECK_INT(count_requests(rec, "/entities"), 3); /* three pages of 10, 10, 2 */
    CHECK_INT(json_integer_value(json_object_get(rec, "tokens_issued")), 1);
    json_decref(rec);
    /* Nothing new before the refresh is due; a new generation after. */
    drive(hub, net, &c, 1, 10000);
    CHECK_INT(md_hub_query_result(hub, q, NULL, NULL, NULL, NULL), 1);
    drive(hub, net, &c, 1, 25000);
    CHECK_INT(md_hub_query_result(hub, q, NULL, NULL, NULL, NULL), 2);
    md_hub_query_remove_owner(hub, &owner);
    CHECK_INT(md_hub_query_result(hub, q, NULL, NULL, NULL, NULL), -1);
    md_hub_destroy(hub);
    md_net_destroy(net);
    dbl_cleanup(&d);
}

static void test_token_expiry(void)
{
    dbl d = {0};
    const char *args[] = {"--token-life", "2", NULL};
    CHECK(dbl_start(&d, 0, args) == 0);
    md_net *net = md_net_create(NULL, NULL);
    md_hub_config cfg;
    char url[128], turl[128];
    base_config(&cfg, &d, url, turl);
    clk c;
    clk_init(&c);
    md_hub *hub = md_hub_create(&cfg, net, c.mono, c.unix_ms);
    md_hub_query_spec spec = {.type = "Vehicle", .refresh_s = 5};
    uint64_t q = md_hub_query_add(hub, &spec);
    drive(hub, net, &c, 2, 100);
    CHECK_INT(md_hub_query_result(hub, q, NULL, NULL, NULL, NULL), 1);
    /* The token dies in real time while the kiosk's clock barely moves: the hub answers 401, the
     * client renews and asks again in the same round. */
    usleep(2300 * 1000);
    drive(hub, net, &c, 3, 2000);
    const char *error = "unset";
    CHECK_INT(md_hub_query_result(hub, q, NULL, NULL, NULL, &error), 2);
    CHECK(error == NULL);
    json_t *rec = dbl_call(net, &d, "GET", "/_double/received", NULL);
    CHECK_INT(json_integer_value(json_object_get(rec, "tokens_issued")), 2);
    json_decref(rec);
    md_hub_destroy(hub);
    md_net_destroy(net);
    dbl_cleanup(&d);

    /* KETI's absolute expires_in: renewed before it runs out, without a 401. */
    dbl d2 = {0};
    const char *args2[] = {"--token-life", "600", "--expires-absolute", NULL};
    CHECK(dbl_start(&d2, 0, args2) == 0);
    net = md_net_create(NULL, NULL);
    base_config(&cfg, &d2, url, turl);
    clk_init(&c);
    hub = md_hub_create(&cfg, net, c.mono, c.unix_ms);
    spec.refresh_s = 60;
    q = md_hub_query_add(hub, &spec);
    drive(hub, net, &c, 1, 100);
    md_hub_stats st;
    md_hub_get_stats(hub, &st);
    CHECK_INT(st.token_requests, 1);
    CHECK(st.token_valid);
    drive(hub, net, &c, 8, 60000); /* 8 of its 10 minutes: still used */
    md_hub_get_stats(hub, &st);
    CHECK_INT(st.token_requests, 1);
    /* Within its last minute: renewed ahead. (The double dates the expiry from when it issued the
     * token, a little after this clock started; 90 s leaves room for a slow, loaded machine.) */
    drive(hub, net, &c, 1, 90000);
    md_hub_get_stats(hub, &st);
    CHECK_INT(st.token_requests, 2);
    CHECK_INT(md_hub_query_result(hub, q, NULL, NULL, NULL, NULL), 10);
    md_hub_destroy(hub);
    md_net_destroy(net);
    dbl_cleanup(&d2);
}

static void test_query_faults(void)
{
    dbl d = {0};
    CHECK(dbl_start(&d, 0, NULL) == 0);
    md_net *net = md_net_create(NULL, NULL);
    md_hub_config cfg;
    char url[128], turl[128];
    base_config(&cfg, &d, url, turl);
    cfg.timeout_ms = 800;
    clk c;
    clk_init(&c);
    md_hub *hub = md_hub_create(&cfg, net, c.mono, c.unix_ms);
    md_hub_query_spec spec = {.type = "Vehicle", .max_distance_m = 3000, .refresh_s = 10};
    uint64_t q = md_hub_query_add(hub, &spec);
    drive(hub, net, &c, 2, 100);
    const char *json = NULL;
    CHECK_INT(md_hub_query_result(hub, q, &json, NULL, NULL, NULL), 1);
    char *good = json ? strdup(json) : NULL;
    static const char *const faults[] = {
        "{\"mode\":\"status\",\"status\":500,\"count\":1,\"path\":\"/entities\"}",
        "{\"mode\":\"slow\",\"seconds\":1.5,\"count\":1,\"path\":\"/entities\"}",
        "{\"mode\":\"garbage\",\"count\":1,\"path\":\"/entities\"}",
        "{\"mode\":\"big\",\"count\":1,\"path\":\"/entities\"}",
        "{\"mode\":\"status\",\"status\":400,\"count\":1,\"path\":\"/entities\"}",
    };
    static const char *const why[] = {"HTTP 500", "timed out", "not JSON", "body over", "HTTP 400"};
    int gen = 1;
    for (int i = 0; i < 5; i++) {
        fault(net, &d, faults[i]);
        drive(hub, net, &c, 1, 10000);
        const char *error = NULL;
        CHECK_INT(md_hub_query_result(hub, q, &json, NULL, NULL, &error), gen);
        CHECK(error && strstr(error, why[i]));
        if (!error || !strstr(error, why[i]))
            fprintf(stderr, "  fault %d: error \"%s\"\n", i, error ? error : "(none)");
        CHECK(json && good && strcmp(json, good) == 0); /* last good answer kept */
        drive(hub, net, &c, 1, 10000);                  /* recovers at the next try */
        CHECK_INT(md_hub_query_result(hub, q, &json, NULL, NULL, &error), ++gen);
        CHECK(error == NULL);
    }
    /* 401 with a token the hub no longer honours: renewed, and the answer still arrives. */
    fault(net, &d, "{\"mode\":\"expire_tokens\",\"count\":1}");
    drive(hub, net, &c, 1, 10000);
    CHECK_INT(md_hub_query_result(hub, q, NULL, NULL, NULL, NULL), ++gen);
    free(good);
    md_hub_destroy(hub);
    md_net_destroy(net);
    dbl_cleanup(&d);
}

/* ---------------------------------------------------------------- publishing */

static const char *const USAGE_ATTRS[] = {"id",         "type",     "refDevice",  "dateObserved",
                                          "kAnonymity", "sessions", "idleResets", "languages",
                                          "services",   "events",   NULL};
static const char *const DEVICE_ATTRS[] = {"id",
                                           "type",
                                           "category",
                                           "deviceState",
                                           "dateLastValueReported",
                                           "startedAt",
                                           "uptimeS",
                                           "usageHoursQueued",
                                           "usageHoursDropped",
                                           "freeDiskMb",
                                           "softwareVersion",
                                           "plugins",
                                           "packs",
                                           "lastSync",
                                           "quarantinedPlugins",
                                           "location",
                                           NULL};

static int in_list(const char *k, const char *const *list)
{
    for (int i = 0; list[i]; i++)
        if (!strcmp(k, list[i]))
            return 1;
    return 0;
}

/* Asserts that nothing in a published entity can single anyone out. Returns problems found. */
static int anonymity_problems(json_t *e, int k)
{
    int bad = 0;
    const char *type = json_string_value(json_object_get(e, "type"));
    int usage = type && !strcmp(type, "KioskUsage");
    const char *key = NULL;
    json_t *v = NULL;
    char *text = json_dumps(e, JSON_COMPACT);
    if (!text || strstr(text, "test-secret") || strstr(text, "Bearer") || strstr(text, "eyJ")) {
        fprintf(stderr, "  a credential in %s\n", text ? text : "?");
        bad++;
    }
    free(text);
    json_object_foreach(e, key, v)
    {
        if (!in_list(key, usage ? USAGE_ATTRS : DEVICE_ATTRS)) {
            fprintf(stderr, "  unexpected attribute %s in %s\n", key, type);
            bad++;
        }
        if (!usage || !json_is_object(v))
            continue;
        const char *at = json_string_value(json_object_get(v, "observedAt"));
        if (at && strstr(at, ":00:00Z") == NULL) {
            fprintf(stderr, "  %s observed at %s: finer than the hour\n", key, at);
            bad++;
        }
        json_t *val = json_object_get(v, "value");
        if (!strcmp(key, "kAnonymity"))
            continue;
        if (json_is_integer(val) && json_integer_value(val) < k) {
            fprintf(stderr, "  %s = %lld below k\n", key, (long long)json_integer_value(val));
            bad++;
        }
        const char *k2 = NULL;
        json_t *n = NULL;
        if (json_is_object(val))
            json_object_foreach(val, k2, n)
            {
                if (!json_is_integer(n) || json_integer_value(n) < k) {
                    fprintf(stderr, "  %s.%s below k\n", key, k2);
                    bad++;
                }
            }
    }
    return bad;
}

static md_hub_config pub_config(dbl *d, char *url, char *turl)
{
    md_hub_config cfg;
    base_config(&cfg, d, url, turl);
    cfg.publish = 1;
    cfg.k_threshold = 5;
    return cfg;
}

static void count_n(md_hub *hub, clk *c, md_hub_metric m, const char *key, int n)
{
    for (int i = 0; i < n; i++)
        md_hub_count(hub, c->unix_ms, m, key);
}

static void test_publish_k_anonymity(void)
{
    dbl d = {0};
    CHECK(dbl_start(&d, 0, NULL) == 0);
    md_net *net = md_net_create(NULL, NULL);
    char url[128], turl[128];
    md_hub_config cfg = pub_config(&d, url, turl);
    clk c;
    clk_init(&c);
    c.unix_ms = (c.unix_ms / 3600000) * 3600000 + 60000; /* one minute into an hour */
    md_hub *hub = md_hub_create(&cfg, net, c.mono, c.unix_ms);
    CHECK_INT(md_hub_status_set(hub, "softwareVersion", "\"1.0.0\""), 0);
    CHECK_INT(md_hub_status_set(hub, "plugins", "{\"kr.go.ansan.health\":\"1.2.0\"}"), 0);
    CHECK_INT(md_hub_status_set(hub, "quarantinedPlugins", "[]"), 0);
    CHECK_INT(md_hub_status_set(hub, "plugins", "{broken"), -1);
    count_n(hub, &c, MD_HUB_SESSION, NULL, 7);
    count_n(hub, &c, MD_HUB_LANGUAGE, "vi", 6);
    count_n(hub, &c, MD_HUB_LANGUAGE, "ko", 2);
    count_n(hub, &c, MD_HUB_SERVICE, "kr.go.ansan.health", 5);
    count_n(hub, &c, MD_HUB_EVENT, "kr.go.ansan.health/card-shown", 4);
    count_n(hub, &c, MD_HUB_IDLE_RESET, NULL, 3);
    CHECK_INT(md_hub_count(hub, c.unix_ms, MD_HUB_EVENT, "Kim Minsu called 010-1234"), -1);
    CHECK_INT(md_hub_count(hub, c.unix_ms, MD_HUB_LANGUAGE, ""), -1);
    drive(hub, net, &c, 1, 1000); /* status at start */
    json_t *dev = received_entities(net, &d, "Device");
    CHECK(json_array_size(dev) >= 1);
    json_t *st = json_array_get(dev, 0);
    CHECK_STR(json_string_value(json_object_get(st, "id")), "urn:ngsi-ld:Device:kiosk-0012");
    CHECK_STR(json_string_value(json_object_get(json_object_get(st, "softwareVersion"), "value")),
              "1.0.0");
    json_t *coords =
        json_object_get(json_object_get(json_object_get(st, "location"), "value"), "coordinates");
    CHECK(json_real_value(json_array_get(coords, 0)) > 126.8);
    CHECK(json_object_get(st, "freeDiskMb") != NULL);
    json_decref(dev);
    json_t *use = received_entities(net, &d, "KioskUsage");
    CHECK_INT(json_array_size(use), 0); /* the hour is not over */
    json_decref(use);
    drive(hub, net, &c, 60, 60000); /* the hour ends */
    use = received_entities(net, &d, "KioskUsage");
    CHECK_INT(json_array_size(use), 1);
    json_t *h = json_array_get(use, 0);
    CHECK_INT(json_integer_value(json_object_get(json_object_get(h, "sessions"), "value")), 7);
    json_t *langs = json_object_get(json_object_get(h, "languages"), "value");
    CHECK_INT(json_integer_value(json_object_get(langs, "vi")), 6);
    CHECK(json_object_get(langs, "ko") == NULL); /* 2 < k */
    CHECK_INT(json_integer_value(json_object_get(
                  json_object_get(json_object_get(h, "services"), "value"), "kr.go.ansan.health")),
              5);
    CHECK(json_object_get(h, "events") == NULL);     /* 4 < k */
    CHECK(json_object_get(h, "idleResets") == NULL); /* 3 < k */
    CHECK(md_ngsi_valid_id(json_string_value(json_object_get(h, "id"))));
    json_decref(use);
    /* Everything the double ever received, statuses included. */
    json_t *all = received_entities(net, &d, NULL);
    CHECK(json_array_size(all) >= 3);
    size_t i = 0;
    json_t *e = NULL;
    int problems = 0;
    json_array_foreach(all, i, e) problems += anonymity_problems(e, 5);
    CHECK_INT(problems, 0);
    json_decref(all);
    json_t *rec = dbl_call(net, &d, "GET", "/_double/received", NULL);
    json_t *up0 = json_array_get(json_object_get(rec, "upserts"), 0);
    CHECK(strstr(json_string_value(json_object_get(up0, "link")), "example.kr/context.jsonld"));
    /* 61 minutes: statuses at 0, 5, ..., 60 min (13), the closed hour riding with the last one;
     * a token renewed a minute before its hour ran out (2). */
    CHECK_INT(count_requests(rec, "/entityOperations/upsert"), 13);
    CHECK_INT(count_requests(rec, "/oauth2.0/token"), 2);
    json_decref(rec);
    md_hub_destroy(hub);
    md_net_destroy(net);
    dbl_cleanup(&d);
}

static void test_hub_down_for_a_day(void)
{
    dbl d = {0};
    CHECK(dbl_start(&d, -1, NULL) == 0);
    int port = d.port;
    md_net *net = md_net_create(NULL, NULL);
    char url[128], turl[128];
    md_hub_config cfg = pub_config(&d, url, turl);
    cfg.queue_max_hours = 20;
    clk c;
    clk_init(&c);
    c.unix_ms = (c.unix_ms / 3600000) * 3600000;
    md_hub *hub = md_hub_create(&cfg, net, c.mono, c.unix_ms);
    md_hub_query_spec spec = {.type = "Vehicle", .max_distance_m = 3000, .refresh_s = 30};
    uint64_t q = md_hub_query_add(hub, &spec);
    drive(hub, net, &c, 1, 1000);
    CHECK_INT(md_hub_query_result(hub, q, NULL, NULL, NULL, NULL), 1);
    dbl_stop(&d); /* the hub goes away for a day */
    int max_pending = 0;
    for (int hour = 0; hour < 24; hour++) {
        count_n(hub, &c, MD_HUB_SESSION, NULL, 5 + hour % 3);
        for (int m = 0; m < 60; m++) {
            c.mono += 60000;
            c.unix_ms += 60000;
            md_hub_tick(hub, c.mono, c.unix_ms); /* a frame: starts or collects, never waits */
            int p = md_net_pending(net);
            if (p > max_pending)
                max_pending = p;
            md_net_wait_idle(net, 3000);
        }
    }
    md_hub_stats st;
    md_hub_get_stats(hub, &st);
    CHECK_INT(st.queued_hours, 20); /* bounded */
    CHECK_INT(st.dropped_hours, 4); /* 24 closed hours, the 4 oldest dropped and counted */
    CHECK(max_pending <= 2);        /* never more than one request per kind in flight */
    CHECK(st.requests < 24 * 60);   /* backing off, not hammering */
    const char *error = NULL;
    CHECK_INT(md_hub_query_result(hub, q, NULL, NULL, NULL, &error), 1); /* kept */
    CHECK(error != NULL);
    const char *args[] = {NULL};
    CHECK(dbl_start(&d, port, args) == 0); /* back, with a new signing key: old token is 401 */
    drive(hub, net, &c, 20, 60000);
    md_hub_get_stats(hub, &st);
    CHECK_INT(st.queued_hours, 0);
    json_t *use = received_entities(net, &d, "KioskUsage");
    CHECK_INT(json_array_size(use), 20);
    json_t *dev = received_entities(net, &d, "Device");
    json_t *last = json_array_get(dev, json_array_size(dev) - 1);
    CHECK_INT(
        json_integer_value(json_object_get(json_object_get(last, "usageHoursDropped"), "value")),
        4);
    json_decref(dev);
    json_decref(use);
    CHECK(md_hub_query_result(hub, q, NULL, NULL, NULL, &error) > 1);
    md_hub_destroy(hub);
    md_net_destroy(net);
    dbl_cleanup(&d);
}

static void test_restart_and_flush(void)
{
    dbl d = {0};
    CHECK(dbl_start(&d, 0, NULL) == 0);
    md_net *net = md_net_create(NULL, NULL);
    char url[128], turl[128];
    md_hub_config cfg = pub_config(&d, url, turl);
    char state[400];
    snprintf(state, sizeof state, "%s/usage.json", d.dir);
    cfg.state_path = state;
    clk c;
    clk_init(&c);
    c.unix_ms = (c.unix_ms / 3600000) * 3600000 + 600000;
    md_hub *hub = md_hub_create(&cfg, net, c.mono, c.unix_ms);
    count_n(hub, &c, MD_HUB_SESSION, NULL, 4);
    md_hub_destroy(hub); /* a crash: no flush */
    hub = md_hub_create(&cfg, net, c.mono, c.unix_ms);
    count_n(hub, &c, MD_HUB_SESSION, NULL, 2); /* 4 + 2 = 6 >= k */
    c.mono += 60000;
    c.unix_ms += 60000;
    int left = md_hub_flush(hub, c.mono, c.unix_ms, 8000); /* clean shutdown, mid-hour */
    CHECK_INT(left, 0);
    md_hub_destroy(hub);
    json_t *use = received_entities(net, &d, "KioskUsage");
    CHECK_INT(json_array_size(use), 1);
    CHECK_INT(json_integer_value(
                  json_object_get(json_object_get(json_array_get(use, 0), "sessions"), "value")),
              6);
    json_decref(use);
    json_t *dev = received_entities(net, &d, "Device");
    json_t *last = json_array_get(dev, json_array_size(dev) - 1);
    CHECK_STR(json_string_value(json_object_get(json_object_get(last, "deviceState"), "value")),
              "stopped");
    json_decref(dev);
    /* Back within the same hour: counting goes on from 6, and the hour's final entity replaces the
     * partial one at the hub. */
    hub = md_hub_create(&cfg, net, c.mono, c.unix_ms);
    count_n(hub, &c, MD_HUB_SESSION, NULL, 3);
    drive(hub, net, &c, 60, 60000);
    use = received_entities(net, &d, "KioskUsage");
    CHECK_INT(json_array_size(use), 2);
    CHECK_INT(json_integer_value(
                  json_object_get(json_object_get(json_array_get(use, 1), "sessions"), "value")),
              9);
    CHECK_STR(json_string_value(json_object_get(json_array_get(use, 0), "id")),
              json_string_value(json_object_get(json_array_get(use, 1), "id")));
    json_decref(use);
    md_hub_destroy(hub);
    /* A damaged counters file is logged and replaced, not fatal. */
    FILE *f = fopen(state, "w");
    if (f) {
        fputs("{\"counts\": [oops", f);
        fclose(f);
    }
    hub = md_hub_create(&cfg, net, c.mono, c.unix_ms);
    CHECK(hub != NULL);
    md_hub_destroy(hub);
    md_net_destroy(net);
    dbl_cleanup(&d);
}

static void test_batch_too_large(void)
{
    dbl d = {0};
    const char *args[] = {"--max-body", "2500", NULL};
    CHECK(dbl_start(&d, -1, args) == 0);
    md_net *net = md_net_create(NULL, NULL);
    char url[128], turl[128];
    md_hub_config cfg = pub_config(&d, url, turl);
    cfg.status_interval_s = 86400;
    clk c;
    clk_init(&c);
    c.unix_ms = (c.unix_ms / 3600000) * 3600000;
    md_hub *hub = md_hub_create(&cfg, net, c.mono, c.unix_ms);
    dbl_stop(&d);
    for (int h = 0; h < 6; h++) {
        count_n(hub, &c, MD_HUB_SESSION, NULL, 5);
        count_n(hub, &c, MD_HUB_LANGUAGE, "mn", 5);
        drive(hub, net, &c, 1, 3600000);
    }
    const char *none[] = {"--max-body", "2500", NULL};
    CHECK(dbl_start(&d, d.port, none) == 0);
    c.mono += 16 * 60000;           /* past any backoff */
    drive(hub, net, &c, 20, 60000); /* 20 minutes: room for one more failed try on a busy machine */
    md_hub_stats st;
    md_hub_get_stats(hub, &st);
    CHECK_INT(st.queued_hours, 0);
    json_t *use = received_entities(net, &d, "KioskUsage");
    CHECK_INT(json_array_size(use), 6);
    json_decref(use);
    md_hub_destroy(hub);
    md_net_destroy(net);
    dbl_cleanup(&d);
}

static const char *test_hub_get(void *user, const char *section, const char *key)
{
    const char *const(*kv)[3] = user;
    for (int i = 0; kv[i][0]; i++)
        if (!strcmp(kv[i][0], section) && !strcmp(kv[i][1], key))
            return kv[i][2];
    return NULL;
}

static void test_config_read(void)
{
    /* get() over a tiny table */
    static const char *const kv[][3] = {
        {"hub", "url", "https://datahub.example.kr/"},
        {"hub", "token_url", "https://datahub.example.kr/oauth2.0/token"},
        {"hub", "client_id", "kiosk-0012"},
        {"hub", "client_secret", "s3cret"},
        {"hub", "dialect", "etsi"},
        {"hub", "status_interval_s", "600"},
        {"kiosk", "location", "37.3219, 126.8309"},
        {NULL, NULL, NULL}};
    md_hub_config cfg;
    CHECK_INT(md_hub_config_read(&cfg, test_hub_get, (void *)kv, "/tmp"), 1);
    CHECK_STR(cfg.url, "https://datahub.example.kr");
    CHECK(cfg.dialect == MD_HUB_ETSI);
    CHECK_INT(cfg.status_interval_s, 600);
    CHECK_STR(cfg.kiosk_id, "kiosk-0012");
    CHECK(cfg.has_location && cfg.lat > 37.3 && cfg.lon > 126.8);
    CHECK_INT(cfg.k_threshold, 5);
    CHECK(cfg.publish == 1 && cfg.allow_http == 0);
    CHECK_STR(cfg.state_path, "/tmp/usage.json");
    md_hub_config_free(&cfg);
    static const char *const http[][3] = {{"hub", "url", "http://datahub.example.kr"},
                                          {NULL, NULL, NULL}};
    CHECK_INT(md_hub_config_read(&cfg, test_hub_get, (void *)http, NULL), -1);
    md_hub_config_free(&cfg);
    static const char *const none[][3] = {{"kiosk", "id", "x"}, {NULL, NULL, NULL}};
    CHECK_INT(md_hub_config_read(&cfg, test_hub_get, (void *)none, NULL), 0);
    md_hub_config_free(&cfg);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    md_log_set_min_level(MD_LOG_ERROR + 1); /* failures here are the point; keep output short */
    RUN(test_ngsi_ids);
    RUN(test_ngsi_entities);
    RUN(test_ngsi_token);
    RUN(test_ngsi_link);
    RUN(test_net_origins);
    RUN(test_config_read);
    RUN(test_net_requests);
    RUN(test_query_paging);
    RUN(test_token_expiry);
    RUN(test_query_faults);
    RUN(test_publish_k_anonymity);
    RUN(test_hub_down_for_a_day);
    RUN(test_restart_and_flush);
    RUN(test_batch_too_large);
    return check_summary();
}
