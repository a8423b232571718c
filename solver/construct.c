/*
 * construct.c - the constructive roster: must pins first, then the units
 * with the fewest candidates, each to the specialist who may take it
 * (state_why_not: every rule's move test) and scores best; minimum runs
 * repaired, specialists short of their minimum time planned again day by
 * day, and the campus split repaired at the end.  It meets every hard rule
 * whenever it returns.
 */
#include "solver_internal.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Lower is better: load against target, continuity, wishes, campus moves. */
static double score(const struct state *st, size_t u, int s, const int *series_holder)
{
    const struct rules *r = st->r;
    const struct or_specialist *sp = &r->dept->specialists[s];
    double weeks = (double)r->ndays / 7.0;
    double target = sp->target_week * weeks;
    double sc = 100.0 * (st->month_sessions[s] + r->units[u].sessions) / (target > 1 ? target : 1);
    size_t o = r->units[u].occ[0];
    int series = r->cal->occ[o].series;
    if (occ_activity(r, o)->continuity == OR_CONTINUITY_SERIES && series_holder &&
        series_holder[(size_t)series * r->ns + (size_t)s])
        sc -= 40;
    sc += 5.0 * r->wish_cost[u * r->ns + (size_t)s];
    if (st->minutes[s] < sp->min_minutes)
        sc -= 100; /* each hour short costs like an unfilled place */
    if (r->keep)   /* S6: what was published first */
        sc -= 1000.0 * r->keep[u * r->ns + (size_t)s];
    return sc;
}

static void fill(struct state *st, const size_t *order, int *series_holder, bool skip_split)
{
    const struct rules *r = st->r;
    size_t ns = r->ns;
    for (size_t i = 0; i < r->nunits; i++) {
        size_t u = order[i];
        const struct unit *un = &r->units[u];
        if (i % 64 == 0 && state_must_stop(st, st->deadline))
            return;
        while (st->assigned[u] < un->min_staff) {
            int best = -1;
            double best_score = 0;
            for (size_t s = 0; s < ns; s++) {
                if (st->x[u * ns + s] || !r->can[u * ns + s])
                    continue;
                if (skip_split && r->dept->specialists[s].nsplit)
                    continue;
                if (state_why_not(st, u, (int)s) != 0)
                    continue;
                double sc = score(st, u, (int)s, series_holder);
                if (best < 0 || sc < best_score) {
                    best = (int)s;
                    best_score = sc;
                }
            }
            if (best < 0)
                break;
            state_set(st, u, best, true);
            if (series_holder && un->nocc == 1)
                series_holder[(size_t)r->cal->occ[un->occ[0]].series * ns + (size_t)best] = 1;
        }
    }
}

static const struct rules *sort_rules;
static const int *sort_candidates;

static int compare_units(const void *pa, const void *pb)
{
    size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
    if (sort_candidates[a] != sort_candidates[b])
        return sort_candidates[a] < sort_candidates[b] ? -1 : 1;
    time_t ta = sort_rules->cal->occ[sort_rules->units[a].occ[0]].start;
    time_t tb = sort_rules->cal->occ[sort_rules->units[b].occ[0]].start;
    return ta < tb ? -1 : ta > tb ? 1 : (a < b ? -1 : a > b);
}

/* Gives up the units s holds on days [a, b] (must pins stay); returns
 * whether anything was given up. */
static bool drop_days(struct state *st, int s, int a, int b)
{
    const struct rules *r = st->r;
    bool dropped = false;
    for (size_t u = 0; u < r->nunits; u++) {
        if (!st->x[u * r->ns + (size_t)s] || r->must[u * r->ns + (size_t)s])
            continue;
        const struct unit *un = &r->units[u];
        for (size_t i = 0; i < un->nocc; i++) {
            int d = r->cal->occ[un->occ[i]].day - r->cal->first;
            if (d >= a && d <= b) {
                state_set(st, u, s, false);
                dropped = true;
                break;
            }
        }
    }
    return dropped;
}

