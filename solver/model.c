/*
 * model.c - writes the rules as a GLPK integer program (docs/model.md).
 * Every coefficient of the objective is a whole number, so the objective of
 * any roster is an integer and a bound can be rounded up.
 */
#include "solver_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A row under construction. */
struct row {
    int *ind; /* 1-based for GLPK */
    double *val;
    int n;
    int cap;
    int *where; /* per column: its place in ind, when ind there holds it */
    int where_cap;
};

static void row_free(struct row *row)
{
    free(row->ind);
    free(row->val);
    free(row->where);
    memset(row, 0, sizeof(*row));
}

/* Adds v to column col's coefficient: constant time, so rows over a year
 * of sessions build in linear time. */
static int row_add(struct row *row, int col, double v)
{
    if (col < row->where_cap) {
        int i = row->where[col];
        if (i >= 1 && i <= row->n && row->ind[i] == col) {
            row->val[i] += v;
            return 0;
        }
    } else {
        int cap = row->where_cap ? row->where_cap : 1024;
        while (cap <= col)
            cap *= 2;
        int *where = realloc(row->where, (size_t)cap * sizeof(int));
        if (!where) {
            row_free(row);
            return -1;
        }
        memset(where + row->where_cap, 0, (size_t)(cap - row->where_cap) * sizeof(int));
        row->where = where;
        row->where_cap = cap;
    }
    if (row->n + 1 >= row->cap) {
        int cap = row->cap ? row->cap * 2 : 64;
        int *ind = realloc(row->ind, (size_t)cap * sizeof(int));
        if (ind)
            row->ind = ind;
        double *val = ind ? realloc(row->val, (size_t)cap * sizeof(double)) : NULL;
        if (!val) {
            row_free(row);
            return -1;
        }
        row->val = val;
        row->cap = cap;
    }
    row->n++;
    row->ind[row->n] = col;
    row->val[row->n] = v;
    row->where[col] = row->n;
    return 0;
}

/* Appends the row to the program (type GLP_UP, GLP_LO, GLP_FX or GLP_DB). */
static void row_emit(glp_prob *lp, struct row *row, int type, double lb, double ub,
                     const char *name)
{
    if (row->n == 0)
        return;
    int i = glp_add_rows(lp, 1);
    if (name)
        glp_set_row_name(lp, i, name);
    glp_set_row_bnds(lp, i, type, lb, ub);
    glp_set_mat_row(lp, i, row->n, row->ind, row->val);
    row->n = 0;
}

static int add_col(glp_prob *lp, int kind, int type, double lb, double ub, double cost,
                   const char *name)
{
    int j = glp_add_cols(lp, 1);
    glp_set_col_kind(lp, j, kind);
    glp_set_col_bnds(lp, j, type, lb, ub);
    glp_set_obj_coef(lp, j, cost);
    if (name)
        glp_set_col_name(lp, j, name);
    return j;
}

struct builder {
    struct model *m;
    const struct rules *r;
    size_t *day_begin; /* first occurrence of each day of the horizon, and nocc */
    size_t *scratch;   /* room for three lists of occurrences */
    int *scratch_cols; /* room for a column per calendar week */
    struct row row;
    char name[160];
    bool nomem;
};

#define NAME(b, ...) (snprintf((b)->name, sizeof((b)->name), __VA_ARGS__), (b)->name)

static void add(struct builder *b, int col, double v)
{
    if (!b->nomem && row_add(&b->row, col, v) != 0)
        b->nomem = true;
}

/* A date as YYYYMMDD: names survive both MPS and CPLEX LP (which has no '-'). */
static char *compact_day(or_day day, char *buf)
{
    int y, m, d;
    or_day_to_ymd(day, &y, &m, &d);
    snprintf(buf, 11, "%04d%02d%02d", y % 10000, m, d);
    return buf;
}

static const char *spec_id(const struct rules *r, size_t s)
{
    return r->dept->specialists[s].id;
}

