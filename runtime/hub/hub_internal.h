/* runtime/hub internals shared by hub.c and usage.c (not part of the hub's public face). */
#ifndef MD_HUB_INTERNAL_H
#define MD_HUB_INTERNAL_H

#include <jansson.h>

#include "hub/hub.h"

typedef struct md_usage md_usage;

/* Opens the counters (reading path when it exists; NULL = memory only). kiosk_id is copied. */
md_usage *md_usage_open(const char *path, const char *kiosk_id, const char *dataset_id, int k,
                        int queue_max);
void md_usage_close(md_usage *u);
int md_usage_count(md_usage *u, int64_t unix_ms, md_hub_metric metric, const char *key);
/* Closes the counted hour into the queue when unix_ms is in a later hour. */
void md_usage_roll(md_usage *u, int64_t unix_ms);
/* Queues the current hour as it stands (shutdown); its counts are kept. */
void md_usage_close_partial(md_usage *u);
/* Appends up to max queued entities (oldest first, new references) to batch; returns how many. */
int md_usage_take(md_usage *u, int max, json_t *batch);
/* Removes the entities of a delivered batch from the queue. */
void md_usage_delivered(md_usage *u, json_t *batch);
int md_usage_queued(const md_usage *u);
long md_usage_dropped(const md_usage *u);
size_t md_usage_queue_bytes(const md_usage *u);
void md_usage_save(md_usage *u);

#endif /* MD_HUB_INTERNAL_H */
