/* Courseware plugin (K-익힘이, "Korean in five minutes"): short rounds of tap-only exercises on
 * Korean words by topic, adapted to the learner (Elo skill and pooled item difficulty, items
 * chosen for ~75 % success, FSRS-6 review of each topic across days), with progress carried by a
 * 20-digit code instead of an account. Everything about the visitor lives in `session` and is
 * wiped by reset(); only pooled per-item counts and difficulties are written to storage.
 */
#include <madang/plugin.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "course.h"

#define TAG "COURSE: "
/* Marks a message for extraction (madang-locale update) where it is not a direct tr() argument. */
#define N_(s) s
#define ROUND_LENGTH 10 /* questions in a round: about five minutes */
#define SAVE_EVERY 25   /* answers between saves of the pooled statistics */
#define CODE_CAP (MD_COURSE_CODE_DIGITS + 1)

typedef enum screen { SCR_NONE = 0, SCR_HOME, SCR_QUESTION, SCR_ROUND, SCR_CODE, SCR_ENTER } screen;

typedef enum exercise {
    EX_NONE = 0,
    EX_PICTURE, /* a picture -> the Korean word */
    EX_MEANING, /* a Korean word (shown, heard when the kiosk can play it) -> its meaning */
    EX_LISTEN,  /* heard only -> the Korean word (needs audio) */
    EX_READ,    /* Hangul syllable blocks -> how they are read (romanization) */
    EX_GAP      /* a sentence with a gap -> the word that fills it */
} exercise;

/* Everything about the visitor. reset() wipes it; nothing else holds visitor data. */
typedef struct session {
    screen scr;
    screen code_back;                  /* where "Back" on the code screen returns to */
    int deck;                          /* deck index being practised, -1 none */
    double skill[MD_COURSE_MAX_DECKS]; /* by deck slot */
    uint32_t n_skill[MD_COURSE_MAX_DECKS];
    md_fsrs_state mem[MD_COURSE_MAX_DECKS];
    int32_t last_day[MD_COURSE_MAX_DECKS]; /* day of the slot's last review; -1 never */
    int restored;                          /* progress came from a code */
    int rom_off;                           /* romanization hidden */
    int turn, asked, right;                /* in the current round */
    int item;                              /* content index of the question's item */
    exercise ex;
    int options[4];                           /* content indexes */
    int chosen;                               /* -1: not answered yet; else index into options */
    int recent[MD_COURSE_MAX_ITEMS_PER_DECK]; /* per item of the deck: last turn asked, -1 */
    int n_wrong[MD_COURSE_MAX_ITEMS_PER_DECK];
    int n_right[MD_COURSE_MAX_ITEMS_PER_DECK];
    char code[CODE_CAP];
    char typed[CODE_CAP];
    char summary[256]; /* "8 of 10 right" of the round just finished */
    md_course_code_status status;
    uint64_t rng;
} session;

typedef struct course {
    md_plugin_ctx *ctx;
    const md_host *host;
    md_course_content *content; /* NULL: "not available right now" */
    md_course_content *pending; /* reloaded content waiting for the visitor to leave */
    md_course_stat *stats;      /* pooled, per content item */
    int unsaved;                /* answers since the last save */
    session s;
} course;

/* --- small helpers --- */

static const char *tr(course *cw, const char *msgid)
{
    return cw->host->tr(cw->ctx, msgid);
}

static const char *fmt(course *cw, const char *msgid, const md_arg *args, int n)
{
    return cw->host->format(cw->ctx, NULL, msgid, args, n);
}

static md_arg arg_i(const char *name, int64_t v)
{
    md_arg a = {.name = name, .type = MD_ARG_INT};
    a.v.i = v;
    return a;
}

static md_arg arg_s(const char *name, const char *s)
{
    md_arg a = {.name = name, .type = MD_ARG_STRING};
    a.v.s = s;
    return a;
}

static uint32_t rng_next(session *s)
{
    s->rng ^= s->rng << 13;
    s->rng ^= s->rng >> 7;
    s->rng ^= s->rng << 17;
    return (uint32_t)(s->rng >> 16);
}

