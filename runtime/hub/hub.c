/* runtime/hub: the data hub client — token, queries with paging and last good answers, and the
 * publisher of status and hourly use (hub.h has the contract). One state machine driven by
 * md_hub_tick: each tick collects what runtime/net finished and starts what is due.
 */
#include <ctype.h>
#include <curl/curl.h>
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/statvfs.h>
#include <time.h>

#include "base/base.h"
#include "hub/hub_internal.h"

#define TOKEN_CAP 8192
#define URL_CAP 4096

typedef struct query {
    struct query *next;
    uint64_t id;
    char *type, *q, *attrs;
    int max_distance_m, refresh_s;
    const void *owner;
    uint64_t due_mono;
    uint64_t req;      /* page in flight */
    char url[URL_CAP]; /* of the page in flight */
    int page, offset;
    json_t *pages; /* entities gathered so far this round */
    char *result;  /* last good answer (JSON text) */
    size_t result_bytes;
    int generation;
    int64_t updated_unix_ms;
    char error[256];
    int failing;
    uint64_t backoff_ms;
    int auth_retry; /* a 401 already made us renew the token once this round */
} query;

struct md_hub {
    md_hub_config cfg;
    md_net *net;
    md_usage *usage;
    uint64_t now_mono;
    int64_t now_unix;
    /* token */
    char token[TOKEN_CAP];
    uint64_t token_renew_mono; /* renew from here on */
    uint64_t token_req;
    uint64_t token_retry_mono;
    uint64_t token_backoff_ms;
    int token_failing;
    /* queries */
    query *queries;
    uint64_t next_query_id;
    /* publishing */
    json_t *status_attrs;
    uint64_t started_mono;
    int64_t started_unix_ms;
    uint64_t status_due_mono;
    int status_pending;
    uint64_t upsert_req;
    json_t *upsert_batch; /* what is in flight (hours only; the status rides along) */
    int upsert_had_status;
    int batch_max;
    uint64_t publish_retry_mono;
    uint64_t publish_backoff_ms;
    int publish_failing;
    int flushing;
    int catching_up; /* a backlog of hours is being sent: do not wait for statuses */
    long changes;
    md_hub_stats stats;
};

/* ---------------------------------------------------------------- configuration */

static char *dup_or_null(const char *s)
{
    return (s && *s) ? md_strdup(s) : NULL;
}

static int yes_no(const char *v, int def, const char *key, int *bad)
{
    if (!v || !*v)
        return def;
    if (!strcasecmp(v, "yes") || !strcasecmp(v, "true") || !strcmp(v, "1"))
        return 1;
    if (!strcasecmp(v, "no") || !strcasecmp(v, "false") || !strcmp(v, "0"))
        return 0;
    md_log(MD_LOG_ERROR, "HUB", "[hub] %s = %s: expected yes or no", key, v);
    *bad = 1;
    return def;
}

static int int_in(const char *v, int def, int lo, int hi, const char *key, int *bad)
{
    if (!v || !*v)
        return def;
    char *end = NULL;
    long n = strtol(v, &end, 10);
    if (!end || *end || n < lo || n > hi) {
        md_log(MD_LOG_ERROR, "HUB", "[hub] %s = %s: expected a whole number from %d to %d", key, v,
               lo, hi);
        *bad = 1;
        return def;
    }
    return (int)n;
}

static int url_ok(const char *url, int allow_http, const char *key)
{
    char origin[512];
    if (md_net_origin_of(url, origin, sizeof origin) < 0) {
        md_log(MD_LOG_ERROR, "HUB", "[hub] %s = %s: not an http(s) URL", key, url);
        return 0;
    }
    if (!allow_http && strncmp(origin, "https://", 8) != 0) {
        md_log(MD_LOG_ERROR, "HUB", "[hub] %s = %s: plain http is refused (allow_http = no)", key,
               url);
        return 0;
    }
    return 1;
}

