/* Health guide plugin — internal types shared by its files: the loaded content (departments,
 * symptom tree, clinics, doctor-card phrases, help), opening hours evaluated in the content's time
 * zone with ICU (common/hours, shared with the menu plugin), and clinic search. Nothing here is
 * exported from the .so (-fvisibility=hidden); unit tests compile these files directly. The JSON
 * schema is documented in docs/CONTENT.md.
 */
#ifndef MD_HEALTH_H
#define MD_HEALTH_H

#include <stddef.h>
#include <stdint.h>

#include "../../common/hours/hours.h"

#define MD_HEALTH_SCHEMA 1    /* the newest content schema this plugin understands */
#define MD_HEALTH_ERR_CAP 512 /* room for a validation reason */

/* A per-language text: langs[i] (BCP 47) -> texts[i]. Always has "en" (the end of every
 * fallback chain), so host->pick never comes back empty for validated content. */
typedef struct md_health_text {
    const char **langs;
    const char **texts;
    int n;
} md_health_text;

typedef enum md_health_urgency {
    MD_HEALTH_URGENCY_NONE = 0,
    MD_HEALTH_URGENCY_ROUTINE,  /* book an appointment in the coming days */
    MD_HEALTH_URGENCY_SOON,     /* see a doctor within a day or two */
    MD_HEALTH_URGENCY_TODAY,    /* see a doctor today */
    MD_HEALTH_URGENCY_EMERGENCY /* red flag: the emergency screen, call 119 */
} md_health_urgency;

enum { MD_HEALTH_FOR_ADULT = 1, MD_HEALTH_FOR_CHILD = 2 };

typedef struct md_health_dept {
    const char *id;
    md_health_text name; /* has "ko" */
} md_health_dept;

typedef struct md_health_symptom {
    const char *id;
    const char *icon; /* relative to the content directory; may be NULL */
    md_health_text name;
    md_health_text card; /* a first-person sentence for the doctor; has "ko" */
    int for_mask;        /* MD_HEALTH_FOR_* */
    int dept;            /* index into departments */
    int child_dept;      /* for children (-1: same as dept) */
    md_health_urgency urgency;
    int area; /* index of its body area */
} md_health_symptom;

typedef struct md_health_area {
    const char *id;
    const char *icon;
    md_health_text name;
    int for_mask;
    int first_symptom; /* symptoms[first_symptom .. first_symptom + n_symptoms) */
    int n_symptoms;
} md_health_area;

typedef struct md_health_clinic {
    const char *id;
    const char *name_ko;
    const char *name_latn;  /* transliteration, for reading aloud and searching */
    md_health_text name;    /* optional translated name (n == 0 when absent) */
    const char *address_ko; /* what a taxi driver reads */
    const char *address_latn;
    const char *phone;
    double lat, lon;
    int *depts;
    int n_depts;
    const char **langs; /* languages spoken, BCP 47 */
    int n_langs;
    int uninsured;   /* accepts patients without national health insurance */
    int free_clinic; /* free of charge for migrant workers */
    int emergency_room;
    const char *map_url; /* NULL: built from the content's map_link template */
    md_health_text note; /* optional */
    md_hours hours;
} md_health_clinic;

/* One answer on the show-to-doctor card ("since yesterday", "allergic to penicillin"). */
typedef struct md_health_choice {
    const char *id;
    md_health_text label; /* the button */
    md_health_text card;  /* the sentence on the card; has "ko" */
} md_health_choice;

enum {
    MD_HEALTH_Q_SINCE = 0,
    MD_HEALTH_Q_ALLERGIES,
    MD_HEALTH_Q_MEDICINES,
    MD_HEALTH_Q_PREGNANCY,
    MD_HEALTH_N_QUESTIONS
};

typedef struct md_health_question {
    md_health_text title;
    md_health_choice *choices;
    int n_choices;
} md_health_question;

typedef struct md_health_section {
    const char *id;
    md_health_text title;
    md_health_text body;
} md_health_section;

