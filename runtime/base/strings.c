/* Small string helpers every module used to write for itself: joining a folder and a name, and
 * reading a screen size written WxH. One home each, so the limits agree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"

char *md_path_join(const char *dir, const char *name)
{
    if (!dir || !name)
        return NULL;
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = md_malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", dir, name);
    return p;
}

int md_parse_size(const char *s, int *w, int *h, const char **end)
{
    char *e = NULL;
    long wv = strtol(s, &e, 10);
    if (e == s || *e != 'x' || wv < MD_SIZE_MIN_PX || wv > MD_SIZE_MAX_PX)
        return -1;
    const char *q = e + 1;
    long hv = strtol(q, &e, 10);
    if (e == q || hv < MD_SIZE_MIN_PX || hv > MD_SIZE_MAX_PX)
        return -1;
    if (end)
        *end = e;
    else if (*e)
        return -1;
    *w = (int)wv;
    *h = (int)hv;
    return 0;
}
