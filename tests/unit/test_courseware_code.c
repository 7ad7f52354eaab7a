/* The courseware's progress code: round trips, the day resolved modulo 4096, refusal of codes
 * from a newer version and of impossible payloads, and - exhaustively, for a set of sample
 * codes - that every single wrong digit and every swap of two adjacent different digits is
 * caught by the Damm check digit. */
#include "../../plugins/courseware/code.c"

#include "check.h"

static md_course_progress sample(unsigned seed)
{
    md_course_progress p;
    memset(&p, 0, sizeof p);
    uint32_t x = seed * 2654435761u + 12345u;
    for (int d = 0; d < MD_COURSE_MAX_DECKS; d++) {
        x = x * 1103515245u + 12345u;
        p.level[d] = (uint8_t)((x >> 16) % MD_COURSE_N_LEVELS);
        x = x * 1103515245u + 12345u;
        p.bucket[d] = (uint8_t)((x >> 16) % MD_COURSE_N_BUCKETS);
    }
    p.day = 20500 + (int32_t)(seed % 3000); /* 2026 .. 2034 */
    return p;
}

static void test_damm_known_value(void)
{
    /* Damm's own example: the check digit of 572 is 4, and 5724 checks to 0. */
    CHECK_INT(md_course_damm("572", 3), 4);
    CHECK_INT(md_course_damm("5724", 4), 0);
    CHECK_INT(md_course_damm("57a", 3), -1);
}

static void test_round_trip(void)
{
    for (unsigned s = 0; s < 2000; s++) {
        md_course_progress p = sample(s), q;
        char code[32];
        CHECK_INT(md_course_code_encode(&p, code, sizeof code), 0);
        CHECK_INT(strlen(code), MD_COURSE_CODE_DIGITS);
        CHECK(code[0] == '1');
        /* Typed on the same day, or up to 4095 days later. */
        int32_t later = (int32_t)(s * 7 % 4096);
        CHECK_INT(md_course_code_decode(code, p.day + later, &q), MD_COURSE_CODE_OK);
        CHECK_INT(q.day, p.day);
        CHECK(memcmp(q.level, p.level, sizeof p.level) == 0);
        CHECK(memcmp(q.bucket, p.bucket, sizeof p.bucket) == 0);
    }
    /* The largest payload still fits in 18 digits. */
    md_course_progress top;
    memset(&top, 0, sizeof top);
    for (int d = 0; d < MD_COURSE_MAX_DECKS; d++) {
        top.level[d] = MD_COURSE_N_LEVELS - 1;
        top.bucket[d] = MD_COURSE_N_BUCKETS - 1;
    }
    top.day = 4095;
    char code[32];
    CHECK_INT(md_course_code_encode(&top, code, sizeof code), 0);
    md_course_progress back;
    CHECK_INT(md_course_code_decode(code, 4095, &back), MD_COURSE_CODE_OK);
    CHECK(memcmp(back.level, top.level, sizeof top.level) == 0);
    /* Out-of-range input is refused, a short buffer too. */
    top.level[3] = MD_COURSE_N_LEVELS;
    CHECK_INT(md_course_code_encode(&top, code, sizeof code), -1);
    CHECK_INT(md_course_code_encode(&back, code, 20), -1);
}

