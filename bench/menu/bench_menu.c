/* `make bench`: the menu plugin's content load. Generates a menu.json of 50 restaurants with 40
 * dishes each (Korean names romanized at load, allergens and diet claims varied, hours with breaks)
 * and times the plugin's own parser and validator on it (median of 15 loads). With a folder
 * argument it also writes that menu.json there, for bench/menu/run.sh's scrolling figure. Prints
 * `bench <name> <value> <unit>` lines; figures only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../plugins/menu/content.c"
#include "../../plugins/menu/filter.c"
#include "../../plugins/menu/hours.c"
#include "../../plugins/menu/roman.c"

enum { N_RESTAURANTS = 50, N_DISHES = 40, RUNS = 15 };

static const char *const k_syllables[] = {
    "김", "치", "찌", "개", "불", "고", "기", "비", "빔", "밥", "된", "장", "국", "수", "볶",
    "음", "떡", "갈", "냉", "면", "순", "두", "부", "닭", "탕", "전", "만", "해", "물", "찜"};

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

typedef struct sbuf {
    char *p;
    size_t len, cap;
} sbuf;

static void sput(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sput(sbuf *b, const char *fmt, ...)
{
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
        va_end(ap);
        if (n >= 0 && b->len + (size_t)n < b->cap) {
            b->len += (size_t)n;
            return;
        }
        b->cap = b->cap * 2 + 4096;
        b->p = realloc(b->p, b->cap);
        if (!b->p)
            exit(1);
    }
}

static char *generate(size_t *n_bytes)
{
    sbuf b = {NULL, 0, 0};
    b.cap = 1 << 20;
    b.p = malloc(b.cap);
    sput(&b, "{\"schema\": 1, \"sample\": true, \"time_zone\": \"Asia/Seoul\", \"holidays\": "
             "[\"2026-03-01\", \"2026-03-02\"], \"restaurants\": [\n");
    unsigned seed = 12345;
    for (int r = 0; r < N_RESTAURANTS; r++) {
        sput(&b,
             "%s{\"id\": \"r%d\", \"name_ko\": \"식당%d\", \"name_en\": \"Restaurant %d\", "
             "\"cuisine\": \"korean\", \"address_ko\": \"안산시 원곡로 %d\", \"address_en\": "
             "\"%d Wongok-ro\", \"lat\": %.5f, \"lon\": %.5f, \"price_min\": 5000, "
             "\"price_max\": 30000, \"halal\": \"%s\", \"hours\": {\"mon\": [\"11:00-15:00\", "
             "\"17:00-22:00\"], \"tue\": [\"11:00-22:00\"], \"wed\": [\"11:00-22:00\"], \"thu\": "
             "[\"11:00-22:00\"], \"fri\": [\"11:00-02:00\"], \"sat\": [\"11:00-02:00\"], \"sun\": "
             "[], \"holiday\": [\"12:00-20:00\"]}, \"dishes\": [\n",
             r ? ",\n" : "", r, r, r, r, r, 37.32 + r * 0.0003, 126.78 + r * 0.0003,
             r % 5 == 0 ? "halal_certified" : "none");
        for (int d = 0; d < N_DISHES; d++) {
            char ko[64] = "";
            for (int k = 0; k < 3 + d % 3; k++) {
                seed = seed * 1103515245u + 12345u;
                strcat(ko, k_syllables[(seed >> 16) % 30]);
            }
            seed = seed * 1103515245u + 12345u;
            /* allergens: a few per dish; no pork in a halal restaurant */
            const char *al[] = {"egg",  "milk",    "soybean", "wheat",  "shrimp",
                                "beef", "chicken", "peanut",  "tomato", "squid"};
            char list[256] = "";
            for (int k = 0; k < 10; k++)
                if ((seed >> (k + 8)) & 1)
                    snprintf(list + strlen(list), sizeof list - strlen(list), "%s\"%s\"",
                             list[0] ? ", " : "", al[k]);
            if (r % 5 != 0 && d % 4 == 0)
                snprintf(list + strlen(list), sizeof list - strlen(list), "%s\"pork\"",
                         list[0] ? ", " : "");
            sput(&b,
                 "%s{\"id\": \"d%d\", \"name_ko\": \"%s\", \"name_en\": \"Dish %d of restaurant "
                 "%d\", \"desc_en\": \"A made-up dish for the benchmark, number %d.\", \"price\": "
                 "%d, \"spice\": %d, \"allergens\": [%s]}",
                 d ? ",\n" : "", d, ko, d, r, d, 5000 + d * 500, d % 4, list);
        }
        sput(&b, "]}");
    }
    sput(&b, "]}\n");
    *n_bytes = b.len;
    return b.p;
}

int main(int argc, char **argv)
{
    size_t n = 0;
    char *text = generate(&n);
    if (argc > 1) {
        char path[1024];
        snprintf(path, sizeof path, "%s/menu.json", argv[1]);
        FILE *f = fopen(path, "w");
        if (!f || fwrite(text, 1, n, f) != n || fclose(f) != 0) {
            fprintf(stderr, "bench-menu: cannot write %s\n", path);
            return 1;
        }
    }
    double t[RUNS];
    char err[MD_MENU_ERR_CAP];
    for (int i = 0; i < RUNS; i++) {
        double t0 = now_ms();
        md_menu_content *c = md_menu_content_parse(text, n, err, sizeof err);
        t[i] = now_ms() - t0;
        if (!c) {
            fprintf(stderr, "bench-menu: generated content refused: %s\n", err);
            return 1;
        }
        md_menu_content_free(c);
    }
    qsort(t, RUNS, sizeof t[0], cmp_d);
    printf("bench menu_content_bytes_50x40 %.1f KB\n", n / 1024.0);
    printf("bench menu_load_50x40_ms %.1f ms (median of %d; parse, validate, romanize 2000 "
           "dishes)\n",
           t[RUNS / 2], RUNS);
    free(text);
    return 0;
}
