/* runtime/hub: the NGSI-LD answers the hub client reads — entity arrays, OAuth2 token answers
 * (with KETI's absolute expires_in) and Link paging headers. Everything here takes untrusted text
 * from the network, so it is fuzzed (tests/fuzz/fuzz_ngsi.c).
 */
#include <ctype.h>
#include <curl/curl.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "hub/hub.h"

int md_ngsi_valid_id(const char *id)
{
    if (!id || strncmp(id, "urn:ngsi-ld:", 12) != 0 || strlen(id) > 256)
        return 0;
    /* urn:ngsi-ld:<Type>:<id...>: a non-empty type, then a non-empty rest. */
    const char *type = id + 12;
    const char *colon = strchr(type, ':');
    if (!colon || colon == type || colon[1] == '\0')
        return 0;
    for (const char *p = id; *p; p++)
        if ((unsigned char)*p <= ' ' || *p == '<' || *p == '>' || *p == '"')
            return 0;
    return 1;
}

int md_ngsi_parse_entities(const char *text, size_t text_bytes, void *into, int max_total,
                           int *n_skipped, char *err, size_t err_cap)
{
    json_t *out = into;
    if (n_skipped)
        *n_skipped = 0;
    if (!text || !json_is_array(out)) {
        snprintf(err, err_cap, "no answer");
        return -1;
    }
    json_error_t je;
    json_t *root = json_loadb(text, text_bytes, JSON_REJECT_DUPLICATES, &je);
    if (!root) {
        snprintf(err, err_cap, "not JSON: line %d: %s", je.line, je.text);
        return -1;
    }
    if (!json_is_array(root)) {
        snprintf(err, err_cap, "not an array of entities");
        json_decref(root);
        return -1;
    }
    int added = 0;
    size_t i = 0;
    json_t *e = NULL;
    json_array_foreach(root, i, e)
    {
        json_t *id = json_object_get(e, "id");
        json_t *type = json_object_get(e, "type");
        if (!json_is_object(e) || !json_is_string(id) || !md_ngsi_valid_id(json_string_value(id)) ||
            !json_is_string(type) || json_string_length(type) == 0) {
            if (n_skipped)
                (*n_skipped)++;
            continue;
        }
        if ((int)json_array_size(out) >= max_total)
            break;
        if (json_array_append(out, e) == 0)
            added++;
    }
    json_decref(root);
    return added;
}

/* "2026-12-01T10:00:00Z", "2026-12-01T10:00:00.000Z", "2026-12-01 10:00:00" (UTC). */
static int parse_utc_time(const char *s, int64_t *unix_ms)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    int n = 0;
    if (sscanf(s, "%4d-%2d-%2d%*1[T ]%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
               &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &n) != 6)
        return -1;
    if (tm.tm_year < 1970 || tm.tm_year > 9999 || tm.tm_mon < 1 || tm.tm_mon > 12 ||
        tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60)
        return -1;
    const char *rest = s + n;
    if (*rest == '.')
        for (rest++; isdigit((unsigned char)*rest); rest++) {
        }
    if (*rest == 'Z')
        rest++;
    if (*rest != '\0')
        return -1;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    *unix_ms = (int64_t)timegm(&tm) * 1000;
    return 0;
}

static int expiry_from_number(double v, int64_t now_unix_ms, int64_t *expires_unix_ms)
{
    if (!(v > 0) || v > 1e15)
        return -1;
    if (v >= 1e12) /* absolute, milliseconds */
        *expires_unix_ms = (int64_t)v;
    else if (v >= 1e9) /* absolute, seconds (KETI) */
        *expires_unix_ms = (int64_t)v * 1000;
    else /* seconds from now (RFC 6749) */
        *expires_unix_ms = now_unix_ms + (int64_t)v * 1000;
    return 0;
}

