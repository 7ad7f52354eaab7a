/* The kiosk side of sync: one round (poll the manifest with If-None-Match, verify, download the
 * changed files capped and hashed, resume with Range, stage, fsync, switch `current`), the
 * background thread that runs rounds, and the state the staff screen shows. Layout of cfg->dir:
 *   current -> releases/vN     previous -> releases/vM     (relative symlinks, renamed atomically)
 *   releases/vN/{manifest.json,content,locales,plugins}    (hard links into objects/)
 *   objects/<sha256>   verified file bodies     partial/<sha256>   interrupted downloads
 *   staging/vN         a release being assembled            etag, status, refused   small state
 * `etag` holds the manifest's ETag and, on its second line, the URL it came from: it is sent only
 * to that URL (nginx's ETag is mtime and size, which another URL's manifest can share).
 * A crash at any point leaves `current` naming a complete release (docs/SYNC.md).
 */
#include "sync/sync.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <sodium.h>

#include "base/base.h"
#include "sync/internal.h"

#define TAG "SYNC"
#define PATH_CAP 1024

struct md_sync {
    char *url, *dir, *channel, *ca_bundle, *current_dir;
    md_sync_pubkey keys[MD_SYNC_MAX_KEYS];
    int n_keys, threshold, interval_s, allow_http;
    int64_t (*now_unix)(void *user);
    void *now_user;

    pthread_t thread;
    int thread_started, periodic;
    pthread_mutex_t mu;
    pthread_cond_t cond;
    atomic_int stop;
    atomic_int switched;
    long requested, done; /* rounds asked for / finished (under mu) */
    md_sync_outcome last_round;
    md_sync_status status; /* under mu */
    md_sync_manifest *cur; /* current's verified manifest, under mu */
};

static const char *const k_outcome_names[] = {"none", "updated", "current", "refused",
                                              "unreachable"};

const char *md_sync_outcome_name(md_sync_outcome o)
{
    return (unsigned)o < 5 ? k_outcome_names[o] : "?";
}

static int64_t now_s(const md_sync *s)
{
    return s->now_unix ? s->now_unix(s->now_user) : (int64_t)time(NULL);
}

static void set_reason(char *out, size_t cap, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void set_reason(char *out, size_t cap, const char *fmt, ...)
{
    if (!out || !cap)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out, cap, fmt, ap);
    va_end(ap);
}

/* ---- small file helpers ---- */

static int fsync_path(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    close(fd);
    return rc;
}

/* Flushes the whole filesystem holding path: one flush for a batch of files instead of one fsync
 * per file (what matters is that everything is on disk before the rename that publishes it). */
static int syncfs_path(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int rc = syncfs(fd);
    close(fd);
    return rc;
}

static int mkdir_p(const char *path)
{
    if (mkdir(path, 0755) == 0 || errno == EEXIST) {
        struct stat st;
        return lstat(path, &st) == 0 && S_ISDIR(st.st_mode) ? 0 : -1;
    }
    return -1;
}

/* Writes data to path atomically (tmp file, fsync, rename, fsync of the folder). */
static int write_atomic(const char *dir, const char *name, const char *data, size_t n)
{
    char tmp[PATH_CAP], path[PATH_CAP];
    md_sync_fmt(tmp, sizeof tmp, "%s/.%s.tmp", dir, name);
    md_sync_fmt(path, sizeof path, "%s/%s", dir, name);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0)
        return -1;
    int ok = write(fd, data, n) == (ssize_t)n && fsync(fd) == 0;
    close(fd);
    if (!ok || rename(tmp, path) != 0) {
        unlink(tmp);
        return -1;
    }
    return fsync_path(dir);
}

/* An ETag file: the ETag, and on the second line the manifest URL it belongs to (empty: none). */
static void write_etag(const char *dir, const char *name, const char *etag, const char *url)
{
    char buf[PATH_CAP + 300];
    int n = etag[0] ? snprintf(buf, sizeof buf, "%s\n%s\n", etag, url) : 0;
    if (n >= 0 && (size_t)n < sizeof buf)
        write_atomic(dir, name, buf, (size_t)n);
}

static int rm_rf(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return errno == ENOENT ? 0 : -1;
    if (!S_ISDIR(st.st_mode))
        return unlink(path);
    DIR *d = opendir(path);
    if (!d)
        return -1;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char sub[PATH_CAP];
        md_sync_fmt(sub, sizeof sub, "%s/%s", path, e->d_name);
        rm_rf(sub);
    }
    closedir(d);
    return rmdir(path);
}

/* ---- state files ---- */

static void save_status_locked(md_sync *s)
{
    char buf[1024];
    char reason[256];
    md_sync_fmt(reason, sizeof reason, "%s", s->status.last_refusal);
    for (char *p = reason; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    int n = snprintf(buf, sizeof buf,
                     "last_ok %" PRId64 "\nlast_refusal_unix %" PRId64 "\nlast_refusal %s\n",
                     s->status.last_ok_unix, s->status.last_refusal_unix, reason);
    if (write_atomic(s->dir, "status", buf, (size_t)n) < 0)
        md_log(MD_LOG_WARN, TAG, "%s/status: cannot be written: %s", s->dir, strerror(errno));
}

static void load_status(md_sync *s)
{
    char path[PATH_CAP];
    md_sync_fmt(path, sizeof path, "%s/status", s->dir);
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    char line[512];
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        long long v = 0;
        if (sscanf(line, "last_ok %lld", &v) == 1)
            s->status.last_ok_unix = v;
        else if (sscanf(line, "last_refusal_unix %lld", &v) == 1)
            s->status.last_refusal_unix = v;
        else if (!strncmp(line, "last_refusal ", 13))
            md_sync_fmt(s->status.last_refusal, sizeof s->status.last_refusal, "%s", line + 13);
    }
    fclose(f);
}

