/* Where a content validator is in the JSON it checks ("clinics[3].hours.mon"), and the one error it
 * reports: "FILE: PATH: reason". Shared by the plugins whose content is validated strictly (health
 * guide, courseware, menus); header-only (static inline), so each plugin and each unit test that
 * compiles a plugin's sources gets its own hidden copy.
 */
#ifndef MD_VPATH_H
#define MD_VPATH_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

typedef struct md_vpath {
    const char *file; /* named in the error: the content file being read */
    char path[256];   /* ".clinics[3].hours": where the validator is */
    size_t path_len;
    char *err; /* the caller's buffer for the first error (may be NULL) */
    size_t err_cap;
    int failed; /* set by the first md_vpath_fail; later failures keep the first reason */
} md_vpath;

/* Records the first failure as "FILE: PATH: reason" and returns -1. */
static inline int md_vpath_fail(md_vpath *v, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static inline int md_vpath_fail(md_vpath *v, const char *fmt, ...)
{
    if (v->failed)
        return -1;
    v->failed = 1;
    char reason[320];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    if (v->err && v->err_cap)
        snprintf(v->err, v->err_cap, "%s: %s: %s", v->file ? v->file : "content",
                 v->path_len ? v->path + (v->path[0] == '.') : "(top)", reason);
    return -1;
}

/* Appends a step (".name", "[3]") to the path; returns the mark md_vpath_pop goes back to. */
static inline size_t md_vpath_push(md_vpath *v, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static inline size_t md_vpath_push(md_vpath *v, const char *fmt, ...)
{
    size_t mark = v->path_len;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(v->path + mark, sizeof v->path - mark, fmt, ap);
    va_end(ap);
    if (n > 0)
        v->path_len = mark + (size_t)n < sizeof v->path ? mark + (size_t)n : sizeof v->path - 1;
    return mark;
}

static inline void md_vpath_pop(md_vpath *v, size_t mark)
{
    v->path_len = mark;
    v->path[mark] = '\0';
}

#endif
