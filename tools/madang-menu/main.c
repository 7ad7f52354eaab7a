/* madang-menu: a restaurant owner's path to the menu plugin's content (docs/MENU.md).
 *   madang-menu template DIR           writes restaurants.csv and dishes.csv to fill in a
 *                                      spreadsheet (LibreOffice, Excel: save as CSV, UTF-8)
 *   madang-menu import CSV_DIR OUT_DIR [--sample]
 *                                      reads CSV_DIR/restaurants.csv and dishes.csv (photos
 *                                      from CSV_DIR/photos/), writes OUT_DIR/menu.json, copies
 *                                      the photos and writes OUT_DIR/menu.pot (the dish names
 *                                      and descriptions for translators), then validates the
 *                                      result with the plugin's own checks
 *   madang-menu msgids CONTENT_DIR     prints the C file of N_() marks that puts the content's
 *                                      texts into the plugin's PO templates (content_msgids.c)
 * Every error names the file, the line and the reason; nothing is written on an error.
 */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../../plugins/menu/content.c"
#include "../../plugins/menu/filter.c"
#include "../../plugins/menu/hours.c"
#include "../../plugins/menu/roman.c"
#include "csv.h"

static const char *const k_rest_cols[] = {
    "id",  "name_ko",   "name_en",   "cuisine", "address_ko", "address_en",   "phone", "lat",
    "lon", "price_min", "price_max", "photo",   "halal",      "mon",          "tue",   "wed",
    "thu", "fri",       "sat",       "sun",     "holiday",    "closed_dates", NULL};
static const char *const k_dish_cols[] = {"restaurant", "id",      "name_ko", "rom",   "name_en",
                                          "desc_en",    "price",   "photo",   "spice", "allergens",
                                          "diet",       "alcohol", "halal",   NULL};

static char *read_all(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 65536, len = 0;
    char *buf = malloc(cap);
    while (buf) {
        if (len == cap) {
            char *g = cap < (64u << 20) ? realloc(buf, cap * 2) : NULL;
            if (!g) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = g;
            cap *= 2;
        }
        size_t k = fread(buf + len, 1, cap - len, f);
        len += k;
        if (k == 0)
            break;
    }
    fclose(f);
    *n = len;
    return buf;
}

static int write_file(const char *path, const char *text, size_t n)
{
    char tmp[1100];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "wb");
    if (!f || fwrite(text, 1, n, f) != n || fclose(f) != 0) {
        fprintf(stderr, "madang-menu: cannot write %s: %s\n", path, strerror(errno));
        return -1;
    }
    return rename(tmp, path);
}

/* mkdir -p */
static void mkdirs(const char *dir)
{
    char p[1024];
    snprintf(p, sizeof p, "%s", dir);
    for (char *s = p + 1; *s; s++)
        if (*s == '/') {
            *s = '\0';
            mkdir(p, 0755);
            *s = '/';
        }
    mkdir(p, 0755);
}

static int cmd_template(const char *dir)
{
    char path[1024];
    mkdirs(dir);
    snprintf(path, sizeof path, "%s/restaurants.csv", dir);
    const char *r =
        "id,name_ko,name_en,cuisine,address_ko,address_en,phone,lat,lon,price_min,price_max,"
        "photo,halal,mon,tue,wed,thu,fri,sat,sun,holiday,closed_dates\n"
        "my-restaurant,우리 식당,Our Restaurant,korean,경기도 안산시 단원구 원곡로 1,"
        "\"1 Wongok-ro, Danwon-gu, Ansan\",031-000-0000,37.3300,126.7900,7000,15000,"
        "photos/my-restaurant.png,none,11:00-15:00 17:00-22:00,11:00-22:00,11:00-22:00,"
        "11:00-22:00,11:00-22:00,11:00-22:00,,,2026-12-31\n";
    snprintf(path, sizeof path, "%s/restaurants.csv", dir);
    if (write_file(path, r, strlen(r)) < 0)
        return 1;
    const char *d = "restaurant,id,name_ko,rom,name_en,desc_en,price,photo,spice,allergens,diet,"
                    "alcohol,halal\n"
                    "my-restaurant,kimchi-jjigae,김치찌개,,Kimchi stew,\"Aged kimchi boiled with "
                    "pork and tofu.\",8000,,2,새우 대두 밀 돼지고기,,no,no\n";
    snprintf(path, sizeof path, "%s/dishes.csv", dir);
    if (write_file(path, d, strlen(d)) < 0)
        return 1;
    printf("madang-menu: wrote %s/restaurants.csv and %s/dishes.csv\n", dir, dir);
    return 0;
}

typedef struct table {
    const char *file;
    md_menu_csv csv;
    int col[32];
} table;

