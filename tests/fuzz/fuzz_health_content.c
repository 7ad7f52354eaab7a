/* Fuzz target for the health guide's content parser and validator. The first byte picks which of
 * the four documents the rest replaces in a small valid set, so mutations reach deep into the
 * schema checks; a set that validates is then used the way the plugin uses it (opening hours,
 * search, map links), which must not crash either. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../plugins/health/clinics.c"
#include "../../plugins/health/content.c"
#include "../../plugins/health/hours.c"

const char *md_fuzz_name = "health_content";

#define Q                                                                                          \
    "{\"title\":{\"en\":\"t\"},\"choices\":[{\"id\":\"c\",\"label\":{\"en\":\"l\"},"               \
    "\"card\":{\"en\":\"c\",\"ko\":\"c\"}}]}"
static const char *const valid[4] = {
    "{\"schema\":1,\"region\":{\"en\":\"x\",\"ko\":\"x\"},\"time_zone\":\"Asia/Seoul\","
    "\"map_link\":\"https://m/{lat},{lon},{name}\",\"holidays\":[{\"date\":\"2026-12-25\","
    "\"name\":{\"en\":\"X\"}}],\"departments\":[{\"id\":\"a\",\"name\":{\"en\":\"A\",\"ko\":\"가\"}"
    "}],"
    "\"card\":{\"intro\":{\"en\":\"i\",\"ko\":\"i\"},\"since\":" Q ",\"allergies\":" Q
    ",\"medicines\":" Q ",\"pregnancy\":" Q "},"
    "\"emergency\":{\"say\":{\"en\":\"h\",\"ko\":\"h\"}}}",
    "{\"areas\":[{\"id\":\"h\",\"name\":{\"en\":\"H\"},\"symptoms\":[{\"id\":\"s\",\"name\":{"
    "\"en\":"
    "\"S\"},\"card\":{\"en\":\"c\",\"ko\":\"c\"},\"department\":\"a\",\"urgency\":\"today\"}]}]}",
    "{\"clinics\":[{\"id\":\"k\",\"name_ko\":\"가\",\"name_latn\":\"Ga\",\"address_ko\":\"가\","
    "\"address_latn\":\"g\",\"phone\":\"1\",\"lat\":37.3,\"lon\":126.8,\"departments\":[\"a\"],"
    "\"languages\":[\"ko\"],\"hours\":{\"mon\":[\"22:00-02:00\"],\"tue\":[],\"wed\":[],\"thu\":[],"
    "\"fri\":[],\"sat\":[],\"sun\":[],\"holiday\":[\"00:00-24:00\"]}}]}",
    "{\"sections\":[{\"id\":\"i\",\"title\":{\"en\":\"t\"},\"body\":{\"en\":\"b\"}}],\"lines\":[{"
    "\"number\":\"119\",\"name\":{\"en\":\"n\"},\"desc\":{\"en\":\"d\"}}]}",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    char *doc = malloc(size);
    if (!doc)
        return 0;
    memcpy(doc, data + 1, size - 1);
    doc[size - 1] = '\0';
    const char *t[4] = {valid[0], valid[1], valid[2], valid[3]};
    t[data[0] % 4] = doc;
    char err[MD_HEALTH_ERR_CAP];
    md_health_content *c = md_health_content_parse(t[0], t[1], t[2], t[3], err, sizeof err);
    if (c) {
        md_hours_clock *clock = md_hours_clock_create(c->time_zone, err, sizeof err);
        if (clock) {
            md_health_hit hits[8];
            md_health_filter f = {.dept = -1,
                                  .now_ms = 1795656600000LL,
                                  .have_origin = 1,
                                  .lat = 37.33,
                                  .lon = 126.79};
            md_health_search(clock, c, &f, hits, 8);
            char url[256];
            for (int i = 0; i < c->n_clinics; i++)
                md_health_map_link(c, &c->clinics[i], url, sizeof url);
            md_hours_clock_destroy(clock);
        }
        md_health_content_free(c);
    }
    free(doc);
    return 0;
}
