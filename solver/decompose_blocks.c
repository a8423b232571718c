/*
 * decompose_blocks.c - the program split by specialist: its blocks, the
 * master and the plans the master holds (decompose.h).
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
 * row, and an artificial column each way per master row, which keeps it
 * feasible whatever plans it holds.
 */
#include "decompose.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

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

int dw_add_plan(struct dw *d, int k, const double *values)
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

void dw_free(struct dw *d)
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

void dw_program_values(const struct dw *d, bool mip, double *x)
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

int dw_open(struct dw *d, const struct model *m, bool dp, struct dw_result *out)
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
