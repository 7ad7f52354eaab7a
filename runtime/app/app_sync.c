/* Sync inside the kiosk: starts runtime/sync from the [sync] section, lets the host load synced
 * plugins only when their hash is in the verified manifest, and on the main thread, after the
 * sync thread switched `current`, checks the new release the way the kiosk will use it (each
 * plugin's validate, the locale packs) and then reloads packs and calls content_updated — or flips
 * back to the previous release and records the refusal (docs/SYNC.md).
 */
#include <stdio.h>
#include <string.h>

#include "app/app_internal.h"
#include "base/base.h"
#include "staff/staff.h"
#include "sync/sync.h"

/* The sync thread reads the wall clock through this. In headless runs it is the script's virtual
 * clock; the sync thread only runs while the script runner waits for it (the `sync` command), so
 * the clock is not written concurrently. */
static int64_t sync_now(void *user)
{
    md_app *a = user;
    return md_app_wall_ms(a) / 1000;
}

static int plugin_trusted(void *user, const char *so_path)
{
    return md_sync_plugin_trusted(user, so_path);
}

int md_app_sync_open(md_app *a, md_host_synced *synced)
{
    md_sync_settings *set = md_calloc(1, sizeof *set);
    if (!set)
        return -1;
    int rc = md_sync_settings_read(&a->cfg, set);
    if (rc != 0) {
        md_free(set);
        return rc > 0 ? 0 : -1; /* no [sync]: content as configured */
    }
    set->cfg.now_unix = sync_now;
    set->cfg.now_user = a;
    a->sync = md_sync_create(&set->cfg);
    if (!a->sync) {
        md_sync_settings_free(set);
        md_free(set);
        md_log(MD_LOG_ERROR, "SYNC", "sync is off: the [sync] section cannot be used");
        return -1;
    }
    a->sync_settings = set;
    snprintf(a->sync_plugin_dir, sizeof a->sync_plugin_dir, "%s/plugins",
             md_sync_current_dir(a->sync));
    synced->dir = a->sync_plugin_dir;
    synced->trusted = plugin_trusted;
    synced->user = a->sync;
    return 0;
}

void md_app_sync_start(md_app *a)
{
    if (!a->sync)
        return;
    /* The staff screen shows the current release, the last sync and the last refusal. */
    md_staff_add_section(a->staff, "Sync", md_sync_staff_section, a->sync);
    /* Headless scripts run rounds only when they say `sync`: deterministic tests. */
    md_sync_start(a->sync, !a->headless);
}

void md_app_sync_close(md_app *a)
{
    md_sync_destroy(a->sync);
    a->sync = NULL;
    if (a->sync_settings) {
        md_sync_settings_free(a->sync_settings);
        md_free(a->sync_settings);
        a->sync_settings = NULL;
    }
}

void md_app_sync_poll(md_app *a)
{
    if (!a->sync || !md_sync_take_switch(a->sync))
        return;
    char why[768] = "";
    int refused = md_host_validate_all(a->plugins, why, sizeof why) < 0;
    if (!refused && md_sync_validate_locales(a->cfg.locales_dir, why, sizeof why) < 0) {
        char tmp[768];
        snprintf(tmp, sizeof tmp, "locale packs refused: %s", why);
        snprintf(why, sizeof why, "%s", tmp);
        refused = 1;
    }
    if (refused) {
        md_sync_flip_back(a->sync, why);
    } else {
        md_sync_status st;
        md_sync_get_status(a->sync, &st);
        md_log(MD_LOG_INFO, "SYNC", "release v%lld is in use", (long long)st.version);
        md_host_content_updated_all(a->plugins);
    }
    /* The packs follow `current` either way: reload what changed now, not within a second. */
    a->last_pack_poll_ms = 0;
    a->packs_switched = 1;
    md_app_poll_packs(a, md_app_now_ms(a) + 1000);
    a->dirty = 1;
}

int md_app_sync_round(md_app *a, const char *expect, char *err, size_t err_cap)
{
    if (!a->sync) {
        snprintf(err, err_cap, "sync is not configured (no usable [sync] section)");
        return -1;
    }
    md_sync_outcome o = md_sync_request(a->sync, 120000);
    if (o == MD_SYNC_NONE) {
        snprintf(err, err_cap, "the sync round did not finish within 120 s");
        return -1;
    }
    md_app_sync_poll(a);
    md_sync_status st;
    md_sync_get_status(a->sync, &st);
    /* A switch the kiosk then refused reads as refused. */
    if (o == MD_SYNC_UPDATED && st.last_outcome == MD_SYNC_REFUSED)
        o = MD_SYNC_REFUSED;
    if (expect && strcmp(expect, md_sync_outcome_name(o)) != 0) {
        snprintf(err, err_cap, "sync: expected %s, the round was %s%s%s", expect,
                 md_sync_outcome_name(o), st.last_refusal[0] ? ": " : "", st.last_refusal);
        return -1;
    }
    return 0;
}
