/*
 * state.c - a roster under construction with the running totals the rules
 * read (sessions per week and month, worked days and minutes, weekends,
 * sessions per campus and activity, duties, series held, campuses per
 * day), kept up to date by state_set().
 */
#include "solver_internal.h"

#include <stdlib.h>
#include <string.h>

int state_init(struct state *st, const struct rules *r)
{
    size_t ns = r->ns, nu = r->nunits;
    size_t nw = r->cal->nweeks, nd = (size_t)r->ndays, nc = r->dept->ncampuses;
    memset(st, 0, sizeof(*st));
    st->r = r;
    st->x = calloc(nz(nu * ns), 1);
    st->assigned = calloc(nz(nu), sizeof(int));
    st->week_sessions = calloc(nz(ns * nw), sizeof(int));
    st->month_sessions = calloc(nz(ns), sizeof(int));
    st->works = calloc(nz(ns * nd), 1);
    st->campus_sessions = calloc(nz(ns * nc), sizeof(int));
    st->act_count = calloc(nz(ns * r->dept->nactivities), sizeof(int));
    st->act_units = calloc(nz(ns * r->dept->nactivities), sizeof(int));
    st->minutes = calloc(nz(ns), sizeof(int));
    st->weekends = calloc(nz(ns), sizeof(int));
    st->duties = calloc(nz(ns * NDUTIES), sizeof(int));
    st->series_held = calloc(nz(r->cal->nseries * ns), sizeof(int));
    st->at = calloc(nz(ns * nd * (nc ? nc : 1)), sizeof(int));
    if (!st->duties || !st->series_held || !st->at || !st->weekends || !st->x || !st->assigned ||
        !st->week_sessions || !st->month_sessions || !st->works || !st->campus_sessions ||
        !st->act_count || !st->act_units || !st->minutes) {
        state_free(st);
        return -1;
    }
    return 0;
}

void state_free(struct state *st)
{
    free(st->x);
    free(st->assigned);
    free(st->week_sessions);
    free(st->month_sessions);
    free(st->works);
    free(st->campus_sessions);
    free(st->act_count);
    free(st->act_units);
    free(st->minutes);
    free(st->weekends);
    free(st->duties);
    free(st->series_held);
    free(st->at);
    memset(st, 0, sizeof(*st));
}

/* Recomputes whether s works on day d from the units s holds (occurrences
 * are in order of start, so of local day: a binary search finds the day). */
static bool works_on(const struct state *st, int s, or_day d)
{
    const struct rules *r = st->r;
    size_t lo = 0, hi = r->cal->nocc;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (r->cal->occ[mid].day < d)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t o = lo; o < r->cal->nocc && r->cal->occ[o].day == d; o++)
        if (st->x[r->unit_of[o] * r->ns + (size_t)s])
            return true;
    return false;
}