typedef struct md_health_line {
    const char *number;
    md_health_text name;
    md_health_text desc;
} md_health_line;

typedef struct md_health_holiday {
    int32_t date; /* yyyymmdd */
    md_health_text name;
} md_health_holiday;

typedef struct md_health_content {
    struct md_parena *arena; /* owns every array below */
    void *json[4];           /* the parsed documents, which own every string below */
    int schema;
    int sample; /* sample data: say so on screen */
    md_health_text region;
    const char **drafted; /* languages whose texts are machine drafts needing review */
    int n_drafted;
    const char *time_zone;       /* e.g. "Asia/Seoul" */
    const char *map_link;        /* template with {lat} {lon} {name} */
    md_health_holiday *holidays; /* sorted by date */
    int n_holidays;
    int32_t *holiday_dates; /* the same dates, for common/hours */
    md_health_dept *depts;
    int n_depts;
    md_health_area *areas;
    int n_areas;
    md_health_symptom *symptoms;
    int n_symptoms;
    md_health_clinic *clinics;
    int n_clinics;
    md_health_text card_intro; /* the card's opening sentence; has "ko" */
    md_health_question questions[MD_HEALTH_N_QUESTIONS];
    md_health_text emergency_say; /* what to tell 119; has "ko" */
    md_health_section *sections;
    int n_sections;
    md_health_line *lines;
    int n_lines;
} md_health_content;

/* Content files in the content directory, all required; a set loads all or nothing. */
#define MD_HEALTH_FILE_GUIDE "health.json"
#define MD_HEALTH_FILE_SYMPTOMS "symptoms.json"
#define MD_HEALTH_FILE_CLINICS "clinics.json"
#define MD_HEALTH_FILE_HELP "help.json"

/* Parses and validates the four documents (NUL-terminated JSON text). Returns the content, or
 * NULL with the reason in err ("clinics.json: clinics[2].hours.mon[0]: ..."). The caller frees
 * with md_health_content_free. */
md_health_content *md_health_content_parse(const char *guide, const char *symptoms,
                                           const char *clinics, const char *help, char *err,
                                           size_t err_cap);
/* Reads the four files from dir and parses them; NULL with the reason in err. */
md_health_content *md_health_content_load(const char *dir, char *err, size_t err_cap);
void md_health_content_free(md_health_content *c);

int md_health_dept_find(const md_health_content *c, const char *id); /* index or -1 */
const md_health_holiday *md_health_holiday_find(const md_health_content *c, int32_t yyyymmdd);

/* --- time (hours.c: the shared common/hours, and the clinic's status through it) --- */
int md_health_status_at(md_hours_clock *clock, const md_health_content *c,
                        const md_health_clinic *clinic, int64_t now_ms, md_hours_status *out);

/* --- clinics (clinics.c) --- */
/* Great-circle distance in metres. */
double md_health_distance_m(double lat1, double lon1, double lat2, double lon2);

typedef struct md_health_filter {
    int dept;           /* -1: any */
    const char *lang;   /* non-NULL: must speak this language (primary subtag match) */
    int open_now;       /* only clinics open at now_ms */
    int emergency_only; /* only emergency rooms */
    int64_t now_ms;
    int have_origin; /* kiosk location known: sort by distance, else by name */
    double lat, lon;
} md_health_filter;

typedef struct md_health_hit {
    int clinic;        /* index into clinics */
    double distance_m; /* -1 when the kiosk location is unknown */
    md_hours_status status;
} md_health_hit;

/* Fills hits (cap entries) with the matching clinics, nearest first. Returns the count. */
int md_health_search(md_hours_clock *clock, const md_health_content *c, const md_health_filter *f,
                     md_health_hit *hits, int cap);
int md_health_speaks(const md_health_clinic *clinic, const char *lang);
/* Writes the clinic's map link (content's map_url, or the template filled in) into out. */
int md_health_map_link(const md_health_content *c, const md_health_clinic *clinic, char *out,
                       size_t cap);

#endif /* MD_HEALTH_H */
