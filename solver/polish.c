/*
 * polish.c - local search on a roster that meets every hard rule: single
 * units moved from one specialist to another, added or dropped, two units
 * of one day swapped between two specialists, and, once these gain
 * nothing, units traded across days; each move kept only when every hard
 * rule still holds and the roster costs less.
 *
 * The constructive roster places units greedily, one at a time, and leaves
 * much that one move repairs: a wish broken where a colleague could have
 * taken the session, a specialist above their fair share beside one below
 * it.  The neighbourhood search would spend its first seconds on these; a
 * move here is priced in microseconds from running totals, so thousands
 * are tried per second.
 *
 * The cost of a move is the change in the objective of rules_evaluate(),
 * computed only over what the move touches: the units moved, and for each
 * specialist involved their fair bands, minimum time, series held and
 * campus changes on the days around the units.  The hard rules are those
 * of the constructive roster: state_why_not() for what a specialist takes
 * on, and the minimum runs and campus split checked again on the result.
 */
#include "rules/rule.h"

#include <stdlib.h>
#include <string.h>

struct polish {
    struct state *st;
    const struct rules *r;
    size_t ns, nu, nd;
    size_t *order;      /* nu: units in the order of a pass */
    size_t *by_day;     /* units by their first day */
    size_t *first_unit; /* nd + 1: where each day starts in by_day */
    int *scratch;       /* series and days touched by a move */
    size_t nscratch;
    size_t *mine;       /* units held by each specialist at the start of a pass */
    size_t *first_mine; /* ns + 1: where each specialist starts in mine */
    size_t nmine;       /* room in mine */
    size_t *fill;       /* ns: a cursor per specialist while listing */
    bool trades;        /* whether this pass tries trades across days */
    unsigned rng;
};

static unsigned next_random(struct polish *p)
{
    return xorshift32(&p->rng);
}

static int day_index(const struct rules *r, size_t o)
{
    return (int)(r->cal->occ[o].day - r->cal->first);
}

/* Takes unit u on or off for s, with the running totals (state_set). */
static void toggle(struct polish *p, size_t u, int s, bool on)
{
    state_set(p->st, u, s, on);
}

/* The part of the objective that units `units` and specialists `spec` can
 * change (rules_move_cost), in the search's scratch. */
static long local_cost(struct polish *p, const int *spec, int nspec, const size_t *units,
                       int nunits)
{
    return rules_move_cost(p->st, spec, nspec, units, nunits, p->scratch, p->nscratch);
}

/* The rules a move can break that state_why_not() does not see: minimum
 * runs after giving a day up, and the campus split. */
static bool still_holds(struct polish *p, int s)
{
    return state_rules_hold(p->st, s);
}

/* Whether s may take u in the current state, with the minimum runs left to
 * still_holds() (a swap may shorten a run that the other unit restores). */
static bool may_take(struct polish *p, size_t u, int s)
{
    bool relax = p->st->relax_runs;
    p->st->relax_runs = true;
    unsigned why = state_why_not(p->st, u, s);
    p->st->relax_runs = relax;
    return why == 0;
}

/* Unit u from s to t (s or t may be -1: a unit added or dropped); kept
 * when it lowers the cost and every rule holds.  Returns the gain. */
static long try_move(struct polish *p, size_t u, int s, int t)
{
    int spec[2] = {-1, -1}, nspec = 0;
    if (s >= 0)
        spec[nspec++] = s;
    if (t >= 0)
        spec[nspec++] = t;
    long before = local_cost(p, spec, nspec, &u, 1);
    if (s >= 0)
        toggle(p, u, s, false);
    if (t >= 0)
        toggle(p, u, t, true);
    long gain = before - local_cost(p, spec, nspec, &u, 1);
    bool keep = gain > 0;
    if (keep && t >= 0) {
        toggle(p, u, t, false);
        keep = may_take(p, u, t);
        toggle(p, u, t, true);
    }
    for (int k = 0; k < nspec && keep; k++)
        keep = still_holds(p, spec[k]);
    if (keep)
        return gain;
    if (t >= 0)
        toggle(p, u, t, false);
    if (s >= 0)
        toggle(p, u, s, true);
    return 0;
}