int md_ngsi_parse_token(const char *text, size_t text_bytes, int64_t now_unix_ms, char *token,
                        size_t token_cap, int64_t *expires_unix_ms, char *err, size_t err_cap)
{
    json_error_t je;
    json_t *root = text ? json_loadb(text, text_bytes, 0, &je) : NULL;
    int rc = -1;
    if (!json_is_object(root)) {
        snprintf(err, err_cap, "token answer is not a JSON object");
        goto out;
    }
    json_t *at = json_object_get(root, "access_token");
    json_t *tt = json_object_get(root, "token_type");
    json_t *ex = json_object_get(root, "expires_in");
    if (!json_is_string(at) || json_string_length(at) == 0 || json_string_length(at) >= token_cap) {
        snprintf(err, err_cap, "token answer has no usable access_token");
        goto out;
    }
    for (const char *p = json_string_value(at); *p; p++)
        if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7f) {
            snprintf(err, err_cap, "access_token has characters a header cannot carry");
            goto out;
        }
    if (tt && (!json_is_string(tt) || strcasecmp(json_string_value(tt), "bearer") != 0)) {
        snprintf(err, err_cap, "token_type is not bearer");
        goto out;
    }
    int64_t exp_ms = 0;
    if (!ex) {
        exp_ms = now_unix_ms + 300 * 1000; /* none given: assume a short life, renew early */
    } else if (json_is_number(ex)) {
        if (expiry_from_number(json_number_value(ex), now_unix_ms, &exp_ms) < 0) {
            snprintf(err, err_cap, "expires_in out of range");
            goto out;
        }
    } else if (json_is_string(ex)) {
        const char *s = json_string_value(ex);
        char *end = NULL;
        double v = strtod(s, &end);
        if (end != s && end && *end == '\0') {
            if (expiry_from_number(v, now_unix_ms, &exp_ms) < 0) {
                snprintf(err, err_cap, "expires_in out of range");
                goto out;
            }
        } else if (parse_utc_time(s, &exp_ms) < 0) {
            snprintf(err, err_cap, "expires_in is neither seconds nor a time");
            goto out;
        }
    } else {
        snprintf(err, err_cap, "expires_in is neither seconds nor a time");
        goto out;
    }
    snprintf(token, token_cap, "%s", json_string_value(at));
    *expires_unix_ms = exp_ms;
    rc = 0;
out:
    json_decref(root);
    return rc;
}

int md_ngsi_link_next(const char *link, const char *base_url, char *out, size_t out_cap)
{
    if (!link || !out || out_cap == 0)
        return -1;
    out[0] = '\0';
    /* Link: <url>; rel="next", <url>; rel="prev"  (rel may be unquoted, or list several) */
    const char *p = link;
    while (*p) {
        const char *lt = strchr(p, '<');
        if (!lt)
            break;
        const char *gt = strchr(lt + 1, '>');
        if (!gt)
            break;
        const char *params = gt + 1;
        const char *end = params;
        while (*end && *end != '<')
            end++;
        /* A comma before the next '<' ends this link's parameters. */
        int is_next = 0;
        for (const char *q = params; q + 3 < end; q++) {
            if (strncasecmp(q, "rel", 3) != 0)
                continue;
            const char *v = q + 3;
            while (v < end && *v == ' ')
                v++;
            if (v >= end || *v != '=')
                continue;
            v++;
            while (v < end && (*v == ' ' || *v == '"'))
                v++;
            /* rel values are a space-separated list */
            while (v < end && *v != '"' && *v != ';' && *v != ',') {
                if (strncasecmp(v, "next", 4) == 0 &&
                    (v + 4 >= end || v[4] == '"' || v[4] == ' ' || v[4] == ';' || v[4] == ','))
                    is_next = 1;
                while (v < end && *v != ' ' && *v != '"' && *v != ';' && *v != ',')
                    v++;
                while (v < end && *v == ' ')
                    v++;
            }
            break;
        }
        if (is_next) {
            size_t n = (size_t)(gt - lt - 1);
            if (n == 0 || n > 4096)
                return -1;
            char target[4097];
            memcpy(target, lt + 1, n);
            target[n] = '\0';
            CURLU *u = curl_url();
            if (!u)
                return -1;
            char *full = NULL;
            int rc = -1;
            if ((!base_url || curl_url_set(u, CURLUPART_URL, base_url, 0) == CURLUE_OK) &&
                curl_url_set(u, CURLUPART_URL, target, 0) == CURLUE_OK &&
                curl_url_get(u, CURLUPART_URL, &full, 0) == CURLUE_OK &&
                (strncmp(full, "http://", 7) == 0 || strncmp(full, "https://", 8) == 0) &&
                strlen(full) < out_cap) {
                strcpy(out, full);
                rc = 0;
            }
            curl_free(full);
            curl_url_cleanup(u);
            return rc;
        }
        p = end;
    }
    return -1;
}
