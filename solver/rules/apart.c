/*
 * apart.c - H4, H5 and H10: one place at a time.  Two sessions exclude each
 * other for one specialist when they overlap, when the gap between them is
 * shorter than the rest after the first, the travel time between their
 * campuses, or two hours where no travel time is known, when they start on
 * one day on two campuses and the department works one campus a day, or
 * when the second is on the next day and the first may not be followed by
 * it (or_occ_conflict in scheduler/calendar.c: the definition check shares).
 */
#include "rule.h"

#include <stdlib.h>
#include <string.h>

bool rules_occ_overlap(const struct rules *r, size_t a, size_t b)
{
    return or_occ_overlap(r->cal, a, b);
}

/* The domain's definition (scheduler/calendar.c), one for the solver and
 * for check. */
static enum or_conflict conflict_of(const struct rules *r, size_t a, size_t b)
{
    return or_occ_conflict(r->cal, a, b);
}

bool rules_occ_conflict(const struct rules *r, size_t a, size_t b)
{
    return conflict_of(r, a, b) != OR_CONFLICT_NONE;
}

/* The pairs the rows below keep apart: overlapping, or within two days. */
bool rules_occ_apart(const struct rules *r, size_t a, size_t b)
{
    const struct or_calendar *cal = r->cal;
    if (rules_occ_overlap(r, a, b))
        return true;
    return cal->occ[b].start < cal->occ[a].end + 2 * 86400 && rules_occ_conflict(r, a, b);
}

