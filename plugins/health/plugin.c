/* Health guide plugin: the screens, drawn only through the host table. A visitor goes from a body
 * area to a symptom to a department and an urgency, then to clinics near the kiosk that are open
 * and speak their language, and to one clinic's card (Korean address large for a taxi driver, QR
 * map link). Red flags go straight to the emergency screen. A card for the doctor gathers
 * symptoms and answers into Korean sentences. Everything the visitor picked lives in `session`
 * and is wiped by reset(); nothing is written to disk.
 */
#include <madang/plugin.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uloc.h>
#include <unicode/ulistformatter.h>
#include <unicode/ustring.h>

#include "health.h"

#define TAG "HEALTH: "
/* Marks a message for extraction (madang-locale update) where it is not a direct tr() argument. */
#define N_(s) MD_N_(s)
#define MAX_HITS 64
#define MAX_CARD_SYMPTOMS 512
#define NAV_DEPTH 16

typedef enum screen {
    SCR_NONE = 0,
    SCR_HOME,
    SCR_WHO,
    SCR_AREAS,
    SCR_SYMPTOMS,
    SCR_RESULT,
    SCR_DEPTS,
    SCR_CLINICS,
    SCR_DETAIL,
    SCR_EMERGENCY,
    SCR_CARD_SYMPTOMS,
    SCR_CARD_QUESTION,
    SCR_CARD,
    SCR_HELP,
    SCR_AGE, /* how old the child is: the card says it is about a child of that age */
    SCR_LINE /* one help line: the number large, a tel: QR code to call from a phone */
} screen;

/* Everything the visitor chose. reset() zeroes it; nothing else holds visitor data. */
typedef struct session {
    screen nav[NAV_DEPTH]; /* nav[depth - 1] is the screen shown */
    int depth;
    int who;       /* MD_HEALTH_FOR_ADULT or MD_HEALTH_FOR_CHILD; 0 = not asked yet */
    int age_group; /* for a child: index into k_age_groups + 1; 0 = not asked */
    int line;      /* help line shown large: index into the content's lines or the built-in ones */
    int line_builtin; /* 1: s.line indexes k_builtin_lines (no content) */
    int area;         /* -1 none */
    int symptom;      /* -1 none */
    int dept;         /* clinic list department, -1 = all */
    int open_only;
    int my_language;
    int clinic;                         /* detail screen */
    int question;                       /* card question being asked */
    int answers[MD_HEALTH_N_QUESTIONS]; /* choice index + 1; 0 = skipped */
    unsigned char card_symptoms[MAX_CARD_SYMPTOMS];
} session;

typedef struct health {
    md_plugin_ctx *ctx;
    const md_host *host;
    md_health_content *content; /* NULL: "not available right now" */
    md_hours_clock *clock;
    md_health_content *pending; /* a reloaded set waiting for the visitor to leave */
    md_hours_clock *pending_clock;
    session s;
} health;

/* --- small helpers --- */

static const char *tr(health *h, const char *msgid)
{
    return h->host->tr(h->ctx, msgid);
}

static const char *fmt(health *h, const char *msgid, const md_arg *args, int n)
{
    return h->host->format(h->ctx, NULL, msgid, args, n);
}

static md_arg arg_s(const char *name, const char *s)
{
    md_arg a = {.name = name, .type = MD_ARG_STRING};
    a.v.s = s;
    return a;
}

static const char *pick_lang(const md_health_text *t, const char *lang);

/* A content text in the visitor's language: the map's own text, else the translation in the
 * plugin's PO packs (`madang-locale update` extracts every map that lacks a language with the
 * context "content", so content goes through the same drafts and review as the UI), else the
 * host's fallback chain over the map. */
static const char *pick(health *h, const md_health_text *t)
{
    if (t->n == 0)
        return "";
    const char *lang = h->host->lang(h->ctx);
    const char *en = pick_lang(t, "en");
    if (lang && en && !pick_lang(t, lang)) {
        const char *translated = h->host->trc(h->ctx, "content", en);
        if (translated && strcmp(translated, en) != 0)
            return translated;
    }
    const char *s = h->host->pick(h->ctx, t->langs, t->texts, t->n);
    return s ? s : t->texts[0];
}

static const char *pick_lang(const md_health_text *t, const char *lang)
{
    for (int i = 0; i < t->n; i++)
        if (strcmp(t->langs[i], lang) == 0)
            return t->texts[i];
    return NULL;
}

static int visitor_is_korean(health *h)
{
    const char *l = h->host->lang(h->ctx);
    return l && strncmp(l, "ko", 2) == 0 && (l[2] == '\0' || l[2] == '-');
}

static void go(health *h, screen to)
{
    session *s = &h->s;
    if (s->depth == NAV_DEPTH) { /* keep the newest screens */
        memmove(s->nav, s->nav + 1, sizeof s->nav[0] * (NAV_DEPTH - 1));
        s->depth--;
    }
    s->nav[s->depth++] = to;
    h->host->ui_request_frame(h->ctx);
}

static void back(health *h)
{
    if (h->s.depth > 1)
        h->s.depth--;
    h->host->ui_request_frame(h->ctx);
}

static screen current(const health *h)
{
    return h->s.depth > 0 ? h->s.nav[h->s.depth - 1] : SCR_HOME;
}

/* UTF-16 from ICU -> UTF-8 into out. */
static void to_utf8(const UChar *u, int32_t n, char *out, size_t cap)
{
    UErrorCode st = U_ZERO_ERROR;
    u_strToUTF8(out, (int32_t)cap, NULL, u, n, &st);
    if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING)
        out[0] = '\0';
}

static void icu_locale(const char *bcp47, char *out, size_t cap)
{
    UErrorCode st = U_ZERO_ERROR;
    uloc_forLanguageTag(bcp47, out, (int32_t)cap, NULL, &st);
    if (U_FAILURE(st))
        snprintf(out, cap, "en");
}

/* The name of language `code` in the visitor's language ("tiếng Nepal"), or in `display`. Through
 * the host (ABI 1.2); the plugin's own ICU only on an older host. */
static void language_name(health *h, const char *code, const char *display, char *out, size_t cap)
{
    if (MD_HOST_HAS(h->host, language_name)) {
        snprintf(out, cap, "%s", h->host->language_name(h->ctx, code, display));
        return;
    }
    char loc[64], disp[64];
    UChar u[128];
    UErrorCode st = U_ZERO_ERROR;
    icu_locale(code, loc, sizeof loc);
    icu_locale(display ? display : h->host->lang(h->ctx), disp, sizeof disp);
    int32_t n = uloc_getDisplayName(loc, disp, u, 128, &st);
    if (U_FAILURE(st) || n <= 0)
        snprintf(out, cap, "%s", code);
    else
        to_utf8(u, n, out, cap);
}

