/*
 * capacity.c - the capacity forecast: per calendar week, for all campuses,
 * each campus and each required skill, the staff-sessions demanded against
 * those the eligible and available specialists can give within their weekly
 * maximum, and every occurrence that too few people can take.  It counts
 * the rest after a session (a night keeps the next morning free) but
 * ignores travel, successions and continuity, so it is an optimistic bound:
 * a week short here is short in every roster.
 */
#include "scheduler.h"

#include <stdlib.h>
#include <string.h>

void or_capacity_free(struct or_capacity *cap)
{
    if (!cap)
        return;
    for (size_t i = 0; i < cap->nuncoverable; i++)
        free(cap->uncoverable[i].blocks);
    free(cap->uncoverable);
    free(cap->rows);
    free(cap);
}

/* Filters for one forecast row. */
struct filter {
    int campus; /* -1 = any */
    int skill;  /* -1 = any */
};

static bool occ_matches(const struct or_department *dept, const struct or_occurrence *o,
                        struct filter f)
{
    const struct or_activity *a = &dept->activities[o->activity];
    if (f.campus >= 0 && a->campus.index != f.campus)
        return false;
    if (f.skill >= 0) {
        for (size_t k = 0; k < a->nskills; k++)
            if (a->skills[k].index == f.skill)
                return true;
        return false;
    }
    return true;
}

/* Most sessions one specialist can give from the occurrences in idx[0..n)
 * (one week's): weighted interval scheduling, each occurrence held from its
 * start to the end of the rest after it (H5), since nobody works two
 * overlapping sessions or one within the rest after another.  Sorts idx by
 * that end; memo[i] is the best over the first i+1 occurrences. */
static const struct or_calendar *sort_cal;

static time_t held_until(const struct or_calendar *cal, size_t o)
{
    return cal->occ[o].end + (time_t)cal->dept->activities[cal->occ[o].activity].rest_after * 60;
}

static int compare_end(const void *pa, const void *pb)
{
    time_t a = held_until(sort_cal, *(const size_t *)pa),
           b = held_until(sort_cal, *(const size_t *)pb);
    return a < b ? -1 : a > b;
}

static int best_week(const struct or_department *dept, const struct or_calendar *cal, size_t *idx,
                     size_t n, int *memo)
{
    sort_cal = cal;
    qsort(idx, n, sizeof(size_t), compare_end);
    for (size_t i = 0; i < n; i++) {
        const struct or_occurrence *o = &cal->occ[idx[i]];
        /* The last occurrence free again by o's start, by binary search. */
        size_t lo = 0, hi = i;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (held_until(cal, idx[mid]) <= o->start)
                lo = mid + 1;
            else
                hi = mid;
        }
        int take = dept->activities[o->activity].sessions + (lo > 0 ? memo[lo - 1] : 0);
        int skip = i > 0 ? memo[i - 1] : 0;
        memo[i] = take > skip ? take : skip;
    }
    return n ? memo[n - 1] : 0;
}

/* Sessions specialist s can give in week w on occurrences matching f. */
static int supply_of(const struct or_department *dept, const struct or_calendar *cal,
                     const unsigned char *ok, const size_t *day_begin, int s, int w,
                     struct filter f, size_t *idx, int *memo)
{
    size_t ns = dept->nspecialists, n = 0;
    for (or_day d = cal->weeks[w].monday; d < cal->weeks[w].monday + 7; d++) {
        if (d < cal->first || d > cal->last)
            continue;
        size_t begin = day_begin[d - cal->first], end = day_begin[d - cal->first + 1];
        for (size_t o = begin; o < end; o++)
            if (ok[o * ns + (size_t)s] && occ_matches(dept, &cal->occ[o], f))
                idx[n++] = o;
    }
    int total = best_week(dept, cal, idx, n, memo);
    int cap = dept->specialists[s].max_week;
    return total < cap ? total : cap;
}

static int add_row(struct or_capacity *cap, size_t *room, struct or_capacity_row row)
{
    if (cap->nrows == *room) {
        *room = *room ? *room * 2 : 32;
        struct or_capacity_row *rows = realloc(cap->rows, *room * sizeof(*rows));
        if (!rows)
            return -1;
        cap->rows = rows;
    }
    cap->rows[cap->nrows++] = row;
    return 0;
}

static bool skill_required(const struct or_department *dept, int skill)
{
    for (size_t a = 0; a < dept->nactivities; a++)
        for (size_t k = 0; k < dept->activities[a].nskills; k++)
            if (dept->activities[a].skills[k].index == skill)
                return true;
    return false;
}

