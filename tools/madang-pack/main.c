/* madang-pack: the staff tool that signs and publishes releases for sync (docs/SYNC.md).
 *   keygen --out KEY                       ed25519 secret key (0600) and KEY.pub (one line)
 *   build --in DIR --version N --expires-days D --key KEY [--key KEY2 ...] --out PUBDIR
 *         [--channel NAME] [--min-runtime X.Y.Z] [--plugin-dir DIR ...] [--built ISO]
 *   verify PUBDIR --key KEY.pub [--key ...] [--threshold N]
 *   check-release DIR [--key KEY.pub ...] [--threshold N] [--list PREFIX]
 *                                          a kiosk's release folder (e.g. <sync dir>/current);
 *                                          --list prints "sha256  path" (sha256sum's form) of the
 *                                          checked files under PREFIX, from the manifest as it was
 *                                          verified in memory
 *   show PUBDIR|MANIFEST                   prints the signed payload (not verified)
 *   sign PAYLOAD --key KEY [--key ...] --out MANIFEST [--unchecked]
 *                                          signs a payload by hand (--unchecked: even one a kiosk
 *                                          must refuse, to test the kiosks' defences)
 * build validates everything first with the runtime's own validators and publishes nothing when
 * anything is wrong (every problem printed as "file:line: reason").
 */
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "base/base.h"
#include "madang/plugin.h"
#include "sync/internal.h"
#include "sync/sync.h"

#define PATH_CAP 1024
#define MAX_KEYS MD_SYNC_MAX_KEYS
#define MAX_PLUGIN_DIRS 8

typedef struct file_list {
    md_sync_file *items;
    int n, cap;
} file_list;

typedef struct build_ctx {
    const char *in;
    file_list files;
    int n_errors;
    int n_warnings;
} build_ctx;

static void error_at(build_ctx *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void error_at(build_ctx *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    b->n_errors++;
}

static int usage(void)
{
    fprintf(stderr,
            "usage: madang-pack keygen --out KEY\n"
            "       madang-pack build --in DIR --version N --expires-days D --key KEY [--key KEY2 "
            "...] --out PUBDIR\n"
            "                   [--channel NAME] [--min-runtime X.Y.Z] [--plugin-dir DIR] [--built "
            "YYYY-MM-DDTHH:MM:SSZ]\n"
            "       madang-pack verify PUBDIR --key KEY.pub [--key ...] [--threshold N]\n"
            "       madang-pack check-release DIR [--key KEY.pub ...] [--threshold N] [--list "
            "PREFIX]\n"
            "       madang-pack show PUBDIR|MANIFEST\n"
            "       madang-pack sign PAYLOAD --key KEY [--key ...] --out MANIFEST [--unchecked]\n");
    return 2;
}

/* ---- keygen ---- */

static int cmd_keygen(int argc, char **argv)
{
    const char *out = NULL;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--out") && i + 1 < argc)
            out = argv[++i];
        else
            return usage();
    }
    if (!out)
        return usage();
    uint8_t pk[32], sk[64];
    crypto_sign_keypair(pk, sk);
    char sk64[sodium_base64_ENCODED_LEN(64, sodium_base64_VARIANT_ORIGINAL)];
    sodium_bin2base64(sk64, sizeof sk64, sk, sizeof sk, sodium_base64_VARIANT_ORIGINAL);
    sodium_memzero(sk, sizeof sk);
    int fd = open(out, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        fprintf(stderr, "madang-pack: %s: %s (an existing key is never overwritten)\n", out,
                strerror(errno));
        return 1;
    }
    FILE *f = fdopen(fd, "w");
    fprintf(f, "ed25519-secret:%s\n", sk64);
    sodium_memzero(sk64, sizeof sk64);
    if (fclose(f) != 0) {
        fprintf(stderr, "madang-pack: %s: %s\n", out, strerror(errno));
        return 1;
    }
    char pub_path[PATH_CAP], pub[128];
    if (md_sync_fmt(pub_path, sizeof pub_path, "%s.pub", out) < 0)
        return 1;
    md_sync_pubkey_format(pk, pub, sizeof pub);
    f = fopen(pub_path, "w");
    if (!f || fprintf(f, "%s\n", pub) < 0 || fclose(f) != 0) {
        fprintf(stderr, "madang-pack: %s: %s\n", pub_path, strerror(errno));
        return 1;
    }
    printf("secret key: %s (keep it offline, mode 0600)\npublic key: %s\n  %s\n", out, pub_path,
           pub);
    return 0;
}