/* "version payload-sha256 reason" lines of releases this kiosk refused after a switch. */
static int refused_lookup(md_sync *s, int64_t version, const char *payload_sha, char *reason,
                          size_t cap)
{
    char path[PATH_CAP];
    md_sync_fmt(path, sizeof path, "%s/refused", s->dir);
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    char line[600];
    int found = 0;
    while (!found && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        long long v = 0;
        char sha[65] = "";
        int off = 0;
        if (sscanf(line, "%lld %64s %n", &v, sha, &off) >= 2 && v == version &&
            !strcmp(sha, payload_sha)) {
            set_reason(reason, cap, "%s", line + off);
            found = 1;
        }
    }
    fclose(f);
    return found;
}

static void payload_sha(const char *payload, size_t n, char hex[65])
{
    uint8_t h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const uint8_t *)payload, n);
    for (int i = 0; i < 32; i++)
        md_sync_fmt(hex + 2 * i, 3, "%02x", h[i]);
}

/* Reads and verifies <release>/manifest.json. NULL when missing or bad (reason in err). */
static md_sync_manifest *load_release_manifest(md_sync *s, const char *release, char *payload_hex,
                                               char *err, size_t cap)
{
    char path[PATH_CAP];
    md_sync_fmt(path, sizeof path, "%s/%s", release, MD_SYNC_MANIFEST_NAME);
    struct stat st;
    if (stat(path, &st) != 0) {
        set_reason(err, cap, "no release yet");
        return NULL;
    }
    size_t n = 0;
    char *text = md_read_file(path, &n);
    char *payload = NULL;
    size_t pn = 0;
    md_sync_manifest *m = NULL;
    if (text && md_sync_envelope_open(text, n, s->keys, s->n_keys, s->threshold, &payload, &pn,
                                      NULL, err, cap) == 0) {
        m = md_sync_manifest_parse(payload, pn, err, cap);
        if (m && payload_hex)
            payload_sha(payload, pn, payload_hex);
    }
    md_free(payload);
    md_free(text);
    return m;
}

static void refresh_status_locked(md_sync *s)
{
    s->status.version = s->cur ? s->cur->version : 0;
    s->status.expires_unix = s->cur ? s->cur->expires_unix : 0;
    s->status.expired = s->cur ? md_sync_manifest_expired(s->cur, now_s(s)) : 0;
}

/* ---- HTTP ---- */

typedef struct xfer {
    md_sync *s;
    CURL *curl;
    /* memory target (the manifest) */
    char *mem;
    size_t mem_n, mem_cap;
    /* file target */
    int fd;
    crypto_hash_sha256_state sha;
    uint64_t offset;   /* bytes already in the partial file when the request started */
    uint64_t received; /* bytes of the body accepted so far (from offset) */
    uint64_t limit;    /* the listed length: more is the endless-data attack */
    int checked_code;
    long code;
    int overflow;
    int io_error;
    char etag[256];
} xfer;

static size_t on_header(char *buf, size_t size, size_t n, void *user)
{
    xfer *x = user;
    size_t len = size * n;
    if (len > 5 && !strncasecmp(buf, "etag:", 5)) {
        const char *v = buf + 5;
        while (*v == ' ')
            v++;
        size_t vn = (size_t)(buf + len - v);
        while (vn && (v[vn - 1] == '\r' || v[vn - 1] == '\n' || v[vn - 1] == ' '))
            vn--;
        if (vn < sizeof x->etag) {
            memcpy(x->etag, v, vn);
            x->etag[vn] = '\0';
        }
    }
    return len;
}

static size_t on_mem(char *buf, size_t size, size_t n, void *user)
{
    xfer *x = user;
    size_t len = size * n;
    if (x->mem_n + len > MD_SYNC_MANIFEST_MAX_BYTES) {
        x->overflow = 1;
        return 0; /* stops the transfer: CURLE_WRITE_ERROR */
    }
    if (x->mem_n + len + 1 > x->mem_cap) {
        size_t cap = x->mem_cap ? x->mem_cap : 16384;
        while (cap < x->mem_n + len + 1)
            cap *= 2;
        char *p = md_realloc(x->mem, cap);
        if (!p) {
            x->io_error = 1;
            return 0;
        }
        x->mem = p;
        x->mem_cap = cap;
    }
    memcpy(x->mem + x->mem_n, buf, len);
    x->mem_n += len;
    x->mem[x->mem_n] = '\0';
    return len;
}

/* Body of a file: capped at the listed length here, while the transfer runs (libcurl's
 * CURLOPT_MAXFILESIZE_LARGE only checks a Content-Length it is told in advance). */
static size_t on_file(char *buf, size_t size, size_t n, void *user)
{
    xfer *x = user;
    size_t len = size * n;
    if (!x->checked_code) {
        x->checked_code = 1;
        curl_easy_getinfo(x->curl, CURLINFO_RESPONSE_CODE, &x->code);
        if (x->code == 200 && x->offset > 0) {
            /* The server ignored the Range: start over. */
            if (ftruncate(x->fd, 0) != 0 || lseek(x->fd, 0, SEEK_SET) != 0) {
                x->io_error = 1;
                return 0;
            }
            crypto_hash_sha256_init(&x->sha);
            x->offset = 0;
        }
    }
    if (x->code != 200 && x->code != 206)
        return len; /* an error page: not ours to keep */
    if (x->offset + x->received + len > x->limit) {
        x->overflow = 1;
        return 0;
    }
    size_t done = 0;
    while (done < len) {
        ssize_t w = write(x->fd, buf + done, len - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            x->io_error = 1;
            return 0;
        }
        done += (size_t)w;
    }
    crypto_hash_sha256_update(&x->sha, (const uint8_t *)buf, len);
    x->received += len;
    return len;
}

