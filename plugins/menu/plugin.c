/* Menu plugin (너나들이): restaurants near the kiosk and their menus in the visitor's language. A
 * visitor picks what they can't eat (allergens from Korea's 19 labelled entries, and diet or faith
 * rules), then reads menus in which every dish that does not fit is marked (or hidden) with the
 * reason, and shows a Korean card to the staff. Dish names and descriptions come from the content
 * in Korean and English and are translated through the plugin's PO files like the UI. Everything
 * the visitor chose lives in `session` and is wiped by reset(); nothing is written to disk.
 */
#define MD_PLUGIN_MIN_HOST_MINOR 0
#include <madang/plugin.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "menu.h"

#define TAG "MENU: "
#undef N_
#define N_(s) MD_N_(s)
#define NAV_DEPTH 8
#define MAX_PLACES MD_MENU_MAX_RESTAURANTS

typedef enum screen {
    SCR_NONE = 0,
    SCR_LIST, /* restaurants near here */
    SCR_RESTAURANT,
    SCR_DISH,
    SCR_CHOICE, /* what I can't eat */
    SCR_CARD    /* the Korean card for the staff */
} screen;

/* Everything the visitor chose. reset() zeroes it; nothing else holds visitor data. */
typedef struct session {
    screen nav[NAV_DEPTH];
    int depth;
    int restaurant; /* index into content, -1 none */
    int dish;       /* index into the restaurant's dishes, -1 none */
    md_menu_choice choice;
    int hide_unfit; /* hide (instead of mark) the dishes that do not fit */
} session;

typedef struct menu {
    md_plugin_ctx *ctx;
    const md_host *host;
    md_menu_content *content; /* NULL: "not available right now" */
    md_hours_clock *clock;
    md_menu_content *pending; /* a reloaded set waiting for the visitor to leave */
    md_hours_clock *pending_clock;
    md_menu_place places[MAX_PLACES];
    /* The menu's second lines (price, spice, why not) as formatted for one restaurant, choice and
     * language: ICU formatting 40 prices and lists every frame would cost a scrolling finger. */
    struct {
        int restaurant; /* -1: nothing cached */
        md_menu_choice choice;
        char lang[32];
        char rows[MD_MENU_MAX_DISHES][320];
    } cache;
    session s;
} menu;

/* Diet and faith rules as the visitor chooses them: no pork and no beef are allergen bits. */
typedef struct rule_item {
    const char *msgid;
    const char *icon;
    int allergen; /* >= 0: this allergen's bit */
    uint32_t rule;
} rule_item;

static const rule_item k_rules[] = {
    /* TRANSLATORS: choices on "What I can't eat" (diet and faith). */
    {N_("No pork"), "icons/diet-no-pork.png", MD_MENU_PORK, 0},
    {N_("No beef"), "icons/diet-no-beef.png", MD_MENU_BEEF, 0},
    {N_("No alcohol"), "icons/diet-no-alcohol.png", -1, MD_MENU_RULE_NO_ALCOHOL},
    {N_("Halal only"), "icons/diet-halal.png", -1, MD_MENU_RULE_HALAL},
    {N_("Vegetarian"), "icons/diet-vegetarian.png", -1, MD_MENU_RULE_VEGETARIAN},
    {N_("Vegan"), "icons/diet-vegan.png", -1, MD_MENU_RULE_VEGAN},
    {N_("Pescatarian"), "icons/diet-pescatarian.png", -1, MD_MENU_RULE_PESCATARIAN},
};
#define N_RULES ((int)(sizeof k_rules / sizeof k_rules[0]))

/* --- small helpers --- */

static const char *tr(menu *m, const char *msgid)
{
    return m->host->tr(m->ctx, msgid);
}

static const char *fmt(menu *m, const char *msgid, const md_arg *args, int n)
{
    return m->host->format(m->ctx, NULL, msgid, args, n);
}

static md_arg arg_s(const char *name, const char *s)
{
    md_arg a = {.name = name, .type = MD_ARG_STRING};
    a.v.s = s;
    return a;
}

static int visitor_is_korean(menu *m)
{
    const char *l = m->host->lang(m->ctx);
    return l && strncmp(l, "ko", 2) == 0 && (l[2] == '\0' || l[2] == '-');
}

/* One anonymous use event for the hourly report (nothing about the visitor: no dish, no choice). */
static void count(menu *m, const char *event)
{
    if (MD_HOST_HAS(m->host, count_event))
        m->host->count_event(m->ctx, event);
}