/* x, short and coverage (H1); must pins (H8); wish costs (S4). */
static void build_assignments(struct builder *b)
{
    struct model *m = b->m;
    const struct rules *r = b->r;
    const struct or_weights *w = &r->dept->weights;
    size_t ns = r->ns;
    char day[11];
    for (size_t u = 0; u < r->nunits; u++) {
        const struct unit *un = &r->units[u];
        const char *act = r->dept->activities[un->activity].id;
        compact_day(r->cal->occ[un->occ[0]].day, day);
        for (size_t s = 0; s < ns; s++) {
            if (!r->can[u * ns + s])
                continue;
            bool must = r->must[u * ns + s];
            /* S6: w * (keep * (1 - x) + (future - keep) * x): the constant
             * w * keep goes in the offset, w * (future - 2 keep) on x. */
            double change =
                r->keep ? (double)w->changes * (r->future[u] - 2 * r->keep[u * ns + s]) : 0;
            m->xcol[u * ns + s] =
                add_col(m->lp, GLP_BV, must ? GLP_FX : GLP_DB, must ? 1 : 0, 1,
                        (double)w->preferences * r->wish_cost[u * ns + s] + change,
                        NAME(b, "x_%s_%s_%s", act, day, spec_id(r, s)));
        }
        if (un->min_staff > 0)
            m->short_col[u] = add_col(m->lp, GLP_IV, GLP_DB, 0, un->min_staff, (double)un->under,
                                      NAME(b, "short_%s_%s", act, day));
        int candidates = 0;
        for (size_t s = 0; s < ns; s++)
            if (m->xcol[u * ns + s]) {
                add(b, m->xcol[u * ns + s], 1);
                candidates++;
            }
        if (m->short_col[u])
            add(b, m->short_col[u], 1);
        if (un->min_staff > 0)
            row_emit(m->lp, &b->row, GLP_LO, un->min_staff, 0, NAME(b, "cover_%s_%s", act, day));
        b->row.n = 0;
        int most = candidates < un->max_staff ? candidates : un->max_staff;
        if (un->over > 0 && most > un->min_staff) {
            /* Specialists above the minimum, each at the unit's over weight. */
            for (size_t s = 0; s < ns; s++)
                if (m->xcol[u * ns + s])
                    add(b, m->xcol[u * ns + s], 1);
            m->over_col[u] = add_col(m->lp, GLP_IV, GLP_DB, 0, most - un->min_staff, un->over,
                                     NAME(b, "over_%s_%s", act, day));
            add(b, m->over_col[u], -1);
            row_emit(m->lp, &b->row, GLP_UP, 0, un->min_staff, NAME(b, "overlink_%s_%s", act, day));
        }
        if (candidates > un->max_staff) {
            for (size_t s = 0; s < ns; s++)
                if (m->xcol[u * ns + s])
                    add(b, m->xcol[u * ns + s], 1);
            row_emit(m->lp, &b->row, GLP_UP, 0, un->max_staff, NAME(b, "max_%s_%s", act, day));
        }
    }
}

/* H4: one row per specialist and moment where sessions overlap (a clique),
 * and one per pair kept apart by travel, one campus a day or rest (H5). */
static void build_conflicts(struct builder *b)
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
                add(b, m->xcol[r->unit_of[active[i]] * ns + s], 1);
            row_emit(m->lp, &b->row, GLP_UP, 0, 1, NAME(b, "busy_%s_%zu", spec_id(r, s), o));
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
                        add(b, m->xcol[ug * ns + s], 1);
                }
                for (size_t k = 0; k < n; k++)
                    add(b, m->xcol[r->unit_of[prev[k]] * ns + s], 1);
                row_emit(m->lp, &b->row, GLP_UP, 0, 1,
                         NAME(b, "apart_%s_%zu_%zu", spec_id(r, s), a, i));
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

/* Links the sessions specialist s could work that start on day d (on one
 * campus, or any when campus < 0) to column `link`: one row per moment,
 * holding the sessions running then, of which at most one is worked, in
 * place of one row per session; fewer rows, and tighter. */
