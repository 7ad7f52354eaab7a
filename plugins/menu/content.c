/* Menu content: parses menu.json (with Jansson) and validates it strictly against docs/MENU.md.
 * A set loads all or nothing: the first problem is reported as "menu.json: <path>: <reason>" and
 * nothing is kept, so the plugin goes on showing the last good set. Strings stay owned by the
 * parsed document; arrays are blocks of the content, freed together.
 */
#include "menu.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../common/roman/roman.h"
#include "../../common/vpath/vjson.h"
#include "../../common/vpath/vpath.h"

/* --- validation context: where in the document, and the first error --- */
typedef struct mctx {
    md_vpath vp; /* where in the file, and the first error */
    md_menu_content *c;
    const char *dir; /* photos must exist here; NULL: not checked (parse from memory) */
} mctx;

/* The shared path-and-error helpers (common/vpath) on this validator's context. */
#define mfail(v, ...) md_vpath_fail(&(v)->vp, __VA_ARGS__)
#define mpush(v, ...) md_vpath_push(&(v)->vp, __VA_ARGS__)
#define mpop(v, mark) md_vpath_pop(&(v)->vp, mark)

/* Zeroed memory owned by the content set. */
static void *block(md_menu_content *c, size_t n_bytes)
{
    if (c->n_blocks == c->cap_blocks) {
        int cap = c->cap_blocks ? c->cap_blocks * 2 : 64;
        void **grown = realloc(c->blocks, (size_t)cap * sizeof *grown);
        if (!grown)
            return NULL;
        c->blocks = grown;
        c->cap_blocks = cap;
    }
    void *p = calloc(1, n_bytes ? n_bytes : 1);
    if (p)
        c->blocks[c->n_blocks++] = p;
    return p;
}

static void *halloc(void *vv, size_t n_bytes)
{
    return block(((mctx *)vv)->c, n_bytes);
}

static int check_keys(mctx *v, json_t *obj, const char *const *allowed)
{
    return md_vjson_check_keys(&v->vp, obj, allowed);
}

static int get_str(mctx *v, json_t *obj, const char *key, int required, const char **out)
{
    return md_vjson_get_string(&v->vp, obj, key, required, 400, out);
}

static int get_krw(mctx *v, json_t *obj, const char *key, int required, int64_t *out)
{
    *out = -1;
    json_t *j = json_object_get(obj, key);
    if (!j)
        return required ? mfail(v, "missing \"%s\" (a price in won, e.g. 8000)", key) : 0;
    if (!json_is_integer(j) || json_integer_value(j) < 0 || json_integer_value(j) > 10000000)
        return mfail(v, "\"%s\" must be a whole number of won between 0 and 10000000", key);
    *out = (int64_t)json_integer_value(j);
    return 0;
}

static int get_bool(mctx *v, json_t *obj, const char *key, int *out)
{
    return md_vjson_get_bool(&v->vp, obj, key, out);
}

static int valid_id(const char *s)
{
    if (!*s || strlen(s) > 64)
        return 0;
    for (; *s; s++)
        if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) || *s == '_' || *s == '-'))
            return 0;
    return 1;
}

static int get_id(mctx *v, json_t *obj, const char **out)
{
    if (get_str(v, obj, "id", 1, out) < 0)
        return -1;
    return valid_id(*out) ? 0
                          : mfail(v, "id \"%s\" must be lower-case letters, digits, - or _", *out);
}

/* A Korean text must contain Hangul: a dish "without a Korean name" is one whose name_ko is
 * missing, empty, or has no Hangul syllable in it. */
static int has_hangul(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    for (; p[0]; p++)
        if (p[0] >= 0xEA && p[0] <= 0xED && p[1] && p[2]) {
            unsigned cp = ((unsigned)(p[0] & 0x0F) << 12) | ((unsigned)(p[1] & 0x3F) << 6) |
                          (unsigned)(p[2] & 0x3F);
            if (cp >= 0xAC00 && cp <= 0xD7A3)
                return 1;
        }
    return 0;
}

