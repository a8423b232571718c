/*
 * decompose.c - the program split by specialist (Dantzig-Wolfe) and solved
 * by column generation on GLPK: a lower bound on every roster, stronger
 * than the compact program's relaxation where contracts bind, and a roster
 * made of the plans it generated.
 *
 * The blocks come from the program itself, so that every rule's rows take
 * part and no rule is written twice: a row whose columns belong to one
 * specialist (their assignments, or columns already joined to them) joins
 * that specialist's block with every column it touches; a row that touches
 * columns of several specialists (coverage, the order of interchangeable
 * specialists, a count over all of them) stays in the master, as do the
 * columns that no specialist owns (places left open, for instance).
 *
 * The master holds, per block, the plans generated so far (one column each:
 * the plan's cost and its coefficients in the master rows) and a convexity
 * row.  A block's pricing problem is its own rows as a small GLPK program
 * (or its dynamic programme, price.c), its costs less the master rows'
 * duals.  At any duals of the right signs, the rows' bounds they weigh,
 * the master's own columns at their cheapest and every block's least cost
 * sum to a lower bound on every roster (the Lagrangian bound); a block
 * whose program does not finish in time gives its relaxation's value
 * instead, which keeps the bound valid.
 *
 * The blocks are priced at duals between the master's and those of the
 * best bound so far (the stability centre, at first the compact
 * relaxation's): the master's alone swing from one extreme to another
 * while its plans are few, and the bound with them.
 */
#include "solver_internal.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A plan enters the master when its reduced cost is below minus this. */
#define PRICE_TOLERANCE 1e-6
/* The programme's first try at a block, before the program has given a
 * yardstick: seconds. */
#define FIRST_TRY 0.05
/* A block's program's first time limit per pricing, seconds (doubled each
 * time it runs out). */
#define BLOCK_TIME 0.5
/* Wentges' smoothing: how far towards the stability centre the blocks
 * are priced (price_round). */
#define STABILITY 0.8
/* The cost of the master's artificial columns, which keep it feasible
 * whatever plans it holds: far above any roster's; or, given the
 * relaxation's duals, this many times their largest. */
#define ARTIFICIAL_COST 1e7
/* The box's first half-width, times the largest of the relaxation's duals
 * (and 1); it grows four times each time it binds at the end. */
#define BOX 0.1

struct entry {
    int row; /* master row */
    double val;
};

struct block {
    int *cols; /* the program's columns, in order */
    int ncols;
    glp_prob *lp;  /* its rows and its columns: the pricing problem */
    int convexity; /* its row in the master */
    double *plan;  /* the last plan priced, over cols */
    double value;  /* the last pricing's least cost, or a lower bound on it */
    bool exact;    /* no plan of lower cost than the last pricing's left to find */
    bool fresh;    /* plan holds a plan found by the last pricing, below its mu */
    double centre; /* its value at the stability centre */
    int spec;
    struct pricer *dp;        /* pricing by dynamic programme, or NULL: by program */
    double dp_time, mip_time; /* per pricing, each way (by_programme) */
    int uses, retry;
    int dp_out_of_time;  /* pricings the programme gave up for time */
    double cap;          /* seconds its program may take this round (0: BLOCK_TIME) */
    int *xlocal;         /* per unit: the column of spec's assignment, or 0 */
    unsigned char *hint; /* per unit: the last plan added (the programme's bound), or NULL */
};