static void link_day(struct builder *b, size_t s, size_t d, int campus, int link, const char *tag)
{
    const struct rules *r = b->r;
    const struct or_calendar *cal = r->cal;
    struct model *m = b->m;
    size_t ns = r->ns, n = 0, nprev = 0;
    size_t *list = b->scratch;
    if (b->nomem)
        return;
    for (size_t o = b->day_begin[d]; o < b->day_begin[d + 1]; o++)
        if (m->xcol[r->unit_of[o] * ns + s] &&
            (campus < 0 || r->dept->activities[cal->occ[o].activity].campus.index == campus))
            list[n++] = o;
    /* The current and the previous clique alternate between two buffers. */
    size_t *clique = list + n, *prev = NULL, *other = list + 2 * n;
    for (size_t i = 0; i < n; i++) {
        time_t t = cal->occ[list[i]].start;
        if (i > 0 && cal->occ[list[i - 1]].start == t)
            continue;
        size_t k = 0;
        for (size_t j = 0; j < n && cal->occ[list[j]].start <= t; j++)
            if (cal->occ[list[j]].end > t)
                clique[k++] = list[j];
        bool same = prev && k == nprev;
        for (size_t q = 0; same && q < k; q++)
            same = prev[q] == clique[q];
        if (same)
            continue;
        for (size_t q = 0; q < k; q++)
            add(b, m->xcol[r->unit_of[clique[q]] * ns + s], 1);
        add(b, link, -1);
        row_emit(m->lp, &b->row, GLP_UP, 0, 0,
                 NAME(b, "%s_%s_%zu_%s_%zu", tag, spec_id(r, s), d,
                      campus < 0 ? "any" : r->dept->campuses[campus].id, i));
        /* Keep this clique to compare with the next, built in the other buffer. */
        prev = clique;
        nprev = k;
        clique = other;
        other = prev;
    }
}

/* H6 over the horizon: most occurrences of an activity, worked minutes
 * (the minimum with a slack of whole hours, costed like unfilled places),
 * and most weekends worked. */
static void build_contract(struct builder *b, size_t s)
{
    struct model *m = b->m;
    const struct rules *r = b->r;
    const struct or_calendar *cal = r->cal;
    const struct or_specialist *sp = &r->dept->specialists[s];
    size_t ns = r->ns;
    for (size_t k = 0; k < sp->nlimits; k++) {
        int possible = 0;
        for (size_t u = 0; u < r->nunits; u++)
            if (m->xcol[u * ns + s] && r->units[u].activity == sp->limits[k].activity.index) {
                add(b, m->xcol[u * ns + s], (double)r->units[u].nocc);
                possible += (int)r->units[u].nocc;
            }
        if (possible > sp->limits[k].max)
            row_emit(m->lp, &b->row, GLP_UP, 0, sp->limits[k].max,
                     NAME(b, "most_%s_%s", sp->id, sp->limits[k].activity.id));
        b->row.n = 0;
    }
    if (sp->min_minutes > 0 || sp->max_minutes >= 0) {
        int possible = 0;
        for (size_t u = 0; u < r->nunits; u++)
            if (m->xcol[u * ns + s]) {
                add(b, m->xcol[u * ns + s], r->units[u].minutes);
                possible += r->units[u].minutes;
            }
        if (sp->max_minutes >= 0 && possible > sp->max_minutes) {
            struct row copy = {0};
            for (int i = 1; i <= b->row.n; i++)
                if (row_add(&copy, b->row.ind[i], b->row.val[i]) != 0)
                    b->nomem = true;
            row_emit(m->lp, &copy, GLP_UP, 0, sp->max_minutes, NAME(b, "maxtime_%s", sp->id));
            row_free(&copy);
        }
        if (sp->min_minutes > 0) {
            int hours = (sp->min_minutes + 59) / 60;
            m->hours_col[s] = add_col(m->lp, GLP_IV, GLP_DB, 0, hours, r->dept->weights.shortfall,
                                      NAME(b, "hoursshort_%s", sp->id));
            add(b, m->hours_col[s], 60);
            row_emit(m->lp, &b->row, GLP_LO, sp->min_minutes, 0, NAME(b, "mintime_%s", sp->id));
        }
        b->row.n = 0;
    }
    if (sp->max_weekends >= 0) {
        int nweekends = 0;
        for (size_t w = 0; w < cal->nweeks; w++) {
            int col = 0;
            for (int k = 5; k < 7; k++) {
                long d = (long)(cal->weeks[w].monday + k - cal->first);
                if (d < 0 || d >= r->ndays)
                    continue;
                bool any = false;
                for (size_t o = b->day_begin[d]; o < b->day_begin[d + 1] && !any; o++)
                    any = m->xcol[r->unit_of[o] * ns + s] != 0;
                if (!any)
                    continue;
                if (!col)
                    col = add_col(m->lp, GLP_BV, GLP_DB, 0, 1, 0,
                                  NAME(b, "weekend_%s_%zu", sp->id, w));
                link_day(b, s, (size_t)d, -1, col, "weekendlink");
            }
            if (col)
                b->scratch_cols[nweekends++] = col;
        }
        if (nweekends > sp->max_weekends) {
            for (int i = 0; i < nweekends; i++)
                add(b, b->scratch_cols[i], 1);
            row_emit(m->lp, &b->row, GLP_UP, 0, sp->max_weekends, NAME(b, "weekends_%s", sp->id));
        }
        b->row.n = 0;
    }
}