void state_set(struct state *st, size_t u, int s, bool on)
{
    const struct rules *r = st->r;
    size_t ns = r->ns, nw = r->cal->nweeks, nd = (size_t)r->ndays, nc = r->dept->ncampuses;
    unsigned char *x = &st->x[u * ns + (size_t)s];
    if (*x == on)
        return;
    *x = on;
    int sign = on ? 1 : -1;
    const struct unit *un = &r->units[u];
    st->assigned[u] += sign;
    st->act_count[(size_t)s * r->dept->nactivities + (size_t)un->activity] += sign * (int)un->nocc;
    st->act_units[(size_t)s * r->dept->nactivities + (size_t)un->activity] += sign;
    st->minutes[s] += sign * un->minutes;
    for (size_t i = 0; i < un->nocc; i++) {
        size_t o = un->occ[i];
        int sess = occ_activity(r, o)->sessions;
        st->week_sessions[(size_t)s * nw + (size_t)r->cal->occ[o].week] += sign * sess;
        st->month_sessions[s] += sign * sess;
        st->campus_sessions[(size_t)s * nc + (size_t)un->campus] += sign * sess;
        for (int k = 0; k < NDUTIES; k++)
            st->duties[(size_t)s * NDUTIES + (size_t)k] +=
                sign * rules_duty_count(r, o, (enum duty)k);
        const struct or_activity *a = occ_activity(r, o);
        if (a->continuity == OR_CONTINUITY_SERIES)
            st->series_held[(size_t)r->cal->occ[o].series * ns + (size_t)s] += sign;
        size_t d = (size_t)(r->cal->occ[o].day - r->cal->first);
        st->at[((size_t)s * nd + d) * (nc ? nc : 1) + (size_t)a->campus.index] += sign;
        const unsigned char *w = &st->works[(size_t)s * nd];
        long sat = (long)(r->cal->weeks[r->cal->occ[o].week].monday + 5 - r->cal->first);
        bool weekend = r->cal->occ[o].weekend;
#define WEEKEND_WORKED                                                                             \
    ((sat >= 0 && sat < (long)nd && w[sat]) || (sat + 1 >= 0 && sat + 1 < (long)nd && w[sat + 1]))
        bool before = weekend && WEEKEND_WORKED;
        st->works[(size_t)s * nd + d] = on ? 1 : works_on(st, s, r->cal->occ[o].day);
        if (weekend)
            st->weekends[s] += (int)(WEEKEND_WORKED) - (int)before;
#undef WEEKEND_WORKED
    }
}

/* Ranks twins by sessions, most first; ties keep their order in the chain. */
struct twin_rank {
    int sessions;
    size_t at;
};

static int by_sessions_then_chain(const void *pa, const void *pb)
{
    const struct twin_rank *a = pa, *b = pb;
    if (a->sessions != b->sessions)
        return a->sessions > b->sessions ? -1 : 1;
    return a->at < b->at ? -1 : a->at > b->at;
}

/* Gives each class of interchangeable specialists its rosters in the order
 * the symmetry rows ask for: most sessions first.  Swapping whole rosters
 * between twins keeps every rule, since the rules see them alike.  A class
 * may hold a thousand specialists: their rosters are sorted once, each
 * assignment moved once. */
void state_order_twins(struct state *st)
{
    const struct rules *r = st->r;
    size_t ns = r->ns, nu = r->nunits;
    bool *tail = calloc(ns ? ns : 1, sizeof(bool));
    int *member = malloc((ns ? ns : 1) * sizeof(int));
    struct twin_rank *rank = malloc((ns ? ns : 1) * sizeof(*rank));
    unsigned char *old = malloc(ns ? ns : 1);
    if (!tail || !member || !rank || !old)
        goto out; /* an order that only spares search time */
    for (size_t s = 0; s < ns; s++)
        if (r->twin[s] >= 0)
            tail[r->twin[s]] = true;
    for (size_t head = 0; head < ns; head++) {
        if (tail[head] || r->twin[head] < 0)
            continue;
        size_t k = 0;
        bool sorted = true;
        for (int a = (int)head; a >= 0; a = r->twin[a]) {
            member[k] = a;
            rank[k] = (struct twin_rank){st->month_sessions[a], k};
            sorted = sorted && (k == 0 || rank[k - 1].sessions >= rank[k].sessions);
            k++;
        }
        if (sorted)
            continue;
        qsort(rank, k, sizeof(*rank), by_sessions_then_chain);
        /* member[i] takes over the roster of member[rank[i].at]. */
        for (size_t u = 0; u < nu; u++) {
            bool differ = false;
            for (size_t i = 0; i < k; i++)
                old[i] = st->x[u * ns + (size_t)member[i]];
            for (size_t i = 0; i < k && !differ; i++)
                differ = old[i] != old[rank[i].at];
            if (!differ)
                continue;
            for (size_t i = 0; i < k; i++)
                if (old[i] && !old[rank[i].at])
                    state_set(st, u, member[i], false);
            for (size_t i = 0; i < k; i++)
                if (!old[i] && old[rank[i].at])
                    state_set(st, u, member[i], true);
        }
    }
out:
    free(tail);
    free(member);
    free(rank);
    free(old);
}