static int forecast_rows(struct or_capacity *cap, const struct or_department *dept,
                         const struct or_calendar *cal, const unsigned char *ok)
{
    size_t room = 0;
    size_t ndays = (size_t)(cal->last - cal->first + 1);
    size_t *idx = malloc((cal->nocc ? cal->nocc : 1) * sizeof(size_t));
    int *memo = malloc((cal->nocc ? cal->nocc : 1) * sizeof(int));
    size_t *day_begin = malloc((ndays + 1) * sizeof(size_t));
    int rc = -1;
    if (!idx || !memo || !day_begin)
        goto out;
    /* Occurrences are sorted by start, so each local day is one run. */
    for (size_t d = 0, o = 0; d <= ndays; d++) {
        while (o < cal->nocc && cal->occ[o].day < cal->first + (or_day)d)
            o++;
        day_begin[d] = o;
    }
    int month_supply = 0;
    int *month_of = calloc(dept->nspecialists ? dept->nspecialists : 1, sizeof(int));
    if (!month_of)
        goto out;
    for (size_t w = 0; w < cal->nweeks; w++) {
        /* Row 0: everything; then each campus; then each required skill. */
        int ncol = 1 + (int)dept->ncampuses + (int)dept->nskills;
        for (int col = 0; col < ncol; col++) {
            int c = col >= 1 && col <= (int)dept->ncampuses ? col - 1 : -1;
            int k = col > (int)dept->ncampuses ? col - 1 - (int)dept->ncampuses : -1;
            if (k >= 0 && !skill_required(dept, k))
                continue;
            {
                struct filter f = {c, k};
                struct or_capacity_row row = {(int)w, c, k, 0, 0};
                for (size_t o = 0; o < cal->nocc; o++)
                    if (cal->occ[o].week == (int)w && occ_matches(dept, &cal->occ[o], f))
                        row.demand += dept->activities[cal->occ[o].activity].min_staff *
                                      dept->activities[cal->occ[o].activity].sessions;
                for (size_t s = 0; s < dept->nspecialists; s++) {
                    int give = supply_of(dept, cal, ok, day_begin, (int)s, (int)w, f, idx, memo);
                    row.supply += give;
                    if (c < 0 && k < 0)
                        month_of[s] += give;
                }
                if (add_row(cap, &room, row) != 0) {
                    free(month_of);
                    goto out;
                }
                if (c < 0 && k < 0)
                    cap->demand += row.demand;
            }
        }
    }
    for (size_t s = 0; s < dept->nspecialists; s++) {
        int m = dept->specialists[s].max_month;
        month_supply += m >= 0 && month_of[s] > m ? m : month_of[s];
    }
    cap->supply = month_supply;
    free(month_of);
    rc = 0;
out:
    free(idx);
    free(memo);
    free(day_begin);
    return rc;
}

static int find_uncoverable(struct or_capacity *cap, const struct or_department *dept,
                            const struct or_calendar *cal, const unsigned char *ok,
                            const unsigned *blocks)
{
    size_t ns = dept->nspecialists;
    for (size_t o = 0; o < cal->nocc; o++) {
        int available = 0;
        for (size_t s = 0; s < ns; s++)
            available += ok[o * ns + s];
        if (available >= dept->activities[cal->occ[o].activity].min_staff)
            continue;
        struct or_uncoverable *u = realloc(cap->uncoverable, (cap->nuncoverable + 1) * sizeof(*u));
        if (!u)
            return -1;
        cap->uncoverable = u;
        u = &cap->uncoverable[cap->nuncoverable];
        u->occurrence = o;
        u->available = available;
        u->blocks = malloc((ns ? ns : 1) * sizeof(unsigned));
        if (!u->blocks)
            return -1;
        memcpy(u->blocks, blocks + o * ns, ns * sizeof(unsigned));
        cap->nuncoverable++;
    }
    return 0;
}

int or_capacity_forecast(struct or_capacity **out, const struct or_department *dept,
                         const struct or_calendar *cal)
{
    size_t ns = dept->nspecialists, n = cal->nocc * ns;
    struct or_capacity *cap = calloc(1, sizeof(*cap));
    unsigned char *ok = malloc(n ? n : 1);
    unsigned *blocks = malloc((n ? n : 1) * sizeof(unsigned));
    int rc = -1;
    *out = NULL;
    if (!cap || !ok || !blocks)
        goto out;
    for (size_t o = 0; o < cal->nocc; o++)
        for (size_t s = 0; s < ns; s++) {
            blocks[o * ns + s] = or_blocked(dept, cal, (int)s, &cal->occ[o], NULL);
            ok[o * ns + s] = blocks[o * ns + s] == OR_WHY_NONE;
        }
    if (forecast_rows(cap, dept, cal, ok) != 0 || find_uncoverable(cap, dept, cal, ok, blocks) != 0)
        goto out;
    *out = cap;
    cap = NULL;
    rc = 0;
out:
    or_capacity_free(cap);
    free(ok);
    free(blocks);
    return rc;
}
