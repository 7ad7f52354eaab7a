/* Pooled item statistics: how many answers each item has had on this kiosk and its Elo
 * difficulty, so that every learner's answers sharpen the estimate for the next one. Counts, not
 * people: no session, code, time or order is stored. The file is a small text format:
 *     madang-courseware-stats 1
 *     <item id> TAB <count> TAB <difficulty>
 * It is parsed strictly (line and reason on error, and then the whole file is ignored).
 */
#include "course.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define HEADER "madang-courseware-stats 1"

int md_course_stats_parse(const md_course_content *c, const char *text, md_course_stat *stats,
                          char *err, size_t err_cap)
{
    md_course_stat *tmp = calloc((size_t)(c->n_items > 0 ? c->n_items : 1), sizeof *tmp);
    unsigned char *seen = calloc((size_t)(c->n_items > 0 ? c->n_items : 1), 1);
    if (!tmp || !seen) {
        free(tmp);
        free(seen);
        snprintf(err, err_cap, "%s: out of memory", MD_COURSE_STATS_FILE);
        return -1;
    }
    for (int i = 0; i < c->n_items; i++)
        tmp[i] = stats[i];
    int line_no = 0, rc = 0;
    const char *p = text;
    while (*p && rc == 0) {
        line_no++;
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        char line[256];
        if (len >= sizeof line) {
            snprintf(err, err_cap, "%s:%d: line too long", MD_COURSE_STATS_FILE, line_no);
            rc = -1;
            break;
        }
        memcpy(line, p, len);
        line[len] = '\0';
        p += len + (nl ? 1 : 0);
        if (line_no == 1) {
            if (strcmp(line, HEADER) != 0) {
                snprintf(err, err_cap, "%s:1: not a statistics file of version 1 (want \"%s\")",
                         MD_COURSE_STATS_FILE, HEADER);
                rc = -1;
            }
            continue;
        }
        if (len == 0)
            continue;
        char *tab1 = strchr(line, '\t');
        char *tab2 = tab1 ? strchr(tab1 + 1, '\t') : NULL;
        if (!tab1 || !tab2 || strchr(tab2 + 1, '\t')) {
            snprintf(err, err_cap, "%s:%d: want three fields separated by tabs",
                     MD_COURSE_STATS_FILE, line_no);
            rc = -1;
            break;
        }
        *tab1 = *tab2 = '\0';
        char *end = NULL;
        errno = 0;
        unsigned long long count = strtoull(tab1 + 1, &end, 10);
        if (errno || end == tab1 + 1 || *end || tab1[1] == '-' || count > UINT32_MAX) {
            snprintf(err, err_cap, "%s:%d: count must be a whole number", MD_COURSE_STATS_FILE,
                     line_no);
            rc = -1;
            break;
        }
        errno = 0;
        double diff = strtod(tab2 + 1, &end);
        if (errno || end == tab2 + 1 || *end || !isfinite(diff) || diff < -6.0 || diff > 6.0) {
            snprintf(err, err_cap, "%s:%d: difficulty must be a number from -6 to 6",
                     MD_COURSE_STATS_FILE, line_no);
            rc = -1;
            break;
        }
        int i = md_course_item_find(c, line);
        if (i < 0)
            continue; /* an item the content no longer has */
        if (seen[i]) {
            snprintf(err, err_cap, "%s:%d: item \"%s\" listed twice", MD_COURSE_STATS_FILE, line_no,
                     line);
            rc = -1;
            break;
        }
        seen[i] = 1;
        tmp[i].count = (uint32_t)count;
        tmp[i].difficulty = diff;
    }
    if (rc == 0 && line_no == 0) {
        snprintf(err, err_cap, "%s:1: empty file", MD_COURSE_STATS_FILE);
        rc = -1;
    }
    if (rc == 0)
        for (int i = 0; i < c->n_items; i++)
            stats[i] = tmp[i];
    free(tmp);
    free(seen);
    return rc;
}

int md_course_stats_save(const md_course_content *c, const md_course_stat *stats, const char *dir,
                         char *err, size_t err_cap)
{
    char path[1024], tmp[1100];
    snprintf(path, sizeof path, "%s/%s", dir, MD_COURSE_STATS_FILE);
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    if (!f) {
        snprintf(err, err_cap, "%s: cannot write: %s", tmp, strerror(errno));
        return -1;
    }
    fprintf(f, "%s\n", HEADER);
    for (int i = 0; i < c->n_items; i++)
        if (stats[i].count > 0)
            fprintf(f, "%s\t%u\t%.4f\n", c->items[i].id, stats[i].count, stats[i].difficulty);
    int bad = ferror(f);
    if (fclose(f) != 0 || bad || rename(tmp, path) != 0) {
        snprintf(err, err_cap, "%s: cannot write: %s", path, strerror(errno));
        unlink(tmp);
        return -1;
    }
    return 0;
}
