/* Private to runtime/sync: a snprintf that reports truncation instead of hiding it (paths built
 * from directory entries and manifest paths must never be silently cut). */
#ifndef MD_SYNC_INTERNAL_H
#define MD_SYNC_INTERNAL_H

#include <stdarg.h>
#include <stdio.h>

static inline int md_sync_fmt(char *out, size_t cap, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static inline int md_sync_fmt(char *out, size_t cap, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(out, cap, fmt, ap);
    va_end(ap);
    return n < 0 || (size_t)n >= cap ? -1 : 0;
}

#endif