/* Days since 1970-01-01 in Korea (UTC+9, no daylight saving). */
static int32_t today(course *cw)
{
    int64_t ms = cw->host->now_unix_ms(cw->ctx);
    int64_t s = ms / 1000 + 9 * 3600;
    return (int32_t)(s >= 0 ? s / 86400 : (s - 86399) / 86400);
}

static void go(course *cw, screen to)
{
    cw->s.scr = to;
    cw->host->ui_request_frame(cw->ctx);
}

/* Audio (ABI 1.2): a recorded file where the content has one (audio/<item id>.wav for the word,
 * audio/<item id>.ex.wav for the sentence), else the host's speech with espeak-ng's Korean voice.
 * Never the network. On an older host every "listen" control is hidden. */
static int can_play(course *cw)
{
    return MD_HOST_HAS(cw->host, ui_play_audio) && cw->host->ui_speak && cw->host->ui_play_audio;
}

static void say(course *cw, const md_course_item *it, int sentence)
{
    char rel[256], full[1280];
    struct stat st;
    const char *text = sentence ? it->example : it->ko;
    const char *dir = cw->host->content_dir(cw->ctx);
    if (!can_play(cw))
        return;
    snprintf(rel, sizeof rel, "audio/%s%s.wav", it->id, sentence ? ".ex" : "");
    snprintf(full, sizeof full, "%s/%s", dir ? dir : ".", rel);
    if (dir && stat(full, &st) == 0 && S_ISREG(st.st_mode) &&
        cw->host->ui_play_audio(cw->ctx, rel, text, "ko") == 0)
        return;
    cw->host->ui_speak(cw->ctx, text, "ko");
}

static void listen_button(course *cw, const md_course_item *it, int sentence)
{
    if (!can_play(cw))
        return;
    const char *label = sentence ? tr(cw, "Listen to the sentence") : tr(cw, "Listen");
    if (cw->host->ui_button(cw->ctx, label, sentence ? MD_TONE_NORMAL : MD_TONE_PRIMARY))
        say(cw, it, sentence);
}

static double skill_of(course *cw, int slot)
{
    return cw->s.skill[slot];
}

static int level_of(course *cw, int slot)
{
    return md_course_skill_level(skill_of(cw, slot));
}

static double d0_good(void)
{
    md_fsrs_state st = {0.0, 0.0};
    md_course_fsrs_review(md_course_fsrs_w, &st, 0.0, MD_FSRS_GOOD);
    return st.difficulty;
}

/* --- session --- */

static void wipe_session(course *cw)
{
    memset(&cw->s, 0, sizeof cw->s);
    cw->s.scr = SCR_HOME;
    cw->s.deck = -1;
    cw->s.item = -1;
    cw->s.chosen = -1;
    for (int d = 0; d < MD_COURSE_MAX_DECKS; d++) {
        cw->s.skill[d] = md_course_level_skill(0);
        cw->s.last_day[d] = -1;
    }
    cw->s.rng = 0x9E3779B97F4A7C15ull ^ (uint64_t)cw->host->now_unix_ms(cw->ctx);
    if (cw->s.rng == 0)
        cw->s.rng = 1;
}

static void save_stats(course *cw)
{
    const char *dir = cw->host->storage_dir(cw->ctx);
    char err[MD_COURSE_ERR_CAP];
    if (!cw->content || !cw->unsaved || !dir)
        return;
    if (md_course_stats_save(cw->content, cw->stats, dir, err, sizeof err) < 0)
        cw->host->log(cw->ctx, MD_LOG_WARN, TAG "item statistics not saved: %s", err);
    else
        cw->unsaved = 0;
}

