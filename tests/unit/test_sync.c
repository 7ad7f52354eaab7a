/* Unit tests for runtime/sync's pure parts: keys, the DSSE envelope and its threshold of distinct
 * keys, the strict manifest parser, expiry with a wrong clock, versions, locale validation and
 * the release-directory check. The network and the switch are tested against nginx by
 * tests/sync/run.sh. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "base/base.h"
#include "check.h"
#include "sync/sync.h"

static uint8_t g_sk[3][64];
static md_sync_pubkey g_pk[3];

static void make_keys(void)
{
    for (int i = 0; i < 3; i++) {
        uint8_t pk[32];
        crypto_sign_keypair(pk, g_sk[i]);
        char text[80];
        md_sync_pubkey_format(pk, text, sizeof text);
        md_sync_pubkey_parse(text, &g_pk[i]);
    }
}

static const char *k_payload =
    "{\"type\":\"madang-release\",\"version\":3,\"channel\":\"stable\","
    "\"built\":\"2026-12-01T00:00:00Z\",\"expires\":\"2027-01-01T00:00:00Z\","
    "\"min_runtime\":\"0.1.0\",\"files\":[{\"path\":\"content/x/a.json\",\"length\":2,"
    "\"sha256\":\"44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\"}]}";

static void test_keys(void)
{
    char text[80];
    md_sync_pubkey_format(g_pk[0].pk, text, sizeof text);
    md_sync_pubkey k;
    CHECK_INT(md_sync_pubkey_parse(text, &k), 0);
    CHECK(memcmp(k.pk, g_pk[0].pk, 32) == 0);
    CHECK_INT(strlen(k.keyid), 16);
    CHECK_INT(md_sync_pubkey_parse("ed25519:AAAA", &k), -1);
    CHECK_INT(md_sync_pubkey_parse("rsa:AAAA", &k), -1);
    text[20] = '\0';
    CHECK_INT(md_sync_pubkey_parse(text, &k), -1);
}

static int open_env(const char *env, const md_sync_pubkey *keys, int n, int threshold, char *err)
{
    char *payload = NULL;
    size_t pn = 0;
    int rc =
        md_sync_envelope_open(env, strlen(env), keys, n, threshold, &payload, &pn, NULL, err, 256);
    if (rc == 0)
        CHECK_STR(payload, k_payload);
    md_free(payload);
    return rc;
}

static void test_envelope_threshold(void)
{
    char err[256];
    char *two = md_sync_envelope_sign(k_payload, strlen(k_payload), (const uint8_t(*)[64])g_sk, 2);
    CHECK(two != NULL);
    CHECK_INT(open_env(two, g_pk, 3, 2, err), 0);
    CHECK_INT(open_env(two, g_pk, 3, 3, err), -1);
    CHECK(strstr(err, "too few signatures") != NULL);
    /* Only the third key pinned: none of the signatures counts. */
    CHECK_INT(open_env(two, &g_pk[2], 1, 1, err), -1);
    md_free(two);

    /* One key listed twice among the pinned keys counts once. */
    char *one = md_sync_envelope_sign(k_payload, strlen(k_payload), (const uint8_t(*)[64])g_sk, 1);
    md_sync_pubkey twice[2] = {g_pk[0], g_pk[0]};
    CHECK_INT(open_env(one, twice, 2, 2, err), -1);
    CHECK_INT(open_env(one, twice, 2, 1, err), 0);
    md_free(one);

    /* One key's signature listed twice in the envelope counts once. */
    uint8_t same[2][64];
    memcpy(same[0], g_sk[0], 64);
    memcpy(same[1], g_sk[0], 64);
    char *dup = md_sync_envelope_sign(k_payload, strlen(k_payload), (const uint8_t(*)[64])same, 2);
    const char *first = strstr(dup, g_pk[0].keyid);
    CHECK(first && strstr(first + 1, g_pk[0].keyid)); /* really listed twice */
    CHECK_INT(open_env(dup, g_pk, 2, 2, err), -1);
    CHECK(strstr(err, "1 valid") != NULL);
    md_free(dup);

    /* Unsigned. */
    char *none = md_sync_envelope_sign(k_payload, strlen(k_payload), (const uint8_t(*)[64])g_sk, 0);
    CHECK_INT(open_env(none, g_pk, 3, 1, err), -1);
    CHECK(strstr(err, "unsigned") != NULL);
    md_free(none);
}