static int read_secret(const char *path, uint8_t sk[64])
{
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "%s:0: %s\n", path, strerror(errno));
        return -1;
    }
    if (st.st_mode & 077)
        fprintf(stderr, "%s:0: warning: readable by others (chmod 600 it)\n", path);
    char *text = md_read_file(path, NULL);
    int rc = text ? md_sync_seckey_parse(text, sk) : -1;
    if (text) {
        sodium_memzero(text, strlen(text));
        md_free(text);
    }
    if (rc < 0)
        fprintf(stderr, "%s:1: not a madang-pack secret key (\"ed25519-secret:...\")\n", path);
    return rc;
}

static int read_pub(const char *spec, md_sync_pubkey *k)
{
    if (md_sync_pubkey_parse(spec, k) == 0)
        return 0;
    char *text = md_read_file(spec, NULL);
    int rc = text ? md_sync_pubkey_parse(text, k) : -1;
    md_free(text);
    if (rc < 0)
        fprintf(stderr, "%s:1: not a public key (\"ed25519:...\")\n", spec);
    return rc;
}

/* ---- build: collect ---- */

static int add_file(build_ctx *b, const char *rel, uint64_t length)
{
    if (b->files.n == b->files.cap) {
        int cap = b->files.cap ? b->files.cap * 2 : 64;
        md_sync_file *p = md_realloc(b->files.items, (size_t)cap * sizeof *p);
        if (!p)
            return -1;
        b->files.items = p;
        b->files.cap = cap;
    }
    md_sync_file *f = &b->files.items[b->files.n];
    memset(f, 0, sizeof *f);
    f->path = md_strdup(rel);
    f->length = length;
    if (!f->path)
        return -1;
    b->files.n++;
    return 0;
}

static void walk(build_ctx *b, const char *rel)
{
    char dir[PATH_CAP];
    if (md_sync_fmt(dir, sizeof dir, "%s/%s", b->in, rel) < 0) {
        error_at(b, "%s/%s:0: path too long", b->in, rel);
        return;
    }
    DIR *d = opendir(dir);
    if (!d) {
        error_at(b, "%s:0: %s", dir, strerror(errno));
        return;
    }
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char sub[PATH_CAP], full[PATH_CAP];
        if (md_sync_fmt(sub, sizeof sub, "%s/%s", rel, e->d_name) < 0 ||
            md_sync_fmt(full, sizeof full, "%s/%s", b->in, sub) < 0) {
            error_at(b, "%s/%s:0: path too long", dir, e->d_name);
            continue;
        }
        struct stat st;
        if (lstat(full, &st) != 0) {
            error_at(b, "%s:0: %s", full, strerror(errno));
        } else if (S_ISLNK(st.st_mode)) {
            error_at(b, "%s:0: a symlink (releases carry only regular files)", full);
        } else if (S_ISDIR(st.st_mode)) {
            walk(b, sub);
        } else if (!S_ISREG(st.st_mode)) {
            error_at(b, "%s:0: not a regular file", full);
        } else if (!md_sync_path_ok(sub)) {
            error_at(b,
                     "%s:0: refused path (plugins/ holds only <name>.so; no control "
                     "characters or backslashes)",
                     full);
        } else if (add_file(b, sub, (uint64_t)st.st_size) < 0) {
            error_at(b, "%s:0: out of memory", full);
        }
    }
    closedir(d);
}

/* ---- build: validate ---- */

typedef struct plugin_info {
    char *id;
    char *file;
    const md_plugin_desc *desc;
} plugin_info;

static int load_plugin(build_ctx *b, const char *path, plugin_info *out, int report)
{
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        if (report)
            error_at(b, "%s:0: cannot be loaded: %s", path, dlerror());
        return -1;
    }
    md_plugin_entry_fn entry = NULL;
    *(void **)&entry = dlsym(h, MD_PLUGIN_ENTRY_SYMBOL);
    const md_plugin_desc *d = entry ? entry() : NULL;
    size_t need = offsetof(md_plugin_desc, shutdown) + sizeof d->shutdown;
    if (!d || d->abi_major != MD_PLUGIN_ABI_MAJOR || d->abi_minor > MD_PLUGIN_ABI_MINOR ||
        d->struct_size < need || !d->id || !d->id[0]) {
        if (report)
            error_at(b, "%s:0: not a Madang plugin for ABI %d.%d (no or bad %s)", path,
                     MD_PLUGIN_ABI_MAJOR, MD_PLUGIN_ABI_MINOR, MD_PLUGIN_ENTRY_SYMBOL);
        return -1; /* never dlclosed: plugins may leave handlers behind */
    }
    out->id = md_strdup(d->id);
    out->file = md_strdup(path);
    out->desc = d;
    return 0;
}