/* Pooled statistics for content c: the content's priors, then the saved file if it is good. */
static md_course_stat *load_stats(course *cw, const md_course_content *c)
{
    md_course_stat *st = calloc((size_t)c->n_items + 1, sizeof *st);
    if (!st)
        return NULL;
    for (int i = 0; i < c->n_items; i++)
        st[i].difficulty = -1.5 + 0.5 * (c->items[i].level - 1);
    const char *dir = cw->host->storage_dir(cw->ctx);
    char path[1024], err[MD_COURSE_ERR_CAP];
    snprintf(path, sizeof path, "%s/%s", dir ? dir : ".", MD_COURSE_STATS_FILE);
    FILE *f = dir ? fopen(path, "rb") : NULL;
    if (!f)
        return st;
    char *text = malloc(1u << 20);
    size_t n = text ? fread(text, 1, (1u << 20) - 1, f) : 0;
    fclose(f);
    if (text) {
        text[n] = '\0';
        if (md_course_stats_parse(c, text, st, err, sizeof err) < 0)
            cw->host->log(cw->ctx, MD_LOG_WARN, TAG "%s (starting from the content's levels)", err);
    }
    free(text);
    return st;
}

static int load_content(course *cw, md_course_content **out)
{
    char err[MD_COURSE_ERR_CAP];
    const char *dir = cw->host->content_dir(cw->ctx);
    md_course_content *c = dir ? md_course_content_load(dir, err, sizeof err) : NULL;
    if (!dir)
        snprintf(err, sizeof err, "no content directory");
    if (!c) {
        cw->host->log(cw->ctx, MD_LOG_ERROR, TAG "content refused: %s", err);
        return -1;
    }
    *out = c;
    return 0;
}

static void adopt(course *cw, md_course_content *c)
{
    save_stats(cw);
    md_course_stat *st = load_stats(cw, c);
    if (!st) {
        cw->host->log(cw->ctx, MD_LOG_ERROR, TAG "out of memory; keeping the old content");
        md_course_content_free(c);
        return;
    }
    md_course_content_free(cw->content);
    free(cw->stats);
    cw->content = c;
    cw->stats = st;
    cw->unsaved = 0;
}

static void start_deck(course *cw, int deck)
{
    session *s = &cw->s;
    s->deck = deck;
    s->turn = s->asked = s->right = 0;
    s->chosen = -1;
    s->item = -1;
    for (int i = 0; i < MD_COURSE_MAX_ITEMS_PER_DECK; i++) {
        s->recent[i] = -1;
        s->n_wrong[i] = s->n_right[i] = 0;
    }
}

/* The round is over (or stopped): the deck's review is one FSRS review rated by the round. */
static void finish_round(course *cw)
{
    session *s = &cw->s;
    if (s->deck < 0 || s->asked == 0)
        return;
    int slot = cw->content->decks[s->deck].slot;
    int32_t day = today(cw);
    double elapsed = s->last_day[slot] >= 0 ? (double)(day - s->last_day[slot]) : 0.0;
    md_course_fsrs_review(md_course_fsrs_w, &s->mem[slot], elapsed,
                          md_course_fsrs_rating(s->right, s->asked));
    s->last_day[slot] = day;
    s->asked = s->right = 0;
}

static void next_question(course *cw)
{
    session *s = &cw->s;
    const md_course_deck *dk = &cw->content->decks[s->deck];
    double diff[MD_COURSE_MAX_ITEMS_PER_DECK];
    for (int i = 0; i < dk->n_items; i++)
        diff[i] = cw->stats[dk->first_item + i].difficulty;
    int k = md_course_select_round(skill_of(cw, dk->slot), diff, s->recent, s->n_wrong, s->n_right,
                                   dk->n_items, s->turn, today(cw));
    s->item = dk->first_item + (k < 0 ? 0 : k);
    s->recent[s->item - dk->first_item] = s->turn;
    /* Exercise kinds in turn; listening only where the kiosk can play sound. */
    exercise kinds[5];
    int n = 0;
    kinds[n++] = EX_PICTURE;
    kinds[n++] = EX_MEANING;
    if (can_play(cw))
        kinds[n++] = EX_LISTEN;
    kinds[n++] = EX_READ;
    kinds[n++] = EX_GAP;
    s->ex = kinds[s->turn % n];
    /* The answer and three others from the deck, in a random order. */
    int pool[MD_COURSE_MAX_ITEMS_PER_DECK], n_pool = 0;
    for (int i = 0; i < dk->n_items; i++)
        if (dk->first_item + i != s->item)
            pool[n_pool++] = dk->first_item + i;
    for (int i = 0; i < 3 && i < n_pool; i++) {
        int j = i + (int)(rng_next(s) % (uint32_t)(n_pool - i));
        int t = pool[i];
        pool[i] = pool[j];
        pool[j] = t;
    }
    int at = (int)(rng_next(s) % 4u);
    for (int i = 0, p = 0; i < 4; i++)
        s->options[i] = i == at ? s->item : pool[p++];
    s->chosen = -1;
    s->turn++;
    if (s->ex == EX_LISTEN)
        say(cw, &cw->content->items[s->item], 0);
    go(cw, SCR_QUESTION);
}