/* H6 minimum runs, for runs that do not touch the horizon's ends: a run of
 * work starting on d (work[d] - work[d-1] = 1) goes on to d + j for every
 * j < min_consecutive, and a run of days off starting on d goes on
 * likewise; work[d] is exactly whether s works on day d. */
static void build_min_runs(struct builder *b, size_t s, const int *work)
{
    struct model *m = b->m;
    const struct rules *r = b->r;
    const struct or_specialist *sp = &r->dept->specialists[s];
    size_t ns = r->ns, nd = (size_t)r->ndays;
    for (size_t d = 0; d < nd; d++) {
        if (!work[d])
            continue;
        for (size_t o = b->day_begin[d]; o < b->day_begin[d + 1]; o++)
            if (m->xcol[r->unit_of[o] * ns + s])
                add(b, m->xcol[r->unit_of[o] * ns + s], 1);
        add(b, work[d], -1);
        row_emit(m->lp, &b->row, GLP_LO, 0, 0, NAME(b, "workexact_%s_%zu", sp->id, d));
        b->row.n = 0;
    }
    for (int side = 0; side < 2; side++) {
        int need = side == 0 ? sp->min_consecutive : sp->min_days_off;
        for (size_t d = 1; need > 1 && d < nd; d++)
            for (size_t j = 1; j < (size_t)need && d + j < nd; j++) {
                /* A run that reaches the last day meets every row it has (exempt).
                 * work: w[d] - w[d-1] - w[d+j] <= 0; off: w[d-1] - w[d] + w[d+j] <= 1 */
                double sign = side == 0 ? 1 : -1;
                if (work[d])
                    add(b, work[d], sign);
                if (work[d - 1])
                    add(b, work[d - 1], -sign);
                if (work[d + j])
                    add(b, work[d + j], -sign);
                if (b->row.n)
                    row_emit(
                        m->lp, &b->row, GLP_UP, 0, side == 0 ? 0 : 1,
                        NAME(b, "%s_%s_%zu_%zu", side == 0 ? "minrun" : "minoff", sp->id, d, j));
                b->row.n = 0;
            }
    }
}