static int on_progress(void *user, curl_off_t dt, curl_off_t dn, curl_off_t ut, curl_off_t un)
{
    xfer *x = user;
    return atomic_load(&x->s->stop) ? 1 : 0;
}

/* Sets a handle up for one request. The round reuses one handle for all its requests (after
 * curl_easy_reset), so the files of a release share one keep-alive connection. */
static CURL *setup_handle(md_sync *s, CURL *c, xfer *x, const char *url)
{
    if (!c)
        return NULL;
    curl_easy_reset(c);
    x->curl = c;
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, s->allow_http ? "http,https" : "https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    if (s->ca_bundle)
        curl_easy_setopt(c, CURLOPT_CAINFO, s->ca_bundle);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
    /* A stalled server: give up after 30 s below 100 bytes/s (the next round resumes). */
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 100L);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, 30L);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, x);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, x);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "madang/" MD_RUNTIME_VERSION);
    curl_easy_setopt(c, CURLOPT_BUFFERSIZE,
                     128L * 1024); /* fewer, larger writes and hash updates */
    return c;
}

/* ---- one file ---- */

typedef enum fetch_rc { FETCH_OK = 0, FETCH_REFUSED, FETCH_UNREACHABLE } fetch_rc;

static int object_present(md_sync *s, const md_sync_file *f)
{
    char path[PATH_CAP];
    md_sync_fmt(path, sizeof path, "%s/objects/%s", s->dir, f->sha256);
    struct stat st;
    return lstat(path, &st) == 0 && S_ISREG(st.st_mode) && (uint64_t)st.st_size == f->length;
}

/* Hashes the first n bytes already in fd into sha. */
static int hash_existing(int fd, uint64_t n, crypto_hash_sha256_state *sha)
{
    static __thread uint8_t buf[1 << 16];
    if (lseek(fd, 0, SEEK_SET) != 0)
        return -1;
    uint64_t left = n;
    while (left) {
        ssize_t r = read(fd, buf, left < sizeof buf ? left : sizeof buf);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return -1;
        crypto_hash_sha256_update(sha, buf, (unsigned long long)r);
        left -= (uint64_t)r;
    }
    return lseek(fd, (off_t)n, SEEK_SET) == (off_t)n ? 0 : -1;
}

static fetch_rc fetch_file(md_sync *s, CURL *handle, const md_sync_file *f, char *reason,
                           size_t cap)
{
    char part[PATH_CAP], url[PATH_CAP];
    md_sync_fmt(part, sizeof part, "%s/partial/%s", s->dir, f->sha256);
    md_sync_fmt(url, sizeof url, "%s/files/%s", s->url, f->sha256);
    xfer x;
    memset(&x, 0, sizeof x);
    x.s = s;
    x.limit = f->length;
    x.fd = open(part, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (x.fd < 0) {
        set_reason(reason, cap, "%s: %s", part, strerror(errno));
        return FETCH_UNREACHABLE;
    }
    crypto_hash_sha256_init(&x.sha);
    struct stat st;
    fetch_rc rc = FETCH_UNREACHABLE;
    CURL *c = NULL;
    if (fstat(x.fd, &st) != 0)
        goto done;
    x.offset = (uint64_t)st.st_size;
    if (x.offset > f->length) {
        if (ftruncate(x.fd, 0) != 0)
            goto done;
        x.offset = 0;
    }
    if (hash_existing(x.fd, x.offset, &x.sha) < 0) {
        set_reason(reason, cap, "%s: cannot be read back", part);
        goto done;
    }
    if (x.offset < f->length) {
        c = setup_handle(s, handle, &x, url);
        if (!c)
            goto done;
        char range[64];
        if (x.offset > 0) {
            md_sync_fmt(range, sizeof range, "%" PRIu64 "-", x.offset);
            curl_easy_setopt(c, CURLOPT_RANGE, range);
            md_log(MD_LOG_INFO, TAG, "resuming %s at byte %" PRIu64 " of %" PRIu64, f->path,
                   x.offset, f->length);
        }
        curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)(f->length - x.offset));
        curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_file);
        curl_easy_setopt(c, CURLOPT_WRITEDATA, &x);
        CURLcode cc = curl_easy_perform(c);
        long code = 0;
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
        if (x.overflow || cc == CURLE_FILESIZE_EXCEEDED) {
            set_reason(reason, cap,
                       "%s: the server sent more than its listed %" PRIu64 " bytes (endless data)",
                       f->path, f->length);
            if (ftruncate(x.fd, 0) != 0) {
                /* removed below anyway */
            }
            unlink(part);
            rc = FETCH_REFUSED;
            goto done;
        }
        if (cc != CURLE_OK) {
            set_reason(reason, cap, "%s: %s after %" PRIu64 " of %" PRIu64 " bytes", f->path,
                       curl_easy_strerror(cc), x.offset + x.received, f->length);
            goto done;
        }
        if (code != 200 && code != 206) {
            if (code == 416)
                unlink(part); /* our partial file does not fit the server's: start over */
            set_reason(reason, cap, "%s: HTTP %ld for files/%s", f->path, code, f->sha256);
            goto done;
        }
    }
    if (x.offset + x.received != f->length) {
        /* A complete response that is shorter than listed is not this release's file. */
        set_reason(reason, cap,
                   "%s: the server's file has %" PRIu64 " bytes, the manifest lists %" PRIu64
                   " (a file from another release?)",
                   f->path, x.offset + x.received, f->length);
        unlink(part);
        rc = FETCH_REFUSED;
        goto done;
    }
    uint8_t h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&x.sha, h);
    char hex[65];
    for (int i = 0; i < 32; i++)
        md_sync_fmt(hex + 2 * i, 3, "%02x", h[i]);
    if (strcmp(hex, f->sha256) != 0) {
        set_reason(reason, cap,
                   "%s: sha256 %.12s... differs from the manifest's %.12s... (a file "
                   "from another release, or corrupted)",
                   f->path, hex, f->sha256);
        unlink(part);
        rc = FETCH_REFUSED;
        goto done;
    }
    /* Complete and verified; it moves to objects/ after one syncfs for the whole batch. */
    rc = FETCH_OK;
