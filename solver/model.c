/*
 * model.c - the GLPK integer program (docs/model.md): the assignment
 * columns, then each rule's columns and rows (the registry), and a roster
 * of assignments completed with the values of every other column.  Every
 * coefficient of the objective is a whole number, so the objective of any
 * roster is an integer and a bound can be rounded up.
 */
#include "rules/rule.h"

#include <stdlib.h>
#include <string.h>

/* The assignment columns: x[u,s] for every eligible pair (H2, H3, H9),
 * fixed at 1 by a must pin (H8); the rules price them. */
static void build_assignments(struct builder *b)
{
    struct model *m = b->m;
    const struct rules *r = b->r;
    size_t ns = r->ns;
    char day[11];
    for (size_t u = 0; u < r->nunits; u++) {
        const char *act = r->dept->activities[r->units[u].activity].id;
        model_day_name(r->cal->occ[r->units[u].occ[0]].day, day);
        for (size_t s = 0; s < ns; s++) {
            if (!r->can[u * ns + s])
                continue;
            bool must = r->must[u * ns + s];
            m->xcol[u * ns + s] = model_col(b, GLP_BV, must ? GLP_FX : GLP_DB, must ? 1 : 0, 1, 0,
                                            NAME(b, "x_%s_%s_%s", act, day, model_spec_id(r, s)));
        }
    }
}

int model_build(struct model *m, const struct rules *r, bool names, double until,
                const volatile sig_atomic_t *stop, struct or_diags *diags)
{
    memset(m, 0, sizeof(*m));
    m->r = r;
    size_t nx = r->nunits * r->ns;
    int stored = store_init(&m->p, names);
    m->xcol = calloc(nz(nx), sizeof(int));
    m->short_col = calloc(nz(r->nunits), sizeof(int));
    m->over_col = calloc(nz(r->nunits), sizeof(int));
    m->hours_col = calloc(nz(r->ns), sizeof(int));
    m->twin_row = calloc(nz(r->ns), sizeof(int));
    if (stored != 0 || !m->xcol || !m->short_col || !m->over_col || !m->hours_col || !m->twin_row) {
        model_free(m);
        or_diags_add(diags, OR_ERROR, (or_pos){0}, "out of memory building the model");
        return -1;
    }
    struct builder b = {m, r, NULL, NULL, NULL, {0}, "", false, until, stop, 0, false};
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
    size_t nrules;
    const struct rule *const *list = rule_list(&nrules);
    for (size_t i = 0; i < nrules && !model_stopped(&b); i++)
        if (list[i]->rows)
            list[i]->rows(&b);
    row_free(&b.row);
    free(b.day_begin);
    free(b.scratch);
    free(b.scratch_cols);
    m->ncols = m->p.ncols;
    if (b.late) {
        model_free(m);
        return 1;
    }
    if (b.nomem || store_finish(&m->p) != 0) {
        model_free(m);
        or_diags_add(diags, OR_ERROR, (or_pos){0}, "out of memory building the model");
        return -1;
    }
    return 0;
}

int model_glpk(struct model *m)
{
    if (!m->lp)
        m->lp = store_glpk(&m->p);
    return m->lp ? 0 : -1;
}

void model_free(struct model *m)
{
    if (m->lp)
        glp_delete_prob(m->lp);
    store_free(&m->p);
    free(m->xcol);
    free(m->short_col);
    free(m->over_col);
    free(m->hours_col);
    free(m->twin_row);
    memset(m, 0, sizeof(*m));
}

double model_objective(const struct model *m, const double *x)
{
    double cost = m->p.cost[0];
    for (int j = 1; j <= m->ncols; j++)
        cost += m->p.cost[j] * x[j];
    return cost;
}

/* Completes the constructive roster with the values of every other
 * column: the assignments are constants, each row of assignments alone is
 * checked, and GLPK settles the rest in a program of the other columns
 * and the rows they are in, much smaller than the whole, which no
 * searching process needs to hold in GLPK. */
double *solver_complete(struct model *m, const unsigned char *x)
{
    const struct rules *r = m->r;
    const struct store *p = &m->p;
    size_t ns = r->ns, nx = r->nunits * ns;
    int nc = m->ncols;
    double *value = calloc((size_t)nc + 1, sizeof(double));
    int *map = calloc((size_t)nc + 1, sizeof(int)); /* column's place in the small program */
    int *cols = malloc(((size_t)nc + 1) * sizeof(int));
    int *rows = malloc(((size_t)p->nrows + 1) * sizeof(int));
    unsigned char *is_x = calloc((size_t)nc + 1, 1);
    unsigned char *row_in = calloc((size_t)p->nrows + 1, 1);
    int *ind = malloc(((size_t)p->longest + 1) * sizeof(int));
    double *val = malloc(((size_t)p->longest + 1) * sizeof(double));
    glp_prob *lp = NULL;
    double *seed = NULL;
    if (!value || !map || !cols || !rows || !is_x || !row_in || !ind || !val)
        goto out;
    for (size_t i = 0; i < nx; i++)
        if (m->xcol[i]) {
            is_x[m->xcol[i]] = 1;
            value[m->xcol[i]] = x[i];
        }
    int n = 0, nrows = 0;
    for (int j = 1; j <= nc; j++)
        if (!is_x[j]) {
            cols[++n] = j;
            map[j] = n;
            for (size_t k = p->cbeg[j]; k < p->cbeg[j + 1]; k++)
                row_in[p->cind[k]] = 1;
        }
    for (int i = 1; i <= p->nrows; i++) {
        if (row_in[i]) {
            rows[++nrows] = i;
            continue;
        }
        /* A row of assignments alone: the roster keeps it, or has no
         * completion. */
        double a = 0;
        for (size_t k = p->rbeg[i]; k < p->rbeg[i + 1]; k++)
            a += p->rval[k] * value[p->rind[k]];
        if (a < store_row_lb(p, i) - 1e-6 || a > store_row_ub(p, i) + 1e-6)
            goto out;
    }
    if (!(lp = store_part(p, cols, n, map, rows, nrows, value, ind, val)))
        goto out;
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.presolve = GLP_ON;
    parm.tm_lim = 5000;
    if (n == 0 || (glp_intopt(lp, &parm) == 0 && glp_mip_status(lp) == GLP_OPT)) {
        for (int k = 1; k <= n; k++)
            value[cols[k]] = glp_mip_col_val(lp, k);
        seed = value;
        value = NULL;
    }
out:
    if (lp)
        glp_delete_prob(lp);
    free(value);
    free(map);
    free(cols);
    free(rows);
    free(is_x);
    free(row_in);
    free(ind);
    free(val);
    return seed;
}
