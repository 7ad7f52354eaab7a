/* Signed sync: content, locale packs and plugins from the city's static server to this kiosk.
 * A small subset of The Update Framework (docs/SYNC.md): one manifest in a DSSE envelope signed
 * with ed25519 by a threshold of pinned keys; version, expiry, channel and minimum runtime checks;
 * files stored on the server by content hash, downloaded capped and hashed, resumed with Range,
 * staged, fsynced and switched in with an atomic rename of the `current` symlink.
 *
 * Threads: md_sync_once and the background thread do all network and disk work; the main thread
 * only calls md_sync_take_switch / md_sync_flip_back / md_sync_get_status, which never block on
 * the network. Nothing here touches the UI, i18n or plugins: the app does that after a switch.
 */
#ifndef MD_SYNC_H
#define MD_SYNC_H

#include <stddef.h>
#include <stdint.h>

/* The runtime's own version, compared with a manifest's min_runtime. */
#define MD_RUNTIME_VERSION "0.1.0"
/* A manifest larger than this is refused without being parsed (endless-data attack on it). */
#define MD_SYNC_MANIFEST_MAX_BYTES (1024 * 1024)
#define MD_SYNC_MAX_FILES 20000
#define MD_SYNC_MAX_KEYS 16
#define MD_SYNC_MANIFEST_NAME "manifest.json" /* at <url>/manifest.json and in each release */
#define MD_SYNC_PAYLOAD_TYPE "application/vnd.madang.release+json"

/* ---- keys and the signature envelope (DSSE) ---- */

typedef struct md_sync_pubkey {
    uint8_t pk[32];
    char keyid[17]; /* first 8 bytes of sha256(pk) in hex */
} md_sync_pubkey;

/* Parses "ed25519:BASE64" (one line of KEY.pub, surrounding spaces allowed). Returns 0 or -1. */
int md_sync_pubkey_parse(const char *text, md_sync_pubkey *out);
/* Formats pk as "ed25519:BASE64" into out (at least 64 bytes). */
void md_sync_pubkey_format(const uint8_t pk[32], char *out, size_t cap);
/* "ed25519-secret:BASE64" of the 64-byte libsodium secret key. Returns 0 or -1. */
int md_sync_seckey_parse(const char *text, uint8_t sk[64]);

/* Opens a DSSE envelope {payloadType, payload (base64), signatures: [{keyid, sig (base64)}]}:
 * the payload must be signed (over DSSE's PAE) by at least threshold DISTINCT keys among the
 * n_keys pinned ones; a key listed twice, in the pinned list or among the signatures, counts
 * once. On success returns 0 and *payload (NUL-terminated, the caller frees with md_free) and
 * *n_signed (distinct valid keys). On failure returns -1 with the reason in err. */
int md_sync_envelope_open(const char *text, size_t n_bytes, const md_sync_pubkey *keys, int n_keys,
                          int threshold, char **payload, size_t *payload_bytes, int *n_signed,
                          char *err, size_t err_cap);
/* Signs payload with each of the n_sk secret keys into a new envelope (the caller frees). */
char *md_sync_envelope_sign(const char *payload, size_t payload_bytes, const uint8_t (*sk)[64],
                            int n_sk);

/* ---- the manifest (the signed payload) ---- */

typedef struct md_sync_file {
    char *path;      /* "content/<id>/...", "locales/...", "plugins/<name>.so" */
    uint64_t length; /* bytes */
    char sha256[65]; /* lower-case hex */
} md_sync_file;

typedef struct md_sync_manifest {
    int64_t version;    /* >= 1 */
    char *channel;      /* "stable", ... */
    int64_t built_unix; /* when madang-pack built it */
    int64_t expires_unix;
    char *min_runtime;   /* "major.minor.patch" */
    md_sync_file *files; /* sorted by path, no duplicates */
    int n_files;
} md_sync_manifest;

/* Parses a payload strictly: unknown keys, bad types, bad paths ("..", absolute, empty or "."
 * components, backslashes, control characters, outside content/ locales/ plugins/), duplicate
 * paths, a path that is also a folder of another, bad hashes are all errors. Returns NULL with
 * the reason in err. */
md_sync_manifest *md_sync_manifest_parse(const char *payload, size_t n_bytes, char *err,
                                         size_t err_cap);
void md_sync_manifest_free(md_sync_manifest *m);
/* Serialises m as a payload (what madang-pack signs). The caller frees. */
char *md_sync_manifest_write(const md_sync_manifest *m);
/* 1 if path is acceptable in a manifest (see md_sync_manifest_parse). */
int md_sync_path_ok(const char *path);
/* Expiry with a sane clock: 1 when now_unix is past expires_unix AND not before the release was
 * built (a clock obviously wrong, before the build date, never expires content). */
int md_sync_manifest_expired(const md_sync_manifest *m, int64_t now_unix);
/* Compares "a.b.c" versions: <0, 0, >0. Missing parts are 0. */
int md_sync_version_cmp(const char *a, const char *b);
/* ISO 8601 UTC "YYYY-MM-DDTHH:MM:SSZ" <-> Unix seconds. Parse returns 0 or -1. */
int md_sync_time_parse(const char *iso, int64_t *unix_s);
void md_sync_time_format(int64_t unix_s, char *out, size_t cap);

/* Verifies a release directory (e.g. <dir>/current) against the signed manifest.json inside it:
 * signatures (when keys are given), then every listed file exists with its length and sha256,
 * and nothing else is there (no extra files, no symlinks). Returns 0, or -1 with the reason.
 * With out non-NULL, a release that checks hands over the manifest it was checked against (read
 * and verified once, in memory: the caller frees it with md_sync_manifest_free), so a caller can
 * compare later reads of the files with hashes nobody could change after the check. */