done:
    close(x.fd);
    return rc;
}

/* ---- staging and the switch ---- */

static int copy_file(const char *from, const char *to)
{
    int in = open(from, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    int out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0444);
    int ok = md_copy_fd(in, out) == 0;
    if (in >= 0)
        close(in);
    if (out >= 0)
        close(out);
    return ok ? 0 : -1;
}

/* Creates the folders of rel under root (never through a symlink) and records them for fsync. */
static int make_parents(const char *root, const char *rel, char ***dirs, int *n_dirs)
{
    char path[PATH_CAP];
    md_sync_fmt(path, sizeof path, "%s/%s", root, rel);
    size_t base = strlen(root) + 1;
    for (char *p = path + base; (p = strchr(p, '/')); p++) {
        *p = '\0';
        struct stat st;
        if (lstat(path, &st) == 0) {
            if (!S_ISDIR(st.st_mode))
                return -1; /* a symlink or file in the way */
        } else {
            if (mkdir(path, 0755) != 0)
                return -1;
            char **grown = md_realloc(*dirs, (size_t)(*n_dirs + 1) * sizeof **dirs);
            if (!grown)
                return -1;
            *dirs = grown;
            (*dirs)[(*n_dirs)++] = md_strdup(path);
        }
        *p = '/';
    }
    return 0;
}

static int stage_release(md_sync *s, const md_sync_manifest *m, const char *envelope, size_t env_n,
                         const char *name, char *reason, size_t cap)
{
    char staging[PATH_CAP], release[PATH_CAP], sdir[PATH_CAP], rdir[PATH_CAP];
    md_sync_fmt(sdir, sizeof sdir, "%s/staging", s->dir);
    md_sync_fmt(rdir, sizeof rdir, "%s/releases", s->dir);
    md_sync_fmt(staging, sizeof staging, "%s/%s", sdir, name);
    md_sync_fmt(release, sizeof release, "%s/%s", rdir, name);
    rm_rf(staging);
    char **dirs = NULL;
    int n_dirs = 0, rc = -1;
    if (mkdir(staging, 0755) != 0) {
        set_reason(reason, cap, "%s: %s", staging, strerror(errno));
        return -1;
    }
    for (int i = 0; i < m->n_files; i++) {
        const md_sync_file *f = &m->files[i];
        char obj[PATH_CAP], dst[PATH_CAP];
        md_sync_fmt(obj, sizeof obj, "%s/objects/%s", s->dir, f->sha256);
        md_sync_fmt(dst, sizeof dst, "%s/%s", staging, f->path);
        if (make_parents(staging, f->path, &dirs, &n_dirs) < 0 ||
            (link(obj, dst) != 0 && copy_file(obj, dst) != 0)) {
            set_reason(reason, cap, "staging %s: %s", f->path, strerror(errno));
            goto done;
        }
    }
    char mpath[PATH_CAP];
    md_sync_fmt(mpath, sizeof mpath, "%s/%s", staging, MD_SYNC_MANIFEST_NAME);
    int fd = open(mpath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0444);
    int ok = fd >= 0 && write(fd, envelope, env_n) == (ssize_t)env_n;
    if (fd >= 0)
        close(fd);
    /* One flush for the manifest and every folder and link of the staged tree. */
    if (!ok || syncfs_path(staging) != 0) {
        set_reason(reason, cap, "%s: %s", mpath, strerror(errno));
        goto done;
    }
    rm_rf(release);
    if (rename(staging, release) != 0 || fsync_path(rdir) != 0 || fsync_path(sdir) != 0) {
        set_reason(reason, cap, "%s: %s", release, strerror(errno));
        goto done;
    }
    rc = 0;
done:
    for (int i = 0; i < n_dirs; i++)
        md_free(dirs[i]);
    md_free(dirs);
    return rc;
}

/* Points dir/link at target with a rename of a fresh symlink (atomic). */
static int set_link(const char *dir, const char *link_name, const char *target)
{
    char tmp[PATH_CAP], path[PATH_CAP];
    md_sync_fmt(tmp, sizeof tmp, "%s/.%s.tmp", dir, link_name);
    md_sync_fmt(path, sizeof path, "%s/%s", dir, link_name);
    unlink(tmp);
    if (symlink(target, tmp) != 0)
        return -1;
    if (rename(tmp, path) != 0) {
        unlink(tmp);
        return -1;
    }
    return fsync_path(dir);
}

static int read_link(const char *dir, const char *name, char *out, size_t cap)
{
    char path[PATH_CAP];
    md_sync_fmt(path, sizeof path, "%s/%s", dir, name);
    ssize_t n = readlink(path, out, cap - 1);
    if (n < 0) {
        out[0] = '\0';
        return -1;
    }
    out[n] = '\0';
    return 0;
}

/* Removes releases that neither current nor previous names, objects no release links, partial
 * downloads the newest manifest does not list, and staging leftovers. */