static int get_korean(mctx *v, json_t *obj, const char *key, const char **out)
{
    if (get_str(v, obj, key, 1, out) < 0)
        return -1;
    return has_hangul(*out) ? 0 : mfail(v, "\"%s\" must be written in Korean (Hangul)", key);
}

/* A content-relative image: no "..", no absolute path, a .png or .jpg, and present in dir. */
static int get_image(mctx *v, json_t *obj, const char *key, const char **out)
{
    if (get_str(v, obj, key, 0, out) < 0 || !*out)
        return v->vp.failed ? -1 : 0;
    const char *s = *out;
    size_t n = strlen(s);
    if (s[0] == '/' || strstr(s, "..") || n < 5 ||
        (strcmp(s + n - 4, ".png") != 0 && strcmp(s + n - 4, ".jpg") != 0))
        return mfail(v, "\"%s\" must be a .png or .jpg path inside the content folder", key);
    if (v->dir) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", v->dir, s);
        if (access(path, R_OK) != 0)
            return mfail(v, "\"%s\": %s is not in the content folder", key, s);
    }
    return 0;
}

#ifndef N_
#define N_(s) s
#endif
/* TRANSLATORS: a restaurant's kind of food (its cuisine). */
static const char *const k_cuisines[][2] = {
    {"korean", N_("Korean")},         {"chinese", N_("Chinese")},
    {"vietnamese", N_("Vietnamese")}, {"uzbek", N_("Uzbek")},
    {"nepali", N_("Nepali")},         {"indian", N_("Indian")},
    {"indonesian", N_("Indonesian")}, {"thai", N_("Thai")},
    {"russian", N_("Russian")},       {"mongolian", N_("Mongolian")},
    {"filipino", N_("Filipino")},     {"cambodian", N_("Cambodian")},
    {"pakistani", N_("Pakistani")},   {"bangladeshi", N_("Bangladeshi")},
    {"sri_lankan", N_("Sri Lankan")}, {"turkish", N_("Turkish")},
    {"other", N_("Other")},
};

const char *md_menu_cuisine_msgid(const char *code)
{
    for (size_t i = 0; code && i < sizeof k_cuisines / sizeof k_cuisines[0]; i++)
        if (strcmp(k_cuisines[i][0], code) == 0)
            return k_cuisines[i][1];
    return NULL;
}

static const char *const k_halal_codes[] = {"none", "halal_certified", "self_certified",
                                            "muslim_friendly", "pork_free"};

static uint32_t k_meat = (1u << MD_MENU_PORK) | (1u << MD_MENU_BEEF) | (1u << MD_MENU_CHICKEN);
static uint32_t k_sea = (1u << MD_MENU_MACKEREL) | (1u << MD_MENU_CRAB) | (1u << MD_MENU_SHRIMP) |
                        (1u << MD_MENU_SQUID) | (1u << MD_MENU_SHELLFISH);
static uint32_t k_animal = (1u << MD_MENU_EGG) | (1u << MD_MENU_MILK);

static const char *first_allergen(uint32_t mask)
{
    for (int i = 0; i < MD_MENU_N_ALLERGENS; i++)
        if (mask & (1u << i))
            return md_menu_allergens[i].code;
    return "?";
}

