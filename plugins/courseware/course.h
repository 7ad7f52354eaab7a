/* Courseware plugin (K-익힘이) — internal types and functions shared by its files: the lesson
 * content (decks of Korean words), the Revised Romanization of Hangul, the learning models (Elo
 * item difficulty, FSRS-6 spaced review), the account-free progress code and the pooled item
 * statistics. Nothing here is exported from the .so (-fvisibility=hidden); unit tests, the fuzz
 * target and the bench compile these files directly. See docs/COURSEWARE.md.
 */
#ifndef MD_COURSE_H
#define MD_COURSE_H

#include <stddef.h>
#include <stdint.h>

#include "../../common/roman/roman.h"

#define MD_COURSE_SCHEMA 1    /* the newest content schema this plugin understands */
#define MD_COURSE_ERR_CAP 512 /* room for a validation reason */
#define MD_COURSE_MAX_DECKS 8 /* deck slots a progress code carries */
#define MD_COURSE_MAX_ITEMS_PER_DECK 64
#define MD_COURSE_N_LEVELS 7 /* levels 0..6 per deck */
#define MD_COURSE_FILE "course.json"

/* --- content (content.c) --- */
typedef struct md_course_item {
    const char *id;      /* unique over the content, e.g. "safety.helmet" */
    const char *ko;      /* the word in Hangul */
    const char *rom;     /* Revised Romanization: the content's "rom", else the romanizer's */
    const char *meaning; /* English msgid, translated through the plugin's PO packs */
    const char *picture; /* PNG relative to the content directory */
    const char *example; /* a Korean sentence that contains ko exactly once */
    const char *example_rom;
    int deck;  /* index into decks */
    int level; /* 1..5: the content's prior for the item's difficulty */
} md_course_item;

typedef struct md_course_deck {
    const char *id;
    const char *title; /* English msgid */
    const char *picture;
    int slot;       /* 0..7: its place in a progress code (stable when decks are reordered) */
    int first_item; /* items[first_item .. first_item + n_items) */
    int n_items;
} md_course_deck;

typedef struct md_course_content {
    struct md_parena *arena; /* owns every array and derived string below */
    void *json;              /* the parsed document, owns the other strings */
    int schema;
    int sample; /* sample content: said on screen */
    md_course_deck *decks;
    int n_decks;
    md_course_item *items;
    int n_items;
} md_course_content;

/* Parses and validates course.json (NUL-terminated text). dir, when not NULL, is the content
 * directory: every picture must then exist there. Returns the content, or NULL with the reason
 * in err ("course.json: decks[2].items[3].ko: ..."). Free with md_course_content_free. */
md_course_content *md_course_content_parse(const char *text, const char *dir, char *err,
                                           size_t err_cap);
md_course_content *md_course_content_load(const char *dir, char *err, size_t err_cap);
void md_course_content_free(md_course_content *c);
int md_course_item_find(const md_course_content *c, const char *id); /* index or -1 */

/* --- romanization: the shared common/roman (roman.h), compiled in by roman.c --- */

/* --- learning models (learn.c) --- */
#define MD_COURSE_GUESS 0.25  /* four answers to choose from */
#define MD_COURSE_TARGET 0.75 /* the success rate the selector aims at */

/* Probability of a right answer (Elo / Rasch with a guessing floor). */
double md_course_p_correct(double skill, double difficulty);
/* Elo step size after n earlier answers: 1 / (1 + 0.05 n) (Pelánek 2016). */
double md_course_elo_k(uint32_t n);
/* One answer: moves the learner's skill and the item's pooled difficulty; counts both. */
void md_course_elo_update(double *skill, uint32_t *n_skill, double *difficulty, uint32_t *n_item,
                          int correct);

/* FSRS-6 with its published default parameters (fsrs-rs DEFAULT_PARAMETERS). */
#define MD_FSRS_N_W 21
extern const double md_course_fsrs_w[MD_FSRS_N_W];
typedef struct md_fsrs_state {
    double stability;  /* days; 0 = never reviewed */
    double difficulty; /* 1..10 */
} md_fsrs_state;
enum { MD_FSRS_AGAIN = 1, MD_FSRS_HARD = 2, MD_FSRS_GOOD = 3, MD_FSRS_EASY = 4 };
double md_course_fsrs_retrievability(const double *w, double elapsed_days, double stability);
double md_course_fsrs_interval(const double *w, double stability, double desired_retention);
/* One review after elapsed_days (0 = same day: FSRS-6's short-term stability). */
void md_course_fsrs_review(const double *w, md_fsrs_state *st, double elapsed_days, int rating);
/* The rating a round of answers earns for the deck: share right < .5 Again, < .7 Hard, < .9 Good,
 * else Easy. */
