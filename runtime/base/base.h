/* Base services every Madang module uses: one allocation wrapper (tests can make it fail), one
 * tagged logger, and small string helpers. This is process-wide infrastructure, the one place
 * where global state is allowed (STYLE.md 7): the allocator's failure counter and the log sink.
 */
#ifndef MD_BASE_H
#define MD_BASE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "madang/plugin.h" /* md_log_level */

/* Allocation. All return NULL on failure (and log once); md_free(NULL) is a no-op. */
void *md_malloc(size_t n_bytes);
void *md_calloc(size_t n_items, size_t item_bytes);
void *md_realloc(void *p, size_t n_bytes);
void md_free(void *p);
char *md_strdup(const char *s);                  /* the caller frees with md_free */
char *md_strndup(const char *s, size_t n_bytes); /* the caller frees with md_free */

/* Test hook: the n-th allocation from now (1 = the next) fails, and every one after it until
 * md_alloc_fail_reset(). n <= 0 disables. */
void md_alloc_fail_after(long n);
void md_alloc_fail_reset(void);

/* Logging: "madang: TAG: message" on stderr unless a sink is set. tag is the module in capitals
 * ("TEXT", "I18N", "PLUGIN"). */
typedef void (*md_log_sink_fn)(void *user, md_log_level level, const char *tag, const char *msg);
void md_log(md_log_level level, const char *tag, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void md_logv(md_log_level level, const char *tag, const char *fmt, va_list ap);
void md_log_set_sink(md_log_sink_fn sink, void *user); /* NULL restores stderr */
void md_log_set_min_level(md_log_level level);         /* default MD_LOG_INFO */

/* Reads a whole file into memory, NUL-terminated. Returns NULL (logged) on error; the caller
 * frees with md_free. *n_bytes (may be NULL) receives the length without the NUL. */
char *md_read_file(const char *path, size_t *n_bytes);

/* Bounded input (runtime/base/file.c). Every file the kiosk reads that staff, a sync or the
 * network can change goes through md_read_bounded: it opens without blocking (O_NONBLOCK, so a
 * FIFO can never hang start-up or a frame), accepts only a regular file (fstat after open, so a
 * symlink to /dev/zero or a directory is refused), and refuses a file above the cap of its kind.
 * A refusal is one error line naming the file, the kind and the cap. */
typedef enum md_file_kind {
    MD_FILE_NONE = 0,
    MD_FILE_CONFIG,  /* madang.conf */
    MD_FILE_LOCALES, /* locales.conf */
    MD_FILE_FONTS,   /* fonts.conf */
    MD_FILE_PACK,    /* a locale pack (.po) */
    MD_FILE_CONTENT, /* a plugin's content JSON */
    MD_FILE_IMAGE,   /* PNG or JPEG (see md_image_check for the pixel cap) */
    MD_FILE_SCRIPT,  /* a headless test script */
    MD_FILE_JOURNAL, /* the crash journal */
    MD_FILE_KIND_COUNT
} md_file_kind;

/* The byte cap of a kind, and its name for log lines ("config", "image", ...). */
size_t md_file_cap(md_file_kind kind);
const char *md_file_kind_name(md_file_kind kind);
/* Reads a whole regular file of the given kind, NUL-terminated. Returns NULL (logged with file,
 * kind and reason) when it is missing, not a regular file, or above the kind's cap. The caller
 * frees with md_free. *n_bytes (may be NULL) receives the length without the NUL. */
char *md_read_bounded(const char *path, md_file_kind kind, size_t *n_bytes);
/* Same as md_read_bounded, but quiet when the file does not exist (returns NULL, errno ENOENT). */
char *md_read_bounded_opt(const char *path, md_file_kind kind, size_t *n_bytes);

/* Images: width and height from a PNG or JPEG header, without decoding. 0, or -1 when the data is
 * neither or the header is cut short. */
int md_image_dims(const unsigned char *data, size_t n_bytes, int *width, int *height);
/* The pixel cap: 0 when width x height fits under MD_IMAGE_MAX_PIXELS, else -1 (logged with the
 * file and both numbers). */
#define MD_IMAGE_MAX_PIXELS (4096L * 4096L)
int md_image_check(const char *path, const unsigned char *data, size_t n_bytes);

/* First byte offset of a NUL in text[0..n_bytes), or -1; and its 1-based line number. Config and
 * script readers use it to refuse a file with a NUL byte (file:line) instead of stopping there. */
long md_text_find_nul(const char *text, size_t n_bytes, int *line);

/* Paths: "dir/name", always joined (an absolute name stays under dir, so a plugin's path cannot
 * leave its folder). NULL when dir or name is NULL or on allocation failure (logged); the caller
 * frees with md_free. */
char *md_path_join(const char *dir, const char *name);

/* Screen sizes written WxH ("1280x720"), each side from MD_SIZE_MIN_PX to MD_SIZE_MAX_PX (the
 * command line, the configuration's width/height and scripts share these limits). With end NULL
 * the text must end after H; otherwise *end receives where parsing stopped. 0, or -1. */
#define MD_SIZE_MIN_PX 64
#define MD_SIZE_MAX_PX 16384
int md_parse_size(const char *s, int *w, int *h, const char **end);

/* Language codes as the kiosk uses BCP 47 tags ("ko", "uz-Latn", "zh-Hant-TW"): 2 to
 * MD_LANG_CODE_MAX ASCII letters, digits and '-', not starting or ending with '-'. 35 is what
 * RFC 5646 (4.4.1) asks every implementation to accept. */
#define MD_LANG_CODE_MAX 35
int md_lang_code_valid(const char *code);

/* A list of language codes (offered languages, locales.conf entries), copied in, in order. */
#define MD_LANG_LIST_MAX 64
typedef struct md_lang_list {
    char code[MD_LANG_LIST_MAX][MD_LANG_CODE_MAX + 1];
    int n;
} md_lang_list;
/* Appends code. 0, or -1 when the code is not valid or the list is full (not logged: the caller
 * names the file and line). */
int md_lang_list_add(md_lang_list *list, const char *code);
int md_lang_list_find(const md_lang_list *list, const char *code); /* index, or -1 */

/* A block arena (runtime/base/arena.c): allocations live until md_arena_reset (which keeps the
 * blocks for reuse) or md_arena_free. Zero-initialised means empty. Allocations are 16-byte
 * aligned; NULL on allocation failure (logged). */
typedef struct md_arena_block md_arena_block;
typedef struct md_arena {
    md_arena_block *blocks;
} md_arena;
void *md_arena_alloc(md_arena *arena, size_t n_bytes);
char *md_arena_strdup(md_arena *arena, const char *s);
void md_arena_reset(md_arena *arena);
void md_arena_free(md_arena *arena);

/* Monotonic time in nanoseconds, for benchmarks and measurements only (never for UI logic, which
 * uses the injectable clock). */
uint64_t md_time_ns(void);

/* Hands freed heap memory back to the system (glibc's malloc_trim): after caches were trimmed,
 * e.g. when a visitor leaves. Costs about a millisecond; never call it per frame. */
void md_heap_trim(void);

/* An intrusive least-recently-used list (Linux list_head style): a cached item embeds an
 * md_lru_node and the cache keeps one md_lru; head is the most recently used, tail the next to
 * evict. The list owns nothing: the cache frees its items. Zero-initialised means empty/unlinked.
 * MD_LRU_ITEM gets the item back from its node. */
typedef struct md_lru_node {
    struct md_lru_node *prev, *next;
} md_lru_node;
typedef struct md_lru {
    md_lru_node *head, *tail;
    size_t n_items;
} md_lru;
void md_lru_push_front(md_lru *lru, md_lru_node *node); /* node must not be linked */
void md_lru_unlink(md_lru *lru, md_lru_node *node);     /* no-op if node is not linked */
void md_lru_touch(md_lru *lru, md_lru_node *node);      /* move to the front (most recent) */
int md_lru_linked(const md_lru *lru, const md_lru_node *node);
#define MD_LRU_ITEM(node, type, member) ((type *)(void *)((char *)(node)-offsetof(type, member)))

#endif /* MD_BASE_H */