static int load_table(const char *dir, const char *file, const char *const *cols, table *t)
{
    char path[1024], err[256];
    size_t n = 0;
    snprintf(path, sizeof path, "%s/%s", dir, file);
    t->file = file;
    char *text = read_all(path, &n);
    if (!text) {
        fprintf(stderr, "madang-menu: %s: cannot read: %s\n", path, strerror(errno));
        return -1;
    }
    int rc = md_menu_csv_parse(text, n, &t->csv, err, sizeof err);
    free(text);
    if (rc < 0) {
        fprintf(stderr, "madang-menu: %s:%s\n", file, err + 4); /* "line N: ..." -> ":N: ..." */
        return -1;
    }
    if (t->csv.n_rows < 1) {
        fprintf(stderr, "madang-menu: %s:1: empty (the first row names the columns)\n", file);
        return -1;
    }
    for (int i = 0; i < t->csv.rows[0].n_fields; i++) {
        int known = 0;
        for (int k = 0; cols[k]; k++)
            known |= strcmp(t->csv.rows[0].fields[i], cols[k]) == 0;
        if (!known && t->csv.rows[0].fields[i][0]) {
            fprintf(stderr, "madang-menu: %s:1: unknown column \"%s\"\n", file,
                    t->csv.rows[0].fields[i]);
            return -1;
        }
    }
    for (int k = 0; cols[k]; k++)
        t->col[k] = md_menu_csv_column(&t->csv, cols[k]);
    return 0;
}

static const char *cell(const table *t, int row, int k)
{
    int c = t->col[k];
    const md_menu_csv_row *r = &t->csv.rows[row];
    return c >= 0 && c < r->n_fields ? r->fields[c] : "";
}

static int fail_at(const table *t, int row, const char *fmt, const char *a)
{
    fprintf(stderr, "madang-menu: %s:%ld: ", t->file, t->csv.rows[row].line);
    fprintf(stderr, fmt, a);
    fputc('\n', stderr);
    return -1;
}

/* "a b c" or "a; b; c" -> a JSON array of strings */
static json_t *words(const char *s)
{
    json_t *arr = json_array();
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", s);
    char *save = NULL;
    for (char *w = strtok_r(buf, " ;,\t", &save); w; w = strtok_r(NULL, " ;,\t", &save))
        json_array_append_new(arr, json_string(w));
    return arr;
}

static int yes(const char *s)
{
    return !strcmp(s, "yes") || !strcmp(s, "y") || !strcmp(s, "true") || !strcmp(s, "1") ||
           !strcmp(s, "예") || !strcmp(s, "O") || !strcmp(s, "o");
}

static int number(const table *t, int row, int k, const char *name, json_t *obj, int real)
{
    const char *s = cell(t, row, k);
    if (!s[0])
        return 0; /* the plugin's validation says what is required */
    char *end = NULL;
    double v = strtod(s, &end);
    if (end == s || *end)
        return fail_at(t, row, "\"%s\" must be a number", name);
    json_object_set_new(obj, name, real ? json_real(v) : json_integer((json_int_t)v));
    return 0;
}

static void set_str(json_t *obj, const char *key, const char *s)
{
    if (s[0])
        json_object_set_new(obj, key, json_string(s));
}

