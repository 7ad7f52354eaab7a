/* Fuzz target: the NGSI-LD answers the hub client reads from the network — entity arrays, OAuth2
 * token answers and Link paging headers — never crash, never keep more than the cap, and never
 * yield a token a header could not carry. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "hub/hub.h"

const char *md_fuzz_name = "ngsi";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    md_log_set_min_level((md_log_level)(MD_LOG_ERROR + 1));
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    char err[256];
    int skipped = 0;
    json_t *arr = json_array();
    int n = md_ngsi_parse_entities(text, size, arr, 7, &skipped, err, sizeof err);
    if (n > 7 || (int)json_array_size(arr) > 7 || (n >= 0 && (size_t)n != json_array_size(arr)))
        abort();
    size_t i = 0;
    json_t *e = NULL;
    json_array_foreach(arr, i, e)
    {
        if (!md_ngsi_valid_id(json_string_value(json_object_get(e, "id"))))
            abort();
    }
    json_decref(arr);
    char tok[512];
    int64_t exp = 0;
    if (md_ngsi_parse_token(text, size, 1764580000000LL, tok, sizeof tok, &exp, err, sizeof err) ==
        0)
        for (const char *p = tok; *p; p++)
            if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7f)
                abort();
    char next[1024];
    if (md_ngsi_link_next(text, "https://datahub.example.kr/entities?type=V", next, sizeof next) ==
            0 &&
        strncmp(next, "http://", 7) != 0 && strncmp(next, "https://", 8) != 0)
        abort();
    md_ngsi_valid_id(text);
    free(text);
    return 0;
}