/* Makes s's runs meet the minimums by giving up work: a run of work too
 * short goes; a run of days off too short takes the shorter run of work
 * beside it with it (or the other, when must pins hold the shorter).  Each
 * step removes work, so it ends; runs that must pins hold stay as they are
 * (the program then has to extend them, or finds the pins contradictory). */
static void repair_runs(struct state *st, int s)
{
    const struct rules *r = st->r;
    const struct or_specialist *sp = &r->dept->specialists[s];
    int nd = r->ndays;
    const unsigned char *w = &st->works[(size_t)s * (size_t)nd];
    for (int guard = 0; guard < nd && !rules_runs_ok(r, s, w); guard++) {
        for (int d = 0; d < nd;) {
            int e = d;
            while (e + 1 < nd && w[e + 1] == w[d])
                e++;
            int need = w[d] ? sp->min_consecutive : sp->min_days_off;
            bool dropped = false;
            if (d > 0 && e < nd - 1 && e - d + 1 < need) {
                if (w[d]) {
                    dropped = drop_days(st, s, d, e);
                } else {
                    /* The work runs on both sides: drop the shorter. */
                    int a = d - 1, b = e + 1;
                    while (a > 0 && w[a - 1])
                        a--;
                    while (b < nd - 1 && w[b + 1])
                        b++;
                    if (d - a <= b - e)
                        dropped = drop_days(st, s, a, d - 1) || drop_days(st, s, e + 1, b);
                    else
                        dropped = drop_days(st, s, e + 1, b) || drop_days(st, s, a, d - 1);
                }
            }
            if (dropped)
                break; /* the runs changed: scan again */
            d = e + 1;
        }
    }
}

/* The cost of one more specialist on unit u: nothing while it lacks staff,
 * else its over weight; plus s's wish cost. */
static long extra_cost(const struct state *st, size_t u, int s)
{
    const struct rules *r = st->r;
    const struct unit *un = &r->units[u];
    long c = st->assigned[u] < un->min_staff ? -(long)un->under : (long)un->over;
    return c + r->wish_cost[u * r->ns + (size_t)s];
}

/* Of the n units in `units`, the one s may take now where one more
 * specialist costs least; r->nunits when none. */
static size_t cheapest_unit(const struct state *st, int s, const size_t *units, size_t n)
{
    const struct rules *r = st->r;
    size_t ns = r->ns, best = r->nunits;
    long best_cost = 0;
    for (size_t i = 0; i < n; i++) {
        size_t u = units[i];
        if (st->x[u * ns + (size_t)s] || !r->can[u * ns + (size_t)s] ||
            st->assigned[u] >= r->units[u].max_staff)
            continue;
        long c = extra_cost(st, u, s);
        if ((best == r->nunits || c < best_cost) && state_why_not(st, u, s) == 0) {
            best = u;
            best_cost = c;
        }
    }
    return best;
}

/* ---- planning one specialist's days ---------------------------------------- */

/* A specialist's days as the planner sees them, with everyone else fixed. */
struct plan {
    int nd;
    size_t *unit;          /* per day: the unit one more day would take, or SIZE_MAX */
    double *value;         /* per day: minus its cost */
    int *minutes;          /* per day */
    unsigned char *forced; /* per day: worked already (must pins) */
    unsigned char *wk;     /* per day: 0, 1 Saturday, 2 Sunday */
    int k;                 /* run lengths are counted up to k */
    int max_run;           /* most consecutive working days, or INT_MAX */
    int min_on, min_off;
    int nw;              /* weekend counts 0 .. nw - 1 */
    bool weekends;       /* whether weekends are counted (a limit below their number) */
    double *score;       /* two layers of states */
    int *from;           /* nd x states: the state of the day before, -1 = none */
    unsigned char *work; /* per day: the plan */
};

static int plan_states(const struct plan *p)
{
    return 2 * p->k * 2 * p->nw;
}

static int plan_index(const struct plan *p, int on, int len, int ex, int w)
{
    return ((on * p->k + (len - 1)) * 2 + ex) * p->nw + w;
}

