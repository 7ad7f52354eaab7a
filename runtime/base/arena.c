/* A block arena: many small allocations freed together (the UI's per-frame strings). Blocks are
 * kept across md_arena_reset, so a steady frame allocates nothing.
 */
#include <string.h>

#include "base/base.h"

struct md_arena_block {
    struct md_arena_block *next;
    size_t used, cap;
    _Alignas(16) unsigned char data[]; /* md_malloc is 16-byte aligned (glibc, x86-64 and arm64) */
};

enum { ARENA_BLOCK_BYTES = 65536 };

void *md_arena_alloc(md_arena *arena, size_t n_bytes)
{
    n_bytes = (n_bytes + 15) & ~(size_t)15;
    for (md_arena_block *b = arena->blocks; b; b = b->next)
        if (b->cap - b->used >= n_bytes) {
            void *p = b->data + b->used;
            b->used += n_bytes;
            return p;
        }
    size_t cap = n_bytes > ARENA_BLOCK_BYTES ? n_bytes : ARENA_BLOCK_BYTES;
    md_arena_block *b = md_malloc(sizeof *b + cap);
    if (!b)
        return NULL;
    b->cap = cap;
    b->used = n_bytes;
    b->next = arena->blocks;
    arena->blocks = b;
    return b->data;
}

char *md_arena_strdup(md_arena *arena, const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *p = md_arena_alloc(arena, n);
    if (p)
        memcpy(p, s, n);
    return p;
}

void md_arena_reset(md_arena *arena)
{
    for (md_arena_block *b = arena->blocks; b; b = b->next)
        b->used = 0;
}

void md_arena_free(md_arena *arena)
{
    md_arena_block *b = arena->blocks;
    while (b) {
        md_arena_block *next = b->next;
        md_free(b);
        b = next;
    }
    arena->blocks = NULL;
}