static void test_every_single_error_and_adjacent_swap(void)
{
    long singles = 0, swaps = 0;
    for (unsigned s = 0; s < 200; s++) {
        md_course_progress p = sample(s), q;
        char code[32], bad[32];
        md_course_code_encode(&p, code, sizeof code);
        int32_t today = p.day + 10;
        for (int i = 0; i < MD_COURSE_CODE_DIGITS; i++) {
            for (char c = '0'; c <= '9'; c++) {
                if (c == code[i])
                    continue;
                memcpy(bad, code, sizeof bad);
                bad[i] = c;
                md_course_code_status st = md_course_code_decode(bad, today, &q);
                if (st != MD_COURSE_CODE_TYPO) {
                    fprintf(stderr, "  %s: digit %d -> %c not caught (%d)\n", code, i, c, st);
                    check_case_failed_ = 1;
                }
                singles++;
            }
        }
        for (int i = 0; i + 1 < MD_COURSE_CODE_DIGITS; i++) {
            if (code[i] == code[i + 1])
                continue; /* swapping equal digits changes nothing */
            memcpy(bad, code, sizeof bad);
            bad[i] = code[i + 1];
            bad[i + 1] = code[i];
            md_course_code_status st = md_course_code_decode(bad, today, &q);
            if (st != MD_COURSE_CODE_TYPO) {
                fprintf(stderr, "  %s: swap %d/%d not caught (%d)\n", code, i, i + 1, st);
                check_case_failed_ = 1;
            }
            swaps++;
        }
    }
    CHECK_INT(singles, 200L * 20 * 9);
    CHECK(swaps > 200L * 15);
}

static void test_refusals(void)
{
    md_course_progress p = sample(7), q;
    char code[32];
    md_course_code_encode(&p, code, sizeof code);
    CHECK_INT(md_course_code_decode("", 20500, &q), MD_COURSE_CODE_LENGTH);
    CHECK_INT(md_course_code_decode("1234", 20500, &q), MD_COURSE_CODE_LENGTH);
    char longer[40];
    snprintf(longer, sizeof longer, "%s5", code);
    CHECK_INT(md_course_code_decode(longer, 20500, &q), MD_COURSE_CODE_LENGTH);
    CHECK_INT(md_course_code_decode(NULL, 20500, &q), MD_COURSE_CODE_LENGTH);
    /* A version-2 code with a valid check digit: refused as newer, not as a typo. */
    char v2[32];
    memcpy(v2, code, sizeof v2);
    v2[0] = '2';
    v2[19] = (char)('0' + md_course_damm(v2, 19));
    CHECK_INT(md_course_code_decode(v2, 20500, &q), MD_COURSE_CODE_NEWER);
    v2[0] = '9';
    v2[19] = (char)('0' + md_course_damm(v2, 19));
    CHECK_INT(md_course_code_decode(v2, 20500, &q), MD_COURSE_CODE_NEWER);
    /* Version 0, and a payload above what eight decks can hold. */
    char v0[32];
    memcpy(v0, code, sizeof v0);
    v0[0] = '0';
    v0[19] = (char)('0' + md_course_damm(v0, 19));
    CHECK_INT(md_course_code_decode(v0, 20500, &q), MD_COURSE_CODE_INVALID);
    char big[32] = "1999999999999999999";
    big[19] = (char)('0' + md_course_damm(big, 19));
    big[20] = '\0';
    CHECK_INT(md_course_code_decode(big, 20500, &q), MD_COURSE_CODE_INVALID);
    /* Letters are not digits. */
    char letters[32];
    memcpy(letters, code, sizeof letters);
    letters[5] = 'x';
    CHECK_INT(md_course_code_decode(letters, 20500, &q), MD_COURSE_CODE_TYPO);
}

static void test_buckets(void)
{
    CHECK_INT(md_course_bucket(0.0), 0);
    CHECK_INT(md_course_bucket(-3.0), 0);
    for (int b = 1; b < MD_COURSE_N_BUCKETS; b++)
        CHECK_INT(md_course_bucket(md_course_bucket_stability(b)), b);
    CHECK_INT(md_course_bucket(0.001), 1);
    CHECK_INT(md_course_bucket(1e6), MD_COURSE_N_BUCKETS - 1);
    CHECK(md_course_bucket_stability(0) == 0.0);
}

int main(void)
{
    RUN(test_damm_known_value);
    RUN(test_round_trip);
    RUN(test_every_single_error_and_adjacent_swap);
    RUN(test_refusals);
    RUN(test_buckets);
    return check_summary();
}