static void test_envelope_tampered(void)
{
    char err[256];
    char *env = md_sync_envelope_sign(k_payload, strlen(k_payload), (const uint8_t(*)[64])g_sk, 1);
    /* Flip one character of the base64 payload (keeping it base64). */
    char *p = strstr(env, "\"payload\"");
    CHECK(p != NULL);
    p = strchr(p + 9, '"') + 5;
    *p = *p == 'A' ? 'B' : 'A';
    CHECK_INT(open_env(env, g_pk, 1, 1, err), -1);
    md_free(env);
    CHECK_INT(open_env("{\"payloadType\":1}", g_pk, 1, 1, err), -1);
    CHECK_INT(open_env("not json", g_pk, 1, 1, err), -1);
}

/* An envelope signed by another DSSE implementation (Python's cryptography, seed 7...7). */
static void test_envelope_interop(void)
{
    uint8_t seed[32], sk[64];
    md_sync_pubkey k;
    memset(seed, 7, sizeof seed);
    crypto_sign_seed_keypair(k.pk, sk, seed);
    char text[80];
    md_sync_pubkey_format(k.pk, text, sizeof text);
    md_sync_pubkey_parse(text, &k);
    size_t n = 0;
    char *env = md_read_file(MD_DATA_DIR "/tests/fuzz/corpus/envelope/signed.json", &n);
    CHECK(env != NULL);
    char *payload = NULL, err[256];
    size_t pn = 0;
    int n_signed = 0;
    CHECK_INT(md_sync_envelope_open(env, n, &k, 1, 1, &payload, &pn, &n_signed, err, sizeof err),
              0);
    CHECK_INT(n_signed, 1);
    md_sync_manifest *m = payload ? md_sync_manifest_parse(payload, pn, err, sizeof err) : NULL;
    CHECK(m && m->version == 3 && m->n_files == 3);
    md_sync_manifest_free(m);
    md_free(payload);
    md_free(env);
}

static md_sync_manifest *parse(const char *text, char *err)
{
    return md_sync_manifest_parse(text, strlen(text), err, 256);
}

