/* The progress code: a learner's place in the lessons as 20 digits typed on any kiosk's keypad,
 * with no account and nothing personal in it. Layout (docs/COURSEWARE.md):
 *   digit 1       version (1)
 *   digits 2-19   payload, a number below 10^18 in mixed radix: the day of the last session
 *                 modulo 4096, then per deck slot 0..7 its level (0..6) * 8 + stability bucket
 *   digit 20      Damm check digit over digits 1-19
 */
#include "course.h"

#include <math.h>
#include <string.h>

#define DECK_STATES (MD_COURSE_N_LEVELS * MD_COURSE_N_BUCKETS) /* 56 */

/* Damm's quasigroup of order 10 (H. M. Damm, 2004; the table of his thesis, also on Wikipedia). */
static const uint8_t k_damm[10][10] = {
    {0, 3, 1, 7, 5, 9, 8, 6, 4, 2}, {7, 0, 9, 2, 1, 5, 4, 8, 6, 3}, {4, 2, 0, 6, 8, 7, 1, 3, 5, 9},
    {1, 7, 5, 0, 9, 8, 3, 4, 2, 6}, {6, 1, 2, 3, 0, 4, 5, 9, 7, 8}, {3, 6, 7, 4, 2, 0, 9, 5, 8, 1},
    {5, 8, 6, 9, 7, 2, 0, 1, 3, 4}, {8, 9, 4, 5, 3, 6, 2, 0, 1, 7}, {9, 4, 3, 8, 6, 1, 7, 2, 0, 5},
    {2, 5, 8, 1, 4, 3, 6, 7, 9, 0}};

int md_course_damm(const char *digits, size_t n)
{
    int interim = 0;
    for (size_t i = 0; i < n; i++) {
        if (digits[i] < '0' || digits[i] > '9')
            return -1;
        interim = k_damm[interim][digits[i] - '0'];
    }
    return interim;
}

int md_course_bucket(double stability_days)
{
    if (!(stability_days > 0.0))
        return 0;
    double k = floor(log(stability_days / 0.4) / log(2.5) + 0.5) + 1.0;
    return k < 1.0 ? 1 : k > MD_COURSE_N_BUCKETS - 1 ? MD_COURSE_N_BUCKETS - 1 : (int)k;
}

double md_course_bucket_stability(int bucket)
{
    if (bucket <= 0)
        return 0.0;
    if (bucket > MD_COURSE_N_BUCKETS - 1)
        bucket = MD_COURSE_N_BUCKETS - 1;
    return 0.4 * pow(2.5, bucket - 1);
}

static int32_t mod_day(int32_t day)
{
    int32_t m = day % MD_COURSE_DAY_MOD;
    return m < 0 ? m + MD_COURSE_DAY_MOD : m;
}

int md_course_code_encode(const md_course_progress *p, char *out, size_t cap)
{
    if (cap < MD_COURSE_CODE_DIGITS + 1)
        return -1;
    uint64_t v = 0;
    for (int d = MD_COURSE_MAX_DECKS - 1; d >= 0; d--) {
        if (p->level[d] >= MD_COURSE_N_LEVELS || p->bucket[d] >= MD_COURSE_N_BUCKETS)
            return -1;
        v = v * DECK_STATES + (uint64_t)p->level[d] * MD_COURSE_N_BUCKETS + p->bucket[d];
    }
    v = v * MD_COURSE_DAY_MOD + (uint64_t)mod_day(p->day);
    out[0] = (char)('0' + MD_COURSE_CODE_VERSION);
    for (int i = 18; i >= 1; i--) {
        out[i] = (char)('0' + v % 10);
        v /= 10;
    }
    out[19] = (char)('0' + md_course_damm(out, 19));
    out[20] = '\0';
    return 0;
}

md_course_code_status md_course_code_decode(const char *digits, int32_t today,
                                            md_course_progress *out)
{
    size_t n = digits ? strlen(digits) : 0;
    if (n != MD_COURSE_CODE_DIGITS)
        return MD_COURSE_CODE_LENGTH;
    if (md_course_damm(digits, n) != 0)
        return MD_COURSE_CODE_TYPO;
    int version = digits[0] - '0';
    if (version > MD_COURSE_CODE_VERSION)
        return MD_COURSE_CODE_NEWER;
    if (version < 1)
        return MD_COURSE_CODE_INVALID;
    uint64_t v = 0;
    for (int i = 1; i <= 18; i++)
        v = v * 10 + (uint64_t)(digits[i] - '0');
    md_course_progress p;
    memset(&p, 0, sizeof p);
    int32_t stored = (int32_t)(v % MD_COURSE_DAY_MOD);
    v /= MD_COURSE_DAY_MOD;
    for (int d = 0; d < MD_COURSE_MAX_DECKS; d++) {
        int state = (int)(v % DECK_STATES);
        v /= DECK_STATES;
        p.level[d] = (uint8_t)(state / MD_COURSE_N_BUCKETS);
        p.bucket[d] = (uint8_t)(state % MD_COURSE_N_BUCKETS);
    }
    if (v != 0) /* more than eight decks' worth: no version-1 kiosk writes that */
        return MD_COURSE_CODE_INVALID;
    /* The last session was on or before today, less than 4096 days (11 years) ago. */
    p.day = today - mod_day(today - stored);
    *out = p;
    return MD_COURSE_CODE_OK;
}