/* s gives u1 to t and takes u2 from t; kept as try_move(). */
static long try_swap(struct polish *p, size_t u1, int s, size_t u2, int t)
{
    int spec[2] = {s, t};
    size_t units[2] = {u1, u2};
    long before = local_cost(p, spec, 2, units, 2);
    toggle(p, u1, s, false);
    toggle(p, u2, t, false);
    toggle(p, u1, t, true);
    toggle(p, u2, s, true);
    long gain = before - local_cost(p, spec, 2, units, 2);
    bool keep = gain > 0;
    if (keep) {
        toggle(p, u1, t, false);
        toggle(p, u2, s, false);
        keep = may_take(p, u1, t) && may_take(p, u2, s);
        toggle(p, u1, t, true);
        toggle(p, u2, s, true);
    }
    keep = keep && still_holds(p, s) && still_holds(p, t);
    if (keep)
        return gain;
    toggle(p, u1, t, false);
    toggle(p, u2, s, false);
    toggle(p, u1, s, true);
    toggle(p, u2, t, true);
    return 0;
}

/* Trades of u, held by s, against a unit of another day held by someone
 * who could take u: both keep their load while wishes, series and campus
 * changes move, which no single move can do without crossing a fair band.
 * The units each holds are those of the pass's start, checked again. */
static long trades_of(struct polish *p, size_t u, int s)
{
    const struct rules *r = p->r;
    size_t ns = p->ns;
    const unsigned char *x = &p->st->x[u * ns];
    const bool *can = &r->can[u * ns];
    int d = day_index(r, r->units[u].occ[0]);
    long gain = 0;
    for (size_t t = 0; t < ns && x[s]; t++) {
        if (x[t] || !can[t])
            continue;
        for (size_t k = p->first_mine[t]; k < p->first_mine[t + 1] && x[s] && !x[t]; k++) {
            size_t v = p->mine[k], j = v * ns;
            if (day_index(r, r->units[v].occ[0]) == d || !p->st->x[j + t] || r->must[j + t] ||
                p->st->x[j + (size_t)s] || !r->can[j + (size_t)s])
                continue;
            gain += try_swap(p, u, s, v, (int)t);
        }
    }
    return gain;
}

/* Lists the units each specialist holds, for trades_of(). */
static bool list_mine(struct polish *p)
{
    size_t ns = p->ns, n = 0;
    for (size_t j = 0; j < p->nu * ns; j++)
        n += p->st->x[j] != 0;
    if (n > p->nmine) {
        size_t *grown = realloc(p->mine, n * sizeof(size_t));
        if (!grown)
            return false;
        p->mine = grown;
        p->nmine = n;
    }
    memset(p->first_mine, 0, (ns + 1) * sizeof(size_t));
    for (size_t j = 0; j < p->nu * ns; j++)
        if (p->st->x[j])
            p->first_mine[j % ns + 1]++;
    for (size_t s = 0; s < ns; s++)
        p->first_mine[s + 1] += p->first_mine[s];
    memcpy(p->fill, p->first_mine, ns * sizeof(size_t));
    for (size_t j = 0; j < p->nu * ns; j++)
        if (p->st->x[j])
            p->mine[p->fill[j % ns]++] = j / ns;
    return true;
}

/* Every move that involves unit u; returns the gain. */
static long moves_of(struct polish *p, size_t u)
{
    const struct rules *r = p->r;
    size_t ns = p->ns;
    const unsigned char *x = &p->st->x[u * ns];
    const bool *can = &r->can[u * ns], *must = &r->must[u * ns];
    const struct unit *un = &r->units[u];
    long gain = 0;
    int first = (int)(next_random(p) % (unsigned)ns);
    for (size_t i = 0; i < ns; i++) {
        int s = (int)(((size_t)first + i) % ns);
        if (!x[s] || must[s])
            continue;
        gain += try_move(p, u, s, -1);
        for (size_t k = 0; k < ns && x[s]; k++) {
            int t = (int)(((size_t)first + k) % ns);
            if (!x[t] && can[t])
                gain += try_move(p, u, s, t);
        }
        /* Swaps with the units of the same first day. */
        int d = day_index(r, un->occ[0]);
        for (size_t k = p->first_unit[d]; k < p->first_unit[d + 1] && x[s]; k++) {
            size_t v = p->by_day[k];
            if (v == u || p->st->x[v * ns + (size_t)s] || !r->can[v * ns + (size_t)s])
                continue;
            for (size_t j = 0; j < ns && x[s]; j++) {
                int t = (int)j;
                if (t != s && p->st->x[v * ns + j] && !r->must[v * ns + j] && !x[t] && can[t])
                    gain += try_swap(p, u, s, v, t);
            }
        }
        if (p->trades && x[s])
            gain += trades_of(p, u, s);
    }
    for (size_t i = 0; i < ns && p->st->assigned[u] < un->max_staff; i++) {
        int t = (int)(((size_t)first + i) % ns);
        if (!x[t] && can[t])
            gain += try_move(p, u, -1, t);
    }
    return gain;
}

