/* The plugin host: loads every plugin .so from a directory, checks its descriptor against this
 * kiosk's ABI, implements the md_host function table on top of the UI toolkit, i18n and the
 * configuration, and calls the plugins' callbacks, recording which plugin is active before each.
 * Plugins are never dlclosed (crash-only: a restart is the recovery).
 */
#ifndef MD_HOST_H
#define MD_HOST_H

#include <stddef.h>
#include <stdint.h>

#include "madang/plugin.h"

typedef struct md_ui md_ui;
typedef struct md_i18n md_i18n;
typedef struct md_config md_config;
typedef struct md_speech md_speech;
typedef struct md_net md_net;
typedef struct md_hub md_hub;

/* What the host needs from the runtime. Borrowed for the lifetime of the md_plugins. */
typedef struct md_host_env {
    md_ui *ui;
    md_i18n *i18n; /* never NULL (md_i18n_create gives an English-only one without packs) */
    const md_config *cfg;
    void *app; /* passed back to the callbacks below */
    uint64_t (*monotonic_ms)(void *app);
    int64_t (*now_unix_ms)(void *app);
    void (*go_home)(void *app);
    md_speech *speech; /* ui_speak and ui_play_audio; may be NULL (they then return -1) */
    md_net *net;       /* http_*; may be NULL (http_start then returns 0) */
    md_hub *hub;       /* hub_query and count_event; may be NULL (no [hub] configured) */
} md_host_env;

/* Plugins that arrived by sync (<sync dir>/current/plugins): loaded before the image's, and only
 * when trusted() says the file's sha256 is in the verified manifest. */
typedef struct md_host_synced {
    const char *dir;
    int (*trusted)(void *user, const char *so_path);
    void *user;
} md_host_synced;

typedef enum md_plugin_status {
    MD_PLUGIN_NONE = 0,
    MD_PLUGIN_ACTIVE,     /* loaded and initialised: has a tile */
    MD_PLUGIN_REFUSED,    /* wrong ABI, bad descriptor, duplicate id, dlopen failure */
    MD_PLUGIN_FAILED,     /* init returned -1 */
    MD_PLUGIN_QUARANTINED /* crashed too often (crash journal): not loaded, tile says so */
} md_plugin_status;

typedef struct md_plugins md_plugins;

/* Loads every *.so in dir in name order. A plugin that cannot be used is logged (file and
 * reason) and left out; the others load. Returns NULL only on allocation failure. */
md_plugins *md_host_load_dir(const md_host_env *env, const char *dir);
/* The same, first loading the synced plugins (synced may be NULL); a synced plugin with the id
 * of an image plugin wins (the image's is then refused as a duplicate id). */
md_plugins *md_host_load(const md_host_env *env, const char *dir, const md_host_synced *synced);
/* Calls every active plugin's shutdown and frees the host's memory (the .so files stay mapped). */
void md_host_unload(md_plugins *plugins);

int md_host_count(const md_plugins *plugins); /* every file seen, whatever its status */
md_plugin_ctx *md_host_plugin(const md_plugins *plugins, int i);
md_plugin_ctx *md_host_find(const md_plugins *plugins, const char *id);
md_plugin_status md_host_status(const md_plugin_ctx *ctx);
const char *md_host_id(const md_plugin_ctx *ctx);      /* NULL when refused before reading it */
const char *md_host_file(const md_plugin_ctx *ctx);    /* the .so path */
const char *md_host_version(const md_plugin_ctx *ctx); /* the descriptor's version, or "?" */
/* The tile title in the current language (msgid noted for the semantic tree). */
const char *md_host_title(md_plugin_ctx *ctx);
/* Absolute path of the tile icon, or NULL. */
const char *md_host_icon_path(const md_plugin_ctx *ctx);
const md_host *md_host_table(const md_plugins *plugins);

/* Translate, then record the msgid for the semantic tree (the one place that does both, for the
 * flow's own screens and for the plugins' tr/trc): msgid in domain ("runtime" or a plugin id), in
 * lang (NULL = the current language of the md_i18n, its one owner). "" for a NULL msgid. */
const char *md_host_tr(md_plugins *plugins, const char *domain, const char *lang,
                       const char *msgctxt, const char *msgid);
/* The translation of msgid formatted with args in the current language, in frame memory, msgid
 * recorded; msgid itself (logged) when it cannot be formatted. */
const char *md_host_format(md_plugins *plugins, const char *domain, const char *msgctxt,
                           const char *msgid, const md_arg *args, int n_args);

/* Callbacks, each recording the active plugin first. frame must run between md_ui_begin_frame
 * and md_ui_end_frame; widgets go into the UI's current area. */
void md_host_enter(md_plugin_ctx *ctx);
void md_host_frame(md_plugin_ctx *ctx);
void md_host_locale_changed_all(md_plugins *plugins, const char *lang);
void md_host_reset_all(md_plugins *plugins);
/* Asks every active plugin that has a validate entry to check its content directory as it is on
 * disk now (after a sync switched it). Returns 0, or -1 with "plugin <id> refused its content:
 * reason" in err at the first refusal. */
int md_host_validate_all(md_plugins *plugins, char *err, size_t err_cap);
/* Calls every active plugin's content_updated (the content directory was replaced by a sync). */
void md_host_content_updated_all(md_plugins *plugins);
/* Id of the plugin whose callback is running, or NULL (for the crash journal). */
const char *md_host_active(const md_plugins *plugins);
/* 1 if a plugin called ui_request_frame since the last call (and clears it). */
int md_host_take_frame_request(md_plugins *plugins);

/* --- crash-only (docs/OPERATIONS.md). Before every callback the host tells runtime/crash which
 * plugin and callback run; at load it reads <storage_dir>/crash.journal and quarantines a plugin
 * build that crashed quarantine_crashes times within quarantine_window_s. --- */
/* The journal's reason when ctx is quarantined, else NULL. Borrowed. */
const char *md_host_quarantine_reason(const md_plugin_ctx *ctx);
/* Staff lift a quarantine: a "lift" record in the journal; the plugin loads at the next start.
 * 0, or -1 (logged). */
int md_host_lift_quarantine(md_plugins *plugins, md_plugin_ctx *ctx);
/* The plugin whose callbacks grew the process's RSS most (with an RSS ceiling set), or NULL. */
md_plugin_ctx *md_host_grew_most(const md_plugins *plugins, uint64_t *grown_bytes);
/* Appends a crash record for ctx (NULL = the runtime) with reason, e.g. a restart for memory. */
int md_host_journal_crash(md_plugins *plugins, md_plugin_ctx *ctx, const char *reason);
const char *md_host_journal_path(const md_plugins *plugins);

#endif /* MD_HOST_H */
