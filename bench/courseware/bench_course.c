/* `make bench`: how many questions a simulated learner needs to master a deck of the Korean
 * lessons with the plugin's adaptive selector, with a fixed order and with random picks, under two
 * learner models written down before the selector was tuned (it was not tuned afterwards; see
 * docs/COURSEWARE.md, "Evaluation"). Prints `bench courseware_<model>_<selector>_items <mean>
 * items` with the 95 % confidence interval and how many learners reached mastery; figures only.
 *
 * Both models: a deck of 20 items with the sample content's levels; one round of 10 questions a
 * day (a visit to a kiosk); the right answer is shown after every question; four answers to
 * choose from (a guess is right with p = 0.25); 1,000 learners one after another on one kiosk, so
 * the adaptive selector's pooled item difficulties learn from the learners before; mastery = the
 * learner knows every item of the deck at once (model A: recall probability >= 0.9 now; model B:
 * every item in the "known" state); at most 60 days (600 questions), a learner who has not
 * mastered by then counts with 600.
 *
 * Model A ("FSRS-memory"): learner ability a ~ N(0, 1), item difficulty d = level - 3 + N(0, 0.5).
 *   Before an item is learned it is known with p = sigmoid(a - d - 1.5) (prior knowledge). Seeing
 *   it (answering, then the answer shown) makes it learned, with an FSRS-6 memory state (default
 *   parameters) that every later exposure updates as a review rated Good when right, Again when
 *   wrong. Known now with p = R(t, S), FSRS-6's power forgetting curve, times (1 - 0.05) for
 *   slips; answer right with p = known + (1 - known) * 0.25.
 * Model B ("all-or-none with forgetting", Bower 1961 / Atkinson 1972; not FSRS, not Elo): each
 *   item is known or not; after each exposure an unknown item becomes known with
 *   p = 0.15 + 0.25 * sigmoid(a - d) (learning rate per learner and item); a known item is
 *   forgotten with p = 0.08 per day that passes; right with p = 0.95 when known, 0.25 when not.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../plugins/courseware/learn.c"

#define N_ITEMS 20
#define N_LEARNERS 1000
#define PER_DAY 10
#define MAX_DAYS 60
#define MAX_Q (PER_DAY * MAX_DAYS)

typedef enum { SEL_ADAPTIVE = 0, SEL_FIXED, SEL_RANDOM, N_SEL } selector;
typedef enum { MODEL_A = 0, MODEL_B, N_MODEL } model;
static const char *const k_sel[N_SEL] = {"adaptive", "fixed", "random"};
static const char *const k_model[N_MODEL] = {"fsrs_memory", "all_or_none"};

typedef struct rng {
    uint64_t s;
} rng;

static double uni(rng *r)
{
    r->s += 0x9E3779B97F4A7C15ull; /* splitmix64 */
    uint64_t z = r->s;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    return (double)(z >> 11) / 9007199254740992.0;
}

static double normal(rng *r)
{
    double u1 = uni(r), u2 = uni(r);
    if (u1 < 1e-300)
        u1 = 1e-300;
    return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
}

static double sigmoid(double x)
{
    return 1.0 / (1.0 + exp(-x));
}

/* The sample content's "safety" deck levels (content/course.json), in content order. */
static const int k_levels[N_ITEMS] = {1, 1, 1, 1, 2, 2, 1, 2, 1, 3, 1, 2, 2, 2, 2, 3, 3, 3, 3, 2};

typedef struct learner {
    double ability;
    double d[N_ITEMS];
    /* model A */
    int learned[N_ITEMS];
    md_fsrs_state mem[N_ITEMS];
    double last_day[N_ITEMS];
    int prior_known[N_ITEMS];
    /* model B */
    int known[N_ITEMS];
} learner;

static void learner_init(learner *l, rng *r)
{
    memset(l, 0, sizeof *l);
    l->ability = normal(r);
    for (int i = 0; i < N_ITEMS; i++) {
        l->d[i] = k_levels[i] - 3 + 0.5 * normal(r);
        l->prior_known[i] = uni(r) < sigmoid(l->ability - l->d[i] - 1.5);
    }
}

static double p_known_now(const learner *l, model m, int i, double day)
{
    if (m == MODEL_B)
        return l->known[i] ? 1.0 : 0.0;
    if (!l->learned[i])
        return l->prior_known[i] ? 1.0 : 0.0;
    return md_course_fsrs_retrievability(md_course_fsrs_w, day - l->last_day[i],
                                         l->mem[i].stability);
}

static int mastered(const learner *l, model m, double day)
{
    for (int i = 0; i < N_ITEMS; i++)
        if (p_known_now(l, m, i, day) < (m == MODEL_A ? 0.9 : 1.0))
            return 0;
    return 1;
}

/* One question on item i at time day: returns 1 when answered right; the learner then sees the
 * answer. */