static void polish_free(struct polish *p)
{
    free(p->order);
    free(p->by_day);
    free(p->first_unit);
    free(p->scratch);
    free(p->mine);
    free(p->first_mine);
    free(p->fill);
}

static int polish_init(struct polish *p, struct state *st, unsigned seed)
{
    const struct rules *r = st->r;
    memset(p, 0, sizeof(*p));
    p->st = st;
    p->r = r;
    p->ns = r->ns;
    p->nu = r->nunits;
    p->nd = (size_t)r->ndays;
    p->rng = seed ? seed : 0x2545f491u;
    size_t most = 1;
    for (size_t u = 0; u < p->nu; u++)
        if (r->units[u].nocc > most)
            most = r->units[u].nocc;
    p->nscratch = 2 * (2 * most * 2);
    p->order = malloc(nz(p->nu) * sizeof(size_t));
    p->by_day = malloc(nz(p->nu) * sizeof(size_t));
    p->first_unit = calloc(p->nd + 2, sizeof(size_t));
    p->scratch = malloc(p->nscratch * sizeof(int));
    p->first_mine = calloc(p->ns + 1, sizeof(size_t));
    p->fill = calloc(p->ns, sizeof(size_t));
    if (!p->first_mine || !p->fill || !p->order || !p->by_day || !p->first_unit || !p->scratch) {
        polish_free(p);
        return -1;
    }
    for (size_t u = 0; u < p->nu; u++) {
        const struct unit *un = &r->units[u];
        p->order[u] = u;
        p->first_unit[day_index(r, un->occ[0]) + 1]++;
    }
    for (size_t d = 0; d < p->nd; d++)
        p->first_unit[d + 1] += p->first_unit[d];
    size_t *fill = calloc(p->nd + 1, sizeof(size_t));
    if (!fill) {
        polish_free(p);
        return -1;
    }
    for (size_t u = 0; u < p->nu; u++) {
        size_t d = (size_t)day_index(r, r->units[u].occ[0]);
        p->by_day[p->first_unit[d] + fill[d]++] = u;
    }
    free(fill);
    return 0;
}

long state_polish(struct state *st, double deadline, unsigned seed)
{
    if (st->r->ns == 0 || st->r->nunits == 0)
        return 0; /* nobody to move, or nothing to move */
    struct polish p;
    if (polish_init(&p, st, seed) != 0)
        return -1;
    long total = 0;
    /* Passes of single moves and same-day swaps until they gain nothing,
     * then one with trades across days (far more to try), and again. */
    p.trades = false;
    for (int pass = 0; pass < 1000 && !state_must_stop(st, deadline); pass++) {
        /* A new order each pass, so that no unit always goes first. */
        for (size_t i = p.nu; i > 1; i--) {
            size_t j = next_random(&p) % i, t = p.order[i - 1];
            p.order[i - 1] = p.order[j];
            p.order[j] = t;
        }
        if (p.trades && !list_mine(&p))
            break;
        long gain = 0;
        for (size_t i = 0; i < p.nu; i++) {
            if (i % 16 == 0 && state_must_stop(st, deadline))
                break;
            gain += moves_of(&p, p.order[i]);
        }
        total += gain;
        if (gain == 0 && p.trades)
            break;
        p.trades = gain == 0;
    }
    state_order_twins(st);
    polish_free(&p);
    return total;
}