static void answer(course *cw, int option)
{
    session *s = &cw->s;
    int correct = s->options[option] == s->item;
    int slot = cw->content->decks[s->deck].slot;
    int k = s->item - cw->content->decks[s->deck].first_item;
    md_course_stat *st = &cw->stats[s->item];
    md_course_elo_update(&s->skill[slot], &s->n_skill[slot], &st->difficulty, &st->count, correct);
    s->chosen = option;
    s->asked++;
    if (correct) {
        s->right++;
        s->n_right[k]++;
    } else {
        s->n_wrong[k]++;
    }
    if (++cw->unsaved >= SAVE_EVERY)
        save_stats(cw);
    cw->host->ui_request_frame(cw->ctx);
}

/* The code for the learner's state now. A deck reviewed on an earlier day is re-anchored to
 * today: its stability is shortened so that its next review stays on the same day. */
static void make_code(course *cw)
{
    session *s = &cw->s;
    md_course_progress p;
    memset(&p, 0, sizeof p);
    int32_t day = today(cw);
    p.day = day;
    for (int d = 0; d < MD_COURSE_MAX_DECKS; d++) {
        p.level[d] = (uint8_t)level_of(cw, d);
        double st = s->mem[d].stability;
        if (st > 0.0 && s->last_day[d] >= 0 && s->last_day[d] < day) {
            double ivl = md_course_fsrs_interval(md_course_fsrs_w, st, 0.9);
            double left = ivl - (double)(day - s->last_day[d]);
            st = left > 0.0 ? st * left / ivl : 0.01;
        }
        p.bucket[d] = (uint8_t)md_course_bucket(st);
    }
    if (md_course_code_encode(&p, s->code, sizeof s->code) < 0)
        s->code[0] = '\0';
}

static void restore(course *cw, const md_course_progress *p)
{
    session *s = &cw->s;
    double d0 = d0_good();
    for (int d = 0; d < MD_COURSE_MAX_DECKS; d++) {
        s->skill[d] = md_course_level_skill(p->level[d]);
        s->n_skill[d] = 10; /* a restored level is an estimate worth about ten answers */
        s->mem[d].stability = md_course_bucket_stability(p->bucket[d]);
        s->mem[d].difficulty = p->bucket[d] ? d0 : 0.0;
        s->last_day[d] = p->bucket[d] ? p->day : -1;
    }
    s->restored = 1;
}

/* Whole days until the deck's next review (<= 0: due), or INT32_MIN when it was never
 * reviewed. */
static int32_t days_to_review(course *cw, int slot)
{
    session *s = &cw->s;
    if (s->mem[slot].stability <= 0.0 || s->last_day[slot] < 0)
        return INT32_MIN;
    double ivl = md_course_fsrs_interval(md_course_fsrs_w, s->mem[slot].stability, 0.9);
    int32_t due = s->last_day[slot] + (int32_t)(ivl < 1.0 ? 1.0 : ivl + 0.5);
    return due - today(cw);
}

/* --- screens --- */

static void rom_toggle(course *cw)
{
    const char *label = cw->s.rom_off ? tr(cw, "Show romanization") : tr(cw, "Hide romanization");
    if (cw->host->ui_button(cw->ctx, label, MD_TONE_NORMAL)) {
        cw->s.rom_off = !cw->s.rom_off;
        cw->host->ui_request_frame(cw->ctx);
    }
}