static void go(menu *m, screen to)
{
    session *s = &m->s;
    if (to == SCR_CARD)
        count(m, "card-shown");
    else if (to == SCR_RESTAURANT)
        count(m, "menu-opened");
    if (s->depth == NAV_DEPTH) {
        memmove(s->nav, s->nav + 1, sizeof s->nav[0] * (NAV_DEPTH - 1));
        s->depth--;
    }
    s->nav[s->depth++] = to;
    m->host->ui_request_frame(m->ctx);
}

static void back(menu *m)
{
    if (m->s.depth > 1)
        m->s.depth--;
    m->host->ui_request_frame(m->ctx);
}

static screen current(const menu *m)
{
    return m->s.depth > 0 ? m->s.nav[m->s.depth - 1] : SCR_LIST;
}

/* "A, B and C" in the visitor's language (the host's ICU list patterns since ABI 1.3). */
static void list_of(menu *m, const char *const *items, int n, char *out, size_t cap)
{
    out[0] = '\0';
    if (n <= 0)
        return;
    if (MD_HOST_HAS(m->host, format_list)) {
        snprintf(out, cap, "%s", m->host->format_list(m->ctx, items, n > 32 ? 32 : n));
        return;
    }
    for (int i = 0; i < n; i++)
        snprintf(out + strlen(out), cap - strlen(out), "%s%s", i ? ", " : "", items[i]);
}

/* " · " joins the parts of a secondary line; empty parts are left out. */
static void join(char *out, size_t cap, const char *part)
{
    if (!part || !part[0])
        return;
    size_t n = strlen(out);
    snprintf(out + n, cap - n, "%s%s", n ? " · " : "", part);
}

static const char *status_text(menu *m, const md_hours_status *st, int64_t now_ms)
{
    md_hours_local a, b;
    int other_day = 0;
    if (st->change_ms) {
        md_hours_clock_local(m->clock, now_ms, &a);
        md_hours_clock_local(m->clock, st->change_ms, &b);
        other_day = a.year != b.year || a.month != b.month || a.day != b.day;
    }
    md_arg t = arg_s("time", st->change_ms ? m->host->format_date(m->ctx, st->change_ms,
                                                                  other_day ? "EEEjm" : "jm",
                                                                  m->content->time_zone)
                                           : "");
    switch (st->state) {
    case MD_HOURS_OPEN:
        /* TRANSLATORS: status of a restaurant; {time} is a time such as "21:00" or a weekday and
           time such as "Mon 02:00". */
        return st->change_ms ? other_day ? fmt(m, N_("Open now · closes {time}"), &t, 1)
                                         : fmt(m, N_("Open now · closes at {time}"), &t, 1)
                             : tr(m, "Open 24 hours");
    case MD_HOURS_BREAK:
        /* TRANSLATORS: a restaurant's break between lunch and dinner. */
        return fmt(m, N_("Break · opens again at {time}"), &t, 1);
    case MD_HOURS_CLOSED:
        return st->change_ms ? other_day ? fmt(m, N_("Closed · opens {time}"), &t, 1)
                                         : fmt(m, N_("Closed · opens at {time}"), &t, 1)
                             : tr(m, "Closed");
    default:
        return "";
    }
}

static const char *distance_text(menu *m, double d_m)
{
    if (d_m < 0)
        return "";
    if (d_m < 1000) {
        md_arg a = {.name = "meters", .type = MD_ARG_INT};
        a.v.i = ((int64_t)(d_m + 5) / 10) * 10;
        /* TRANSLATORS: distance from this kiosk; keep {meters, number} as it is. */
        return fmt(m, N_("{meters, number} m away"), &a, 1);
    }
    char km[64];
    snprintf(km, sizeof km, "%s", m->host->format_number(m->ctx, d_m / 1000.0, 1));
    md_arg a = arg_s("km", km);
    /* TRANSLATORS: distance from this kiosk; {km} is a number such as "1.7". */
    return fmt(m, N_("{km} km away"), &a, 1);
}

static const char *halal_text(menu *m, md_menu_halal h)
{
    switch (h) {
    /* TRANSLATORS: the Korea Tourism Organization's halal tiers of a restaurant. */
    case MD_MENU_HALAL_CERTIFIED:
        return tr(m, "Halal certified");
    case MD_MENU_HALAL_SELF_CERTIFIED:
        return tr(m, "Self certified (halal)");
    case MD_MENU_HALAL_MUSLIM_FRIENDLY:
        return tr(m, "Muslim friendly");
    case MD_MENU_HALAL_PORK_FREE:
        return tr(m, "Pork free");
    default:
        return "";
    }
}

static const char *spice_text(menu *m, int spice)
{
    switch (spice) {
    case 1:
        /* TRANSLATORS: how spicy a dish is. */
        return tr(m, "Mildly spicy");
    case 2:
        return tr(m, "Spicy");
    case 3:
        return tr(m, "Very spicy");
    default:
        return tr(m, "Not spicy");
    }
}

