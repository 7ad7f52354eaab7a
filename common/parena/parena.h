/* A block arena for a plugin's parsed content: zeroed, max_align_t-aligned allocations from 16 KiB
 * blocks (larger requests get a block of their own), all freed at once with the content. Shared by
 * the health guide and courseware; header-only (static inline) like common/vpath, so each plugin
 * and each unit test that compiles a plugin's sources gets its own hidden copy. (The runtime's
 * md_arena in runtime/base is the same idea; plugins cannot link runtime/base.)
 */
#ifndef MD_PARENA_H
#define MD_PARENA_H

#include <stddef.h>
#include <stdlib.h>

typedef struct md_parena {
    struct md_parena *next;
    size_t used, cap;
    max_align_t data[];
} md_parena;

/* n_bytes of zeroed memory owned by *head, or NULL when out of memory. */
static inline void *md_parena_alloc(md_parena **head, size_t n_bytes)
{
    n_bytes = (n_bytes + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
    if (n_bytes == 0)
        n_bytes = sizeof(max_align_t);
    md_parena *a = *head;
    if (!a || a->cap - a->used < n_bytes) {
        size_t cap = n_bytes > 16384 ? n_bytes : 16384;
        md_parena *b = calloc(1, sizeof *b + cap);
        if (!b)
            return NULL;
        b->cap = cap;
        b->next = a;
        *head = b;
        a = b;
    }
    void *p = (char *)a->data + a->used;
    a->used += n_bytes;
    return p;
}

static inline void md_parena_free(md_parena **head)
{
    for (md_parena *a = *head; a;) {
        md_parena *next = a->next;
        free(a);
        a = next;
    }
    *head = NULL;
}

#endif
