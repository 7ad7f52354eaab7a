/* runtime/hub: anonymous use, counted per hour. Counters of the current hour and the queue of
 * closed hours waiting for the hub live in one small JSON file in storage (rewritten atomically),
 * so they survive a restart. A closed hour becomes a KioskUsage entity in which every count below
 * k is left out; the queue is bounded and drops its oldest hour first, counting the drop.
 */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/base.h"
#include "hub/hub_internal.h"

struct md_usage {
    char *path; /* NULL = memory only */
    char *kiosk_id;
    char *dataset_id;
    int k;
    int queue_max;
    int64_t hour_ms; /* start of the hour being counted, 0 = none yet */
    json_t *counts;  /* {"sessions":n,"idleResets":n,"languages":{},"services":{},"events":{}} */
    json_t *queue;   /* array of entity objects, oldest first */
    long dropped;
    int counted; /* something was counted since the last snapshot of this hour (this run) */
};

static const int64_t HOUR_MS = 3600 * 1000;

static void iso_hour(int64_t hour_ms, char *out, size_t cap)
{
    time_t t = (time_t)(hour_ms / 1000);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, cap, "%Y-%m-%dT%H:00:00Z", &tm);
}

static void save(md_usage *u)
{
    if (!u->path)
        return;
    json_t *root =
        json_pack("{s:i, s:I, s:O, s:O, s:I}", "version", 1, "hour_ms", (json_int_t)u->hour_ms,
                  "counts", u->counts, "queue", u->queue, "dropped", (json_int_t)u->dropped);
    if (!root)
        return;
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", u->path);
    if (json_dump_file(root, tmp, JSON_COMPACT) != 0 || rename(tmp, u->path) != 0)
        md_log(MD_LOG_WARN, "HUB", "%s: cannot save the usage counters: %s", u->path,
               strerror(errno));
    json_decref(root);
}

static json_t *empty_counts(void)
{
    return json_pack("{s:i, s:i, s:{}, s:{}, s:{}}", "sessions", 0, "idleResets", 0, "languages",
                     "services", "events");
}

md_usage *md_usage_open(const char *path, const char *kiosk_id, const char *dataset_id, int k,
                        int queue_max)
{
    md_usage *u = md_calloc(1, sizeof *u);
    if (!u)
        return NULL;
    u->path = path ? md_strdup(path) : NULL;
    u->kiosk_id = md_strdup(kiosk_id);
    u->dataset_id = dataset_id ? md_strdup(dataset_id) : NULL;
    u->k = k > 0 ? k : 5;
    u->queue_max = queue_max > 0 ? queue_max : 168;
    u->counts = empty_counts();
    u->queue = json_array();
    if (!u->kiosk_id || !u->counts || !u->queue || (path && !u->path)) {
        md_usage_close(u);
        return NULL;
    }
    if (path && access(path, F_OK) == 0) {
        json_error_t je;
        json_t *root = json_load_file(path, 0, &je);
        json_t *c = json_object_get(root, "counts"), *q = json_object_get(root, "queue");
        if (!json_is_object(root) || !json_is_object(c) || !json_is_array(q)) {
            /* Not ours or damaged: start afresh (counts are not precious enough to stop for). */
            md_log(MD_LOG_WARN, "HUB", "%s:%d: usage counters unreadable (%s); starting from zero",
                   path, je.line, root ? "unexpected layout" : je.text);
        } else {
            json_decref(u->counts);
            json_decref(u->queue);
            u->counts = json_incref(c);
            u->queue = json_incref(q);
            u->hour_ms = json_integer_value(json_object_get(root, "hour_ms"));
            u->dropped = (long)json_integer_value(json_object_get(root, "dropped"));
            static const char *const objs[] = {"languages", "services", "events"};
            for (int i = 0; i < 3; i++)
                if (!json_is_object(json_object_get(u->counts, objs[i])))
                    json_object_set_new(u->counts, objs[i], json_object());
        }
        json_decref(root);
    }
    return u;
}

void md_usage_close(md_usage *u)
{
    if (!u)
        return;
    json_decref(u->counts);
    json_decref(u->queue);
    md_free(u->path);
    md_free(u->kiosk_id);
    md_free(u->dataset_id);
    md_free(u);
}

static int total_count(json_t *counts)
{
    long long n = json_integer_value(json_object_get(counts, "sessions")) +
                  json_integer_value(json_object_get(counts, "idleResets"));
    static const char *const objs[] = {"languages", "services", "events"};
    for (int i = 0; i < 3; i++) {
        const char *key = NULL;
        json_t *v = NULL;
        json_object_foreach(json_object_get(counts, objs[i]), key, v) n += json_integer_value(v);
    }
    return n > 0;
}

static json_t *prop(json_t *value, const char *observed)
{
    return json_pack("{s:s, s:o, s:s}", "type", "Property", "value", value, "observedAt", observed);
}

