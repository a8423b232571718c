/*
 * decompose.c - the program split by specialist (Dantzig-Wolfe) and solved
 * by column generation on GLPK: a lower bound on every roster, stronger
 * than the compact program's relaxation where contracts bind, and a roster
 * made of the plans it generated.  The blocks and the master are built in
 * decompose_blocks.c, each block priced in decompose_price.c.
 *
 * At any duals of the right signs, the master rows' bounds they weigh, the
 * master's own columns at their cheapest and every block's least cost sum
 * to a lower bound on every roster (the Lagrangian bound).
 *
 * The blocks are priced at duals between the master's and those of the
 * best bound so far (the stability centre, at first the compact
 * relaxation's): the master's alone swing from one extreme to another
 * while its plans are few, and the bound with them.
 */
#include "decompose.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Wentges' smoothing: how far towards the stability centre the blocks
 * are priced (price_round). */
#define STABILITY 0.8
/* The box's first half-width, times the largest of the relaxation's duals
 * (and 1); it grows four times each time it binds at the end. */
#define BOX 0.1

/* The artificial columns' costs, which bound the master's duals: within
 * d->box of the stability centre's (du Merle's box), or, without a box,
 * ARTIFICIAL_COST. */
static void box_duals(struct dw *d)
{
    for (int col = 1; col <= d->ncols_master; col++) {
        if (d->col_block[col] != -2)
            continue;
        if (d->box == 0) {
            glp_set_obj_coef(d->master, col, ARTIFICIAL_COST);
            continue;
        }
        glp_get_mat_col(d->master, col, d->ind, d->val);
        double y = d->centre[d->ind[1]];
        glp_set_obj_coef(d->master, col, d->val[1] > 0 ? y + d->box : d->box - y);
    }
}

/* Whether the master's relaxation takes an artificial column. */
static bool artificial_used(const struct dw *d)
{
    for (int col = 1; col <= d->ncols_master; col++)
        if (d->col_block[col] == -2 && glp_get_col_prim(d->master, col) > 1e-9)
            return true;
    return false;
}

/* The master's relaxation, warm-started; 0 when solved to optimality. */
static int master_lp(struct dw *d, double deadline)
{
    glp_smcp smcp;
    glp_init_smcp(&smcp);
    smcp.msg_lev = GLP_MSG_OFF;
    double t0 = solver_now(), left = deadline - t0;
    smcp.tm_lim = left > 0.001 ? (int)(left * 1000) : 1;
    int rc = glp_simplex(d->master, &smcp);
    d->out->master_seconds += solver_now() - t0;
    return rc == 0 && glp_get_status(d->master) == GLP_OPT ? 0 : -1;
}

/* The least of slope * x for x between the bounds of a row or column of
 * this GLPK type: -HUGE_VAL where x is unbounded that way. */
static double at_bound(int type, double lb, double ub, double slope)
{
    if (slope > 0)
        return type == GLP_LO || type == GLP_DB || type == GLP_FX ? slope * lb : -HUGE_VAL;
    if (slope < 0)
        return type == GLP_UP || type == GLP_DB || type == GLP_FX ? slope * ub : -HUGE_VAL;
    return 0;
}

/* The Lagrangian bound at duals pi, all but the blocks' part: the
 * constant, each master row's bound that its dual weighs, and the
 * program's columns in the master at their cheapest bound under pi.
 * -HUGE_VAL when pi leaves one of them unbounded (a dual of the wrong
 * sign). */
static double lagrange_rest(const struct dw *d, const double *pi)
{
    double z = glp_get_obj_coef(d->master, 0);
    for (int i = 1; i <= d->nmaster; i++)
        z += at_bound(glp_get_row_type(d->master, i), glp_get_row_lb(d->master, i),
                      glp_get_row_ub(d->master, i), pi[i]);
    /* The program's own columns, at their cheapest bound (exactly: every
     * one of them is bounded); the artificial columns are no part of the
     * program. */
    for (int col = 1; col <= d->ncols_master; col++) {
        if (d->col_block[col] != -1)
            continue;
        double red = glp_get_obj_coef(d->master, col);
        int len = glp_get_mat_col(d->master, col, d->ind, d->val);
        for (int e = 1; e <= len; e++)
            red -= pi[d->ind[e]] * d->val[e];
        z += at_bound(glp_get_col_type(d->master, col), glp_get_col_lb(d->master, col),
                      glp_get_col_ub(d->master, col), red);
    }
    return z;
}

/* A dual of master row i of the right sign for its type (0 otherwise):
 * any such duals give a Lagrangian bound. */
static double signed_dual(glp_prob *master, int i, double y)
{
    return isfinite(at_bound(glp_get_row_type(master, i), 0, 0, y)) ? y : 0;
}