static void test_manifest_strict(void)
{
    char err[256], buf[2048];
    md_sync_manifest *m = parse(k_payload, err);
    CHECK(m != NULL);
    CHECK_INT(m ? m->version : 0, 3);
    md_sync_manifest_free(m);
    static const char *const bad_paths[] = {
        "content/../etc/passwd", "/etc/passwd",    "content//a",
        "content/./a",           "etc/passwd",     "plugins/x/y.so",
        "plugins/readme.txt",    "content/a\\\\b", NULL};
    for (int i = 0; bad_paths[i]; i++) {
        snprintf(buf, sizeof buf,
                 "{\"type\":\"madang-release\",\"version\":1,\"channel\":\"stable\","
                 "\"built\":\"2026-12-01T00:00:00Z\",\"expires\":\"2027-01-01T00:00:00Z\","
                 "\"min_runtime\":\"0.1.0\",\"files\":[{\"path\":\"%s\",\"length\":2,\"sha256\":"
                 "\"ca3d163bab055381827226140568f3bef7eaac187cebd76878e0b63e9e442356\"}]}",
                 bad_paths[i]);
        m = parse(buf, err);
        if (m)
            fprintf(stderr, "  accepted %s\n", bad_paths[i]);
        CHECK(m == NULL);
        md_sync_manifest_free(m);
    }
    /* Unknown key, duplicate key, duplicate path, file-and-folder, bad hash, bad dates. */
    const char *head = "{\"type\":\"madang-release\",\"version\":1,\"channel\":\"stable\","
                       "\"built\":\"2026-12-01T00:00:00Z\",\"expires\":\"2027-01-01T00:00:00Z\","
                       "\"min_runtime\":\"0.1.0\",";
    const char *f1 = "{\"path\":\"content/a\",\"length\":1,\"sha256\":\""
                     "ca3d163bab055381827226140568f3bef7eaac187cebd76878e0b63e9e442356\"}";
    const char *f2 = "{\"path\":\"content/a/b\",\"length\":1,\"sha256\":\""
                     "ca3d163bab055381827226140568f3bef7eaac187cebd76878e0b63e9e442356\"}";
    snprintf(buf, sizeof buf, "%s\"files\":[%s,%s]}", head, f1, f1);
    CHECK(parse(buf, err) == NULL);
    CHECK(strstr(err, "twice") != NULL);
    snprintf(buf, sizeof buf, "%s\"files\":[%s,%s]}", head, f2, f1);
    CHECK(parse(buf, err) == NULL);
    CHECK(strstr(err, "both a file and a folder") != NULL);
    snprintf(buf, sizeof buf, "%s\"extra\":1,\"files\":[]}", head);
    CHECK(parse(buf, err) == NULL);
    CHECK(strstr(err, "unknown key") != NULL);
    snprintf(buf, sizeof buf, "%s\"version\":2,\"files\":[]}", head);
    CHECK(parse(buf, err) == NULL);
    snprintf(buf, sizeof buf,
             "%s\"files\":[{\"path\":\"content/a\",\"length\":1,\"sha256\":\"AB\"}]}", head);
    CHECK(parse(buf, err) == NULL);
    /* Oversized: refused before parsing. */
    size_t big_n = MD_SYNC_MANIFEST_MAX_BYTES + 10;
    char *big = md_malloc(big_n + 1);
    memset(big, ' ', big_n);
    big[big_n] = '\0';
    CHECK(md_sync_manifest_parse(big, big_n, err, sizeof err) == NULL);
    CHECK(strstr(err, "more than") != NULL);
    md_free(big);
}