static void plan_relax(double *next, int *from, int to, double v, int src)
{
    if (v > next[to]) {
        next[to] = v;
        from[to] = src;
    }
}

/* The best days to work at `lambda` per minute worked, under the runs and
 * the weekend limit; returns the minutes planned (-1: no plan meets the
 * rules, which pins can cause). */
static long plan_days(struct plan *p, double lambda)
{
    int n = plan_states(p), nd = p->nd;
    double *cur = p->score, *next = p->score + n;
    for (int i = 0; i < n; i++)
        cur[i] = -HUGE_VAL;
    for (int d = 0; d < nd; d++) {
        int *from = &p->from[(size_t)d * (size_t)n];
        for (int i = 0; i < n; i++) {
            next[i] = -HUGE_VAL;
            from[i] = -1;
        }
        bool can_work = p->forced[d] || p->unit[d] != SIZE_MAX;
        double gain = p->forced[d] ? 0 : p->value[d] + lambda * p->minutes[d];
        if (d == 0) {
            /* Runs that touch the horizon's start are exempt. */
            int w = p->weekends && p->wk[0] != 0;
            if (can_work && w < p->nw)
                plan_relax(next, from, plan_index(p, 1, 1, 1, w), gain, n);
            if (!p->forced[0])
                plan_relax(next, from, plan_index(p, 0, 1, 1, 0), 0, n);
        }
        for (int i = 0; d > 0 && i < n; i++) {
            if (cur[i] == -HUGE_VAL)
                continue;
            int w = i % p->nw, ex = (i / p->nw) % 2, len = (i / (2 * p->nw)) % p->k + 1;
            int on = i / (2 * p->nw * p->k);
            /* Work on d. */
            if (can_work) {
                int nlen = on ? len + 1 : 1;
                bool ok = on ? nlen <= p->max_run : (ex || len >= p->min_off);
                /* A Sunday after a worked Saturday is the same weekend. */
                int nw = w + (p->weekends && (p->wk[d] == 1 || (p->wk[d] == 2 && !on)));
                if (ok && nw < p->nw)
                    plan_relax(next, from,
                               plan_index(p, 1, nlen < p->k ? nlen : p->k, on ? ex : 0, nw),
                               cur[i] + gain, i);
            }
            /* Off on d. */
            if (!p->forced[d]) {
                int nlen = on ? 1 : len + 1;
                bool ok = on ? (ex || len >= p->min_on) : true;
                if (ok)
                    plan_relax(next, from,
                               plan_index(p, 0, nlen < p->k ? nlen : p->k, on ? 0 : ex, w), cur[i],
                               i);
            }
        }
        double *t = cur;
        cur = next;
        next = t;
    }
    int best = -1;
    for (int i = 0; i < n; i++)
        if (cur[i] > -HUGE_VAL && (best < 0 || cur[i] > cur[best]))
            best = i;
    if (best < 0)
        return -1;
    long minutes = 0;
    for (int d = nd - 1; d >= 0; d--) {
        int on = best / (2 * p->nw * p->k);
        p->work[d] = (unsigned char)on;
        if (on && !p->forced[d])
            minutes += p->minutes[d];
        best = p->from[(size_t)d * (size_t)n + (size_t)best];
    }
    return minutes;
}

static void plan_free(struct plan *p)
{
    free(p->unit);
    free(p->value);
    free(p->minutes);
    free(p->forced);
    free(p->wk);
    free(p->score);
    free(p->from);
    free(p->work);
}

/* Re-plans specialist s, short of their minimum worked time, as a whole:
 * with everyone else fixed, a dynamic programme over the days chooses
 * which days to work under the minimum and maximum runs and the weekend
 * limit, with a price per minute worked raised until the plan reaches the
 * minimum; then each planned day takes the unit where one more specialist
 * costs least, under every rule.  Greedy runs placed one at a time from the
 * horizon's start use up weekends and block longer patterns; on the public
 * benchmark's long horizons they left hundreds of hours short.  The new
 * plan is kept only when it leaves s less short; places it gives up are
 * filled again by others afterwards (heuristic_build).  Returns -1 out of
 * memory. */