/* The first occurrence that starts at or after t (binary search). */
static size_t first_at_or_after(const struct or_calendar *cal, time_t t)
{
    size_t lo = 0, hi = cal->nocc;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (cal->occ[mid].start < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Against what s already holds, within a window of three days. */
static unsigned why_not(const struct state *st, size_t u, int s)
{
    const struct rules *r = st->r;
    const struct or_calendar *cal = r->cal;
    const struct unit *un = &r->units[u];
    size_t ns = r->ns;
    unsigned why = 0;
    for (size_t i = 0; i < un->nocc; i++) {
        size_t o = un->occ[i];
        size_t k = first_at_or_after(cal, cal->occ[o].start - 3 * 86400);
        for (; k < cal->nocc && cal->occ[k].start < cal->occ[o].end + 3 * 86400; k++) {
            size_t uk = r->unit_of[k];
            if (uk == u || !st->x[uk * ns + (size_t)s] || !rules_occ_conflict(r, o, k))
                continue;
            why |=
                rules_occ_overlap(r, o, k) ? OR_WHY_BUSY
                : (occ_activity(r, cal->occ[o].start < cal->occ[k].start ? o : k)->rest_after > 0)
                    ? OR_WHY_REST
                    : OR_WHY_BUSY;
        }
    }
    return why;
}

/* H4: one row per specialist and moment where sessions overlap (a clique),
 * and one per pair kept apart by travel, one campus a day or rest (H5). */
static void rows(struct builder *b)
{
    struct model *m = b->m;
    const struct rules *r = b->r;
    const struct or_calendar *cal = r->cal;
    size_t ns = r->ns, no = cal->nocc;
    size_t *active = malloc(nz(no) * sizeof(size_t));
    size_t *prev = malloc(nz(2 * no) * sizeof(size_t)); /* a clique, then the next */
    if (!active || !prev) {
        b->nomem = true;
        goto out;
    }
    /* What runs at a moment started at most the longest session before it. */
    time_t longest = 0;
    for (size_t o = 0; o < no; o++)
        if (cal->occ[o].end - cal->occ[o].start > longest)
            longest = cal->occ[o].end - cal->occ[o].start;
    for (size_t s = 0; s < ns; s++) {
        if (model_stopped(b))
            break;
        size_t nprev = 0, from = 0;
        for (size_t o = 0; o < no; o++) {
            if (!m->xcol[r->unit_of[o] * ns + s])
                continue;
            while (cal->occ[from].start < cal->occ[o].start - longest)
                from++;
            /* Everything s could work that is running at the start of o. */
            size_t n = 0;
            for (size_t k = from; k < no && cal->occ[k].start <= cal->occ[o].start; k++)
                if (cal->occ[k].end > cal->occ[o].start && m->xcol[r->unit_of[k] * ns + s])
                    active[n++] = k;
            if (n < 2)
                continue;
            /* Skip a clique equal to the previous one. */
            bool same = n == nprev;
            for (size_t i = 0; same && i < n; i++)
                same = active[i] == prev[i];
            if (same)
                continue;
            memcpy(prev, active, n * sizeof(size_t));
            nprev = n;
            for (size_t i = 0; i < n; i++)
                model_add(b, m->xcol[r->unit_of[active[i]] * ns + s], 1);
            model_emit(b, &b->row, GLP_UP, 0, 1, NAME(b, "busy_%s_%zu", model_spec_id(r, s), o));
        }
    }
    /* Sessions apart in time but too close for travel, campus, rest or a
     * forbidden succession: for a session a, the later sessions W it
     * excludes.  a with the sessions C of W running at one moment is a
     * clique (those overlap each other), so one row per moment covers every
     * pair, in fewer and tighter rows.  The sessions starting with a (which
     * overlap a and each other) that exclude all of C join the row too, and
     * a row equal to one already written for them is not written again: a
     * benchmark day's many shift types share a few successor sets. */
    size_t *pool = NULL, npool = 0, cap_pool = 0; /* cliques written for this start */
    size_t *offs = NULL, nclq = 0, cap_clq = 0;
    for (size_t s = 0; s < ns; s++) {
        if (model_stopped(b))
            break;
        size_t group = 0; /* first occurrence starting when a starts */
        for (size_t a = 0; a < no; a++) {
            if (a == 0 || cal->occ[a].start != cal->occ[group].start) {
                group = a;
                npool = nclq = 0;
            }
            size_t ua = r->unit_of[a];
            if (!m->xcol[ua * ns + s])
                continue;
            size_t nw = 0;
            time_t horizon = cal->occ[a].end + 2 * 86400;
            for (size_t c = a + 1; c < no && cal->occ[c].start < horizon; c++) {
                size_t uc = r->unit_of[c];
                if (uc != ua && m->xcol[uc * ns + s] && !rules_occ_overlap(r, a, c) &&
                    rules_occ_conflict(r, a, c))
                    active[nw++] = c; /* W, by start */
            }
            size_t nprev = 0;
            for (size_t i = 0; i < nw; i++) {
                time_t t = cal->occ[active[i]].start;
                if (i > 0 && cal->occ[active[i - 1]].start == t)
                    continue;
                size_t n = 0;
                for (size_t j = 0; j < nw && cal->occ[active[j]].start <= t; j++)
                    if (cal->occ[active[j]].end > t)
                        prev[nw + n++] = active[j];
                /* Skip a clique equal to the previous one. */
                bool same = n == nprev;
                for (size_t k = 0; same && k < n; k++)
                    same = prev[nw + k] == prev[k];
                if (same)
                    continue;
                memmove(prev, prev + nw, n * sizeof(size_t));
                nprev = n;
                /* Written already for this start? */
                bool written = false;
                for (size_t q = 0; q < nclq && !written; q++) {
                    size_t len = (q + 1 < nclq ? offs[q + 1] : npool) - offs[q];
                    written = len == n && memcmp(pool + offs[q], prev, n * sizeof(size_t)) == 0;
                }
                if (written)
                    continue;
                if (npool + n > cap_pool || nclq + 1 > cap_clq) {
                    size_t cp = (npool + n) * 2 + 64, cq = nclq * 2 + 16;
                    size_t *np = realloc(pool, cp * sizeof(size_t));
                    if (np)
                        pool = np;
                    size_t *nq = np ? realloc(offs, cq * sizeof(size_t)) : NULL;
                    if (!nq) {
                        b->nomem = true;
                        goto out_groups;
                    }
                    offs = nq;
                    cap_pool = cp;
                    cap_clq = cq;
                }
                offs[nclq++] = npool;
                memcpy(pool + npool, prev, n * sizeof(size_t));
                npool += n;
                for (size_t g = group; g < no && cal->occ[g].start == cal->occ[a].start; g++) {
                    size_t ug = r->unit_of[g];
                    bool joins = g == a || (m->xcol[ug * ns + s] && ug != ua);
                    for (size_t k = 0; joins && g != a && k < n; k++)
                        joins = r->unit_of[prev[k]] != ug && !rules_occ_overlap(r, g, prev[k]) &&
                                rules_occ_conflict(r, g, prev[k]);
                    if (joins)
                        model_add(b, m->xcol[ug * ns + s], 1);
                }
                for (size_t k = 0; k < n; k++)
                    model_add(b, m->xcol[r->unit_of[prev[k]] * ns + s], 1);
                model_emit(b, &b->row, GLP_UP, 0, 1,
                           NAME(b, "apart_%s_%zu_%zu", model_spec_id(r, s), a, i));
            }
        }
    }
out_groups:
    free(pool);
    free(offs);
out:
    free(active);
    free(prev);
}

/* The first session s holds that unit u conflicts with, in words. */
static unsigned explain(const struct state *st, size_t u, int s, char *buf, size_t n)
{
    const struct rules *r = st->r;
    const struct or_calendar *cal = r->cal;
    const struct unit *un = &r->units[u];
    size_t ns = r->ns;
    for (size_t i = 0; i < un->nocc; i++) {
        size_t o = un->occ[i];
        size_t k = first_at_or_after(cal, cal->occ[o].start - 3 * 86400);
        for (; k < cal->nocc && cal->occ[k].start < cal->occ[o].end + 3 * 86400; k++) {
            size_t uk = r->unit_of[k];
            enum or_conflict c =
                uk == u || !st->x[uk * ns + (size_t)s] ? OR_CONFLICT_NONE : conflict_of(r, o, k);
            if (c == OR_CONFLICT_NONE)
                continue;
            char other[192];
            occ_words(r, k, other, sizeof(other));
            bool earlier = cal->occ[k].start < cal->occ[o].start;
            switch (c) {
            case OR_CONFLICT_OVERLAP:
                snprintf(buf, n,
                         or_say(r->dept,
                                OR_PHRASE("busy with %s", "bezig met %s", "occup\xc3\xa9 par %s")),
                         other);
                return OR_WHY_BUSY;
            case OR_CONFLICT_REST:
                if (earlier)
                    snprintf(buf, n,
                             or_say(r->dept, OR_PHRASE("resting after %s", "rust na %s",
                                                       "en repos apr\xc3\xa8s %s")),
                             other);
                else
                    snprintf(
                        buf, n,
                        or_say(r->dept, OR_PHRASE("the rest after this session would reach into %s",
                                                  "de rust na deze sessie zou tot in %s lopen",
                                                  "le repos apr\xc3\xa8s cette s\xc3\xa9\x61nce "
                                                  "empi\xc3\xa9terait sur %s")),
                        other);
                return OR_WHY_REST;
            case OR_CONFLICT_FOLLOWED:
                snprintf(
                    buf, n,
                    earlier
                        ? or_say(
                              r->dept,
                              OR_PHRASE("this session may not follow %s the day before",
                                        "deze sessie mag niet volgen op %s de dag ervoor",
                                        "cette s\xc3\xa9\x61nce ne peut pas suivre %s la veille"))
                        : or_say(r->dept,
                                 OR_PHRASE(
                                     "%s the next day may not follow this session",
                                     "%s de dag erna mag niet op deze sessie volgen",
                                     "%s le lendemain ne peut pas suivre cette s\xc3\xa9\x61nce")),
                    other);
                break;
            case OR_CONFLICT_ONE_CAMPUS:
                snprintf(buf, n,
                         or_say(r->dept,
                                OR_PHRASE("works on another campus that day: %s",
                                          "werkt die dag op een andere campus: %s",
                                          "travaille sur un autre site ce jour-l\xc3\xa0 : %s")),
                         other);
                break;
            default:
                snprintf(
                    buf, n,
                    or_say(r->dept,
                           OR_PHRASE("too little time to travel from or to %s",
                                     "te weinig tijd om van of naar %s te reizen",
                                     "trop peu de temps pour aller \xc3\xa0 %s ou en revenir")),
                    other);
                break;
            }
            return occ_activity(r, earlier ? k : o)->rest_after > 0 ? OR_WHY_REST : OR_WHY_BUSY;
        }
    }
    return 0;
}

/* Pricing: the state holds the occurrences taken that a later one s could
 * take is kept apart from (occurrence + 1, sorted), each until the last
 * day such a later one starts. */
struct apart_dp {
    int *until; /* per occurrence: that day, or -1 */
};

static int dp_open(struct dp_part *p)
{
    const struct rules *r = p->r;
    const struct or_calendar *cal = r->cal;
    size_t ns = r->ns, s = (size_t)p->s;
    struct apart_dp *a = malloc(sizeof(*a));
    int *until = malloc(nz(cal->nocc) * sizeof(int));
    int *held = calloc((size_t)r->ndays + 1, sizeof(int)); /* per day: kept over it */
    if (!a || !until || !held) {
        free(a);
        free(until);
        free(held);
        return -1;
    }
    a->until = until;
    p->data = a;
    for (size_t o = 0; o < cal->nocc; o++) {
        until[o] = -1;
        size_t uo = r->unit_of[o];
        if (!p->m->xcol[uo * ns + s])
            continue;
        int day = (int)(cal->occ[o].day - cal->first);
        for (size_t c = o + 1; c < cal->nocc && cal->occ[c].start < cal->occ[o].end + 3 * 86400;
             c++) {
            int dc = (int)(cal->occ[c].day - cal->first);
            if (dc > day && r->unit_of[c] != uo && p->m->xcol[r->unit_of[c] * ns + s] &&
                rules_occ_apart(r, o, c) && dc > until[o])
                until[o] = dc;
        }
        for (int d = day; d < until[o]; d++)
            held[d]++;
    }
    int most = 0;
    for (int d = 0; d < r->ndays; d++)
        most = held[d] > most ? held[d] : most;
    free(held);
    /* Only as many as s can hold at once; a plan holding more overflows. */
    p->width = most < DP_PART_MAX ? most : DP_PART_MAX;
    for (int i = 0; i < p->width; i++)
        p->kind[i] = DP_SAME;
    p->active = true;
    return 0;
}

static void dp_close(struct dp_part *p)
{
    struct apart_dp *a = p->data;
    if (a)
        free(a->until);
    free(a);
}

static bool dp_day(const struct dp_part *p, const struct dp_step *step, int *state, long *cost)
{
    (void)cost;
    const struct rules *r = p->r;
    const struct apart_dp *a = p->data;
    for (int i = 0; i < step->nocc; i++) {
        size_t c = step->occ[i];
        for (int k = 0; k < p->width && state[k]; k++) {
            size_t o = (size_t)state[k] - 1;
            if (r->unit_of[o] != r->unit_of[c] && rules_occ_apart(r, o, c))
                return false;
        }
        for (int k = 0; k < i; k++)
            if (r->unit_of[step->occ[k]] != r->unit_of[c] && rules_occ_apart(r, step->occ[k], c))
                return false;
    }
    int n = 0;
    for (int k = 0; k < p->width && state[k]; k++)
        if (a->until[state[k] - 1] > step->day)
            state[n++] = state[k];
    for (int i = 0; i < step->nocc; i++)
        if (a->until[step->occ[i]] > step->day) {
            if (n == p->width) {
                *step->overflow = true;
                return false;
            }
            state[n++] = (int)step->occ[i] + 1; /* later than every one kept: sorted */
        }
    for (int k = n; k < p->width; k++)
        state[k] = 0;
    return true;
}

const struct rule rule_apart = {
    .id = "H4 H5 H10",
    .rows = rows,
    .why_not = why_not,
    .explain = explain,
    .dp_open = dp_open,
    .dp_close = dp_close,
    .dp_day = dp_day,
};