struct dw {
    const struct model *m;
    glp_prob *lp; /* the program */
    int n;        /* its columns */
    int nrows;
    int *owner;           /* per column: block, or -1 (a master column) */
    int *master_row;      /* per row of the program: its row in the master, or 0 */
    int nmaster;          /* master rows of the program (then the convexity rows) */
    struct entry **links; /* per column: its coefficients in master rows */
    int *nlinks;
    struct block *blocks;
    int nblocks;
    glp_prob *master;
    int *master_col; /* per column of the program: its master column, or 0 */
    /* Per master column: the block of its plan (or -1) and the plan. */
    int *col_block;
    double **col_plan;
    int ncols_master;
    int cap;
    int *ind; /* scratch: max(rows, columns) + 1 */
    double *val;
    double *dense; /* per master row */
    double *xcost; /* per unit */
    unsigned char *take;
    /* Per master row (1-based; the convexity rows last): the master's
     * duals, the duals the blocks are priced at, and the stability centre
     * (the duals of the best Lagrangian bound so far). */
    double *dual, *pi, *centre;
    double *first; /* scratch: a block's plan, 1-based */
    bool has_centre;
    double box;  /* the half-width of the master's duals' box, or 0 */
    double best; /* the Lagrangian bound at the centre */
    struct dw_result *out;
};

static int find(int *parent, int j)
{
    while (parent[j] != j) {
        parent[j] = parent[parent[j]];
        j = parent[j];
    }
    return j;
}

/* The blocks and the master rows (see the top of this file). */
static int split(struct dw *d)
{
    const struct rules *r = d->m->r;
    int n = d->n, rows = d->nrows, rc = -1;
    int *parent = malloc(((size_t)n + 1) * sizeof(int));
    int *spec = malloc(((size_t)n + 1) * sizeof(int));  /* per root: specialist, or -1 */
    unsigned char *state = calloc((size_t)rows + 1, 1); /* 0 open, 1 block, 2 master */
    int *block_of = malloc((r->ns + 1) * sizeof(int));
    if (!parent || !spec || !state || !block_of)
        goto out;
    for (int j = 0; j <= n; j++)
        parent[j] = j, spec[j] = -1;
    for (size_t u = 0; u < r->nunits; u++)
        for (size_t s = 0; s < r->ns; s++)
            if (d->m->xcol[u * r->ns + s])
                spec[d->m->xcol[u * r->ns + s]] = (int)s;
    for (bool changed = true; changed;) {
        changed = false;
        for (int i = 1; i <= rows; i++) {
            if (state[i])
                continue;
            int len = glp_get_mat_row(d->lp, i, d->ind, d->val), who = -1;
            for (int k = 1; k <= len && who != -2; k++) {
                int o = spec[find(parent, d->ind[k])];
                if (o >= 0)
                    who = who >= 0 && who != o ? -2 : o;
            }
            if (len == 0) {
                state[i] = 1; /* empty: nowhere */
                continue;
            }
            if (who == -2) {
                state[i] = 2;
                continue;
            }
            if (who < 0)
                continue; /* no owner yet; maybe after another row */
            state[i] = 1;
            changed = true;
            int root = find(parent, d->ind[1]);
            for (int k = 2; k <= len; k++) {
                int other = find(parent, d->ind[k]);
                if (other != root)
                    parent[other] = root;
            }
            spec[root] = who;
        }
    }
    for (size_t s = 0; s < r->ns; s++)
        block_of[s] = -1;
    d->blocks = calloc(r->ns + 1, sizeof(*d->blocks));
    if (!d->blocks)
        goto out;
    for (int j = 1; j <= n; j++) {
        int o = spec[find(parent, j)];
        d->owner[j] = -1;
        if (o < 0)
            continue;
        if (block_of[o] < 0) {
            block_of[o] = d->nblocks++;
            d->blocks[block_of[o]].spec = o;
        }
        struct block *b = &d->blocks[block_of[o]];
        int *grown = realloc(b->cols, ((size_t)b->ncols + 1) * sizeof(int));
        if (!grown)
            goto out;
        b->cols = grown;
        b->cols[b->ncols++] = j;
        d->owner[j] = block_of[o];
    }
    for (int i = 1; i <= rows; i++)
        d->master_row[i] = state[i] != 1 ? ++d->nmaster : 0;
    rc = 0;
out:
    free(parent);
    free(spec);
    free(state);
    free(block_of);
    return rc;
}