/* The hour's entity, with every count below k left out. */
static json_t *hour_entity(md_usage *u, int64_t hour_ms, json_t *counts)
{
    char hour[32], id[512], stamp[16];
    iso_hour(hour_ms, hour, sizeof hour);
    time_t t = (time_t)(hour_ms / 1000);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%d%H", &tm);
    snprintf(id, sizeof id, "urn:ngsi-ld:KioskUsage:%s:%s", u->kiosk_id, stamp);
    char device[400];
    snprintf(device, sizeof device, "urn:ngsi-ld:Device:%s", u->kiosk_id);
    json_t *e =
        json_pack("{s:s, s:s, s:{s:s, s:s}, s:{s:s, s:s}, s:o}", "id", id, "type", "KioskUsage",
                  "refDevice", "type", "Relationship", "object", device, "dateObserved", "type",
                  "Property", "value", hour, "kAnonymity", prop(json_integer(u->k), hour));
    if (!e)
        return NULL;
    static const char *const scalars[] = {"sessions", "idleResets"};
    for (int i = 0; i < 2; i++) {
        json_int_t n = json_integer_value(json_object_get(counts, scalars[i]));
        if (n >= u->k)
            json_object_set_new(e, scalars[i], prop(json_integer(n), hour));
    }
    static const char *const objs[] = {"languages", "services", "events"};
    for (int i = 0; i < 3; i++) {
        json_t *kept = json_object();
        const char *key = NULL;
        json_t *v = NULL;
        json_object_foreach(json_object_get(counts, objs[i]), key, v)
        {
            if (json_integer_value(v) >= u->k)
                json_object_set_new(kept, key, json_integer(json_integer_value(v)));
        }
        if (json_object_size(kept) > 0)
            json_object_set_new(e, objs[i], prop(kept, hour));
        else
            json_decref(kept);
    }
    if (u->dataset_id)
        json_object_set_new(e, "datasetId", json_string(u->dataset_id));
    return e;
}

static void enqueue(md_usage *u, json_t *entity)
{
    if (!entity)
        return;
    /* The same hour again (a partial hour flushed at shutdown, then the rest of it): replace. */
    const char *id = json_string_value(json_object_get(entity, "id"));
    size_t i = 0;
    json_t *old = NULL;
    json_array_foreach(u->queue, i, old)
    {
        if (id && strcmp(id, json_string_value(json_object_get(old, "id"))) == 0) {
            json_array_set_new(u->queue, i, entity);
            return;
        }
    }
    while ((int)json_array_size(u->queue) >= u->queue_max) {
        u->dropped++;
        md_log(MD_LOG_WARN, "HUB",
               "usage queue full (%d hours): dropped the oldest hour (%s); %ld dropped so far",
               u->queue_max, json_string_value(json_object_get(json_array_get(u->queue, 0), "id")),
               u->dropped);
        json_array_remove(u->queue, 0);
    }
    json_array_append_new(u->queue, entity);
}

void md_usage_roll(md_usage *u, int64_t unix_ms)
{
    int64_t hour = unix_ms - (unix_ms % HOUR_MS);
    if (u->hour_ms == hour)
        return;
    if (u->hour_ms != 0 && total_count(u->counts))
        enqueue(u, hour_entity(u, u->hour_ms, u->counts));
    json_decref(u->counts);
    u->counts = empty_counts();
    u->hour_ms = hour;
    save(u);
}

void md_usage_close_partial(md_usage *u)
{
    /* The counts stay: if the kiosk comes back within the hour it keeps counting on top, and the
     * hour's final entity (same id) replaces this one at the hub. */
    if (u->counted && u->hour_ms != 0 && total_count(u->counts))
        enqueue(u, hour_entity(u, u->hour_ms, u->counts));
    u->counted = 0;
    save(u);
}

int md_usage_count(md_usage *u, int64_t unix_ms, md_hub_metric metric, const char *key)
{
    md_usage_roll(u, unix_ms);
    const char *field = NULL, *obj = NULL;
    switch (metric) {
    case MD_HUB_SESSION:
        field = "sessions";
        break;
    case MD_HUB_IDLE_RESET:
        field = "idleResets";
        break;
    case MD_HUB_LANGUAGE:
        obj = "languages";
        break;
    case MD_HUB_SERVICE:
        obj = "services";
        break;
    case MD_HUB_EVENT:
        obj = "events";
        break;
    default:
        return -1;
    }
    u->counted = 1;
    if (field) {
        json_object_set_new(
            u->counts, field,
            json_integer(json_integer_value(json_object_get(u->counts, field)) + 1));
    } else {
        json_t *o = json_object_get(u->counts, obj);
        if (json_object_size(o) >= 256 && !json_object_get(o, key)) {
            md_log(MD_LOG_WARN, "HUB", "usage: more than 256 different %s this hour; not counted",
                   obj);
            return -1;
        }
        json_object_set_new(o, key, json_integer(json_integer_value(json_object_get(o, key)) + 1));
    }
    save(u);
    return 0;
}

int md_usage_queued(const md_usage *u)
{
    return (int)json_array_size(u->queue);
}

long md_usage_dropped(const md_usage *u)
{
    return u->dropped;
}

size_t md_usage_queue_bytes(const md_usage *u)
{
    size_t n = 0, i = 0;
    json_t *e = NULL;
    json_array_foreach(u->queue, i, e)
    {
        char *s = json_dumps(e, JSON_COMPACT);
        n += s ? strlen(s) : 0;
        free(s);
    }
    return n;
}

int md_usage_take(md_usage *u, int max, json_t *batch)
{
    int n = 0;
    for (size_t i = 0; i < json_array_size(u->queue) && n < max; i++, n++)
        json_array_append(batch, json_array_get(u->queue, i));
    return n;
}

void md_usage_delivered(md_usage *u, json_t *batch)
{
    /* By content, not position: while the batch was in flight an hour may have been replaced by
     * a newer count (keep that one) or the oldest dropped. */
    size_t j = 0;
    json_t *sent = NULL;
    json_array_foreach(batch, j, sent)
    {
        for (size_t i = 0; i < json_array_size(u->queue); i++)
            if (json_equal(json_array_get(u->queue, i), sent)) {
                json_array_remove(u->queue, i);
                break;
            }
    }
    save(u);
}

void md_usage_save(md_usage *u)
{
    save(u);
}
