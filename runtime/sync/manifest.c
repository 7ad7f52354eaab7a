/* The signed part of sync: ed25519 keys, the DSSE signature envelope, the release manifest (its
 * strict parser and writer), and the check of a release directory against its manifest. Pure
 * functions of their input (no network, no shared state): fuzzed by tests/fuzz/fuzz_manifest.c
 * and fuzz_envelope.c, and shared with madang-pack.
 */
#include "sync/sync.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>
#include <sodium.h>

#include "base/base.h"
#include "sync/internal.h"

#define TAG "SYNC"
#define MAX_SIGNATURES 32
#define MAX_PATH_BYTES 400

static void set_err(char *err, size_t cap, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void set_err(char *err, size_t cap, const char *fmt, ...)
{
    if (!err || !cap)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, cap, fmt, ap);
    va_end(ap);
}

static void hex_of(const uint8_t *bin, size_t n, char *hex)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        hex[2 * i] = digits[bin[i] >> 4];
        hex[2 * i + 1] = digits[bin[i] & 15];
    }
    hex[2 * n] = '\0';
}

/* Decodes standard base64 (padding required, no spaces) of exactly want bytes. */
static int b64_exact(const char *text, size_t n, uint8_t *out, size_t want)
{
    size_t got = 0;
    const char *end = NULL;
    if (n > 4 * ((want + 2) / 3))
        return -1;
    if (sodium_base642bin(out, want, text, n, NULL, &got, &end, sodium_base64_VARIANT_ORIGINAL) !=
            0 ||
        got != want || end != text + n)
        return -1;
    return 0;
}

static const char *skip_space(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

static size_t trimmed_len(const char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        n--;
    return n;
}

int md_sync_pubkey_parse(const char *text, md_sync_pubkey *out)
{
    static const char prefix[] = "ed25519:";
    memset(out, 0, sizeof *out);
    text = skip_space(text);
    if (strncmp(text, prefix, sizeof prefix - 1) != 0)
        return -1;
    text += sizeof prefix - 1;
    if (b64_exact(text, trimmed_len(text), out->pk, sizeof out->pk) < 0)
        return -1;
    uint8_t h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, out->pk, sizeof out->pk);
    hex_of(h, 8, out->keyid);
    return 0;
}

void md_sync_pubkey_format(const uint8_t pk[32], char *out, size_t cap)
{
    char b64[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_ORIGINAL)];
    sodium_bin2base64(b64, sizeof b64, pk, 32, sodium_base64_VARIANT_ORIGINAL);
    md_sync_fmt(out, cap, "ed25519:%s", b64);
}

int md_sync_seckey_parse(const char *text, uint8_t sk[64])
{
    static const char prefix[] = "ed25519-secret:";
    text = skip_space(text);
    if (strncmp(text, prefix, sizeof prefix - 1) != 0)
        return -1;
    text += sizeof prefix - 1;
    return b64_exact(text, trimmed_len(text), sk, 64);
}

/* DSSE's pre-authentication encoding: "DSSEv1 LEN(type) type LEN(body) body". */
static uint8_t *pae(const char *payload, size_t n, size_t *out_n)
{
    char head[128];
    int k = snprintf(head, sizeof head, "DSSEv1 %zu %s %zu ", strlen(MD_SYNC_PAYLOAD_TYPE),
                     MD_SYNC_PAYLOAD_TYPE, n);
    uint8_t *buf = md_malloc((size_t)k + n);
    if (!buf)
        return NULL;
    memcpy(buf, head, (size_t)k);
    memcpy(buf + k, payload, n);
    *out_n = (size_t)k + n;
    return buf;
}