/* Each block's rows and columns as a GLPK program of its own, and each
 * column's coefficients in the master rows. */
static int build_blocks(struct dw *d)
{
    int *local = calloc((size_t)d->n + 1, sizeof(int)); /* column in its block */
    if (!local)
        return -1;
    for (int k = 0; k < d->nblocks; k++) {
        struct block *b = &d->blocks[k];
        b->lp = glp_create_prob();
        b->plan = calloc((size_t)b->ncols + 1, sizeof(double));
        if (!b->lp || !b->plan) {
            free(local);
            return -1;
        }
        glp_set_obj_dir(b->lp, GLP_MIN);
        glp_add_cols(b->lp, b->ncols);
        for (int c = 0; c < b->ncols; c++) {
            int j = b->cols[c];
            local[j] = c + 1;
            glp_set_col_kind(b->lp, c + 1, glp_get_col_kind(d->lp, j));
            glp_set_col_bnds(b->lp, c + 1, glp_get_col_type(d->lp, j), glp_get_col_lb(d->lp, j),
                             glp_get_col_ub(d->lp, j));
        }
    }
    for (int i = 1; i <= d->nrows; i++) {
        if (d->master_row[i])
            continue;
        int len = glp_get_mat_row(d->lp, i, d->ind, d->val);
        if (!len)
            continue;
        struct block *b = &d->blocks[d->owner[d->ind[1]]];
        for (int k = 1; k <= len; k++)
            d->ind[k] = local[d->ind[k]];
        int row = glp_add_rows(b->lp, 1);
        glp_set_row_bnds(b->lp, row, glp_get_row_type(d->lp, i), glp_get_row_lb(d->lp, i),
                         glp_get_row_ub(d->lp, i));
        glp_set_mat_row(b->lp, row, len, d->ind, d->val);
    }
    free(local);
    for (int j = 1; j <= d->n; j++) {
        int len = glp_get_mat_col(d->lp, j, d->ind, d->val), m = 0;
        d->links[j] = malloc(((size_t)len + 1) * sizeof(struct entry));
        if (!d->links[j])
            return -1;
        for (int k = 1; k <= len; k++)
            if (d->master_row[d->ind[k]])
                d->links[j][m++] = (struct entry){d->master_row[d->ind[k]], d->val[k]};
        d->nlinks[j] = m;
    }
    return 0;
}

/* The blocks priced by dynamic programme: each specialist's own (one
 * block each) whose rules all say their rows as a state. */
static int open_pricers(struct dw *d)
{
    const struct rules *r = d->m->r;
    size_t ns = r->ns;
    int *pos = calloc((size_t)d->n + 1, sizeof(int)); /* column in its block + 1 */
    if (!pos)
        return -1;
    for (int k = 0; k < d->nblocks; k++)
        for (int c = 0; c < d->blocks[k].ncols; c++)
            pos[d->blocks[k].cols[c]] = c + 1;
    for (int k = 0; k < d->nblocks; k++) {
        struct block *b = &d->blocks[k];
        b->xlocal = calloc(nz(r->nunits), sizeof(int));
        if (!b->xlocal || pricer_open(&b->dp, d->m, b->spec) < 0) {
            free(pos);
            return -1;
        }
        for (size_t u = 0; u < r->nunits; u++) {
            int j = d->m->xcol[u * ns + (size_t)b->spec];
            if (j && d->owner[j] == k)
                b->xlocal[u] = pos[j];
            else if (j && b->dp) { /* not in its block: the program's way */
                pricer_close(b->dp);
                b->dp = NULL;
            }
        }
    }
    free(pos);
    return 0;
}