static int is_so(const char *name)
{
    size_t n = strlen(name);
    return n > 3 && !strcmp(name + n - 3, ".so");
}

static int collect_plugins(build_ctx *b, const char *dir, plugin_info *list, int n, int cap,
                           int report)
{
    DIR *d = opendir(dir);
    if (!d)
        return n;
    struct dirent *e;
    while ((e = readdir(d)) && n < cap) {
        char path[PATH_CAP];
        if (!is_so(e->d_name) || md_sync_fmt(path, sizeof path, "%s/%s", dir, e->d_name) < 0)
            continue;
        if (load_plugin(b, path, &list[n], report) == 0)
            n++;
    }
    closedir(d);
    return n;
}

static void validate_release(build_ctx *b, const char *const *plugin_dirs, int n_plugin_dirs)
{
    char path[PATH_CAP], err[1024];
    /* Locale packs, exactly as a kiosk reads them. */
    md_sync_fmt(path, sizeof path, "%s/locales", b->in);
    if (md_sync_validate_locales(path, err, sizeof err) < 0)
        error_at(b, "%s", err);
    /* Plugins shipped in the release, then the ones given to validate content with. */
    plugin_info plugins[64];
    memset(plugins, 0, sizeof plugins);
    md_sync_fmt(path, sizeof path, "%s/plugins", b->in);
    int n = collect_plugins(b, path, plugins, 0, 64, 1);
    int n_shipped = n;
    for (int i = 0; i < n_plugin_dirs; i++)
        n = collect_plugins(b, plugin_dirs[i], plugins, n, 64, 0);
    md_sync_fmt(path, sizeof path, "%s/content", b->in);
    DIR *d = opendir(path);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char cdir[PATH_CAP];
        if (md_sync_fmt(cdir, sizeof cdir, "%s/%s", path, e->d_name) < 0)
            continue;
        const plugin_info *p = NULL;
        for (int i = 0; i < n && !p; i++)
            if (!strcmp(plugins[i].id, e->d_name))
                p = &plugins[i]; /* a shipped plugin comes first and wins */
        if (!p) {
            fprintf(stderr,
                    "%s:0: warning: no plugin with id \"%s\" found to check it (give "
                    "--plugin-dir)\n",
                    cdir, e->d_name);
            b->n_warnings++;
            continue;
        }
        if (!MD_DESC_HAS(p->desc, validate) || !p->desc->validate) {
            fprintf(stderr,
                    "%s:0: warning: %s (%s) cannot check content without a kiosk (no "
                    "validate entry)\n",
                    cdir, p->id, p->file);
            b->n_warnings++;
            continue;
        }
        err[0] = '\0';
        if (p->desc->validate(cdir, err, sizeof err) != 0)
            error_at(b, "%s/%s", cdir, err[0] ? err : ": refused by the plugin");
    }
    if (d)
        closedir(d);
    (void)n_shipped;
    for (int i = 0; i < n; i++) {
        md_free(plugins[i].id);
        md_free(plugins[i].file);
    }
}

/* ---- build: publish ---- */

static int fsync_dir(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    close(fd);
    return rc;
}

static int copy_to(const char *from, const char *to)
{
    char tmp[PATH_CAP];
    if (md_sync_fmt(tmp, sizeof tmp, "%s.tmp", to) < 0)
        return -1;
    int in = open(from, O_RDONLY | O_CLOEXEC);
    int out = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    int ok = md_copy_fd(in, out) == 0;
    if (in >= 0)
        close(in);
    if (out >= 0)
        close(out);
    if (!ok || rename(tmp, to) != 0) {
        unlink(tmp);
        return -1;
    }
    return 0;
}