char *md_sync_envelope_sign(const char *payload, size_t payload_bytes, const uint8_t (*sk)[64],
                            int n_sk)
{
    size_t n_msg = 0;
    uint8_t *msg = pae(payload, payload_bytes, &n_msg);
    size_t b64_cap = sodium_base64_ENCODED_LEN(payload_bytes, sodium_base64_VARIANT_ORIGINAL);
    char *b64 = md_malloc(b64_cap);
    json_t *env = json_object(), *sigs = json_array();
    char *out = NULL;
    if (!msg || !b64 || !env || !sigs)
        goto done;
    sodium_bin2base64(b64, b64_cap, (const uint8_t *)payload, payload_bytes,
                      sodium_base64_VARIANT_ORIGINAL);
    for (int i = 0; i < n_sk; i++) {
        uint8_t sig[crypto_sign_BYTES];
        crypto_sign_detached(sig, NULL, msg, n_msg, sk[i]);
        md_sync_pubkey pk;
        memcpy(pk.pk, sk[i] + 32, 32);
        uint8_t h[crypto_hash_sha256_BYTES];
        crypto_hash_sha256(h, pk.pk, 32);
        hex_of(h, 8, pk.keyid);
        char sig64[sodium_base64_ENCODED_LEN(crypto_sign_BYTES, sodium_base64_VARIANT_ORIGINAL)];
        sodium_bin2base64(sig64, sizeof sig64, sig, sizeof sig, sodium_base64_VARIANT_ORIGINAL);
        json_array_append_new(sigs, json_pack("{s:s,s:s}", "keyid", pk.keyid, "sig", sig64));
    }
    json_object_set_new(env, "payloadType", json_string(MD_SYNC_PAYLOAD_TYPE));
    json_object_set_new(env, "payload", json_string(b64));
    json_object_set(env, "signatures", sigs);
    char *dumped = json_dumps(env, JSON_INDENT(1) | JSON_SORT_KEYS);
    if (dumped) {
        out = md_strdup(dumped);
        free(dumped);
    }
done:
    json_decref(sigs);
    json_decref(env);
    md_free(b64);
    md_free(msg);
    return out;
}

/* Only these keys; each required. Returns 0 or -1 with the reason. */
static int exact_keys(json_t *obj, const char *const *keys, const char *where, char *err,
                      size_t cap)
{
    if (!json_is_object(obj)) {
        set_err(err, cap, "%s: expected an object", where);
        return -1;
    }
    const char *k = NULL;
    json_t *v = NULL;
    json_object_foreach(obj, k, v)
    {
        int known = 0;
        for (int i = 0; keys[i]; i++)
            known |= strcmp(k, keys[i]) == 0;
        if (!known) {
            set_err(err, cap, "%s: unknown key \"%.40s\"", where, k);
            return -1;
        }
    }
    for (int i = 0; keys[i]; i++) {
        if (!json_object_get(obj, keys[i])) {
            set_err(err, cap, "%s: missing \"%s\"", where, keys[i]);
            return -1;
        }
    }
    return 0;
}

static json_t *load_json(const char *text, size_t n, const char *what, char *err, size_t cap)
{
    if (n > MD_SYNC_MANIFEST_MAX_BYTES) {
        set_err(err, cap, "%s: %zu bytes, more than the %d allowed", what, n,
                MD_SYNC_MANIFEST_MAX_BYTES);
        return NULL;
    }
    json_error_t je;
    json_t *root = json_loadb(text, n, JSON_REJECT_DUPLICATES, &je);
    if (!root)
        set_err(err, cap, "%s: line %d, column %d: %s", what, je.line, je.column, je.text);
    return root;
}

