/* Health content: parses the four JSON documents of the content directory (with Jansson) and
 * validates them strictly against the schema in docs/CONTENT.md. A set loads all or nothing: the
 * first problem is reported as "<file>: <path>: <reason>" and nothing is kept, so the plugin can go
 * on showing the last good set. Strings stay owned by the parsed documents; arrays by an arena.
 */
#include "health.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../common/parena/parena.h"
#include "../../common/vpath/vjson.h"
#include "../../common/vpath/vpath.h"

#define MAX_FILE_BYTES (4u << 20) /* a content file larger than this is refused */

/* --- arena: every array of one content set, freed at once --- */
static void *arena_alloc(md_health_content *c, size_t n_bytes)
{
    return md_parena_alloc(&c->arena, n_bytes);
}

/* --- validation context: which file, where in it, and the first error --- */
typedef struct vctx {
    md_vpath vp; /* where in the file, and the first error */
    md_health_content *c;
} vctx;

/* The shared path-and-error helpers (common/vpath) on this validator's context. */
#define fail(v, ...) md_vpath_fail(&(v)->vp, __VA_ARGS__)
#define push(v, ...) md_vpath_push(&(v)->vp, __VA_ARGS__)
#define pop(v, mark) md_vpath_pop(&(v)->vp, mark)

static void *alloc(vctx *v, size_t n_items, size_t item_bytes)
{
    if (item_bytes && n_items > SIZE_MAX / item_bytes / 2) {
        fail(v, "too many items");
        return NULL;
    }
    void *p = arena_alloc(v->c, n_items * item_bytes);
    if (!p)
        fail(v, "out of memory");
    return p;
}

static int check_keys(vctx *v, json_t *obj, const char *const *allowed)
{
    return md_vjson_check_keys(&v->vp, obj, allowed);
}

static int expect_object(vctx *v, json_t *j)
{
    return json_is_object(j) ? 0 : fail(v, "must be an object");
}

static int get_string(vctx *v, json_t *obj, const char *key, int required, const char **out)
{
    return md_vjson_get_string(&v->vp, obj, key, required, 0, out);
}

static int get_bool(vctx *v, json_t *obj, const char *key, int *out)
{
    return md_vjson_get_bool(&v->vp, obj, key, out);
}

static int get_array(vctx *v, json_t *obj, const char *key, int required, int min_items,
                     json_t **out)
{
    *out = json_object_get(obj, key);
    if (!*out)
        return required ? fail(v, "missing \"%s\"", key) : 0;
    if (!json_is_array(*out))
        return fail(v, "\"%s\" must be an array", key);
    if ((int)json_array_size(*out) < min_items)
        return fail(v, "\"%s\" needs at least %d item%s", key, min_items,
                    min_items == 1 ? "" : "s");
    if (json_array_size(*out) > 10000)
        return fail(v, "\"%s\" has too many items", key);
    return 0;
}