/* The clinic's languages as a list in the visitor's language ("tiếng Anh, tiếng Việt và"). */
static void language_list(health *h, const md_health_clinic *cl, char *out, size_t cap)
{
    enum { MAX = 24 };
    if (MD_HOST_HAS(h->host, format_list)) { /* the host's list formatter: one path per locale */
        char names[MAX][128];
        const char *items[MAX];
        int n = 0;
        for (int i = 0; i < cl->n_langs && n < MAX; i++, n++) {
            language_name(h, cl->langs[i], NULL, names[n], sizeof names[n]);
            items[n] = names[n];
        }
        snprintf(out, cap, "%s", n ? h->host->format_list(h->ctx, items, n) : "");
        return;
    }
    UChar names[MAX][96];
    const UChar *items[MAX];
    int32_t lens[MAX];
    int n = 0;
    for (int i = 0; i < cl->n_langs && n < MAX; i++) {
        char name[192];
        language_name(h, cl->langs[i], NULL, name, sizeof name);
        UErrorCode st = U_ZERO_ERROR;
        u_strFromUTF8(names[n], 96, &lens[n], name, -1, &st);
        if (U_FAILURE(st))
            continue;
        items[n] = names[n];
        n++;
    }
    char disp[64];
    icu_locale(h->host->lang(h->ctx), disp, sizeof disp);
    UErrorCode st = U_ZERO_ERROR;
    UListFormatter *lf = ulistfmt_open(disp, &st);
    UChar res[1024];
    int32_t m = U_SUCCESS(st) ? ulistfmt_format(lf, items, lens, n, res, 1024, &st) : 0;
    if (lf)
        ulistfmt_close(lf);
    if (U_FAILURE(st) || m <= 0) {
        out[0] = '\0';
        for (int i = 0; i < cl->n_langs; i++)
            snprintf(out + strlen(out), cap - strlen(out), "%s%s", i ? ", " : "", cl->langs[i]);
        return;
    }
    to_utf8(res, m, out, cap);
}

static const char *time_of(health *h, int64_t ms, int other_day)
{
    return h->host->format_date(h->ctx, ms, other_day ? "EEEjm" : "jm", h->content->time_zone);
}

/* "Open · closes at 18:30", "Lunch break · opens at 14:00", "Closed · opens Mon 09:00". */
static const char *status_line(health *h, const md_hours_status *st, int64_t now_ms)
{
    md_hours_local a, b;
    int other_day = 0;
    if (st->change_ms) {
        md_hours_clock_local(h->clock, now_ms, &a);
        md_hours_clock_local(h->clock, st->change_ms, &b);
        other_day = a.year != b.year || a.month != b.month || a.day != b.day;
    }
    md_arg t = arg_s("time", st->change_ms ? time_of(h, st->change_ms, other_day) : "");
    switch (st->state) {
    case MD_HOURS_OPEN:
        if (!st->change_ms)
            /* TRANSLATORS: status of a clinic that never closes. */
            return tr(h, "Open 24 hours");
        /* TRANSLATORS: status of a clinic; {time} is a weekday and time such as "Mon 09:00" (first
           form) or a time such as "13:00" (second form). */
        return other_day ? fmt(h, N_("Open now · closes {time}"), &t, 1)
                         : fmt(h, N_("Open now · closes at {time}"), &t, 1);
    case MD_HOURS_BREAK:
        /* TRANSLATORS: the clinic is closed for its lunch break; {time} is a time, e.g. "14:00". */
        return fmt(h, N_("Lunch break · opens again at {time}"), &t, 1);
    case MD_HOURS_CLOSED:
        if (!st->change_ms)
            /* TRANSLATORS: status of a clinic, and the hours of a day when it is closed. */
            return tr(h, "Closed");
        /* TRANSLATORS: {time} is a weekday and time such as "Tue 09:00" (first form) or a time
           (second form). */
        return other_day ? fmt(h, N_("Closed · opens {time}"), &t, 1)
                         : fmt(h, N_("Closed · opens at {time}"), &t, 1);
    default:
        return "";
    }
}

/* A phone number kept left to right inside any paragraph: in Urdu the digits around '-' would
 * otherwise be reordered group by group (Unicode bidi rule W2 makes them Arabic numbers). */
static void isolate_ltr(const char *s, char *out, size_t cap)
{
    snprintf(out, cap, "\u2066%s\u2069", s); /* LEFT-TO-RIGHT ISOLATE ... POP DIRECTIONAL ISOLATE */
}

static const char *distance_text(health *h, double m)
{
    char num[64];
    if (m < 0)
        return "";
    if (m < 1000) {
        md_arg a = {.name = "meters", .type = MD_ARG_INT};
        a.v.i = ((int64_t)(m + 5) / 10) * 10;
        /* TRANSLATORS: distance from this kiosk to a clinic; keep {meters, number} as it is. */
        return fmt(h, N_("{meters, number} m away"), &a, 1);
    }
    snprintf(num, sizeof num, "%s", h->host->format_number(h->ctx, m / 1000.0, 1));
    md_arg a = arg_s("km", num);
    /* TRANSLATORS: distance from this kiosk to a clinic; {km} is a number such as "1.7". */
    return fmt(h, N_("{km} km away"), &a, 1);
}

static int kiosk_origin(health *h, double *lat, double *lon)
{
    const char *a = h->host->config(h->ctx, "latitude");
    const char *b = h->host->config(h->ctx, "longitude");
    char *end1 = NULL, *end2 = NULL;
    if (!a || !b)
        return 0;
    *lat = strtod(a, &end1);
    *lon = strtod(b, &end2);
    return end1 != a && *end1 == '\0' && end2 != b && *end2 == '\0' && *lat >= -90 && *lat <= 90 &&
           *lon >= -180 && *lon <= 180;
}

static int symptom_dept(health *h, const md_health_symptom *sy)
{
    return h->s.who == MD_HEALTH_FOR_CHILD && sy->child_dept >= 0 ? sy->child_dept : sy->dept;
}

/* --- content loading: all or nothing; a refused set leaves the last good one in place --- */

