/* Configuration file reader: INI sections, "key = value", '#' and ';' comments. Every bad value is
 * logged with file, line and key and the default stays in place, so a typo never keeps a kiosk
 * dark. */
#include "config/config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"

static char *join_path(const char *base_dir, const char *p)
{
    if (!p || p[0] == '/' || !base_dir || !base_dir[0])
        return md_strdup(p);
    return md_path_join(base_dir, p);
}

static void set_str(char **slot, char *value)
{
    md_free(*slot);
    *slot = value;
}

void md_config_free(md_config *cfg)
{
    if (!cfg)
        return;
    md_free(cfg->path);
    md_free(cfg->plugin_dir);
    md_free(cfg->content_dir);
    md_free(cfg->locales_dir);
    md_free(cfg->storage_dir);
    md_free(cfg->fonts);
    md_free(cfg->default_language);
    for (int i = 0; i < cfg->n_entries; i++) {
        md_free(cfg->entries[i].section);
        md_free(cfg->entries[i].key);
        md_free(cfg->entries[i].value);
    }
    md_free(cfg->entries);
    memset(cfg, 0, sizeof *cfg);
}

int md_config_defaults(md_config *cfg, const char *data_dir)
{
    memset(cfg, 0, sizeof *cfg);
    const char *d = data_dir ? data_dir : ".";
    cfg->plugin_dir = join_path(d, "build/plugins");
    cfg->content_dir = join_path(d, "content");
    cfg->locales_dir = join_path(d, "locales");
    cfg->storage_dir = join_path(d, "build/storage");
    cfg->fonts = NULL;
    cfg->width = 1920;
    cfg->height = 1080;
    cfg->rotate = 0;
    cfg->idle_timeout_s = 90;
    cfg->idle_warning_s = 30;
    cfg->px_per_mm = 4.5; /* 1920x1080 at about 21.5 inch */
    cfg->kiosk = 1;
    cfg->default_language = md_strdup("ko");
    if (!cfg->plugin_dir || !cfg->content_dir || !cfg->locales_dir || !cfg->storage_dir ||
        !cfg->default_language) {
        md_config_free(cfg);
        return -1;
    }
    return 0;
}

static char *trim(char *s)
{
    while (*s && isspace((unsigned char)*s))
        s++;
    char *e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1]))
        *--e = '\0';
    return s;
}

static int parse_int(const char *v, long lo, long hi, int *out)
{
    char *end = NULL;
    errno = 0;
    long x = strtol(v, &end, 10);
    if (errno || end == v || *trim(end) != '\0' || x < lo || x > hi)
        return -1;
    *out = (int)x;
    return 0;
}

typedef struct parse_ctx {
    md_config *cfg;
    const char *name;
    const char *base_dir;
    int line;
} parse_ctx;

static void bad(parse_ctx *pc, const char *key, const char *value, const char *why)
{
    md_log(MD_LOG_ERROR, "CONFIG", "%s:%d: bad value for %s = \"%s\": %s; using the default",
           pc->name, pc->line, key, value, why);
    pc->cfg->n_errors++;
}

