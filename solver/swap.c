/*
 * swap.c - a swap of sessions between two specialists in a published
 * roster, checked against every hard rule through the rules' own tests of
 * a move (rules/), so the answer is the solver's: either the roster as
 * published with exactly those sessions exchanged, or the rule that
 * forbids it, in words.
 */
#include "rules/rule.h"
#include "solver_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Puts the published roster into st, as published. */
static void load_published(struct state *st, const struct or_previous *prev)
{
    const struct rules *r = st->r;
    for (size_t i = 0; i < prev->n; i++) {
        size_t u = r->unit_of[prev->occurrence[i]];
        int s = prev->specialist[i];
        if (s >= 0 && !st->x[u * r->ns + (size_t)s])
            state_set(st, u, s, true);
    }
}

/* Gives every unit in `units` (n) that `from` holds to `to`, checking each
 * move with every rule; false with the reason in diags when one forbids. */
static bool hand_over(struct state *st, const size_t *units, size_t n, int from, int to,
                      struct or_diags *diags)
{
    const struct rules *r = st->r;
    const struct or_department *dept = r->dept;
    for (size_t i = 0; i < n; i++) {
        size_t u = units[i];
        char what[256], words[256];
        occ_words(r, r->units[u].occ[0], what, sizeof(what));
        if (st->x[u * r->ns + (size_t)to]) {
            or_diags_add(diags, OR_ERROR, (or_pos){0},
                         "%s already works %s; a swap exchanges sessions between two people",
                         dept->specialists[to].name, what);
            return false;
        }
        unsigned why = state_explain(st, u, to, words, sizeof(words));
        if (!why && !r->can[u * r->ns + (size_t)to])
            why = OR_WHY_SKILL; /* not eligible for every occurrence of a week block */
        if (why) {
            or_diags_add(diags, OR_ERROR, (or_pos){0},
                         "%s cannot take %s from %s: %s (%s); the swap is not made",
                         dept->specialists[to].name, what, dept->specialists[from].name,
                         or_why_text(why), words[0] ? words : or_why_code(why));
            return false;
        }
        state_set(st, u, to, true);
    }
    return true;
}

/* What `holds` of each rule says for s after the swap (a run cut short, a
 * campus split out of balance): the first rule that no longer holds. */
static bool still_holds(const struct state *st, int s, struct or_diags *diags)
{
    size_t n;
    const struct rule *const *list = rule_list(&n);
    for (size_t i = 0; i < n; i++) {
        if (list[i]->holds && !list[i]->holds(st, s)) {
            or_diags_add(diags, OR_ERROR, (or_pos){0},
                         "after the swap %s would break rule %s of docs/model.md (%s); the swap "
                         "is not made",
                         st->r->dept->specialists[s].name, list[i]->id,
                         strcmp(list[i]->id, "H7") == 0 ? "the campus split"
                                                        : "their runs of days");
            return false;
        }
    }
    return true;
}

/* The units specialist s holds among the occurrences starting on `day`. */
static size_t units_on(const struct state *st, int s, or_day day, size_t *out)
{
    const struct rules *r = st->r;
    size_t n = 0;
    for (size_t o = 0; o < r->cal->nocc; o++) {
        size_t u = r->unit_of[o];
        if (r->cal->occ[o].day != day || !st->x[u * r->ns + (size_t)s])
            continue;
        bool seen = false;
        for (size_t k = 0; k < n; k++)
            seen = seen || out[k] == u;
        if (!seen)
            out[n++] = u;
    }
    return n;
}

int or_swap(struct or_roster **out, const struct or_department *dept, const struct or_calendar *cal,
            const struct or_previous *prev, int a, or_day day_a, int b, or_day day_b,
            struct or_diags *diags)
{
    *out = NULL;
    struct rules r;
    if (rules_build(&r, dept, cal, diags) != 0)
        return -1;
    struct state st;
    struct or_roster *roster = NULL;
    size_t *give = malloc(nz(r.nunits) * sizeof(*give)),
           *take = malloc(nz(r.nunits) * sizeof(*take));
    int rc = -1;
    if (!give || !take || state_init(&st, &r) != 0) {
        or_diags_add(diags, OR_ERROR, (or_pos){0}, "out of memory");
        free(give);
        free(take);
        rules_free(&r);
        return -1;
    }
    load_published(&st, prev);
    char when[11];
    size_t ngive = units_on(&st, a, day_a, give);
    size_t ntake = day_b >= 0 ? units_on(&st, b, day_b, take) : 0;
    if (ngive == 0) {
        or_diags_add(diags, OR_ERROR, (or_pos){0},
                     "%s works no session starting on %s in the published roster; give a date of "
                     "theirs",
                     dept->specialists[a].name, or_day_format(day_a, when));
        goto out;
    }
    if (day_b >= 0 && ntake == 0) {
        or_diags_add(diags, OR_ERROR, (or_pos){0},
                     "%s works no session starting on %s in the published roster; give a date of "
                     "theirs",
                     dept->specialists[b].name, or_day_format(day_b, when));
        goto out;
    }
    /* Both give up theirs first, then each takes the other's. */
    for (size_t i = 0; i < ngive; i++)
        state_set(&st, give[i], a, false);
    for (size_t i = 0; i < ntake; i++)
        state_set(&st, take[i], b, false);
    if (!hand_over(&st, give, ngive, a, b, diags) || !hand_over(&st, take, ntake, b, a, diags) ||
        !still_holds(&st, a, diags) || !still_holds(&st, b, diags))
        goto out;
    roster = calloc(1, sizeof(*roster));
    if (!roster || fill_roster(roster, &r, st.x, true, HUGE_VAL, NULL) != 0) {
        or_diags_add(diags, OR_ERROR, (or_pos){0}, "out of memory");
        or_roster_free(roster);
        roster = NULL;
        goto out;
    }
    /* Not a search: the published roster with one exchange. */
    roster->objective = or_soft_objective(dept, &roster->soft);
    roster->bound = -HUGE_VAL;
    roster->gap = HUGE_VAL;
    roster->status = OR_SOLVE_SWAPPED;
    *out = roster;
    rc = 0;
out:
    state_free(&st);
    free(give);
    free(take);
    rules_free(&r);
    return rc;
}
