/* Replays a fuzz target without libFuzzer: the files in tests/fuzz/corpus/<target>/ if any, then
 * a fixed number of pseudo-random inputs (deterministic seed, so a failure reproduces), and
 * mutations of the corpus. The whole replay counts as one test: it prints "1 passed, 0 failed";
 * a crash or sanitizer report fails it. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
extern const char *md_fuzz_name; /* defined by each target: its corpus folder name */

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static uint32_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)rng_state;
}

int main(int argc, char **argv)
{
    long iterations = argc > 1 ? atol(argv[1]) : 3000;
    long n_run = 0;
    static uint8_t seeds[64][4096];
    size_t seed_len[64];
    int n_seeds = 0;
    char dir[512];
    snprintf(dir, sizeof dir, "%s/tests/fuzz/corpus/%s", MD_DATA_DIR, md_fuzz_name);
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d)) && n_seeds < 64) {
        if (e->d_name[0] == '.')
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        FILE *f = fopen(path, "rb");
        if (!f)
            continue;
        seed_len[n_seeds] = fread(seeds[n_seeds], 1, sizeof seeds[0], f);
        fclose(f);
        LLVMFuzzerTestOneInput(seeds[n_seeds], seed_len[n_seeds]);
        n_seeds++, n_run++;
    }
    if (d)
        closedir(d);
    static uint8_t buf[4096];
    for (long i = 0; i < iterations; i++) {
        size_t len;
        if (n_seeds && (i & 1)) {
            int s = (int)(rng() % (uint32_t)n_seeds);
            len = seed_len[s];
            memcpy(buf, seeds[s], len);
            int flips = 1 + (int)(rng() % 8);
            for (int k = 0; k < flips && len; k++)
                buf[rng() % len] = (uint8_t)rng();
            if (rng() % 4 == 0)
                len = rng() % (len + 1);
        } else {
            len = rng() % 512;
            for (size_t k = 0; k < len; k++)
                buf[k] = (uint8_t)rng();
        }
        LLVMFuzzerTestOneInput(buf, len);
        n_run++;
    }
    printf("fuzz %s: %ld inputs\n", md_fuzz_name, n_run);
    printf("1 passed, 0 failed\n");
    return 0;
}
