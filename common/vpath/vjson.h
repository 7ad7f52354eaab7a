/* The Jansson readers every strict content validator needs, reporting through md_vpath
 * ("FILE: PATH: reason"): the keys an object may have, a string, a boolean. Shared by the health
 * guide, courseware and menus; header-only (static inline), like vpath.h.
 */
#ifndef MD_VJSON_H
#define MD_VJSON_H

#include <string.h>

#include <jansson.h>

#include "vpath.h"

/* Every key of obj must be one of allowed (NULL-terminated), or start with "_" (a comment):
 * a misspelt key ("adress_ko") is a mistake to report, not to ignore. */
static inline int md_vjson_check_keys(md_vpath *v, json_t *obj, const char *const *allowed)
{
    const char *key;
    json_t *val;
    json_object_foreach(obj, key, val)
    {
        (void)val;
        if (key[0] == '_')
            continue;
        int ok = 0;
        for (int i = 0; allowed[i] && !ok; i++)
            ok = strcmp(key, allowed[i]) == 0;
        if (!ok)
            return md_vpath_fail(v, "unknown key \"%s\"", key);
    }
    return 0;
}

/* A non-empty string without a NUL inside, at most max_bytes long (0: no limit); *out is NULL
 * when an optional key is absent. */
static inline int md_vjson_get_string(md_vpath *v, json_t *obj, const char *key, int required,
                                      size_t max_bytes, const char **out)
{
    *out = NULL;
    json_t *j = json_object_get(obj, key);
    if (!j)
        return required ? md_vpath_fail(v, "missing \"%s\"", key) : 0;
    if (!json_is_string(j) || json_string_length(j) == 0)
        return md_vpath_fail(v, "\"%s\" must be a non-empty string", key);
    if (strlen(json_string_value(j)) != json_string_length(j))
        return md_vpath_fail(v, "\"%s\" contains a NUL character", key);
    if (max_bytes && json_string_length(j) > max_bytes)
        return md_vpath_fail(v, "\"%s\" is longer than %zu bytes", key, max_bytes);
    *out = json_string_value(j);
    return 0;
}

/* An optional boolean (absent: false). */
static inline int md_vjson_get_bool(md_vpath *v, json_t *obj, const char *key, int *out)
{
    *out = 0;
    json_t *j = json_object_get(obj, key);
    if (!j)
        return 0;
    if (!json_is_boolean(j))
        return md_vpath_fail(v, "\"%s\" must be true or false", key);
    *out = json_is_true(j);
    return 0;
}

#endif