int md_sync_envelope_open(const char *text, size_t n_bytes, const md_sync_pubkey *keys, int n_keys,
                          int threshold, char **payload, size_t *payload_bytes, int *n_signed,
                          char *err, size_t err_cap)
{
    static const char *const env_keys[] = {"payloadType", "payload", "signatures", NULL};
    *payload = NULL;
    *payload_bytes = 0;
    if (n_signed)
        *n_signed = 0;
    json_t *root = load_json(text, n_bytes, "manifest", err, err_cap);
    if (!root)
        return -1;
    int rc = -1;
    uint8_t *body = NULL, *msg = NULL;
    if (exact_keys(root, env_keys, "manifest", err, err_cap) < 0)
        goto done;
    json_t *type = json_object_get(root, "payloadType");
    json_t *b64 = json_object_get(root, "payload");
    json_t *sigs = json_object_get(root, "signatures");
    if (!json_is_string(type) || strcmp(json_string_value(type), MD_SYNC_PAYLOAD_TYPE) != 0) {
        set_err(err, err_cap, "manifest: payloadType is not \"%s\"", MD_SYNC_PAYLOAD_TYPE);
        goto done;
    }
    if (!json_is_string(b64) || !json_is_array(sigs)) {
        set_err(err, err_cap, "manifest: payload must be a string and signatures an array");
        goto done;
    }
    size_t n_sigs = json_array_size(sigs);
    if (n_sigs == 0) {
        set_err(err, err_cap, "unsigned manifest (no signatures)");
        goto done;
    }
    if (n_sigs > MAX_SIGNATURES) {
        set_err(err, err_cap, "manifest: %zu signatures, at most %d", n_sigs, MAX_SIGNATURES);
        goto done;
    }
    const char *b64_text = json_string_value(b64);
    size_t b64_n = json_string_length(b64);
    size_t body_cap = b64_n / 4 * 3 + 3;
    body = md_malloc(body_cap + 1);
    if (!body)
        goto done;
    size_t body_n = 0;
    const char *end = NULL;
    if (sodium_base642bin(body, body_cap, b64_text, b64_n, NULL, &body_n, &end,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        end != b64_text + b64_n) {
        set_err(err, err_cap, "manifest: payload is not base64");
        goto done;
    }
    body[body_n] = '\0';
    size_t msg_n = 0;
    msg = pae((const char *)body, body_n, &msg_n);
    if (!msg)
        goto done;
    int count = 0;
    for (int k = 0; k < n_keys; k++) {
        int dup = 0;
        for (int j = 0; j < k; j++)
            dup |= memcmp(keys[j].pk, keys[k].pk, 32) == 0;
        if (dup)
            continue; /* a pinned key listed twice counts once */
        for (size_t i = 0; i < n_sigs; i++) {
            static const char *const sig_keys[] = {"keyid", "sig", NULL};
            json_t *s = json_array_get(sigs, i);
            if (exact_keys(s, sig_keys, "manifest: signature", err, err_cap) < 0)
                goto done;
            json_t *kid = json_object_get(s, "keyid"), *sv = json_object_get(s, "sig");
            if (!json_is_string(kid) || !json_is_string(sv)) {
                set_err(err, err_cap, "manifest: signature keyid and sig must be strings");
                goto done;
            }
            if (strcmp(json_string_value(kid), keys[k].keyid) != 0)
                continue;
            uint8_t sig[crypto_sign_BYTES];
            if (b64_exact(json_string_value(sv), json_string_length(sv), sig, sizeof sig) < 0)
                continue;
            if (crypto_sign_verify_detached(sig, msg, msg_n, keys[k].pk) == 0) {
                count++;
                break; /* this key counts once, however many of its signatures are listed */
            }
        }
    }
    if (n_signed)
        *n_signed = count;
    if (count < threshold) {
        set_err(err, err_cap, "too few signatures: %d valid from distinct trusted keys, %d needed",
                count, threshold);
        goto done;
    }
    *payload = (char *)body;
    *payload_bytes = body_n;
    body = NULL;
    rc = 0;
done:
    md_free(body);
    md_free(msg);
    json_decref(root);
    return rc;
}

/* ---- time and versions ---- */

int md_sync_time_parse(const char *iso, int64_t *unix_s)
{
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, n = 0;
    if (sscanf(iso, "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &y, &mo, &d, &h, &mi, &s, &n) != 6 ||
        (size_t)n != strlen(iso) || strlen(iso) != 20)
        return -1;
    if (y < 2000 || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 ||
        s > 60 || h < 0 || mi < 0 || s < 0)
        return -1;
    struct tm tm = {0};
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = s;
    time_t t = timegm(&tm);
    struct tm back = {0};
    gmtime_r(&t, &back);
    if (back.tm_mday != d || back.tm_mon != mo - 1)
        return -1; /* 2026-02-30 */
    *unix_s = (int64_t)t;
    return 0;
}

void md_sync_time_format(int64_t unix_s, char *out, size_t cap)
{
    time_t t = (time_t)unix_s;
    struct tm tm = {0};
    gmtime_r(&t, &tm);
    strftime(out, cap, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int parse_semver(const char *s, long part[3])
{
    part[0] = part[1] = part[2] = 0;
    for (int i = 0; i < 3; i++) {
        if (*s < '0' || *s > '9')
            return -1;
        char *end = NULL;
        part[i] = strtol(s, &end, 10);
        if (part[i] > 1000000)
            return -1;
        s = end;
        if (*s == '\0')
            return 0;
        if (*s != '.')
            return -1;
        s++;
    }
    return -1;
}

int md_sync_version_cmp(const char *a, const char *b)
{
    long pa[3], pb[3];
    parse_semver(a, pa);
    parse_semver(b, pb);
    for (int i = 0; i < 3; i++)
        if (pa[i] != pb[i])
            return pa[i] < pb[i] ? -1 : 1;
    return 0;
}

int md_sync_manifest_expired(const md_sync_manifest *m, int64_t now_unix)
{
    if (now_unix < m->built_unix)
        return 0; /* the clock is obviously wrong: never expire what we have */
    return now_unix >= m->expires_unix;
}

/* ---- the manifest ---- */

int md_sync_path_ok(const char *path)
{
    size_t n = strlen(path);
    if (n == 0 || n > MAX_PATH_BYTES || path[0] == '/')
        return 0;
    if (strncmp(path, "content/", 8) != 0 && strncmp(path, "locales/", 8) != 0 &&
        strncmp(path, "plugins/", 8) != 0)
        return 0;
    const char *seg = path;
    for (;;) {
        const char *slash = strchr(seg, '/');
        size_t len = slash ? (size_t)(slash - seg) : strlen(seg);
        if (len == 0 || (len == 1 && seg[0] == '.') || (len == 2 && seg[0] == '.' && seg[1] == '.'))
            return 0;
        if (!slash)
            break;
        seg = slash + 1;
    }
    for (const unsigned char *p = (const unsigned char *)path; *p; p++)
        if (*p < 0x20 || *p == 0x7f || *p == '\\')
            return 0;
    if (strncmp(path, "plugins/", 8) == 0) {
        /* plugins/<name>.so, flat */
        const char *name = path + 8;
        size_t ln = strlen(name);
        if (strchr(name, '/') || ln < 4 || strcmp(name + ln - 3, ".so") != 0)
            return 0;
    }
    return 1;
}

static int cmp_file(const void *a, const void *b)
{
    return strcmp(((const md_sync_file *)a)->path, ((const md_sync_file *)b)->path);
}

void md_sync_manifest_free(md_sync_manifest *m)
{
    if (!m)
        return;
    for (int i = 0; i < m->n_files; i++)
        md_free(m->files[i].path);
    md_free(m->files);
    md_free(m->channel);
    md_free(m->min_runtime);
    md_free(m);
}

static int is_hex64(const char *s)
{
    if (strlen(s) != 64)
        return 0;
    for (int i = 0; i < 64; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return 0;
    return 1;
}

md_sync_manifest *md_sync_manifest_parse(const char *payload, size_t n_bytes, char *err,
                                         size_t err_cap)
{
    static const char *const top_keys[] = {"type",    "version",     "channel", "built",
                                           "expires", "min_runtime", "files",   NULL};
    static const char *const file_keys[] = {"path", "length", "sha256", NULL};
    json_t *root = load_json(payload, n_bytes, "manifest payload", err, err_cap);
    if (!root)
        return NULL;
    md_sync_manifest *m = md_calloc(1, sizeof *m);
    if (!m)
        goto fail;
    if (exact_keys(root, top_keys, "manifest", err, err_cap) < 0)
        goto fail;
    json_t *type = json_object_get(root, "type"), *ver = json_object_get(root, "version");
    json_t *chan = json_object_get(root, "channel"), *built = json_object_get(root, "built");
    json_t *exp = json_object_get(root, "expires"), *minrt = json_object_get(root, "min_runtime");
    json_t *files = json_object_get(root, "files");
    if (!json_is_string(type) || strcmp(json_string_value(type), "madang-release") != 0) {
        set_err(err, err_cap, "manifest: type must be \"madang-release\"");
        goto fail;
    }
    if (!json_is_integer(ver) || json_integer_value(ver) < 1) {
        set_err(err, err_cap, "manifest: version must be an integer >= 1");
        goto fail;
    }
    m->version = json_integer_value(ver);
    if (!json_is_string(chan) || json_string_length(chan) == 0 || json_string_length(chan) > 32) {
        set_err(err, err_cap, "manifest: channel must be a short string");
        goto fail;
    }
    if (!json_is_string(built) ||
        md_sync_time_parse(json_string_value(built), &m->built_unix) < 0 || !json_is_string(exp) ||
        md_sync_time_parse(json_string_value(exp), &m->expires_unix) < 0) {
        set_err(err, err_cap, "manifest: built and expires must be \"YYYY-MM-DDTHH:MM:SSZ\"");
        goto fail;
    }
    if (m->expires_unix <= m->built_unix) {
        set_err(err, err_cap, "manifest: expires is not after built");
        goto fail;
    }
    long parts[3];
    if (!json_is_string(minrt) || json_string_length(minrt) > 32 ||
        parse_semver(json_string_value(minrt), parts) < 0) {
        set_err(err, err_cap, "manifest: min_runtime must be a version like \"0.1.0\"");
        goto fail;
    }
    m->channel = md_strdup(json_string_value(chan));
    m->min_runtime = md_strdup(json_string_value(minrt));
    if (!m->channel || !m->min_runtime)
        goto fail;
    if (!json_is_array(files) || json_array_size(files) > MD_SYNC_MAX_FILES) {
        set_err(err, err_cap, "manifest: files must be an array of at most %d", MD_SYNC_MAX_FILES);
        goto fail;
    }
    size_t n = json_array_size(files);
    m->files = md_calloc(n ? n : 1, sizeof *m->files);
    if (!m->files)
        goto fail;
    for (size_t i = 0; i < n; i++) {
        json_t *f = json_array_get(files, i);
        char where[64];
        md_sync_fmt(where, sizeof where, "manifest: files[%zu]", i);
        if (exact_keys(f, file_keys, where, err, err_cap) < 0)
            goto fail;
        json_t *p = json_object_get(f, "path"), *len = json_object_get(f, "length");
        json_t *h = json_object_get(f, "sha256");
        if (!json_is_string(p) || strlen(json_string_value(p)) != json_string_length(p) ||
            !md_sync_path_ok(json_string_value(p))) {
            set_err(err, err_cap,
                    "%s: refused path \"%.80s\" (absolute, \"..\", or outside "
                    "content/ locales/ plugins/)",
                    where, json_is_string(p) ? json_string_value(p) : "?");
            goto fail;
        }
        if (!json_is_integer(len) || json_integer_value(len) < 0 ||
            json_integer_value(len) > ((json_int_t)1 << 40)) {
            set_err(err, err_cap, "%s: length must be an integer from 0 to 2^40", where);
            goto fail;
        }
        if (!json_is_string(h) || !is_hex64(json_string_value(h))) {
            set_err(err, err_cap, "%s: sha256 must be 64 lower-case hex digits", where);
            goto fail;
        }
        md_sync_file *mf = &m->files[m->n_files];
        mf->path = md_strdup(json_string_value(p));
        if (!mf->path)
            goto fail;
        mf->length = (uint64_t)json_integer_value(len);
        memcpy(mf->sha256, json_string_value(h), 65);
        m->n_files++;
    }
    qsort(m->files, (size_t)m->n_files, sizeof *m->files, cmp_file);
    for (int i = 1; i < m->n_files; i++) {
        const char *a = m->files[i - 1].path, *b = m->files[i].path;
        size_t la = strlen(a);
        if (strcmp(a, b) == 0) {
            set_err(err, err_cap, "manifest: path \"%.80s\" listed twice", a);
            goto fail;
        }
        if (strncmp(a, b, la) == 0 && b[la] == '/') {
            set_err(err, err_cap, "manifest: \"%.80s\" is both a file and a folder", a);
            goto fail;
        }
    }
    json_decref(root);
    return m;
fail:
    json_decref(root);
    md_sync_manifest_free(m);
    return NULL;
}

char *md_sync_manifest_write(const md_sync_manifest *m)
{
    char built[32], expires[32];
    md_sync_time_format(m->built_unix, built, sizeof built);
    md_sync_time_format(m->expires_unix, expires, sizeof expires);
    json_t *files = json_array();
    for (int i = 0; files && i < m->n_files; i++)
        json_array_append_new(files, json_pack("{s:s,s:I,s:s}", "path", m->files[i].path, "length",
                                               (json_int_t)m->files[i].length, "sha256",
                                               m->files[i].sha256));
    json_t *root = json_pack("{s:s,s:I,s:s,s:s,s:s,s:s,s:o}", "type", "madang-release", "version",
                             (json_int_t)m->version, "channel", m->channel, "built", built,
                             "expires", expires, "min_runtime", m->min_runtime, "files", files);
    if (!root)
        return NULL;
    char *dumped = json_dumps(root, JSON_INDENT(1) | JSON_SORT_KEYS);
    json_decref(root);
    char *out = dumped ? md_strdup(dumped) : NULL;
    free(dumped);
    return out;
}

int md_sync_sha256_file(const char *path, char hex[65])
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        md_log(MD_LOG_ERROR, TAG, "%s: %s", path, strerror(errno));
        return -1;
    }
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    static __thread uint8_t buf[1 << 16];
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            md_log(MD_LOG_ERROR, TAG, "%s: %s", path, strerror(errno));
            close(fd);
            return -1;
        }
        if (n == 0)
            break;
        crypto_hash_sha256_update(&st, buf, (unsigned long long)n);
    }
    close(fd);
    uint8_t h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&st, h);
    hex_of(h, sizeof h, hex);
    return 0;
}