static void collect_garbage(md_sync *s, const md_sync_manifest *newest)
{
    char cur[PATH_CAP], prev[PATH_CAP], path[PATH_CAP];
    read_link(s->dir, "current", cur, sizeof cur);
    read_link(s->dir, "previous", prev, sizeof prev);
    md_sync_fmt(path, sizeof path, "%s/releases", s->dir);
    DIR *d = opendir(path);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char rel[PATH_CAP];
        md_sync_fmt(rel, sizeof rel, "releases/%s", e->d_name);
        if (strcmp(rel, cur) != 0 && strcmp(rel, prev) != 0) {
            char full[PATH_CAP];
            md_sync_fmt(full, sizeof full, "%s/%s", path, e->d_name);
            rm_rf(full);
        }
    }
    if (d)
        closedir(d);
    md_sync_fmt(path, sizeof path, "%s/objects", s->dir);
    d = opendir(path);
    while (d && (e = readdir(d))) {
        char full[PATH_CAP];
        md_sync_fmt(full, sizeof full, "%s/%s", path, e->d_name);
        struct stat st;
        if (e->d_name[0] != '.' && lstat(full, &st) == 0 && S_ISREG(st.st_mode) && st.st_nlink <= 1)
            unlink(full);
    }
    if (d)
        closedir(d);
    md_sync_fmt(path, sizeof path, "%s/partial", s->dir);
    d = opendir(path);
    while (d && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        int wanted = 0;
        for (int i = 0; newest && i < newest->n_files && !wanted; i++)
            wanted = !strcmp(newest->files[i].sha256, e->d_name);
        if (!wanted) {
            char full[PATH_CAP];
            md_sync_fmt(full, sizeof full, "%s/%s", path, e->d_name);
            unlink(full);
        }
    }
    if (d)
        closedir(d);
    md_sync_fmt(path, sizeof path, "%s/staging", s->dir);
    d = opendir(path);
    while (d && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char full[PATH_CAP];
        md_sync_fmt(full, sizeof full, "%s/%s", path, e->d_name);
        rm_rf(full);
    }
    if (d)
        closedir(d);
}

/* ---- the round ---- */

static md_sync_outcome finish(md_sync *s, md_sync_outcome o, const char *reason)
{
    pthread_mutex_lock(&s->mu);
    s->status.last_outcome = o;
    s->status.rounds++;
    if (o == MD_SYNC_UPDATED || o == MD_SYNC_CURRENT) {
        s->status.last_ok_unix = now_s(s);
    } else if (o == MD_SYNC_REFUSED) {
        s->status.last_refusal_unix = now_s(s);
        md_sync_fmt(s->status.last_refusal, sizeof s->status.last_refusal, "%s", reason);
    }
    refresh_status_locked(s);
    if (o != MD_SYNC_UNREACHABLE)
        save_status_locked(s);
    pthread_mutex_unlock(&s->mu);
    if (o == MD_SYNC_REFUSED)
        md_log(MD_LOG_ERROR, TAG, "release refused: %s (keeping the current release)", reason);
    else if (o == MD_SYNC_UNREACHABLE)
        md_log(MD_LOG_WARN, TAG, "server not reached: %s (keeping the current release)", reason);
    return o;
}

static void set_current_manifest(md_sync *s, md_sync_manifest *m)
{
    pthread_mutex_lock(&s->mu);
    md_sync_manifest_free(s->cur);
    s->cur = m;
    refresh_status_locked(s);
    pthread_mutex_unlock(&s->mu);
}