static int load_content(health *h, md_health_content **out_content, md_hours_clock **out_clock)
{
    char err[MD_HEALTH_ERR_CAP];
    const char *dir = h->host->content_dir(h->ctx);
    md_health_content *c = dir ? md_health_content_load(dir, err, sizeof err) : NULL;
    if (!dir)
        snprintf(err, sizeof err, "no content directory");
    md_hours_clock *clock = c ? md_hours_clock_create(c->time_zone, err, sizeof err) : NULL;
    if (!c || !clock) {
        h->host->log(h->ctx, MD_LOG_ERROR, TAG "content refused: %s", err);
        md_health_content_free(c);
        return -1;
    }
    *out_content = c;
    *out_clock = clock;
    return 0;
}

static void wipe_session(health *h)
{
    memset(&h->s, 0, sizeof h->s);
    h->s.area = h->s.symptom = h->s.dept = h->s.clinic = -1;
    h->s.nav[0] = SCR_HOME;
    h->s.depth = 1;
}

/* Swaps in a reloaded content set; only between visitors, so nothing changes under a finger. */
static void adopt_pending(health *h)
{
    if (!h->pending)
        return;
    md_health_content_free(h->content);
    md_hours_clock_destroy(h->clock);
    h->content = h->pending;
    h->clock = h->pending_clock;
    h->pending = NULL;
    h->pending_clock = NULL;
    wipe_session(h);
}

/* --- screens --- */

static void banner(health *h)
{
    if (h->content->sample)
        /* TRANSLATORS: small notice on every screen while the kiosk shows made-up test data. */
        h->host->ui_text(h->ctx,
                         tr(h, "Sample data: these clinics, hours and phone numbers are "
                               "made up for testing."),
                         MD_TEXT_SMALL);
    const char *lang = h->host->lang(h->ctx);
    for (int i = 0; lang && i < h->content->n_drafted; i++)
        if (strcmp(h->content->drafted[i], lang) == 0 && strcmp(lang, "en") != 0) {
            /* TRANSLATORS: small notice to visitors whose language's texts are machine drafts. */
            h->host->ui_text(h->ctx,
                             tr(h, "Texts in your language were machine-translated and "
                                   "may contain mistakes."),
                             MD_TEXT_SMALL);
            break;
        }
}

static int back_button(health *h)
{
    if (h->host->ui_button(h->ctx, tr(h, "Back"), MD_TONE_NORMAL)) {
        back(h);
        return 1;
    }
    return 0;
}

static void screen_home(health *h)
{
    const md_host *H = h->host;
    /* The host's title bar already names the plugin; the emergency comes first, above the fold. */
    int to = SCR_NONE;
    /* TRANSLATORS: red button at the top of the health guide; opens the emergency screen. */
    if (H->ui_button(h->ctx, tr(h, "Emergency: call 119"), MD_TONE_DANGER))
        to = SCR_EMERGENCY;
    banner(h);
    H->ui_columns_begin(h->ctx, 2);
    /* TRANSLATORS: tiles of the health guide's first screen. */
    if (H->ui_tile(h->ctx, tr(h, "Where does it hurt?"), "icons/home-symptoms.png",
                   MD_TONE_PRIMARY))
        to = SCR_WHO;
    if (H->ui_tile(h->ctx, tr(h, "Find a clinic"), "icons/home-clinic.png", MD_TONE_NORMAL))
        to = SCR_DEPTS;
    if (H->ui_tile(h->ctx, tr(h, "Card for the doctor"), "icons/home-card.png", MD_TONE_NORMAL))
        to = SCR_CARD_SYMPTOMS;
    if (H->ui_tile(h->ctx, tr(h, "Help and phone numbers"), "icons/home-help.png", MD_TONE_NORMAL))
        to = SCR_HELP;
    H->ui_columns_end(h->ctx);
    H->ui_text(h->ctx, tr(h, "This is guidance, not a diagnosis."), MD_TEXT_SMALL);
    H->ui_text(h->ctx, pick(h, &h->content->region), MD_TEXT_SMALL);
    if (to == SCR_DEPTS || to == SCR_EMERGENCY) {
        /* A fresh path: nothing picked earlier in the visit (a stomach ache) shows on it. */
        h->s.dept = -1;
        h->s.symptom = -1;
    }
    if (to != SCR_NONE)
        go(h, (screen)to);
}

static void screen_who(health *h)
{
    const md_host *H = h->host;
    /* TRANSLATORS: question before the body areas; the answers are "An adult" and "A child". */
    H->ui_heading(h->ctx, tr(h, "Who is ill?"));
    H->ui_columns_begin(h->ctx, 2);
    int who = 0;
    if (H->ui_tile(h->ctx, tr(h, "An adult"), "icons/adult.png", MD_TONE_NORMAL))
        who = MD_HEALTH_FOR_ADULT;
    if (H->ui_tile(h->ctx, tr(h, "A child"), "icons/child.png", MD_TONE_NORMAL))
        who = MD_HEALTH_FOR_CHILD;
    H->ui_columns_end(h->ctx);
    if (who) {
        h->s.who = who;
        h->s.age_group = 0;
        go(h, who == MD_HEALTH_FOR_CHILD ? SCR_AGE : SCR_AREAS);
        return;
    }
    back_button(h);
}

/* Age groups of a child, for the card: the English label (a msgid) and the Korean the doctor
 * reads. Built in, not content: a card must never claim an adult is speaking for a baby. */
static const struct {
    const char *label;
    const char *ko;
} k_age_groups[] = {
    /* TRANSLATORS: age groups of a child, on tiles after "A child" and on the doctor's card. */
    {N_("Under 3 months"), "생후 3개월 미만"}, {N_("3 to 11 months"), "생후 3~11개월"},
    {N_("1 to 6 years"), "만 1~6세"},          {N_("7 to 12 years"), "만 7~12세"},
    {N_("13 to 17 years"), "만 13~17세"},
};
enum { N_AGE_GROUPS = (int)(sizeof k_age_groups / sizeof k_age_groups[0]) };

static void screen_age(health *h)
{
    const md_host *H = h->host;
    /* TRANSLATORS: question after "A child"; the answers are age groups. */
    H->ui_heading(h->ctx, tr(h, "How old is the child?"));
    H->ui_columns_begin(h->ctx, 2);
    int chosen = 0;
    for (int i = 0; i < N_AGE_GROUPS; i++)
        if (H->ui_button(h->ctx, tr(h, k_age_groups[i].label),
                         h->s.age_group == i + 1 ? MD_TONE_PRIMARY : MD_TONE_NORMAL))
            chosen = i + 1;
    H->ui_columns_end(h->ctx);
    if (chosen) {
        h->s.age_group = chosen;
        go(h, SCR_AREAS);
        return;
    }
    back_button(h);
}

