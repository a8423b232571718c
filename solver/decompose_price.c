/*
 * decompose_price.c - the pricing problem of one block of the program
 * split by specialist (decompose.h): its own rows as a small GLPK program,
 * or its dynamic programme (price.c) where the rules can say their rows as
 * a state, whichever has priced it faster; its costs less the master rows'
 * duals.  A program that does not finish in time gives its tree's bound
 * (or its relaxation's) instead of its least cost, which keeps the
 * Lagrangian bound valid.
 */
#include "decompose.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The programme's first try at a block, before the program has given a
 * yardstick: seconds. */
#define FIRST_TRY 0.05
/* A block's program's first time limit per pricing, seconds (doubled each
 * time it runs out). */
#define BLOCK_TIME 0.5

/* Block k's plan of the dynamic programme (b->dp) as values of all its
 * columns: its assignments fixed, GLPK settles the rest (the rules' own
 * columns), and the cost it finds must be the programme's.  0, or 1 when
 * they differ (the block is priced by program from then on). */
static int complete_plan(struct dw *d, int k, double value, double deadline)
{
    struct block *b = &d->blocks[k];
    const struct rules *r = d->m->r;
    for (size_t u = 0; u < r->nunits; u++)
        if (b->xlocal[u])
            glp_set_col_bnds(b->lp, b->xlocal[u], GLP_FX, d->take[u], d->take[u]);
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.presolve = GLP_ON;
    double left = deadline - solver_now();
    parm.tm_lim = left > 0.001 ? (left < 1e6 ? (int)(left * 1000) : INT_MAX) : 1;
    int rc = glp_intopt(b->lp, &parm);
    bool ok = rc == 0 && glp_mip_status(b->lp) == GLP_OPT &&
              fabs(glp_mip_obj_val(b->lp) - value) <= 1e-6 * (1 + fabs(value));
    if (ok)
        for (int c = 0; c < b->ncols; c++)
            b->plan[c] = glp_mip_col_val(b->lp, c + 1);
    for (size_t u = 0; u < r->nunits; u++)
        if (b->xlocal[u]) {
            int j = b->cols[b->xlocal[u] - 1];
            glp_set_col_bnds(b->lp, b->xlocal[u], store_col_type(d->prog, j),
                             store_col_lb(d->prog, j), store_col_ub(d->prog, j));
        }
    return ok ? 0 : 1;
}

/* Prices block k by its dynamic programme: as dw_price() below; 1 when the
 * programme cannot (the block is priced by program from then on). */
static int price_dp(struct dw *d, int k, double mu, double deadline)
{
    struct block *b = &d->blocks[k];
    const struct rules *r = d->m->r;
    for (size_t u = 0; u < r->nunits; u++)
        d->xcost[u] = b->xlocal[u] ? glp_get_obj_coef(b->lp, b->xlocal[u]) : 0;
    /* At most as long as the program takes (a first try: FIRST_TRY). */
    double value, t0 = solver_now();
    double budget = b->mip_time ? fmax(b->mip_time, 0.005) : FIRST_TRY;
    int rc = pricer_run(b->dp, d->xcost, b->hint, fmin(t0 + budget, deadline), d->take, &value);
    d->out->dp_seconds += solver_now() - t0;
    /* b->value and b->exact only once the plan is confirmed (or none
     * enters): the program's way keeps the relaxation's otherwise. */
    if (rc == 0) {
        bool enters = value - mu < -PRICE_TOLERANCE;
        if (!enters || complete_plan(d, k, value, deadline) == 0) {
            b->value = value;
            b->exact = true;
            b->fresh = enters;
            d->out->dp_priced++;
            return 0;
        }
        d->out->dp_mismatch++;
    }
    if (rc < 0)
        return -2;
    if (rc == 1)
        b->dp_out_of_time++;
    if (rc == 0) { /* its plan's cost was not confirmed: not again */
        pricer_close(b->dp);
        b->dp = NULL;
    }
    return 1;
}

/* A block's time per pricing, one way, as it goes (0: not tried yet). */
static double timed(double before, double now)
{
    return before == 0 ? now : 0.7 * before + 0.3 * now;
}

/* Whether block b is priced by its dynamic programme this time: whichever
 * of the two has priced it faster so far (the programme's states can grow
 * where a program stays small, and the other way round).  The programme
 * tries first (FIRST_TRY), then the program gives the yardstick.  No more
 * tries once the programme has twice run out of time.  When it is the faster, the
 * program is tried again every eighth pricing; when it is the slower, it
 * is tried again after four times as many pricings. */