static md_sync_outcome round_locked_out(md_sync *s, char *reason, size_t cap)
{
    char path[PATH_CAP], err[512] = "";
    static const char *const subdirs[] = {"releases", "objects", "partial", "staging", NULL};
    if (mkdir_p(s->dir) < 0) {
        set_reason(reason, cap, "%s: %s", s->dir, strerror(errno));
        return finish(s, MD_SYNC_UNREACHABLE, reason);
    }
    for (int i = 0; subdirs[i]; i++) {
        md_sync_fmt(path, sizeof path, "%s/%s", s->dir, subdirs[i]);
        if (mkdir_p(path) < 0) {
            set_reason(reason, cap, "%s: %s", path, strerror(errno));
            return finish(s, MD_SYNC_UNREACHABLE, reason);
        }
    }
    char cur_hex[65] = "";
    md_sync_manifest *cur = load_release_manifest(s, s->current_dir, cur_hex, err, sizeof err);
    /* The manifest, conditionally: with the ETag kept for this very URL. */
    char url[PATH_CAP];
    md_sync_fmt(url, sizeof url, "%s/%s", s->url, MD_SYNC_MANIFEST_NAME);
    char etag[256] = "";
    if (cur) {
        md_sync_fmt(path, sizeof path, "%s/etag", s->dir);
        struct stat est;
        char *t = stat(path, &est) == 0 ? md_read_file(path, NULL) : NULL;
        if (t) {
            char *nl = strchr(t, '\n');
            const char *from = nl ? nl + 1 : "";
            size_t from_n = strcspn(from, "\r\n");
            if (nl && from_n == strlen(url) && !strncmp(from, url, from_n)) {
                *nl = '\0';
                md_sync_fmt(etag, sizeof etag, "%s", t);
                etag[strcspn(etag, "\r")] = '\0';
            }
            md_free(t);
        }
    }
    xfer x;
    memset(&x, 0, sizeof x);
    x.s = s;
    x.fd = -1;
    CURL *c = setup_handle(s, curl_easy_init(), &x, url);
    struct curl_slist *hdr = NULL;
    md_sync_outcome o = MD_SYNC_UNREACHABLE;
    md_sync_manifest *m = NULL;
    char *payload = NULL;
    if (!c) {
        set_reason(reason, cap, "libcurl could not start");
        goto out;
    }
    if (etag[0]) {
        char h[300];
        md_sync_fmt(h, sizeof h, "If-None-Match: %s", etag);
        hdr = curl_slist_append(hdr, h);
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
    }
    curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)MD_SYNC_MANIFEST_MAX_BYTES);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_mem);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &x);
    CURLcode cc = curl_easy_perform(c);
    long code = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
    if (x.overflow || cc == CURLE_FILESIZE_EXCEEDED) {
        set_reason(reason, cap, "the manifest is larger than %d bytes", MD_SYNC_MANIFEST_MAX_BYTES);
        o = MD_SYNC_REFUSED;
        goto out;
    }
    if (cc != CURLE_OK) {
        set_reason(reason, cap, "%s: %s", url, curl_easy_strerror(cc));
        goto out;
    }
    if (code == 304 && cur) {
        if (md_sync_manifest_expired(cur, now_s(s))) {
            char when[32];
            md_sync_time_format(cur->expires_unix, when, sizeof when);
            set_reason(reason, cap,
                       "the server's manifest (v%" PRId64 ") expired at %s and has "
                       "not been renewed (freeze); keeping the current content",
                       cur->version, when);
            o = MD_SYNC_REFUSED;
        } else {
            o = MD_SYNC_CURRENT;
        }
        goto out;
    }
    if (code != 200) {
        set_reason(reason, cap, "%s: HTTP %ld", url, code);
        goto out;
    }
    /* Verify. */
    size_t pn = 0;
    o = MD_SYNC_REFUSED;
    if (md_sync_envelope_open(x.mem ? x.mem : "", x.mem_n, s->keys, s->n_keys, s->threshold,
                              &payload, &pn, NULL, err, sizeof err) < 0) {
        set_reason(reason, cap, "%s", err);
        goto out;
    }
    m = md_sync_manifest_parse(payload, pn, err, sizeof err);
    if (!m) {
        set_reason(reason, cap, "%s", err);
        goto out;
    }
    char hex[65];
    payload_sha(payload, pn, hex);
    if (strcmp(m->channel, s->channel) != 0) {
        set_reason(reason, cap, "v%" PRId64 " is for channel \"%s\", this kiosk follows \"%s\"",
                   m->version, m->channel, s->channel);
        goto out;
    }
    if (md_sync_version_cmp(m->min_runtime, MD_RUNTIME_VERSION) > 0) {
        set_reason(reason, cap, "v%" PRId64 " needs runtime %s, this kiosk runs %s", m->version,
                   m->min_runtime, MD_RUNTIME_VERSION);
        goto out;
    }
    if (md_sync_manifest_expired(m, now_s(s))) {
        char when[32];
        md_sync_time_format(m->expires_unix, when, sizeof when);
        set_reason(reason, cap, "v%" PRId64 " expired at %s (freeze)", m->version, when);
        goto out;
    }
    if (cur && m->version < cur->version) {
        set_reason(reason, cap, "v%" PRId64 " is older than the current v%" PRId64 " (rollback)",
                   m->version, cur->version);
        goto out;
    }
    char why[300];
    pthread_mutex_lock(&s->mu);
    int was_refused = refused_lookup(s, m->version, hex, why, sizeof why);
    pthread_mutex_unlock(&s->mu);
    if (was_refused) {
        set_reason(reason, cap, "v%" PRId64 " was refused by this kiosk before: %s", m->version,
                   why);
        goto out;
    }
    if (cur && m->version == cur->version) {
        write_etag(s->dir, "etag", x.etag, url);
        o = MD_SYNC_CURRENT;
        goto out;
    }
    /* Download what changed. */
    uint64_t total = 0, fetched = 0;
    for (int i = 0; i < m->n_files; i++) {
        if (object_present(s, &m->files[i]))
            continue;
        fetch_rc fr = fetch_file(s, c, &m->files[i], reason, cap);
        if (fr == FETCH_REFUSED)
            goto out;
        if (fr != FETCH_OK) {
            o = MD_SYNC_UNREACHABLE;
            goto out;
        }
        fetched++;
        total += m->files[i].length;
    }
    /* Durable first, then visible in objects/ (a crash before leaves them in partial/, complete,
     * and the next round only re-hashes them). */
    if (fetched && syncfs_path(s->dir) != 0) {
        set_reason(reason, cap, "%s: syncfs: %s", s->dir, strerror(errno));
        o = MD_SYNC_UNREACHABLE;
        goto out;
    }
    for (int i = 0; i < m->n_files; i++) {
        char part[PATH_CAP], obj[PATH_CAP];
        md_sync_fmt(part, sizeof part, "%s/partial/%s", s->dir, m->files[i].sha256);
        md_sync_fmt(obj, sizeof obj, "%s/objects/%s", s->dir, m->files[i].sha256);
        struct stat st;
        if (lstat(part, &st) != 0)
            continue;
        if (chmod(part, 0444) != 0 || rename(part, obj) != 0) {
            set_reason(reason, cap, "%s: %s", obj, strerror(errno));
            o = MD_SYNC_UNREACHABLE;
            goto out;
        }
    }
    md_sync_fmt(path, sizeof path, "%s/objects", s->dir);
    fsync_path(path);
    char name[64];
    md_sync_fmt(name, sizeof name, "v%" PRId64, m->version);
    if (stage_release(s, m, x.mem, x.mem_n, name, reason, cap) < 0) {
        o = MD_SYNC_UNREACHABLE;
        goto out;
    }
    char old[PATH_CAP], target[PATH_CAP];
    md_sync_fmt(target, sizeof target, "releases/%s", name);
    if (read_link(s->dir, "current", old, sizeof old) == 0 && strcmp(old, target) != 0 &&
        set_link(s->dir, "previous", old) < 0) {
        set_reason(reason, cap, "%s/previous: %s", s->dir, strerror(errno));
        o = MD_SYNC_UNREACHABLE;
        goto out;
    }
    if (set_link(s->dir, "current", target) < 0) {
        set_reason(reason, cap, "%s/current: %s", s->dir, strerror(errno));
        o = MD_SYNC_UNREACHABLE;
        goto out;
    }
    /* The ETag goes with the release: the previous one's is kept for a flip back. */
    write_etag(s->dir, "etag.previous", etag, url);
    write_etag(s->dir, "etag", x.etag, url);
    md_log(MD_LOG_INFO, TAG,
           "now on v%" PRId64 " (%d files, %" PRIu64 " downloaded, %" PRIu64 " bytes)", m->version,
           m->n_files, fetched, total);
    collect_garbage(s, m);
    set_current_manifest(s, m);
    m = NULL;
    atomic_store(&s->switched, 1);
    o = MD_SYNC_UPDATED;