static void screen_areas(health *h)
{
    const md_host *H = h->host;
    const md_health_content *c = h->content;
    H->ui_heading(h->ctx, tr(h, "Where does it hurt?"));
    banner(h);
    H->ui_columns_begin(h->ctx, 3);
    int chosen = -1;
    for (int a = 0; a < c->n_areas; a++) {
        if (!(c->areas[a].for_mask & h->s.who))
            continue;
        if (H->ui_tile(h->ctx, pick(h, &c->areas[a].name), c->areas[a].icon, MD_TONE_NORMAL))
            chosen = a;
    }
    H->ui_columns_end(h->ctx);
    if (chosen >= 0) {
        h->s.area = chosen;
        go(h, SCR_SYMPTOMS);
        return;
    }
    back_button(h);
}

static void screen_symptoms(health *h)
{
    const md_host *H = h->host;
    const md_health_content *c = h->content;
    if (h->s.area < 0 || h->s.area >= c->n_areas) {
        back(h);
        return;
    }
    const md_health_area *ar = &c->areas[h->s.area];
    H->ui_heading(h->ctx, pick(h, &ar->name));
    H->ui_columns_begin(h->ctx, 2);
    int chosen = -1;
    for (int i = ar->first_symptom; i < ar->first_symptom + ar->n_symptoms; i++) {
        const md_health_symptom *sy = &c->symptoms[i];
        if (!(sy->for_mask & h->s.who))
            continue;
        md_ui_tone tone =
            sy->urgency == MD_HEALTH_URGENCY_EMERGENCY ? MD_TONE_DANGER : MD_TONE_NORMAL;
        if (H->ui_tile(h->ctx, pick(h, &sy->name), sy->icon, tone))
            chosen = i;
    }
    H->ui_columns_end(h->ctx);
    if (chosen >= 0) {
        h->s.symptom = chosen;
        if (chosen < MAX_CARD_SYMPTOMS)
            h->s.card_symptoms[chosen] = 1; /* ready for the doctor's card */
        const md_health_symptom *sy = &c->symptoms[chosen];
        if (sy->urgency == MD_HEALTH_URGENCY_EMERGENCY) {
            go(h, SCR_EMERGENCY);
        } else {
            h->s.dept = symptom_dept(h, sy);
            go(h, SCR_RESULT);
        }
        return;
    }
    back_button(h);
}

static void screen_result(health *h)
{
    const md_host *H = h->host;
    const md_health_content *c = h->content;
    if (h->s.symptom < 0 || h->s.dept < 0) {
        back(h);
        return;
    }
    const md_health_symptom *sy = &c->symptoms[h->s.symptom];
    const md_health_dept *d = &c->depts[h->s.dept];
    H->ui_heading(h->ctx, pick(h, &sy->name));
    static const char *const urgency[] = {
        /* TRANSLATORS: how urgent a symptom is, shown large under the symptom's name. */
        "", N_("Make an appointment in the coming days."), N_("See a doctor within a day or two."),
        N_("See a doctor today."), N_("Call 119 now.")};
    H->ui_text(h->ctx, tr(h, urgency[sy->urgency]), MD_TEXT_LARGE);
    md_arg a = arg_s("department", pick(h, &d->name));
    /* TRANSLATORS: {department} is a kind of clinic, e.g. "Internal medicine". */
    H->ui_text(h->ctx, fmt(h, N_("Go to: {department}"), &a, 1), MD_TEXT_HEADING);
    const char *ko = pick_lang(&d->name, "ko");
    if (ko && !visitor_is_korean(h))
        H->ui_text_lang(h->ctx, ko, "ko", MD_TEXT_LARGE);
    H->ui_text(h->ctx, tr(h, "If it gets worse, or you are worried, call 119."), MD_TEXT_BODY);
    H->ui_text(h->ctx, tr(h, "This is guidance, not a diagnosis."), MD_TEXT_SMALL);
    if (H->ui_button(h->ctx, tr(h, "Show clinics"), MD_TONE_PRIMARY)) {
        h->s.open_only = 1;
        go(h, SCR_CLINICS);
        return;
    }
    if (H->ui_button(h->ctx, tr(h, "Make a card for the doctor"), MD_TONE_NORMAL)) {
        go(h, SCR_CARD_SYMPTOMS);
        return;
    }
    back_button(h);
}

static void screen_depts(health *h)
{
    const md_host *H = h->host;
    const md_health_content *c = h->content;
    H->ui_heading(h->ctx, tr(h, "Which kind of clinic?"));
    banner(h);
    int chosen = -2;
    if (H->ui_list_item(h->ctx, tr(h, "All clinics"), NULL))
        chosen = -1;
    for (int d = 0; d < c->n_depts; d++) {
        const char *ko = pick_lang(&c->depts[d].name, "ko");
        if (H->ui_list_item(h->ctx, pick(h, &c->depts[d].name), visitor_is_korean(h) ? NULL : ko))
            chosen = d;
    }
    if (chosen > -2) {
        h->s.dept = chosen;
        h->s.open_only = 0;
        go(h, SCR_CLINICS);
        return;
    }
    back_button(h);
}