static bool by_programme(struct block *b)
{
    b->uses++;
    if (b->dp_out_of_time >= 2)
        return false;
    if (b->dp_time == 0 || b->mip_time == 0)
        return b->dp_time == 0;
    if (b->dp_time <= b->mip_time)
        return b->uses % 8 != 0;
    if (b->uses < b->retry)
        return false;
    b->retry = 4 * b->uses;
    return true;
}

double dw_priced_cost(const struct dw *d, int j, const double *y)
{
    double cost = d->prog->cost[j];
    for (int e = 0; e < d->nlinks[j]; e++)
        cost -= y[d->links[j][e].row] * d->links[j][e].val;
    return cost;
}

double dw_plan_price(const struct dw *d, int k, const double *plan, const double *y)
{
    const struct block *b = &d->blocks[k];
    double price = 0;
    for (int c = 0; c < b->ncols; c++)
        if (plan[c] != 0)
            price += dw_priced_cost(d, b->cols[c], y) * plan[c];
    return price;
}

/* What the block's tree is given and keeps: the cheapest plan the master
 * holds for the block (1-based over its columns, or NULL), offered as its
 * first roster, and the tree's bound so far (its best active node's: a
 * lower bound on every plan, when the tree does not finish). */
struct tree_info {
    const double *first;
    bool offered;
    double bound;
};

static void tree_cb(glp_tree *tree, void *info)
{
    struct tree_info *t = info;
    if (glp_ios_reason(tree) == GLP_IHEUR && t->first && !t->offered) {
        t->offered = true;
        glp_ios_heur_sol(tree, t->first);
    }
    int best = glp_ios_best_node(tree);
    if (best)
        t->bound = glp_ios_node_bound(tree, best);
}

/* The cheapest plan of block k in the master at duals d->pi, into
 * d->first (1-based); false when it holds none. */
static bool cheapest_plan(struct dw *d, int k)
{
    const struct block *b = &d->blocks[k];
    int best = 0;
    double least = HUGE_VAL;
    for (int col = 1; col <= d->ncols_master; col++) {
        if (d->col_block[col] != k)
            continue;
        double v = dw_plan_price(d, k, d->col_plan[col], d->pi);
        if (v < least)
            least = v, best = col;
    }
    if (!best)
        return false;
    memcpy(d->first + 1, d->col_plan[best], (size_t)b->ncols * sizeof(double));
    return true;
}

int dw_price(struct dw *d, int k, double mu, double deadline)
{
    struct block *b = &d->blocks[k];
    b->fresh = false;
    for (int c = 0; c < b->ncols; c++)
        glp_set_obj_coef(b->lp, c + 1, dw_priced_cost(d, b->cols[c], d->pi));
    /* The relaxation first, from the last basis (only costs changed): it
     * bounds the block from below, and where that bound leaves no plan
     * below mu, the integer program is not needed. */
    glp_smcp smcp;
    glp_init_smcp(&smcp);
    smcp.msg_lev = GLP_MSG_OFF;
    double left = deadline - solver_now();
    smcp.tm_lim = left > 0.001 ? (int)(left * 1000) : 1;
    int rc = glp_simplex(b->lp, &smcp);
    if (rc == 0 && glp_get_status(b->lp) == GLP_NOFEAS)
        return -1;
    if (rc != 0 || glp_get_status(b->lp) != GLP_OPT) {
        b->exact = false;
        b->value = -HUGE_VAL;
        return 0;
    }
    b->value = glp_get_obj_val(b->lp);
    if (b->value - mu >= -PRICE_TOLERANCE) {
        b->exact = true; /* no plan can enter: the relaxation's value bounds it */
        return 0;
    }
    if (b->dp && by_programme(b)) {
        double t0 = solver_now();
        int dp = price_dp(d, k, mu, deadline);
        b->dp_time = timed(b->dp_time, solver_now() - t0);
        if (dp != 1)
            return dp;
    }
    /* At most the block's own time limit: a block whose program runs out
     * of it gives its tree's bound and its best plan this round, and
     * twice the time the next. */
    double t0 = solver_now();
    struct tree_info tree = {cheapest_plan(d, k) ? d->first : NULL, false, -HUGE_VAL};
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.cb_func = tree_cb; /* with presolve off: the plan it offers is over b->lp's columns */
    parm.cb_info = &tree;
    if (b->cap == 0)
        b->cap = BLOCK_TIME;
    left = fmin(deadline - solver_now(), b->cap);
    parm.tm_lim = left > 0.001 ? (int)(left * 1000) : 1;
    rc = glp_intopt(b->lp, &parm);
    int status = glp_mip_status(b->lp);
    b->exact = rc == 0 && status == GLP_OPT;
    b->mip_time = timed(b->mip_time, solver_now() - t0);
    if (status == GLP_NOFEAS)
        return -1;
    if (b->exact || status == GLP_FEAS) {
        for (int c = 0; c < b->ncols; c++)
            b->plan[c] = glp_mip_col_val(b->lp, c + 1);
        /* Unfinished: the plan found may still improve the master. */
        b->fresh = glp_mip_obj_val(b->lp) - mu < -PRICE_TOLERANCE;
    }
    if (b->exact) {
        b->value = glp_mip_obj_val(b->lp);
    } else {
        /* The tree's bound, or its incumbent when lower. */
        double bound = status == GLP_FEAS ? fmin(tree.bound, glp_mip_obj_val(b->lp)) : tree.bound;
        b->value = fmax(b->value, bound);
        if (rc == GLP_ETMLIM && solver_now() < deadline)
            b->cap *= 2;
    }
    return 0;
}

