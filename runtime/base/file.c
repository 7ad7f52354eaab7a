/* Bounded input: every file the kiosk reads is opened without blocking, must be a regular file,
 * and must fit the cap of its kind, so a FIFO, a device, a directory or a 200 MB file at any
 * input path is one clear log line and never a hang or an 8 GiB allocation. Also the image
 * header check (dimensions before decoding) and the NUL-byte finder the text readers share.
 */
#include "base/base.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const struct {
    const char *name;
    size_t cap_bytes;
} k_kinds[MD_FILE_KIND_COUNT] = {
    [MD_FILE_NONE] = {"file", 1u << 20},
    [MD_FILE_CONFIG] = {"config", 256u << 10},
    [MD_FILE_LOCALES] = {"locales.conf", 64u << 10},
    [MD_FILE_FONTS] = {"fonts.conf", 64u << 10},
    [MD_FILE_PACK] = {"locale pack", 4u << 20},
    [MD_FILE_CONTENT] = {"content", 8u << 20},
    [MD_FILE_IMAGE] = {"image", 8u << 20},
    [MD_FILE_SCRIPT] = {"script", 1u << 20},
    [MD_FILE_JOURNAL] = {"crash journal", 1u << 20},
};

size_t md_file_cap(md_file_kind kind)
{
    return kind > MD_FILE_NONE && kind < MD_FILE_KIND_COUNT ? k_kinds[kind].cap_bytes
                                                            : k_kinds[MD_FILE_NONE].cap_bytes;
}

const char *md_file_kind_name(md_file_kind kind)
{
    return kind > MD_FILE_NONE && kind < MD_FILE_KIND_COUNT ? k_kinds[kind].name : "file";
}

static const char *type_name(mode_t mode)
{
    if (S_ISDIR(mode))
        return "a directory";
    if (S_ISFIFO(mode))
        return "a FIFO";
    if (S_ISCHR(mode))
        return "a character device";
    if (S_ISBLK(mode))
        return "a block device";
    if (S_ISSOCK(mode))
        return "a socket";
    return "not a regular file";
}

static char *read_bounded(const char *path, md_file_kind kind, size_t *n_bytes, int quiet_missing)
{
    const char *kname = md_file_kind_name(kind);
    size_t cap = md_file_cap(kind);
    if (!path) {
        errno = EINVAL;
        return NULL;
    }
    /* O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        int err = errno;
        if (!(quiet_missing && err == ENOENT))
            md_log(MD_LOG_ERROR, "FILE", "[%s] cannot open the %s: %s", path, kname, strerror(err));
        errno = err;
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) < 0) {
        int err = errno;
        md_log(MD_LOG_ERROR, "FILE", "[%s] cannot stat the %s: %s", path, kname, strerror(err));
        close(fd);
        errno = err;
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        md_log(MD_LOG_ERROR, "FILE",
               "[%s] refused: the %s is %s, not a regular file (cap %zu bytes)", path, kname,
               type_name(st.st_mode), cap);
        close(fd);
        errno = EINVAL;
        return NULL;
    }
    if (st.st_size < 0 || (unsigned long long)st.st_size > cap) {
        md_log(MD_LOG_ERROR, "FILE",
               "[%s] refused: the %s is %lld bytes, above its cap of %zu bytes", path, kname,
               (long long)st.st_size, cap);
        close(fd);
        errno = EFBIG;
        return NULL;
    }
    /* Read at most cap + 1 bytes: a file that grows while we read is still bounded. */
    size_t want = (size_t)st.st_size + 1;
    if (want > cap + 1)
        want = cap + 1;
    char *buf = md_malloc(want + 1);
    if (!buf) {
        close(fd);
        errno = ENOMEM;
        return NULL;
    }
    size_t len = 0;
    for (;;) {
        if (len == want) {
            if (len > cap)
                break;
            /* It grew: make room for more, up to the cap. */
            size_t more = want * 2 > cap + 1 ? cap + 1 : want * 2;
            char *bigger = md_realloc(buf, more + 1);
            if (!bigger) {
                md_free(buf);
                close(fd);
                errno = ENOMEM;
                return NULL;
            }
            buf = bigger;
            want = more;
        }
        ssize_t got = read(fd, buf + len, want - len);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            int err = errno;
            md_log(MD_LOG_ERROR, "FILE", "[%s] cannot read the %s: %s", path, kname, strerror(err));
            md_free(buf);
            close(fd);
            errno = err;
            return NULL;
        }
        if (got == 0)
            break;
        len += (size_t)got;
    }
    close(fd);
    if (len > cap) {
        md_log(MD_LOG_ERROR, "FILE", "[%s] refused: the %s grew above its cap of %zu bytes", path,
               kname, cap);
        md_free(buf);
        errno = EFBIG;
        return NULL;
    }
    buf[len] = '\0';
    if (n_bytes)
        *n_bytes = len;
    return buf;
}