static void apply_kiosk(parse_ctx *pc, const char *key, const char *value)
{
    md_config *cfg = pc->cfg;
    int iv = 0;
    char **dir_slot = NULL;
    if (!strcmp(key, "plugin_dir"))
        dir_slot = &cfg->plugin_dir;
    else if (!strcmp(key, "content_dir"))
        dir_slot = &cfg->content_dir;
    else if (!strcmp(key, "locales_dir"))
        dir_slot = &cfg->locales_dir;
    else if (!strcmp(key, "storage_dir"))
        dir_slot = &cfg->storage_dir;
    else if (!strcmp(key, "fonts"))
        dir_slot = &cfg->fonts;
    if (dir_slot) {
        if (!value[0]) {
            bad(pc, key, value, "empty path");
            return;
        }
        char *p = join_path(pc->base_dir, value);
        if (p)
            set_str(dir_slot, p);
        return;
    }
    if (!strcmp(key, "width") || !strcmp(key, "height")) {
        if (parse_int(value, MD_SIZE_MIN_PX, MD_SIZE_MAX_PX, &iv) < 0) {
            bad(pc, key, value, "expected a number of pixels from 64 to 16384");
            return;
        }
        *(key[0] == 'w' ? &cfg->width : &cfg->height) = iv;
    } else if (!strcmp(key, "rotate")) {
        if (parse_int(value, 0, 270, &iv) < 0 || iv % 90) {
            bad(pc, key, value, "expected 0, 90, 180 or 270");
            return;
        }
        cfg->rotate = iv;
    } else if (!strcmp(key, "idle_timeout_s")) {
        if (parse_int(value, 5, 86400, &iv) < 0) {
            bad(pc, key, value, "expected seconds from 5 to 86400");
            return;
        }
        cfg->idle_timeout_s = iv;
    } else if (!strcmp(key, "idle_warning_s")) {
        if (parse_int(value, 20, 3600, &iv) < 0) {
            bad(pc, key, value, "expected seconds from 20 to 3600 (a visitor needs at least 20 s)");
            return;
        }
        cfg->idle_warning_s = iv;
    } else if (!strcmp(key, "px_per_mm")) {
        char *end = NULL;
        double d = strtod(value, &end);
        if (end == value || *trim(end) != '\0' || !(d >= 1.0 && d <= 40.0)) {
            bad(pc, key, value, "expected pixels per millimetre from 1 to 40");
            return;
        }
        cfg->px_per_mm = d;
    } else if (!strcmp(key, "kiosk")) {
        if (!strcmp(value, "1") || !strcmp(value, "yes") || !strcmp(value, "true"))
            cfg->kiosk = 1;
        else if (!strcmp(value, "0") || !strcmp(value, "no") || !strcmp(value, "false"))
            cfg->kiosk = 0;
        else
            bad(pc, key, value, "expected yes or no");
    } else if (!strcmp(key, "renderer")) {
        if (!strcmp(value, "software"))
            cfg->renderer_gl = 0;
        else if (!strcmp(value, "gl"))
            cfg->renderer_gl = 1;
        else
            bad(pc, key, value, "expected software or gl");
    } else if (!strcmp(key, "default_language")) {
        if (!md_lang_code_valid(value)) {
            bad(pc, key, value, "expected a BCP 47 code such as ko or uz-Latn");
            return;
        }
        char *p = md_strdup(value);
        if (p)
            set_str(&cfg->default_language, p);
    } else if (!strcmp(key, "languages")) {
        /* Space- or comma-separated; validated as a whole so a typo does not drop half a list. */
        char *copy = md_strdup(value);
        if (!copy)
            return;
        md_lang_list list = {.n = 0};
        int ok = 1;
        for (char *save = NULL, *tok = strtok_r(copy, " ,\t", &save); tok;
             tok = strtok_r(NULL, " ,\t", &save)) {
            if (md_lang_list_add(&list, tok) < 0) {
                ok = 0;
                break;
            }
        }
        if (!ok || list.n == 0)
            bad(pc, key, value, "expected a list of BCP 47 codes");
        else
            cfg->languages = list;
        md_free(copy);
    } else {
        md_log(MD_LOG_WARN, "CONFIG", "%s:%d: unknown key %s in [kiosk], ignored", pc->name,
               pc->line, key);
        cfg->n_errors++;
    }
}

static int add_entry(md_config *cfg, const char *section, const char *key, const char *value)
{
    md_config_entry *grown = md_realloc(cfg->entries, (size_t)(cfg->n_entries + 1) * sizeof *grown);
    if (!grown)
        return -1;
    cfg->entries = grown;
    md_config_entry *e = &grown[cfg->n_entries];
    e->section = md_strdup(section);
    e->key = md_strdup(key);
    e->value = md_strdup(value);
    if (!e->section || !e->key || !e->value) {
        md_free(e->section);
        md_free(e->key);
        md_free(e->value);
        return -1;
    }
    cfg->n_entries++;
    return 0;
}

