/* Staff mode: the section registry behind the staff screen, and the PIN (argon2id hash file,
 * lock-out with a growing delay). The screen itself is drawn by runtime/app. */
#include "staff/staff.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "base/base.h"

struct md_staff_lines {
    char text[MD_STAFF_MAX_LINES][MD_STAFF_LINE_BYTES];
    const char *ptrs[MD_STAFF_MAX_LINES];
    int n;
};

typedef struct section {
    char *title;
    md_staff_section_fn fn;
    void *user;
} section;

struct md_staff {
    char *pin_path;
    section sections[MD_STAFF_MAX_SECTIONS];
    int n_sections;
    md_staff_lines lines;
    int wrong; /* wrong PINs in a row */
    int locks; /* locks so far (the delay doubles with each) */
    uint64_t locked_until_ms;
};

md_staff *md_staff_create(const char *pin_path)
{
    md_staff *s = md_calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->pin_path = pin_path ? md_strdup(pin_path) : NULL;
    if (sodium_init() < 0)
        md_log(MD_LOG_ERROR, "STAFF", "libsodium did not start: staff mode stays shut");
    return s;
}

void md_staff_destroy(md_staff *s)
{
    if (!s)
        return;
    for (int i = 0; i < s->n_sections; i++)
        md_free(s->sections[i].title);
    md_free(s->pin_path);
    sodium_memzero(s, sizeof *s);
    md_free(s);
}

int md_staff_add_section(md_staff *s, const char *title, md_staff_section_fn fn, void *user)
{
    if (!s || !fn)
        return -1;
    if (s->n_sections >= MD_STAFF_MAX_SECTIONS) {
        md_log(MD_LOG_ERROR, "STAFF", "section \"%s\" not added: %d sections already",
               title ? title : "", MD_STAFF_MAX_SECTIONS);
        return -1;
    }
    char *t = md_strdup(title ? title : "");
    if (!t)
        return -1;
    s->sections[s->n_sections++] = (section){t, fn, user};
    return 0;
}

void md_staff_line(md_staff_lines *out, const char *fmt, ...)
{
    if (!out || out->n >= MD_STAFF_MAX_LINES)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out->text[out->n], MD_STAFF_LINE_BYTES, fmt, ap);
    va_end(ap);
    out->ptrs[out->n] = out->text[out->n];
    out->n++;
}

int md_staff_section_count(const md_staff *s)
{
    return s ? s->n_sections : 0;
}

const char *md_staff_section_build(md_staff *s, int i, const char *const **lines, int *n_lines)
{
    if (!s || i < 0 || i >= s->n_sections)
        return NULL;
    s->lines.n = 0;
    s->sections[i].fn(s->sections[i].user, &s->lines);
    *lines = s->lines.ptrs;
    *n_lines = s->lines.n;
    return s->sections[i].title;
}

static int pin_shape_ok(const char *pin)
{
    size_t n = pin ? strlen(pin) : 0;
    if (n < MD_STAFF_PIN_MIN_DIGITS || n > MD_STAFF_PIN_MAX_DIGITS)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (pin[i] < '0' || pin[i] > '9')
            return 0;
    return 1;
}

md_staff_pin_result md_staff_pin_try(md_staff *s, const char *pin, uint64_t now_ms,
                                     uint64_t *wait_ms)
{
    *wait_ms = 0;
    if (!s)
        return MD_STAFF_PIN_UNSET;
    if (now_ms < s->locked_until_ms) {
        *wait_ms = s->locked_until_ms - now_ms;
        return MD_STAFF_PIN_LOCKED;
    }
    char stored[crypto_pwhash_STRBYTES + 2];
    memset(stored, 0, sizeof stored);
    size_t n = 0;
    char *text = s->pin_path ? md_read_bounded_opt(s->pin_path, MD_FILE_NONE, &n) : NULL;
    if (!text) {
        md_log(MD_LOG_WARN, "STAFF", "no staff PIN is set (madang --set-staff-pin)");
        return MD_STAFF_PIN_UNSET;
    }
    snprintf(stored, sizeof stored, "%s", text);
    sodium_memzero(text, n);
    md_free(text);
    stored[strcspn(stored, "\r\n")] = '\0';
    int ok = pin_shape_ok(pin) && crypto_pwhash_str_verify(stored, pin, strlen(pin)) == 0;
    if (ok) {
        s->wrong = 0;
        s->locks = 0;
        md_log(MD_LOG_INFO, "STAFF", "staff mode opened");
        return MD_STAFF_PIN_OK;
    }
    s->wrong++;
    md_log(MD_LOG_WARN, "STAFF", "wrong staff PIN (%d in a row)", s->wrong);
    if (s->wrong >= MD_STAFF_PIN_TRIES) {
        uint64_t delay = 30000u;
        for (int i = 0; i < s->locks && delay < 3600000u; i++)
            delay *= 2u;
        if (delay > 3600000u)
            delay = 3600000u;
        s->locks++;
        s->locked_until_ms = now_ms + delay;
        *wait_ms = delay;
        md_log(MD_LOG_WARN, "STAFF", "staff mode locked for %llu s after %d wrong PINs",
               (unsigned long long)(delay / 1000u), s->wrong);
    }
    return MD_STAFF_PIN_WRONG;
}

int md_staff_pin_set(const char *path, const char *pin, char *why, size_t why_cap)
{
    if (!pin_shape_ok(pin)) {
        snprintf(why, why_cap, "a staff PIN is %d to %d digits", MD_STAFF_PIN_MIN_DIGITS,
                 MD_STAFF_PIN_MAX_DIGITS);
        return -1;
    }
    if (sodium_init() < 0) {
        snprintf(why, why_cap, "libsodium did not start");
        return -1;
    }
    char hash[crypto_pwhash_STRBYTES];
    /* crypto_pwhash_str is argon2id (crypto_pwhash_ALG_DEFAULT) with a random salt. */
    if (crypto_pwhash_str(hash, pin, strlen(pin), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
        snprintf(why, why_cap, "out of memory while hashing");
        return -1;
    }
    char tmp[4096];
    if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp) {
        snprintf(why, why_cap, "path too long");
        return -1;
    }
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        snprintf(why, why_cap, "cannot write %s: %s", tmp, strerror(errno));
        return -1;
    }
    size_t len = strlen(hash);
    hash[len] = '\n';
    int ok = write(fd, hash, len + 1) == (ssize_t)(len + 1) && fsync(fd) == 0;
    ok = close(fd) == 0 && ok;
    if (!ok || rename(tmp, path) < 0) {
        snprintf(why, why_cap, "cannot write %s: %s", path, strerror(errno));
        unlink(tmp);
        return -1;
    }
    return 0;
}