/* H6: weekly and monthly maximum, consecutive working days. */
static void build_load(struct builder *b)
{
    struct model *m = b->m;
    const struct rules *r = b->r;
    const struct or_calendar *cal = r->cal;
    size_t ns = r->ns, nd = (size_t)r->ndays;
    int *workcol = calloc(nz(nd), sizeof(int));
    if (!workcol) {
        b->nomem = true;
        return;
    }
    for (size_t s = 0; s < ns; s++) {
        const struct or_specialist *sp = &r->dept->specialists[s];
        for (size_t w = 0; w < cal->nweeks; w++) {
            int possible = 0;
            for (size_t o = 0; o < cal->nocc; o++) {
                if (cal->occ[o].week != (int)w || !m->xcol[r->unit_of[o] * ns + s])
                    continue;
                int sess = r->dept->activities[cal->occ[o].activity].sessions;
                add(b, m->xcol[r->unit_of[o] * ns + s], sess);
                possible += sess;
            }
            if (possible > sp->max_week)
                row_emit(m->lp, &b->row, GLP_UP, 0, sp->max_week,
                         NAME(b, "week_%s_%zu", sp->id, w));
            b->row.n = 0;
        }
        if (sp->max_month >= 0) {
            int possible = 0;
            for (size_t u = 0; u < r->nunits; u++)
                if (m->xcol[u * ns + s]) {
                    add(b, m->xcol[u * ns + s], r->units[u].sessions);
                    possible += r->units[u].sessions;
                }
            if (possible > sp->max_month)
                row_emit(m->lp, &b->row, GLP_UP, 0, sp->max_month, NAME(b, "month_%s", sp->id));
            b->row.n = 0;
        }
        build_contract(b, s);
        /* Consecutive days: work[s,d] >= x for sessions starting on d (and
         * <= their sum, when minimum runs need it exact). */
        int max_run =
            sp->max_consecutive >= 0 ? sp->max_consecutive : r->dept->rules.max_consecutive;
        bool min_runs = sp->min_consecutive > 1 || sp->min_days_off > 1;
        if ((int)nd <= max_run && !min_runs)
            continue;
        memset(workcol, 0, nd * sizeof(int));
        for (size_t o = 0; o < cal->nocc; o++) {
            int x = m->xcol[r->unit_of[o] * ns + s];
            if (!x)
                continue;
            size_t d = (size_t)(cal->occ[o].day - cal->first);
            if (!workcol[d]) {
                char day[11];
                workcol[d] =
                    add_col(m->lp, GLP_BV, GLP_DB, 0, 1, 0,
                            NAME(b, "works_%s_%s", sp->id, compact_day(cal->occ[o].day, day)));
            }
        }
        for (size_t d = 0; d < nd; d++)
            if (workcol[d])
                link_day(b, s, d, -1, workcol[d], "worklink");
        if (min_runs)
            build_min_runs(b, s, workcol);
        for (size_t d0 = 0; d0 + (size_t)max_run < nd; d0++) {
            int n = 0;
            for (size_t d = d0; d <= d0 + (size_t)max_run; d++)
                if (workcol[d]) {
                    add(b, workcol[d], 1);
                    n++;
                }
            if (n > max_run)
                row_emit(m->lp, &b->row, GLP_UP, 0, max_run, NAME(b, "run_%s_%zu", sp->id, d0));
            b->row.n = 0;
        }
    }
    free(workcol);
}

/* H7: 100 x sessions on campus c - pct x all sessions, within the range. */
static void build_split(struct builder *b)
{
    struct model *m = b->m;
    const struct rules *r = b->r;
    size_t ns = r->ns;
    for (size_t s = 0; s < ns; s++) {
        const struct or_specialist *sp = &r->dept->specialists[s];
        for (size_t k = 0; k < sp->nsplit; k++) {
            int c = sp->split[k].campus.index;
            for (int side = 0; side < 2; side++) {
                int pct = side == 0 ? sp->split[k].min_pct : sp->split[k].max_pct;
                if ((side == 0 && pct == 0) || (side == 1 && pct == 100))
                    continue;
                for (size_t u = 0; u < r->nunits; u++)
                    if (m->xcol[u * ns + s])
                        add(b, m->xcol[u * ns + s],
                            (double)((r->units[u].campus == c ? 100 : 0) - pct) *
                                r->units[u].sessions);
                if (side == 0)
                    row_emit(m->lp, &b->row, GLP_LO, 0, 0,
                             NAME(b, "splitmin_%s_%s", sp->id, sp->split[k].campus.id));
                else
                    row_emit(m->lp, &b->row, GLP_UP, 0, 0,
                             NAME(b, "splitmax_%s_%s", sp->id, sp->split[k].campus.id));
                b->row.n = 0;
            }
        }
    }
}

