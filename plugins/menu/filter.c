/* What a visitor can eat: Korea's 19 allergen entries (식품 등의 표시기준, 알레르기 유발물질
 * 표시대상) with their Korean names, icons and box colours; the verdict on a dish for a visitor's
 * choice of allergens and diet rules (and why); the Korean sentences of the card for the staff;
 * and the order restaurants are listed in (open now first, then nearest).
 */
#include "menu.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef N_
#define N_(s) s
#endif

/* Light background colours, one per entry, each with dark text at 7:1 or better; the icon and the
 * name tell the entry, never the colour alone. */
const md_menu_allergen_info md_menu_allergens[MD_MENU_N_ALLERGENS] = {
    {"egg", "알류", "달걀 (알류)", N_("Eggs (poultry)"), NULL, "icons/allergen-egg.png", 0xFFF3C4},
    {"milk", "우유", "우유", N_("Milk"), NULL, "icons/allergen-milk.png", 0xE3F0FF},
    {"buckwheat", "메밀", "메밀", N_("Buckwheat"), NULL, "icons/allergen-buckwheat.png", 0xEFE6D8},
    {"peanut", "땅콩", "땅콩", N_("Peanuts"), NULL, "icons/allergen-peanut.png", 0xF7E2C6},
    {"soybean", "대두", "대두 (콩)", N_("Soybeans"), NULL, "icons/allergen-soybean.png", 0xEEF5D0},
    {"wheat", "밀", "밀", N_("Wheat"), NULL, "icons/allergen-wheat.png", 0xFBEBC0},
    {"mackerel", "고등어", "고등어", N_("Mackerel"), NULL, "icons/allergen-mackerel.png", 0xDCEBF2},
    {"crab", "게", "게", N_("Crab"), NULL, "icons/allergen-crab.png", 0xFCDCD4},
    {"shrimp", "새우", "새우", N_("Shrimp"), NULL, "icons/allergen-shrimp.png", 0xFDE0E4},
    {"pork", "돼지고기", "돼지고기", N_("Pork"), NULL, "icons/allergen-pork.png", 0xFBDDEA},
    {"peach", "복숭아", "복숭아", N_("Peaches"), NULL, "icons/allergen-peach.png", 0xFFE3D6},
    {"tomato", "토마토", "토마토", N_("Tomatoes"), NULL, "icons/allergen-tomato.png", 0xFAD9D5},
    {"sulfites", "아황산류", "아황산류", N_("Sulphites"), NULL, "icons/allergen-sulfites.png",
     0xE9E4F4},
    {"walnut", "호두", "호두", N_("Walnuts"), NULL, "icons/allergen-walnut.png", 0xEDE3D9},
    {"chicken", "닭고기", "닭고기", N_("Chicken"), NULL, "icons/allergen-chicken.png", 0xFFEFD2},
    {"beef", "쇠고기", "쇠고기", N_("Beef"), NULL, "icons/allergen-beef.png", 0xF4DAD6},
    {"squid", "오징어", "오징어", N_("Squid"), NULL, "icons/allergen-squid.png", 0xE4E6F8},
    {"shellfish", "조개류", "조개류 (굴·전복·홍합 포함)",
     N_("Shellfish (including oysters, abalone and mussels)"), N_("Shellfish"),
     "icons/allergen-shellfish.png", 0xDDF1EC},
    {"pine_nut", "잣", "잣", N_("Pine nuts"), NULL, "icons/allergen-pine-nut.png", 0xE6EFDC},
};

const char *md_menu_allergen_short(int allergen)
{
    const md_menu_allergen_info *a = &md_menu_allergens[allergen];
    return a->short_msgid ? a->short_msgid : a->msgid;
}

int md_menu_allergen_find(const char *code)
{
    for (int i = 0; code && i < MD_MENU_N_ALLERGENS; i++)
        if (strcmp(md_menu_allergens[i].code, code) == 0)
            return i;
    return -1;
}

int md_menu_dish_is_halal(const md_menu_restaurant *r, const md_menu_dish *d)
{
    if (d->alcohol || (d->allergens & (1u << MD_MENU_PORK)))
        return 0;
    return r->halal == MD_MENU_HALAL_CERTIFIED || r->halal == MD_MENU_HALAL_SELF_CERTIFIED ||
           (r->halal == MD_MENU_HALAL_MUSLIM_FRIENDLY && d->halal);
}

md_menu_verdict md_menu_check(const md_menu_restaurant *r, const md_menu_dish *d,
                              const md_menu_choice *choice)
{
    md_menu_verdict v = {0, 0};
    v.allergens = d->allergens & choice->allergens;
    uint32_t want = choice->rules;
    if ((want & MD_MENU_RULE_NO_ALCOHOL) && d->alcohol)
        v.rules |= MD_MENU_RULE_NO_ALCOHOL;
    /* What a dish does not claim, it is not: an unmarked dish is not vegetarian. */
    if ((want & MD_MENU_RULE_VEGAN) && !(d->claims & MD_MENU_CLAIM_VEGAN))
        v.rules |= MD_MENU_RULE_VEGAN;
    if ((want & MD_MENU_RULE_VEGETARIAN) &&
        !(d->claims & (MD_MENU_CLAIM_VEGETARIAN | MD_MENU_CLAIM_VEGAN)))
        v.rules |= MD_MENU_RULE_VEGETARIAN;
    if ((want & MD_MENU_RULE_PESCATARIAN) &&
        !(d->claims & (MD_MENU_CLAIM_PESCATARIAN | MD_MENU_CLAIM_VEGETARIAN | MD_MENU_CLAIM_VEGAN)))
        v.rules |= MD_MENU_RULE_PESCATARIAN;
    if ((want & MD_MENU_RULE_HALAL) && !md_menu_dish_is_halal(r, d))
        v.rules |= MD_MENU_RULE_HALAL;
    return v;
}