int md_sync_release_check(const char *release_dir, const md_sync_pubkey *keys, int n_keys,
                          int threshold, md_sync_manifest **out, char *err, size_t err_cap);

/* Streaming sha256 of a file into hex (65 bytes). Returns 0 or -1 (logged). */
int md_sync_sha256_file(const char *path, char hex[65]);

/* ---- validators shared by madang-pack and the kiosk ---- */

/* Validates <locales_dir>: locales.conf as the kiosk reads it, and every <lang>/<domain>.po with
 * the runtime's pack checks. Returns 0, or -1 with "file:line: reason" in err. Uses the log sink:
 * main thread (or a tool) only. */
int md_sync_validate_locales(const char *locales_dir, char *err, size_t err_cap);

/* ---- the kiosk side ---- */

typedef struct md_sync_config {
    const char *url;         /* base URL of the published directory (https unless allow_http) */
    const char *const *keys; /* "ed25519:..." or a path to a KEY.pub file */
    int n_keys;
    int threshold;         /* >= 1 */
    int interval_s;        /* between background rounds */
    const char *dir;       /* holds current, previous, releases/, objects/, partial/ */
    int allow_http;        /* plain http:// (loopback tests only) */
    const char *channel;   /* NULL = "stable" */
    const char *ca_bundle; /* pinned CA bundle (PEM); NULL = the system store */
    /* Wall clock for expiry; NULL = time(). */
    int64_t (*now_unix)(void *user);
    void *now_user;
} md_sync_config;

typedef enum md_sync_outcome {
    MD_SYNC_NONE = 0,
    MD_SYNC_UPDATED,    /* a new release is current */
    MD_SYNC_CURRENT,    /* already current (304 or the same version) */
    MD_SYNC_REFUSED,    /* the server's release was refused: reason says why */
    MD_SYNC_UNREACHABLE /* network or server error: nothing changed */
} md_sync_outcome;

typedef struct md_sync_status {
    int64_t version;           /* of `current`, 0 when there is none */
    int64_t last_ok_unix;      /* last round that ended UPDATED or CURRENT, 0 never */
    int64_t last_refusal_unix; /* 0 never */
    char last_refusal[256];    /* reason of the last refusal, "" none */
    int expired;               /* current's manifest has expired: kept, but staff should know */
    int64_t expires_unix;      /* of current's manifest */
    md_sync_outcome last_outcome;
    long rounds; /* finished rounds since start */
} md_sync_status;

typedef struct md_sync md_sync;

/* Reads the keys and the state in cfg->dir (created if missing). NULL (logged) on a bad config.
 * cfg's strings are copied. */
md_sync *md_sync_create(const md_sync_config *cfg);
/* Stops the background thread (interrupting a transfer) and frees everything. */
void md_sync_destroy(md_sync *s);

/* One round on the calling thread: poll the manifest, verify, download, stage, switch. reason
 * receives one line for REFUSED and UNREACHABLE. */
md_sync_outcome md_sync_once(md_sync *s, char *reason, size_t reason_cap);

/* Starts the background thread: a round every interval_s when periodic, otherwise only rounds
 * asked for with md_sync_request (headless tests). Returns 0 or -1. */
int md_sync_start(md_sync *s, int periodic);
/* Asks the thread for a round now and, when wait_ms > 0, waits (real time) until it finished.
 * Returns the round's outcome, or MD_SYNC_NONE when it did not finish in time. */
md_sync_outcome md_sync_request(md_sync *s, int wait_ms);

/* Main thread: 1 once after each round that switched `current` to a new release. The app then
 * checks it (plugins' validate, locale packs) and either reloads or calls md_sync_flip_back. */
int md_sync_take_switch(md_sync *s);
/* Puts `previous` back as `current` and remembers the refused release (its version is not tried
 * again). Returns 0 or -1 (logged). */
int md_sync_flip_back(md_sync *s, const char *reason);
void md_sync_get_status(md_sync *s, md_sync_status *out);
/* The release directory `current` points to ("<dir>/current"), borrowed from s. */
const char *md_sync_current_dir(const md_sync *s);

/* 1 if the file at so_path has a sha256 listed under plugins/ in current's verified manifest. */
int md_sync_plugin_trusted(md_sync *s, const char *so_path);

const char *md_sync_outcome_name(md_sync_outcome o);

/* ---- the [sync] section of the kiosk configuration (docs/CONFIG.md, docs/SYNC.md) ---- */

typedef struct md_config md_config;

typedef struct md_sync_settings {
    md_sync_config cfg; /* points into the fields below */
    char *url, *dir, *channel, *ca_bundle;
    char *key_text[MD_SYNC_MAX_KEYS];
    const char *keys[MD_SYNC_MAX_KEYS];
} md_sync_settings;

/* Reads [sync] (url, keys, threshold, interval_s, dir, allow_http, channel, ca_bundle) from cfg;
 * relative paths are relative to the configuration file. Returns 1 when there is no [sync] url
 * (sync off), 0 when read, -1 (logged with the file, key and reason) when a value is bad. */
int md_sync_settings_read(const md_config *cfg, md_sync_settings *out);
void md_sync_settings_free(md_sync_settings *s);

/* The staff screen's "Sync" section (runtime/staff): user is the md_sync. Main thread. */
typedef struct md_staff_lines md_staff_lines;
void md_sync_staff_section(void *user, md_staff_lines *out);

/* `madang --sync-once --config FILE`: one round, then 0 (updated or already current), 1 (the
 * release was refused; the reason on one line on stderr) or 2 (the server could not be reached,
 * or no usable [sync]). */
int md_sync_main_once(const char *config_path);

#endif /* MD_SYNC_H */