static int cmd_import(const char *src, const char *out, int sample)
{
    table rt, dt;
    memset(&rt, 0, sizeof rt);
    memset(&dt, 0, sizeof dt);
    if (load_table(src, "restaurants.csv", k_rest_cols, &rt) < 0 ||
        load_table(src, "dishes.csv", k_dish_cols, &dt) < 0)
        return 1;
    json_t *root = json_object();
    json_object_set_new(root, "schema", json_integer(1));
    if (sample)
        json_object_set_new(root, "sample", json_true());
    json_object_set_new(root, "time_zone", json_string("Asia/Seoul"));
    json_t *rs = json_array();
    json_object_set_new(root, "restaurants", rs);
    int rc = 0;
    for (int i = 1; i < rt.csv.n_rows && rc == 0; i++) {
        json_t *r = json_object();
        json_array_append_new(rs, r);
        for (int k = 0; k < 7; k++)
            set_str(r, k_rest_cols[k], cell(&rt, i, k));
        rc |= number(&rt, i, 7, "lat", r, 1) | number(&rt, i, 8, "lon", r, 1) |
              number(&rt, i, 9, "price_min", r, 0) | number(&rt, i, 10, "price_max", r, 0);
        set_str(r, "photo", cell(&rt, i, 11));
        set_str(r, "halal", cell(&rt, i, 12));
        json_t *h = json_object();
        for (int k = 13; k <= 19; k++)
            json_object_set_new(h, k_rest_cols[k], words(cell(&rt, i, k)));
        if (cell(&rt, i, 20)[0])
            json_object_set_new(h, "holiday", words(cell(&rt, i, 20)));
        if (cell(&rt, i, 21)[0])
            json_object_set_new(h, "closed_dates", words(cell(&rt, i, 21)));
        json_object_set_new(r, "hours", h);
        json_t *ds = json_array();
        json_object_set_new(r, "dishes", ds);
        const char *rid = cell(&rt, i, 0);
        for (int k = 1; k < dt.csv.n_rows && rc == 0; k++) {
            if (strcmp(cell(&dt, k, 0), rid) != 0)
                continue;
            json_t *d = json_object();
            json_array_append_new(ds, d);
            for (int c = 1; c <= 5; c++)
                set_str(d, k_dish_cols[c], cell(&dt, k, c));
            rc |= number(&dt, k, 6, "price", d, 0);
            set_str(d, "photo", cell(&dt, k, 7));
            rc |= number(&dt, k, 8, "spice", d, 0);
            /* Allergens by code ("pork") or by the Korean name on a label ("돼지고기"). */
            json_t *al = words(cell(&dt, k, 9));
            size_t ai;
            json_t *a;
            json_array_foreach(al, ai, a)
            {
                const char *w = json_string_value(a);
                int found = md_menu_allergen_find(w);
                for (int x = 0; x < MD_MENU_N_ALLERGENS && found < 0; x++)
                    if (strcmp(md_menu_allergens[x].ko, w) == 0)
                        found = x;
                if (found < 0) {
                    rc = fail_at(&dt, k,
                                 "unknown allergen \"%s\" (a code such as pork, or the Korean "
                                 "name on a label such as 돼지고기; see docs/MENU.md)",
                                 w);
                    break;
                }
                json_array_set_new(al, ai, json_string(md_menu_allergens[found].code));
            }
            json_object_set_new(d, "allergens", al);
            if (cell(&dt, k, 10)[0])
                json_object_set_new(d, "diet", words(cell(&dt, k, 10)));
            if (yes(cell(&dt, k, 11)))
                json_object_set_new(d, "alcohol", json_true());
            if (yes(cell(&dt, k, 12)))
                json_object_set_new(d, "halal", json_true());
        }
    }
    for (int k = 1; k < dt.csv.n_rows && rc == 0; k++) {
        int known = 0;
        for (int i = 1; i < rt.csv.n_rows; i++)
            known |= strcmp(cell(&dt, k, 0), cell(&rt, i, 0)) == 0;
        if (!known)
            rc = fail_at(&dt, k, "restaurant \"%s\" is not in restaurants.csv", cell(&dt, k, 0));
    }
    char *text =
        rc == 0 ? json_dumps(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(9))
                : NULL;
    json_decref(root);
    if (rc != 0 || !text) {
        free(text);
        md_menu_csv_free(&rt.csv);
        md_menu_csv_free(&dt.csv);
        return 1;
    }
    /* Validate before writing anything: the plugin's own checks, from memory. */
    char err[MD_MENU_ERR_CAP];
    md_menu_content *c = md_menu_content_parse(text, strlen(text), err, sizeof err);
    if (!c) {
        fprintf(stderr, "madang-menu: the imported menu is refused: %s\n", err);
        free(text);
        md_menu_csv_free(&rt.csv);
        md_menu_csv_free(&dt.csv);
        return 1;
    }
    /* Every photo must be there before anything is written. */
    for (int i = 0; i < c->n_restaurants && rc == 0; i++)
        for (int k = -1; k < c->restaurants[i].n_dishes && rc == 0; k++) {
            const char *p = k < 0 ? c->restaurants[i].photo : c->restaurants[i].dishes[k].photo;
            char from[1024];
            snprintf(from, sizeof from, "%s/%s", src, p ? p : "");
            if (p && access(from, R_OK) != 0) {
                fprintf(stderr, "madang-menu: photo %s: cannot read: %s\n", from, strerror(errno));
                rc = 1;
            }
        }
    if (rc == 0)
        mkdirs(out);
    char path[1024];
    int photos = 0;
    for (int i = 0; i < c->n_restaurants && rc == 0; i++)
        for (int k = -1; k < c->restaurants[i].n_dishes && rc == 0; k++) {
            const char *p = k < 0 ? c->restaurants[i].photo : c->restaurants[i].dishes[k].photo;
            if (!p)
                continue;
            char from[1024], to[1024];
            size_t n = 0;
            snprintf(from, sizeof from, "%s/%s", src, p);
            snprintf(to, sizeof to, "%s/%s", out, p);
            char *img = read_all(from, &n);
            char *slash = strrchr(to, '/');
            if (slash) {
                *slash = '\0';
                mkdirs(to);
                *slash = '/';
            }
            if (!img) {
                fprintf(stderr, "madang-menu: photo %s: cannot read: %s\n", from, strerror(errno));
                rc = 1;
            } else if (write_file(to, img, n) < 0) {
                rc = 1;
            }
            photos += img != NULL;
            free(img);
        }
    /* The PO template of the content's texts: what translators fill in (docs/MENU.md). */
    size_t pcap = 1 << 16, plen = 0;
    char *pot = malloc(pcap);
    plen += (size_t)snprintf(pot, pcap,
                             "# Dish names and descriptions of %s, for translators.\n"
                             "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; "
                             "charset=UTF-8\\n\"\n",
                             out);
    for (int i = 0; i < c->n_restaurants; i++)
        for (int k = -1; k < c->restaurants[i].n_dishes; k++)
            for (int w = 0; w < 2; w++) {
                const md_menu_restaurant *r = &c->restaurants[i];
                const char *s = k < 0 ? (w ? NULL : r->name_en)
                                      : (w ? r->dishes[k].desc_en : r->dishes[k].name_en);
                const char *ko = k < 0 ? r->name_ko : r->dishes[k].name_ko;
                if (!s)
                    continue;
                if (plen + strlen(s) * 2 + 512 > pcap) {
                    pcap = pcap * 2 + strlen(s) * 2;
                    pot = realloc(pot, pcap);
                }
                plen += (size_t)snprintf(pot + plen, pcap - plen, "\n#. %s: %s\nmsgid \"",
                                         k < 0 ? "a restaurant"
                                         : w   ? "description of"
                                               : "a dish",
                                         ko);
                for (const char *p = s; *p; p++) {
                    if (*p == '"' || *p == '\\')
                        pot[plen++] = '\\';
                    pot[plen++] = *p;
                }
                plen += (size_t)snprintf(pot + plen, pcap - plen, "\"\nmsgstr \"\"\n");
            }
    if (rc == 0) {
        snprintf(path, sizeof path, "%s/menu.pot", out);
        rc = write_file(path, pot, plen) < 0;
    }
    if (rc == 0) {
        snprintf(path, sizeof path, "%s/%s", out, MD_MENU_FILE);
        rc = write_file(path, text, strlen(text)) < 0;
    }
    if (rc == 0)
        printf("madang-menu: %d restaurants, %d photos -> %s/menu.json, %s/menu.pot\n",
               c->n_restaurants, photos, out, out);
    free(pot);
    md_menu_content_free(c);
    free(text);
    md_menu_csv_free(&rt.csv);
    md_menu_csv_free(&dt.csv);
    return rc ? 1 : 0;
}

