/* runtime/hub: the kiosk's client of the city data hub (KETI City Data Hub, NGSI-LD), built on
 * runtime/net. It keeps a Bearer token from OAuth2 client credentials, runs entity queries
 * ("Vehicles within 2 km, every 30 s") keeping the last good answer, and publishes the kiosk's
 * status and its anonymous use, aggregated per hour and k-suppressed (docs/DATAHUB.md).
 *
 * Everything is driven from the main loop by md_hub_tick, which never blocks: it only starts
 * requests and collects the answers runtime/net has finished. Clocks are passed in, so headless
 * runs and tests use a virtual clock.
 */
#ifndef MD_HUB_H
#define MD_HUB_H

#include <stddef.h>
#include <stdint.h>

#include "net/net.h"

typedef enum md_hub_dialect {
    MD_HUB_KETI = 0, /* NGSI-LD at the base URL's root: /entities, /entityOperations/upsert */
    MD_HUB_ETSI      /* the same under /ngsi-ld/v1/ */
} md_hub_dialect;

typedef struct md_hub_config {
    char *url; /* base URL, no trailing slash */
    md_hub_dialect dialect;
    char *token_url; /* OAuth2 token endpoint; NULL = no authentication */
    char *client_id;
    char *client_secret; /* never logged */
    char *context;       /* @context URL for the Link header; NULL = the core context */
    char *dataset_id;    /* KETI datasetId, NULL when the hub wants none */
    int publish;         /* 1 = publish status and use */
    int status_interval_s;
    int allow_http; /* 1 only for loopback tests */
    char *kiosk_id; /* [kiosk] id, else client_id, else "kiosk" */
    int has_location;
    double lat, lon;     /* [kiosk] location = lat,lon */
    char *state_path;    /* the usage counters file (storage/hub/usage.json); NULL = memory only */
    int k_threshold;     /* counts below k are not published (default 5) */
    int queue_max_hours; /* pending hours kept while the hub is down (default 168) */
    int timeout_ms;      /* per request (default 10000) */
    size_t max_body_bytes; /* per answer (default 1 MiB) */
    int page_limit;        /* entities per page asked for (default 50) */
    int max_pages;         /* pages followed per query (default 20) */
    int max_entities;      /* entities kept per query (default 500) */
} md_hub_config;

/* Reads [hub] (and [kiosk] id / location) through get (section, key -> value or NULL). Returns
 * 1 when the section configures a hub (url set), 0 when there is none, -1 (logged, file:key and
 * reason) when it is configured wrongly: then nothing is published or queried. state_dir is
 * where the counters file goes (may be NULL). Free with md_hub_config_free. */
int md_hub_config_read(md_hub_config *out,
                       const char *(*get)(void *user, const char *section, const char *key),
                       void *user, const char *state_dir);
void md_hub_config_free(md_hub_config *cfg);

typedef struct md_hub md_hub;

/* cfg is copied; net is borrowed for the hub's lifetime. Counters from a previous run are read
 * from cfg->state_path. Returns NULL (logged) on allocation failure. */
md_hub *md_hub_create(const md_hub_config *cfg, md_net *net, uint64_t mono_ms, int64_t unix_ms);
/* Frees everything; in-flight requests are cancelled. Call md_hub_flush first to deliver. */
void md_hub_destroy(md_hub *hub);

/* Never blocks: collects finished answers, renews the token, starts due queries, closes finished
 * hours, publishes status every status_interval_s and queued hours. */
void md_hub_tick(md_hub *hub, uint64_t mono_ms, int64_t unix_ms);
/* Clean shutdown / end of a headless script: closes the current (partial) hour into the queue,
 * saves the counters, and tries for at most max_ms (real time) to deliver what is queued.
 * Returns the number of hours still queued (kept on disk for the next run). */
int md_hub_flush(md_hub *hub, uint64_t mono_ms, int64_t unix_ms, int max_ms);

/* --- queries --- */
typedef struct md_hub_query_spec {
    const char *type;   /* entity type, e.g. "Vehicle" (required) */
    const char *q;      /* NGSI-LD q filter, may be NULL */
    const char *attrs;  /* comma-separated attributes, may be NULL */
    int max_distance_m; /* > 0: georel=near;maxDistance==N around the kiosk's location */
    int refresh_s;      /* >= 5 */
    const void *owner;  /* for md_hub_query_remove_owner */
} md_hub_query_spec;