int dw_price_agree(const struct model *m, unsigned seed, int rounds, struct dw_agree *out)
{
    memset(out, 0, sizeof(*out));
    struct dw_result res = {0};
    struct dw d;
    int rc = -1;
    if (dw_open(&d, m, true, true, &res) != 0)
        goto out;
    if (!seed)
        seed = 1;
    const struct rules *r = m->r;
    for (int round = 0; round < rounds; round++)
        for (int k = 0; k < d.nblocks; k++) {
            struct block *b = &d.blocks[k];
            if (!b->dp) {
                out->by_program++;
                continue;
            }
            /* Duals as the master might give: most assignments worth taking. */
            for (int c = 0; c < b->ncols; c++)
                glp_set_obj_coef(b->lp, c + 1, d.prog->cost[b->cols[c]]);
            for (size_t u = 0; u < r->nunits; u++)
                if (b->xlocal[u]) {
                    double dual = (double)(xorshift32(&seed) % 2500) / 100.0 - 5;
                    double cost = d.prog->cost[b->cols[b->xlocal[u] - 1]] - dual;
                    glp_set_obj_coef(b->lp, b->xlocal[u], cost);
                    d.xcost[u] = cost;
                }
            double value;
            int dprc = pricer_run(b->dp, d.xcost, NULL, HUGE_VAL, d.take, &value);
            if (dprc < 0)
                goto out;
            if (dprc == 1) {
                out->too_many++;
                continue;
            }
            glp_iocp parm;
            glp_init_iocp(&parm);
            parm.msg_lev = GLP_MSG_OFF;
            parm.presolve = GLP_ON;
            int prc = glp_intopt(b->lp, &parm), status = glp_mip_status(b->lp);
            out->compared++;
            if (prc != 0 && status != GLP_NOFEAS) {
                out->unsolved++;
                continue;
            }
            if ((dprc == 2) != (status == GLP_NOFEAS)) {
                out->disagree++;
                continue;
            }
            if (dprc == 2)
                continue;
            double gap = fabs(glp_mip_obj_val(b->lp) - value);
            if (gap > out->worst)
                out->worst = gap;
            if (gap > 1e-6 * (1 + fabs(value))) {
                out->disagree++;
                if (out->disagree == 1) {
                    out->spec = b->spec;
                    out->dp_value = value;
                    out->program_value = glp_mip_obj_val(b->lp);
                }
            }
            /* The programme's own plan costs what it says under the rows. */
            if (complete_plan(&d, k, value, HUGE_VAL) != 0)
                out->plan_wrong++;
            /* Bounded by the program's plan, the programme finds the same. */
            unsigned char *hint = malloc(nz(r->nunits));
            if (!hint)
                goto out;
            for (size_t u = 0; u < r->nunits; u++)
                hint[u] = b->xlocal[u] && glp_mip_col_val(b->lp, b->xlocal[u]) > 0.5;
            double bounded;
            dprc = pricer_run(b->dp, d.xcost, hint, HUGE_VAL, d.take, &bounded);
            free(hint);
            if (dprc < 0)
                goto out;
            if (dprc != 0 || fabs(bounded - value) > 1e-6 * (1 + fabs(value)))
                out->disagree++;
            if (complete_plan(&d, k, bounded, HUGE_VAL) != 0)
                out->plan_wrong++;
        }
    rc = 0;
out:
    dw_free(&d);
    return rc;
}
