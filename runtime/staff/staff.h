/* Staff mode (docs/OPERATIONS.md): the PIN that guards it, stored only as an argon2id hash
 * (libsodium crypto_pwhash_str), with a lock-out that grows after wrong PINs; and the staff
 * screen's sections, which any part of the runtime adds to by registering a provider.
 *
 * Adding a section to the staff screen (e.g. sync status, hub status):
 *     static void sync_staff(void *user, md_staff_lines *out)
 *     {
 *         const md_sync *s = user;
 *         md_staff_line(out, "Release: %s", md_sync_release(s));
 *         md_staff_line(out, "Last sync: %s", md_sync_last_time(s));
 *     }
 *     ...  md_staff_add_section(md_app_staff(app), "Sync", sync_staff, sync);
 * The provider runs on the main thread each time the staff screen is built, must be quick, and
 * must never put visitor data in a line. Lines are plain UTF-8 text (English: the staff screen
 * is not translated), at most MD_STAFF_LINE_BYTES each.
 */
#ifndef MD_STAFF_H
#define MD_STAFF_H

#include <stddef.h>
#include <stdint.h>

enum { MD_STAFF_MAX_SECTIONS = 16, MD_STAFF_MAX_LINES = 64, MD_STAFF_LINE_BYTES = 256 };

typedef struct md_staff md_staff;

/* Creates staff mode; pin_path is the hash file (may not exist yet: staff mode then stays shut,
 * logged once). The caller destroys with md_staff_destroy. */
md_staff *md_staff_create(const char *pin_path);
void md_staff_destroy(md_staff *s);

/* ------------------------------------------------------------ sections */

typedef struct md_staff_lines md_staff_lines;
typedef void (*md_staff_section_fn)(void *user, md_staff_lines *out);

/* Registers a section shown under title, in registration order. title is copied; user is
 * borrowed for the life of s. 0, or -1 (logged) when there are MD_STAFF_MAX_SECTIONS already. */
int md_staff_add_section(md_staff *s, const char *title, md_staff_section_fn fn, void *user);
/* Adds one line (printf format) to the section being built; lines past MD_STAFF_MAX_LINES are
 * dropped, long lines cut. */
void md_staff_line(md_staff_lines *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

int md_staff_section_count(const md_staff *s);
/* Runs section i's provider and returns its title; *lines (borrowed until the next call) and
 * *n_lines receive its lines. NULL when i is out of range. */
const char *md_staff_section_build(md_staff *s, int i, const char *const **lines, int *n_lines);

/* ------------------------------------------------------------ the PIN */

typedef enum md_staff_pin_result {
    MD_STAFF_PIN_NONE = 0,
    MD_STAFF_PIN_OK,
    MD_STAFF_PIN_WRONG,  /* *wait_ms = 0, or the lock that just began */
    MD_STAFF_PIN_LOCKED, /* too many wrong PINs: *wait_ms until the next try */
    MD_STAFF_PIN_UNSET   /* no PIN has been set (madang --set-staff-pin) */
} md_staff_pin_result;

enum { MD_STAFF_PIN_TRIES = 5, MD_STAFF_PIN_MIN_DIGITS = 4, MD_STAFF_PIN_MAX_DIGITS = 12 };

/* Checks pin against the stored hash. After MD_STAFF_PIN_TRIES wrong PINs in a row staff mode
 * locks for 30 s, then 60 s, 120 s... (at most 1 h) after each further wrong PIN; now_ms is the
 * kiosk's monotonic clock. A right PIN resets the count. */
md_staff_pin_result md_staff_pin_try(md_staff *s, const char *pin, uint64_t now_ms,
                                     uint64_t *wait_ms);
/* Hashes pin (4 to 12 digits) with argon2id and writes it to path atomically (0600). 0, or -1
 * with the reason in why. */
int md_staff_pin_set(const char *path, const char *pin, char *why, size_t why_cap);

#endif /* MD_STAFF_H */