/* ---- checking a release directory ---- */

typedef struct walk {
    const md_sync_manifest *m;
    int n_seen;
    char *err;
    size_t err_cap;
} walk;

static int listed(const md_sync_manifest *m, const char *rel)
{
    md_sync_file key = {.path = (char *)rel};
    return bsearch(&key, m->files, (size_t)m->n_files, sizeof *m->files, cmp_file) != NULL;
}

/* Every entry under root/rel must be a folder or a listed regular file. */
static int walk_dir(walk *w, const char *root, const char *rel)
{
    char path[1024];
    md_sync_fmt(path, sizeof path, "%s%s%s", root, rel[0] ? "/" : "", rel);
    DIR *d = opendir(path);
    if (!d) {
        set_err(w->err, w->err_cap, "%s: %s", path, strerror(errno));
        return -1;
    }
    struct dirent *e;
    int rc = 0;
    while (rc == 0 && (e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char sub[1024];
        md_sync_fmt(sub, sizeof sub, "%s%s%s", rel, rel[0] ? "/" : "", e->d_name);
        if (!rel[0] && !strcmp(e->d_name, MD_SYNC_MANIFEST_NAME))
            continue;
        char full[1100];
        md_sync_fmt(full, sizeof full, "%s/%s", root, sub);
        struct stat st;
        if (lstat(full, &st) != 0) {
            set_err(w->err, w->err_cap, "%s: %s", full, strerror(errno));
            rc = -1;
        } else if (S_ISDIR(st.st_mode)) {
            rc = walk_dir(w, root, sub);
        } else if (!S_ISREG(st.st_mode)) {
            set_err(w->err, w->err_cap, "%s: not a regular file", sub);
            rc = -1;
        } else if (!listed(w->m, sub)) {
            set_err(w->err, w->err_cap, "%s: not in the manifest", sub);
            rc = -1;
        } else {
            w->n_seen++;
        }
    }
    closedir(d);
    return rc;
}

int md_sync_release_check(const char *release_dir, const md_sync_pubkey *keys, int n_keys,
                          int threshold, md_sync_manifest **out, char *err, size_t err_cap)
{
    if (out)
        *out = NULL;
    char path[1024];
    md_sync_fmt(path, sizeof path, "%s/%s", release_dir, MD_SYNC_MANIFEST_NAME);
    size_t n = 0;
    char *text = md_read_file(path, &n);
    if (!text) {
        set_err(err, err_cap, "%s: cannot be read", path);
        return -1;
    }
    char *payload = NULL;
    size_t pn = 0;
    int rc = -1;
    md_sync_manifest *m = NULL;
    if (md_sync_envelope_open(text, n, keys, n_keys, n_keys ? threshold : 0, &payload, &pn, NULL,
                              err, err_cap) < 0)
        goto done;
    m = md_sync_manifest_parse(payload, pn, err, err_cap);
    if (!m)
        goto done;
    for (int i = 0; i < m->n_files; i++) {
        char fp[1024], hex[65];
        md_sync_fmt(fp, sizeof fp, "%s/%s", release_dir, m->files[i].path);
        struct stat st;
        if (lstat(fp, &st) != 0 || !S_ISREG(st.st_mode)) {
            set_err(err, err_cap, "%s: missing", m->files[i].path);
            goto done;
        }
        if ((uint64_t)st.st_size != m->files[i].length) {
            set_err(err, err_cap, "%s: %lld bytes, the manifest says %" PRIu64, m->files[i].path,
                    (long long)st.st_size, m->files[i].length);
            goto done;
        }
        if (md_sync_sha256_file(fp, hex) < 0 || strcmp(hex, m->files[i].sha256) != 0) {
            set_err(err, err_cap, "%s: sha256 differs from the manifest", m->files[i].path);
            goto done;
        }
    }
    walk w = {m, 0, err, err_cap};
    if (walk_dir(&w, release_dir, "") < 0)
        goto done;
    rc = 0;
    if (out) {
        *out = m;
        m = NULL;
    }
done:
    md_sync_manifest_free(m);
    md_free(payload);
    md_free(text);
    return rc;
}