static int write_file_atomic(const char *path, const char *data, size_t n)
{
    char tmp[PATH_CAP];
    if (md_sync_fmt(tmp, sizeof tmp, "%s.tmp", path) < 0)
        return -1;
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    int ok = fd >= 0 && write(fd, data, n) == (ssize_t)n;
    /* nginx's ETag is the mtime in seconds and the size: two manifests of the same size written
     * in the same second would share one, and kiosks would get 304 for the new one. Move the new
     * mtime past the old one's. */
    struct stat old;
    if (ok && stat(path, &old) == 0 && old.st_mtime >= time(NULL)) {
        struct timespec ts[2] = {{old.st_mtime + 1, 0}, {old.st_mtime + 1, 0}};
        ok = futimens(fd, ts) == 0;
    }
    ok = ok && fsync(fd) == 0;
    if (fd >= 0)
        close(fd);
    if (!ok || rename(tmp, path) != 0) {
        unlink(tmp);
        return -1;
    }
    return 0;
}

static int64_t published_version(const char *out)
{
    char path[PATH_CAP];
    md_sync_fmt(path, sizeof path, "%s/%s", out, MD_SYNC_MANIFEST_NAME);
    struct stat st;
    if (lstat(path, &st) != 0)
        return 0; /* nothing published yet */
    size_t n = 0;
    char *text = md_read_file(path, &n);
    if (!text)
        return 0;
    /* Signed by whom does not matter here: only the version number, to refuse going back. */
    char *payload = NULL, err[256];
    size_t pn = 0;
    int64_t v = -1;
    if (md_sync_envelope_open(text, n, NULL, 0, 0, &payload, &pn, NULL, err, sizeof err) == 0) {
        md_sync_manifest *m = md_sync_manifest_parse(payload, pn, err, sizeof err);
        if (m)
            v = m->version;
        md_sync_manifest_free(m);
    }
    md_free(payload);
    md_free(text);
    return v;
}