/* One round of pricing: every block not fixed (fixed may be NULL) priced
 * at duals d->pi, and each plan of negative reduced cost under the
 * master's duals added.  The blocks are priced at the master's duals
 * moved towards the stability centre by alpha (Wentges' smoothing: the
 * master's duals swing from one extreme to another while the plans are
 * few, the centre's gave the best bound so far); at alpha 1, at the
 * centre itself, every block to optimality.  *lagrange: the Lagrangian
 * bound at d->pi (-HUGE_VAL when a block was not priced); *exact: every
 * block priced to optimality.  A better bound moves the centre there.  0,
 * -1 when a block has no plan at all, -2 out of memory. */
static int price_round(struct dw *d, const bool *fixed, double alpha, double deadline,
                       const volatile sig_atomic_t *stop, bool *added, double *lagrange,
                       bool *exact)
{
    int rows = glp_get_num_rows(d->master);
    for (int i = 1; i <= rows; i++)
        d->dual[i] = glp_get_row_dual(d->master, i);
    if (!d->has_centre)
        alpha = 0;
    for (int i = 1; i <= d->nmaster; i++)
        d->pi[i] = alpha * d->centre[i] + (1 - alpha) * signed_dual(d->master, i, d->dual[i]);
    double blocks = 0;
    *exact = true;
    *added = false;
    for (int k = 0; k < d->nblocks; k++) {
        if (fixed && fixed[k])
            continue;
        struct block *b = &d->blocks[k];
        double mu_out = d->dual[b->convexity];
        double mu = alpha >= 1 ? HUGE_VAL : alpha * b->centre + (1 - alpha) * mu_out;
        int priced = dw_price(d, k, mu, deadline);
        if (priced < 0)
            return priced;
        *exact = *exact && b->exact;
        blocks += b->mult * b->value;
        if (b->fresh && dw_plan_price(d, k, b->plan, d->dual) - mu_out < -PRICE_TOLERANCE) {
            if (dw_add_plan(d, k, b->plan) != 0)
                return -2;
            *added = true;
        }
        if (solver_now() >= deadline || (stop && *stop)) {
            *exact = false;
            *lagrange = -HUGE_VAL;
            return 0;
        }
    }
    *lagrange = -HUGE_VAL;
    if (fixed)
        return 0; /* a bound of the dive's part only */
    double rest = lagrange_rest(d, d->pi), z = rest + blocks, size = 1 + fabs(rest);
    for (int k = 0; k < d->nblocks; k++)
        size += d->blocks[k].mult * (1 + fabs(d->blocks[k].value));
    if (!isfinite(z))
        return 0;
    if (!d->has_centre || z > d->best) {
        d->best = z;
        d->has_centre = true;
        memcpy(d->centre, d->pi, ((size_t)d->nmaster + 1) * sizeof(double));
        for (int k = 0; k < d->nblocks; k++)
            d->blocks[k].centre = d->blocks[k].value;
        if (d->box > 0)
            box_duals(d);
    }
    /* Every block gave its least cost or a lower bound on it: the
     * Lagrangian bound holds, less what GLPK's tolerances may have added to
     * each term (a tree prunes within 1e-7 of its incumbent, relative), ten
     * times over: the bound proves rosters optimal once rounded up, so it
     * must not sit above its true value. */
    *lagrange = z - 1e-6 * size;
    return 0;
}

/* Diving: fixes the plans the master's relaxation takes whole (or, when
 * none is, the one it takes most of), prices the other blocks again, and
 * goes on until every block has its plan (a class of twins, one per
 * specialist): a roster, into d->out when it is better than the one there.
 * A plan is fixed by a lower bound on its column: a class's plans may be
 * taken more than once.  The bounds are left as they were. */
