/* Courseware content: parses course.json (with Jansson) and validates it strictly against the
 * schema in docs/COURSEWARE.md. All or nothing: the first problem is reported as
 * "course.json: <path>: <reason>" and nothing is kept, so the plugin goes on with the last good
 * content. Strings stay owned by the parsed document; arrays and romanizations by an arena.
 */
#include "course.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../../common/parena/parena.h"
#include "../../common/vpath/vjson.h"
#include "../../common/vpath/vpath.h"

#define MAX_FILE_BYTES (4u << 20)
#define ROM_CAP 512

static void *arena_alloc(md_course_content *c, size_t n_bytes)
{
    return md_parena_alloc(&c->arena, n_bytes);
}

typedef struct vctx {
    md_vpath vp; /* where in the file, and the first error */
    md_course_content *c;
    const char *dir;
} vctx;

/* The shared path-and-error helpers (common/vpath) on this validator's context. */
#define fail(v, ...) md_vpath_fail(&(v)->vp, __VA_ARGS__)
#define push(v, ...) md_vpath_push(&(v)->vp, __VA_ARGS__)
#define pop(v, mark) md_vpath_pop(&(v)->vp, mark)

static int check_keys(vctx *v, json_t *obj, const char *const *allowed)
{
    return md_vjson_check_keys(&v->vp, obj, allowed);
}

static int get_string(vctx *v, json_t *obj, const char *key, int required, const char **out)
{
    return md_vjson_get_string(&v->vp, obj, key, required, 0, out);
}

static int get_int(vctx *v, json_t *obj, const char *key, int lo, int hi, int *out)
{
    json_t *j = json_object_get(obj, key);
    if (!j)
        return fail(v, "missing \"%s\"", key);
    if (!json_is_integer(j) || json_integer_value(j) < lo || json_integer_value(j) > hi)
        return fail(v, "\"%s\" must be a whole number from %d to %d", key, lo, hi);
    *out = (int)json_integer_value(j);
    return 0;
}

/* Lower-case letters, digits, '-' and '.' (ids). */
static int valid_id(const char *s)
{
    if (!s[0] || strlen(s) > 64)
        return 0;
    for (const char *p = s; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '.'))
            return 0;
    return 1;
}

static int valid_rom(const char *s)
{
    for (const char *p = s; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || *p == ' ' || *p == '-' || *p == '\'' || *p == ',' ||
              *p == '.' || *p == '?' || *p == '!' || (*p >= '0' && *p <= '9')))
            return 0;
    return 1;
}

