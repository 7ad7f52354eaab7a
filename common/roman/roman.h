/* Revised Romanization of Korean (국어의 로마자 표기법, Ministry of Culture and Tourism, 2000),
 * shared by the plugins that show Korean words to visitors who cannot read Hangul (courseware's
 * lessons, the menu's dish names). Plain C, no allocation: plugins compile roman.c into themselves.
 */
#ifndef MD_ROMAN_H
#define MD_ROMAN_H

#include <stddef.h>
#include <stdint.h>

/* Writes the Revised Romanization of text into out: Hangul syllables are romanized with the
 * sound changes the system spells (liaison, nasalisation, ㄹ assimilation, aspiration after ㅎ,
 * palatalisation of ㄷ/ㅌ before 이); spaces, digits and ASCII punctuation . , ? ! - ' are
 * copied; anything else fails. Lower case. 0 or -1 (not Hangul, or out too small). */
int md_roman_romanize(const char *text, char *out, size_t cap);
/* Splits one Hangul syllable (UTF-8 at s) into its jamo as compatibility letters "ㅇ + ㅏ + ㄴ".
 * Returns the bytes consumed, or 0 when s is not a Hangul syllable. */
int md_roman_jamo(const char *s, char *out, size_t cap);

#endif /* MD_ROMAN_H */