out:
    if (hdr)
        curl_slist_free_all(hdr);
    if (c)
        curl_easy_cleanup(c);
    md_free(x.mem);
    md_free(payload);
    md_sync_manifest_free(m);
    md_sync_manifest_free(cur);
    if (o == MD_SYNC_CURRENT || o == MD_SYNC_UPDATED)
        reason[0] = '\0';
    return finish(s, o, reason);
}

md_sync_outcome md_sync_once(md_sync *s, char *reason, size_t reason_cap)
{
    char local[512];
    if (!reason || reason_cap == 0) {
        reason = local;
        reason_cap = sizeof local;
    }
    reason[0] = '\0';
    return round_locked_out(s, reason, reason_cap);
}

/* ---- lifecycle and the thread ---- */

static int add_key(md_sync *s, const char *spec)
{
    if (s->n_keys >= MD_SYNC_MAX_KEYS) {
        md_log(MD_LOG_ERROR, TAG, "more than %d keys", MD_SYNC_MAX_KEYS);
        return -1;
    }
    md_sync_pubkey k;
    if (md_sync_pubkey_parse(spec, &k) == 0) {
        s->keys[s->n_keys++] = k;
        return 0;
    }
    char *text = md_read_file(spec, NULL);
    int rc = text && md_sync_pubkey_parse(text, &k) == 0 ? 0 : -1;
    md_free(text);
    if (rc < 0) {
        md_log(MD_LOG_ERROR, TAG, "key \"%s\" is neither \"ed25519:BASE64\" nor a readable KEY.pub",
               spec);
        return -1;
    }
    s->keys[s->n_keys++] = k;
    return 0;
}

md_sync *md_sync_create(const md_sync_config *cfg)
{
    if (sodium_init() < 0) {
        md_log(MD_LOG_ERROR, TAG, "libsodium could not start");
        return NULL;
    }
    if (!cfg->url || !cfg->dir || !cfg->url[0] || !cfg->dir[0]) {
        md_log(MD_LOG_ERROR, TAG, "[sync] needs url and dir");
        return NULL;
    }
    if (strncmp(cfg->url, "https://", 8) != 0 &&
        !(cfg->allow_http && strncmp(cfg->url, "http://", 7) == 0)) {
        md_log(MD_LOG_ERROR, TAG,
               "url \"%s\" must be https:// (http:// only with allow_http = "
               "yes, for loopback tests)",
               cfg->url);
        return NULL;
    }
    md_sync *s = md_calloc(1, sizeof *s);
    if (!s)
        return NULL;
    pthread_mutex_init(&s->mu, NULL);
    pthread_cond_init(&s->cond, NULL);
    s->url = md_strdup(cfg->url);
    size_t ul = s->url ? strlen(s->url) : 0;
    while (ul && s->url[ul - 1] == '/')
        s->url[--ul] = '\0';
    s->dir = md_strdup(cfg->dir);
    s->channel = md_strdup(cfg->channel ? cfg->channel : "stable");
    s->ca_bundle = cfg->ca_bundle ? md_strdup(cfg->ca_bundle) : NULL;
    s->threshold = cfg->threshold;
    s->interval_s = cfg->interval_s > 0 ? cfg->interval_s : 3600;
    s->allow_http = cfg->allow_http;
    s->now_unix = cfg->now_unix;
    s->now_user = cfg->now_user;
    size_t cn = s->dir ? strlen(s->dir) + 16 : 0;
    s->current_dir = cn ? md_malloc(cn) : NULL;
    if (!s->url || !s->dir || !s->channel || !s->current_dir || (cfg->ca_bundle && !s->ca_bundle)) {
        md_sync_destroy(s);
        return NULL;
    }
    md_sync_fmt(s->current_dir, cn, "%s/current", s->dir);
    for (int i = 0; i < cfg->n_keys; i++) {
        if (add_key(s, cfg->keys[i]) < 0) {
            md_sync_destroy(s);
            return NULL;
        }
    }
    int distinct = 0;
    for (int k = 0; k < s->n_keys; k++) {
        int dup = 0;
        for (int j = 0; j < k; j++)
            dup |= memcmp(s->keys[j].pk, s->keys[k].pk, 32) == 0;
        distinct += !dup;
    }
    if (s->threshold < 1 || s->threshold > distinct) {
        md_log(MD_LOG_ERROR, TAG, "threshold %d: must be from 1 to the %d distinct keys",
               s->threshold, distinct);
        md_sync_destroy(s);
        return NULL;
    }
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0) {
        md_log(MD_LOG_ERROR, TAG, "libcurl could not start");
        md_sync_destroy(s);
        return NULL;
    }
    mkdir_p(s->dir);
    load_status(s);
    char err[512];
    s->cur = load_release_manifest(s, s->current_dir, NULL, err, sizeof err);
    if (!s->cur) {
        struct stat st;
        if (lstat(s->current_dir, &st) == 0)
            md_log(MD_LOG_ERROR, TAG, "%s: %s", s->current_dir, err);
    }
    refresh_status_locked(s);
    return s;
}

static void *thread_main(void *arg)
{
    md_sync *s = arg;
    int64_t next_due = 0;
    for (;;) {
        pthread_mutex_lock(&s->mu);
        long target = 0;
        for (;;) {
            if (atomic_load(&s->stop)) {
                pthread_mutex_unlock(&s->mu);
                return NULL;
            }
            if (s->requested > s->done)
                break;
            struct timespec now;
            clock_gettime(CLOCK_REALTIME, &now);
            if (s->periodic && now.tv_sec >= next_due)
                break;
            struct timespec until = now;
            until.tv_sec += s->periodic ? (next_due - now.tv_sec) : 3600;
            pthread_cond_timedwait(&s->cond, &s->mu, &until);
        }
        target = s->requested;
        pthread_mutex_unlock(&s->mu);
        char reason[512];
        md_sync_outcome o = md_sync_once(s, reason, sizeof reason);
        struct timespec now;
        clock_gettime(CLOCK_REALTIME, &now);
        next_due = now.tv_sec + s->interval_s;
        pthread_mutex_lock(&s->mu);
        if (target > s->done)
            s->done = target;
        s->last_round = o;
        pthread_cond_broadcast(&s->cond);
        pthread_mutex_unlock(&s->mu);
    }
}