static const char *price_text(menu *m, int64_t won)
{
    return m->host->format_krw(m->ctx, won);
}

/* Why a dish does not fit, in the visitor's language: "Pork, Peanuts and not vegetarian". */
static void reasons_text(menu *m, const md_menu_verdict *v, char *out, size_t cap)
{
    const char *items[MD_MENU_N_ALLERGENS + MD_MENU_N_RULES];
    int n = 0;
    for (int i = 0; i < MD_MENU_N_ALLERGENS; i++)
        if (v->allergens & (1u << i))
            items[n++] = tr(m, md_menu_allergen_short(i));
    /* TRANSLATORS: reasons a dish does not fit what the visitor can't eat. */
    if (v->rules & MD_MENU_RULE_NO_ALCOHOL)
        items[n++] = tr(m, "contains alcohol");
    if (v->rules & MD_MENU_RULE_HALAL)
        items[n++] = tr(m, "not halal");
    if (v->rules & MD_MENU_RULE_VEGAN)
        items[n++] = tr(m, "not vegan");
    if (v->rules & MD_MENU_RULE_VEGETARIAN)
        items[n++] = tr(m, "not vegetarian");
    if (v->rules & MD_MENU_RULE_PESCATARIAN)
        items[n++] = tr(m, "contains meat");
    list_of(m, items, n, out, cap);
}

static const char *not_for_you(menu *m, const md_menu_verdict *v)
{
    char why[1024];
    reasons_text(m, v, why, sizeof why);
    md_arg a = arg_s("reasons", why);
    /* TRANSLATORS: on a dish that does not fit what the visitor can't eat; {reasons} lists why,
       e.g. "Pork and Peanuts". */
    return fmt(m, N_("Not for you: {reasons}"), &a, 1);
}

static int kiosk_origin(menu *m, double *lat, double *lon)
{
    const char *a = m->host->config(m->ctx, "latitude");
    const char *b = m->host->config(m->ctx, "longitude");
    char *end1 = NULL, *end2 = NULL;
    if (!a || !b)
        return 0;
    *lat = strtod(a, &end1);
    *lon = strtod(b, &end2);
    return end1 != a && *end1 == '\0' && end2 != b && *end2 == '\0' && *lat >= -90 && *lat <= 90 &&
           *lon >= -180 && *lon <= 180;
}

/* --- content: all or nothing; a refused set leaves the last good one in place --- */

static int load_content(menu *m, md_menu_content **out_content, md_hours_clock **out_clock)
{
    char err[MD_MENU_ERR_CAP];
    const char *dir = m->host->content_dir(m->ctx);
    md_menu_content *c = dir ? md_menu_content_load(dir, err, sizeof err) : NULL;
    if (!dir)
        snprintf(err, sizeof err, "no content directory");
    md_hours_clock *clock = c ? md_hours_clock_create(c->time_zone, err, sizeof err) : NULL;
    if (!c || !clock) {
        m->host->log(m->ctx, MD_LOG_ERROR, TAG "content refused: %s", err);
        md_menu_content_free(c);
        return -1;
    }
    *out_content = c;
    *out_clock = clock;
    return 0;
}

static void wipe_session(menu *m)
{
    memset(&m->s, 0, sizeof m->s);
    m->cache.restaurant = -1;
    m->s.restaurant = m->s.dish = -1;
    m->s.nav[0] = SCR_LIST;
    m->s.depth = 1;
}

static void adopt_pending(menu *m)
{
    if (!m->pending)
        return;
    md_menu_content_free(m->content);
    md_hours_clock_destroy(m->clock);
    m->content = m->pending;
    m->clock = m->pending_clock;
    m->pending = NULL;
    m->pending_clock = NULL;
    wipe_session(m);
}

/* --- screens --- */

static void banner(menu *m)
{
    if (m->content->sample)
        /* TRANSLATORS: small notice while the kiosk shows made-up test data. */
        m->host->ui_text(m->ctx,
                         tr(m, "Sample data: these restaurants, dishes and prices are made up "
                               "for testing."),
                         MD_TEXT_SMALL);
}

static int back_button(menu *m)
{
    if (m->host->ui_button(m->ctx, tr(m, "Back"), MD_TONE_NORMAL)) {
        back(m);
        return 1;
    }
    return 0;
}