/* S1: y[series,s] >= x[u,s] for every unit of a series-continuous series. */
static void build_continuity(struct builder *b)
{
    struct model *m = b->m;
    const struct rules *r = b->r;
    const struct or_calendar *cal = r->cal;
    size_t ns = r->ns;
    int *ycol = calloc(nz(cal->nseries * ns), sizeof(int));
    if (!ycol) {
        b->nomem = true;
        return;
    }
    double offset = 0;
    for (size_t q = 0; q < cal->nseries; q++) {
        const struct or_activity *a = &r->dept->activities[cal->series[q].activity];
        if (a->continuity == OR_CONTINUITY_SERIES)
            offset -= (double)r->dept->weights.continuity * a->min_staff;
    }
    for (size_t o = 0; o < cal->nocc; o++) {
        const struct or_activity *a = &r->dept->activities[cal->occ[o].activity];
        if (a->continuity != OR_CONTINUITY_SERIES)
            continue;
        size_t q = (size_t)cal->occ[o].series;
        size_t u = r->unit_of[o];
        for (size_t s = 0; s < ns; s++) {
            int x = m->xcol[u * ns + s];
            if (!x)
                continue;
            int *y = &ycol[q * ns + s];
            if (!*y)
                *y = add_col(m->lp, GLP_BV, GLP_DB, 0, 1, r->dept->weights.continuity,
                             NAME(b, "serves_%s_%s_%s", a->id,
                                  or_weekday_name(cal->series[q].weekday), spec_id(r, s)));
            add(b, x, 1);
            add(b, *y, -1);
            row_emit(m->lp, &b->row, GLP_UP, 0, 0, NAME(b, "series_%s_%zu", spec_id(r, s), o));
        }
    }
    glp_set_obj_coef(m->lp, 0, glp_get_obj_coef(m->lp, 0) + offset);
    free(ycol);
}

/* S2, S3: counts against fair bands, deviations penalised. */
static void build_fairness(struct builder *b)
{
    struct model *m = b->m;
    const struct rules *r = b->r;
    const struct or_calendar *cal = r->cal;
    size_t ns = r->ns;
    static const char *const names[] = {"oncall", "weekend", "holiday", "sessions"};
    for (size_t s = 0; s < ns; s++) {
        for (int k = 0; k <= NDUTIES; k++) {
            const struct band *band = &r->bands[s * (NDUTIES + 1) + (size_t)k];
            if (!band->active)
                continue;
            int weight = k < NDUTIES ? r->dept->weights.fairness : r->dept->weights.balance;
            if (weight == 0)
                continue; /* nothing to pull: no rows */
            for (size_t u = 0; u < r->nunits; u++) {
                int x = m->xcol[u * ns + s];
                if (!x)
                    continue;
                int count = 0;
                for (size_t i = 0; i < r->units[u].nocc; i++) {
                    size_t o = r->units[u].occ[i];
                    count += k < NDUTIES ? rules_duty_count(r, o, (enum duty)k)
                                         : r->dept->activities[cal->occ[o].activity].sessions;
                }
                if (count)
                    add(b, x, count);
            }
            if (b->row.n == 0)
                continue;
            /* Keep the terms for the second row. */
            struct row copy = {0};
            for (int i = 1; i <= b->row.n; i++)
                if (row_add(&copy, b->row.ind[i], b->row.val[i]) != 0)
                    b->nomem = true;
            int over = add_col(m->lp, GLP_CV, GLP_LO, 0, 0, weight,
                               NAME(b, "over_%s_%s", names[k], spec_id(r, s)));
            int under = add_col(m->lp, GLP_CV, GLP_LO, 0, 0, weight,
                                NAME(b, "under_%s_%s", names[k], spec_id(r, s)));
            add(b, over, -1);
            row_emit(m->lp, &b->row, GLP_UP, 0, band->hi,
                     NAME(b, "fairhi_%s_%s", names[k], spec_id(r, s)));
            if (!b->nomem && row_add(&copy, under, 1) == 0)
                row_emit(m->lp, &copy, GLP_LO, band->lo, 0,
                         NAME(b, "fairlo_%s_%s", names[k], spec_id(r, s)));
            row_free(&copy);
        }
    }
}