static const char *deck_status(course *cw, int slot)
{
    md_arg a[2] = {arg_i("level", level_of(cw, slot) + 1), arg_i("days", 0)};
    int32_t left = days_to_review(cw, slot);
    if (left == INT32_MIN)
        /* TRANSLATORS: a topic the learner has not practised yet; {level} is 1 to 7. */
        return fmt(cw, N_("Level {level} · new"), a, 1);
    if (left <= 0)
        /* TRANSLATORS: spaced review says it is time to practise this topic again. */
        return fmt(cw, N_("Level {level} · time to review"), a, 1);
    a[1].v.i = left;
    return fmt(cw, N_("Level {level} · review in {days, plural, one {# day} other {# days}}"), a,
               2);
}

static void screen_home(course *cw)
{
    const md_host *h = cw->host;
    md_plugin_ctx *c = cw->ctx;
    h->ui_heading(c, tr(cw, "Korean in five minutes"));
    if (cw->content->sample)
        /* TRANSLATORS: the lessons are sample content made for testing the kiosk. */
        h->ui_text(c, tr(cw, "Sample lessons (for testing)."), MD_TEXT_SMALL);
    if (cw->s.restored)
        h->ui_text(c, tr(cw, "Welcome back! Your levels are restored from your code."),
                   MD_TEXT_BODY);
    else
        h->ui_text(c, tr(cw, "Pick a topic. Each round has ten short questions and adapts to you."),
                   MD_TEXT_BODY);
    h->ui_columns_begin(c, 2);
    if (h->ui_button(c, tr(cw, "I have a code"), MD_TONE_NORMAL)) {
        cw->s.typed[0] = '\0';
        cw->s.status = MD_COURSE_CODE_NONE;
        go(cw, SCR_ENTER);
    }
    if (h->ui_button(c, tr(cw, "Get my code"), MD_TONE_NORMAL)) {
        make_code(cw);
        cw->s.code_back = SCR_HOME;
        go(cw, SCR_CODE);
    }
    h->ui_columns_end(c);
    h->ui_columns_begin(c, 2);
    for (int d = 0; d < cw->content->n_decks; d++) {
        const md_course_deck *dk = &cw->content->decks[d];
        if (h->ui_list_item(c, tr(cw, dk->title), deck_status(cw, dk->slot))) {
            start_deck(cw, d);
            next_question(cw);
        }
    }
    h->ui_columns_end(c);
    rom_toggle(cw);
}

static const char *option_label(course *cw, int item, char *buf, size_t cap)
{
    const md_course_item *it = &cw->content->items[item];
    switch (cw->s.ex) {
    case EX_MEANING:
        return tr(cw, it->meaning);
    case EX_READ:
        return it->rom;
    default:
        if (cw->s.rom_off)
            return it->ko;
        snprintf(buf, cap, "%s · %s", it->ko, it->rom);
        return buf;
    }
}

/* The example sentence with the word replaced by a gap. */
static void gap_sentence(const md_course_item *it, char *out, size_t cap)
{
    const char *at = strstr(it->example, it->ko);
    if (!at) {
        snprintf(out, cap, "%s", it->example);
        return;
    }
    snprintf(out, cap, "%.*s＿＿＿%s", (int)(at - it->example), it->example, at + strlen(it->ko));
}

static void word_card(course *cw, const md_course_item *it)
{
    const md_host *h = cw->host;
    md_plugin_ctx *c = cw->ctx;
    h->ui_image(c, it->picture, 24);
    h->ui_text_lang(c, it->ko, "ko", MD_TEXT_LARGE);
    if (!cw->s.rom_off)
        h->ui_text_lang(c, it->rom, "en", MD_TEXT_BODY);
    if (cw->s.ex == EX_READ) { /* how the blocks are built */
        char line[512];
        size_t n = 0;
        line[0] = '\0';
        for (const char *p = it->ko; *p && n + 64 < sizeof line;) {
            char jamo[64];
            int used = md_roman_jamo(p, jamo, sizeof jamo);
            if (used == 0) {
                p++;
                continue;
            }
            n += (size_t)snprintf(line + n, sizeof line - n, "%s%.*s = %s", n ? "   " : "", used, p,
                                  jamo);
            p += used;
        }
        h->ui_text_lang(c, line, "ko", MD_TEXT_BODY);
    }
    h->ui_text(c, tr(cw, it->meaning), MD_TEXT_BODY);
    if (can_play(cw)) {
        h->ui_columns_begin(c, 2);
        listen_button(cw, it, 0);
        listen_button(cw, it, 1);
        h->ui_columns_end(c);
    }
    h->ui_text_lang(c, it->example, "ko", MD_TEXT_BODY);
    if (!cw->s.rom_off)
        h->ui_text_lang(c, it->example_rom, "en", MD_TEXT_SMALL);
}