/* The "what I can't eat" button, naming the choice when there is one. */
static void choice_button(menu *m)
{
    const md_host *H = m->host;
    const char *items[MD_MENU_N_ALLERGENS + N_RULES];
    int n = 0;
    for (int i = 0; i < N_RULES; i++)
        if (k_rules[i].allergen < 0 && (m->s.choice.rules & k_rules[i].rule))
            items[n++] = tr(m, k_rules[i].msgid);
    for (int i = 0; i < MD_MENU_N_ALLERGENS; i++)
        if (m->s.choice.allergens & (1u << i))
            items[n++] = tr(m, md_menu_allergen_short(i));
    const char *label = tr(m, "What I can't eat");
    if (n > 0) {
        char list[1024];
        list_of(m, items, n, list, sizeof list);
        md_arg a = arg_s("list", list);
        /* TRANSLATORS: the button to change the choice; {list} names what the visitor chose. */
        label = fmt(m, N_("What I can't eat: {list}"), &a, 1);
    }
    if (H->ui_button(m->ctx, label, MD_TONE_PRIMARY))
        go(m, SCR_CHOICE);
    if (n > 0 && H->ui_button(m->ctx, tr(m, "Card for the staff"), MD_TONE_NORMAL)) {
        m->s.dish = -1;
        go(m, SCR_CARD);
    }
}

static void screen_list(menu *m)
{
    const md_host *H = m->host;
    const md_menu_content *c = m->content;
    banner(m);
    choice_button(m);
    H->ui_text(m->ctx, tr(m, "Restaurants near here"), MD_TEXT_HEADING);
    double lat = 0, lon = 0;
    int have = kiosk_origin(m, &lat, &lon);
    int64_t now = H->now_unix_ms(m->ctx);
    int n = md_menu_places(m->clock, c, now, have, lat, lon, m->places, MAX_PLACES);
    for (int i = 0; i < n; i++) {
        const md_menu_place *p = &m->places[i];
        const md_menu_restaurant *r = &c->restaurants[p->restaurant];
        char primary[512], secondary[1024] = "";
        /* A Korean visitor reads the Korean name alone; everyone else both. */
        if (visitor_is_korean(m))
            snprintf(primary, sizeof primary, "%s", r->name_ko);
        else
            snprintf(primary, sizeof primary, "%s · %s", r->name_ko, tr(m, r->name_en));
        join(secondary, sizeof secondary, tr(m, md_menu_cuisine_msgid(r->cuisine)));
        join(secondary, sizeof secondary, halal_text(m, r->halal));
        join(secondary, sizeof secondary, status_text(m, &p->status, now));
        join(secondary, sizeof secondary, distance_text(m, p->distance_m));
        if (MD_HOST_HAS(H, ui_label_msgid))
            H->ui_label_msgid(m->ctx, NULL, r->name_en);
        if (H->ui_list_item(m->ctx, primary, secondary)) {
            m->s.restaurant = p->restaurant;
            go(m, SCR_RESTAURANT);
        }
    }
}

static void mark(menu *m, const char *label, const char *icon, uint32_t rgb)
{
    if (MD_HOST_HAS(m->host, ui_mark))
        m->host->ui_mark(m->ctx, label, icon, rgb);
    else
        m->host->ui_text(m->ctx, label, MD_TEXT_BODY);
}