/* Hangul syllables and single spaces only (a word or a short phrase). */
static int valid_word(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    int prev_space = 1;
    while (*p) {
        if (*p == ' ') {
            if (prev_space)
                return 0;
            prev_space = 1;
            p++;
            continue;
        }
        if (p[0] != 0xEA && p[0] != 0xEB && p[0] != 0xEC && p[0] != 0xED)
            return 0;
        if ((p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
            return 0;
        uint32_t cp =
            ((uint32_t)(p[0] & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
        if (cp < 0xAC00 || cp > 0xD7A3)
            return 0;
        prev_space = 0;
        p += 3;
    }
    return !prev_space;
}

static int check_picture(vctx *v, const char *key, const char *rel)
{
    size_t n = strlen(rel);
    if (rel[0] == '/' || strstr(rel, "..") || n < 5 || strcmp(rel + n - 4, ".png") != 0)
        return fail(v, "\"%s\" must be a .png path inside the content directory", key);
    if (v->dir) {
        char full[1024];
        struct stat st;
        snprintf(full, sizeof full, "%s/%s", v->dir, rel);
        if (stat(full, &st) != 0 || !S_ISREG(st.st_mode))
            return fail(v, "\"%s\": %s not found", key, rel);
    }
    return 0;
}

static int count_occurrences(const char *hay, const char *needle)
{
    int n = 0;
    size_t len = strlen(needle);
    for (const char *p = strstr(hay, needle); p; p = strstr(p + len, needle))
        n++;
    return n;
}

static const char *romanized(vctx *v, const char *key, const char *ko, const char *given)
{
    char buf[ROM_CAP];
    if (md_roman_romanize(ko, buf, sizeof buf) < 0) {
        fail(v, "\"%s\" cannot be romanized (only Hangul, spaces and . , ? ! allowed)", key);
        return NULL;
    }
    if (given)
        return given;
    size_t n = strlen(buf) + 1;
    char *s = arena_alloc(v->c, n);
    if (!s) {
        fail(v, "out of memory");
        return NULL;
    }
    memcpy(s, buf, n);
    return s;
}

static int parse_item(vctx *v, json_t *j, md_course_item *it, int deck)
{
    static const char *const keys[] = {"id",      "ko",          "rom",   "meaning", "picture",
                                       "example", "example_rom", "level", NULL};
    if (!json_is_object(j))
        return fail(v, "must be an object");
    if (check_keys(v, j, keys) < 0)
        return -1;
    const char *rom = NULL, *ex_rom = NULL;
    if (get_string(v, j, "id", 1, &it->id) < 0 || get_string(v, j, "ko", 1, &it->ko) < 0 ||
        get_string(v, j, "rom", 0, &rom) < 0 || get_string(v, j, "meaning", 1, &it->meaning) < 0 ||
        get_string(v, j, "picture", 1, &it->picture) < 0 ||
        get_string(v, j, "example", 1, &it->example) < 0 ||
        get_string(v, j, "example_rom", 0, &ex_rom) < 0 ||
        get_int(v, j, "level", 1, 5, &it->level) < 0)
        return -1;
    if (!valid_id(it->id))
        return fail(v, "\"id\" \"%s\" may only use a-z, 0-9, '-' and '.'", it->id);
    if (!valid_word(it->ko))
        return fail(v, "\"ko\" must be Hangul syllables (words separated by single spaces)");
    if (rom && !valid_rom(rom))
        return fail(v, "\"rom\" must be lower-case Latin letters");
    if (ex_rom && !valid_rom(ex_rom))
        return fail(v, "\"example_rom\" must be lower-case Latin letters");
    if (strchr(it->meaning, '{') || strchr(it->meaning, '}'))
        return fail(v, "\"meaning\" must not contain braces (it is a message id)");
    if (check_picture(v, "picture", it->picture) < 0)
        return -1;
    int k = count_occurrences(it->example, it->ko);
    if (k != 1)
        return fail(v, "\"example\" must contain \"%s\" exactly once (it has it %d times)", it->ko,
                    k);
    if (!(it->rom = romanized(v, "ko", it->ko, rom)) ||
        !(it->example_rom = romanized(v, "example", it->example, ex_rom)))
        return -1;
    it->deck = deck;
    return 0;
}

static int parse_deck(vctx *v, json_t *j, int d, int *n_items_total, json_t **item_arrays)
{
    static const char *const keys[] = {"id", "title", "picture", "slot", "items", NULL};
    md_course_deck *dk = &v->c->decks[d];
    if (!json_is_object(j))
        return fail(v, "must be an object");
    if (check_keys(v, j, keys) < 0 || get_string(v, j, "id", 1, &dk->id) < 0 ||
        get_string(v, j, "title", 1, &dk->title) < 0 ||
        get_string(v, j, "picture", 1, &dk->picture) < 0 ||
        get_int(v, j, "slot", 1, MD_COURSE_MAX_DECKS, &dk->slot) < 0)
        return -1;
    dk->slot--;
    if (!valid_id(dk->id))
        return fail(v, "\"id\" \"%s\" may only use a-z, 0-9, '-' and '.'", dk->id);
    if (strchr(dk->title, '{') || strchr(dk->title, '}'))
        return fail(v, "\"title\" must not contain braces (it is a message id)");
    if (check_picture(v, "picture", dk->picture) < 0)
        return -1;
    for (int e = 0; e < d; e++) {
        if (strcmp(v->c->decks[e].id, dk->id) == 0)
            return fail(v, "deck id \"%s\" used twice", dk->id);
        if (v->c->decks[e].slot == dk->slot)
            return fail(v, "\"slot\" %d is already deck \"%s\"'s", dk->slot + 1, v->c->decks[e].id);
    }
    json_t *items = json_object_get(j, "items");
    if (!json_is_array(items) || json_array_size(items) < 4 ||
        json_array_size(items) > MD_COURSE_MAX_ITEMS_PER_DECK)
        return fail(v, "\"items\" must be an array of 4 to %d items (answers need 3 others)",
                    MD_COURSE_MAX_ITEMS_PER_DECK);
    dk->first_item = *n_items_total;
    dk->n_items = (int)json_array_size(items);
    *n_items_total += dk->n_items;
    item_arrays[d] = items;
    return 0;
}

md_course_content *md_course_content_parse(const char *text, const char *dir, char *err,
                                           size_t err_cap)
{
    if (err && err_cap)
        err[0] = '\0';
    md_course_content *c = calloc(1, sizeof *c);
    if (!c) {
        if (err && err_cap)
            snprintf(err, err_cap, "%s: out of memory", MD_COURSE_FILE);
        return NULL;
    }
    vctx v = {.vp = {.file = MD_COURSE_FILE, .err = err, .err_cap = err_cap}, .c = c, .dir = dir};
    json_error_t je;
    json_t *root = json_loads(text ? text : "", JSON_REJECT_DUPLICATES, &je);
    if (!root) {
        if (err && err_cap)
            snprintf(err, err_cap, "%s:%d:%d: %s", MD_COURSE_FILE, je.line, je.column, je.text);
        free(c);
        return NULL;
    }
    c->json = root;
    static const char *const keys[] = {"schema", "sample", "decks", NULL};
    json_t *decks = NULL;
    json_t *item_arrays[MD_COURSE_MAX_DECKS] = {0};
    int n_items = 0;
    if (!json_is_object(root)) {
        fail(&v, "must be an object");
        goto bad;
    }
    if (check_keys(&v, root, keys) < 0)
        goto bad;
    json_t *schema = json_object_get(root, "schema");
    if (!json_is_integer(schema) || json_integer_value(schema) < 1) {
        fail(&v, "\"schema\" must be a whole number (this plugin reads schema %d)",
             MD_COURSE_SCHEMA);
        goto bad;
    }
    if (json_integer_value(schema) > MD_COURSE_SCHEMA) {
        fail(&v, "schema %lld is newer than this plugin reads (%d): update the plugin",
             (long long)json_integer_value(schema), MD_COURSE_SCHEMA);
        goto bad;
    }
    c->schema = (int)json_integer_value(schema);
    json_t *sample = json_object_get(root, "sample");
    if (sample && !json_is_boolean(sample)) {
        fail(&v, "\"sample\" must be true or false");
        goto bad;
    }
    c->sample = json_is_true(sample);
    decks = json_object_get(root, "decks");
    if (!json_is_array(decks) || json_array_size(decks) < 1 ||
        json_array_size(decks) > MD_COURSE_MAX_DECKS) {
        fail(&v, "\"decks\" must be an array of 1 to %d decks (a progress code carries %d)",
             MD_COURSE_MAX_DECKS, MD_COURSE_MAX_DECKS);
        goto bad;
    }
    c->n_decks = (int)json_array_size(decks);
    c->decks = arena_alloc(c, sizeof *c->decks * (size_t)c->n_decks);
    if (!c->decks) {
        fail(&v, "out of memory");
        goto bad;
    }
    memset(c->decks, 0, sizeof *c->decks * (size_t)c->n_decks);
    for (int d = 0; d < c->n_decks; d++) {
        size_t m = push(&v, ".decks[%d]", d);
        if (parse_deck(&v, json_array_get(decks, (size_t)d), d, &n_items, item_arrays) < 0)
            goto bad;
        pop(&v, m);
    }
    c->n_items = n_items;
    c->items = arena_alloc(c, sizeof *c->items * (size_t)n_items);
    if (!c->items) {
        fail(&v, "out of memory");
        goto bad;
    }
    memset(c->items, 0, sizeof *c->items * (size_t)n_items);
    for (int d = 0; d < c->n_decks; d++) {
        const md_course_deck *dk = &c->decks[d];
        for (int i = 0; i < dk->n_items; i++) {
            size_t m = push(&v, ".decks[%d].items[%d]", d, i);
            md_course_item *it = &c->items[dk->first_item + i];
            if (parse_item(&v, json_array_get(item_arrays[d], (size_t)i), it, d) < 0)
                goto bad;
            for (int k = 0; k < dk->first_item + i; k++) {
                const md_course_item *o = &c->items[k];
                if (strcmp(o->id, it->id) == 0) {
                    fail(&v, "item id \"%s\" used twice", it->id);
                    goto bad;
                }
                if (o->deck == d && strcmp(o->ko, it->ko) == 0) {
                    fail(&v, "\"%s\" is already an item of this deck", it->ko);
                    goto bad;
                }
                if (o->deck == d && strcmp(o->meaning, it->meaning) == 0) {
                    fail(&v, "meaning \"%s\" is already an item of this deck", it->meaning);
                    goto bad;
                }
                if (o->deck == d && strcmp(o->rom, it->rom) == 0) {
                    fail(&v, "romanization \"%s\" is already an item of this deck", it->rom);
                    goto bad;
                }
            }
            pop(&v, m);
        }
    }
    return c;
bad:
    md_course_content_free(c);
    return NULL;
}

md_course_content *md_course_content_load(const char *dir, char *err, size_t err_cap)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, MD_COURSE_FILE);
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, err_cap, "%s: cannot open", path);
        return NULL;
    }
    char *text = malloc(MAX_FILE_BYTES + 1);
    size_t n = text ? fread(text, 1, MAX_FILE_BYTES + 1, f) : 0;
    fclose(f);
    if (!text || n > MAX_FILE_BYTES) {
        snprintf(err, err_cap, "%s: %s", path, text ? "larger than 4 MiB" : "out of memory");
        free(text);
        return NULL;
    }
    text[n] = '\0';
    md_course_content *c = md_course_content_parse(text, dir, err, err_cap);
    free(text);
    return c;
}

void md_course_content_free(md_course_content *c)
{
    if (!c)
        return;
    if (c->json)
        json_decref(c->json);
    md_parena_free(&c->arena);
    free(c);
}

int md_course_item_find(const md_course_content *c, const char *id)
{
    for (int i = 0; i < c->n_items; i++)
        if (strcmp(c->items[i].id, id) == 0)
            return i;
    return -1;
}

#undef fail
#undef push
#undef pop