int md_hub_config_read(md_hub_config *out, const char *(*get)(void *, const char *, const char *),
                       void *user, const char *state_dir)
{
    memset(out, 0, sizeof *out);
    const char *url = get(user, "hub", "url");
    if (!url || !*url)
        return 0;
    int bad = 0;
    out->url = md_strdup(url);
    size_t n = out->url ? strlen(out->url) : 0;
    while (n > 0 && out->url[n - 1] == '/')
        out->url[--n] = '\0';
    const char *dialect = get(user, "hub", "dialect");
    if (!dialect || !*dialect || !strcasecmp(dialect, "keti")) {
        out->dialect = MD_HUB_KETI;
    } else if (!strcasecmp(dialect, "etsi")) {
        out->dialect = MD_HUB_ETSI;
    } else {
        md_log(MD_LOG_ERROR, "HUB", "[hub] dialect = %s: expected keti or etsi", dialect);
        bad = 1;
    }
    out->token_url = dup_or_null(get(user, "hub", "token_url"));
    out->client_id = dup_or_null(get(user, "hub", "client_id"));
    out->client_secret = dup_or_null(get(user, "hub", "client_secret"));
    out->context = dup_or_null(get(user, "hub", "context"));
    out->dataset_id = dup_or_null(get(user, "hub", "dataset_id"));
    out->publish = yes_no(get(user, "hub", "publish"), 1, "publish", &bad);
    out->status_interval_s =
        int_in(get(user, "hub", "status_interval_s"), 300, 30, 86400, "status_interval_s", &bad);
    out->allow_http = yes_no(get(user, "hub", "allow_http"), 0, "allow_http", &bad);
    out->k_threshold = int_in(get(user, "hub", "k"), 5, 2, 1000, "k", &bad);
    out->queue_max_hours =
        int_in(get(user, "hub", "queue_max_hours"), 168, 1, 24 * 366, "queue_max_hours", &bad);
    out->timeout_ms =
        int_in(get(user, "hub", "timeout_ms"), 10000, 100, 120000, "timeout_ms", &bad);
    out->max_body_bytes = 1024 * 1024;
    out->page_limit = 50;
    out->max_pages = 20;
    out->max_entities = 500;
    if (out->url && !url_ok(out->url, out->allow_http, "url"))
        bad = 1;
    if (out->token_url && !url_ok(out->token_url, out->allow_http, "token_url"))
        bad = 1;
    if (out->token_url && (!out->client_id || !out->client_secret)) {
        md_log(MD_LOG_ERROR, "HUB", "[hub] token_url needs client_id and client_secret");
        bad = 1;
    }
    const char *kid = get(user, "kiosk", "id");
    if (!kid || !*kid)
        kid = out->client_id ? out->client_id : "kiosk";
    for (const char *p = kid; *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_' && *p != '.') {
            md_log(MD_LOG_ERROR, "HUB",
                   "[kiosk] id = %s: only letters, digits, - _ . (it becomes "
                   "part of an NGSI-LD id)",
                   kid);
            bad = 1;
            kid = "kiosk";
            break;
        }
    out->kiosk_id = md_strdup(kid);
    const char *loc = get(user, "kiosk", "location");
    if (loc && *loc) {
        double lat = 0, lon = 0;
        char tail = 0;
        if (sscanf(loc, "%lf , %lf %c", &lat, &lon, &tail) == 2 && lat >= -90 && lat <= 90 &&
            lon >= -180 && lon <= 180) {
            out->has_location = 1;
            out->lat = lat;
            out->lon = lon;
        } else {
            md_log(MD_LOG_ERROR, "HUB", "[kiosk] location = %s: expected lat,lon in degrees", loc);
            bad = 1;
        }
    }
    if (state_dir) {
        size_t m = strlen(state_dir) + 32;
        out->state_path = md_malloc(m);
        if (out->state_path)
            snprintf(out->state_path, m, "%s/usage.json", state_dir);
    }
    if (!out->url || !out->kiosk_id)
        bad = 1;
    return bad ? -1 : 1;
}

void md_hub_config_free(md_hub_config *cfg)
{
    if (!cfg)
        return;
    md_free(cfg->url);
    md_free(cfg->token_url);
    md_free(cfg->client_id);
    if (cfg->client_secret) {
        sodium_memzero(cfg->client_secret, strlen(cfg->client_secret));
        md_free(cfg->client_secret);
    }
    md_free(cfg->context);
    md_free(cfg->dataset_id);
    md_free(cfg->kiosk_id);
    md_free(cfg->state_path);
    memset(cfg, 0, sizeof *cfg);
}

static int copy_config(md_hub_config *dst, const md_hub_config *src)
{
    *dst = *src;
    dst->url = dup_or_null(src->url);
    dst->token_url = dup_or_null(src->token_url);
    dst->client_id = dup_or_null(src->client_id);
    dst->client_secret = dup_or_null(src->client_secret);
    dst->context = dup_or_null(src->context);
    dst->dataset_id = dup_or_null(src->dataset_id);
    dst->kiosk_id = md_strdup(src->kiosk_id ? src->kiosk_id : "kiosk");
    dst->state_path = dup_or_null(src->state_path);
    if (dst->k_threshold <= 0)
        dst->k_threshold = 5;
    if (dst->queue_max_hours <= 0)
        dst->queue_max_hours = 168;
    if (dst->timeout_ms <= 0)
        dst->timeout_ms = 10000;
    if (dst->max_body_bytes == 0)
        dst->max_body_bytes = 1024 * 1024;
    if (dst->page_limit <= 0)
        dst->page_limit = 50;
    if (dst->max_pages <= 0)
        dst->max_pages = 20;
    if (dst->max_entities <= 0)
        dst->max_entities = 500;
    if (dst->status_interval_s <= 0)
        dst->status_interval_s = 300;
    return (dst->url && dst->kiosk_id) ? 0 : -1;
}

/* ---------------------------------------------------------------- life */