/* Adds a query, or returns the id of the owner's identical one. Returns 0 (logged) on a bad spec.
 * The first request goes out at the next tick. */
uint64_t md_hub_query_add(md_hub *hub, const md_hub_query_spec *spec);
/* The last good answer: a JSON array of entities in keyValues form, NUL-terminated, borrowed
 * until the next md_hub_tick. Returns its generation (1 for the first answer, +1 for each new
 * one), 0 when no answer has arrived yet, -1 for an unknown id. updated_unix_ms (may be NULL)
 * receives when that answer arrived; error (may be NULL) the last failure or NULL when fine. */
int md_hub_query_result(md_hub *hub, uint64_t id, const char **json, size_t *json_bytes,
                        int64_t *updated_unix_ms, const char **error);
void md_hub_query_remove(md_hub *hub, uint64_t id);
/* 1 when query id exists and was added by owner. */
int md_hub_query_owned(md_hub *hub, uint64_t id, const void *owner);
/* Grows by one every time any query gets a new answer (the main loop redraws on a change). */
long md_hub_changes(const md_hub *hub);
void md_hub_query_remove_owner(md_hub *hub, const void *owner);

/* --- anonymous use (aggregated per hour; see docs/DATAHUB.md) --- */
typedef enum md_hub_metric {
    MD_HUB_SESSION = 1, /* a visitor started (left the attract loop) */
    MD_HUB_LANGUAGE,    /* key = BCP 47 code chosen */
    MD_HUB_SERVICE,     /* key = plugin id opened */
    MD_HUB_IDLE_RESET,  /* a session ended by the idle timeout */
    MD_HUB_EVENT        /* key = "<plugin id>/<event name>", reported by a plugin */
} md_hub_metric;
/* Counts one event in the hour of unix_ms. key is ignored for SESSION and IDLE_RESET. A key that
 * is not a short identifier ([A-Za-z0-9._/-], at most 64 bytes) is refused (logged), so free
 * text can never reach the hub. Returns 0 or -1. */
int md_hub_count(md_hub *hub, int64_t unix_ms, md_hub_metric metric, const char *key);

/* --- status --- */
/* Sets a status attribute published with the Device entity (e.g. "softwareVersion" to "\"1.0\"",
 * "plugins" to {"id":"version"}); value is JSON text. Returns 0, or -1 (logged) on bad JSON. */
int md_hub_status_set(md_hub *hub, const char *attr, const char *json_value);

/* --- figures for tests and benchmarks --- */
typedef struct md_hub_stats {
    int queued_hours;
    long dropped_hours;
    long requests; /* every request started (token, queries, upserts) */
    long token_requests;
    long upserts_ok;
    long upsert_failures;
    long hours_delivered;
    size_t queue_bytes; /* memory held by the queue's entity texts */
    int token_valid;
} md_hub_stats;
void md_hub_get_stats(md_hub *hub, md_hub_stats *out);

/* --- the NGSI-LD pieces, exposed for unit tests and the fuzz target (ngsi.c) --- */
/* 1 when id is urn:ngsi-ld:<Type>:<id> (KETI: "urn:" and at least three parts after it). */
int md_ngsi_valid_id(const char *id);
/* Appends the entities of a query answer (a JSON array of objects with an id and a type) to
 * into (a json_t array, as void * so this header does not pull in Jansson), keeping at most
 * max_total in it. Entities without a valid id or type are skipped and counted in *n_skipped.
 * Returns the number appended, or -1 with the reason in err when the text is not such an
 * array. */
int md_ngsi_parse_entities(const char *text, size_t text_bytes, void *into, int max_total,
                           int *n_skipped, char *err, size_t err_cap);
/* Reads an OAuth2 token answer. expires_in is accepted as seconds from now, or as an absolute
 * time (Unix seconds, Unix milliseconds, or an ISO 8601 / "YYYY-MM-DD HH:MM:SS" UTC time) as
 * KETI sends it. Returns 0, or -1 with the reason in err (never the token itself). */
int md_ngsi_parse_token(const char *text, size_t text_bytes, int64_t now_unix_ms, char *token,
                        size_t token_cap, int64_t *expires_unix_ms, char *err, size_t err_cap);
/* Finds rel="next" in an HTTP Link header and resolves it against base_url into out. Returns 0,
 * or -1 when there is none (or it is unusable). */
int md_ngsi_link_next(const char *link, const char *base_url, char *out, size_t out_cap);

#endif /* MD_HUB_H */