/* Room for one more master column. */
static int master_room(struct dw *d)
{
    if (d->ncols_master < d->cap)
        return 0;
    int cap = d->cap ? 2 * d->cap : 64;
    int *cb = realloc(d->col_block, ((size_t)cap + 1) * sizeof(int));
    if (!cb)
        return -1;
    d->col_block = cb;
    double **cp = realloc(d->col_plan, ((size_t)cap + 1) * sizeof(double *));
    if (!cp)
        return -1;
    d->col_plan = cp;
    d->cap = cap;
    return 0;
}

/* Adds the plan of block k (values over its columns) to the master. */
static int add_plan(struct dw *d, int k, const double *values)
{
    struct block *b = &d->blocks[k];
    if (master_room(d) != 0)
        return -1;
    double *plan = malloc(((size_t)b->ncols + 1) * sizeof(double));
    if (!plan)
        return -1;
    memcpy(plan, values, (size_t)b->ncols * sizeof(double));
    double cost = 0;
    int nz = 0;
    for (int c = 0; c < b->ncols; c++) {
        int j = b->cols[c];
        if (values[c] == 0)
            continue;
        cost += glp_get_obj_coef(d->lp, j) * values[c];
        for (int e = 0; e < d->nlinks[j]; e++) {
            int row = d->links[j][e].row;
            if (d->dense[row] == 0)
                d->ind[++nz] = row;
            d->dense[row] += d->links[j][e].val * values[c];
            if (d->dense[row] == 0) /* cancelled: keep a tiny mark */
                d->dense[row] = 1e-300;
        }
    }
    int len = 0;
    for (int e = 1; e <= nz; e++) {
        int row = d->ind[e];
        double v = d->dense[row] == 1e-300 ? 0 : d->dense[row];
        d->dense[row] = 0;
        if (v != 0) {
            d->ind[++len] = row;
            d->val[len] = v;
        }
    }
    d->ind[++len] = b->convexity;
    d->val[len] = 1;
    int col = glp_add_cols(d->master, 1);
    glp_set_col_bnds(d->master, col, GLP_LO, 0, 0);
    glp_set_obj_coef(d->master, col, cost);
    glp_set_mat_col(d->master, col, len, d->ind, d->val);
    d->ncols_master = col;
    d->col_block[col] = k;
    d->col_plan[col] = plan;
    if (b->dp && !b->hint)
        b->hint = malloc(d->m->r->nunits + 1);
    for (size_t u = 0; b->hint && u < d->m->r->nunits; u++)
        b->hint[u] = b->xlocal[u] && values[b->xlocal[u] - 1] > 0.5;
    return 0;
}

/* The master: the program's master rows and columns, a convexity row per
 * block, and an artificial column each way per master row. */
static int build_master(struct dw *d)
{
    d->master = glp_create_prob();
    if (!d->master)
        return -1;
    glp_set_obj_dir(d->master, GLP_MIN);
    glp_set_obj_coef(d->master, 0, glp_get_obj_coef(d->lp, 0));
    if (d->nmaster)
        glp_add_rows(d->master, d->nmaster);
    for (int i = 1; i <= d->nrows; i++)
        if (d->master_row[i])
            glp_set_row_bnds(d->master, d->master_row[i], glp_get_row_type(d->lp, i),
                             glp_get_row_lb(d->lp, i), glp_get_row_ub(d->lp, i));
    for (int k = 0; k < d->nblocks; k++) {
        d->blocks[k].convexity = glp_add_rows(d->master, 1);
        glp_set_row_bnds(d->master, d->blocks[k].convexity, GLP_FX, 1, 1);
    }
    for (int j = 1; j <= d->n; j++) {
        if (d->owner[j] >= 0)
            continue;
        if (master_room(d) != 0)
            return -1;
        int col = glp_add_cols(d->master, 1);
        glp_set_col_bnds(d->master, col, glp_get_col_type(d->lp, j), glp_get_col_lb(d->lp, j),
                         glp_get_col_ub(d->lp, j));
        glp_set_obj_coef(d->master, col, glp_get_obj_coef(d->lp, j));
        for (int e = 0; e < d->nlinks[j]; e++) {
            d->ind[e + 1] = d->links[j][e].row;
            d->val[e + 1] = d->links[j][e].val;
        }
        glp_set_mat_col(d->master, col, d->nlinks[j], d->ind, d->val);
        d->master_col[j] = col;
        d->col_block[col] = -1;
        d->col_plan[col] = NULL;
        d->ncols_master = col;
    }
    for (int i = 1; i <= d->nmaster; i++)
        for (int sign = -1; sign <= 1; sign += 2) {
            if (master_room(d) != 0)
                return -1;
            int col = glp_add_cols(d->master, 1);
            glp_set_col_bnds(d->master, col, GLP_LO, 0, 0);
            glp_set_obj_coef(d->master, col, ARTIFICIAL_COST);
            int idx[2] = {0, i};
            double v[2] = {0, sign};
            glp_set_mat_col(d->master, col, 1, idx, v);
            d->col_block[col] = -2; /* artificial */
            d->col_plan[col] = NULL;
            d->ncols_master = col;
        }
    return 0;
}

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
            glp_set_col_bnds(b->lp, b->xlocal[u], glp_get_col_type(d->lp, j),
                             glp_get_col_lb(d->lp, j), glp_get_col_ub(d->lp, j));
        }
    return ok ? 0 : 1;
}