md_hub *md_hub_create(const md_hub_config *cfg, md_net *net, uint64_t mono_ms, int64_t unix_ms)
{
    md_hub *hub = md_calloc(1, sizeof *hub);
    if (!hub)
        return NULL;
    hub->net = net;
    hub->next_query_id = 1;
    hub->batch_max = 24;
    hub->started_mono = mono_ms;
    hub->started_unix_ms = unix_ms;
    hub->now_mono = mono_ms;
    hub->now_unix = unix_ms;
    hub->status_due_mono = mono_ms; /* at start */
    hub->status_attrs = json_object();
    if (copy_config(&hub->cfg, cfg) < 0 || !hub->status_attrs) {
        md_hub_destroy(hub);
        return NULL;
    }
    hub->usage = md_usage_open(hub->cfg.state_path, hub->cfg.kiosk_id, hub->cfg.dataset_id,
                               hub->cfg.k_threshold, hub->cfg.queue_max_hours);
    if (!hub->usage) {
        md_hub_destroy(hub);
        return NULL;
    }
    return hub;
}

static void query_free(md_hub *hub, query *q)
{
    md_net_cancel(hub->net, q->req);
    json_decref(q->pages);
    md_free(q->type);
    md_free(q->q);
    md_free(q->attrs);
    md_free(q->result);
    md_free(q);
}

void md_hub_destroy(md_hub *hub)
{
    if (!hub)
        return;
    while (hub->queries) {
        query *q = hub->queries;
        hub->queries = q->next;
        query_free(hub, q);
    }
    md_net_cancel(hub->net, hub->token_req);
    md_net_cancel(hub->net, hub->upsert_req);
    json_decref(hub->upsert_batch);
    json_decref(hub->status_attrs);
    md_usage_close(hub->usage);
    sodium_memzero(hub->token, sizeof hub->token);
    md_hub_config_free(&hub->cfg);
    md_free(hub);
}

/* ---------------------------------------------------------------- requests */

static const char *prefix(const md_hub *hub)
{
    return hub->cfg.dialect == MD_HUB_ETSI ? "/ngsi-ld/v1" : "";
}

static int token_usable(const md_hub *hub)
{
    if (!hub->cfg.token_url)
        return 1;
    return hub->token[0] && hub->now_mono < hub->token_renew_mono;
}

/* Starts an authenticated request to the hub. */
static uint64_t hub_request(md_hub *hub, const char *method, const char *url, const char *body,
                            const char *content_type)
{
    char auth[TOKEN_CAP + 32], link[1200], ctype[128];
    const char *headers[4];
    int n = 0;
    headers[n++] = "Accept: application/json";
    if (hub->cfg.token_url) {
        snprintf(auth, sizeof auth, "Authorization: Bearer %s", hub->token);
        headers[n++] = auth;
    }
    snprintf(link, sizeof link,
             "Link: <%s>; rel=\"http://www.w3.org/ns/json-ld#context\"; "
             "type=\"application/ld+json\"",
             hub->cfg.context ? hub->cfg.context
                              : "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld");
    headers[n++] = link;
    if (content_type) {
        snprintf(ctype, sizeof ctype, "Content-Type: %s", content_type);
        headers[n++] = ctype;
    }
    md_net_request r = {.method = method,
                        .url = url,
                        .headers = headers,
                        .n_headers = n,
                        .body = body,
                        .body_bytes = body ? strlen(body) : 0,
                        .timeout_ms = hub->cfg.timeout_ms,
                        .max_body_bytes = hub->cfg.max_body_bytes,
                        .owner = hub};
    uint64_t id = md_net_start(hub->net, &r);
    sodium_memzero(auth, sizeof auth);
    if (id)
        hub->stats.requests++;
    return id;
}

static void backoff(uint64_t *ms)
{
    *ms = *ms ? *ms * 2 : 5000;
    if (*ms > 15 * 60 * 1000)
        *ms = 15 * 60 * 1000;
}

/* A short reason for a finished or failed request, for logs (never a header or the token). */
static void describe(md_hub *hub, uint64_t id, char *out, size_t cap)
{
    long status = 0;
    md_net_state st = md_net_state_of(hub->net, id);
    if (st == MD_NET_FAILED) {
        const char *e = md_net_error(hub->net, id);
        snprintf(out, cap, "%s", e ? e : "failed");
    } else if (md_net_result(hub->net, id, &status, NULL, NULL) == 0) {
        snprintf(out, cap, "HTTP %ld", status);
    } else {
        snprintf(out, cap, "no answer");
    }
}

/* ---------------------------------------------------------------- token */