int md_course_fsrs_rating(int n_right, int n_asked);

/* The learner's skill at level 0..6 and back (levels are skill steps of 0.5 from -1.0). */
double md_course_level_skill(int level);
int md_course_skill_level(double skill);

/* Chooses the next item of a deck: predicted success closest to MD_COURSE_TARGET, skipping the
 * last three asked, items not asked yet this session first; ties go to the earlier item. skill is
 * the learner's; difficulty[i] and recent_turn[i] (last turn the item was asked, -1 never) are per
 * item of the deck; wrong[i] the learner's wrong answers this session. Returns an index into the
 * deck, or -1 when it is empty. */
int md_course_select(double skill, const double *difficulty, const int *recent_turn,
                     const int *wrong, const int *right, int n_items, int turn);

/* The plugin's choice: even turns md_course_select; odd turns the first item not yet asked this
 * session, going through the deck from a place that moves with the day (day * 5), so that every
 * word of a deck is seen although the code carries no per-word state. */
int md_course_select_round(double skill, const double *difficulty, const int *recent_turn,
                           const int *wrong, const int *right, int n_items, int turn, int32_t day);

/* --- the progress code (code.c) --- */
#define MD_COURSE_CODE_VERSION 1
#define MD_COURSE_CODE_DIGITS 20
#define MD_COURSE_N_BUCKETS 8 /* stability buckets: 0 = never reviewed, 1..7 on a log scale */
#define MD_COURSE_DAY_MOD 4096

typedef struct md_course_progress {
    uint8_t level[MD_COURSE_MAX_DECKS];  /* 0..6 */
    uint8_t bucket[MD_COURSE_MAX_DECKS]; /* stability bucket, 0..7 */
    int32_t day;                         /* the last session: days since 1970-01-01 (UTC+9) */
} md_course_progress;

typedef enum md_course_code_status {
    MD_COURSE_CODE_NONE = 0,
    MD_COURSE_CODE_OK,
    MD_COURSE_CODE_LENGTH, /* not 20 digits */
    MD_COURSE_CODE_TYPO,   /* the check digit does not match: a digit is wrong or swapped */
    MD_COURSE_CODE_NEWER,  /* made by a newer version of the lessons */
    MD_COURSE_CODE_INVALID /* well-formed but not a code this version could have made */
} md_course_code_status;

/* The Damm check digit of n decimal digits (weakly totally anti-symmetric quasigroup of order
 * 10: catches every single wrong digit and every swap of two adjacent digits). */
int md_course_damm(const char *digits, size_t n);
/* Writes the 20-digit code (version, 18 payload digits, check digit) and a NUL into out[21]. */
int md_course_code_encode(const md_course_progress *p, char *out, size_t cap);
/* Reads a code typed by the learner. today resolves the day (stored modulo 4096). */
md_course_code_status md_course_code_decode(const char *digits, int32_t today,
                                            md_course_progress *out);
/* Stability in days <-> bucket (bucket 0 <-> 0). */
int md_course_bucket(double stability_days);
double md_course_bucket_stability(int bucket);

/* --- pooled item statistics (stats.c): counts and difficulties, nothing about anyone --- */
typedef struct md_course_stat {
    double difficulty;
    uint32_t count;
} md_course_stat;
/* Parses the statistics file text into stats[] (one per content item, by id); lines for items
 * the content no longer has are skipped. 0, or -1 with "items.tsv:LINE: reason" in err (stats
 * untouched on error). */
int md_course_stats_parse(const md_course_content *c, const char *text, md_course_stat *stats,
                          char *err, size_t err_cap);
/* Writes the file atomically (temp file + rename) into dir. 0 or -1 with the reason in err. */
int md_course_stats_save(const md_course_content *c, const md_course_stat *stats, const char *dir,
                         char *err, size_t err_cap);
#define MD_COURSE_STATS_FILE "items.tsv"

/* --- msgids.c (generated by tools/make_msgids.py) --- */
/* The English texts of the sample content (deck titles, meanings), for the PO packs. */
const char *const *md_course_msgids(int *n);

#endif /* MD_COURSE_H */