int md_sync_start(md_sync *s, int periodic)
{
    if (s->thread_started)
        return 0;
    s->periodic = periodic;
    if (pthread_create(&s->thread, NULL, thread_main, s) != 0) {
        md_log(MD_LOG_ERROR, TAG, "cannot start the sync thread");
        return -1;
    }
    s->thread_started = 1;
    return 0;
}

md_sync_outcome md_sync_request(md_sync *s, int wait_ms)
{
    if (!s->thread_started)
        return MD_SYNC_NONE;
    pthread_mutex_lock(&s->mu);
    long mine = ++s->requested;
    pthread_cond_broadcast(&s->cond);
    md_sync_outcome o = MD_SYNC_NONE;
    if (wait_ms > 0) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += wait_ms / 1000;
        until.tv_nsec += (long)(wait_ms % 1000) * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        while (s->done < mine)
            if (pthread_cond_timedwait(&s->cond, &s->mu, &until) == ETIMEDOUT)
                break;
        if (s->done >= mine)
            o = s->last_round;
    }
    pthread_mutex_unlock(&s->mu);
    return o;
}

void md_sync_destroy(md_sync *s)
{
    if (!s)
        return;
    if (s->thread_started) {
        pthread_mutex_lock(&s->mu);
        atomic_store(&s->stop, 1);
        pthread_cond_broadcast(&s->cond);
        pthread_mutex_unlock(&s->mu);
        pthread_join(s->thread, NULL);
    }
    md_sync_manifest_free(s->cur);
    md_free(s->url);
    md_free(s->dir);
    md_free(s->channel);
    md_free(s->ca_bundle);
    md_free(s->current_dir);
    pthread_mutex_destroy(&s->mu);
    pthread_cond_destroy(&s->cond);
    md_free(s);
}

int md_sync_take_switch(md_sync *s)
{
    return atomic_exchange(&s->switched, 0);
}

int md_sync_flip_back(md_sync *s, const char *reason)
{
    pthread_mutex_lock(&s->mu);
    char cur[PATH_CAP], prev[PATH_CAP], hex[65] = "", err[256];
    int rc = 0;
    md_sync_manifest *bad = load_release_manifest(s, s->current_dir, hex, err, sizeof err);
    if (bad) {
        char path[PATH_CAP];
        md_sync_fmt(path, sizeof path, "%s/refused", s->dir);
        FILE *f = fopen(path, "a");
        char one[256];
        md_sync_fmt(one, sizeof one, "%s", reason);
        for (char *p = one; *p; p++)
            if (*p == '\n' || *p == '\r')
                *p = ' ';
        if (f) {
            fprintf(f, "%" PRId64 " %s %s\n", bad->version, hex, one);
            fflush(f);
            fsync(fileno(f));
            fclose(f);
        }
    }
    read_link(s->dir, "current", cur, sizeof cur);
    if (read_link(s->dir, "previous", prev, sizeof prev) == 0 && strcmp(prev, cur) != 0) {
        rc = set_link(s->dir, "current", prev);
    } else {
        char path[PATH_CAP];
        md_sync_fmt(path, sizeof path, "%s/current", s->dir);
        rc = unlink(path) == 0 || errno == ENOENT ? 0 : -1;
    }
    char path[PATH_CAP], prev_etag[PATH_CAP];
    md_sync_fmt(path, sizeof path, "%s/etag", s->dir);
    md_sync_fmt(prev_etag, sizeof prev_etag, "%s/etag.previous", s->dir);
    if (rename(prev_etag, path) != 0)
        unlink(path);
    md_sync_manifest_free(s->cur);
    s->cur = load_release_manifest(s, s->current_dir, NULL, err, sizeof err);
    s->status.last_refusal_unix = now_s(s);
    md_sync_fmt(s->status.last_refusal, sizeof s->status.last_refusal, "v%" PRId64 ": %s",
                bad ? bad->version : 0, reason);
    s->status.last_outcome = MD_SYNC_REFUSED;
    refresh_status_locked(s);
    save_status_locked(s);
    pthread_mutex_unlock(&s->mu);
    md_log(MD_LOG_ERROR, TAG, "v%" PRId64 " refused after the switch: %s; back on %s",
           bad ? bad->version : 0, reason, s->cur ? "the previous release" : "no release");
    md_sync_manifest_free(bad);
    if (rc < 0)
        md_log(MD_LOG_ERROR, TAG, "%s/current: cannot flip back: %s", s->dir, strerror(errno));
    return rc;
}

void md_sync_get_status(md_sync *s, md_sync_status *out)
{
    pthread_mutex_lock(&s->mu);
    refresh_status_locked(s);
    *out = s->status;
    pthread_mutex_unlock(&s->mu);
}

const char *md_sync_current_dir(const md_sync *s)
{
    return s->current_dir;
}

int md_sync_plugin_trusted(md_sync *s, const char *so_path)
{
    char hex[65];
    if (md_sync_sha256_file(so_path, hex) < 0)
        return 0;
    pthread_mutex_lock(&s->mu);
    int ok = 0;
    for (int i = 0; s->cur && i < s->cur->n_files && !ok; i++)
        ok =
            !strncmp(s->cur->files[i].path, "plugins/", 8) && !strcmp(s->cur->files[i].sha256, hex);
    pthread_mutex_unlock(&s->mu);
    return ok;
}