static void screen_restaurant(menu *m)
{
    const md_host *H = m->host;
    const md_menu_restaurant *r = &m->content->restaurants[m->s.restaurant];
    H->ui_text_lang(m->ctx, r->name_ko, "ko", MD_TEXT_HEADING);
    if (!visitor_is_korean(m))
        H->ui_text(m->ctx, tr(m, r->name_en), MD_TEXT_LARGE);
    char line[1024] = "";
    join(line, sizeof line, tr(m, md_menu_cuisine_msgid(r->cuisine)));
    char prices[256];
    snprintf(prices, sizeof prices, "%s – ", price_text(m, r->price_min_krw));
    snprintf(prices + strlen(prices), sizeof prices - strlen(prices), "%s",
             price_text(m, r->price_max_krw));
    join(line, sizeof line, prices);
    md_hours_status st;
    md_hours_holidays hol = {.dates = m->content->holidays, .n = m->content->n_holidays};
    int64_t now = H->now_unix_ms(m->ctx);
    if (md_hours_status_at(m->clock, &r->hours, &hol, now, &st) == 0)
        join(line, sizeof line, status_text(m, &st, now));
    H->ui_text(m->ctx, line, MD_TEXT_BODY);
    if (r->halal != MD_MENU_HALAL_NONE)
        mark(m, halal_text(m, r->halal), "icons/diet-halal.png", 0xDDF3E4);
    /* The dishes come first; with a choice made, what to do about it comes after them. */
    int have_choice = !md_menu_choice_empty(&m->s.choice);
    if (!have_choice)
        choice_button(m);
    H->ui_text(m->ctx, tr(m, "Menu"), MD_TEXT_HEADING);
    const char *lang = H->lang(m->ctx);
    if (m->cache.restaurant != m->s.restaurant ||
        memcmp(&m->cache.choice, &m->s.choice, sizeof m->cache.choice) != 0 ||
        strcmp(m->cache.lang, lang ? lang : "") != 0) {
        for (int i = 0; i < r->n_dishes && i < MD_MENU_MAX_DISHES; i++) {
            const md_menu_dish *d = &r->dishes[i];
            md_menu_verdict v = md_menu_check(r, d, &m->s.choice);
            char *row = m->cache.rows[i];
            row[0] = '\0';
            join(row, sizeof m->cache.rows[i], price_text(m, d->price_krw));
            join(row, sizeof m->cache.rows[i], spice_text(m, d->spice));
            if (!md_menu_fits(&v))
                join(row, sizeof m->cache.rows[i], not_for_you(m, &v));
        }
        m->cache.restaurant = m->s.restaurant;
        m->cache.choice = m->s.choice;
        snprintf(m->cache.lang, sizeof m->cache.lang, "%s", lang ? lang : "");
    }
    int hidden = 0;
    for (int i = 0; i < r->n_dishes; i++) {
        const md_menu_dish *d = &r->dishes[i];
        md_menu_verdict v = md_menu_check(r, d, &m->s.choice);
        int fits = md_menu_fits(&v);
        if (!fits && m->s.hide_unfit) {
            hidden++;
            continue;
        }
        char primary[512];
        if (visitor_is_korean(m))
            snprintf(primary, sizeof primary, "%s", d->name_ko);
        else
            snprintf(primary, sizeof primary, "%s · %s", d->name_ko, tr(m, d->name_en));
        if (MD_HOST_HAS(H, ui_label_msgid))
            H->ui_label_msgid(m->ctx, NULL, d->name_en);
        if (H->ui_list_item(m->ctx, primary, m->cache.rows[i])) {
            m->s.dish = i;
            go(m, SCR_DISH);
        }
    }
    if (hidden > 0) {
        md_arg a = {.name = "count", .type = MD_ARG_INT};
        a.v.i = hidden;
        /* TRANSLATORS: under a menu when dishes the visitor can't eat are hidden. */
        H->ui_text(m->ctx,
                   fmt(m, N_("{count, plural, one {# dish is hidden} other {# dishes are hidden}}"),
                       &a, 1),
                   MD_TEXT_SMALL);
    }
    if (have_choice) {
        /* TRANSLATORS: switches between hiding and marking the dishes the visitor can't eat. */
        const char *t =
            m->s.hide_unfit ? tr(m, "Show all dishes") : tr(m, "Hide dishes I can't eat");
        if (H->ui_button(m->ctx, t, MD_TONE_NORMAL)) {
            m->s.hide_unfit = !m->s.hide_unfit;
            H->ui_request_frame(m->ctx);
        }
        choice_button(m);
    }
    banner(m);
    H->ui_text_lang(m->ctx, r->address_ko, "ko", MD_TEXT_BODY);
    H->ui_text(m->ctx, r->address_en, MD_TEXT_SMALL);
    if (r->photo)
        H->ui_image(m->ctx, r->photo, 60);
    back_button(m);
}

