/* The [sync] section of the kiosk configuration, and `madang --sync-once`. Kept apart from the
 * configuration module so that sync is the one place that knows its own keys. */
#include "sync/sync.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "base/base.h"
#include "sync/internal.h"

#define TAG "SYNC"

static char *resolve(const md_config *cfg, const char *value)
{
    if (!value)
        return NULL;
    if (value[0] == '/' || !cfg->path || !strchr(cfg->path, '/'))
        return md_strdup(value);
    size_t n = strlen(cfg->path) + strlen(value) + 2;
    char *out = md_malloc(n);
    if (!out)
        return NULL;
    snprintf(out, n, "%s", cfg->path);
    strrchr(out, '/')[1] = '\0';
    strncat(out, value, n - strlen(out) - 1);
    return out;
}

static int read_int(const md_config *cfg, const char *key, int lo, int hi, int def, int *out)
{
    const char *v = md_config_get(cfg, "sync", key);
    *out = def;
    if (!v)
        return 0;
    char *end = NULL;
    long x = strtol(v, &end, 10);
    if (end == v || *end || x < lo || x > hi) {
        md_log(MD_LOG_ERROR, TAG, "%s: [sync] %s = \"%s\": expected a number from %d to %d",
               cfg->path ? cfg->path : "(config)", key, v, lo, hi);
        return -1;
    }
    *out = (int)x;
    return 0;
}

int md_sync_settings_read(const md_config *cfg, md_sync_settings *out)
{
    memset(out, 0, sizeof *out);
    const char *url = md_config_get(cfg, "sync", "url");
    const char *name = cfg->path ? cfg->path : "(config)";
    if (!url || !url[0])
        return 1;
    int rc = 0;
    out->url = md_strdup(url);
    const char *dir = md_config_get(cfg, "sync", "dir");
    out->dir = resolve(cfg, dir ? dir : "/var/lib/madang/sync");
    const char *chan = md_config_get(cfg, "sync", "channel");
    out->channel = md_strdup(chan ? chan : "stable");
    const char *ca = md_config_get(cfg, "sync", "ca_bundle");
    out->ca_bundle = ca ? resolve(cfg, ca) : NULL;
    if (!out->url || !out->dir || !out->channel || (ca && !out->ca_bundle))
        rc = -1;
    const char *keys = md_config_get(cfg, "sync", "keys");
    int n = 0;
    if (keys) {
        char *copy = md_strdup(keys), *save = NULL;
        for (char *tok = copy ? strtok_r(copy, " ,\t", &save) : NULL; tok && rc == 0;
             tok = strtok_r(NULL, " ,\t", &save)) {
            if (n >= MD_SYNC_MAX_KEYS) {
                md_log(MD_LOG_ERROR, TAG, "%s: [sync] keys: more than %d", name, MD_SYNC_MAX_KEYS);
                rc = -1;
                break;
            }
            out->key_text[n] = strncmp(tok, "ed25519:", 8) ? resolve(cfg, tok) : md_strdup(tok);
            out->keys[n] = out->key_text[n];
            if (!out->key_text[n])
                rc = -1;
            n++;
        }
        md_free(copy);
    }
    if (n == 0) {
        md_log(MD_LOG_ERROR, TAG,
               "%s: [sync] keys: no pinned public key (\"ed25519:...\" or a "
               "KEY.pub path)",
               name);
        rc = -1;
    }
    int threshold = 1, interval = 3600;
    if (read_int(cfg, "threshold", 1, MD_SYNC_MAX_KEYS, 1, &threshold) < 0 ||
        read_int(cfg, "interval_s", 10, 7 * 86400, 3600, &interval) < 0)
        rc = -1;
    const char *ah = md_config_get(cfg, "sync", "allow_http");
    int allow_http = ah && (!strcmp(ah, "yes") || !strcmp(ah, "true") || !strcmp(ah, "1"));
    if (ah && !allow_http && strcmp(ah, "no") && strcmp(ah, "false") && strcmp(ah, "0")) {
        md_log(MD_LOG_ERROR, TAG, "%s: [sync] allow_http = \"%s\": expected yes or no", name, ah);
        rc = -1;
    }
    out->cfg.url = out->url;
    out->cfg.dir = out->dir;
    out->cfg.channel = out->channel;
    out->cfg.ca_bundle = out->ca_bundle;
    out->cfg.keys = out->keys;
    out->cfg.n_keys = n;
    out->cfg.threshold = threshold;
    out->cfg.interval_s = interval;
    out->cfg.allow_http = allow_http;
    if (rc < 0)
        md_sync_settings_free(out);
    return rc;
}

void md_sync_settings_free(md_sync_settings *s)
{
    md_free(s->url);
    md_free(s->dir);
    md_free(s->channel);
    md_free(s->ca_bundle);
    for (int i = 0; i < MD_SYNC_MAX_KEYS; i++)
        md_free(s->key_text[i]);
    memset(s, 0, sizeof *s);
}

int md_sync_main_once(const char *config_path)
{
    md_config cfg;
    const char *path = config_path ? config_path : MD_CONFIG_DEFAULT_PATH;
    if (md_config_load(&cfg, path, MD_DATA_DIR) < 0) {
        fprintf(stderr, "madang: sync: %s cannot be read\n", path);
        md_config_free(&cfg);
        return 2;
    }
    md_sync_settings set;
    int rc = md_sync_settings_read(&cfg, &set);
    if (rc != 0) {
        fprintf(stderr, "madang: sync: %s: %s\n", path,
                rc > 0 ? "no [sync] url: sync is off" : "bad [sync] section (see above)");
        md_config_free(&cfg);
        return 2;
    }
    md_sync *s = md_sync_create(&set.cfg);
    if (!s) {
        fprintf(stderr, "madang: sync: %s: [sync] cannot be used (see above)\n", path);
        md_sync_settings_free(&set);
        md_config_free(&cfg);
        return 2;
    }
    /* One line of outcome: the round's own log lines would repeat the reason. */
    md_log_set_min_level((md_log_level)(MD_LOG_ERROR + 1));
    char reason[512];
    md_sync_outcome o = md_sync_once(s, reason, sizeof reason);
    md_log_set_min_level(MD_LOG_INFO);
    md_sync_status st;
    md_sync_get_status(s, &st);
    int code = 2;
    if (o == MD_SYNC_UPDATED || o == MD_SYNC_CURRENT) {
        printf("madang: sync: %s v%lld\n", o == MD_SYNC_UPDATED ? "updated to" : "already current,",
               (long long)st.version);
        code = 0;
    } else if (o == MD_SYNC_REFUSED) {
        fprintf(stderr, "madang: sync refused: %s\n", reason);
        code = 1;
    } else {
        fprintf(stderr, "madang: sync unreachable: %s\n", reason);
    }
    md_sync_destroy(s);
    md_sync_settings_free(&set);
    md_config_free(&cfg);
    return code;
}