static int dive(struct dw *d, double deadline, const volatile sig_atomic_t *stop)
{
    int total = 0;
    for (int k = 0; k < d->nblocks; k++)
        total += d->blocks[k].mult;
    bool *fixed = calloc(nz((size_t)d->nblocks), sizeof(bool));
    int *taken = calloc(nz((size_t)d->nblocks), sizeof(int)); /* specialists with a fixed plan */
    int *fixed_col = calloc(nz((size_t)total), sizeof(int)), nfixed = 0, rc = -1;
    if (!fixed || !taken || !fixed_col)
        goto out;
    while (nfixed < total && solver_now() < deadline && !(stop && *stop)) {
        /* Price the blocks still free until no plan enters (a few rounds). */
        bool added = true, exact;
        double lagrange;
        for (int round = 0; added && round < 5; round++) {
            if (master_lp(d, deadline) != 0)
                goto done;
            int priced = price_round(d, fixed, 0, deadline, stop, &added, &lagrange, &exact);
            if (priced == -2)
                goto out;
            if (priced == -1)
                goto done;
        }
        if (master_lp(d, deadline) != 0)
            goto done;
        /* A place that only an artificial column takes, and no plan left
         * to enter (every free block priced exactly): the plans fixed so
         * far leave no roster. */
        if (!added && exact && artificial_used(d))
            goto done;
        int best = 0, before = nfixed;
        double most = 0;
        for (int col = 1; col <= d->ncols_master; col++) {
            int k = d->col_block[col];
            if (k < 0 || fixed[k])
                continue;
            double lb = glp_get_col_lb(d->master, col), v = glp_get_col_prim(d->master, col) - lb;
            int whole = (int)floor(v + 1e-6);
            if (whole > d->blocks[k].mult - taken[k])
                whole = d->blocks[k].mult - taken[k];
            if (whole >= 1) {
                glp_set_col_bnds(d->master, col, GLP_LO, lb + whole, 0);
                fixed_col[nfixed] = col;
                nfixed += whole;
                taken[k] += whole;
                fixed[k] = taken[k] == d->blocks[k].mult;
            } else if (v > most) {
                most = v;
                best = col;
            }
        }
        if (nfixed == before && best) {
            int k = d->col_block[best];
            glp_set_col_bnds(d->master, best, GLP_LO, glp_get_col_lb(d->master, best) + 1, 0);
            fixed_col[nfixed++] = best;
            fixed[k] = ++taken[k] == d->blocks[k].mult;
        } else if (nfixed == before) {
            goto done;
        }
    }
    /* Every block fixed: the roster, when no artificial column is used and
     * the master's own integer columns are whole. */
    if (nfixed == total && master_lp(d, deadline) == 0) {
        bool whole = true;
        for (int col = 1; col <= d->ncols_master && whole; col++) {
            double v = glp_get_col_prim(d->master, col);
            whole = d->col_block[col] == -2 ? v == 0 : fabs(v - floor(v + 0.5)) < 1e-6;
        }
        double cost = glp_get_obj_val(d->master);
        if (whole && cost < d->out->cost) {
            double *x = d->out->x ? d->out->x : malloc(((size_t)d->n + 1) * sizeof(double));
            if (!x)
                goto out;
            dw_program_values(d, false, x);
            for (int j = 1; j <= d->n; j++)
                if (fabs(x[j] - floor(x[j] + 0.5)) < 1e-6)
                    x[j] = floor(x[j] + 0.5);
            cost = model_objective(d->m, x); /* of the roster, whole */
            d->out->x = x;
            d->out->cost = cost;
            d->out->dived = true;
        }
    }
done:
    rc = 0;
    d->out->dive_fixed = nfixed;
out:
    for (int i = 0; fixed_col && i < nfixed; i++)
        if (fixed_col[i])
            glp_set_col_bnds(d->master, fixed_col[i], GLP_LO, 0, 0);
    free(fixed);
    free(taken);
    free(fixed_col);
    return rc;
}