static void screen_clinics(health *h)
{
    const md_host *H = h->host;
    const md_health_content *c = h->content;
    const char *lang = H->lang(h->ctx);
    if (h->s.dept >= 0) {
        md_arg a = arg_s("department", pick(h, &c->depts[h->s.dept].name));
        /* TRANSLATORS: heading of the clinic list; {department} is a kind of clinic. */
        H->ui_heading(h->ctx, fmt(h, N_("Clinics: {department}"), &a, 1));
    } else {
        H->ui_heading(h->ctx, tr(h, "Clinics"));
    }
    banner(h);

    /* TRANSLATORS: filter buttons of the clinic list; each says what tapping it will do. */
    if (H->ui_button(h->ctx,
                     h->s.open_only ? tr(h, "Show closed clinics too")
                                    : tr(h, "Show only clinics open now"),
                     MD_TONE_NORMAL)) {
        h->s.open_only = !h->s.open_only;
        H->ui_request_frame(h->ctx);
    }
    if (!visitor_is_korean(h)) {
        char name[128];
        language_name(h, lang, lang, name, sizeof name);
        md_arg a = arg_s("language", name);
        const char *label = h->s.my_language
                                ? tr(h, "Show clinics in any language")
                                /* TRANSLATORS: {language} is the name of the visitor's language
                                   written in that language, e.g. "Tiếng Việt". */
                                : fmt(h, N_("Only clinics that speak {language}"), &a, 1);
        if (H->ui_button(h->ctx, label, MD_TONE_NORMAL)) {
            h->s.my_language = !h->s.my_language;
            H->ui_request_frame(h->ctx);
        }
    }

    md_health_filter f = {.dept = h->s.dept, .lang = h->s.my_language ? lang : NULL};
    f.open_now = h->s.open_only;
    f.now_ms = H->now_unix_ms(h->ctx);
    f.have_origin = kiosk_origin(h, &f.lat, &f.lon);
    md_health_hit hits[MAX_HITS];
    int n = md_health_search(h->clock, c, &f, hits, MAX_HITS);
    if (n == 0)
        H->ui_text(h->ctx, tr(h, "No clinic matches. Try showing closed clinics or any language."),
                   MD_TEXT_BODY);
    int chosen = -1;
    for (int i = 0; i < n; i++) {
        const md_health_clinic *cl = &c->clinics[hits[i].clinic];
        char primary[512], secondary[512];
        const char *name = cl->name.n ? pick(h, &cl->name) : cl->name_latn;
        if (strcmp(name, cl->name_ko) == 0) /* a Korean visitor: the Korean name once */
            snprintf(primary, sizeof primary, "%s", name);
        else
            snprintf(primary, sizeof primary, "%s · %s", name, cl->name_ko);
        const char *dist = distance_text(h, hits[i].distance_m);
        snprintf(secondary, sizeof secondary, "%s%s%s", status_line(h, &hits[i].status, f.now_ms),
                 *dist ? " · " : "", dist);
        if (H->ui_list_item(h->ctx, primary, secondary))
            chosen = hits[i].clinic;
    }
    if (chosen >= 0) {
        h->s.clinic = chosen;
        go(h, SCR_DETAIL);
        return;
    }
    back_button(h);
}

static void hours_table(health *h, const md_health_clinic *cl)
{
    const md_host *H = h->host;
    /* 2026-11-23 was a Monday: weekday names come from ICU in the visitor's language. */
    int64_t monday_noon = md_hours_clock_instant(h->clock, 2026, 11, 23, 720);
    for (int d = 0; d < MD_HOURS_N_DAYS; d++) {
        char line[256], label[128];
        if (d == MD_HOURS_DAY_HOLIDAY)
            /* TRANSLATORS: row label in a clinic's weekly opening hours (the other rows are weekday
               names). */
            snprintf(label, sizeof label, "%s", tr(h, "Public holidays"));
        else
            snprintf(label, sizeof label, "%s",
                     H->format_date(h->ctx, monday_noon + (int64_t)d * 86400000, "EEEE",
                                    h->content->time_zone));
        size_t len = (size_t)snprintf(line, sizeof line, "%s: ", label);
        if (cl->hours.n_ranges[d] == 0)
            snprintf(line + len, sizeof line - len, "%s", tr(h, "Closed"));
        else if (MD_HOST_HAS(H, format_time_range)) {
            /* The host's interval and list formatters: the locale's digits, clock and separators,
             * and each range isolated so it reads in order inside right-to-left text. */
            char ranges[MD_HOURS_MAX_RANGES][96];
            const char *items[MD_HOURS_MAX_RANGES];
            int mday = 23 + d % 7; /* that week's day (the holiday row reads Monday's clock) */
            for (int r = 0; r < cl->hours.n_ranges[d]; r++) {
                const md_hours_range *rg = &cl->hours.ranges[d][r];
                int64_t from = md_hours_clock_instant(h->clock, 2026, 11, mday, rg->start_min);
                int64_t to = md_hours_clock_instant(h->clock, 2026, 11, mday, rg->end_min);
                snprintf(ranges[r], sizeof ranges[r], "%s",
                         H->format_time_range(h->ctx, from, to, NULL, h->content->time_zone));
                items[r] = ranges[r];
            }
            snprintf(line + len, sizeof line - len, "%s",
                     H->format_list(h->ctx, items, cl->hours.n_ranges[d]));
        } else { /* a host older than ABI 1.2 */
            for (int r = 0; r < cl->hours.n_ranges[d] && len < sizeof line; r++) {
                const md_hours_range *rg = &cl->hours.ranges[d][r];
                int e = rg->end_min > 1440 ? rg->end_min - 1440 : rg->end_min;
                char range[64], iso[80];
                snprintf(range, sizeof range, "%02d:%02d–%02d:%02d", rg->start_min / 60,
                         rg->start_min % 60, e / 60, e % 60);
                isolate_ltr(range, iso, sizeof iso);
                len += (size_t)snprintf(line + len, sizeof line - len, "%s%s", r ? ", " : "", iso);
            }
        }
        H->ui_text(h->ctx, line, MD_TEXT_BODY);
    }
}

static void clinic_card(health *h, const md_health_clinic *cl, int with_hours)
{
    const md_host *H = h->host;
    char buf[1024];
    H->ui_text_lang(h->ctx, cl->name_ko, "ko", MD_TEXT_LARGE);
    H->ui_text(h->ctx, cl->name_latn, MD_TEXT_SMALL);
    /* TRANSLATORS: above the clinic's Korean address, which is shown large. */
    H->ui_text(h->ctx, tr(h, "Show this address to a taxi driver:"), MD_TEXT_BODY);
    H->ui_text_lang(h->ctx, cl->address_ko, "ko", MD_TEXT_LARGE);
    H->ui_text(h->ctx, cl->address_latn, MD_TEXT_SMALL);
    char phone[64];
    isolate_ltr(cl->phone, phone, sizeof phone);
    md_arg p = arg_s("phone", phone);
    /* TRANSLATORS: {phone} is a Korean phone number such as 031-000-1101. */
    H->ui_text(h->ctx, fmt(h, N_("Phone: {phone}"), &p, 1), MD_TEXT_HEADING);
    int64_t now = H->now_unix_ms(h->ctx);
    md_hours_status st;
    if (md_health_status_at(h->clock, h->content, cl, now, &st) == 0)
        H->ui_text(h->ctx, status_line(h, &st, now), MD_TEXT_BODY);
    double lat, lon;
    if (kiosk_origin(h, &lat, &lon))
        H->ui_text(h->ctx, distance_text(h, md_health_distance_m(lat, lon, cl->lat, cl->lon)),
                   MD_TEXT_BODY);
    if (md_health_map_link(h->content, cl, buf, sizeof buf) == 0)
        /* TRANSLATORS: caption under a QR code with a link to the clinic on a map. */
        H->ui_qr(h->ctx, buf, 40, tr(h, "Scan to open the map on your phone"));
    if (!with_hours)
        return;
    language_list(h, cl, buf, sizeof buf);
    md_arg l = arg_s("languages", buf);
    /* TRANSLATORS: {languages} is a list of language names, already in the visitor's language. */
    H->ui_text(h->ctx, fmt(h, N_("Languages spoken: {languages}"), &l, 1), MD_TEXT_BODY);
    H->ui_text(h->ctx,
               cl->uninsured ? tr(h, "Accepts patients without health insurance.")
                             : tr(h, "Ask about the cost if you have no health insurance."),
               MD_TEXT_BODY);
    if (cl->free_clinic)
        H->ui_text(h->ctx, tr(h, "Free clinic for migrant workers."), MD_TEXT_BODY);
    if (cl->note.n)
        H->ui_text(h->ctx, pick(h, &cl->note), MD_TEXT_BODY);
    H->ui_text(h->ctx, tr(h, "Opening hours"), MD_TEXT_HEADING);
    hours_table(h, cl);
}

