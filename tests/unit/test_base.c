/* Unit tests for runtime/base: allocation failure injection, logging sink, file reading. */
#include "base/base.h"
#include "check.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int g_logged;
static char g_last_tag[32];
static void sink(void *user, md_log_level level, const char *tag, const char *msg)
{
    (void)user;
    (void)msg;
    if (level >= MD_LOG_WARN)
        g_logged++;
    snprintf(g_last_tag, sizeof g_last_tag, "%s", tag);
}

static void test_alloc_fail_injection(void)
{
    md_log_set_sink(sink, NULL);
    g_logged = 0;
    md_alloc_fail_after(2);
    void *a = md_malloc(8);
    void *b = md_malloc(8);
    void *c = md_malloc(8);
    CHECK(a != NULL);
    CHECK(b == NULL);
    CHECK(c == NULL);
    CHECK_INT(g_logged, 2);
    CHECK_STR(g_last_tag, "ALLOC");
    md_alloc_fail_reset();
    void *d = md_malloc(8);
    CHECK(d != NULL);
    md_free(a);
    md_free(d);
    md_log_set_sink(NULL, NULL);
}

static void test_strdup(void)
{
    char *s = md_strdup("마당");
    CHECK_STR(s, "마당");
    md_free(s);
    char *t = md_strndup("abcdef", 3);
    CHECK_STR(t, "abc");
    md_free(t);
    CHECK(md_strdup(NULL) == NULL);
}

static void test_read_file(void)
{
    char path[] = "/tmp/md-test-base-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    FILE *f = fdopen(fd, "w");
    for (int i = 0; i < 3000; i++)
        fputs("안녕", f);
    fclose(f);
    size_t n = 0;
    char *data = md_read_file(path, &n);
    CHECK(data != NULL);
    CHECK_INT(n, 3000 * 6);
    CHECK_INT(data[n], 0);
    md_free(data);
    remove(path);
    md_log_set_sink(sink, NULL);
    g_logged = 0;
    CHECK(md_read_file("/nonexistent/madang", NULL) == NULL);
    CHECK_INT(g_logged, 1);
    md_log_set_sink(NULL, NULL);
}

typedef struct lru_item {
    int id;
    md_lru_node node;
} lru_item;

static int lru_order(const md_lru *lru, int *ids, int cap)
{
    int n = 0;
    for (const md_lru_node *x = lru->head; x && n < cap; x = x->next)
        ids[n++] = MD_LRU_ITEM(x, lru_item, node)->id;
    return n;
}

/* md_lru: most recent at the head; touch moves to the front; unlink of an unlinked node is a
 * no-op; the tail is the next to evict; the count follows. */
static void test_lru(void)
{
    md_lru lru;
    memset(&lru, 0, sizeof lru);
    lru_item it[4];
    memset(it, 0, sizeof it);
    for (int i = 0; i < 4; i++) {
        it[i].id = i;
        CHECK(!md_lru_linked(&lru, &it[i].node));
        md_lru_push_front(&lru, &it[i].node);
    }
    int ids[8];
    CHECK_INT(lru_order(&lru, ids, 8), 4);
    CHECK(ids[0] == 3 && ids[1] == 2 && ids[2] == 1 && ids[3] == 0);
    md_lru_touch(&lru, &it[1].node);
    lru_order(&lru, ids, 8);
    CHECK(ids[0] == 1 && ids[1] == 3 && ids[2] == 2 && ids[3] == 0);
    CHECK_INT(MD_LRU_ITEM(lru.tail, lru_item, node)->id, 0);
    md_lru_unlink(&lru, lru.tail);
    md_lru_unlink(&lru, &it[0].node); /* already out */
    CHECK_INT(lru.n_items, 3);
    CHECK_INT(MD_LRU_ITEM(lru.tail, lru_item, node)->id, 2);
    md_lru_unlink(&lru, &it[1].node); /* the head */
    CHECK_INT(MD_LRU_ITEM(lru.head, lru_item, node)->id, 3);
    md_lru_unlink(&lru, &it[3].node);
    md_lru_unlink(&lru, &it[2].node);
    CHECK(lru.head == NULL && lru.tail == NULL && lru.n_items == 0);
}