static int parse_dish(mctx *v, json_t *j, const md_menu_restaurant *r, md_menu_dish *d)
{
    static const char *const keys[] = {"id",    "name_ko", "rom",   "name_en",   "desc_en",
                                       "price", "photo",   "spice", "allergens", "alcohol",
                                       "diet",  "halal",   NULL};
    if (!json_is_object(j))
        return mfail(v, "must be an object");
    const char *rom = NULL;
    if (check_keys(v, j, keys) < 0 || get_id(v, j, &d->id) < 0 ||
        get_korean(v, j, "name_ko", &d->name_ko) < 0 || get_str(v, j, "rom", 0, &rom) < 0 ||
        get_str(v, j, "name_en", 1, &d->name_en) < 0 ||
        get_str(v, j, "desc_en", 0, &d->desc_en) < 0 ||
        get_krw(v, j, "price", 1, &d->price_krw) < 0 || get_image(v, j, "photo", &d->photo) < 0 ||
        get_bool(v, j, "alcohol", &d->alcohol) < 0 || get_bool(v, j, "halal", &d->halal) < 0)
        return -1;
    if (rom) {
        if (strlen(rom) >= MD_MENU_ROM_CAP)
            return mfail(v, "\"rom\" is too long");
        snprintf(d->rom, sizeof d->rom, "%s", rom);
    } else if (md_roman_romanize(d->name_ko, d->rom, sizeof d->rom) < 0) {
        return mfail(v,
                     "\"name_ko\" \"%s\" cannot be romanized automatically (only Hangul, digits, "
                     "spaces and . , ? ! - '): give \"rom\"",
                     d->name_ko);
    }
    json_t *spice = json_object_get(j, "spice");
    if (spice &&
        (!json_is_integer(spice) || json_integer_value(spice) < 0 || json_integer_value(spice) > 3))
        return mfail(v, "\"spice\" must be 0 (not spicy) to 3 (very spicy)");
    d->spice = spice ? (int)json_integer_value(spice) : 0;

    /* Allergens are required, even when empty: "allergens": [] is a statement the owner makes. */
    json_t *al = json_object_get(j, "allergens");
    if (!al)
        return mfail(v, "missing \"allergens\" (a list of codes; [] when it has none of the 19)");
    if (!json_is_array(al))
        return mfail(v, "\"allergens\" must be a list of codes");
    size_t i;
    json_t *a;
    json_array_foreach(al, i, a)
    {
        int k = json_is_string(a) ? md_menu_allergen_find(json_string_value(a)) : -1;
        if (k < 0) {
            mpush(v, ".allergens[%zu]", i);
            return mfail(v,
                         "unknown allergen %s%s%s (one of egg, milk, buckwheat, peanut, soybean, "
                         "wheat, mackerel, crab, shrimp, pork, peach, tomato, sulfites, walnut, "
                         "chicken, beef, squid, shellfish, pine_nut)",
                         json_is_string(a) ? "\"" : "",
                         json_is_string(a) ? json_string_value(a) : "code",
                         json_is_string(a) ? "\"" : "");
        }
        if (d->allergens & (1u << k)) {
            mpush(v, ".allergens[%zu]", i);
            return mfail(v, "\"%s\" is listed twice", md_menu_allergens[k].code);
        }
        d->allergens |= 1u << k;
    }
    json_t *diet = json_object_get(j, "diet");
    if (diet && !json_is_array(diet))
        return mfail(v, "\"diet\" must be a list of \"vegetarian\", \"vegan\", \"pescatarian\"");
    json_array_foreach(diet, i, a)
    {
        const char *w = json_is_string(a) ? json_string_value(a) : "";
        int bit = strcmp(w, "vegetarian") == 0    ? MD_MENU_CLAIM_VEGETARIAN
                  : strcmp(w, "vegan") == 0       ? MD_MENU_CLAIM_VEGAN
                  : strcmp(w, "pescatarian") == 0 ? MD_MENU_CLAIM_PESCATARIAN
                                                  : 0;
        if (!bit) {
            mpush(v, ".diet[%zu]", i);
            return mfail(v, "must be \"vegetarian\", \"vegan\" or \"pescatarian\"");
        }
        d->claims |= bit;
    }
    /* A claim the allergens contradict is refused: a visitor relies on it. */
    if (d->claims && (d->allergens & k_meat))
        return mfail(v, "\"diet\" says it has no meat, but \"allergens\" lists \"%s\"",
                     first_allergen(d->allergens & k_meat));
    if ((d->claims & (MD_MENU_CLAIM_VEGETARIAN | MD_MENU_CLAIM_VEGAN)) && (d->allergens & k_sea))
        return mfail(v, "\"diet\" says vegetarian, but \"allergens\" lists \"%s\"",
                     first_allergen(d->allergens & k_sea));
    if ((d->claims & MD_MENU_CLAIM_VEGAN) && (d->allergens & k_animal))
        return mfail(v, "\"diet\" says vegan, but \"allergens\" lists \"%s\"",
                     first_allergen(d->allergens & k_animal));
    int pork = (d->allergens >> MD_MENU_PORK) & 1;
    if (pork && r->halal != MD_MENU_HALAL_NONE)
        return mfail(v, "contains pork, but the restaurant is \"%s\"", k_halal_codes[r->halal]);
    if (d->alcohol &&
        (r->halal == MD_MENU_HALAL_CERTIFIED || r->halal == MD_MENU_HALAL_SELF_CERTIFIED))
        return mfail(v, "contains alcohol, but the restaurant is \"%s\"", k_halal_codes[r->halal]);
    if (d->halal && r->halal != MD_MENU_HALAL_MUSLIM_FRIENDLY)
        return mfail(v, "\"halal\" marks a halal dish of a \"muslim_friendly\" restaurant only "
                        "(certified and self-certified restaurants are halal throughout)");
    if (d->halal && d->alcohol)
        return mfail(v, "\"halal\" but contains alcohol");
    return 0;
}