static void screen_question(course *cw)
{
    const md_host *h = cw->host;
    md_plugin_ctx *c = cw->ctx;
    session *s = &cw->s;
    const md_course_deck *dk = &cw->content->decks[s->deck];
    const md_course_item *it = &cw->content->items[s->item];
    md_arg a[3] = {arg_s("topic", tr(cw, dk->title)), arg_i("n", s->asked + (s->chosen < 0)),
                   arg_i("total", ROUND_LENGTH)};
    /* TRANSLATORS: above each question; {topic} is a topic such as "At the bank". */
    h->ui_text(c, fmt(cw, N_("{topic} · question {n} of {total}"), a, 3), MD_TEXT_SMALL);
    if (s->chosen >= 0) {
        int ok = s->options[s->chosen] == s->item;
        const char *verdict = ok ? tr(cw, "Right!") : tr(cw, "Not quite. The answer:");
        if (MD_HOST_HAS(h, ui_notice) && h->ui_notice)
            h->ui_notice(c, verdict, ok ? MD_TONE_PRIMARY : MD_TONE_NORMAL);
        else
            h->ui_heading(c, verdict);
        h->ui_columns_begin(c, 2);
        if (h->ui_button(c, tr(cw, "Next"), MD_TONE_PRIMARY)) {
            if (s->asked >= ROUND_LENGTH)
                go(cw, SCR_ROUND); /* the deck's item memory carries into the next round */
            else
                next_question(cw);
        }
        if (h->ui_button(c, tr(cw, "End the round"), MD_TONE_NORMAL))
            go(cw, SCR_ROUND);
        h->ui_columns_end(c);
        word_card(cw, it); /* below the buttons, so "Next" is on screen however long it is */
        return;
    }
    char buf[512];
    switch (s->ex) {
    case EX_PICTURE:
        h->ui_image(c, it->picture, 40);
        h->ui_text(c, tr(cw, "Which word is this?"), MD_TEXT_LARGE);
        break;
    case EX_MEANING:
        h->ui_text_lang(c, it->ko, "ko", MD_TEXT_LARGE);
        if (!s->rom_off)
            h->ui_text_lang(c, it->rom, "en", MD_TEXT_BODY);
        listen_button(cw, it, 0);
        h->ui_text(c, tr(cw, "What does it mean?"), MD_TEXT_LARGE);
        break;
    case EX_LISTEN:
        listen_button(cw, it, 0);
        h->ui_text(c, tr(cw, "Which word do you hear?"), MD_TEXT_LARGE);
        break;
    case EX_READ:
        h->ui_text_lang(c, it->ko, "ko", MD_TEXT_LARGE);
        h->ui_text(c, tr(cw, "How do you read it?"), MD_TEXT_LARGE);
        break;
    case EX_GAP:
        gap_sentence(it, buf, sizeof buf);
        h->ui_text_lang(c, buf, "ko", MD_TEXT_LARGE);
        h->ui_text(c, tr(cw, "Which word fills the gap?"), MD_TEXT_LARGE);
        break;
    default:
        break;
    }
    h->ui_columns_begin(c, 2);
    for (int i = 0; i < 4; i++) {
        char label[512];
        if (h->ui_button(c, option_label(cw, s->options[i], label, sizeof label), MD_TONE_NORMAL))
            answer(cw, i);
    }
    h->ui_columns_end(c);
    h->ui_space(c, 4);
    h->ui_columns_begin(c, 2);
    if (h->ui_button(c, tr(cw, "End the round"), MD_TONE_NORMAL))
        go(cw, SCR_ROUND);
    rom_toggle(cw);
    h->ui_columns_end(c);
}