static void screen_dish(menu *m)
{
    const md_host *H = m->host;
    const md_menu_restaurant *r = &m->content->restaurants[m->s.restaurant];
    const md_menu_dish *d = &r->dishes[m->s.dish];
    H->ui_text_lang(m->ctx, d->name_ko, "ko", MD_TEXT_HEADING);
    H->ui_text_lang(m->ctx, d->rom, "en", MD_TEXT_BODY);
    if (!visitor_is_korean(m))
        H->ui_text(m->ctx, tr(m, d->name_en), MD_TEXT_LARGE);
    if (d->desc_en)
        H->ui_text(m->ctx, tr(m, d->desc_en), MD_TEXT_BODY);
    char line[512] = "";
    join(line, sizeof line, price_text(m, d->price_krw));
    join(line, sizeof line, spice_text(m, d->spice));
    H->ui_text(m->ctx, line, MD_TEXT_LARGE);
    md_menu_verdict v = md_menu_check(r, d, &m->s.choice);
    if (!md_menu_fits(&v)) {
        if (MD_HOST_HAS(H, ui_notice))
            H->ui_notice(m->ctx, not_for_you(m, &v), MD_TONE_DANGER);
        else
            H->ui_text(m->ctx, not_for_you(m, &v), MD_TEXT_LARGE);
    } else if (!md_menu_choice_empty(&m->s.choice)) {
        /* TRANSLATORS: on a dish that fits everything the visitor chose. */
        H->ui_text(m->ctx, tr(m, "Nothing you can't eat is listed for this dish."), MD_TEXT_BODY);
    }
    /* TRANSLATORS: heading above a dish's allergen marks (Korea's food labelling rules). */
    H->ui_text(m->ctx, tr(m, "Allergens"), MD_TEXT_HEADING);
    if (!d->allergens) {
        H->ui_text(m->ctx, tr(m, "None of the 19 allergens on Korea's labelling list."),
                   MD_TEXT_BODY);
    } else {
        H->ui_columns_begin(m->ctx, 2);
        for (int i = 0; i < MD_MENU_N_ALLERGENS; i++)
            if (d->allergens & (1u << i))
                mark(m, tr(m, md_menu_allergens[i].msgid), md_menu_allergens[i].icon,
                     md_menu_allergens[i].rgb);
        H->ui_columns_end(m->ctx);
    }
    /* TRANSLATORS: heading above a dish's diet marks (pork, beef, alcohol, vegetarian, halal). */
    H->ui_text(m->ctx, tr(m, "Diet"), MD_TEXT_HEADING);
    H->ui_columns_begin(m->ctx, 2);
    int n = 0;
    if (d->allergens & (1u << MD_MENU_PORK))
        n++, mark(m, tr(m, "Contains pork"), "icons/diet-no-pork.png", 0xFBDDEA);
    if (d->allergens & (1u << MD_MENU_BEEF))
        n++, mark(m, tr(m, "Contains beef"), "icons/diet-no-beef.png", 0xF4DAD6);
    if (d->alcohol)
        n++, mark(m, tr(m, "Contains alcohol"), "icons/diet-no-alcohol.png", 0xECE0F5);
    if (d->claims & MD_MENU_CLAIM_VEGAN)
        n++, mark(m, tr(m, "Vegan"), "icons/diet-vegan.png", 0xDDF3D6);
    else if (d->claims & MD_MENU_CLAIM_VEGETARIAN)
        n++, mark(m, tr(m, "Vegetarian (eggs and milk)"), "icons/diet-vegetarian.png", 0xE6F5D6);
    else if (d->claims & MD_MENU_CLAIM_PESCATARIAN)
        n++, mark(m, tr(m, "Pescatarian"), "icons/diet-pescatarian.png", 0xDDEFF7);
    if (md_menu_dish_is_halal(r, d))
        n++, mark(m,
                  r->halal == MD_MENU_HALAL_MUSLIM_FRIENDLY ? tr(m, "Halal dish")
                                                            : halal_text(m, r->halal),
                  "icons/diet-halal.png", 0xDDF3E4);
    else if (r->halal == MD_MENU_HALAL_PORK_FREE || r->halal == MD_MENU_HALAL_MUSLIM_FRIENDLY)
        n++, mark(m, tr(m, "Pork free"), "icons/diet-no-pork.png", 0xE8F0E0);
    H->ui_columns_end(m->ctx);
    if (n == 0)
        H->ui_text(m->ctx, tr(m, "No diet marks."), MD_TEXT_BODY);
    if (H->ui_button(m->ctx, tr(m, "Card for the staff"), MD_TONE_PRIMARY)) {
        go(m, SCR_CARD);
        return;
    }
    if (d->photo)
        H->ui_image(m->ctx, d->photo, 70);
    back_button(m);
}

