/* Zawgyi: Burmese text typed with the Zawgyi font encoding instead of Unicode. lint reports it
 * and --fix-zawgyi converts it with ICU's Zawgyi-my transliterator.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "locale_tool.h"

static int is_consonant(uint32_t c)
{
    return c >= 0x1000 && c <= 0x1021;
}

/* Heuristics for Zawgyi-encoded Burmese (a font hack that reuses Unicode code points for other
 * shapes and typing order). Unicode Burmese never has: U+1060..U+1097 (Zawgyi's stacked and
 * variant forms; in Unicode those are Mon/Karen/Shan letters), vowel sign E (U+1031) or medial
 * U+103B before their consonant (Zawgyi stores them in visual order), or the stacker U+1039
 * followed by something other than a consonant (Zawgyi uses it as the visible asat). Returns the
 * number of such signs. */
int ml_zawgyi_signs(const char *utf8)
{
    UChar u[4096];
    int32_t n = 0;
    UErrorCode st = U_ZERO_ERROR;
    u_strFromUTF8(u, 4096, &n, utf8, -1, &st);
    if (U_FAILURE(st))
        return 0;
    int signs = 0;
    for (int32_t i = 0; i < n; i++) {
        uint32_t c = u[i], prev = i ? u[i - 1] : 0, next = i + 1 < n ? u[i + 1] : 0;
        int prev_myanmar_base = is_consonant(prev) || (prev >= 0x1023 && prev <= 0x102A) ||
                                (prev >= 0x103B && prev <= 0x103E) || prev == 0x103F;
        if (c >= 0x1060 && c <= 0x1097)
            signs++;
        else if (c == 0x1031 && !prev_myanmar_base && prev != 0x1031)
            signs++;
        else if (c == 0x103B && !is_consonant(prev) && is_consonant(next))
            signs++;
        else if (c == 0x1039 && !is_consonant(next))
            signs++;
    }
    return signs;
}

/* Converts Zawgyi to Unicode with ICU's "Zawgyi-my" transliterator (ICU >= 58). */
int ml_zawgyi_to_unicode(const char *utf8, char *out, size_t cap)
{
    UErrorCode st = U_ZERO_ERROR;
    UChar id[16];
    u_uastrcpy(id, "Zawgyi-my");
    UTransliterator *t = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
    UChar u[4096];
    int32_t n = 0;
    if (U_SUCCESS(st))
        u_strFromUTF8(u, 2048, &n, utf8, -1, &st);
    int32_t limit = n;
    if (U_SUCCESS(st))
        utrans_transUChars(t, u, &n, 4096, 0, &limit, &st);
    utrans_close(t);
    if (U_SUCCESS(st))
        u_strToUTF8(out, (int32_t)cap, NULL, u, n, &st);
    if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING) {
        snprintf(out, cap, "(no conversion: %s)", u_errorName(st));
        return -1;
    }
    return 0;
}