static int cmd_build(int argc, char **argv)
{
    const char *in = NULL, *out = NULL, *channel = "stable", *min_rt = MD_RUNTIME_VERSION;
    const char *built_iso = NULL;
    const char *keys[MAX_KEYS], *plugin_dirs[MAX_PLUGIN_DIRS];
    int n_keys = 0, n_plugin_dirs = 0;
    long long version = -1, days = -1;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!v)
            return usage();
        i++;
        char *end = NULL;
        if (!strcmp(a, "--in"))
            in = v;
        else if (!strcmp(a, "--out"))
            out = v;
        else if (!strcmp(a, "--version"))
            version = strtoll(v, &end, 10), version = end && *end ? -1 : version;
        else if (!strcmp(a, "--expires-days"))
            days = strtoll(v, &end, 10), days = end && *end ? -1 : days;
        else if (!strcmp(a, "--key") && n_keys < MAX_KEYS)
            keys[n_keys++] = v;
        else if (!strcmp(a, "--channel"))
            channel = v;
        else if (!strcmp(a, "--min-runtime"))
            min_rt = v;
        else if (!strcmp(a, "--plugin-dir") && n_plugin_dirs < MAX_PLUGIN_DIRS)
            plugin_dirs[n_plugin_dirs++] = v;
        else if (!strcmp(a, "--built"))
            built_iso = v;
        else
            return usage();
    }
    if (!in || !out || n_keys == 0 || version < 1 || days < 1 || days > 3650) {
        if (version < 1 || days < 1 || days > 3650)
            fprintf(stderr, "madang-pack build: --version must be >= 1 and --expires-days from 1 "
                            "to 3650\n");
        return usage();
    }
    build_ctx b = {.in = in};
    uint8_t sk[MAX_KEYS][64];
    for (int i = 0; i < n_keys; i++)
        if (read_secret(keys[i], sk[i]) < 0)
            b.n_errors++;
    md_sync_manifest m = {
        .version = version, .channel = (char *)channel, .min_runtime = (char *)min_rt};
    m.built_unix = (int64_t)time(NULL);
    if (built_iso && md_sync_time_parse(built_iso, &m.built_unix) < 0)
        error_at(&b, "--built: \"%s\" is not YYYY-MM-DDTHH:MM:SSZ", built_iso);
    m.expires_unix = m.built_unix + days * 86400;
    /* 1. What is there. */
    DIR *d = opendir(in);
    struct dirent *e;
    if (!d)
        error_at(&b, "%s:0: %s", in, strerror(errno));
    while (d && (e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char full[PATH_CAP];
        struct stat st;
        md_sync_fmt(full, sizeof full, "%s/%s", in, e->d_name);
        if (strcmp(e->d_name, "content") && strcmp(e->d_name, "locales") &&
            strcmp(e->d_name, "plugins"))
            error_at(&b, "%s:0: unexpected (a release holds content/, locales/ and plugins/)",
                     full);
        else if (lstat(full, &st) != 0 || !S_ISDIR(st.st_mode))
            error_at(&b, "%s:0: must be a folder, not a symlink or file", full);
        else
            walk(&b, e->d_name);
    }
    if (d)
        closedir(d);
    char conf[PATH_CAP];
    md_sync_fmt(conf, sizeof conf, "%s/locales/locales.conf", in);
    struct stat st;
    if (stat(conf, &st) != 0)
        error_at(&b, "%s:0: missing (a kiosk on sync reads its languages from the release)", conf);
    /* 2. Validate with the runtime's own validators. */
    if (b.n_errors == 0)
        validate_release(&b, plugin_dirs, n_plugin_dirs);
    int64_t old = published_version(out);
    if (old >= version)
        error_at(&b, "%s/%s:0: v%" PRId64 " is published there; --version %lld must be higher", out,
                 MD_SYNC_MANIFEST_NAME, old, version);
    if (old < 0)
        error_at(&b, "%s/%s:0: unreadable manifest in the way (move it aside)", out,
                 MD_SYNC_MANIFEST_NAME);
    if (b.n_errors) {
        fprintf(stderr, "madang-pack build: %d error(s); nothing published\n", b.n_errors);
        return 1;
    }
    /* 3. Hash, store bodies by content hash, then the manifest last. */
    char files_dir[PATH_CAP];
    md_sync_fmt(files_dir, sizeof files_dir, "%s/files", out);
    if ((mkdir(out, 0755) != 0 && errno != EEXIST) ||
        (mkdir(files_dir, 0755) != 0 && errno != EEXIST)) {
        fprintf(stderr, "%s:0: %s\n", files_dir, strerror(errno));
        return 1;
    }
    uint64_t bytes = 0;
    for (int i = 0; i < b.files.n; i++) {
        md_sync_file *f = &b.files.items[i];
        char src[PATH_CAP], dst[PATH_CAP];
        md_sync_fmt(src, sizeof src, "%s/%s", in, f->path);
        if (md_sync_sha256_file(src, f->sha256) < 0) {
            fprintf(stderr, "%s:0: cannot be read\n", src);
            return 1;
        }
        md_sync_fmt(dst, sizeof dst, "%s/%s", files_dir, f->sha256);
        if (lstat(dst, &st) != 0 && copy_to(src, dst) < 0) {
            fprintf(stderr, "%s:0: cannot be written: %s\n", dst, strerror(errno));
            return 1;
        }
        bytes += f->length;
    }
    fsync_dir(files_dir);
    m.files = b.files.items;
    m.n_files = b.files.n;
    char *payload = md_sync_manifest_write(&m);
    char *env =
        payload ? md_sync_envelope_sign(payload, strlen(payload), (const uint8_t(*)[64])sk, n_keys)
                : NULL;
    sodium_memzero(sk, sizeof sk);
    char mpath[PATH_CAP];
    md_sync_fmt(mpath, sizeof mpath, "%s/%s", out, MD_SYNC_MANIFEST_NAME);
    if (!env || write_file_atomic(mpath, env, strlen(env)) < 0) {
        fprintf(stderr, "%s:0: cannot be written\n", mpath);
        return 1;
    }
    fsync_dir(out);
    char exp[32];
    md_sync_time_format(m.expires_unix, exp, sizeof exp);
    printf("published v%lld (%s) to %s: %d files, %" PRIu64 " bytes, %d signature(s), expires "
           "%s%s\n",
           version, channel, out, b.files.n, bytes, n_keys, exp,
           b.n_warnings ? " (see the warnings above)" : "");
    md_free(payload);
    md_free(env);
    for (int i = 0; i < b.files.n; i++)
        md_free(b.files.items[i].path);
    md_free(b.files.items);
    return 0;
}

/* ---- verify ---- */