/* S5: at[s,d,c] >= x for sessions of s on campus c starting on day d;
 * change[s,d,c] >= at[s,d,c] + at[s,d-1,c'] - 1 for each c' != c. */
static void build_campus_changes(struct builder *b)
{
    struct model *m = b->m;
    const struct rules *r = b->r;
    const struct or_calendar *cal = r->cal;
    size_t ns = r->ns, nd = (size_t)r->ndays, nc = r->dept->ncampuses;
    if (r->dept->weights.campus_changes == 0 || nc < 2)
        return;
    int *at = calloc(nd * nc, sizeof(int));
    if (!at) {
        b->nomem = true;
        return;
    }
    for (size_t s = 0; s < ns; s++) {
        /* Only for specialists who could work on two campuses. */
        bool *could = calloc(nc, sizeof(bool));
        if (!could) {
            b->nomem = true;
            break;
        }
        int ncould = 0;
        for (size_t u = 0; u < r->nunits; u++)
            if (m->xcol[u * ns + s] && !could[r->units[u].campus]) {
                could[r->units[u].campus] = true;
                ncould++;
            }
        free(could);
        if (ncould < 2)
            continue;
        memset(at, 0, nd * nc * sizeof(int));
        for (size_t o = 0; o < cal->nocc; o++) {
            int x = m->xcol[r->unit_of[o] * ns + s];
            if (!x)
                continue;
            size_t d = (size_t)(cal->occ[o].day - cal->first);
            size_t c = (size_t)r->dept->activities[cal->occ[o].activity].campus.index;
            if (!at[d * nc + c])
                at[d * nc + c] =
                    add_col(m->lp, GLP_CV, GLP_DB, 0, 1, 0,
                            NAME(b, "at_%s_%zu_%s", spec_id(r, s), d, r->dept->campuses[c].id));
        }
        for (size_t d = 0; d < nd; d++)
            for (size_t c = 0; c < nc; c++)
                if (at[d * nc + c])
                    link_day(b, s, d, (int)c, at[d * nc + c], "atlink");
        for (size_t d = 1; d < nd; d++)
            for (size_t c = 0; c < nc; c++) {
                if (!at[d * nc + c])
                    continue;
                bool before = false;
                for (size_t c2 = 0; c2 < nc; c2++)
                    before = before || (c2 != c && at[(d - 1) * nc + c2]);
                if (!before)
                    continue;
                int change =
                    add_col(m->lp, GLP_CV, GLP_LO, 0, 0, r->dept->weights.campus_changes,
                            NAME(b, "move_%s_%zu_%s", spec_id(r, s), d, r->dept->campuses[c].id));
                /* One row per campus of the day before: a sum over them
                 * would count two campuses worked the day before as two
                 * changes, where S5 counts one. */
                for (size_t c2 = 0; c2 < nc; c2++) {
                    if (c2 == c || !at[(d - 1) * nc + c2])
                        continue;
                    add(b, change, 1);
                    add(b, at[d * nc + c], -1);
                    add(b, at[(d - 1) * nc + c2], -1);
                    row_emit(m->lp, &b->row, GLP_LO, -1, 0,
                             NAME(b, "movelink_%s_%zu_%zu_%zu", spec_id(r, s), d, c, c2));
                }
            }
    }
    free(at);
}