static int plan_specialist(struct state *st, int s, const size_t *by_day, const size_t *first_unit)
{
    const struct rules *r = st->r;
    const struct or_specialist *sp = &r->dept->specialists[s];
    const struct or_calendar *cal = r->cal;
    size_t ns = r->ns, nu = r->nunits;
    int nd = r->ndays;
    struct plan p = {.nd = nd};
    int max_run = sp->max_consecutive >= 0 ? sp->max_consecutive : r->dept->rules.max_consecutive;
    p.max_run = max_run >= nd ? INT_MAX : max_run;
    p.min_on = sp->min_consecutive > 1 ? sp->min_consecutive : 1;
    p.min_off = sp->min_days_off > 1 ? sp->min_days_off : 1;
    p.k = p.min_on > p.min_off ? p.min_on : p.min_off;
    if (p.max_run != INT_MAX && p.max_run > p.k)
        p.k = p.max_run;
    p.weekends = sp->max_weekends >= 0 && (size_t)sp->max_weekends < cal->nweeks;
    p.nw = p.weekends ? sp->max_weekends + 1 : 1;
    size_t held_n = 0;
    size_t *held = malloc(nz(nu) * sizeof(size_t));
    p.unit = malloc(nz((size_t)nd) * sizeof(size_t));
    p.value = malloc(nz((size_t)nd) * sizeof(double));
    p.minutes = malloc(nz((size_t)nd) * sizeof(int));
    p.forced = calloc(nz((size_t)nd), 1);
    p.wk = calloc(nz((size_t)nd), 1);
    p.score = malloc(2 * (size_t)plan_states(&p) * sizeof(double));
    p.from = malloc(nz((size_t)nd) * (size_t)plan_states(&p) * sizeof(int));
    p.work = calloc(nz((size_t)nd), 1);
    if (!held || !p.unit || !p.value || !p.minutes || !p.forced || !p.wk || !p.score || !p.from ||
        !p.work) {
        free(held);
        plan_free(&p);
        return -1;
    }
    int short_before = sp->min_minutes - st->minutes[s];
    /* Units of one day are planned again; week blocks stay, as if pinned
     * (the plan only places units of one day). */
    for (size_t u = 0; u < nu; u++)
        if (st->x[u * ns + (size_t)s] && !r->must[u * ns + (size_t)s]) {
            held[held_n++] = u;
            if (r->units[u].nocc == 1)
                state_set(st, u, s, false);
        }
    for (size_t o = 0; o < cal->nocc; o++)
        if (cal->occ[o].weekend)
            p.wk[cal->occ[o].day - cal->first] = or_day_weekday(cal->occ[o].day) == 5 ? 1 : 2;
    const unsigned char *w = &st->works[(size_t)s * (size_t)nd];
    for (int d = 0; d < nd; d++) {
        p.forced[d] = w[d];
        size_t u = cheapest_unit(st, s, by_day + first_unit[d], first_unit[d + 1] - first_unit[d]);
        p.unit[d] = u < nu ? u : SIZE_MAX;
        p.value[d] = u < nu ? -(double)extra_cost(st, u, s) : 0;
        p.minutes[d] = u < nu ? r->units[u].minutes : 0;
    }
    /* The smallest price per minute that reaches the minimum. */
    long need = sp->min_minutes - st->minutes[s];
    double lo = 0, hi = 1;
    long got = plan_days(&p, hi);
    for (int i = 0; i < 40 && got >= 0 && got < need && !state_must_stop(st, st->deadline); i++)
        got = plan_days(&p, hi *= 4);
    for (int i = 0; i < 24 && got >= need && !state_must_stop(st, st->deadline); i++) {
        double mid = (lo + hi) / 2;
        if (plan_days(&p, mid) >= need)
            hi = mid;
        else
            lo = mid;
    }
    got = plan_days(&p, hi);
    for (int d = 0; got >= 0 && d < nd; d++) {
        if (!p.work[d] || p.forced[d])
            continue;
        size_t u = cheapest_unit(st, s, by_day + first_unit[d], first_unit[d + 1] - first_unit[d]);
        if (u < nu)
            state_set(st, u, s, true);
    }
    repair_runs(st, s);
    if (got < 0 || sp->min_minutes - st->minutes[s] >= short_before) {
        for (size_t u = 0; u < nu; u++)
            if (!r->must[u * ns + (size_t)s])
                state_set(st, u, s, false);
        for (size_t i = 0; i < held_n; i++)
            state_set(st, held[i], s, true);
    }
    free(held);
    plan_free(&p);
    return 0;
}