static int cmd_verify(int argc, char **argv)
{
    const char *pub = NULL;
    md_sync_pubkey keys[MAX_KEYS];
    int n_keys = 0, threshold = 0;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--key") && i + 1 < argc && n_keys < MAX_KEYS) {
            if (read_pub(argv[++i], &keys[n_keys]) < 0)
                return 1;
            n_keys++;
        } else if (!strcmp(argv[i], "--threshold") && i + 1 < argc) {
            threshold = atoi(argv[++i]);
        } else if (argv[i][0] != '-' && !pub) {
            pub = argv[i];
        } else {
            return usage();
        }
    }
    if (!pub || n_keys == 0)
        return usage();
    if (threshold <= 0)
        threshold = 1;
    char path[PATH_CAP], err[512];
    md_sync_fmt(path, sizeof path, "%s/%s", pub, MD_SYNC_MANIFEST_NAME);
    size_t n = 0;
    char *text = md_read_file(path, &n);
    if (!text) {
        fprintf(stderr, "%s:0: cannot be read\n", path);
        return 1;
    }
    char *payload = NULL;
    size_t pn = 0;
    int n_signed = 0, rc = 1;
    md_sync_manifest *m = NULL;
    if (md_sync_envelope_open(text, n, keys, n_keys, threshold, &payload, &pn, &n_signed, err,
                              sizeof err) < 0 ||
        !(m = md_sync_manifest_parse(payload, pn, err, sizeof err))) {
        fprintf(stderr, "%s:0: %s\n", path, err);
        goto done;
    }
    int bad = 0;
    for (int i = 0; i < m->n_files; i++) {
        char fp[PATH_CAP], hex[65];
        struct stat st;
        md_sync_fmt(fp, sizeof fp, "%s/files/%s", pub, m->files[i].sha256);
        if (lstat(fp, &st) != 0 || !S_ISREG(st.st_mode) ||
            (uint64_t)st.st_size != m->files[i].length || md_sync_sha256_file(fp, hex) < 0 ||
            strcmp(hex, m->files[i].sha256) != 0) {
            fprintf(stderr, "%s:0: %s: missing, wrong length or wrong sha256\n", fp,
                    m->files[i].path);
            bad++;
        }
    }
    char built[32], exp[32];
    md_sync_time_format(m->built_unix, built, sizeof built);
    md_sync_time_format(m->expires_unix, exp, sizeof exp);
    int expired = md_sync_manifest_expired(m, (int64_t)time(NULL));
    printf("v%" PRId64 " channel %s min_runtime %s built %s expires %s%s: %d files, %d of %d "
           "keys signed, %s\n",
           m->version, m->channel, m->min_runtime, built, exp, expired ? " (EXPIRED)" : "",
           m->n_files, n_signed, n_keys, bad ? "FILES BAD" : "files OK");
    rc = bad || expired ? 1 : 0;
done:
    md_sync_manifest_free(m);
    md_free(payload);
    md_free(text);
    return rc;
}

/* check-release: with --list, stdout carries only the list (for sha256sum -c and the like); the
 * hashes come from the manifest this very check read and verified, never from a second read of
 * the folder, which its owner (the kiosk's user) could have changed in between. */
static int cmd_check_release(int argc, char **argv)
{
    const char *dir = NULL, *list = NULL;
    md_sync_pubkey keys[MAX_KEYS];
    int n_keys = 0, threshold = 1;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--key") && i + 1 < argc && n_keys < MAX_KEYS) {
            if (read_pub(argv[++i], &keys[n_keys]) < 0)
                return 1;
            n_keys++;
        } else if (!strcmp(argv[i], "--threshold") && i + 1 < argc) {
            threshold = atoi(argv[++i]);
            if (threshold < 1 || threshold > MAX_KEYS) {
                fprintf(stderr, "madang-pack: --threshold %s: a number from 1 to %d\n", argv[i],
                        MAX_KEYS);
                return 2;
            }
        } else if (!strcmp(argv[i], "--list") && i + 1 < argc) {
            list = argv[++i];
        } else if (argv[i][0] != '-' && !dir) {
            dir = argv[i];
        } else {
            return usage();
        }
    }
    if (!dir)
        return usage();
    if (n_keys > 0 && threshold > n_keys) {
        fprintf(stderr, "madang-pack: --threshold %d with %d key(s): no release can meet it\n",
                threshold, n_keys);
        return 2;
    }
    char err[512];
    md_sync_manifest *m = NULL;
    if (md_sync_release_check(dir, keys, n_keys, threshold, &m, err, sizeof err) < 0) {
        fprintf(stderr, "%s: %s\n", dir, err);
        return 1;
    }
    if (!list) {
        printf("%s: complete\n", dir);
    } else {
        size_t pl = strlen(list);
        for (int i = 0; i < m->n_files; i++)
            if (!strncmp(m->files[i].path, list, pl))
                printf("%s  %s\n", m->files[i].sha256, m->files[i].path);
        fprintf(stderr, "%s: complete\n", dir);
    }
    md_sync_manifest_free(m);
    return fflush(stdout) == 0 ? 0 : 1;
}

