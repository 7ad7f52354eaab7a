/* Fuzz target for the menu plugin's content parser and validator (menu.json). A set that
 * validates is then used the way the plugin uses it: every dish checked against a choice taken
 * from the input, the staff card written, the restaurants ordered with their opening hours. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../plugins/menu/content.c"
#include "../../plugins/menu/filter.c"
#include "../../plugins/menu/hours.c"
#include "../../plugins/menu/roman.c"

const char *md_fuzz_name = "menu_content";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 4)
        return 0;
    md_menu_choice ch = {((uint32_t)data[0] | (uint32_t)data[1] << 8 | (uint32_t)data[2] << 16) &
                             ((1u << MD_MENU_N_ALLERGENS) - 1),
                         data[3] & 31u};
    char *doc = malloc(size - 3);
    if (!doc)
        return 0;
    memcpy(doc, data + 4, size - 4);
    doc[size - 4] = '\0';
    char err[MD_MENU_ERR_CAP];
    md_menu_content *c = md_menu_content_parse(doc, size - 4, err, sizeof err);
    if (c) {
        for (int i = 0; i < c->n_restaurants; i++)
            for (int k = 0; k < c->restaurants[i].n_dishes; k++) {
                md_menu_verdict v =
                    md_menu_check(&c->restaurants[i], &c->restaurants[i].dishes[k], &ch);
                (void)md_menu_fits(&v);
                char card[2048];
                md_menu_card_ko(&ch, c->restaurants[i].dishes[k].name_ko, card, sizeof card);
            }
        md_hours_clock *clock = md_hours_clock_create(c->time_zone, err, sizeof err);
        if (clock) {
            md_menu_place places[16];
            md_menu_places(clock, c, 1795656600000LL, 1, 37.33, 126.79, places, 16);
            md_hours_clock_destroy(clock);
        }
        md_menu_content_free(c);
    }
    free(doc);
    return 0;
}
