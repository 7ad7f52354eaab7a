/* Unit tests for runtime/base: allocation failure injection, logging sink, file reading. */
#include "base/base.h"
#include "check.h"

#include <stdio.h>
#include <stdlib.h>

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

int main(void)
{
    RUN(test_alloc_fail_injection);
    RUN(test_strdup);
    RUN(test_read_file);
    RUN(test_lru);
    return check_summary();
}