static void test_expiry_and_clock(void)
{
    char err[256];
    md_sync_manifest *m = parse(k_payload, err);
    int64_t built = 0, expires = 0;
    md_sync_time_parse("2026-12-01T00:00:00Z", &built);
    md_sync_time_parse("2027-01-01T00:00:00Z", &expires);
    CHECK_INT(m->built_unix, built);
    CHECK_INT(md_sync_manifest_expired(m, built + 10), 0);
    CHECK_INT(md_sync_manifest_expired(m, expires), 1);
    CHECK_INT(md_sync_manifest_expired(m, expires + 86400 * 365), 1);
    /* A clock before the build date is obviously wrong: content never expires then. */
    CHECK_INT(md_sync_manifest_expired(m, 0), 0);
    CHECK_INT(md_sync_manifest_expired(m, built - 1), 0);
    md_sync_manifest_free(m);
    int64_t t = 0;
    CHECK_INT(md_sync_time_parse("2026-02-30T00:00:00Z", &t), -1);
    CHECK_INT(md_sync_time_parse("2026-02-28T00:00:00", &t), -1);
    CHECK_INT(md_sync_version_cmp("0.1.0", "0.1.0"), 0);
    CHECK(md_sync_version_cmp("0.2", "0.1.9") > 0);
    CHECK(md_sync_version_cmp("1.0.0", "10.0.0") < 0);
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static void test_validate_locales(void)
{
    char dir[] = "/tmp/md_sync_locXXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char path[256], err[512];
    snprintf(path, sizeof path, "%s/locales.conf", dir);
    write_text(path, "[en]\nendonym = English\nscript = Latn\nfallback = en ko\n"
                     "[ko]\nendonym = 한국어\nscript = Kore\nfallback = ko en\n"
                     "[vi]\nendonym = Tiếng Việt\nscript = Latn\nfallback = vi en ko\n");
    snprintf(path, sizeof path, "%s/vi", dir);
    mkdir(path, 0755);
    snprintf(path, sizeof path, "%s/vi/runtime.po", dir);
    write_text(path, "msgid \"\"\nmsgstr \"Language: vi\\n\"\n\nmsgid \"Hello {name}\"\n"
                     "msgstr \"Xin chào {ten}\"\n");
    CHECK_INT(md_sync_validate_locales(dir, err, sizeof err), -1);
    CHECK(strstr(err, "vi/runtime.po:5") != NULL);
    write_text(path, "msgid \"\"\nmsgstr \"Language: vi\\n\"\n\nmsgid \"Hello {name}\"\n"
                     "msgstr \"Xin chào {name}\"\n");
    CHECK_INT(md_sync_validate_locales(dir, err, sizeof err), 0);
    snprintf(path, sizeof path, "rm -rf %s", dir);
    CHECK_INT(system(path), 0);
}

static void test_release_check(void)
{
    char dir[] = "/tmp/md_sync_relXXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char path[256], err[512];
    snprintf(path, sizeof path, "%s/content", dir);
    mkdir(path, 0755);
    snprintf(path, sizeof path, "%s/content/x", dir);
    mkdir(path, 0755);
    snprintf(path, sizeof path, "%s/content/x/a.json", dir);
    write_text(path, "{}");
    char *env = md_sync_envelope_sign(k_payload, strlen(k_payload), (const uint8_t(*)[64])g_sk, 1);
    snprintf(path, sizeof path, "%s/manifest.json", dir);
    write_text(path, env);
    md_free(env);
    CHECK_INT(md_sync_release_check(dir, g_pk, 1, 1, NULL, err, sizeof err), 0);
    CHECK_INT(md_sync_release_check(dir, &g_pk[1], 1, 1, NULL, err, sizeof err), -1);
    /* the manifest the check verified is handed over: its hashes, not a second read's */
    md_sync_manifest *m = NULL;
    CHECK_INT(md_sync_release_check(dir, g_pk, 1, 1, &m, err, sizeof err), 0);
    CHECK(m != NULL && m->n_files == 1);
    if (m && m->n_files == 1) {
        CHECK_STR(m->files[0].path, "content/x/a.json");
        CHECK_STR(m->files[0].sha256,
                  "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
    }
    md_sync_manifest_free(m);
    /* one signature of two pinned keys: below a threshold of 2, and nothing handed over */
    m = (md_sync_manifest *)1;
    CHECK_INT(md_sync_release_check(dir, g_pk, 2, 2, &m, err, sizeof err), -1);
    CHECK(m == NULL);
    snprintf(path, sizeof path, "%s/content/x/extra.json", dir);
    write_text(path, "{}");
    CHECK_INT(md_sync_release_check(dir, g_pk, 1, 1, NULL, err, sizeof err), -1);
    CHECK(strstr(err, "not in the manifest") != NULL);
    unlink(path);
    snprintf(path, sizeof path, "%s/content/x/a.json", dir);
    write_text(path, "[]");
    CHECK_INT(md_sync_release_check(dir, g_pk, 1, 1, NULL, err, sizeof err), -1);
    CHECK(strstr(err, "sha256") != NULL);
    /* signed by both keys: a threshold of 2 is met */
    write_text(path, "{}");
    env = md_sync_envelope_sign(k_payload, strlen(k_payload), (const uint8_t(*)[64])g_sk, 2);
    snprintf(path, sizeof path, "%s/manifest.json", dir);
    write_text(path, env);
    md_free(env);
    CHECK_INT(md_sync_release_check(dir, g_pk, 2, 2, NULL, err, sizeof err), 0);
    snprintf(path, sizeof path, "rm -rf %s", dir);
    CHECK_INT(system(path), 0);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    make_keys();
    RUN(test_keys);
    RUN(test_envelope_threshold);
    RUN(test_envelope_tampered);
    RUN(test_envelope_interop);
    RUN(test_manifest_strict);
    RUN(test_expiry_and_clock);
    RUN(test_validate_locales);
    RUN(test_release_check);
    return check_summary();
}