static int parse_restaurant(mctx *v, json_t *j, md_menu_restaurant *r)
{
    static const char *const keys[] = {
        "id",  "name_ko",   "name_en",   "cuisine", "address_ko", "address_en", "phone",  "lat",
        "lon", "price_min", "price_max", "photo",   "halal",      "hours",      "dishes", NULL};
    if (!json_is_object(j))
        return mfail(v, "must be an object");
    const char *halal = NULL;
    if (check_keys(v, j, keys) < 0 || get_id(v, j, &r->id) < 0 ||
        get_korean(v, j, "name_ko", &r->name_ko) < 0 ||
        get_str(v, j, "name_en", 1, &r->name_en) < 0 ||
        get_str(v, j, "cuisine", 1, &r->cuisine) < 0 ||
        get_korean(v, j, "address_ko", &r->address_ko) < 0 ||
        get_str(v, j, "address_en", 1, &r->address_en) < 0 ||
        get_str(v, j, "phone", 0, &r->phone) < 0 || get_image(v, j, "photo", &r->photo) < 0 ||
        get_str(v, j, "halal", 0, &halal) < 0 ||
        get_krw(v, j, "price_min", 1, &r->price_min_krw) < 0 ||
        get_krw(v, j, "price_max", 1, &r->price_max_krw) < 0)
        return -1;
    if (!md_menu_cuisine_msgid(r->cuisine))
        return mfail(v, "unknown cuisine \"%s\" (see docs/MENU.md for the list)", r->cuisine);
    if (r->price_max_krw < r->price_min_krw)
        return mfail(v, "\"price_max\" is below \"price_min\"");
    for (const char *p = r->phone; p && *p; p++)
        if (!isdigit((unsigned char)*p) && *p != '-')
            return mfail(v, "\"phone\" may hold digits and - only");
    r->halal = MD_MENU_HALAL_NONE;
    if (halal) {
        int k = -1;
        for (int i = 0; i < 5; i++)
            if (strcmp(halal, k_halal_codes[i]) == 0)
                k = i;
        if (k < 0)
            return mfail(v,
                         "\"halal\" must be \"halal_certified\", \"self_certified\", "
                         "\"muslim_friendly\", \"pork_free\" or \"none\" (the Korea Tourism "
                         "Organization's tiers), not \"%s\"",
                         halal);
        r->halal = (md_menu_halal)k;
    }
    json_t *lat = json_object_get(j, "lat"), *lon = json_object_get(j, "lon");
    if (!json_is_number(lat) || !json_is_number(lon))
        return mfail(v, "\"lat\" and \"lon\" must be numbers (WGS 84 degrees)");
    r->lat = json_number_value(lat);
    r->lon = json_number_value(lon);
    if (!(r->lat >= -90 && r->lat <= 90 && r->lon >= -180 && r->lon <= 180))
        return mfail(v, "\"lat\"/\"lon\" out of range");
    json_t *hours = json_object_get(j, "hours");
    if (!hours)
        return mfail(v, "missing \"hours\"");
    char where[64], reason[256];
    size_t mark = mpush(v, ".hours");
    if (md_hours_parse_json(hours, &r->hours, halloc, v, where, sizeof where, reason,
                            sizeof reason) < 0) {
        mpush(v, "%s", where);
        return mfail(v, "%s", reason);
    }
    mpop(v, mark);
    json_t *dishes = json_object_get(j, "dishes");
    if (!json_is_array(dishes) || json_array_size(dishes) == 0)
        return mfail(v, "\"dishes\" must be a list of at least one dish");
    if (json_array_size(dishes) > MD_MENU_MAX_DISHES)
        return mfail(v, "more than %d dishes", MD_MENU_MAX_DISHES);
    r->dishes = block(v->c, json_array_size(dishes) * sizeof *r->dishes);
    if (!r->dishes)
        return mfail(v, "out of memory");
    size_t i;
    json_t *d;
    json_array_foreach(dishes, i, d)
    {
        size_t m2 = mpush(v, ".dishes[%zu]", i);
        if (parse_dish(v, d, r, &r->dishes[i]) < 0)
            return -1;
        for (int k = 0; k < (int)i; k++)
            if (strcmp(r->dishes[k].id, r->dishes[i].id) == 0)
                return mfail(v, "dish id \"%s\" is used twice", r->dishes[i].id);
        r->n_dishes++;
        mpop(v, m2);
    }
    return 0;
}

