/* Clinic search: filter by department, language spoken, open now and emergency rooms; sort by
 * great-circle distance from the kiosk (haversine), or by transliterated name when the kiosk's
 * location is not configured. Also builds the map link a visitor carries away as a QR code.
 */
#include "health.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

double md_health_distance_m(double lat1, double lon1, double lat2, double lon2)
{
    const double r_m = 6371008.8; /* mean Earth radius */
    const double rad = M_PI / 180.0;
    double dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
    double a = sin(dlat / 2) * sin(dlat / 2) +
               cos(lat1 * rad) * cos(lat2 * rad) * sin(dlon / 2) * sin(dlon / 2);
    return 2 * r_m * atan2(sqrt(a), sqrt(1 - a));
}

/* Primary language subtags equal: a clinic that lists "zh-Hans" speaks to a "zh-Hant" reader
 * well enough to book, and "uz" covers "uz-Latn". */
static int same_language(const char *a, const char *b)
{
    size_t na = strcspn(a, "-"), nb = strcspn(b, "-");
    return na == nb && strncmp(a, b, na) == 0;
}

int md_health_speaks(const md_health_clinic *clinic, const char *lang)
{
    for (int i = 0; i < clinic->n_langs; i++)
        if (same_language(clinic->langs[i], lang))
            return 1;
    return 0;
}

typedef struct sort_item {
    md_health_hit hit;
    const char *name;
} sort_item;

static int cmp_hit(const void *a, const void *b)
{
    const sort_item *x = a, *y = b;
    if (x->hit.distance_m != y->hit.distance_m)
        return x->hit.distance_m < y->hit.distance_m ? -1 : 1;
    int k = strcmp(x->name, y->name);
    return k ? k : x->hit.clinic - y->hit.clinic;
}

int md_health_search(md_hours_clock *clock, const md_health_content *c, const md_health_filter *f,
                     md_health_hit *hits, int cap)
{
    if (cap <= 0 || c->n_clinics == 0)
        return 0;
    sort_item *items = calloc((size_t)c->n_clinics, sizeof *items);
    if (!items)
        return 0;
    int n = 0;
    for (int i = 0; i < c->n_clinics; i++) {
        const md_health_clinic *cl = &c->clinics[i];
        if (f->dept >= 0) {
            int has = 0;
            for (int d = 0; d < cl->n_depts && !has; d++)
                has = cl->depts[d] == f->dept;
            if (!has)
                continue;
        }
        if (f->lang && !md_health_speaks(cl, f->lang))
            continue;
        if (f->emergency_only && !cl->emergency_room)
            continue;
        md_hours_status st;
        if (md_health_status_at(clock, c, cl, f->now_ms, &st) < 0)
            memset(&st, 0, sizeof st);
        if (f->open_now && st.state != MD_HOURS_OPEN)
            continue;
        items[n].hit.clinic = i;
        items[n].hit.status = st;
        items[n].hit.distance_m =
            f->have_origin ? md_health_distance_m(f->lat, f->lon, cl->lat, cl->lon) : -1;
        items[n].name = cl->name_latn;
        n++;
    }
    qsort(items, (size_t)n, sizeof *items, cmp_hit);
    if (n > cap)
        n = cap;
    for (int i = 0; i < n; i++)
        hits[i] = items[i].hit;
    free(items);
    return n;
}

/* Appends s percent-encoded (RFC 3986 unreserved characters kept). 0, or -1 when out is full. */
static int put_encoded(char *out, size_t cap, size_t *len, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        int keep = (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
                   (*p >= '0' && *p <= '9') || strchr("-._~", *p);
        size_t need = keep ? 1 : 3;
        if (*len + need >= cap)
            return -1;
        if (keep) {
            out[(*len)++] = (char)*p;
        } else {
            out[(*len)++] = '%';
            out[(*len)++] = hex[*p >> 4];
            out[(*len)++] = hex[*p & 15];
        }
    }
    return 0;
}

int md_health_map_link(const md_health_content *c, const md_health_clinic *clinic, char *out,
                       size_t cap)
{
    if (cap == 0)
        return -1;
    if (clinic->map_url) {
        int n = snprintf(out, cap, "%s", clinic->map_url);
        return n >= 0 && (size_t)n < cap ? 0 : -1;
    }
    size_t len = 0;
    out[0] = '\0';
    for (const char *p = c->map_link; *p;) {
        char num[32];
        const char *put = NULL;
        if (strncmp(p, "{lat}", 5) == 0) {
            snprintf(num, sizeof num, "%.6f", clinic->lat);
            put = num, p += 5;
        } else if (strncmp(p, "{lon}", 5) == 0) {
            snprintf(num, sizeof num, "%.6f", clinic->lon);
            put = num, p += 5;
        } else if (strncmp(p, "{name}", 6) == 0) {
            if (put_encoded(out, cap, &len, clinic->name_ko) < 0)
                return -1;
            p += 6;
            continue;
        } else {
            if (len + 1 >= cap)
                return -1;
            out[len++] = *p++;
            continue;
        }
        size_t k = strlen(put);
        if (len + k >= cap)
            return -1;
        memcpy(out + len, put, k);
        len += k;
    }
    out[len] = '\0';
    return 0;
}