static void token_start(md_hub *hub)
{
    if (!hub->cfg.token_url || hub->token_req || hub->now_mono < hub->token_retry_mono)
        return;
    char creds[1024], b64[1500], auth[1600];
    snprintf(creds, sizeof creds, "%s:%s", hub->cfg.client_id, hub->cfg.client_secret);
    sodium_bin2base64(b64, sizeof b64, (const unsigned char *)creds, strlen(creds),
                      sodium_base64_VARIANT_ORIGINAL);
    snprintf(auth, sizeof auth, "Authorization: Basic %s", b64);
    const char *headers[] = {auth, "Content-Type: application/x-www-form-urlencoded",
                             "Accept: application/json"};
    const char *body = "grant_type=client_credentials";
    md_net_request r = {.method = "POST",
                        .url = hub->cfg.token_url,
                        .headers = headers,
                        .n_headers = 3,
                        .body = body,
                        .body_bytes = strlen(body),
                        .timeout_ms = hub->cfg.timeout_ms,
                        .max_body_bytes = 64 * 1024,
                        .owner = hub};
    hub->token_req = md_net_start(hub->net, &r);
    sodium_memzero(creds, sizeof creds);
    sodium_memzero(b64, sizeof b64);
    sodium_memzero(auth, sizeof auth);
    if (hub->token_req) {
        hub->stats.requests++;
        hub->stats.token_requests++;
    }
}

static void token_collect(md_hub *hub)
{
    md_net_state st = md_net_state_of(hub->net, hub->token_req);
    if (!hub->token_req || st == MD_NET_PENDING)
        return;
    long status = 0;
    const char *body = NULL;
    size_t n = 0;
    char err[256] = "";
    int ok = 0;
    if (md_net_result(hub->net, hub->token_req, &status, &body, &n) == 0 && status == 200) {
        int64_t exp_unix = 0;
        char tok[TOKEN_CAP];
        if (md_ngsi_parse_token(body, n, hub->now_unix, tok, sizeof tok, &exp_unix, err,
                                sizeof err) == 0) {
            int64_t life_ms = exp_unix - hub->now_unix;
            if (life_ms < 10000)
                life_ms = 10000; /* already "expired" by our clock: use it once, renew soon */
            /* Renew before expiry: with a tenth of its life, at most a minute, to spare. */
            int64_t margin = life_ms / 10 < 60000 ? life_ms / 10 : 60000;
            memcpy(hub->token, tok, sizeof hub->token);
            hub->token_renew_mono = hub->now_mono + (uint64_t)(life_ms - margin);
            ok = 1;
        }
        sodium_memzero(tok, sizeof tok);
    } else {
        describe(hub, hub->token_req, err, sizeof err);
    }
    md_net_cancel(hub->net, hub->token_req);
    hub->token_req = 0;
    if (ok) {
        if (hub->token_failing)
            md_log(MD_LOG_INFO, "HUB", "token: renewed again");
        hub->token_failing = 0;
        hub->token_backoff_ms = 0;
        hub->token_retry_mono = 0;
    } else {
        backoff(&hub->token_backoff_ms);
        hub->token_retry_mono = hub->now_mono + hub->token_backoff_ms;
        if (!hub->token_failing)
            md_log(MD_LOG_WARN, "HUB", "token: %s from %s; retrying in %llu s", err,
                   hub->cfg.token_url, (unsigned long long)(hub->token_backoff_ms / 1000));
        hub->token_failing = 1;
    }
}

/* The hub said 401: the token is no good whatever its expiry said. */
static void token_drop(md_hub *hub)
{
    sodium_memzero(hub->token, sizeof hub->token);
    hub->token_renew_mono = 0;
}

/* ---------------------------------------------------------------- queries */

static char *esc(const char *s)
{
    return curl_easy_escape(NULL, s, 0);
}

static int query_url(md_hub *hub, query *q, char *out, size_t cap)
{
    char *type = esc(q->type);
    char *qq = q->q ? esc(q->q) : NULL;
    char *attrs = q->attrs ? esc(q->attrs) : NULL;
    int n = snprintf(out, cap, "%s%s/entities?type=%s&options=keyValues&limit=%d&offset=%d",
                     hub->cfg.url, prefix(hub), type ? type : "", hub->cfg.page_limit, q->offset);
    if (qq)
        n += snprintf(out + n, cap > (size_t)n ? cap - (size_t)n : 0, "&q=%s", qq);
    if (attrs)
        n += snprintf(out + n, cap > (size_t)n ? cap - (size_t)n : 0, "&attrs=%s", attrs);
    if (q->max_distance_m > 0 && hub->cfg.has_location)
        n += snprintf(out + n, cap > (size_t)n ? cap - (size_t)n : 0,
                      "&georel=near%%3BmaxDistance%%3D%%3D%d&geometry=Point"
                      "&coordinates=%%5B%.6f%%2C%.6f%%5D",
                      q->max_distance_m, hub->cfg.lon, hub->cfg.lat);
    curl_free(type);
    curl_free(qq);
    curl_free(attrs);
    return (n > 0 && (size_t)n < cap) ? 0 : -1;
}

