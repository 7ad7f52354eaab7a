/* The kiosk configuration: one INI-style file (docs/CONFIG.md). [kiosk] holds the directories,
 * screen, idle timeouts and languages; [plugin.<id>] sections are handed to plugins verbatim.
 * A bad or missing value is named in a log line and replaced by its default where that is safe.
 */
#ifndef MD_CONFIG_H
#define MD_CONFIG_H

#include "base/base.h" /* md_lang_list */

#define MD_CONFIG_DEFAULT_PATH "/etc/madang/madang.conf"

typedef struct md_config_entry {
    char *section; /* "kiosk", "plugin.org.madang.example", ... */
    char *key;
    char *value;
} md_config_entry;

typedef struct md_config {
    char *path;        /* the file read, or NULL for built-in defaults */
    char *plugin_dir;  /* *.so loaded at start */
    char *content_dir; /* per-plugin subfolders named by plugin id */
    char *locales_dir; /* locales.conf and <lang>/<domain>.po */
    char *storage_dir; /* per-plugin writable subfolders */
    char *fonts;       /* the text engine's font table; NULL = the engine's default */
    int width, height; /* physical screen in pixels (used by --windowed's default and headless) */
    int rotate;        /* 0, 90, 180 or 270 */
    int idle_timeout_s;
    int idle_warning_s; /* >= 20 */
    double px_per_mm;   /* screen density, for 20 mm touch targets */
    int kiosk;          /* 1 = lockdown (ignore window-manager quit and shortcuts) */
    int renderer_gl;    /* renderer = gl: SDL's accelerated renderer; software (0) is the default
                           (docs/PERFORMANCE.md says why) */
    char *default_language;
    md_lang_list languages;   /* offered languages; languages.n == 0 = all of locales.conf */
    md_config_entry *entries; /* every key of every section, in file order */
    int n_entries;
    int n_errors; /* values that were bad or missing and fell back to the default */
} md_config;

/* Fills cfg with the built-in defaults (directories under data_dir, e.g. MD_DATA_DIR). */
int md_config_defaults(md_config *cfg, const char *data_dir);
/* Reads path over the defaults. Relative paths in the file are relative to the file's folder.
 * Returns 0 (possibly with logged, defaulted bad values counted in n_errors), or -1 (logged)
 * when the file cannot be read; cfg then holds the defaults. */
int md_config_load(md_config *cfg, const char *path, const char *data_dir);
/* Same from text in memory; name is used in messages, base_dir resolves relative paths. */
int md_config_parse(md_config *cfg, const char *text, const char *name, const char *base_dir);
void md_config_free(md_config *cfg);
/* A raw value, NULL when absent. Borrowed from cfg. */
const char *md_config_get(const md_config *cfg, const char *section, const char *key);
/* A plugin's content folder: <content_dir>/<id>, unless [plugin.<id>] content_dir names another
 * folder (relative to the configuration file). cfg NULL gives ".". The caller frees with md_free;
 * NULL on allocation failure. */
char *md_config_content_dir(const md_config *cfg, const char *id);

#endif /* MD_CONFIG_H */