/* For specialists short of their minimum worked time: whole new runs of
 * min_consecutive days (at least one), each day on the unit where one more
 * specialist costs least, kept only when every rule holds with the run. */
static int place_runs(struct state *st)
{
    const struct rules *r = st->r;
    size_t ns = r->ns, nd = (size_t)r->ndays;
    size_t *first_unit = calloc(nd + 1, sizeof(size_t)); /* units by day, CSR */
    size_t *by_day = malloc(nz(r->nunits) * sizeof(size_t));
    size_t *picked = malloc(nz(nd) * sizeof(size_t));
    if (!first_unit || !by_day || !picked) {
        free(first_unit);
        free(by_day);
        free(picked);
        return -1;
    }
    for (size_t u = 0; u < r->nunits; u++)
        if (r->units[u].nocc == 1)
            first_unit[r->cal->occ[r->units[u].occ[0]].day - r->cal->first + 1]++;
    for (size_t d = 0; d < nd; d++)
        first_unit[d + 1] += first_unit[d];
    size_t *fillp = malloc(nz(nd) * sizeof(size_t));
    if (!fillp) {
        free(first_unit);
        free(by_day);
        free(picked);
        return -1;
    }
    memcpy(fillp, first_unit, nd * sizeof(size_t));
    for (size_t u = 0; u < r->nunits; u++)
        if (r->units[u].nocc == 1)
            by_day[fillp[r->cal->occ[r->units[u].occ[0]].day - r->cal->first]++] = u;
    free(fillp);
    for (size_t s = 0; s < ns && !state_must_stop(st, st->deadline); s++) {
        const struct or_specialist *sp = &r->dept->specialists[s];
        if (sp->min_minutes <= 0)
            continue;
        size_t len = sp->min_consecutive > 1 ? (size_t)sp->min_consecutive : 1;
        const unsigned char *w = &st->works[s * nd];
        for (size_t d0 = 0; d0 + len <= nd && st->minutes[s] < sp->min_minutes; d0++) {
            bool clear = true;
            for (size_t k = 0; k < len; k++)
                clear = clear && !w[d0 + k];
            if (!clear)
                continue;
            size_t k = 0;
            for (; k < len; k++) {
                size_t best = cheapest_unit(st, (int)s, by_day + first_unit[d0 + k],
                                            first_unit[d0 + k + 1] - first_unit[d0 + k]);
                if (best == r->nunits)
                    break;
                state_set(st, best, (int)s, true);
                picked[k] = best;
            }
            if (k == len && rules_runs_ok(r, (int)s, w)) {
                d0 += len; /* and a day off at least */
                continue;
            }
            while (k-- > 0)
                state_set(st, picked[k], (int)s, false);
        }
        /* Then longer runs: any day that keeps every rule, runs included. */
        st->relax_runs = false;
        for (size_t d = 0; d < nd && st->minutes[s] < sp->min_minutes; d++) {
            if (w[d])
                continue;
            size_t best = cheapest_unit(st, (int)s, by_day + first_unit[d],
                                        first_unit[d + 1] - first_unit[d]);
            if (best < r->nunits)
                state_set(st, best, (int)s, true);
        }
        st->relax_runs = true;
        if (st->minutes[s] < sp->min_minutes &&
            plan_specialist(st, (int)s, by_day, first_unit) != 0) {
            free(first_unit);
            free(by_day);
            free(picked);
            return -1;
        }
    }
    free(first_unit);
    free(by_day);
    free(picked);
    return 0;
}