static void screen_detail(health *h)
{
    const md_health_content *c = h->content;
    if (h->s.clinic < 0 || h->s.clinic >= c->n_clinics) {
        back(h);
        return;
    }
    const md_health_clinic *cl = &c->clinics[h->s.clinic];
    h->host->ui_heading(h->ctx, cl->name.n ? pick(h, &cl->name) : cl->name_latn);
    banner(h);
    clinic_card(h, cl, 1);
    back_button(h);
}

static void screen_emergency(health *h)
{
    const md_host *H = h->host;
    const md_health_content *c = h->content;
    /* TRANSLATORS: heading of the emergency screen. */
    const char *call = tr(h, "Call 119 now.");
    if (MD_HOST_HAS(H, ui_notice) && H->ui_notice)
        H->ui_notice(h->ctx, call, MD_TONE_DANGER); /* a red band: unmistakable at a glance */
    else
        H->ui_heading(h->ctx, call); /* a host older than ABI 1.1 */
    if (h->s.symptom >= 0 && h->s.symptom < c->n_symptoms)
        H->ui_text(h->ctx, pick(h, &c->symptoms[h->s.symptom].name), MD_TEXT_LARGE);
    /* TRANSLATORS: 119 connects interpreters on request. */
    H->ui_text(h->ctx,
               tr(h, "119 is free, day and night. Say the name of your language: an "
                     "interpreter will join the call."),
               MD_TEXT_BODY);
    H->ui_text(h->ctx, tr(h, "This is guidance, not a diagnosis."), MD_TEXT_SMALL);
    /* TRANSLATORS: above a Korean sentence to show or read to the 119 operator. */
    H->ui_text(h->ctx, tr(h, "What to say (show this or read it aloud):"), MD_TEXT_HEADING);
    const char *ko = pick_lang(&c->emergency_say, "ko");
    if (ko)
        H->ui_text_lang(h->ctx, ko, "ko", MD_TEXT_LARGE);
    if (!visitor_is_korean(h))
        H->ui_text(h->ctx, pick(h, &c->emergency_say), MD_TEXT_BODY);

    md_health_filter f = {.dept = -1, .emergency_only = 1};
    f.now_ms = H->now_unix_ms(h->ctx);
    f.have_origin = kiosk_origin(h, &f.lat, &f.lon);
    md_health_hit hit;
    if (md_health_search(h->clock, c, &f, &hit, 1) == 1) {
        const md_health_clinic *cl = &c->clinics[hit.clinic];
        H->ui_text(h->ctx, tr(h, "Nearest emergency room"), MD_TEXT_HEADING);
        H->ui_text(h->ctx, cl->name.n ? pick(h, &cl->name) : cl->name_latn, MD_TEXT_BODY);
        clinic_card(h, cl, 0);
    }
    back_button(h);
}

static int card_has_symptoms(const health *h)
{
    for (int i = 0; i < h->content->n_symptoms && i < MAX_CARD_SYMPTOMS; i++)
        if (h->s.card_symptoms[i])
            return 1;
    return 0;
}

static void screen_card_symptoms(health *h)
{
    const md_host *H = h->host;
    const md_health_content *c = h->content;
    /* TRANSLATORS: the card for the doctor: symptoms and answers become Korean sentences. */
    H->ui_heading(h->ctx, tr(h, "Card for the doctor"));
    H->ui_text(h->ctx, tr(h, "Tap every symptom you have."), MD_TEXT_BODY);
    /* "Next" above the long list, so it is in view as soon as one symptom is picked. */
    if (card_has_symptoms(h) && H->ui_button(h->ctx, tr(h, "Next"), MD_TONE_PRIMARY)) {
        h->s.question = 0;
        go(h, SCR_CARD_QUESTION);
        return;
    }
    for (int i = 0; i < c->n_symptoms && i < MAX_CARD_SYMPTOMS; i++) {
        const md_health_symptom *sy = &c->symptoms[i];
        if (h->s.who && !(sy->for_mask & h->s.who))
            continue;
        if (H->ui_list_item(h->ctx, pick(h, &sy->name),
                            /* TRANSLATORS: second line of a symptom the visitor has ticked for the
                               card. */
                            h->s.card_symptoms[i] ? tr(h, "Selected") : NULL)) {
            h->s.card_symptoms[i] = !h->s.card_symptoms[i];
            H->ui_request_frame(h->ctx);
        }
    }
    back_button(h);
}

static void screen_card_question(health *h)
{
    const md_host *H = h->host;
    const md_health_question *q = &h->content->questions[h->s.question];
    H->ui_heading(h->ctx, pick(h, &q->title));
    int chosen = 0;
    for (int i = 0; i < q->n_choices; i++)
        if (H->ui_button(h->ctx, pick(h, &q->choices[i].label),
                         h->s.answers[h->s.question] == i + 1 ? MD_TONE_PRIMARY : MD_TONE_NORMAL))
            chosen = i + 1;
    int skip = H->ui_button(h->ctx, tr(h, "Skip this question"), MD_TONE_NORMAL);
    if (chosen || skip) {
        h->s.answers[h->s.question] = chosen;
        if (h->s.question + 1 < MD_HEALTH_N_QUESTIONS) {
            h->s.question++;
            H->ui_request_frame(h->ctx);
        } else {
            go(h, SCR_CARD);
        }
        return;
    }
    if (H->ui_button(h->ctx, tr(h, "Back"), MD_TONE_NORMAL)) {
        if (h->s.question > 0)
            h->s.question--;
        else
            back(h);
        H->ui_request_frame(h->ctx);
    }
}

