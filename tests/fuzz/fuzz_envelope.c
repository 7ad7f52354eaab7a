/* Fuzz target: the DSSE signature envelope and the key parsers. Whatever the bytes, opening never
 * crashes, never accepts without a valid signature by the pinned key, and a refusal says why. The
 * pinned key is a fixed test key whose secret is derived from a constant seed, so the corpus can
 * hold correctly signed envelopes for the fuzzer to mutate. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "base/base.h"
#include "sync/sync.h"

const char *md_fuzz_name = "envelope";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready = 0;
    static md_sync_pubkey keys[2];
    if (!ready) {
        if (sodium_init() < 0)
            abort();
        uint8_t seed[32], sk[64];
        memset(seed, 7, sizeof seed);
        crypto_sign_seed_keypair(keys[0].pk, sk, seed);
        char text[80];
        md_sync_pubkey_format(keys[0].pk, text, sizeof text);
        if (md_sync_pubkey_parse(text, &keys[0]) < 0)
            abort();
        keys[1] = keys[0]; /* listed twice: must still count once */
        ready = 1;
    }
    char err[256] = "";
    char *payload = NULL;
    size_t n = 0;
    int n_signed = -1;
    int rc = md_sync_envelope_open((const char *)data, size, keys, 2, 2, &payload, &n, &n_signed,
                                   err, sizeof err);
    if (rc == 0)
        abort(); /* one distinct key can never meet a threshold of two */
    if (!err[0] || payload)
        abort();
    rc = md_sync_envelope_open((const char *)data, size, keys, 1, 1, &payload, &n, &n_signed, err,
                               sizeof err);
    if (rc == 0 && (!payload || n_signed != 1))
        abort();
    md_free(payload);
    /* The key parsers on the same bytes. */
    char *text = malloc(size + 1);
    if (text) {
        memcpy(text, data, size);
        text[size] = '\0';
        md_sync_pubkey k;
        uint8_t sk[64];
        md_sync_pubkey_parse(text, &k);
        md_sync_seckey_parse(text, sk);
        int64_t t = 0;
        md_sync_time_parse(text, &t);
        md_sync_version_cmp(text, "0.1.0");
        free(text);
    }
    return 0;
}