/* Prices block k by its dynamic programme: as price() below; 1 when the
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

/* Column j's cost less what duals y pay for its master rows. */
static double priced_cost(const struct dw *d, int j, const double *y)
{
    double cost = glp_get_obj_coef(d->lp, j);
    for (int e = 0; e < d->nlinks[j]; e++)
        cost -= y[d->links[j][e].row] * d->links[j][e].val;
    return cost;
}

/* Block k's plan under duals y: its cost less what y pays for its rows. */
static double plan_price(const struct dw *d, int k, const double *plan, const double *y)
{
    const struct block *b = &d->blocks[k];
    double price = 0;
    for (int c = 0; c < b->ncols; c++)
        if (plan[c] != 0)
            price += priced_cost(d, b->cols[c], y) * plan[c];
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
        double v = plan_price(d, k, d->col_plan[col], d->pi);
        if (v < least)
            least = v, best = col;
    }
    if (!best)
        return false;
    memcpy(d->first + 1, d->col_plan[best], (size_t)b->ncols * sizeof(double));
    return true;
}

/* Prices block k at the duals d->pi, mu its convexity row's: the least
 * cost of a plan into b->value (its relaxation's, a lower bound, when the
 * program does not finish), b->exact when no cheaper plan is left to find,
 * and b->fresh when b->plan holds a plan found now that costs less than mu.
 * 0, -1 when the block has no plan at all, -2 out of memory. */