static int ask(learner *l, model m, int i, double day, rng *r)
{
    int right = 0;
    if (m == MODEL_A) {
        double known = p_known_now(l, m, i, day) * 0.95;
        right = uni(r) < known + (1.0 - known) * MD_COURSE_GUESS;
        double elapsed = l->learned[i] ? day - l->last_day[i] : 0.0;
        if (!l->learned[i]) {
            l->learned[i] = 1;
            l->mem[i].stability = 0.0;
        }
        md_course_fsrs_review(md_course_fsrs_w, &l->mem[i], elapsed,
                              right ? MD_FSRS_GOOD : MD_FSRS_AGAIN);
        l->last_day[i] = day;
    } else {
        right = uni(r) < (l->known[i] ? 0.95 : MD_COURSE_GUESS);
        if (!l->known[i] && uni(r) < 0.15 + 0.25 * sigmoid(l->ability - l->d[i]))
            l->known[i] = 1;
    }
    return right;
}

static void next_day(learner *l, model m, rng *r)
{
    if (m == MODEL_B)
        for (int i = 0; i < N_ITEMS; i++)
            if (l->known[i] && uni(r) < 0.08)
                l->known[i] = 0;
}

typedef struct result {
    double mean, ci95;
    int n_mastered;
    double success; /* share of right answers over every question asked */
} result;

static result run(model m, selector sel, uint64_t seed)
{
    rng r = {seed};
    md_course_stat pooled[N_ITEMS];
    for (int i = 0; i < N_ITEMS; i++) {
        pooled[i].difficulty = -1.5 + 0.5 * (k_levels[i] - 1); /* as the plugin starts */
        pooled[i].count = 0;
    }
    double sum = 0.0, sum2 = 0.0;
    int n_mastered = 0;
    long n_asked = 0, n_right = 0;
    static learner l;
    for (int n = 0; n < N_LEARNERS; n++) {
        learner_init(&l, &r);
        double skill = md_course_level_skill(0);
        uint32_t n_skill = 0;
        int q = 0, fixed_next = 0, last = -1, done = 0;
        for (int day = 0; day < MAX_DAYS && !done; day++) {
            /* a visit: the plugin's session state starts fresh (the code carries the level) */
            int recent[N_ITEMS], wrong[N_ITEMS], right[N_ITEMS];
            for (int i = 0; i < N_ITEMS; i++)
                recent[i] = -1, wrong[i] = right[i] = 0;
            for (int t = 0; t < PER_DAY; t++) {
                double now = day + t * 15.0 / 86400.0; /* 15 s a question */
                if (mastered(&l, m, now)) {
                    done = 1;
                    break;
                }
                int i = 0;
                if (sel == SEL_ADAPTIVE) {
                    double diff[N_ITEMS];
                    for (int k = 0; k < N_ITEMS; k++)
                        diff[k] = pooled[k].difficulty;
                    i = md_course_select_round(skill, diff, recent, wrong, right, N_ITEMS, t, day);
                } else if (sel == SEL_FIXED) {
                    i = fixed_next;
                    fixed_next = (fixed_next + 1) % N_ITEMS;
                } else {
                    do
                        i = (int)(uni(&r) * N_ITEMS);
                    while (i == last);
                }
                last = i;
                recent[i] = t;
                int ok = ask(&l, m, i, now, &r);
                n_asked++;
                n_right += ok;
                if (ok)
                    right[i]++;
                else
                    wrong[i]++;
                md_course_elo_update(&skill, &n_skill, &pooled[i].difficulty, &pooled[i].count, ok);
                q++;
            }
            if (!done)
                next_day(&l, m, &r);
            /* the code carries the level, not the exact skill */
            skill = md_course_level_skill(md_course_skill_level(skill));
            if (n_skill > 10)
                n_skill = 10;
        }
        if (!done && mastered(&l, m, MAX_DAYS))
            done = 1;
        if (done)
            n_mastered++;
        else
            q = MAX_Q;
        sum += q;
        sum2 += (double)q * q;
    }
    result res;
    res.mean = sum / N_LEARNERS;
    double var = (sum2 - sum * sum / N_LEARNERS) / (N_LEARNERS - 1);
    res.ci95 = 1.96 * sqrt(var > 0 ? var : 0) / sqrt((double)N_LEARNERS);
    res.n_mastered = n_mastered;
    res.success = n_asked ? (double)n_right / (double)n_asked : 0.0;
    return res;
}

int main(void)
{
    clock_t t0 = clock();
    printf("# courseware: questions to master a 20-item deck (10 a day, at most %d), %d learners "
           "per cell, mean and 95%% CI\n",
           MAX_Q, N_LEARNERS);
    for (int m = 0; m < N_MODEL; m++)
        for (int s = 0; s < N_SEL; s++) {
            result res = run((model)m, (selector)s, 0x5EED0000u + (uint64_t)m * 7919);
            printf("bench courseware_%s_%s_items %.1f items (95%% CI %.1f-%.1f; mastered %d of "
                   "%d)\n",
                   k_model[m], k_sel[s], res.mean, res.mean - res.ci95, res.mean + res.ci95,
                   res.n_mastered, N_LEARNERS);
            printf("bench courseware_%s_%s_success %.3f share (aim 0.75 for adaptive)\n",
                   k_model[m], k_sel[s], res.success);
        }
    printf("bench courseware_sim_cpu %.2f s\n", (double)(clock() - t0) / CLOCKS_PER_SEC);
    return 0;
}
