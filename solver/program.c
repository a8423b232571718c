/*
 * program.c - what the rules (rules/) write their columns and rows with:
 * rows built in constant time per coefficient, columns, objective
 * coefficients, and the clique and fair-band rows several rules share.
 */
#include "program.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void row_free(struct row *row)
{
    free(row->ind);
    free(row->val);
    free(row->where);
    memset(row, 0, sizeof(*row));
}

/* Adds v to column col's coefficient: constant time, so rows over a year
 * of sessions build in linear time. */
int row_add(struct row *row, int col, double v)
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

bool model_stopped(struct builder *b)
{
    if (!b->nomem && (solver_now() >= b->until || (b->stop && *b->stop)))
        b->late = b->nomem = true;
    return b->nomem;
}

/* Whether the build goes on: at the first row or column and every 1024
 * after, it looks at the clock and for a stop request. */
static bool on_time(struct builder *b)
{
    if (b->nomem)
        return false;
    return (b->ticks++ & 1023) != 0 || !model_stopped(b);
}

void model_emit(struct builder *b, struct row *row, int type, double lb, double ub,
                const char *name)
{
    if (row->n == 0)
        return;
    if (on_time(b) && !store_add_row(&b->m->p, row->n, row->ind, row->val, type, lb, ub, name))
        b->nomem = true;
    row->n = 0;
}

int model_col(struct builder *b, int kind, int type, double lb, double ub, double cost,
              const char *name)
{
    if (!on_time(b))
        return 0;
    int j = store_add_col(&b->m->p, kind, type, lb, ub, cost, name);
    if (!j)
        b->nomem = true;
    return j;
}

void model_add(struct builder *b, int col, double v)
{
    if (!b->nomem && row_add(&b->row, col, v) != 0)
        b->nomem = true;
}

char *model_day_name(or_day day, char *buf)
{
    int y, m, d;
    or_day_to_ymd(day, &y, &m, &d);
    snprintf(buf, 11, "%04d%02d%02d", y % 10000, m, d);
    return buf;
}

const char *model_spec_id(const struct rules *r, size_t s)
{
    return r->dept->specialists[s].id;
}

void model_link_day(struct builder *b, size_t s, size_t d, int campus, int link, const char *tag)
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
            model_add(b, m->xcol[r->unit_of[clique[q]] * ns + s], 1);
        model_add(b, link, -1);
        model_emit(b, &b->row, GLP_UP, 0, 0,
                   NAME(b, "%s_%s_%zu_%s_%zu", tag, model_spec_id(r, s), d,
                        campus < 0 ? "any" : r->dept->campuses[campus].id, i));
        /* Keep this clique to compare with the next, built in the other buffer. */
        prev = clique;
        nprev = k;
        clique = other;
        other = prev;
    }
}

void model_band(struct builder *b, const struct band *band, int weight, const char *what,
                const char *who)
{
    if (b->row.n == 0)
        return;
    /* Keep the terms for the second row. */
    struct row copy = {0};
    for (int i = 1; i <= b->row.n; i++)
        if (row_add(&copy, b->row.ind[i], b->row.val[i]) != 0)
            b->nomem = true;
    /* Counted in steps of band->per units: whole steps, so integer columns
     * unless a step is one unit (then the bounds make them whole). */
    int per = band->per > 1 ? band->per : 1, kind = per > 1 ? GLP_IV : GLP_CV;
    int over = model_col(b, kind, GLP_LO, 0, 0, weight, NAME(b, "over_%s_%s", what, who));
    int under = model_col(b, kind, GLP_LO, 0, 0, weight, NAME(b, "under_%s_%s", what, who));
    model_add(b, over, -per);
    model_emit(b, &b->row, GLP_UP, 0, band->hi, NAME(b, "fairhi_%s_%s", what, who));
    if (!b->nomem && row_add(&copy, under, per) == 0)
        model_emit(b, &copy, GLP_LO, band->lo, 0, NAME(b, "fairlo_%s_%s", what, who));
    row_free(&copy);
}

int model_band_count(const struct rules *r, size_t u, int k)
{
    int count = 0;
    for (size_t i = 0; i < r->units[u].nocc; i++) {
        size_t o = r->units[u].occ[i];
        count += k < NDUTIES ? rules_duty_count(r, o, (enum duty)k) : occ_activity(r, o)->sessions;
    }
    return count;
}

void model_band_rows(struct builder *b, size_t s, int k, int weight)
{
    struct model *m = b->m;
    const struct rules *r = b->r;
    size_t ns = r->ns;
    static const char *const names[] = {"oncall", "weekend", "holiday", "sessions"};
    const struct band *band = &r->bands[s * (NDUTIES + 1) + (size_t)k];
    if (!band->active || weight == 0)
        return; /* nothing to pull: no rows */
    for (size_t u = 0; u < r->nunits; u++) {
        int x = m->xcol[u * ns + s];
        if (!x)
            continue;
        int count = model_band_count(r, u, k);
        if (count)
            model_add(b, x, count);
    }
    model_band(b, band, weight, names[k], model_spec_id(r, s));
}

void model_cost(struct builder *b, int col, double cost)
{
    if (col <= b->m->p.ncols)
        b->m->p.cost[col] += cost;
}