static int cmp_date(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

static md_menu_content *parse(const char *text, size_t n_bytes, const char *dir, char *err,
                              size_t err_cap)
{
    md_menu_content *c = calloc(1, sizeof *c);
    if (!c) {
        snprintf(err, err_cap, "%s: out of memory", MD_MENU_FILE);
        return NULL;
    }
    mctx v = {.vp = {.file = MD_MENU_FILE, .err = err, .err_cap = err_cap}, .c = c, .dir = dir};
    json_error_t je;
    json_t *root = json_loadb(text, n_bytes, JSON_REJECT_DUPLICATES, &je);
    if (!root) {
        snprintf(err, err_cap, "%s:%d: %s", MD_MENU_FILE, je.line, je.text);
        free(c);
        return NULL;
    }
    c->json = root;
    static const char *const keys[] = {"schema",   "sample",      "time_zone",
                                       "holidays", "restaurants", NULL};
    if (!json_is_object(root)) {
        mfail(&v, "must be an object");
        goto fail;
    }
    if (check_keys(&v, root, keys) < 0)
        goto fail;
    json_t *schema = json_object_get(root, "schema");
    if (!json_is_integer(schema) || json_integer_value(schema) < 1 ||
        json_integer_value(schema) > MD_MENU_SCHEMA) {
        mfail(&v, "\"schema\" must be an integer from 1 to %d", MD_MENU_SCHEMA);
        goto fail;
    }
    c->schema = (int)json_integer_value(schema);
    if (get_bool(&v, root, "sample", &c->sample) < 0 ||
        get_str(&v, root, "time_zone", 1, &c->time_zone) < 0)
        goto fail;
    char zerr[160];
    md_hours_clock *clock = md_hours_clock_create(c->time_zone, zerr, sizeof zerr);
    if (!clock) {
        mfail(&v, "\"time_zone\": %s", zerr);
        goto fail;
    }
    md_hours_clock_destroy(clock);
    json_t *hol = json_object_get(root, "holidays");
    if (hol && (!json_is_array(hol) || json_array_size(hol) > 1000)) {
        mfail(&v, "\"holidays\" must be a list of dates \"YYYY-MM-DD\"");
        goto fail;
    }
    c->holidays = block(c, (json_array_size(hol) + 1) * sizeof *c->holidays);
    if (!c->holidays) {
        mfail(&v, "out of memory");
        goto fail;
    }
    size_t i;
    json_t *h;
    json_array_foreach(hol, i, h)
    {
        int32_t date = json_is_string(h) ? md_hours_date_parse(json_string_value(h)) : -1;
        if (date < 0) {
            mpush(&v, ".holidays[%zu]", i);
            mfail(&v, "must be a date \"YYYY-MM-DD\"");
            goto fail;
        }
        c->holidays[c->n_holidays++] = date;
    }
    qsort(c->holidays, (size_t)c->n_holidays, sizeof *c->holidays, cmp_date);
    json_t *rs = json_object_get(root, "restaurants");
    if (!json_is_array(rs) || json_array_size(rs) == 0) {
        mfail(&v, "\"restaurants\" must be a list of at least one restaurant");
        goto fail;
    }
    if (json_array_size(rs) > MD_MENU_MAX_RESTAURANTS) {
        mfail(&v, "more than %d restaurants", MD_MENU_MAX_RESTAURANTS);
        goto fail;
    }
    c->restaurants = block(c, json_array_size(rs) * sizeof *c->restaurants);
    if (!c->restaurants) {
        mfail(&v, "out of memory");
        goto fail;
    }
    json_t *r;
    json_array_foreach(rs, i, r)
    {
        size_t mark = mpush(&v, "restaurants[%zu]", i);
        if (parse_restaurant(&v, r, &c->restaurants[i]) < 0)
            goto fail;
        for (int k = 0; k < (int)i; k++)
            if (strcmp(c->restaurants[k].id, c->restaurants[i].id) == 0) {
                mfail(&v, "restaurant id \"%s\" is used twice", c->restaurants[i].id);
                goto fail;
            }
        c->n_restaurants++;
        mpop(&v, mark);
    }
    return c;
fail:
    md_menu_content_free(c);
    return NULL;
}

md_menu_content *md_menu_content_parse(const char *text, size_t n_bytes, char *err, size_t err_cap)
{
    return parse(text, n_bytes, NULL, err, err_cap);
}

md_menu_content *md_menu_content_load(const char *dir, char *err, size_t err_cap)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, MD_MENU_FILE);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        snprintf(err, err_cap, "%s: cannot read: %s", MD_MENU_FILE,
                 fd < 0 ? strerror(errno) : "not a regular file");
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    if ((uint64_t)st.st_size > MD_MENU_MAX_FILE_BYTES) {
        snprintf(err, err_cap, "%s: larger than %u bytes", MD_MENU_FILE, MD_MENU_MAX_FILE_BYTES);
        close(fd);
        return NULL;
    }
    size_t n = (size_t)st.st_size;
    char *text = malloc(n + 1);
    size_t got = 0;
    while (text && got < n) {
        ssize_t k = read(fd, text + got, n - got);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            break;
        got += (size_t)k;
    }
    close(fd);
    if (!text || got != n) {
        snprintf(err, err_cap, "%s: cannot read the whole file", MD_MENU_FILE);
        free(text);
        return NULL;
    }
    text[n] = '\0';
    md_menu_content *c = parse(text, n, dir, err, err_cap);
    free(text);
    return c;
}

void md_menu_content_free(md_menu_content *c)
{
    if (!c)
        return;
    for (int i = 0; i < c->n_blocks; i++)
        free(c->blocks[i]);
    free(c->blocks);
    if (c->json)
        json_decref(c->json);
    free(c);
}

#undef mfail
#undef mpush
#undef mpop