static void c_string(const char *s)
{
    putchar('"');
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            putchar('\\');
        putchar(*s);
    }
    putchar('"');
}

static int cmd_msgids(const char *dir)
{
    char err[MD_MENU_ERR_CAP];
    md_menu_content *c = md_menu_content_load(dir, err, sizeof err);
    if (!c) {
        fprintf(stderr, "madang-menu: %s\n", err);
        return 1;
    }
    printf("/* Generated by `madang-menu msgids` from content/menu.json (plugins/menu/tools/"
           "gen_msgids.sh; do\n * not edit): the restaurants' and dishes' English texts as N_() "
           "marks, so `madang-locale update`\n * puts them in the menu's PO templates; the plugin "
           "translates them with tr() at run time. */\n"
           "#define N_(s) s\n"
           "const char *const md_menu_content_msgids[] __attribute__((visibility(\"hidden\"))) = "
           "{\n");
    for (int i = 0; i < c->n_restaurants; i++) {
        const md_menu_restaurant *r = &c->restaurants[i];
        printf("    /* TRANSLATORS: a restaurant's name (%s). */\n    N_(", r->name_ko);
        c_string(r->name_en);
        printf("),\n");
        for (int k = 0; k < r->n_dishes; k++) {
            const md_menu_dish *d = &r->dishes[k];
            printf("    /* TRANSLATORS: a dish (%s, %s). */\n    N_(", d->name_ko, d->rom);
            c_string(d->name_en);
            printf("),\n");
            if (d->desc_en) {
                printf("    /* TRANSLATORS: one line about the dish %s. */\n    N_(", d->name_ko);
                c_string(d->desc_en);
                printf("),\n");
            }
        }
    }
    printf("    0,\n};\n");
    md_menu_content_free(c);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "template"))
        return cmd_template(argv[2]);
    if ((argc == 4 || argc == 5) && !strcmp(argv[1], "import"))
        return cmd_import(argv[2], argv[3], argc == 5 && !strcmp(argv[4], "--sample"));
    if (argc == 3 && !strcmp(argv[1], "msgids"))
        return cmd_msgids(argv[2]);
    fprintf(stderr, "usage: madang-menu template DIR\n"
                    "       madang-menu import CSV_DIR OUT_DIR [--sample]\n"
                    "       madang-menu msgids CONTENT_DIR\n");
    return 2;
}
