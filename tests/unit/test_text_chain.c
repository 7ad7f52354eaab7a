/* Font chains are built on demand while a paragraph is analysed, and the analysis keeps pointers
 * to chains it already has while the fallback search builds more. This checks the contract in
 * text_internal.h: a chain pointer stays valid, and keeps its contents, however many chains are
 * built after it. (Found by libFuzzer: the chains once lived in a growable array, and a realloc
 * left the analysis reading freed memory; ASan reports that here.) */
#include "base/base.h"
#include "check.h"
#include "text/text.h"
#include "text/text_internal.h"

#include <stdio.h>
#include <unicode/uscript.h>

static void test_chain_pointers_survive_growth(void)
{
    md_text *t = md_text_create(NULL, NULL);
    CHECK(t != NULL);
    if (!t)
        return;
    const md_chain *latin = md_text_chain(t, USCRIPT_LATIN, "en", 0);
    const md_chain *khmer = md_text_chain(t, USCRIPT_KHMER, "km", 0);
    CHECK(latin != NULL && khmer != NULL);
    if (!latin || !khmer) {
        md_text_destroy(t);
        return;
    }
    int latin_n = latin->n, khmer_n = khmer->n;
    CHECK(latin_n > 0);
    CHECK(khmer_n > 0);
    /* Far more chains than any initial capacity: every language tag x two weights. */
    for (int i = 0; i < 200; i++) {
        char lang[16];
        snprintf(lang, sizeof lang, "x-l%d", i);
        CHECK(md_text_chain(t, i % 2 ? USCRIPT_THAI : USCRIPT_ARABIC, lang, i % 3 == 0) != NULL);
    }
    CHECK_INT(latin->script, USCRIPT_LATIN);
    CHECK_STR(latin->lang, "en");
    CHECK_INT(latin->n, latin_n);
    CHECK_INT(khmer->script, USCRIPT_KHMER);
    CHECK_INT(khmer->n, khmer_n);
    /* Asking again returns the same chain, not a copy. */
    CHECK(md_text_chain(t, USCRIPT_LATIN, "en", 0) == latin);
    md_text_destroy(t);
}

int main(void)
{
    md_log_set_min_level(MD_LOG_ERROR);
    RUN(test_chain_pointers_survive_growth);
    return check_summary();
}