/* One line of the card: Korean large for the doctor, the visitor's language below at body size. */
static void card_line(health *h, const md_health_text *t)
{
    const char *ko = pick_lang(t, "ko");
    if (!ko)
        return;
    h->host->ui_text_lang(h->ctx, ko, "ko", MD_TEXT_LARGE);
    if (!visitor_is_korean(h)) /* the visitor's own language at body size, not small */
        h->host->ui_text(h->ctx, pick(h, t), MD_TEXT_BODY);
}

static void screen_card(health *h)
{
    const md_host *H = h->host;
    const md_health_content *c = h->content;
    /* TRANSLATORS: heading of the finished card for the doctor. */
    H->ui_heading(h->ctx, tr(h, "Show this card to the doctor, or take a photo of it."));
    banner(h);
    card_line(h, &c->card_intro);
    if (h->s.who == MD_HEALTH_FOR_CHILD) {
        /* The sentences below are first person: say whose they are, and the child's age. */
        int g = h->s.age_group;
        const char *age_ko = g > 0 && g <= N_AGE_GROUPS ? k_age_groups[g - 1].ko : "나이 모름";
        char ko[256];
        snprintf(ko, sizeof ko,
                 "제 아이에 관한 카드예요 (나이: %s). 아래 내용은 모두 아이의 상태예요.", age_ko);
        H->ui_text_lang(h->ctx, ko, "ko", MD_TEXT_LARGE);
        if (!visitor_is_korean(h)) {
            md_arg a = arg_s("age", g > 0 && g <= N_AGE_GROUPS ? tr(h, k_age_groups[g - 1].label)
                                                               /* TRANSLATORS: instead of an age
                                                                  group on a child's card. */
                                                               : tr(h, "age not given"));
            /* TRANSLATORS: on the doctor's card for a child, under the Korean line; {age} is an
               age group such as "1 to 6 years". */
            const char *line = fmt(h,
                                   N_("This card is about my child (age: {age}). Everything "
                                      "below describes the child."),
                                   &a, 1);
            H->ui_text(h->ctx, line, MD_TEXT_BODY);
        }
    }
    for (int i = 0; i < c->n_symptoms && i < MAX_CARD_SYMPTOMS; i++)
        if (h->s.card_symptoms[i])
            card_line(h, &c->symptoms[i].card);
    for (int q = 0; q < MD_HEALTH_N_QUESTIONS; q++) {
        int a = h->s.answers[q];
        if (a > 0 && a <= c->questions[q].n_choices && c->questions[q].choices[a - 1].card.n)
            card_line(h, &c->questions[q].choices[a - 1].card);
    }
    if (H->ui_button(h->ctx, tr(h, "Start a new card"), MD_TONE_NORMAL)) {
        memset(h->s.card_symptoms, 0, sizeof h->s.card_symptoms);
        memset(h->s.answers, 0, sizeof h->s.answers);
        h->s.depth = 1;
        go(h, SCR_CARD_SYMPTOMS);
        return;
    }
    if (H->ui_button(h->ctx, tr(h, "Find a clinic"), MD_TONE_PRIMARY)) {
        go(h, SCR_DEPTS);
        return;
    }
    back_button(h);
}

/* Help lines built into the plugin (not content): offered even when the content is missing. */
static const struct {
    const char *number;
    const char *name; /* msgid */
} k_builtin_lines[] = {
    /* TRANSLATORS: built-in help lines, shown when the health guide's content is missing. */
    {"119", N_("Emergency (ambulance, fire)")},
    {"1345", N_("Immigration Contact Center")},
    {"1577-1366", N_("Danuri helpline for multicultural families")},
};
enum { N_BUILTIN_LINES = (int)(sizeof k_builtin_lines / sizeof k_builtin_lines[0]) };

/* One row of a help line: tapping it opens the number large with a tel: QR code. */
static int help_line_row(health *h, const char *number, const char *name, const char *desc)
{
    char iso[64], primary[512];
    isolate_ltr(number, iso, sizeof iso);
    snprintf(primary, sizeof primary, "%s · %s", iso, name);
    return h->host->ui_list_item(h->ctx, primary, desc && *desc ? desc : NULL);
}

static void screen_help(health *h)
{
    const md_host *H = h->host;
    const md_health_content *c = h->content;
    H->ui_heading(h->ctx, tr(h, "Help and phone numbers"));
    banner(h);
    for (int i = 0; i < c->n_lines; i++)
        if (help_line_row(h, c->lines[i].number, pick(h, &c->lines[i].name),
                          pick(h, &c->lines[i].desc))) {
            h->s.line = i;
            h->s.line_builtin = 0;
            go(h, SCR_LINE);
            return;
        }
    for (int i = 0; i < c->n_sections; i++) {
        H->ui_text(h->ctx, pick(h, &c->sections[i].title), MD_TEXT_HEADING);
        H->ui_text(h->ctx, pick(h, &c->sections[i].body), MD_TEXT_BODY);
    }
    back_button(h);
}

/* A help line, large: the number to dial, what it is, and a tel: link as a QR code so a visitor
 * can call from their own phone. */
static void screen_line(health *h)
{
    const md_host *H = h->host;
    const char *number = NULL, *name = NULL, *desc = NULL;
    if (h->s.line_builtin && h->s.line >= 0 && h->s.line < N_BUILTIN_LINES) {
        number = k_builtin_lines[h->s.line].number;
        name = tr(h, k_builtin_lines[h->s.line].name);
    } else if (!h->s.line_builtin && h->content && h->s.line >= 0 &&
               h->s.line < h->content->n_lines) {
        number = h->content->lines[h->s.line].number;
        name = pick(h, &h->content->lines[h->s.line].name);
        desc = pick(h, &h->content->lines[h->s.line].desc);
    }
    if (!number) {
        back(h);
        return;
    }
    char iso[64], tel[64];
    isolate_ltr(number, iso, sizeof iso);
    H->ui_heading(h->ctx, name);
    H->ui_text(h->ctx, iso, MD_TEXT_LARGE);
    if (desc && *desc)
        H->ui_text(h->ctx, desc, MD_TEXT_BODY);
    size_t o = 0;
    o += (size_t)snprintf(tel, sizeof tel, "tel:");
    for (const char *p = number; *p && o + 1 < sizeof tel; p++)
        if ((*p >= '0' && *p <= '9') || *p == '+')
            tel[o++] = *p;
    tel[o] = '\0';
    /* TRANSLATORS: caption under a QR code that starts a phone call on the visitor's phone. */
    H->ui_qr(h->ctx, tel, 40, tr(h, "Scan to call this number from your phone"));
    back_button(h);
}