static void screen_choice(menu *m)
{
    const md_host *H = m->host;
    md_menu_choice *ch = &m->s.choice;
    /* TRANSLATORS: at the top of "What I can't eat". */
    H->ui_text(m->ctx, tr(m, "Choose everything you can't eat. Tap again to undo."), MD_TEXT_BODY);
    if (H->ui_button(m->ctx, tr(m, "Done"), MD_TONE_PRIMARY)) {
        back(m);
        return;
    }
    H->ui_text(m->ctx, tr(m, "Diet and faith"), MD_TEXT_HEADING);
    H->ui_columns_begin(m->ctx, 4);
    for (int i = 0; i < N_RULES; i++) {
        const rule_item *it = &k_rules[i];
        int on =
            it->allergen >= 0 ? (ch->allergens >> it->allergen) & 1 : (ch->rules & it->rule) != 0;
        md_arg a = arg_s("item", tr(m, it->msgid));
        /* TRANSLATORS: a choice the visitor has made on "What I can't eat" (tap to undo). */
        const char *label = on ? fmt(m, N_("{item} (chosen)"), &a, 1) : tr(m, it->msgid);
        if (H->ui_tile(m->ctx, label, it->icon, on ? MD_TONE_PRIMARY : MD_TONE_NORMAL)) {
            if (it->allergen >= 0)
                ch->allergens ^= 1u << it->allergen;
            else
                ch->rules ^= it->rule;
            H->ui_request_frame(m->ctx);
        }
    }
    H->ui_columns_end(m->ctx);
    /* TRANSLATORS: heading of the allergen choices (Korea's 19 labelled allergens). */
    H->ui_text(m->ctx, tr(m, "Allergies"), MD_TEXT_HEADING);
    H->ui_columns_begin(m->ctx, 4);
    for (int i = 0; i < MD_MENU_N_ALLERGENS; i++) {
        int on = (ch->allergens >> i) & 1;
        md_arg a = arg_s("item", tr(m, md_menu_allergen_short(i)));
        const char *label =
            on ? fmt(m, N_("{item} (chosen)"), &a, 1) : tr(m, md_menu_allergen_short(i));
        if (H->ui_tile(m->ctx, label, md_menu_allergens[i].icon,
                       on ? MD_TONE_PRIMARY : MD_TONE_NORMAL)) {
            ch->allergens ^= 1u << i;
            H->ui_request_frame(m->ctx);
        }
    }
    H->ui_columns_end(m->ctx);
    if (!md_menu_choice_empty(ch) && H->ui_button(m->ctx, tr(m, "Clear all"), MD_TONE_NORMAL)) {
        memset(ch, 0, sizeof *ch);
        H->ui_request_frame(m->ctx);
    }
    if (H->ui_button(m->ctx, tr(m, "Done"), MD_TONE_PRIMARY))
        back(m);
}