static char *read_manifest_arg(const char *arg, size_t *n)
{
    struct stat st;
    char path[PATH_CAP];
    if (stat(arg, &st) == 0 && S_ISDIR(st.st_mode))
        md_sync_fmt(path, sizeof path, "%s/%s", arg, MD_SYNC_MANIFEST_NAME);
    else
        md_sync_fmt(path, sizeof path, "%s", arg);
    return md_read_file(path, n);
}

static int cmd_show(int argc, char **argv)
{
    if (argc != 1)
        return usage();
    size_t n = 0;
    char *text = read_manifest_arg(argv[0], &n);
    char *payload = NULL, err[256];
    size_t pn = 0;
    int rc = 1;
    if (text &&
        md_sync_envelope_open(text, n, NULL, 0, 0, &payload, &pn, NULL, err, sizeof err) == 0) {
        fwrite(payload, 1, pn, stdout);
        fputc('\n', stdout);
        rc = 0;
    } else {
        fprintf(stderr, "%s:0: %s\n", argv[0], text ? err : "cannot be read");
    }
    md_free(payload);
    md_free(text);
    return rc;
}

static int cmd_sign(int argc, char **argv)
{
    const char *in = NULL, *out = NULL;
    const char *keys[MAX_KEYS];
    int n_keys = 0, unchecked = 0;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--key") && i + 1 < argc && n_keys < MAX_KEYS)
            keys[n_keys++] = argv[++i];
        else if (!strcmp(argv[i], "--out") && i + 1 < argc)
            out = argv[++i];
        else if (!strcmp(argv[i], "--unchecked"))
            unchecked = 1;
        else if (argv[i][0] != '-' && !in)
            in = argv[i];
        else
            return usage();
    }
    if (!in || !out || n_keys == 0)
        return usage();
    size_t n = 0;
    char *payload = md_read_file(in, &n), err[256];
    if (!payload)
        return 1;
    md_sync_manifest *m = md_sync_manifest_parse(payload, n, err, sizeof err);
    if (!m) {
        fprintf(stderr, "%s:0: %s%s\n", in, err,
                unchecked ? " (signed anyway: --unchecked; kiosks will refuse it)" : "");
        if (!unchecked) {
            md_free(payload);
            return 1;
        }
    }
    md_sync_manifest_free(m);
    uint8_t sk[MAX_KEYS][64];
    for (int i = 0; i < n_keys; i++)
        if (read_secret(keys[i], sk[i]) < 0)
            return 1;
    char *env = md_sync_envelope_sign(payload, n, (const uint8_t(*)[64])sk, n_keys);
    sodium_memzero(sk, sizeof sk);
    int rc = env && write_file_atomic(out, env, strlen(env)) == 0 ? 0 : 1;
    if (rc)
        fprintf(stderr, "%s:0: cannot be written\n", out);
    md_free(env);
    md_free(payload);
    return rc;
}

int main(int argc, char **argv)
{
    if (sodium_init() < 0) {
        fprintf(stderr, "madang-pack: libsodium could not start\n");
        return 1;
    }
    if (argc < 2)
        return usage();
    if (!strcmp(argv[1], "keygen"))
        return cmd_keygen(argc - 2, argv + 2);
    if (!strcmp(argv[1], "build"))
        return cmd_build(argc - 2, argv + 2);
    if (!strcmp(argv[1], "verify"))
        return cmd_verify(argc - 2, argv + 2);
    if (!strcmp(argv[1], "show"))
        return cmd_show(argc - 2, argv + 2);
    if (!strcmp(argv[1], "sign"))
        return cmd_sign(argc - 2, argv + 2);
    if (!strcmp(argv[1], "check-release"))
        return cmd_check_release(argc - 2, argv + 2);
    return usage();
}