int dw_solve(const struct model *m, const struct dw_task *task, struct dw_result *out)
{
    const double *start = task->start, *duals = task->duals;
    double deadline = task->deadline;
    const volatile sig_atomic_t *stop = task->stop;
    memset(out, 0, sizeof(*out));
    out->bound = -HUGE_VAL;
    out->cost = HUGE_VAL;
    struct dw d;
    int rc = -1;
    if (dw_open(&d, m, task->dp, !task->apart, out) != 0)
        goto out;
    out->blocks = d.nblocks;
    out->master_rows = d.nmaster;
    /* The first plans: the roster given, block by block. */
    double start_cost = start ? model_objective(m, start) : HUGE_VAL;
    for (int k = 0; start && k < d.nblocks; k++) {
        const struct block *b = &d.blocks[k];
        for (int i = 0; i < b->mult; i++) {
            for (int c = 0; c < b->ncols; c++)
                b->plan[c] = start[dw_block_cols(b, i)[c]];
            if (dw_add_plan(&d, k, b->plan) != 0)
                goto out;
        }
    }
    /* The compact relaxation's duals, when given, are the first centre:
     * at them the bound is already about the relaxation's (less what the
     * symmetry rows of twins priced as one gave it). */
    bool at_centre = duals != NULL, mispriced = false, optimal = false;
    for (int i = 1; duals && i <= d.nrows; i++)
        if (d.master_row[i])
            d.centre[d.master_row[i]] = signed_dual(d.master, d.master_row[i], duals[i]);
    d.has_centre = at_centre;
    /* The master's duals kept within a box around the centre (its
     * artificial columns' costs), until its relaxation needs none of them
     * or the box has grown to take in every dual. */
    if (duals) {
        double most = 0;
        for (int i = 1; i <= d.nmaster; i++)
            most = fmax(most, fabs(d.centre[i]));
        d.box = BOX * (1 + most);
        box_duals(&d);
    }
    for (;;) {
        if (solver_now() >= deadline || (stop && *stop))
            break;
        if (master_lp(&d, deadline) != 0)
            break;
        double z = glp_get_obj_val(d.master), lagrange;
        double alpha = !d.has_centre || mispriced ? 0 : at_centre ? 1 : STABILITY;
        bool exact, added;
        double t1 = solver_now();
        out->iterations++;
        int priced = price_round(&d, NULL, alpha, deadline, stop, &added, &lagrange, &exact);
        out->pricing_seconds += solver_now() - t1;
        if (priced == -2)
            goto out;
        if (priced == -1) { /* a block with no plan: no roster at all */
            out->infeasible = true;
            break;
        }
        out->lp = z;
        if (lagrange > out->bound) {
            out->bound = lagrange;
            if (task->bound)
                task->bound(lagrange, task->info);
        }
        if (isfinite(lagrange))
            at_centre = false;
        /* Done when the bound meets the master's value, or when rounded up
         * (the objective is an integer) it can rise no further; with an
         * artificial column in the master, its value is only the box's,
         * and the box grows instead. */
        bool boxed = d.box > 0 && artificial_used(&d);
        bool met = z - d.best <= 1e-6 * (1 + fabs(z)) || ceil(out->bound - 1e-6) >= ceil(z - 1e-6);
        if (met && !boxed) {
            out->proven = true;
            break;
        }
        if (ceil(out->bound - 1e-6) >= start_cost - 1e-6) {
            optimal = true;     /* nothing to gain from the plans: the roster given */
            out->proven = true; /* nor from the bound, once rounded up */
            out->x = malloc(((size_t)d.n + 1) * sizeof(double));
            if (!out->x)
                goto out;
            memcpy(out->x, start, ((size_t)d.n + 1) * sizeof(double));
            out->cost = start_cost;
            break;
        }
        if (!added && alpha > 0 && !met) {
            out->mispriced++; /* at the master's own duals next */
            mispriced = true;
            continue;
        }
        mispriced = false;
        if (boxed && (met || !added)) {
            d.box = d.box >= ARTIFICIAL_COST / 16 ? 0 : 4 * d.box;
            box_duals(&d);
            out->boxes++;
            continue;
        }
        if (!added && exact) {
            out->proven = alpha == 0;
            break;
        }
        /* Else plans were added, or a block's program ran out of its time
         * and gets twice as much the next round. */
    }
    /* The dive gets half of the time left, the integer master the rest.
     * Neither may take an artificial column. */
    d.box = 0;
    box_duals(&d);
    if (!out->infeasible && !optimal &&
        dive(&d, solver_now() + 0.5 * (deadline - solver_now()), stop) != 0)
        goto out;
    out->plans = d.ncols_master;
    /* A roster from the plans: the master as an integer program, each
     * block taking one of its plans. */
    if (!out->infeasible && !optimal && solver_now() < deadline && !(stop && *stop)) {
        for (int col = 1; col <= d.ncols_master; col++) {
            int k = d.col_block[col];
            if (k >= 0)
                glp_set_col_kind(d.master, col, d.blocks[k].mult > 1 ? GLP_IV : GLP_BV);
            else if (k == -2)
                glp_set_col_bnds(d.master, col, GLP_FX, 0, 0);
        }
        for (int j = 1; j <= d.n; j++)
            if (d.master_col[j])
                glp_set_col_kind(d.master, d.master_col[j], store_col_kind(d.prog, j));
        glp_iocp parm;
        glp_init_iocp(&parm);
        parm.msg_lev = GLP_MSG_OFF;
        parm.presolve = GLP_ON;
        double left = deadline - solver_now();
        parm.tm_lim = left > 0.001 ? (int)(left * 1000) : 1;
        int r = glp_intopt(d.master, &parm);
        int status = glp_mip_status(d.master);
        if ((r == 0 || r == GLP_ETMLIM) && (status == GLP_OPT || status == GLP_FEAS) &&
            glp_mip_obj_val(d.master) < out->cost) {
            if (!out->x)
                out->x = malloc(((size_t)d.n + 1) * sizeof(double));
            if (out->x) {
                dw_program_values(&d, true, out->x);
                out->cost = glp_mip_obj_val(d.master);
                out->dived = false;
            }
        }
    }
    rc = 0;
out:
    dw_free(&d);
    return rc;
}