/* The guide without content (missing or refused): never a dead end. The Korean sentence for 119,
 * the help lines and Back are built in. */
static void screen_unavailable(health *h)
{
    const md_host *H = h->host;
    if (current(h) == SCR_LINE && h->s.line_builtin) {
        screen_line(h);
        return;
    }
    /* TRANSLATORS: shown instead of the guide when its content could not be loaded. */
    H->ui_heading(h->ctx, tr(h, "The health guide is not available right now. In an emergency "
                                "call 119."));
    /* TRANSLATORS: above a Korean sentence to show or read to the 119 operator. */
    H->ui_text(h->ctx, tr(h, "What to say (show this or read it aloud):"), MD_TEXT_HEADING);
    H->ui_text_lang(h->ctx,
                    "응급 상황입니다. 도와주세요. 저는 한국어를 잘 못해요. 통역을 부탁합니다.",
                    "ko", MD_TEXT_LARGE);
    if (!visitor_is_korean(h))
        /* TRANSLATORS: the visitor's own version of the built-in Korean sentence for 119. */
        H->ui_text(h->ctx,
                   tr(h, "This is an emergency. Please help. I do not speak Korean well. "
                         "I need an interpreter."),
                   MD_TEXT_BODY);
    H->ui_text(h->ctx, tr(h, "Help and phone numbers"), MD_TEXT_HEADING);
    for (int i = 0; i < N_BUILTIN_LINES; i++)
        if (help_line_row(h, k_builtin_lines[i].number, tr(h, k_builtin_lines[i].name), NULL)) {
            h->s.line = i;
            h->s.line_builtin = 1;
            go(h, SCR_LINE);
            return;
        }
    if (H->ui_button(h->ctx, tr(h, "Back"), MD_TONE_NORMAL))
        H->go_home(h->ctx);
}

/* --- callbacks --- */

static int health_init(md_plugin_ctx *ctx, const md_host *host, void **state)
{
    if (!MD_HOST_HAS(host, go_home)) {
        host->log(ctx, MD_LOG_ERROR, TAG "the host table is too old for this plugin");
        return -1;
    }
    health *h = calloc(1, sizeof *h);
    if (!h) {
        host->log(ctx, MD_LOG_ERROR, TAG "out of memory");
        return -1;
    }
    h->ctx = ctx;
    h->host = host;
    wipe_session(h);
    /* Without content the plugin still starts, and says "not available right now". */
    load_content(h, &h->content, &h->clock);
    *state = h;
    return 0;
}

static void health_enter(void *state)
{
    health *h = state;
    adopt_pending(h);
    /* Back to the plugin's first screen; the visitor's picks stay until reset(). */
    h->s.nav[0] = SCR_HOME;
    h->s.depth = 1;
}

static void health_frame(void *state)
{
    health *h = state;
    if (!h->content) {
        screen_unavailable(h);
        return;
    }
    switch (current(h)) {
    case SCR_WHO:
        screen_who(h);
        break;
    case SCR_AREAS:
        screen_areas(h);
        break;
    case SCR_SYMPTOMS:
        screen_symptoms(h);
        break;
    case SCR_RESULT:
        screen_result(h);
        break;
    case SCR_DEPTS:
        screen_depts(h);
        break;
    case SCR_CLINICS:
        screen_clinics(h);
        break;
    case SCR_DETAIL:
        screen_detail(h);
        break;
    case SCR_EMERGENCY:
        screen_emergency(h);
        break;
    case SCR_CARD_SYMPTOMS:
        screen_card_symptoms(h);
        break;
    case SCR_CARD_QUESTION:
        screen_card_question(h);
        break;
    case SCR_CARD:
        screen_card(h);
        break;
    case SCR_HELP:
        screen_help(h);
        break;
    case SCR_AGE:
        screen_age(h);
        break;
    case SCR_LINE:
        screen_line(h);
        break;
    default:
        screen_home(h);
        break;
    }
}

static void health_content_updated(void *state)
{
    health *h = state;
    md_health_content *c = NULL;
    md_hours_clock *clock = NULL;
    if (load_content(h, &c, &clock) < 0) {
        h->host->log(h->ctx, MD_LOG_WARN, TAG "%s",
                     h->content ? "keeping the previous content" : "no content to show");
        return;
    }
    md_health_content_free(h->pending);
    md_hours_clock_destroy(h->pending_clock);
    h->pending = c;
    h->pending_clock = clock;
    if (!h->content)
        adopt_pending(h); /* nothing shown yet: use it at once */
}

static void health_reset(void *state)
{
    health *h = state;
    wipe_session(h);
    adopt_pending(h);
}

static void health_shutdown(void *state)
{
    health *h = state;
    if (!h)
        return;
    md_health_content_free(h->content);
    md_health_content_free(h->pending);
    md_hours_clock_destroy(h->clock);
    md_hours_clock_destroy(h->pending_clock);
    memset(h, 0, sizeof *h);
    free(h);
}

/* The same strict checks as a reload (content and time zone), for madang-pack and for a freshly
 * synced release: nothing is kept. */
static int health_validate(const char *content_dir, char *err, size_t err_cap)
{
    md_health_content *c = md_health_content_load(content_dir, err, err_cap);
    md_hours_clock *clock = c ? md_hours_clock_create(c->time_zone, err, err_cap) : NULL;
    int rc = c && clock ? 0 : -1;
    md_hours_clock_destroy(clock);
    md_health_content_free(c);
    return rc;
}

static const md_plugin_desc health_desc = {
    .struct_size = sizeof(md_plugin_desc),
    .abi_major = MD_PLUGIN_ABI_MAJOR,
    .abi_minor = MD_PLUGIN_MIN_HOST_MINOR,
    .id = "kr.go.ansan.health",
    .version = "0.1.0",
    /* TRANSLATORS: the name of the service on its tile and in the title bar. */
    .title = N_("Health guide"),
    .icon = "icons/home-symptoms.png",
    .init = health_init,
    .enter = health_enter,
    .frame = health_frame,
    .locale_changed = NULL,
    .content_updated = health_content_updated,
    .reset = health_reset,
    .shutdown = health_shutdown,
    .validate = health_validate,
};

MD_PLUGIN_EXPORT const md_plugin_desc *madang_plugin_entry(void);
MD_PLUGIN_EXPORT const md_plugin_desc *madang_plugin_entry(void)
{
    return &health_desc;
}
