/* The learning models behind the lessons (docs/COURSEWARE.md gives the sources):
 *   - Elo rating of item difficulty pooled over all learners, and of the learner's skill within a
 *     session, with a guessing floor for four-choice questions (Pelánek 2016);
 *   - the next item chosen so that the predicted success is near 75 %, every other question
 *     going through the deck in turn so that every word is seen;
 *   - FSRS-6 spaced review with its published default parameters, written after fsrs-rs
 *     (src/model.rs) and checked against its test values (tests/unit/test_courseware_learn.c).
 */
#include "course.h"

#include <math.h>

double md_course_p_correct(double skill, double difficulty)
{
    return MD_COURSE_GUESS + (1.0 - MD_COURSE_GUESS) / (1.0 + exp(-(skill - difficulty)));
}

double md_course_elo_k(uint32_t n)
{
    return 1.0 / (1.0 + 0.05 * (double)n);
}

void md_course_elo_update(double *skill, uint32_t *n_skill, double *difficulty, uint32_t *n_item,
                          int correct)
{
    double p = md_course_p_correct(*skill, *difficulty);
    double surprise = (correct ? 1.0 : 0.0) - p;
    double k_skill = md_course_elo_k(*n_skill), k_item = md_course_elo_k(*n_item);
    *skill += k_skill * surprise;
    *difficulty -= k_item * surprise;
    /* Keep both on a sane scale whatever a stats file or a long session did. */
    if (*skill < -6.0)
        *skill = -6.0;
    if (*skill > 6.0)
        *skill = 6.0;
    if (*difficulty < -6.0)
        *difficulty = -6.0;
    if (*difficulty > 6.0)
        *difficulty = 6.0;
    if (*n_skill < UINT32_MAX)
        (*n_skill)++;
    if (*n_item < UINT32_MAX)
        (*n_item)++;
}

double md_course_level_skill(int level)
{
    if (level < 0)
        level = 0;
    if (level >= MD_COURSE_N_LEVELS)
        level = MD_COURSE_N_LEVELS - 1;
    return -1.0 + 0.5 * level;
}

int md_course_skill_level(double skill)
{
    double l = floor((skill + 1.0) / 0.5 + 0.5);
    if (!(l >= 0.0))
        return 0;
    return l >= MD_COURSE_N_LEVELS - 1 ? MD_COURSE_N_LEVELS - 1 : (int)l;
}

int md_course_select(double skill, const double *difficulty, const int *recent_turn,
                     const int *wrong, const int *right, int n_items, int turn)
{
    int best = -1;
    double best_score = 0.0;
    /* First pass: not among the last three asked; second: anything but the one just asked. */
    for (int pass = 0; pass < 2 && best < 0; pass++) {
        int gap = pass == 0 ? 3 : 1;
        for (int i = 0; i < n_items; i++) {
            if (recent_turn[i] >= 0 && turn - recent_turn[i] <= gap)
                continue;
            double score = fabs(md_course_p_correct(skill, difficulty[i]) - MD_COURSE_TARGET);
            if (recent_turn[i] >= 0)
                score += 0.25; /* asked this session already: others first */
            if (right[i] >= 2)
                score += 0.15; /* known twice this session: move on */
            if (wrong[i] > right[i])
                score -= 0.10; /* missed: come back to it a little later */
            if (best < 0 || score < best_score - 1e-12) {
                best = i;
                best_score = score;
            }
        }
    }
    if (best < 0 && n_items > 0)
        best = 0;
    return best;
}

int md_course_select_round(double skill, const double *difficulty, const int *recent_turn,
                           const int *wrong, const int *right, int n_items, int turn, int32_t day)
{
    if (n_items <= 0)
        return -1;
    if (turn % 2 == 1) { /* every other question: the deck in turn, from a place that moves daily */
        int start = (int)(((int64_t)day * 5) % n_items);
        if (start < 0)
            start += n_items;
        for (int k = 0; k < n_items; k++) {
            int i = (start + k) % n_items;
            if (recent_turn[i] < 0)
                return i;
        }
    }
    return md_course_select(skill, difficulty, recent_turn, wrong, right, n_items, turn);
}