char *md_read_bounded(const char *path, md_file_kind kind, size_t *n_bytes)
{
    return read_bounded(path, kind, n_bytes, 0);
}

char *md_read_bounded_opt(const char *path, md_file_kind kind, size_t *n_bytes)
{
    return read_bounded(path, kind, n_bytes, 1);
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

int md_image_dims(const unsigned char *d, size_t n, int *width, int *height)
{
    static const unsigned char png_sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    if (!d)
        return -1;
    if (n >= 24 && !memcmp(d, png_sig, 8) && !memcmp(d + 12, "IHDR", 4)) {
        uint32_t w = be32(d + 16), h = be32(d + 20);
        if (w == 0 || h == 0 || w > 0x7fffffffu || h > 0x7fffffffu)
            return -1;
        *width = (int)w;
        *height = (int)h;
        return 0;
    }
    if (n >= 4 && d[0] == 0xff && d[1] == 0xd8) {
        /* JPEG: walk the marker segments to the first start-of-frame. */
        size_t i = 2;
        while (i + 4 <= n) {
            if (d[i] != 0xff)
                return -1;
            unsigned char m = d[i + 1];
            if (m == 0xff) { /* fill byte */
                i++;
                continue;
            }
            if (m == 0xd8 || m == 0x01 || (m >= 0xd0 && m <= 0xd7)) { /* no length */
                i += 2;
                continue;
            }
            if (m == 0xd9 || m == 0xda) /* end of image, or scan data before any frame */
                return -1;
            size_t seg = (size_t)d[i + 2] << 8 | d[i + 3];
            if (seg < 2)
                return -1;
            int sof = m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc;
            if (sof) {
                if (i + 9 > n || seg < 7)
                    return -1;
                int h = d[i + 5] << 8 | d[i + 6], w = d[i + 7] << 8 | d[i + 8];
                if (w == 0 || h == 0)
                    return -1;
                *width = w;
                *height = h;
                return 0;
            }
            i += 2 + seg;
        }
        return -1;
    }
    return -1;
}

int md_image_check(const char *path, const unsigned char *data, size_t n_bytes)
{
    int w = 0, h = 0;
    if (md_image_dims(data, n_bytes, &w, &h) < 0) {
        md_log(MD_LOG_ERROR, "FILE", "[%s] refused: not a PNG or JPEG with a readable header",
               path ? path : "(image)");
        return -1;
    }
    if ((long long)w * (long long)h > (long long)MD_IMAGE_MAX_PIXELS) {
        md_log(MD_LOG_ERROR, "FILE",
               "[%s] refused: the image is %dx%d (%lld pixels), above the cap of %ld pixels",
               path ? path : "(image)", w, h, (long long)w * h, (long)MD_IMAGE_MAX_PIXELS);
        return -1;
    }
    return 0;
}

long md_text_find_nul(const char *text, size_t n_bytes, int *line)
{
    const char *nul = text ? memchr(text, '\0', n_bytes) : NULL;
    if (!nul)
        return -1;
    int ln = 1;
    for (const char *p = text; p < nul; p++)
        ln += *p == '\n';
    if (line)
        *line = ln;
    return (long)(nul - text);
}

static size_t utf8_seq(const unsigned char *s, size_t n)
{
    if (s[0] == 0)
        return 0;
    if (s[0] < 0x80)
        return 1;
    size_t len = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc2 ? 2 : 0;
    if (len == 0 || s[0] > 0xf4 || len > n)
        return 0;
    for (size_t i = 1; i < len; i++)
        if ((s[i] & 0xc0) != 0x80)
            return 0;
    if (len == 3 && s[0] == 0xe0 && s[1] < 0xa0) /* overlong */
        return 0;
    if (len == 3 && s[0] == 0xed && s[1] >= 0xa0) /* surrogate */
        return 0;
    if (len == 4 && s[0] == 0xf0 && s[1] < 0x90) /* overlong */
        return 0;
    if (len == 4 && s[0] == 0xf4 && s[1] >= 0x90) /* above U+10FFFF */
        return 0;
    return len;
}

long md_text_find_bad_utf8(const char *text, size_t n_bytes, int *line)
{
    const unsigned char *s = (const unsigned char *)text;
    int ln = 1;
    for (size_t i = 0; s && i < n_bytes;) {
        size_t len = utf8_seq(s + i, n_bytes - i);
        if (len == 0) {
            if (line)
                *line = ln;
            return (long)i;
        }
        ln += s[i] == '\n';
        i += len;
    }
    return -1;
}

int md_copy_fd(int in_fd, int out_fd)
{
    if (in_fd < 0 || out_fd < 0)
        return -1;
    char buf[65536];
    for (;;) {
        ssize_t r = read(in_fd, buf, sizeof buf);
        if (r < 0 && errno == EINTR)
            continue;
        if (r == 0)
            break;
        if (r < 0 || write(out_fd, buf, (size_t)r) != r)
            return -1;
    }
    return fsync(out_fd) == 0 ? 0 : -1;
}
