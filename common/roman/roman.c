/* Revised Romanization of Korean (Ministry of Culture and Tourism, 2000), shared by courseware
 * and the menu (roman.h): each Hangul syllable is split into its letters (Unicode's arithmetic
 * decomposition) and spelled with the sound changes across a syllable boundary that the system
 * writes down. Nouns keep "h" after
 * ㄱ/ㄷ/ㅂ (묵호 Mukho), as the rules say for nouns; content gives "rom" where a word needs more
 * (ㄴ insertion, verbs with aspiration). Lower case, no hyphens.
 */
#include "roman.h"

#include <stdio.h>
#include <string.h>

enum {
    L_G = 0,
    L_N = 2,
    L_D = 3,
    L_R = 5,
    L_M = 6,
    L_B = 7,
    L_S = 9,
    L_O = 11,
    L_J = 12,
    L_H = 18
};
enum { V_I = 20 };

static const char *const k_initial[19] = {"g",  "kk", "n", "d",  "tt", "r", "m", "b", "pp", "s",
                                          "ss", "",   "j", "jj", "ch", "k", "t", "p", "h"};
static const char *const k_vowel[21] = {"a",  "ae", "ya", "yae", "eo", "e",  "yeo",
                                        "ye", "o",  "wa", "wae", "oe", "yo", "u",
                                        "wo", "we", "wi", "yu",  "eu", "ui", "i"};
/* Finals 0..27: none ㄱ ㄲ ㄳ ㄴ ㄵ ㄶ ㄷ ㄹ ㄺ ㄻ ㄼ ㄽ ㄾ ㄿ ㅀ ㅁ ㅂ ㅄ ㅅ ㅆ ㅇ ㅈ ㅊ ㅋ ㅌ ㅍ
 * ㅎ */
static const char *const k_final[28] = {"",  "k",  "k", "k", "n", "n", "n", "t", "l", "k",
                                        "m", "l",  "l", "l", "p", "l", "m", "p", "p", "t",
                                        "t", "ng", "t", "t", "k", "t", "p", "t"};
/* Before a vowel (initial ㅇ) the final's last letter moves over: what stays, what moves. */
static const char *const k_stay[28] = {"",  "",  "",  "k", "",  "n", "", "", "",  "l",
                                       "l", "l", "l", "l", "l", "",  "", "", "p", "",
                                       "",  "",  "",  "",  "",  "",  "", ""};
static const char *const k_move[28] = {"",   "g", "kk", "s",  "n", "j", "n", "d", "r", "g",
                                       "m",  "b", "s",  "t",  "p", "r", "m", "b", "s", "s",
                                       "ss", "",  "j",  "ch", "k", "t", "p", ""};

typedef enum fclass { F_NONE = 0, F_K, F_T, F_P, F_N, F_L, F_M, F_NG } fclass;
static const unsigned char k_class[28] = {F_NONE, F_K,  F_K, F_K, F_N, F_N, F_N, F_T, F_L, F_K,
                                          F_M,    F_L,  F_L, F_L, F_P, F_L, F_M, F_P, F_P, F_T,
                                          F_T,    F_NG, F_T, F_T, F_K, F_T, F_P, F_T};
enum { T_H = 27, T_NH = 6, T_LH = 15, T_D = 7, T_T = 25 };