/* Symmetry: of two interchangeable specialists, the first works at least as
 * many sessions as the second.  Valid, since swapping their rosters changes
 * nothing, and it spares branch and bound the mirror images. */
static void build_symmetry(struct builder *b)
{
    struct model *m = b->m;
    const struct rules *r = b->r;
    size_t ns = r->ns;
    for (size_t s = 0; s < ns; s++) {
        int t = r->twin[s];
        if (t < 0)
            continue;
        for (size_t u = 0; u < r->nunits; u++) {
            if (m->xcol[u * ns + s])
                add(b, m->xcol[u * ns + s], r->units[u].sessions);
            if (m->xcol[u * ns + (size_t)t])
                add(b, m->xcol[u * ns + (size_t)t], -r->units[u].sessions);
        }
        row_emit(m->lp, &b->row, GLP_LO, 0, 0,
                 NAME(b, "twins_%s_%s", spec_id(r, s), spec_id(r, (size_t)t)));
        b->row.n = 0;
    }
}

int model_build(struct model *m, const struct rules *r, struct or_diags *diags)
{
    memset(m, 0, sizeof(*m));
    m->r = r;
    size_t nx = r->nunits * r->ns;
    m->lp = glp_create_prob();
    m->xcol = calloc(nz(nx), sizeof(int));
    m->short_col = calloc(nz(r->nunits), sizeof(int));
    m->over_col = calloc(nz(r->nunits), sizeof(int));
    m->hours_col = calloc(nz(r->ns), sizeof(int));
    if (!m->lp || !m->xcol || !m->short_col || !m->over_col || !m->hours_col) {
        model_free(m);
        or_diags_add(diags, OR_ERROR, (or_pos){0}, "out of memory building the model");
        return -1;
    }
    glp_set_prob_name(m->lp, "oncoroster");
    glp_set_obj_name(m->lp, "cost");
    glp_set_obj_dir(m->lp, GLP_MIN);
    struct builder b = {m, r, NULL, NULL, NULL, {0}, "", false};
    size_t no = r->cal->nocc, nd = (size_t)r->ndays;
    b.day_begin = malloc((nd + 1) * sizeof(size_t));
    b.scratch = malloc(nz(3 * no) * sizeof(size_t)); /* a day's list and two cliques */
    b.scratch_cols = malloc(nz(r->cal->nweeks) * sizeof(int));
    if (!b.day_begin || !b.scratch || !b.scratch_cols)
        b.nomem = true;
    /* Occurrences are sorted by start, so each local day is one run. */
    for (size_t d = 0, o = 0; b.day_begin && d <= nd; d++) {
        while (o < no && r->cal->occ[o].day < r->cal->first + (or_day)d)
            o++;
        b.day_begin[d] = o;
    }
    build_assignments(&b);
    build_conflicts(&b);
    build_load(&b);
    build_split(&b);
    build_continuity(&b);
    build_fairness(&b);
    build_campus_changes(&b);
    build_symmetry(&b);
    if (r->keep) { /* S6: every published assignment counts until it is kept */
        double kept = 0;
        for (size_t i = 0; i < r->nunits * r->ns; i++)
            kept += r->keep[i];
        glp_set_obj_coef(m->lp, 0,
                         glp_get_obj_coef(m->lp, 0) + (double)r->dept->weights.changes * kept);
    }
    row_free(&b.row);
    free(b.day_begin);
    free(b.scratch);
    free(b.scratch_cols);
    m->ncols = glp_get_num_cols(m->lp);
    if (b.nomem) {
        model_free(m);
        or_diags_add(diags, OR_ERROR, (or_pos){0}, "out of memory building the model");
        return -1;
    }
    return 0;
}

void model_free(struct model *m)
{
    if (m->lp)
        glp_delete_prob(m->lp);
    free(m->xcol);
    free(m->short_col);
    free(m->over_col);
    free(m->hours_col);
    memset(m, 0, sizeof(*m));
}
