/* Base services: allocation wrapper with failure injection, tagged logging, file reading. */
#include "base/base.h"

#include <errno.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static long g_fail_countdown = 0; /* 0 = never fail */
static int g_failing = 0;
static md_log_sink_fn g_sink = NULL;
static void *g_sink_user = NULL;
static md_log_level g_min_level = MD_LOG_INFO;

static int alloc_should_fail(void)
{
    if (g_failing)
        return 1;
    if (g_fail_countdown > 0 && --g_fail_countdown == 0) {
        g_failing = 1;
        return 1;
    }
    return 0;
}

void md_alloc_fail_after(long n)
{
    g_fail_countdown = n > 0 ? n : 0;
    g_failing = 0;
}

void md_alloc_fail_reset(void)
{
    g_fail_countdown = 0;
    g_failing = 0;
}

void *md_malloc(size_t n_bytes)
{
    void *p = alloc_should_fail() ? NULL : malloc(n_bytes ? n_bytes : 1);
    if (!p)
        md_log(MD_LOG_ERROR, "ALLOC", "out of memory (%zu bytes)", n_bytes);
    return p;
}

void *md_calloc(size_t n_items, size_t item_bytes)
{
    void *p =
        alloc_should_fail() ? NULL : calloc(n_items ? n_items : 1, item_bytes ? item_bytes : 1);
    if (!p)
        md_log(MD_LOG_ERROR, "ALLOC", "out of memory (%zu x %zu bytes)", n_items, item_bytes);
    return p;
}

void *md_realloc(void *p, size_t n_bytes)
{
    void *q = alloc_should_fail() ? NULL : realloc(p, n_bytes ? n_bytes : 1);
    if (!q)
        md_log(MD_LOG_ERROR, "ALLOC", "out of memory (%zu bytes)", n_bytes);
    return q;
}

void md_free(void *p)
{
    free(p);
}

char *md_strndup(const char *s, size_t n_bytes)
{
    char *p = md_malloc(n_bytes + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n_bytes);
    p[n_bytes] = '\0';
    return p;
}

char *md_strdup(const char *s)
{
    return s ? md_strndup(s, strlen(s)) : NULL;
}

void md_log_set_sink(md_log_sink_fn sink, void *user)
{
    g_sink = sink;
    g_sink_user = user;
}

void md_log_set_min_level(md_log_level level)
{
    g_min_level = level;
}

void md_logv(md_log_level level, const char *tag, const char *fmt, va_list ap)
{
    if (level < g_min_level && !g_sink)
        return;
    char msg[1024];
    vsnprintf(msg, sizeof msg, fmt, ap);
    if (g_sink) {
        g_sink(g_sink_user, level, tag, msg);
        return;
    }
    static const char *const names[] = {"", "debug", "info", "warning", "error"};
    fprintf(stderr, "madang: %s: %s%s%s\n", tag, level >= MD_LOG_WARN ? names[level] : "",
            level >= MD_LOG_WARN ? ": " : "", msg);
}

void md_log(md_log_level level, const char *tag, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    md_logv(level, tag, fmt, ap);
    va_end(ap);
}

char *md_read_file(const char *path, size_t *n_bytes)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        md_log(MD_LOG_ERROR, "FILE", "[%s] cannot open: %s", path, strerror(errno));
        return NULL;
    }
    size_t cap = 4096, len = 0;
    char *buf = md_malloc(cap);
    while (buf) {
        size_t got = fread(buf + len, 1, cap - len - 1, f);
        len += got;
        if (len + 1 < cap)
            break;
        char *bigger = md_realloc(buf, cap * 2);
        if (!bigger) {
            md_free(buf);
            buf = NULL;
            break;
        }
        buf = bigger;
        cap *= 2;
    }
    int err = ferror(f);
    fclose(f);
    if (!buf)
        return NULL;
    if (err) {
        md_log(MD_LOG_ERROR, "FILE", "[%s] read error", path);
        md_free(buf);
        return NULL;
    }
    buf[len] = '\0';
    if (n_bytes)
        *n_bytes = len;
    return buf;
}

uint64_t md_time_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* ---- md_lru ---- */

int md_lru_linked(const md_lru *lru, const md_lru_node *node)
{
    return node->prev || node->next || lru->head == node;
}

void md_lru_unlink(md_lru *lru, md_lru_node *node)
{
    if (!md_lru_linked(lru, node))
        return;
    if (node->prev)
        node->prev->next = node->next;
    else
        lru->head = node->next;
    if (node->next)
        node->next->prev = node->prev;
    else
        lru->tail = node->prev;
    node->prev = node->next = NULL;
    lru->n_items--;
}

void md_lru_push_front(md_lru *lru, md_lru_node *node)
{
    node->prev = NULL;
    node->next = lru->head;
    if (lru->head)
        lru->head->prev = node;
    lru->head = node;
    if (!lru->tail)
        lru->tail = node;
    lru->n_items++;
}

void md_lru_touch(md_lru *lru, md_lru_node *node)
{
    if (lru->head == node)
        return;
    md_lru_unlink(lru, node);
    md_lru_push_front(lru, node);
}

void md_heap_trim(void)
{
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}