/* BCP 47 as we use it: a 2-3 letter language, then subtags of 2-8 letters or digits. */
static int valid_lang(const char *s)
{
    size_t n = 0;
    while (s[n] >= 'a' && s[n] <= 'z')
        n++;
    if (n < 2 || n > 3)
        return 0;
    while (s[n] == '-') {
        size_t k = 0;
        n++;
        while (isalnum((unsigned char)s[n + k]))
            k++;
        if (k < 2 || k > 8)
            return 0;
        n += k;
    }
    return s[n] == '\0';
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

static int get_id(vctx *v, json_t *obj, const char **out)
{
    if (get_string(v, obj, "id", 1, out) < 0)
        return -1;
    return valid_id(*out) ? 0
                          : fail(v, "id \"%s\" must be lower-case letters, digits, - or _", *out);
}

/* A per-language text: {"en": "...", "ko": "...", ...}. "en" is always required; need_ko for the
 * sentences a Korean doctor, driver or operator reads. */
static int get_text(vctx *v, json_t *obj, const char *key, int required, int need_ko,
                    md_health_text *out)
{
    memset(out, 0, sizeof *out);
    json_t *j = json_object_get(obj, key);
    if (!j)
        return required ? fail(v, "missing \"%s\"", key) : 0;
    size_t mark = push(v, ".%s", key);
    if (!json_is_object(j) || json_object_size(j) == 0) {
        fail(v, "must be an object of language code to text, e.g. {\"en\": \"...\"}");
        goto out;
    }
    size_t n = json_object_size(j);
    out->langs = alloc(v, n, sizeof *out->langs);
    out->texts = alloc(v, n, sizeof *out->texts);
    if (!out->langs || !out->texts)
        goto out;
    const char *lang;
    json_t *t;
    int have_en = 0, have_ko = 0;
    json_object_foreach(j, lang, t)
    {
        if (lang[0] == '_')
            continue;
        if (!valid_lang(lang)) {
            fail(v, "\"%s\" is not a language code (BCP 47, e.g. \"vi\", \"uz-Latn\")", lang);
            goto out;
        }
        if (!json_is_string(t) || json_string_length(t) == 0) {
            fail(v, "the \"%s\" text must be a non-empty string", lang);
            goto out;
        }
        have_en |= strcmp(lang, "en") == 0;
        have_ko |= strcmp(lang, "ko") == 0;
        out->langs[out->n] = lang;
        out->texts[out->n] = json_string_value(t);
        out->n++;
    }
    if (!have_en)
        fail(v, "has no \"en\" text (every text needs English, the end of every fallback chain)");
    else if (need_ko && !have_ko)
        fail(v, "has no \"ko\" text (Korean is needed here: it is shown to Korean staff)");
out:
    pop(v, mark);
    return v->vp.failed ? -1 : 0;
}

/* "YYYY-MM-DD" -> yyyymmdd, or -1 (common/hours). */
static int32_t parse_date(const char *s)
{
    return md_hours_date_parse(s);
}

static int cmp_i32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

static void *hours_alloc(void *vv, size_t n_bytes)
{
    return alloc(vv, n_bytes, 1);
}

/* The clinic's "hours" object, read by the shared reader (common/hours). */
static int parse_hours(vctx *v, json_t *clinic, md_hours *h)
{
    json_t *j = json_object_get(clinic, "hours");
    if (!j)
        return fail(v, "missing \"hours\"");
    char where[64], reason[256];
    size_t mark = push(v, ".hours");
    if (md_hours_parse_json(j, h, hours_alloc, v, where, sizeof where, reason, sizeof reason) < 0) {
        push(v, "%s", where);
        fail(v, "%s", reason);
    }
    pop(v, mark);
    return v->vp.failed ? -1 : 0;
}

int md_health_dept_find(const md_health_content *c, const char *id)
{
    for (int i = 0; i < c->n_depts; i++)
        if (strcmp(c->depts[i].id, id) == 0)
            return i;
    return -1;
}

static int get_dept(vctx *v, json_t *obj, const char *key, int required, int *out)
{
    const char *id = NULL;
    *out = -1;
    if (get_string(v, obj, key, required, &id) < 0 || !id)
        return v->vp.failed ? -1 : 0;
    *out = md_health_dept_find(v->c, id);
    return *out >= 0 ? 0 : fail(v, "\"%s\": no department \"%s\" in health.json", key, id);
}

static int get_for(vctx *v, json_t *obj, int *mask)
{
    json_t *arr = NULL;
    *mask = MD_HEALTH_FOR_ADULT | MD_HEALTH_FOR_CHILD;
    if (get_array(v, obj, "for", 0, 1, &arr) < 0 || !arr)
        return v->vp.failed ? -1 : 0;
    *mask = 0;
    size_t i;
    json_t *s;
    json_array_foreach(arr, i, s)
    {
        const char *w = json_is_string(s) ? json_string_value(s) : "";
        if (strcmp(w, "adult") == 0)
            *mask |= MD_HEALTH_FOR_ADULT;
        else if (strcmp(w, "child") == 0)
            *mask |= MD_HEALTH_FOR_CHILD;
        else
            return fail(v, "\"for\" items must be \"adult\" or \"child\"");
    }
    return 0;
}

/* ---------------- health.json ---------------- */

static int parse_question(vctx *v, json_t *card, const char *key, md_health_question *q)
{
    json_t *j = json_object_get(card, key);
    if (!j)
        return fail(v, "missing \"%s\"", key);
    size_t mark = push(v, ".%s", key);
    static const char *const keys[] = {"title", "choices", NULL};
    json_t *arr = NULL;
    if (expect_object(v, j) < 0 || check_keys(v, j, keys) < 0 ||
        get_text(v, j, "title", 1, 0, &q->title) < 0 || get_array(v, j, "choices", 1, 1, &arr) < 0)
        goto out;
    q->n_choices = (int)json_array_size(arr);
    if (!(q->choices = alloc(v, (size_t)q->n_choices, sizeof *q->choices)))
        goto out;
    size_t i;
    json_t *ch;
    json_array_foreach(arr, i, ch)
    {
        size_t m2 = push(v, ".choices[%zu]", i);
        static const char *const ckeys[] = {"id", "label", "card", NULL};
        md_health_choice *c = &q->choices[i];
        if (expect_object(v, ch) < 0 || check_keys(v, ch, ckeys) < 0 || get_id(v, ch, &c->id) < 0 ||
            get_text(v, ch, "label", 1, 0, &c->label) < 0 ||
            get_text(v, ch, "card", 0, 1, &c->card) < 0)
            goto out;
        pop(v, m2);
    }
out:
    pop(v, mark);
    return v->vp.failed ? -1 : 0;
}

static int parse_guide(vctx *v, json_t *root)
{
    md_health_content *c = v->c;
    static const char *const keys[] = {"schema",    "sample",    "region",   "machine_drafted",
                                       "time_zone", "map_link",  "holidays", "departments",
                                       "card",      "emergency", NULL};
    if (expect_object(v, root) < 0 || check_keys(v, root, keys) < 0)
        return -1;
    json_t *schema = json_object_get(root, "schema");
    if (!json_is_integer(schema))
        return fail(v, "missing \"schema\" (an integer; this plugin reads schema %d)",
                    MD_HEALTH_SCHEMA);
    c->schema = (int)json_integer_value(schema);
    if (c->schema < 1 || c->schema > MD_HEALTH_SCHEMA)
        return fail(v, "schema %lld is not supported (this plugin reads schema 1 to %d)",
                    (long long)json_integer_value(schema), MD_HEALTH_SCHEMA);
    if (get_bool(v, root, "sample", &c->sample) < 0 ||
        get_text(v, root, "region", 1, 1, &c->region) < 0 ||
        get_string(v, root, "time_zone", 1, &c->time_zone) < 0 ||
        get_string(v, root, "map_link", 1, &c->map_link) < 0)
        return -1;
    if (strncmp(c->map_link, "https://", 8) != 0)
        return fail(v, "\"map_link\" must start with https://");
    char zerr[160];
    md_hours_clock *clock = md_hours_clock_create(c->time_zone, zerr, sizeof zerr);
    if (!clock)
        return fail(v, "\"time_zone\": %s", zerr);
    md_hours_clock_destroy(clock);

    json_t *arr = NULL;
    if (get_array(v, root, "machine_drafted", 0, 0, &arr) < 0)
        return -1;
    if (arr) {
        c->n_drafted = (int)json_array_size(arr);
        if (!(c->drafted = alloc(v, (size_t)c->n_drafted + 1, sizeof *c->drafted)))
            return -1;
        size_t i;
        json_t *s;
        json_array_foreach(arr, i, s)
        {
            if (!json_is_string(s) || !valid_lang(json_string_value(s)))
                return fail(v, "\"machine_drafted\"[%zu] must be a language code", i);
            c->drafted[i] = json_string_value(s);
        }
    }

    if (get_array(v, root, "holidays", 1, 0, &arr) < 0)
        return -1;
    c->n_holidays = (int)json_array_size(arr);
    if (!(c->holidays = alloc(v, (size_t)c->n_holidays + 1, sizeof *c->holidays)))
        return -1;
    size_t i;
    json_t *h;
    json_array_foreach(arr, i, h)
    {
        size_t mark = push(v, ".holidays[%zu]", i);
        static const char *const hkeys[] = {"date", "name", NULL};
        const char *date = NULL;
        if (expect_object(v, h) < 0 || check_keys(v, h, hkeys) < 0 ||
            get_string(v, h, "date", 1, &date) < 0 ||
            get_text(v, h, "name", 1, 0, &c->holidays[i].name) < 0)
            return -1;
        if ((c->holidays[i].date = parse_date(date)) < 0)
            return fail(v,
                        "\"date\" must be a date \"YYYY-MM-DD\" between 2000 and 2100, not "
                        "\"%s\"",
                        date);
        for (size_t k = 0; k < i; k++)
            if (c->holidays[k].date == c->holidays[i].date)
                return fail(v, "%s is listed twice", date);
        pop(v, mark);
    }
    qsort(c->holidays, (size_t)c->n_holidays, sizeof *c->holidays, cmp_i32);
    if (!(c->holiday_dates = alloc(v, (size_t)c->n_holidays + 1, sizeof *c->holiday_dates)))
        return -1;
    for (int k = 0; k < c->n_holidays; k++)
        c->holiday_dates[k] = c->holidays[k].date;

    if (get_array(v, root, "departments", 1, 1, &arr) < 0)
        return -1;
    c->n_depts = 0;
    if (!(c->depts = alloc(v, json_array_size(arr), sizeof *c->depts)))
        return -1;
    json_t *d;
    json_array_foreach(arr, i, d)
    {
        size_t mark = push(v, ".departments[%zu]", i);
        static const char *const dkeys[] = {"id", "name", NULL};
        md_health_dept *dp = &c->depts[i];
        if (expect_object(v, d) < 0 || check_keys(v, d, dkeys) < 0 || get_id(v, d, &dp->id) < 0 ||
            get_text(v, d, "name", 1, 1, &dp->name) < 0)
            return -1;
        if (md_health_dept_find(c, dp->id) >= 0)
            return fail(v, "department \"%s\" is listed twice", dp->id);
        c->n_depts++;
        pop(v, mark);
    }

    json_t *card = json_object_get(root, "card");
    if (!card)
        return fail(v, "missing \"card\"");
    size_t mark = push(v, ".card");
    static const char *const ckeys[] = {"intro",     "since",     "allergies",
                                        "medicines", "pregnancy", NULL};
    static const char *const qkeys[MD_HEALTH_N_QUESTIONS] = {"since", "allergies", "medicines",
                                                             "pregnancy"};
    if (expect_object(v, card) < 0 || check_keys(v, card, ckeys) < 0 ||
        get_text(v, card, "intro", 1, 1, &c->card_intro) < 0)
        return -1;
    for (int q = 0; q < MD_HEALTH_N_QUESTIONS; q++)
        if (parse_question(v, card, qkeys[q], &c->questions[q]) < 0)
            return -1;
    pop(v, mark);

    json_t *em = json_object_get(root, "emergency");
    if (!em)
        return fail(v, "missing \"emergency\"");
    mark = push(v, ".emergency");
    static const char *const ekeys[] = {"say", NULL};
    if (expect_object(v, em) < 0 || check_keys(v, em, ekeys) < 0 ||
        get_text(v, em, "say", 1, 1, &c->emergency_say) < 0)
        return -1;
    pop(v, mark);
    return 0;
}

/* ---------------- symptoms.json ---------------- */

static int parse_urgency(vctx *v, json_t *obj, md_health_urgency *out)
{
    static const char *const names[] = {"", "routine", "soon", "today", "emergency"};
    const char *s = NULL;
    if (get_string(v, obj, "urgency", 1, &s) < 0)
        return -1;
    for (int i = 1; i <= MD_HEALTH_URGENCY_EMERGENCY; i++)
        if (strcmp(s, names[i]) == 0) {
            *out = (md_health_urgency)i;
            return 0;
        }
    return fail(v,
                "\"urgency\" must be \"routine\", \"soon\", \"today\" or \"emergency\", not "
                "\"%s\"",
                s);
}

static int parse_symptoms(vctx *v, json_t *root)
{
    md_health_content *c = v->c;
    static const char *const keys[] = {"areas", NULL};
    json_t *areas = NULL;
    if (expect_object(v, root) < 0 || check_keys(v, root, keys) < 0 ||
        get_array(v, root, "areas", 1, 1, &areas) < 0)
        return -1;
    size_t n_sym = 0, i;
    json_t *a;
    json_array_foreach(areas, i, a)
    {
        json_t *s = json_object_get(a, "symptoms");
        n_sym += json_is_array(s) ? json_array_size(s) : 0;
    }
    c->n_areas = (int)json_array_size(areas);
    if (!(c->areas = alloc(v, (size_t)c->n_areas, sizeof *c->areas)) ||
        !(c->symptoms = alloc(v, n_sym + 1, sizeof *c->symptoms)))
        return -1;
    json_array_foreach(areas, i, a)
    {
        size_t mark = push(v, ".areas[%zu]", i);
        static const char *const akeys[] = {"id", "icon", "name", "for", "symptoms", NULL};
        md_health_area *ar = &c->areas[i];
        json_t *syms = NULL;
        if (expect_object(v, a) < 0 || check_keys(v, a, akeys) < 0 || get_id(v, a, &ar->id) < 0 ||
            get_string(v, a, "icon", 0, &ar->icon) < 0 ||
            get_text(v, a, "name", 1, 0, &ar->name) < 0 || get_for(v, a, &ar->for_mask) < 0 ||
            get_array(v, a, "symptoms", 1, 1, &syms) < 0)
            return -1;
        for (size_t k = 0; k < i; k++)
            if (strcmp(c->areas[k].id, ar->id) == 0)
                return fail(v, "area \"%s\" is listed twice", ar->id);
        ar->first_symptom = c->n_symptoms;
        size_t k;
        json_t *s;
        json_array_foreach(syms, k, s)
        {
            size_t m2 = push(v, ".symptoms[%zu]", k);
            static const char *const skeys[] = {
                "id",      "icon", "name", "card", "for", "department", "child_department",
                "urgency", NULL};
            md_health_symptom *sy = &c->symptoms[c->n_symptoms];
            if (expect_object(v, s) < 0 || check_keys(v, s, skeys) < 0 ||
                get_id(v, s, &sy->id) < 0 || get_string(v, s, "icon", 0, &sy->icon) < 0 ||
                get_text(v, s, "name", 1, 0, &sy->name) < 0 ||
                get_text(v, s, "card", 1, 1, &sy->card) < 0 || get_for(v, s, &sy->for_mask) < 0 ||
                get_dept(v, s, "department", 1, &sy->dept) < 0 ||
                get_dept(v, s, "child_department", 0, &sy->child_dept) < 0 ||
                parse_urgency(v, s, &sy->urgency) < 0)
                return -1;
            for (int q = 0; q < c->n_symptoms; q++)
                if (strcmp(c->symptoms[q].id, sy->id) == 0)
                    return fail(v, "symptom \"%s\" is listed twice", sy->id);
            if ((sy->for_mask & ar->for_mask) == 0)
                return fail(v, "symptom is for nobody its area \"%s\" is shown to", ar->id);
            sy->area = (int)i;
            c->n_symptoms++;
            ar->n_symptoms++;
            pop(v, m2);
        }
        pop(v, mark);
    }
    return 0;
}

/* ---------------- clinics.json ---------------- */

static int get_coord(vctx *v, json_t *obj, const char *key, double lo, double hi, double *out)
{
    json_t *j = json_object_get(obj, key);
    if (!json_is_number(j))
        return fail(v, "\"%s\" must be a number", key);
    *out = json_number_value(j);
    if (!(*out >= lo && *out <= hi))
        return fail(v, "\"%s\" %g is out of range [%g, %g]", key, *out, lo, hi);
    return 0;
}

static int parse_clinic(vctx *v, json_t *j, md_health_clinic *cl)
{
    md_health_content *c = v->c;
    static const char *const keys[] = {"id",          "name_ko",
                                       "name_latn",   "name",
                                       "address_ko",  "address_latn",
                                       "phone",       "lat",
                                       "lon",         "departments",
                                       "languages",   "uninsured",
                                       "free_clinic", "emergency_room",
                                       "map_url",     "note",
                                       "hours",       NULL};
    json_t *arr = NULL;
    if (expect_object(v, j) < 0 || check_keys(v, j, keys) < 0 || get_id(v, j, &cl->id) < 0 ||
        get_string(v, j, "name_ko", 1, &cl->name_ko) < 0 ||
        get_string(v, j, "name_latn", 1, &cl->name_latn) < 0 ||
        get_text(v, j, "name", 0, 0, &cl->name) < 0 ||
        get_string(v, j, "address_ko", 1, &cl->address_ko) < 0 ||
        get_string(v, j, "address_latn", 1, &cl->address_latn) < 0 ||
        get_string(v, j, "phone", 1, &cl->phone) < 0 ||
        get_coord(v, j, "lat", -90, 90, &cl->lat) < 0 ||
        get_coord(v, j, "lon", -180, 180, &cl->lon) < 0 ||
        get_bool(v, j, "uninsured", &cl->uninsured) < 0 ||
        get_bool(v, j, "free_clinic", &cl->free_clinic) < 0 ||
        get_bool(v, j, "emergency_room", &cl->emergency_room) < 0 ||
        get_string(v, j, "map_url", 0, &cl->map_url) < 0 ||
        get_text(v, j, "note", 0, 0, &cl->note) < 0)
        return -1;
    for (const char *p = cl->phone; *p; p++)
        if (!isdigit((unsigned char)*p) && *p != '-')
            return fail(v, "\"phone\" may hold only digits and '-', not \"%s\"", cl->phone);
    if (cl->map_url && strncmp(cl->map_url, "https://", 8) != 0)
        return fail(v, "\"map_url\" must start with https://");

    if (get_array(v, j, "departments", 1, 1, &arr) < 0)
        return -1;
    cl->n_depts = (int)json_array_size(arr);
    if (!(cl->depts = alloc(v, (size_t)cl->n_depts, sizeof *cl->depts)))
        return -1;
    size_t i;
    json_t *s;
    json_array_foreach(arr, i, s)
    {
        cl->depts[i] = json_is_string(s) ? md_health_dept_find(c, json_string_value(s)) : -1;
        if (cl->depts[i] < 0)
            return fail(v, "\"departments\"[%zu]: no such department in health.json", i);
    }
    if (get_array(v, j, "languages", 1, 1, &arr) < 0)
        return -1;
    cl->n_langs = (int)json_array_size(arr);
    if (!(cl->langs = alloc(v, (size_t)cl->n_langs, sizeof *cl->langs)))
        return -1;
    json_array_foreach(arr, i, s)
    {
        if (!json_is_string(s) || !valid_lang(json_string_value(s)))
            return fail(v, "\"languages\"[%zu] must be a language code (BCP 47)", i);
        cl->langs[i] = json_string_value(s);
    }
    return parse_hours(v, j, &cl->hours);
}

static int parse_clinics(vctx *v, json_t *root)
{
    md_health_content *c = v->c;
    static const char *const keys[] = {"clinics", NULL};
    json_t *arr = NULL;
    if (expect_object(v, root) < 0 || check_keys(v, root, keys) < 0 ||
        get_array(v, root, "clinics", 1, 1, &arr) < 0)
        return -1;
    c->n_clinics = (int)json_array_size(arr);
    if (!(c->clinics = alloc(v, (size_t)c->n_clinics, sizeof *c->clinics)))
        return -1;
    size_t i;
    json_t *j;
    json_array_foreach(arr, i, j)
    {
        size_t mark = push(v, ".clinics[%zu]", i);
        if (parse_clinic(v, j, &c->clinics[i]) < 0)
            return -1;
        for (size_t k = 0; k < i; k++)
            if (strcmp(c->clinics[k].id, c->clinics[i].id) == 0)
                return fail(v, "clinic \"%s\" is listed twice", c->clinics[i].id);
        pop(v, mark);
    }
    return 0;
}

/* ---------------- help.json ---------------- */

static int parse_help(vctx *v, json_t *root)
{
    md_health_content *c = v->c;
    static const char *const keys[] = {"sections", "lines", NULL};
    json_t *arr = NULL;
    if (expect_object(v, root) < 0 || check_keys(v, root, keys) < 0 ||
        get_array(v, root, "sections", 1, 1, &arr) < 0)
        return -1;
    c->n_sections = (int)json_array_size(arr);
    if (!(c->sections = alloc(v, (size_t)c->n_sections, sizeof *c->sections)))
        return -1;
    size_t i;
    json_t *j;
    json_array_foreach(arr, i, j)
    {
        size_t mark = push(v, ".sections[%zu]", i);
        static const char *const skeys[] = {"id", "title", "body", NULL};
        md_health_section *s = &c->sections[i];
        if (expect_object(v, j) < 0 || check_keys(v, j, skeys) < 0 || get_id(v, j, &s->id) < 0 ||
            get_text(v, j, "title", 1, 0, &s->title) < 0 ||
            get_text(v, j, "body", 1, 0, &s->body) < 0)
            return -1;
        pop(v, mark);
    }
    if (get_array(v, root, "lines", 1, 1, &arr) < 0)
        return -1;
    c->n_lines = (int)json_array_size(arr);
    if (!(c->lines = alloc(v, (size_t)c->n_lines, sizeof *c->lines)))
        return -1;
    json_array_foreach(arr, i, j)
    {
        size_t mark = push(v, ".lines[%zu]", i);
        static const char *const lkeys[] = {"number", "name", "desc", NULL};
        md_health_line *l = &c->lines[i];
        if (expect_object(v, j) < 0 || check_keys(v, j, lkeys) < 0 ||
            get_string(v, j, "number", 1, &l->number) < 0 ||
            get_text(v, j, "name", 1, 0, &l->name) < 0 ||
            get_text(v, j, "desc", 1, 0, &l->desc) < 0)
            return -1;
        for (const char *p = l->number; *p; p++)
            if (!isdigit((unsigned char)*p) && *p != '-')
                return fail(v, "\"number\" may hold only digits and '-'");
        pop(v, mark);
    }
    return 0;
}

/* ---------------- loading ---------------- */

void md_health_content_free(md_health_content *c)
{
    if (!c)
        return;
    for (int i = 0; i < 4; i++)
        json_decref(c->json[i]);
    md_parena_free(&c->arena);
    free(c);
}

md_health_content *md_health_content_parse(const char *guide, const char *symptoms,
                                           const char *clinics, const char *help, char *err,
                                           size_t err_cap)
{
    static const char *const files[4] = {MD_HEALTH_FILE_GUIDE, MD_HEALTH_FILE_SYMPTOMS,
                                         MD_HEALTH_FILE_CLINICS, MD_HEALTH_FILE_HELP};
    int (*const parsers[4])(vctx *, json_t *) = {parse_guide, parse_symptoms, parse_clinics,
                                                 parse_help};
    const char *texts[4] = {guide, symptoms, clinics, help};
    if (err && err_cap)
        err[0] = '\0';
    md_health_content *c = calloc(1, sizeof *c);
    vctx v = {.vp = {.err = err, .err_cap = err_cap}, .c = c};
    if (!c) {
        v.vp.file = "content";
        fail(&v, "out of memory");
        return NULL;
    }
    /* health.json comes first: the others refer to its departments. */
    for (int f = 0; f < 4; f++) {
        v.vp.file = files[f];
        pop(&v, 0);
        json_error_t je;
        if (!texts[f]) {
            fail(&v, "missing file");
            break;
        }
        json_t *root = json_loads(texts[f], JSON_REJECT_DUPLICATES, &je);
        if (!root) {
            fail(&v, "line %d, column %d: %s", je.line, je.column, je.text);
            break;
        }
        c->json[f] = root;
        if (parsers[f](&v, root) < 0)
            break;
    }
    if (v.vp.failed) {
        md_health_content_free(c);
        return NULL;
    }
    return c;
}

static char *read_text(const char *dir, const char *name, char *err, size_t err_cap)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    /* Bounded like every input (docs/OPERATIONS.md): a non-blocking open, so a FIFO cannot hang
     * the frame that opens it, and a regular file only (not /dev/zero, not a directory). */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        snprintf(err, err_cap, "%s: cannot open %s: %s", name, path,
                 fd < 0 ? strerror(errno) : "not a regular file (refused)");
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        close(fd);
        snprintf(err, err_cap, "%s: cannot open %s: %s", name, path, strerror(errno));
        return NULL;
    }
    char *buf = malloc(MAX_FILE_BYTES + 1);
    size_t n = buf ? fread(buf, 1, MAX_FILE_BYTES + 1, f) : 0;
    int bad = ferror(f);
    fclose(f);
    if (!buf || bad || n > MAX_FILE_BYTES) {
        snprintf(err, err_cap, "%s: %s", name,
                 !buf  ? "out of memory"
                 : bad ? "read error"
                       : "larger than 4 MiB");
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    if (strlen(buf) != n) {
        snprintf(err, err_cap, "%s: contains a NUL byte", name);
        free(buf);
        return NULL;
    }
    return buf;
}

md_health_content *md_health_content_load(const char *dir, char *err, size_t err_cap)
{
    char *t[4] = {NULL, NULL, NULL, NULL};
    static const char *const files[4] = {MD_HEALTH_FILE_GUIDE, MD_HEALTH_FILE_SYMPTOMS,
                                         MD_HEALTH_FILE_CLINICS, MD_HEALTH_FILE_HELP};
    md_health_content *c = NULL;
    int ok = 1;
    for (int f = 0; f < 4 && ok; f++)
        ok = (t[f] = read_text(dir, files[f], err, err_cap)) != NULL;
    if (ok)
        c = md_health_content_parse(t[0], t[1], t[2], t[3], err, err_cap);
    for (int f = 0; f < 4; f++)
        free(t[f]);
    return c;
}

const md_health_holiday *md_health_holiday_find(const md_health_content *c, int32_t yyyymmdd)
{
    int lo = 0, hi = c->n_holidays - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (c->holidays[mid].date == yyyymmdd)
            return &c->holidays[mid];
        if (c->holidays[mid].date < yyyymmdd)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return NULL;
}

#undef fail
#undef push
#undef pop
