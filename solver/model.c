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
            m->xcol[u * ns + s] =
                model_col(m->lp, GLP_BV, must ? GLP_FX : GLP_DB, must ? 1 : 0, 1, 0,
                          NAME(b, "x_%s_%s_%s", act, day, model_spec_id(r, s)));
        }
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
    m->twin_row = calloc(nz(r->ns), sizeof(int));
    if (!m->lp || !m->xcol || !m->short_col || !m->over_col || !m->hours_col || !m->twin_row) {
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
    size_t nrules;
    const struct rule *const *list = rule_list(&nrules);
    for (size_t i = 0; i < nrules; i++)
        if (list[i]->rows)
            list[i]->rows(&b);
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
    free(m->twin_row);
    memset(m, 0, sizeof(*m));
}

double model_objective(const struct model *m, const double *x)
{
    double cost = glp_get_obj_coef(m->lp, 0);
    for (int j = 1; j <= m->ncols; j++)
        cost += glp_get_obj_coef(m->lp, j) * x[j];
    return cost;
}

/* Completes the constructive roster with the values of every other column,
 * by fixing x and letting GLPK settle the rest: in the program itself,
 * whose assignments get their bounds back afterwards (a copy would double
 * the memory of a year-long network, and presolve takes the fixed columns
 * out anyway). */
double *solver_complete(struct model *m, const unsigned char *x)
{
    const struct rules *r = m->r;
    size_t ns = r->ns, nx = r->nunits * ns;
    struct bounds {
        int type;
        double lb, ub;
    } *saved = malloc(nz(nx) * sizeof(*saved));
    if (!saved)
        return NULL;
    for (size_t i = 0; i < nx; i++) {
        int j = m->xcol[i];
        if (!j)
            continue;
        saved[i] = (struct bounds){glp_get_col_type(m->lp, j), glp_get_col_lb(m->lp, j),
                                   glp_get_col_ub(m->lp, j)};
        glp_set_col_bnds(m->lp, j, GLP_FX, x[i], x[i]);
    }
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.presolve = GLP_ON;
    parm.tm_lim = 5000;
    double *seed = NULL;
    if (glp_intopt(m->lp, &parm) == 0 && glp_mip_status(m->lp) == GLP_OPT) {
        seed = malloc(((size_t)m->ncols + 1) * sizeof(double));
        for (int j = 1; seed && j <= m->ncols; j++)
            seed[j] = glp_mip_col_val(m->lp, j);
    }
    for (size_t i = 0; i < nx; i++)
        if (m->xcol[i])
            glp_set_col_bnds(m->lp, m->xcol[i], saved[i].type, saved[i].lb, saved[i].ub);
    free(saved);
    return seed;
}