/* --- FSRS-6 --- */

const double md_course_fsrs_w[MD_FSRS_N_W] = {
    0.212,  1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001,  1.8722, 0.1666, 0.796,
    1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542};

#define S_MIN 0.001
#define S_MAX 36500.0
#define D_MIN 1.0
#define D_MAX 10.0

static double clampd(double x, double lo, double hi)
{
    return x < lo ? lo : x > hi ? hi : x;
}

double md_course_fsrs_retrievability(const double *w, double elapsed_days, double stability)
{
    double decay = -w[20];
    double factor = exp(log(0.9) / decay) - 1.0;
    return pow(elapsed_days / stability * factor + 1.0, decay);
}

double md_course_fsrs_interval(const double *w, double stability, double desired_retention)
{
    double decay = -w[20];
    double factor = exp(log(0.9) / decay) - 1.0;
    return stability / factor * (pow(desired_retention, 1.0 / decay) - 1.0);
}

static double init_stability(const double *w, int rating)
{
    return w[rating - 1];
}

static double init_difficulty(const double *w, int rating)
{
    return w[4] - exp(w[5] * (rating - 1)) + 1.0;
}

void md_course_fsrs_review(const double *w, md_fsrs_state *st, double elapsed_days, int rating)
{
    if (rating < MD_FSRS_AGAIN)
        rating = MD_FSRS_AGAIN;
    if (rating > MD_FSRS_EASY)
        rating = MD_FSRS_EASY;
    if (st->stability <= 0.0) { /* the first review */
        st->stability = clampd(init_stability(w, rating), S_MIN, S_MAX);
        st->difficulty = clampd(init_difficulty(w, rating), D_MIN, D_MAX);
        return;
    }
    double s = clampd(st->stability, S_MIN, S_MAX), d = clampd(st->difficulty, D_MIN, D_MAX);
    double g = (double)rating;
    double r = md_course_fsrs_retrievability(w, elapsed_days, s);
    double new_s;
    if (elapsed_days <= 0.0) { /* same day: short-term stability */
        double sinc = exp(w[17] * (g - 3.0 + w[18])) * pow(s, -w[19]);
        new_s = s * (rating >= MD_FSRS_HARD ? (sinc > 1.0 ? sinc : 1.0) : sinc);
    } else if (rating == MD_FSRS_AGAIN) {
        new_s = w[11] * pow(d, -w[12]) * (pow(s + 1.0, w[13]) - 1.0) * exp((1.0 - r) * w[14]);
        double floor_s = s / exp(w[17] * w[18]);
        if (new_s > floor_s)
            new_s = floor_s;
    } else {
        double hard = rating == MD_FSRS_HARD ? w[15] : 1.0;
        double easy = rating == MD_FSRS_EASY ? w[16] : 1.0;
        new_s = s * (exp(w[8]) * (11.0 - d) * pow(s, -w[9]) * (exp((1.0 - r) * w[10]) - 1.0) *
                         hard * easy +
                     1.0);
    }
    double delta_d = -w[6] * (g - 3.0);
    double new_d = d + (10.0 - d) * delta_d / 9.0;          /* linear damping */
    new_d = w[7] * (init_difficulty(w, 4) - new_d) + new_d; /* mean reversion */
    st->difficulty = clampd(new_d, D_MIN, D_MAX);
    st->stability = clampd(new_s, S_MIN, S_MAX);
}

int md_course_fsrs_rating(int n_right, int n_asked)
{
    if (n_asked <= 0)
        return 0;
    double share = (double)n_right / n_asked;
    return share < 0.5   ? MD_FSRS_AGAIN
           : share < 0.7 ? MD_FSRS_HARD
           : share < 0.9 ? MD_FSRS_GOOD
                         : MD_FSRS_EASY;
}