static void query_fail(md_hub *hub, query *q, const char *why)
{
    if (!q->failing)
        md_log(MD_LOG_WARN, "HUB", "query %s: %s; %s", q->type, why,
               q->generation ? "keeping the last good answer" : "no answer yet");
    else
        md_log(MD_LOG_DEBUG, "HUB", "query %s: %s", q->type, why);
    snprintf(q->error, sizeof q->error, "%s", why);
    q->failing = 1;
    json_decref(q->pages);
    q->pages = NULL;
    backoff(&q->backoff_ms);
    uint64_t wait_ms = q->backoff_ms < (uint64_t)q->refresh_s * 1000
                           ? q->backoff_ms
                           : (uint64_t)q->refresh_s * 1000;
    q->due_mono = hub->now_mono + wait_ms;
}

static void query_start_page(md_hub *hub, query *q)
{
    q->req = hub_request(hub, "GET", q->url, NULL, NULL);
    if (!q->req)
        query_fail(hub, q, "could not start the request");
}

static void query_begin(md_hub *hub, query *q)
{
    json_decref(q->pages);
    q->pages = json_array();
    q->page = 1;
    q->offset = 0;
    q->auth_retry = 0;
    if (!q->pages || query_url(hub, q, q->url, sizeof q->url) < 0) {
        query_fail(hub, q, "query too long");
        return;
    }
    query_start_page(hub, q);
}

static void query_complete(md_hub *hub, query *q)
{
    char *text = json_dumps(q->pages, JSON_COMPACT);
    json_decref(q->pages);
    q->pages = NULL;
    q->due_mono = hub->now_mono + (uint64_t)q->refresh_s * 1000;
    if (!text) {
        query_fail(hub, q, "out of memory");
        return;
    }
    md_free(q->result);
    q->result = md_strdup(text);
    q->result_bytes = q->result ? strlen(q->result) : 0;
    free(text);
    q->generation++;
    hub->changes++;
    q->updated_unix_ms = hub->now_unix;
    if (q->failing)
        md_log(MD_LOG_INFO, "HUB", "query %s: answering again", q->type);
    q->failing = 0;
    q->backoff_ms = 0;
    q->error[0] = '\0';
}

static void query_collect(md_hub *hub, query *q)
{
    md_net_state st = md_net_state_of(hub->net, q->req);
    if (!q->req || st == MD_NET_PENDING)
        return;
    uint64_t id = q->req;
    q->req = 0;
    long status = 0;
    const char *body = NULL;
    size_t n = 0;
    if (md_net_result(hub->net, id, &status, &body, &n) < 0) {
        char why[256];
        describe(hub, id, why, sizeof why);
        md_net_cancel(hub->net, id);
        query_fail(hub, q, why);
        return;
    }
    if (status == 401 && hub->cfg.token_url && !q->auth_retry) {
        /* Expired or revoked early: renew, then redo this round from the first page. */
        md_net_cancel(hub->net, id);
        token_drop(hub);
        q->auth_retry = 1;
        json_decref(q->pages);
        q->pages = NULL;
        q->due_mono = hub->now_mono;
        return;
    }
    if (status != 200) {
        char why[64];
        snprintf(why, sizeof why, "HTTP %ld", status);
        md_net_cancel(hub->net, id);
        query_fail(hub, q, why);
        return;
    }
    char err[200] = "";
    int skipped = 0;
    int got =
        md_ngsi_parse_entities(body, n, q->pages, hub->cfg.max_entities, &skipped, err, sizeof err);
    char next[URL_CAP] = "";
    int has_next =
        md_ngsi_link_next(md_net_header(hub->net, id, "Link"), q->url, next, sizeof next) == 0;
    md_net_cancel(hub->net, id);
    if (got < 0) {
        query_fail(hub, q, err);
        return;
    }
    if (skipped)
        md_log(MD_LOG_WARN, "HUB",
               "query %s: page %d: %d entities without a valid urn id or type "
               "left out",
               q->type, q->page, skipped);
    int page_n = got + skipped;
    int full = (int)json_array_size(q->pages) >= hub->cfg.max_entities;
    if (has_next) {
        /* The next page must stay on the hub's origin (the token goes with it). */
        char a[512], b[512];
        if (md_net_origin_of(next, a, sizeof a) < 0 ||
            md_net_origin_of(hub->cfg.url, b, sizeof b) < 0 || strcmp(a, b) != 0) {
            query_fail(hub, q, "Link rel=next leaves the hub's origin");
            return;
        }
    }
    int more = !full && (has_next || page_n >= hub->cfg.page_limit) && page_n > 0;
    if (more && q->page >= hub->cfg.max_pages) {
        md_log(MD_LOG_WARN, "HUB", "query %s: stopped after %d pages (%zu entities)", q->type,
               q->page, json_array_size(q->pages));
        more = 0;
    }
    if (!more) {
        query_complete(hub, q);
        return;
    }
    q->page++;
    if (has_next) {
        snprintf(q->url, sizeof q->url, "%s", next);
    } else {
        q->offset += hub->cfg.page_limit;
        if (query_url(hub, q, q->url, sizeof q->url) < 0) {
            query_fail(hub, q, "query too long");
            return;
        }
    }
    query_start_page(hub, q);
}

