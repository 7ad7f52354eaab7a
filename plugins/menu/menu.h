/* Menu plugin (너나들이) — internal types shared by its files: the loaded content (restaurants and
 * their dishes, validated strictly), Korea's 19 allergen entries and the diet marks, the visitor's
 * "what I can't eat" choice and the verdict on a dish, and the Korean card for the staff. Nothing
 * here is exported from the .so (-fvisibility=hidden); unit tests compile these files directly.
 * The JSON schema is documented in docs/MENU.md.
 */
#ifndef MD_MENU_H
#define MD_MENU_H

#include <stddef.h>
#include <stdint.h>

#include "../../common/hours/hours.h"

#define MD_MENU_SCHEMA 1    /* the newest content schema this plugin understands */
#define MD_MENU_ERR_CAP 512 /* room for a validation reason */
#define MD_MENU_FILE "menu.json"
#define MD_MENU_MAX_FILE_BYTES (8u << 20)
#define MD_MENU_MAX_RESTAURANTS 500
#define MD_MENU_MAX_DISHES 200 /* per restaurant */
#define MD_MENU_ROM_CAP 160

/* The 19 entries of Korea's allergen labelling (식품 등의 표시기준, 알레르기 유발물질), in the
 * order the rules list them. Bit i of a mask is entry i. */
typedef enum md_menu_allergen {
    MD_MENU_EGG = 0, /* 알류 (가금류) */
    MD_MENU_MILK,
    MD_MENU_BUCKWHEAT,
    MD_MENU_PEANUT,
    MD_MENU_SOYBEAN,
    MD_MENU_WHEAT,
    MD_MENU_MACKEREL,
    MD_MENU_CRAB,
    MD_MENU_SHRIMP,
    MD_MENU_PORK,
    MD_MENU_PEACH,
    MD_MENU_TOMATO,
    MD_MENU_SULFITES,
    MD_MENU_WALNUT,
    MD_MENU_CHICKEN,
    MD_MENU_BEEF,
    MD_MENU_SQUID,
    MD_MENU_SHELLFISH, /* 조개류 (굴·전복·홍합 포함) */
    MD_MENU_PINE_NUT,
    MD_MENU_N_ALLERGENS
} md_menu_allergen;

typedef struct md_menu_allergen_info {
    const char *code;        /* in content: "egg", "pine_nut" */
    const char *ko;          /* the rules' Korean name: "알류" */
    const char *ko_card;     /* on the staff card: "달걀 (알류)" */
    const char *msgid;       /* English msgid of its name in the visitor's language */
    const char *short_msgid; /* a shorter name for tiles and lists (the full one on marks) */
    const char *icon;        /* relative to the content directory */
    uint32_t rgb;            /* the box's background colour */
} md_menu_allergen_info;

extern const md_menu_allergen_info md_menu_allergens[MD_MENU_N_ALLERGENS];
int md_menu_allergen_find(const char *code);      /* index or -1 */
const char *md_menu_allergen_short(int allergen); /* msgid for tiles and lists */

/* What a dish claims to be (content "diet"): vegan implies vegetarian implies pescatarian. */
enum {
    MD_MENU_CLAIM_VEGETARIAN = 1, /* lacto-ovo: no meat, fish or seafood */
    MD_MENU_CLAIM_VEGAN = 2,      /* nothing from animals */
    MD_MENU_CLAIM_PESCATARIAN = 4 /* no meat; fish and seafood */
};

/* The rules a visitor can choose besides allergens (no pork / no beef are the allergen bits). */
typedef enum md_menu_rule {
    MD_MENU_RULE_NO_ALCOHOL = 1,
    MD_MENU_RULE_VEGETARIAN = 2,
    MD_MENU_RULE_VEGAN = 4,
    MD_MENU_RULE_PESCATARIAN = 8,
    MD_MENU_RULE_HALAL = 16
} md_menu_rule;
#define MD_MENU_N_RULES 5

/* Halal tiers as the Korea Tourism Organization classifies restaurants. */
typedef enum md_menu_halal {
    MD_MENU_HALAL_NONE = 0,
    MD_MENU_HALAL_CERTIFIED,       /* 할랄 인증: certified by the Korea Muslim Federation */
    MD_MENU_HALAL_SELF_CERTIFIED,  /* 자가 인증: run by Muslims, no certificate */
    MD_MENU_HALAL_MUSLIM_FRIENDLY, /* 무슬림 프렌들리: halal dishes on the menu, no pork */
    MD_MENU_HALAL_PORK_FREE        /* 포크 프리: serves no pork */
} md_menu_halal;