static void screen_round(course *cw)
{
    const md_host *h = cw->host;
    md_plugin_ctx *c = cw->ctx;
    session *s = &cw->s;
    const md_course_deck *dk = &cw->content->decks[s->deck];
    if (s->asked > 0) { /* the round's answers become the deck's review, once */
        md_arg a[2] = {arg_i("right", s->right), arg_i("asked", s->asked)};
        /* TRANSLATORS: the result of a round of questions. */
        snprintf(s->summary, sizeof s->summary, "%s",
                 fmt(cw, N_("{right} of {asked} right"), a, 2));
        finish_round(cw);
    }
    h->ui_heading(c, tr(cw, dk->title));
    if (s->summary[0])
        h->ui_text(c, s->summary, MD_TEXT_LARGE);
    h->ui_text(c, deck_status(cw, dk->slot), MD_TEXT_BODY);
    h->ui_columns_begin(c, 2);
    if (h->ui_button(c, tr(cw, "Another round"), MD_TONE_PRIMARY)) {
        s->summary[0] = '\0';
        next_question(cw);
    }
    if (h->ui_button(c, tr(cw, "Get my code"), MD_TONE_NORMAL)) {
        make_code(cw);
        s->code_back = SCR_ROUND;
        go(cw, SCR_CODE);
    }
    h->ui_columns_end(c);
    if (h->ui_button(c, tr(cw, "All topics"), MD_TONE_NORMAL)) {
        s->summary[0] = '\0';
        s->deck = -1;
        go(cw, SCR_HOME);
    }
}

static void group_digits(const char *digits, char *out, size_t cap)
{
    size_t n = 0;
    for (int i = 0; digits[i] && n + 2 < cap; i++) {
        if (i && i % 4 == 0)
            out[n++] = ' ';
        out[n++] = digits[i];
    }
    out[n] = '\0';
}

static void screen_code(course *cw)
{
    const md_host *h = cw->host;
    md_plugin_ctx *c = cw->ctx;
    session *s = &cw->s;
    char grouped[40];
    group_digits(s->code, grouped, sizeof grouped);
    h->ui_heading(c, tr(cw, "Your progress code"));
    h->ui_text_lang(c, grouped, "en", MD_TEXT_LARGE);
    h->ui_qr(c, s->code, 35, NULL);
    h->ui_text(c,
               tr(cw, "Type this code at any kiosk to continue where you are. Write it down or "
                      "take a photo. It holds your levels, not your name."),
               MD_TEXT_BODY);
    if (h->ui_button(c, tr(cw, "Back"), MD_TONE_PRIMARY))
        go(cw, s->code_back ? s->code_back : SCR_HOME);
}

static void screen_enter(course *cw)
{
    const md_host *h = cw->host;
    md_plugin_ctx *c = cw->ctx;
    session *s = &cw->s;
    /* The reason a code was refused takes the heading's place, so the keypad stays on screen. */
    switch (s->status) {
    case MD_COURSE_CODE_LENGTH:
        h->ui_text(c, tr(cw, "A progress code has 20 digits. Please type all of them."),
                   MD_TEXT_BODY);
        break;
    case MD_COURSE_CODE_TYPO:
        h->ui_text(c,
                   tr(cw, "This code has a typo: one digit is wrong or two are swapped. "
                          "Please check it and type it again."),
                   MD_TEXT_BODY);
        break;
    case MD_COURSE_CODE_NEWER:
        h->ui_text(c,
                   tr(cw, "This code comes from a newer version of the lessons. This kiosk "
                          "cannot read it yet."),
                   MD_TEXT_BODY);
        break;
    case MD_COURSE_CODE_INVALID:
        h->ui_text(c, tr(cw, "This is not a progress code."), MD_TEXT_BODY);
        break;
    default:
        h->ui_heading(c, tr(cw, "Continue with your code"));
        break;
    }
    /* The keypad, and beside it what was typed in groups of four, large enough to check. */
    char grouped[40];
    group_digits(s->typed, grouped, sizeof grouped);
    h->ui_columns_begin(c, 2);
    if (h->ui_keypad(c, tr(cw, "Type the 20 digits of your code"), s->typed, sizeof s->typed)) {
        md_course_progress p;
        s->status = md_course_code_decode(s->typed, today(cw), &p);
        if (s->status == MD_COURSE_CODE_OK) {
            restore(cw, &p);
            s->typed[0] = '\0';
            go(cw, SCR_HOME);
        }
        h->ui_request_frame(c);
    }
    h->ui_text_lang(c, grouped, "en", MD_TEXT_LARGE);
    h->ui_columns_end(c);
    if (h->ui_button(c, tr(cw, "Back"), MD_TONE_NORMAL))
        go(cw, SCR_HOME);
}