static int utf8_decode(const unsigned char *s, uint32_t *cp)
{
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    if ((s[0] & 0xE0) == 0xC0 && (s[1] & 0xC0) == 0x80) {
        *cp = ((uint32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
        return 2;
    }
    if ((s[0] & 0xF0) == 0xE0 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
        *cp = ((uint32_t)(s[0] & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
        return 3;
    }
    if ((s[0] & 0xF8) == 0xF0 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80 &&
        (s[3] & 0xC0) == 0x80) {
        *cp = ((uint32_t)(s[0] & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) |
              ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
        return 4;
    }
    return 0;
}

static int is_syllable(uint32_t cp)
{
    return cp >= 0xAC00 && cp <= 0xD7A3;
}

typedef struct out_buf {
    char *p;
    size_t cap, len;
    int overflow;
} out_buf;

static void put(out_buf *o, const char *s)
{
    size_t n = strlen(s);
    if (o->len + n + 1 > o->cap) {
        o->overflow = 1;
        return;
    }
    memcpy(o->p + o->len, s, n);
    o->len += n;
    o->p[o->len] = '\0';
}

/* Spells the boundary between a syllable's final t and the next syllable's initial l (and vowel
 * v), writing the final's part into o and returning the next initial's spelling. */
static const char *boundary(out_buf *o, int t, int l, int v)
{
    fclass fc = (fclass)k_class[t];
    if (t == 0)
        return k_initial[l];
    if (l == L_O) { /* liaison */
        put(o, k_stay[t]);
        if (v == V_I && t == T_D)
            return "j";
        if (v == V_I && t == T_T)
            return "ch";
        return t == 21 ? (put(o, "ng"), "") : k_move[t];
    }
    if (t == T_H || t == T_NH || t == T_LH) { /* ㅎ aspirates a following ㄱ ㄷ ㅈ */
        put(o, t == T_NH ? "n" : t == T_LH ? "l" : "");
        if (l == L_G)
            return "k";
        if (l == L_D)
            return "t";
        if (l == L_J)
            return "ch";
        if (l == L_S)
            return "ss";
        if (l == L_N) { /* 놓는 nonneun, 않는 anneun, 싫네 sille */
            if (t == T_H)
                put(o, "n");
            return t == T_LH ? "l" : "n";
        }
        put(o, t == T_H ? "t" : "");
        return k_initial[l];
    }
    if (l == L_N || l == L_M) { /* nasalisation */
        if (fc == F_K)
            put(o, "ng");
        else if (fc == F_T)
            put(o, "n");
        else if (fc == F_P)
            put(o, "m");
        else if (fc == F_L && l == L_N)
            return put(o, "l"), "l";
        else
            put(o, k_final[t]);
        return k_initial[l];
    }
    if (l == L_R) { /* ㄹ after a consonant */
        if (fc == F_N || fc == F_L)
            return put(o, "l"), "l";
        if (fc == F_K)
            return put(o, "ng"), "n";
        if (fc == F_P)
            return put(o, "m"), "n";
        if (fc == F_T)
            return put(o, "n"), "n";
        put(o, k_final[t]);
        return "n";
    }
    put(o, k_final[t]);
    return k_initial[l];
}

int md_roman_romanize(const char *text, char *out, size_t cap)
{
    if (!text || !out || cap == 0)
        return -1;
    out_buf o = {.p = out, .cap = cap, .len = 0, .overflow = 0};
    out[0] = '\0';
    const unsigned char *s = (const unsigned char *)text;
    int prev_t = -1; /* the previous syllable's final, -1 at a word start */
    while (*s) {
        uint32_t cp = 0;
        int n = utf8_decode(s, &cp);
        if (n == 0)
            return -1;
        if (is_syllable(cp)) {
            uint32_t k = cp - 0xAC00;
            int l = (int)(k / 588), v = (int)(k % 588 / 28), t = (int)(k % 28);
            put(&o, prev_t >= 0 ? boundary(&o, prev_t, l, v) : k_initial[l]);
            put(&o, k_vowel[v]);
            prev_t = t;
        } else if (cp < 0x80 && (cp == ' ' || cp == ',' || cp == '.' || cp == '?' || cp == '!' ||
                                 cp == '-' || cp == '\'' || (cp >= '0' && cp <= '9'))) {
            if (prev_t >= 0)
                put(&o, k_final[prev_t]);
            prev_t = -1;
            char c[2] = {(char)cp, '\0'};
            put(&o, c);
        } else {
            return -1;
        }
        s += n;
    }
    if (prev_t >= 0)
        put(&o, k_final[prev_t]);
    return o.overflow ? -1 : 0;
}

int md_roman_jamo(const char *s, char *out, size_t cap)
{
    /* Compatibility jamo (U+3131..) for initials, vowels and finals. */
    static const uint16_t k_ini[19] = {0x3131, 0x3132, 0x3134, 0x3137, 0x3138, 0x3139, 0x3141,
                                       0x3142, 0x3143, 0x3145, 0x3146, 0x3147, 0x3148, 0x3149,
                                       0x314A, 0x314B, 0x314C, 0x314D, 0x314E};
    static const uint16_t k_fin[28] = {0,      0x3131, 0x3132, 0x3133, 0x3134, 0x3135, 0x3136,
                                       0x3137, 0x3139, 0x313A, 0x313B, 0x313C, 0x313D, 0x313E,
                                       0x313F, 0x3140, 0x3141, 0x3142, 0x3144, 0x3145, 0x3146,
                                       0x3147, 0x3148, 0x314A, 0x314B, 0x314C, 0x314D, 0x314E};
    uint32_t cp = 0;
    int n = utf8_decode((const unsigned char *)s, &cp);
    if (n == 0 || !is_syllable(cp) || cap < 32)
        return 0;
    uint32_t k = cp - 0xAC00;
    uint32_t parts[3] = {k_ini[k / 588], 0x314F + k % 588 / 28, k_fin[k % 28]};
    size_t len = 0;
    for (int i = 0; i < 3 && parts[i]; i++) {
        uint32_t c = parts[i];
        len += (size_t)snprintf(out + len, cap - len, "%s%c%c%c", i ? " + " : "",
                                (char)(0xE0 | (c >> 12)), (char)(0x80 | ((c >> 6) & 0x3F)),
                                (char)(0x80 | (c & 0x3F)));
    }
    return n;
}
