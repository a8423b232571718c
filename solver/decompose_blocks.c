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
 * Interchangeable specialists (tables.c: every rule sees them alike) have
 * blocks alike, column by column and row by row; a class of them becomes
 * one block, priced once, whose convexity row asks for as many plans as it
 * has members, and the symmetry rows that order them are dropped: the
 * master sees how many take each plan, never who.  The roster gives the
 * plans out afterwards, in the symmetry rows' order.
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
            int len = store_mat_row(d->prog, i, d->ind, d->val), who = -1;
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
            d->blocks[block_of[o]].mult = 1;
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
            glp_set_col_kind(b->lp, c + 1, store_col_kind(d->prog, j));
            glp_set_col_bnds(b->lp, c + 1, store_col_type(d->prog, j), store_col_lb(d->prog, j),
                             store_col_ub(d->prog, j));
        }
    }
    for (int i = 1; i <= d->nrows; i++) {
        if (d->master_row[i])
            continue;
        int len = store_mat_row(d->prog, i, d->ind, d->val);
        if (!len)
            continue;
        struct block *b = &d->blocks[d->owner[d->ind[1]]];
        for (int k = 1; k <= len; k++)
            d->ind[k] = local[d->ind[k]];
        int row = glp_add_rows(b->lp, 1);
        glp_set_row_bnds(b->lp, row, store_row_type(d->prog, i), store_row_lb(d->prog, i),
                         store_row_ub(d->prog, i));
        glp_set_mat_row(b->lp, row, len, d->ind, d->val);
    }
    free(local);
    for (int j = 1; j <= d->n; j++) {
        int len = store_mat_col(d->prog, j, d->ind, d->val), m = 0;
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

const int *dw_block_cols(const struct block *b, int i)
{
    return i == 0 ? b->cols : b->twins[i - 1];
}

/* Whether column a's coefficients in the master rows are column b's, but
 * in the rows marked skip. */
static bool same_links(const struct dw *d, int a, int b, const unsigned char *skip)
{
    int na = 0, nb = 0;
    for (int e = 0; e < d->nlinks[a]; e++)
        na += !skip[d->links[a][e].row];
    for (int e = 0; e < d->nlinks[b]; e++) {
        const struct entry *l = &d->links[b][e];
        if (skip[l->row])
            continue;
        nb++;
        bool found = false;
        for (int f = 0; f < d->nlinks[a] && !found; f++)
            found = d->links[a][f].row == l->row && d->links[a][f].val == l->val;
        if (!found)
            return false;
    }
    return na == nb;
}

/* Whether block t is block h column by column and row by row: the same
 * kinds, bounds and costs, the same rows over the columns in the same
 * places, the same coefficients in the master rows (but the symmetry
 * rows, marked skip).  dense: ncols + 1 zeros, left so. */
static bool same_block(const struct dw *d, const struct block *h, const struct block *t,
                       const unsigned char *skip, double *dense, int *ind, double *val)
{
    if (h->ncols != t->ncols || glp_get_num_rows(h->lp) != glp_get_num_rows(t->lp))
        return false;
    for (int c = 0; c < h->ncols; c++) {
        int a = h->cols[c], b = t->cols[c];
        if (store_col_kind(d->prog, a) != store_col_kind(d->prog, b) ||
            store_col_type(d->prog, a) != store_col_type(d->prog, b) ||
            store_col_lb(d->prog, a) != store_col_lb(d->prog, b) ||
            store_col_ub(d->prog, a) != store_col_ub(d->prog, b) ||
            d->prog->cost[a] != d->prog->cost[b] || !same_links(d, a, b, skip))
            return false;
    }
    bool same = true;
    for (int i = 1; same && i <= glp_get_num_rows(h->lp); i++) {
        if (glp_get_row_type(h->lp, i) != glp_get_row_type(t->lp, i) ||
            glp_get_row_lb(h->lp, i) != glp_get_row_lb(t->lp, i) ||
            glp_get_row_ub(h->lp, i) != glp_get_row_ub(t->lp, i))
            return false;
        int len = glp_get_mat_row(h->lp, i, ind, val);
        for (int e = 1; e <= len; e++)
            dense[ind[e]] = val[e];
        same = glp_get_mat_row(t->lp, i, ind, val) == len;
        for (int e = 1; same && e <= len; e++)
            same = dense[ind[e]] == val[e];
        len = glp_get_mat_row(h->lp, i, ind, NULL);
        for (int e = 1; e <= len; e++)
            dense[ind[e]] = 0;
    }
    return same;
}

static int by_column(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* What each column of block k counts in sessions: its specialist's
 * assignments, the symmetry rows' measure. */
static int count_sessions(struct dw *d, int k)
{
    const struct rules *r = d->m->r;
    struct block *b = &d->blocks[k];
    b->sessions = calloc(nz((size_t)b->ncols), sizeof(double));
    if (!b->sessions)
        return -1;
    for (size_t u = 0; u < r->nunits; u++) {
        int j = d->m->xcol[u * r->ns + (size_t)b->spec];
        const int *at = j ? bsearch(&j, b->cols, (size_t)b->ncols, sizeof(int), by_column) : NULL;
        if (at)
            b->sessions[at - b->cols] = r->units[u].sessions;
    }
    return 0;
}

/* Each class of interchangeable specialists whose blocks are alike as one
 * block (see the top of this file); the blocks renumbered. */
static int aggregate_twins(struct dw *d)
{
    const struct rules *r = d->m->r;
    size_t ns = r->ns;
    int rc = -1, most = 1;
    int *block_of = malloc(nz(ns) * sizeof(int));
    int *renum = malloc(nz((size_t)d->nblocks) * sizeof(int)); /* new index, or -1 - head */
    bool *tail = calloc(nz(ns), sizeof(bool));
    unsigned char *skip = calloc((size_t)d->nmaster + 2, 1); /* every symmetry row */
    d->loose = calloc((size_t)d->nmaster + 2, 1);
    for (int k = 0; k < d->nblocks; k++)
        most = d->blocks[k].ncols > most ? d->blocks[k].ncols : most;
    double *dense = calloc((size_t)most + 1, sizeof(double));
    int *ind = malloc(((size_t)most + 1) * sizeof(int));
    double *val = malloc(((size_t)most + 1) * sizeof(double));
    if (!block_of || !renum || !tail || !skip || !d->loose || !dense || !ind || !val)
        goto out;
    for (size_t s = 0; s < ns; s++) {
        block_of[s] = -1;
        if (r->twin[s] >= 0)
            tail[r->twin[s]] = true;
        if (d->m->twin_row[s])
            skip[d->master_row[d->m->twin_row[s]]] = 1;
    }
    for (int k = 0; k < d->nblocks; k++) {
        block_of[d->blocks[k].spec] = k;
        renum[k] = k;
    }
    for (size_t head = 0; head < ns; head++) {
        if (tail[head] || r->twin[head] < 0 || block_of[head] < 0)
            continue;
        /* The whole class, or none of it: a symmetry row between a twin
         * priced apart and one priced with others would bind no more. */
        const struct block *h = &d->blocks[block_of[head]];
        bool alike = true;
        int n = 1;
        for (int t = r->twin[head]; t >= 0 && alike; t = r->twin[t], n++)
            alike = block_of[t] >= 0 &&
                    same_block(d, h, &d->blocks[block_of[t]], skip, dense, ind, val);
        if (!alike)
            continue;
        for (int t = (int)head; t >= 0; t = r->twin[t])
            if (d->m->twin_row[t])
                d->loose[d->master_row[d->m->twin_row[t]]] = 1;
        struct block *hb = &d->blocks[block_of[head]];
        hb->twins = calloc((size_t)n, sizeof(int *));
        if (!hb->twins || count_sessions(d, block_of[head]) != 0)
            goto out;
        for (int t = r->twin[head]; t >= 0; t = r->twin[t]) {
            struct block *tb = &d->blocks[block_of[t]];
            hb->twins[hb->mult - 1] = tb->cols;
            hb->mult++;
            tb->cols = NULL;
            renum[block_of[t]] = -1 - block_of[head];
            d->out->twins++;
        }
    }
    /* The blocks left, renumbered; the twins' columns to their class's. */
    int kept = 0;
    for (int k = 0; k < d->nblocks; k++) {
        if (renum[k] < 0) {
            glp_delete_prob(d->blocks[k].lp);
            free(d->blocks[k].plan);
            continue;
        }
        renum[k] = kept;
        d->blocks[kept++] = d->blocks[k];
    }
    for (int j = 1; j <= d->n; j++) {
        int o = d->owner[j];
        if (o >= 0)
            d->owner[j] = renum[o] >= 0 ? renum[o] : renum[-1 - renum[o]];
    }
    d->nblocks = kept;
    rc = 0;
out:
    free(block_of);
    free(renum);
    free(tail);
    free(skip);
    free(dense);
    free(ind);
    free(val);
    return rc;
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
        cost += d->prog->cost[j] * values[c];
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
    glp_set_obj_coef(d->master, 0, d->prog->cost[0]);
    if (d->nmaster)
        glp_add_rows(d->master, d->nmaster);
    for (int i = 1; i <= d->nrows; i++)
        if (d->master_row[i])
            glp_set_row_bnds(d->master, d->master_row[i], store_row_type(d->prog, i),
                             store_row_lb(d->prog, i), store_row_ub(d->prog, i));
    for (int k = 0; k < d->nblocks; k++) {
        d->blocks[k].convexity = glp_add_rows(d->master, 1);
        glp_set_row_bnds(d->master, d->blocks[k].convexity, GLP_FX, d->blocks[k].mult,
                         d->blocks[k].mult);
    }
    for (int i = 1; d->loose && i <= d->nmaster; i++)
        if (d->loose[i])
            glp_set_row_bnds(d->master, i, GLP_FR, 0, 0);
    for (int j = 1; j <= d->n; j++) {
        if (d->owner[j] >= 0)
            continue;
        if (master_room(d) != 0)
            return -1;
        int col = glp_add_cols(d->master, 1);
        glp_set_col_bnds(d->master, col, store_col_type(d->prog, j), store_col_lb(d->prog, j),
                         store_col_ub(d->prog, j));
        glp_set_obj_coef(d->master, col, d->prog->cost[j]);
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
        for (int i = 0; d->blocks[k].twins && i < d->blocks[k].mult - 1; i++)
            free(d->blocks[k].twins[i]);
        free(d->blocks[k].twins);
        free(d->blocks[k].sessions);
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
    free(d->loose);
}

/* The plans of block k, a class of twins, given out to its specialists
 * (dw_program_values). */
static void spread(const struct dw *d, int k, bool mip, double *x)
{
    const struct block *b = &d->blocks[k];
    int *slot = d->ind; /* scratch: per specialist, the master column of their plan */
    int n = 0;
    bool whole = true;
    for (int col = 1; col <= d->ncols_master && whole; col++) {
        if (d->col_block[col] != k)
            continue;
        double v = mip ? glp_mip_col_val(d->master, col) : glp_get_col_prim(d->master, col);
        int times = (int)floor(v + 0.5);
        whole = fabs(v - times) < 1e-6 && n + times <= b->mult;
        for (int t = 0; whole && t < times; t++)
            slot[n++] = col;
    }
    if (whole && n == b->mult) {
        /* Most sessions first, as the symmetry rows ask: each plan's
         * sessions counted once, then an insertion sort (stable). */
        double *load = d->val; /* scratch: per specialist, their plan's sessions */
        for (int i = 0; i < n; i++) {
            load[i] = 0;
            for (int c = 0; c < b->ncols; c++)
                load[i] += b->sessions[c] * d->col_plan[slot[i]][c];
        }
        for (int i = 1; i < n; i++) {
            int col = slot[i], at = i;
            double sessions = load[i];
            for (; at > 0 && load[at - 1] < sessions; at--) {
                slot[at] = slot[at - 1];
                load[at] = load[at - 1];
            }
            slot[at] = col;
            load[at] = sessions;
        }
        for (int i = 0; i < n; i++)
            for (int c = 0; c < b->ncols; c++)
                x[dw_block_cols(b, i)[c]] += d->col_plan[slot[i]][c];
        return;
    }
    /* A share: every specialist of the class alike. */
    for (int col = 1; col <= d->ncols_master; col++) {
        if (d->col_block[col] != k)
            continue;
        double v = mip ? glp_mip_col_val(d->master, col) : glp_get_col_prim(d->master, col);
        for (int i = 0; v != 0 && i < b->mult; i++)
            for (int c = 0; c < b->ncols; c++)
                x[dw_block_cols(b, i)[c]] += v / b->mult * d->col_plan[col][c];
    }
}

void dw_program_values(const struct dw *d, bool mip, double *x)
{
    for (int j = 0; j <= d->n; j++) {
        int col = d->master_col[j];
        x[j] = !col ? 0 : mip ? glp_mip_col_val(d->master, col) : glp_get_col_prim(d->master, col);
    }
    for (int col = 1; col <= d->ncols_master; col++) {
        int k = d->col_block[col];
        if (k < 0 || d->blocks[k].mult > 1)
            continue;
        double v = mip ? glp_mip_col_val(d->master, col) : glp_get_col_prim(d->master, col);
        const struct block *b = &d->blocks[k];
        for (int c = 0; v != 0 && c < b->ncols; c++)
            x[b->cols[c]] += v * d->col_plan[col][c];
    }
    for (int k = 0; k < d->nblocks; k++)
        if (d->blocks[k].mult > 1)
            spread(d, k, mip, x);
}

int dw_open(struct dw *d, const struct model *m, bool dp, bool aggregate, struct dw_result *out)
{
    memset(d, 0, sizeof(*d));
    d->m = m;
    d->prog = &m->p;
    d->n = m->p.ncols;
    d->nrows = m->p.nrows;
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
        (aggregate && aggregate_twins(d) != 0) || build_master(d) != 0 ||
        (dp && open_pricers(d) != 0))
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