int md_menu_fits(const md_menu_verdict *v)
{
    return v->allergens == 0 && v->rules == 0;
}

int md_menu_choice_empty(const md_menu_choice *choice)
{
    return choice->allergens == 0 && choice->rules == 0;
}

/* The code point of the last Hangul syllable of word before any "(", or 0. */
static uint32_t last_syllable(const char *word)
{
    const unsigned char *p = (const unsigned char *)word;
    uint32_t last = 0;
    while (*p && *p != '(') {
        if ((p[0] & 0xF0) == 0xE0 && p[1] && p[2]) {
            uint32_t cp =
                ((uint32_t)(p[0] & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
            if (cp >= 0xAC00 && cp <= 0xD7A3)
                last = cp;
            p += 3;
        } else {
            p++;
        }
    }
    return last;
}

int md_menu_ko_has_final(const char *word)
{
    uint32_t cp = last_syllable(word);
    return cp && (cp - 0xAC00) % 28 != 0;
}

typedef struct kbuf {
    char *p;
    size_t cap, len;
    int overflow;
} kbuf;

static void kput(kbuf *b, const char *s)
{
    size_t n = strlen(s);
    if (b->len + n + 1 > b->cap) {
        b->overflow = 1;
        return;
    }
    memcpy(b->p + b->len, s, n + 1);
    b->len += n;
}

int md_menu_card_ko(const md_menu_choice *choice, const char *dish_ko, char *out, size_t cap)
{
    if (!out || cap == 0 || md_menu_choice_empty(choice))
        return -1;
    kbuf b = {out, cap, 0, 0};
    out[0] = '\0';
    /* Things I cannot eat: the chosen allergens, then alcohol. */
    const char *items[MD_MENU_N_ALLERGENS + 1];
    int n = 0;
    for (int i = 0; i < MD_MENU_N_ALLERGENS; i++)
        if (choice->allergens & (1u << i))
            items[n++] = md_menu_allergens[i].ko_card;
    if (choice->rules & MD_MENU_RULE_NO_ALCOHOL)
        items[n++] = "술 (알코올)";
    if (n > 0) {
        kput(&b, "저는 ");
        for (int i = 0; i < n; i++) {
            kput(&b, items[i]);
            if (i == n - 1)
                kput(&b, md_menu_ko_has_final(items[i]) ? "을" : "를");
            else if (n == 2)
                kput(&b, md_menu_ko_has_final(items[i]) ? "이나 " : "나 ");
            else
                kput(&b, ", ");
        }
        kput(&b, " 먹을 수 없어요.\n");
    }
    if (choice->rules & MD_MENU_RULE_HALAL)
        kput(&b, "저는 무슬림이에요. 할랄 음식만 먹어요. 돼지고기와 술이 들어간 음식은 먹을 수 "
                 "없어요.\n");
    if (choice->rules & MD_MENU_RULE_VEGAN)
        kput(&b, "저는 비건이에요. 고기, 생선, 해산물, 달걀, 우유 등 동물성 음식을 먹지 "
                 "않아요.\n");
    else if (choice->rules & MD_MENU_RULE_VEGETARIAN)
        kput(&b, "저는 채식주의자예요. 고기, 생선, 해산물은 먹지 않아요. 달걀과 우유는 "
                 "먹어요.\n");
    else if (choice->rules & MD_MENU_RULE_PESCATARIAN)
        kput(&b, "저는 고기를 먹지 않아요. 생선과 해산물은 먹어요.\n");
    if (dish_ko) {
        kput(&b, "이 음식(");
        kput(&b, dish_ko);
        kput(&b, ")에 들어 있으면 알려 주세요.");
    } else {
        kput(&b, "이 음식에 들어 있으면 알려 주세요.");
    }
    return b.overflow ? -1 : 0;
}

static double distance_m(double lat1, double lon1, double lat2, double lon2)
{
    const double r = 6371008.8, rad = M_PI / 180.0;
    double dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
    double a = sin(dlat / 2) * sin(dlat / 2) +
               cos(lat1 * rad) * cos(lat2 * rad) * sin(dlon / 2) * sin(dlon / 2);
    return 2 * r * atan2(sqrt(a), sqrt(1 - a));
}

static int place_rank(const md_menu_place *p)
{
    return p->status.state == MD_HOURS_OPEN ? 0 : 1;
}

static int cmp_place(const void *a, const void *b, void *content)
{
    const md_menu_place *x = a, *y = b;
    const md_menu_content *c = content;
    int rx = place_rank(x), ry = place_rank(y);
    if (rx != ry)
        return rx - ry;
    if (x->distance_m != y->distance_m)
        return x->distance_m < y->distance_m ? -1 : 1;
    return strcmp(c->restaurants[x->restaurant].name_en, c->restaurants[y->restaurant].name_en);
}

int md_menu_places(md_hours_clock *clock, const md_menu_content *c, int64_t now_ms, int have_origin,
                   double lat, double lon, md_menu_place *out, int cap)
{
    md_hours_holidays hol = {.dates = c->holidays, .n = c->n_holidays};
    int n = 0;
    for (int i = 0; i < c->n_restaurants && n < cap; i++) {
        const md_menu_restaurant *r = &c->restaurants[i];
        out[n].restaurant = i;
        out[n].distance_m = have_origin ? distance_m(lat, lon, r->lat, r->lon) : -1;
        if (md_hours_status_at(clock, &r->hours, &hol, now_ms, &out[n].status) < 0)
            memset(&out[n].status, 0, sizeof out[n].status);
        n++;
    }
    qsort_r(out, (size_t)n, sizeof *out, cmp_place, (void *)c);
    return n;
}