static void screen_card(menu *m)
{
    const md_host *H = m->host;
    const md_menu_choice *ch = &m->s.choice;
    /* TRANSLATORS: heading of the card in Korean the visitor shows at the counter. */
    H->ui_heading(m->ctx, tr(m, "Show this card to the staff."));
    if (md_menu_choice_empty(ch)) {
        H->ui_text(m->ctx, tr(m, "Choose what you can't eat first."), MD_TEXT_BODY);
        choice_button(m);
        back_button(m);
        return;
    }
    const char *dish_ko = NULL;
    if (m->s.restaurant >= 0 && m->s.dish >= 0 && current(m) == SCR_CARD && m->s.depth >= 2 &&
        m->s.nav[m->s.depth - 2] == SCR_DISH)
        dish_ko = m->content->restaurants[m->s.restaurant].dishes[m->s.dish].name_ko;
    char ko[2048];
    if (md_menu_card_ko(ch, dish_ko, ko, sizeof ko) == 0) {
        char *save = NULL;
        for (char *l = strtok_r(ko, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
            H->ui_text_lang(m->ctx, l, "ko", MD_TEXT_LARGE);
    }
    if (!visitor_is_korean(m)) {
        const char *items[MD_MENU_N_ALLERGENS + 1];
        int n = 0;
        for (int i = 0; i < MD_MENU_N_ALLERGENS; i++)
            if (ch->allergens & (1u << i))
                items[n++] = tr(m, md_menu_allergen_short(i));
        if (ch->rules & MD_MENU_RULE_NO_ALCOHOL)
            /* TRANSLATORS: on the staff card's list of what the visitor can't eat. */
            items[n++] = tr(m, "Alcohol");
        if (n > 0) {
            char list[1024];
            list_of(m, items, n, list, sizeof list);
            md_arg a = arg_s("list", list);
            /* TRANSLATORS: the visitor's own version of the Korean card, under it. */
            H->ui_text(
                m->ctx,
                fmt(m, N_("I can't eat {list}. Please tell me if this dish contains them."), &a, 1),
                MD_TEXT_BODY);
        }
        if (ch->rules & MD_MENU_RULE_HALAL)
            H->ui_text(m->ctx,
                       tr(m, "I am Muslim. I eat only halal food, nothing with pork or alcohol."),
                       MD_TEXT_BODY);
        if (ch->rules & MD_MENU_RULE_VEGAN)
            H->ui_text(m->ctx,
                       tr(m, "I am vegan: no meat, fish, seafood, eggs, milk or other animal "
                             "foods."),
                       MD_TEXT_BODY);
        else if (ch->rules & MD_MENU_RULE_VEGETARIAN)
            H->ui_text(m->ctx,
                       tr(m, "I am vegetarian: no meat, fish or seafood. Eggs and milk are fine."),
                       MD_TEXT_BODY);
        else if (ch->rules & MD_MENU_RULE_PESCATARIAN)
            H->ui_text(m->ctx, tr(m, "I eat no meat. Fish and seafood are fine."), MD_TEXT_BODY);
    }
    back_button(m);
}

static void screen_unavailable(menu *m)
{
    /* TRANSLATORS: shown instead of the menus when their content could not be loaded. */
    m->host->ui_heading(m->ctx, tr(m, "The menus are not available right now."));
    if (m->host->ui_button(m->ctx, tr(m, "Back"), MD_TONE_NORMAL))
        m->host->go_home(m->ctx);
}

/* --- callbacks --- */

static int menu_init(md_plugin_ctx *ctx, const md_host *host, void **state)
{
    if (!MD_HOST_HAS(host, go_home)) {
        host->log(ctx, MD_LOG_ERROR, TAG "the host table is too old for this plugin");
        return -1;
    }
    menu *m = calloc(1, sizeof *m);
    if (!m) {
        host->log(ctx, MD_LOG_ERROR, TAG "out of memory");
        return -1;
    }
    m->ctx = ctx;
    m->host = host;
    wipe_session(m);
    load_content(m, &m->content, &m->clock);
    *state = m;
    return 0;
}

static void menu_enter(void *state)
{
    menu *m = state;
    m->cache.restaurant = -1; /* a pack may have been reloaded since */
    adopt_pending(m);
    m->s.nav[0] = SCR_LIST;
    m->s.depth = 1;
}

static void menu_frame(void *state)
{
    menu *m = state;
    if (!m->content) {
        screen_unavailable(m);
        return;
    }
    screen scr = current(m);
    if ((scr == SCR_RESTAURANT || scr == SCR_DISH) &&
        (m->s.restaurant < 0 || m->s.restaurant >= m->content->n_restaurants))
        scr = SCR_LIST;
    if (scr == SCR_DISH &&
        (m->s.dish < 0 || m->s.dish >= m->content->restaurants[m->s.restaurant].n_dishes))
        scr = SCR_RESTAURANT;
    switch (scr) {
    case SCR_RESTAURANT:
        screen_restaurant(m);
        break;
    case SCR_DISH:
        screen_dish(m);
        break;
    case SCR_CHOICE:
        screen_choice(m);
        break;
    case SCR_CARD:
        screen_card(m);
        break;
    default:
        screen_list(m);
        break;
    }
}

static void menu_locale_changed(void *state, const char *lang)
{
    menu *m = state;
    m->cache.restaurant = -1;
}

static void menu_content_updated(void *state)
{
    menu *m = state;
    md_menu_content *c = NULL;
    md_hours_clock *clock = NULL;
    if (load_content(m, &c, &clock) < 0) {
        m->host->log(m->ctx, MD_LOG_WARN, TAG "%s",
                     m->content ? "keeping the previous content" : "no content to show");
        return;
    }
    md_menu_content_free(m->pending);
    md_hours_clock_destroy(m->pending_clock);
    m->pending = c;
    m->pending_clock = clock;
    if (!m->content)
        adopt_pending(m);
}

static void menu_reset(void *state)
{
    menu *m = state;
    wipe_session(m); /* the visitor's "what I can't eat" goes with them */
    adopt_pending(m);
}

static void menu_shutdown(void *state)
{
    menu *m = state;
    if (!m)
        return;
    md_menu_content_free(m->content);
    md_menu_content_free(m->pending);
    md_hours_clock_destroy(m->clock);
    md_hours_clock_destroy(m->pending_clock);
    memset(m, 0, sizeof *m);
    free(m);
}

static int menu_validate(const char *content_dir, char *err, size_t err_cap)
{
    md_menu_content *c = md_menu_content_load(content_dir, err, err_cap);
    int rc = c ? 0 : -1;
    md_menu_content_free(c);
    return rc;
}

static const md_plugin_desc menu_desc = {
    .struct_size = sizeof(md_plugin_desc),
    .abi_major = MD_PLUGIN_ABI_MAJOR,
    .abi_minor = MD_PLUGIN_MIN_HOST_MINOR,
    .id = "kr.go.ansan.menu",
    .version = "0.1.0",
    /* TRANSLATORS: the name of the service on its tile and in the title bar. */
    .title = N_("Restaurant menus"),
    .icon = "icons/menu.png",
    .init = menu_init,
    .enter = menu_enter,
    .frame = menu_frame,
    .locale_changed = menu_locale_changed,
    .content_updated = menu_content_updated,
    .reset = menu_reset,
    .shutdown = menu_shutdown,
    .validate = menu_validate,
};

MD_PLUGIN_EXPORT const md_plugin_desc *madang_plugin_entry(void);
MD_PLUGIN_EXPORT const md_plugin_desc *madang_plugin_entry(void)
{
    return &menu_desc;
}
