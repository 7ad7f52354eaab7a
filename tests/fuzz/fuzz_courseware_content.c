/* Fuzz target for the courseware's two parsers: the content (course.json) and the pooled item
 * statistics file. The first byte picks which one the rest is given to; statistics are parsed
 * against a small valid content set. Content that validates is then used the way the plugin uses
 * it: every word and example romanized, every syllable split into letters. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../plugins/courseware/code.c"
#include "../../plugins/courseware/content.c"
#include "../../plugins/courseware/learn.c"
#include "../../plugins/courseware/roman.c"
#include "../../plugins/courseware/stats.c"

const char *md_fuzz_name = "courseware_content";

static const char *const k_valid =
    "{\"schema\":1,\"sample\":true,\"decks\":[{\"id\":\"a\",\"title\":\"A\",\"picture\":\"d.png\","
    "\"slot\":1,\"items\":["
    "{\"id\":\"a.0\",\"ko\":\"물\",\"meaning\":\"water\",\"picture\":\"p.png\",\"example\":\"물 "
    "주세요.\",\"level\":1},"
    "{\"id\":\"a.1\",\"ko\":\"밥\",\"meaning\":\"rice\",\"picture\":\"p.png\",\"example\":\"밥 "
    "먹어요.\",\"level\":2},"
    "{\"id\":\"a.2\",\"ko\":\"김치\",\"meaning\":\"kimchi\",\"picture\":\"p.png\",\"example\":"
    "\"김치가 "
    "매워요.\",\"level\":3},"
    "{\"id\":\"a.3\",\"ko\":\"안녕하세요\",\"rom\":\"annyeonghaseyo\",\"meaning\":\"hello\","
    "\"picture\":"
    "\"p.png\",\"example\":\"안녕하세요!\",\"level\":1}]}]}";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    char *text = malloc(size);
    if (!text)
        return 0;
    memcpy(text, data + 1, size - 1);
    text[size - 1] = '\0';
    char err[MD_COURSE_ERR_CAP];
    if (data[0] & 1) {
        md_course_content *c = md_course_content_parse(text, NULL, err, sizeof err);
        for (int i = 0; c && i < c->n_items; i++) {
            char out[512];
            md_roman_romanize(c->items[i].example, out, sizeof out);
            for (const char *p = c->items[i].ko; *p;) {
                int used = md_roman_jamo(p, out, sizeof out);
                p += used ? used : 1;
            }
        }
        md_course_content_free(c);
    } else {
        md_course_content *c = md_course_content_parse(k_valid, NULL, err, sizeof err);
        if (c) {
            md_course_stat st[4] = {{0.0, 0}, {0.0, 0}, {0.0, 0}, {0.0, 0}};
            md_course_stats_parse(c, text, st, err, sizeof err);
            md_course_content_free(c);
        }
        char out[64];
        md_roman_romanize(text, out, sizeof out);
        md_course_progress p;
        md_course_code_decode(text, 20500, &p);
    }
    free(text);
    return 0;
}