typedef struct md_menu_dish {
    const char *id;
    const char *name_ko;
    char rom[MD_MENU_ROM_CAP]; /* Revised Romanization: content's "rom", else computed */
    const char *name_en;       /* msgid: translated through the PO files */
    const char *desc_en;       /* msgid, may be NULL */
    int64_t price_krw;
    const char *photo; /* relative to the content directory, may be NULL */
    int spice;         /* 0 not spicy .. 3 very spicy */
    uint32_t allergens;
    int alcohol;
    int claims; /* MD_MENU_CLAIM_* */
    int halal;  /* content "halal": a halal dish of a Muslim-friendly restaurant */
} md_menu_dish;

typedef struct md_menu_restaurant {
    const char *id;
    const char *name_ko;
    const char *name_en; /* msgid */
    const char *cuisine; /* code: "korean", "uzbek", ... */
    const char *address_ko;
    const char *address_en;
    const char *phone;
    double lat, lon;
    int64_t price_min_krw, price_max_krw;
    const char *photo;
    md_menu_halal halal;
    md_hours hours;
    md_menu_dish *dishes;
    int n_dishes;
} md_menu_restaurant;

typedef struct md_menu_content {
    void *json; /* the parsed document: owns every string */
    int schema;
    int sample;
    const char *time_zone;
    int32_t *holidays; /* sorted yyyymmdd */
    int n_holidays;
    md_menu_restaurant *restaurants;
    int n_restaurants;
    void **blocks; /* every allocation of this set, freed at once */
    int n_blocks, cap_blocks;
} md_menu_content;

/* Cuisines content may name, and their English msgids. */
const char *md_menu_cuisine_msgid(const char *code); /* NULL: unknown */

/* Parses and validates menu.json (NUL-terminated text of n_bytes). Returns the content, or NULL
 * with "menu.json: restaurants[2].dishes[3]: reason" in err. Free with md_menu_content_free. */
md_menu_content *md_menu_content_parse(const char *text, size_t n_bytes, char *err, size_t err_cap);
/* Reads dir/menu.json and parses it; photos and icons it names must exist in dir. */
md_menu_content *md_menu_content_load(const char *dir, char *err, size_t err_cap);
void md_menu_content_free(md_menu_content *c);

/* --- the visitor's choice and the verdict (filter.c) --- */
typedef struct md_menu_choice {
    uint32_t allergens; /* bit per md_menu_allergen */
    uint32_t rules;     /* MD_MENU_RULE_* */
} md_menu_choice;

typedef struct md_menu_verdict {
    uint32_t allergens; /* the chosen allergens the dish contains */
    uint32_t rules;     /* the chosen rules the dish breaks */
} md_menu_verdict;

/* Whether the dish is halal as the restaurant's tier says (certified or self-certified restaurant,
 * or a halal dish of a Muslim-friendly one). */
int md_menu_dish_is_halal(const md_menu_restaurant *r, const md_menu_dish *d);
md_menu_verdict md_menu_check(const md_menu_restaurant *r, const md_menu_dish *d,
                              const md_menu_choice *choice);
int md_menu_fits(const md_menu_verdict *v); /* 1 when nothing is wrong */
int md_menu_choice_empty(const md_menu_choice *choice);

/* The staff card's Korean sentences for the choice, one per line into out ("저는 돼지고기나 땅콩을
 * 먹을 수 없어요."...), ending with the request to say so. dish_ko may be NULL. 0, or -1 when the
 * choice is empty or out is too small. */
int md_menu_card_ko(const md_menu_choice *choice, const char *dish_ko, char *out, size_t cap);
/* 1 when the last Hangul syllable of word (before any "(") has a final consonant (받침). */
int md_menu_ko_has_final(const char *word);

/* Restaurants in display order: open now first, then nearest (or by name without a location).
 * Fills order[0..n_restaurants). */
typedef struct md_menu_place {
    int restaurant;
    double distance_m; /* -1 when the kiosk location is unknown */
    md_hours_status status;
} md_menu_place;
int md_menu_places(md_hours_clock *clock, const md_menu_content *c, int64_t now_ms, int have_origin,
                   double lat, double lon, md_menu_place *out, int cap);

#endif /* MD_MENU_H */