uint64_t md_hub_query_add(md_hub *hub, const md_hub_query_spec *spec)
{
    if (!hub || !spec || !spec->type || !*spec->type || strlen(spec->type) > 128) {
        md_log(MD_LOG_ERROR, "HUB", "query: an entity type is required");
        return 0;
    }
    for (const char *p = spec->type; *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '_' && *p != '-' && *p != ':' && *p != '.') {
            md_log(MD_LOG_ERROR, "HUB", "query: bad entity type \"%s\"", spec->type);
            return 0;
        }
    int refresh = spec->refresh_s < 5 ? 5 : spec->refresh_s;
    for (query *q = hub->queries; q; q = q->next)
        if (q->owner == spec->owner && !strcmp(q->type, spec->type) &&
            !strcmp(q->q ? q->q : "", spec->q ? spec->q : "") &&
            !strcmp(q->attrs ? q->attrs : "", spec->attrs ? spec->attrs : "") &&
            q->max_distance_m == spec->max_distance_m && q->refresh_s == refresh)
            return q->id;
    if (spec->max_distance_m > 0 && !hub->cfg.has_location)
        md_log(MD_LOG_WARN, "HUB",
               "query %s: near the kiosk, but [kiosk] location is not set; "
               "asking without a distance",
               spec->type);
    query *q = md_calloc(1, sizeof *q);
    if (!q)
        return 0;
    q->type = md_strdup(spec->type);
    q->q = dup_or_null(spec->q);
    q->attrs = dup_or_null(spec->attrs);
    if (!q->type || (spec->q && *spec->q && !q->q) || (spec->attrs && *spec->attrs && !q->attrs)) {
        query_free(hub, q);
        return 0;
    }
    q->max_distance_m = spec->max_distance_m;
    q->refresh_s = refresh;
    q->owner = spec->owner;
    q->id = hub->next_query_id++;
    q->due_mono = hub->now_mono;
    q->next = hub->queries;
    hub->queries = q;
    return q->id;
}

static query *find_query(md_hub *hub, uint64_t id)
{
    for (query *q = hub ? hub->queries : NULL; q; q = q->next)
        if (q->id == id)
            return q;
    return NULL;
}

int md_hub_query_result(md_hub *hub, uint64_t id, const char **json, size_t *json_bytes,
                        int64_t *updated_unix_ms, const char **error)
{
    query *q = find_query(hub, id);
    if (!q)
        return -1;
    if (json)
        *json = q->result;
    if (json_bytes)
        *json_bytes = q->result_bytes;
    if (updated_unix_ms)
        *updated_unix_ms = q->updated_unix_ms;
    if (error)
        *error = q->failing ? q->error : NULL;
    return q->generation;
}

int md_hub_query_owned(md_hub *hub, uint64_t id, const void *owner)
{
    query *q = find_query(hub, id);
    return q && q->owner == owner;
}

long md_hub_changes(const md_hub *hub)
{
    return hub ? hub->changes : 0;
}

void md_hub_query_remove(md_hub *hub, uint64_t id)
{
    for (query **pp = hub ? &hub->queries : NULL; pp && *pp; pp = &(*pp)->next)
        if ((*pp)->id == id) {
            query *q = *pp;
            *pp = q->next;
            query_free(hub, q);
            return;
        }
}

void md_hub_query_remove_owner(md_hub *hub, const void *owner)
{
    query **pp = hub ? &hub->queries : NULL;
    while (pp && *pp) {
        query *q = *pp;
        if (q->owner == owner) {
            *pp = q->next;
            query_free(hub, q);
        } else {
            pp = &q->next;
        }
    }
}

/* ---------------------------------------------------------------- publishing */

int md_hub_count(md_hub *hub, int64_t unix_ms, md_hub_metric metric, const char *key)
{
    if (!hub)
        return -1;
    if (metric == MD_HUB_LANGUAGE || metric == MD_HUB_SERVICE || metric == MD_HUB_EVENT) {
        size_t n = key ? strlen(key) : 0;
        int ok = n > 0 && n <= 64;
        for (size_t i = 0; ok && i < n; i++)
            ok = isalnum((unsigned char)key[i]) || strchr("._/-", key[i]) != NULL;
        if (!ok) {
            md_log(MD_LOG_WARN, "HUB",
                   "usage: refused a count whose name is not a short "
                   "identifier");
            return -1;
        }
    }
    return md_usage_count(hub->usage, unix_ms, metric, key);
}

int md_hub_status_set(md_hub *hub, const char *attr, const char *json_value)
{
    json_error_t je;
    json_t *v = json_value ? json_loads(json_value, JSON_DECODE_ANY, &je) : NULL;
    if (!hub || !attr || !v) {
        md_log(MD_LOG_ERROR, "HUB", "status %s: not JSON", attr ? attr : "?");
        json_decref(v);
        return -1;
    }
    json_object_set_new(hub->status_attrs, attr, v);
    return 0;
}