/* Whether s can give up unit u without breaking a minimum run. */
static bool drop_keeps_runs(struct state *st, size_t u, int s)
{
    const struct rules *r = st->r;
    const struct or_specialist *sp = &r->dept->specialists[s];
    if (sp->min_consecutive <= 1 && sp->min_days_off <= 1)
        return true;
    state_set(st, u, s, false);
    bool ok = rules_runs_ok(r, s, &st->works[(size_t)s * (size_t)r->ndays]);
    state_set(st, u, s, true);
    return ok;
}

int heuristic_build(struct state *st, double deadline)
{
    st->deadline = deadline;
    const struct rules *r = st->r;
    size_t ns = r->ns, nu = r->nunits;
    size_t *order = malloc((nz(nu)) * sizeof(size_t));
    int *candidates = calloc(nz(nu), sizeof(int));
    int *series_holder = calloc(nz(r->cal->nseries * ns), sizeof(int));
    if (!order || !candidates || !series_holder) {
        free(order);
        free(candidates);
        free(series_holder);
        return -1;
    }
    /* H8 first: every must pin. */
    for (size_t u = 0; u < nu; u++)
        for (size_t s = 0; s < ns; s++)
            if (r->must[u * ns + s])
                state_set(st, u, (int)s, true);
    for (size_t u = 0; u < nu; u++) {
        order[u] = u;
        for (size_t s = 0; s < ns; s++)
            candidates[u] += r->can[u * ns + s];
        /* Week blocks and multi-session units are harder to place. */
        candidates[u] = candidates[u] * 4 / (int)(r->units[u].nocc > 1 ? 4 + r->units[u].nocc : 4);
    }
    sort_rules = r;
    sort_candidates = candidates;
    qsort(order, nu, sizeof(size_t), compare_units);
    /* Minimum runs bar any isolated first day, so the first pass places
     * work without them, then each specialist's runs are repaired and the
     * holes filled again with them. */
    bool runs = false;
    for (size_t s = 0; s < ns; s++)
        runs = runs || r->dept->specialists[s].min_consecutive > 1 ||
               r->dept->specialists[s].min_days_off > 1;
    st->relax_runs = runs;
    fill(st, order, series_holder, false);
    st->relax_runs = false;
    if (runs) {
        for (size_t s = 0; s < ns; s++)
            repair_runs(st, (int)s);
        fill(st, order, series_holder, false);
    }
    /* Minimum worked time: each specialist below it gets whole runs. The
     * runs are checked strictly; the weekly checks of why_not relaxed. */
    st->relax_runs = true;
    int placed = place_runs(st);
    st->relax_runs = false;
    /* A specialist planned again may have left places others can take. */
    if (placed == 0)
        fill(st, order, series_holder, false);
    if (placed != 0) {
        free(order);
        free(candidates);
        free(series_holder);
        return -1;
    }

    /* H7: take back sessions from specialists outside their split, then let
     * others fill what that freed. */
    bool repaired = false;
    for (size_t s = 0; s < ns; s++) {
        int campus;
        bool too_many;
        for (int guard = 0; guard < 10000 && !rules_split_check(st, (int)s, &campus, &too_many);
             guard++) {
            /* Drop the latest unit that makes it worse. */
            size_t drop = nu;
            for (size_t u = nu; u-- > 0;) {
                if (!st->x[u * ns + s] || r->must[u * ns + s])
                    continue;
                bool here = r->units[u].campus == campus;
                if (here == too_many && drop_keeps_runs(st, u, (int)s)) {
                    drop = u;
                    break;
                }
            }
            if (drop == nu)
                break;
            state_set(st, drop, (int)s, false);
            repaired = true;
        }
    }
    if (repaired)
        fill(st, order, series_holder, true);
    state_order_twins(st);
    free(order);
    free(candidates);
    free(series_holder);
    return 0;
}