static int price(struct dw *d, int k, double mu, double deadline)
{
    struct block *b = &d->blocks[k];
    b->fresh = false;
    for (int c = 0; c < b->ncols; c++)
        glp_set_obj_coef(b->lp, c + 1, priced_cost(d, b->cols[c], d->pi));
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

static void dw_free(struct dw *d)
{
    for (int k = 0; k < d->nblocks; k++) {
        if (d->blocks[k].lp)
            glp_delete_prob(d->blocks[k].lp);
        free(d->blocks[k].cols);
        free(d->blocks[k].plan);
        free(d->blocks[k].xlocal);
        free(d->blocks[k].hint);
        pricer_close(d->blocks[k].dp);
    }
    free(d->blocks);
    for (int j = 1; d->links && j <= d->n; j++)
        free(d->links[j]);
    free(d->links);
    free(d->nlinks);
    for (int c = 1; d->col_plan && c <= d->ncols_master; c++)
        free(d->col_plan[c]);
    free(d->col_plan);
    free(d->col_block);
    if (d->master)
        glp_delete_prob(d->master);
    free(d->owner);
    free(d->master_row);
    free(d->master_col);
    free(d->ind);
    free(d->val);
    free(d->dense);
    free(d->xcost);
    free(d->take);
    free(d->dual);
    free(d->pi);
    free(d->centre);
    free(d->first);
}

/* The program's column values of the master's solution (mip: its integer
 * solution, else its relaxation's). */
static void program_values(const struct dw *d, bool mip, double *x)
{
    for (int j = 0; j <= d->n; j++) {
        int col = d->master_col[j];
        x[j] = !col ? 0 : mip ? glp_mip_col_val(d->master, col) : glp_get_col_prim(d->master, col);
    }
    for (int col = 1; col <= d->ncols_master; col++) {
        double v = mip ? glp_mip_col_val(d->master, col) : glp_get_col_prim(d->master, col);
        if (v == 0)
            continue;
        int k = d->col_block[col];
        if (k >= 0) {
            const struct block *b = &d->blocks[k];
            for (int c = 0; c < b->ncols; c++)
                x[b->cols[c]] += v * d->col_plan[col][c];
        }
    }
}

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
        int priced = price(d, k, mu, deadline);
        if (priced < 0)
            return priced;
        *exact = *exact && b->exact;
        blocks += b->value;
        if (b->fresh && plan_price(d, k, b->plan, d->dual) - mu_out < -PRICE_TOLERANCE) {
            if (add_plan(d, k, b->plan) != 0)
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
        size += 1 + fabs(d->blocks[k].value);
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
 * goes on until every block has its plan: a roster, into d->out when it
 * is better than the one there.  The bounds are left as they were. */
static int dive(struct dw *d, double deadline, const volatile sig_atomic_t *stop)
{
    bool *fixed = calloc(nz((size_t)d->nblocks), sizeof(bool));
    int *fixed_col = malloc(nz((size_t)d->nblocks) * sizeof(int)), nfixed = 0, rc = -1;
    if (!fixed || !fixed_col)
        goto out;
    while (nfixed < d->nblocks && solver_now() < deadline && !(stop && *stop)) {
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
         * to enter: the plans fixed so far leave no roster. */
        if (!added && artificial_used(d))
            goto done;
        int best = 0, before = nfixed;
        double most = 0;
        for (int col = 1; col <= d->ncols_master; col++) {
            int k = d->col_block[col];
            if (k < 0 || fixed[k])
                continue;
            double v = glp_get_col_prim(d->master, col);
            if (v > 1 - 1e-6) {
                fixed[k] = true;
                fixed_col[nfixed++] = col;
                glp_set_col_bnds(d->master, col, GLP_FX, 1, 1);
            } else if (v > most) {
                most = v;
                best = col;
            }
        }
        if (nfixed == before && best) {
            fixed[d->col_block[best]] = true;
            fixed_col[nfixed++] = best;
            glp_set_col_bnds(d->master, best, GLP_FX, 1, 1);
        } else if (nfixed == before) {
            goto done;
        }
    }
    /* Every block fixed: the roster, when no artificial column is used and
     * the master's own integer columns are whole. */
    if (nfixed == d->nblocks && master_lp(d, deadline) == 0) {
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
            program_values(d, false, x);
            cost = glp_get_obj_coef(d->lp, 0); /* of the roster, whole */
            for (int j = 1; j <= d->n; j++) {
                if (fabs(x[j] - floor(x[j] + 0.5)) < 1e-6)
                    x[j] = floor(x[j] + 0.5);
                cost += glp_get_obj_coef(d->lp, j) * x[j];
            }
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
        glp_set_col_bnds(d->master, fixed_col[i], GLP_LO, 0, 0);
    free(fixed);
    free(fixed_col);
    return rc;
}

/* The split, the blocks, the master and the pricers of program m. */
static int dw_open(struct dw *d, const struct model *m, bool dp, struct dw_result *out)
{
    memset(d, 0, sizeof(*d));
    d->m = m;
    d->lp = m->lp;
    d->n = glp_get_num_cols(m->lp);
    d->nrows = glp_get_num_rows(m->lp);
    int most = (d->n > d->nrows ? d->n : d->nrows) + 2;
    d->owner = malloc(((size_t)d->n + 1) * sizeof(int));
    d->master_row = calloc((size_t)d->nrows + 1, sizeof(int));
    d->master_col = calloc((size_t)d->n + 1, sizeof(int));
    d->links = calloc((size_t)d->n + 1, sizeof(*d->links));
    d->nlinks = calloc((size_t)d->n + 1, sizeof(int));
    d->ind = malloc(((size_t)most + 1) * sizeof(int));
    d->val = malloc(((size_t)most + 1) * sizeof(double));
    d->dense = calloc((size_t)d->nrows + 2, sizeof(double));
    d->xcost = malloc(nz(m->r->nunits) * sizeof(double));
    d->take = malloc(nz(m->r->nunits));
    d->best = -HUGE_VAL;
    d->out = out;
    if (!d->owner || !d->master_row || !d->master_col || !d->links || !d->nlinks || !d->ind ||
        !d->val || !d->dense || !d->xcost || !d->take || split(d) != 0 || build_blocks(d) != 0 ||
        build_master(d) != 0 || (dp && open_pricers(d) != 0))
        return -1;
    size_t rows = (size_t)glp_get_num_rows(d->master) + 1;
    d->dual = calloc(rows, sizeof(double));
    d->pi = calloc(rows, sizeof(double));
    d->centre = calloc(rows, sizeof(double));
    int most_cols = 0;
    for (int k = 0; k < d->nblocks; k++)
        most_cols = d->blocks[k].ncols > most_cols ? d->blocks[k].ncols : most_cols;
    d->first = calloc((size_t)most_cols + 1, sizeof(double));
    return d->dual && d->pi && d->centre && d->first ? 0 : -1;
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
    if (dw_open(&d, m, task->dp, out) != 0)
        goto out;
    out->blocks = d.nblocks;
    out->master_rows = d.nmaster;
    /* The first plans: the roster given, block by block. */
    double start_cost = HUGE_VAL;
    if (start) {
        start_cost = glp_get_obj_coef(d.lp, 0);
        for (int j = 1; j <= d.n; j++)
            start_cost += glp_get_obj_coef(d.lp, j) * start[j];
    }
    for (int k = 0; start && k < d.nblocks; k++) {
        const struct block *b = &d.blocks[k];
        for (int c = 0; c < b->ncols; c++)
            b->plan[c] = start[b->cols[c]];
        if (add_plan(&d, k, b->plan) != 0)
            goto out;
    }
    /* The compact relaxation's duals, when given, are the first centre:
     * at them the bound is already at least the relaxation's. */
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
                glp_set_col_kind(d.master, col, GLP_BV);
            else if (k == -2)
                glp_set_col_bnds(d.master, col, GLP_FX, 0, 0);
        }
        for (int j = 1; j <= d.n; j++)
            if (d.master_col[j])
                glp_set_col_kind(d.master, d.master_col[j], glp_get_col_kind(d.lp, j));
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
                program_values(&d, true, out->x);
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

int dw_price_agree(const struct model *m, unsigned seed, int rounds, struct dw_agree *out)
{
    memset(out, 0, sizeof(*out));
    struct dw_result res = {0};
    struct dw d;
    int rc = -1;
    if (dw_open(&d, m, true, &res) != 0)
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
                glp_set_obj_coef(b->lp, c + 1, glp_get_obj_coef(d.lp, b->cols[c]));
            for (size_t u = 0; u < r->nunits; u++)
                if (b->xlocal[u]) {
                    double dual = (double)(xorshift32(&seed) % 2500) / 100.0 - 5;
                    double cost = glp_get_obj_coef(d.lp, b->cols[b->xlocal[u] - 1]) - dual;
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