static void test_path_join(void)
{
    char *p = md_path_join("/srv/content", "org.madang.health");
    CHECK_STR(p, "/srv/content/org.madang.health");
    md_free(p);
    p = md_path_join("/srv/content", "/etc/passwd"); /* stays under the folder */
    CHECK_STR(p, "/srv/content//etc/passwd");
    md_free(p);
    CHECK(md_path_join(NULL, "x") == NULL);
    CHECK(md_path_join("d", NULL) == NULL);
}

static void test_parse_size(void)
{
    int w = 0, h = 0;
    const char *end = NULL;
    CHECK_INT(md_parse_size("1280x720", &w, &h, NULL), 0);
    CHECK_INT(w, 1280);
    CHECK_INT(h, 720);
    CHECK_INT(md_parse_size("800x600 # a comment", &w, &h, &end), 0);
    CHECK_STR(end, " # a comment");
    CHECK_INT(md_parse_size("800x600 #", &w, &h, NULL), -1); /* must end after H */
    CHECK_INT(md_parse_size("63x600", &w, &h, NULL), -1);
    CHECK_INT(md_parse_size("64x16384", &w, &h, NULL), 0);
    CHECK_INT(md_parse_size("64x16385", &w, &h, NULL), -1);
    CHECK_INT(md_parse_size("1280*720", &w, &h, NULL), -1);
    CHECK_INT(md_parse_size("x720", &w, &h, NULL), -1);
    CHECK_INT(md_parse_size("1280x", &w, &h, NULL), -1);
}

static void test_lang_codes_and_lists(void)
{
    CHECK(md_lang_code_valid("ko"));
    CHECK(md_lang_code_valid("uz-Latn"));
    CHECK(md_lang_code_valid("zh-Hant-TW"));
    CHECK(!md_lang_code_valid("k"));
    CHECK(!md_lang_code_valid("-ko"));
    CHECK(!md_lang_code_valid("ko-"));
    CHECK(!md_lang_code_valid("ko_KR"));
    CHECK(!md_lang_code_valid(NULL));
    char code[MD_LANG_CODE_MAX + 2];
    memset(code, 'a', sizeof code);
    code[MD_LANG_CODE_MAX] = '\0';
    CHECK(md_lang_code_valid(code)); /* 35 characters */
    code[MD_LANG_CODE_MAX] = 'a';
    code[MD_LANG_CODE_MAX + 1] = '\0';
    CHECK(!md_lang_code_valid(code)); /* 36 */

    md_lang_list l = {.n = 0};
    CHECK_INT(md_lang_list_add(&l, "ko"), 0);
    CHECK_INT(md_lang_list_add(&l, "en"), 0);
    CHECK_INT(md_lang_list_add(&l, "not valid"), -1);
    CHECK_INT(l.n, 2);
    CHECK_INT(md_lang_list_find(&l, "en"), 1);
    CHECK_INT(md_lang_list_find(&l, "vi"), -1);
    CHECK_INT(md_lang_list_find(&l, NULL), -1);
    for (int i = l.n; i < MD_LANG_LIST_MAX; i++)
        CHECK_INT(md_lang_list_add(&l, "vi"), 0);
    CHECK_INT(md_lang_list_add(&l, "th"), -1); /* full */
    CHECK_INT(l.n, MD_LANG_LIST_MAX);
}

static void test_arena(void)
{
    md_arena a = {NULL};
    char *s = md_arena_strdup(&a, "hello");
    CHECK_STR(s, "hello");
    char *t = md_arena_alloc(&a, 3);
    CHECK(t != NULL && ((uintptr_t)t & 15) == 0);
    CHECK(t != s);
    void *big = md_arena_alloc(&a, 200000); /* larger than a block: its own block */
    CHECK(big != NULL);
    memset(big, 1, 200000);
    md_arena_reset(&a);
    char *u = md_arena_strdup(&a, "again"); /* reuses the kept blocks */
    CHECK_STR(u, "again");
    md_alloc_fail_after(1);
    md_arena_reset(&a);
    CHECK(md_arena_alloc(&a, 16) != NULL); /* no new block needed: no allocation */
    md_alloc_fail_reset();
    CHECK(md_arena_strdup(&a, NULL) == NULL);
    md_arena_free(&a);
    CHECK(a.blocks == NULL);
}

int main(void)
{
    RUN(test_alloc_fail_injection);
    RUN(test_strdup);
    RUN(test_read_file);
    RUN(test_lru);
    RUN(test_path_join);
    RUN(test_parse_size);
    RUN(test_lang_codes_and_lists);
    RUN(test_arena);
    return check_summary();
}