/* --- callbacks --- */

static int course_init(md_plugin_ctx *ctx, const md_host *host, void **state)
{
    if (!MD_HOST_HAS(host, go_home)) {
        host->log(ctx, MD_LOG_ERROR, TAG "the host table is too old for this plugin");
        return -1;
    }
    course *cw = calloc(1, sizeof *cw);
    if (!cw) {
        host->log(ctx, MD_LOG_ERROR, TAG "out of memory");
        return -1;
    }
    cw->ctx = ctx;
    cw->host = host;
    wipe_session(cw);
    md_course_content *c = NULL;
    if (load_content(cw, &c) == 0)
        adopt(cw, c);
    *state = cw;
    return 0;
}

static void course_enter(void *state)
{
    course *cw = state;
    if (cw->pending && cw->s.deck < 0 && !cw->s.restored) {
        adopt(cw, cw->pending);
        cw->pending = NULL;
    }
    cw->s.scr = SCR_HOME;
}

static void course_frame(void *state)
{
    course *cw = state;
    if (!cw->content) {
        /* TRANSLATORS: shown instead of the lessons when their content could not be loaded. */
        cw->host->ui_text(cw->ctx, tr(cw, "The Korean lessons are not available right now."),
                          MD_TEXT_LARGE);
        return;
    }
    switch (cw->s.scr) {
    case SCR_QUESTION:
        screen_question(cw);
        break;
    case SCR_ROUND:
        screen_round(cw);
        break;
    case SCR_CODE:
        screen_code(cw);
        break;
    case SCR_ENTER:
        screen_enter(cw);
        break;
    default:
        screen_home(cw);
        break;
    }
}

static void course_content_updated(void *state)
{
    course *cw = state;
    md_course_content *c = NULL;
    if (load_content(cw, &c) < 0)
        return; /* keep what we had */
    md_course_content_free(cw->pending);
    cw->pending = c; /* adopted between visitors, so nothing changes under a finger */
}

static void course_reset(void *state)
{
    course *cw = state;
    save_stats(cw); /* counts, not people: nothing of the session is in it */
    if (cw->pending) {
        adopt(cw, cw->pending);
        cw->pending = NULL;
    }
    wipe_session(cw);
}

static void course_shutdown(void *state)
{
    course *cw = state;
    save_stats(cw);
    md_course_content_free(cw->content);
    md_course_content_free(cw->pending);
    free(cw->stats);
    free(cw);
}

static const md_plugin_desc k_desc = {
    .struct_size = sizeof(md_plugin_desc),
    .abi_major = MD_PLUGIN_ABI_MAJOR,
    .abi_minor = 0, /* ui_notice (1.1) is used only when the host has it */
    .id = "kr.go.ansan.courseware",
    .version = "1.0.0",
    /* TRANSLATORS: the tile on the kiosk's home screen for the Korean lessons. */
    .title = N_("Korean in five minutes"),
    .icon = "pictures/icon.png",
    .init = course_init,
    .enter = course_enter,
    .frame = course_frame,
    .locale_changed = NULL,
    .content_updated = course_content_updated,
    .reset = course_reset,
    .shutdown = course_shutdown,
};

MD_PLUGIN_EXPORT const md_plugin_desc *madang_plugin_entry(void)
{
    return &k_desc;
}