int md_config_parse(md_config *cfg, const char *text, const char *name, const char *base_dir)
{
    char *copy = md_strdup(text ? text : "");
    if (!copy)
        return -1;
    parse_ctx pc = {cfg, name ? name : "(config)", base_dir, 0};
    char section[128] = "";
    /* strtok_r would skip empty lines and lose line numbers, so split by hand. */
    char *line = copy;
    while (line) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        pc.line++;
        char *s = trim(line);
        if (!s[0] || s[0] == '#' || s[0] == ';') {
            /* comment or blank */
        } else if (s[0] == '[') {
            char *close = strchr(s, ']');
            if (!close || close == s + 1 || (size_t)(close - s - 1) >= sizeof section) {
                md_log(MD_LOG_ERROR, "CONFIG", "%s:%d: bad section header \"%s\"", pc.name, pc.line,
                       s);
                cfg->n_errors++;
                snprintf(section, sizeof section, "%s", "(bad)");
            } else {
                *close = '\0';
                snprintf(section, sizeof section, "%s", trim(s + 1));
                if (strcmp(section, "kiosk") && strncmp(section, "plugin.", 7)) {
                    md_log(MD_LOG_WARN, "CONFIG", "%s:%d: unknown section [%s], ignored", pc.name,
                           pc.line, section);
                    cfg->n_errors++;
                }
            }
        } else {
            char *eq = strchr(s, '=');
            if (!eq) {
                md_log(MD_LOG_ERROR, "CONFIG", "%s:%d: expected key = value, got \"%s\"", pc.name,
                       pc.line, s);
                cfg->n_errors++;
            } else if (!section[0]) {
                md_log(MD_LOG_ERROR, "CONFIG", "%s:%d: key outside a section (start with [kiosk])",
                       pc.name, pc.line);
                cfg->n_errors++;
            } else {
                *eq = '\0';
                char *key = trim(s), *value = trim(eq + 1);
                /* Trailing " # comment" after a value. */
                char *hash = strstr(value, " #");
                if (hash) {
                    *hash = '\0';
                    value = trim(value);
                }
                size_t vn = strlen(value);
                if (vn >= 2 && value[0] == '"' && value[vn - 1] == '"') {
                    value[vn - 1] = '\0';
                    value++;
                }
                if (!key[0]) {
                    md_log(MD_LOG_ERROR, "CONFIG", "%s:%d: empty key", pc.name, pc.line);
                    cfg->n_errors++;
                } else {
                    if (!strcmp(section, "kiosk"))
                        apply_kiosk(&pc, key, value);
                    if (add_entry(cfg, section, key, value) < 0) {
                        md_free(copy);
                        return -1;
                    }
                }
            }
        }
        line = nl ? nl + 1 : NULL;
    }
    md_free(copy);
    int ok = md_lang_list_find(&cfg->languages, cfg->default_language) >= 0;
    if (cfg->languages.n > 0 && !ok) {
        md_log(MD_LOG_ERROR, "CONFIG",
               "%s: default_language %s is not in languages; using %s, the first offered", pc.name,
               cfg->default_language, cfg->languages.code[0]);
        cfg->n_errors++;
        char *p = md_strdup(cfg->languages.code[0]);
        if (p)
            set_str(&cfg->default_language, p);
    }
    return 0;
}

int md_config_load(md_config *cfg, const char *path, const char *data_dir)
{
    if (md_config_defaults(cfg, data_dir) < 0)
        return -1;
    char *text = md_read_file(path, NULL);
    if (!text) {
        md_log(MD_LOG_ERROR, "CONFIG", "[%s] cannot read the configuration; using defaults", path);
        return -1;
    }
    char *dir = md_strdup(path);
    if (dir) {
        char *slash = strrchr(dir, '/');
        if (slash)
            *slash = '\0';
        else
            strcpy(dir, ".");
    }
    cfg->path = md_strdup(path);
    int rc = md_config_parse(cfg, text, path, dir);
    md_free(dir);
    md_free(text);
    return rc;
}

const char *md_config_get(const md_config *cfg, const char *section, const char *key)
{
    /* Last one wins, like the typed [kiosk] values. */
    for (int i = cfg->n_entries - 1; i >= 0; i--)
        if (!strcmp(cfg->entries[i].section, section) && !strcmp(cfg->entries[i].key, key))
            return cfg->entries[i].value;
    return NULL;
}

/* <content_dir>/<id>, unless [plugin.<id>] content_dir names another folder (relative to the
 * configuration file), e.g. the sample content a plugin ships in its source folder. */
char *md_config_content_dir(const md_config *cfg, const char *id)
{
    if (!cfg)
        return md_strdup(".");
    char section[200];
    snprintf(section, sizeof section, "plugin.%s", id);
    const char *own = md_config_get(cfg, section, "content_dir");
    if (!own || !own[0])
        return md_path_join(cfg->content_dir, id);
    if (own[0] == '/' || !cfg->path)
        return md_strdup(own);
    char *base = md_strdup(cfg->path);
    if (!base)
        return NULL;
    char *slash = strrchr(base, '/');
    char *out = NULL;
    if (slash) {
        *slash = '\0';
        out = md_path_join(base, own);
    } else {
        out = md_strdup(own);
    }
    md_free(base);
    return out;
}