static void iso_time(int64_t unix_ms, int minute_only, char *out, size_t cap)
{
    time_t t = (time_t)(unix_ms / 1000);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, cap, minute_only ? "%Y-%m-%dT%H:%M:00Z" : "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static json_t *status_entity(md_hub *hub)
{
    char id[400], now[32], started[32];
    snprintf(id, sizeof id, "urn:ngsi-ld:Device:%s", hub->cfg.kiosk_id);
    iso_time(hub->now_unix, 1, now, sizeof now);
    iso_time(hub->started_unix_ms, 1, started, sizeof started);
    json_t *e = json_pack("{s:s, s:s}", "id", id, "type", "Device");
    if (!e)
        return NULL;
#define PROP(name, val)                                                                            \
    json_object_set_new(                                                                           \
        e, name,                                                                                   \
        json_pack("{s:s, s:o, s:s}", "type", "Property", "value", val, "observedAt", now))
    PROP("category", json_pack("[s]", "kiosk"));
    PROP("deviceState", json_string(hub->flushing ? "stopped" : "running"));
    PROP("dateLastValueReported", json_string(now));
    PROP("startedAt", json_string(started));
    PROP("uptimeS", json_integer((json_int_t)((hub->now_mono - hub->started_mono) / 1000)));
    PROP("usageHoursQueued", json_integer(md_usage_queued(hub->usage)));
    PROP("usageHoursDropped", json_integer(md_usage_dropped(hub->usage)));
    struct statvfs vfs;
    const char *disk = hub->cfg.state_path ? hub->cfg.state_path : "/";
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", disk);
    char *slash = strrchr(dir, '/');
    if (slash && slash != dir)
        *slash = '\0';
    if (statvfs(dir, &vfs) == 0)
        PROP("freeDiskMb",
             json_integer((json_int_t)((unsigned long long)vfs.f_bavail * vfs.f_frsize >> 20)));
    const char *key = NULL;
    json_t *v = NULL;
    json_object_foreach(hub->status_attrs, key, v) PROP(key, json_incref(v));
#undef PROP
    if (hub->cfg.has_location)
        json_object_set_new(e, "location",
                            json_pack("{s:s, s:{s:s, s:[f,f]}}", "type", "GeoProperty", "value",
                                      "type", "Point", "coordinates", hub->cfg.lon, hub->cfg.lat));
    if (hub->cfg.dataset_id)
        json_object_set_new(e, "datasetId", json_string(hub->cfg.dataset_id));
    return e;
}

static void publish_start(md_hub *hub)
{
    if (!hub->cfg.publish || hub->upsert_req || hub->now_mono < hub->publish_retry_mono)
        return;
    int hours = md_usage_queued(hub->usage);
    /* One fresh hour waits for the next status and rides in its batch (it costs the hub no
     * request of its own); a backlog after an outage, or a shutdown, goes at once. */
    if (hours > 1)
        hub->catching_up = 1;
    else if (hours == 0)
        hub->catching_up = 0;
    if (!hub->status_pending && (hours == 0 || (hours == 1 && !hub->flushing && !hub->catching_up)))
        return;
    json_t *batch = json_array();
    json_t *hours_only = json_array();
    if (!batch || !hours_only) {
        json_decref(batch);
        json_decref(hours_only);
        return;
    }
    int had_status = 0;
    if (hub->status_pending) {
        json_t *st = status_entity(hub);
        if (st && json_array_append_new(batch, st) == 0)
            had_status = 1;
    }
    md_usage_take(hub->usage, hub->batch_max, hours_only);
    json_array_extend(batch, hours_only);
    char *body = json_dumps(batch, JSON_COMPACT);
    json_decref(batch);
    if (!body) {
        json_decref(hours_only);
        return;
    }
    char url[URL_CAP];
    snprintf(url, sizeof url, "%s%s/entityOperations/upsert", hub->cfg.url, prefix(hub));
    hub->upsert_req = hub_request(hub, "POST", url, body, "application/json");
    free(body);
    if (!hub->upsert_req) {
        json_decref(hours_only);
        return;
    }
    hub->upsert_batch = hours_only;
    hub->upsert_had_status = had_status;
}

static void publish_failed(md_hub *hub, const char *why)
{
    hub->stats.upsert_failures++;
    backoff(&hub->publish_backoff_ms);
    hub->publish_retry_mono = hub->now_mono + hub->publish_backoff_ms;
    if (!hub->publish_failing)
        md_log(MD_LOG_WARN, "HUB", "publishing: %s; %d hours queued, retrying in %llu s", why,
               md_usage_queued(hub->usage), (unsigned long long)(hub->publish_backoff_ms / 1000));
    hub->publish_failing = 1;
}

static void publish_collect(md_hub *hub)
{
    md_net_state st = md_net_state_of(hub->net, hub->upsert_req);
    if (!hub->upsert_req || st == MD_NET_PENDING)
        return;
    uint64_t id = hub->upsert_req;
    hub->upsert_req = 0;
    json_t *batch = hub->upsert_batch;
    hub->upsert_batch = NULL;
    long status = 0;
    char why[256];
    describe(hub, id, why, sizeof why);
    int answered = md_net_result(hub->net, id, &status, NULL, NULL) == 0;
    md_net_cancel(hub->net, id);
    if (answered && status >= 200 && status < 300) {
        hub->stats.upserts_ok++;
        hub->stats.hours_delivered += (long)json_array_size(batch);
        md_usage_delivered(hub->usage, batch);
        if (hub->upsert_had_status)
            hub->status_pending = 0;
        if (hub->publish_failing)
            md_log(MD_LOG_INFO, "HUB", "publishing again; %d hours still queued",
                   md_usage_queued(hub->usage));
        hub->publish_failing = 0;
        hub->publish_backoff_ms = 0;
        hub->publish_retry_mono = 0;
    } else if (answered && status == 401 && hub->cfg.token_url) {
        token_drop(hub); /* renew and send again at once */
    } else if (answered && status == 413 && hub->batch_max > 1) {
        hub->batch_max /= 2;
        md_log(MD_LOG_WARN, "HUB", "publishing: HTTP 413; batches of %d from now on",
               hub->batch_max);
    } else if (answered && status == 400) {
        /* The hub will never take this batch: keep the rest of the queue moving. */
        md_log(MD_LOG_ERROR, "HUB", "publishing: HTTP 400; %zu hours refused by the hub, dropped",
               json_array_size(batch));
        md_usage_delivered(hub->usage, batch);
        if (hub->upsert_had_status)
            hub->status_pending = 0;
        publish_failed(hub, why);
    } else {
        publish_failed(hub, why);
    }
    json_decref(batch);
}

/* ---------------------------------------------------------------- tick */

void md_hub_tick(md_hub *hub, uint64_t mono_ms, int64_t unix_ms)
{
    if (!hub)
        return;
    hub->now_mono = mono_ms;
    hub->now_unix = unix_ms;
    token_collect(hub);
    for (query *q = hub->queries; q; q = q->next)
        query_collect(hub, q);
    publish_collect(hub);
    md_usage_roll(hub->usage, unix_ms);
    if (!hub->flushing && hub->cfg.publish && mono_ms >= hub->status_due_mono) {
        hub->status_pending = 1;
        hub->status_due_mono = mono_ms + (uint64_t)hub->cfg.status_interval_s * 1000;
    }
    int wants_hub = hub->status_pending || md_usage_queued(hub->usage) > 0;
    for (query *q = hub->queries; q && !wants_hub; q = q->next)
        wants_hub = !q->req && mono_ms >= q->due_mono;
    if (!wants_hub)
        return;
    if (!token_usable(hub)) {
        token_start(hub);
        return;
    }
    if (!hub->flushing)
        for (query *q = hub->queries; q; q = q->next)
            if (!q->req && mono_ms >= q->due_mono)
                query_begin(hub, q);
    publish_start(hub);
}

int md_hub_flush(md_hub *hub, uint64_t mono_ms, int64_t unix_ms, int max_ms)
{
    if (!hub)
        return 0;
    hub->flushing = 1;
    hub->now_unix = unix_ms;
    md_usage_roll(hub->usage, unix_ms);
    md_usage_close_partial(hub->usage);
    if (hub->cfg.publish) {
        hub->status_pending = 1; /* one last status: "stopped", so restarts can be told apart */
        hub->publish_retry_mono = 0;
        hub->token_retry_mono = 0;
        uint64_t start_ns = md_time_ns();
        long failures = hub->stats.upsert_failures;
        int token_failed = 0;
        while ((md_usage_queued(hub->usage) > 0 || hub->status_pending || hub->upsert_req) &&
               hub->stats.upsert_failures == failures && !token_failed) {
            long elapsed_ms = (long)((md_time_ns() - start_ns) / 1000000);
            if (elapsed_ms >= max_ms)
                break;
            md_hub_tick(hub, mono_ms, unix_ms);
            token_failed = hub->token_failing && !hub->token_req;
            md_net_wait_idle(hub->net, (int)(max_ms - elapsed_ms));
        }
    }
    md_usage_save(hub->usage);
    int left = md_usage_queued(hub->usage);
    if (left)
        md_log(MD_LOG_INFO, "HUB", "%d hours of use kept on disk for the next run", left);
    return left;
}

void md_hub_get_stats(md_hub *hub, md_hub_stats *out)
{
    memset(out, 0, sizeof *out);
    if (!hub)
        return;
    *out = hub->stats;
    out->queued_hours = md_usage_queued(hub->usage);
    out->dropped_hours = md_usage_dropped(hub->usage);
    out->queue_bytes = md_usage_queue_bytes(hub->usage);
    out->token_valid = token_usable(hub) && hub->token[0];
}
