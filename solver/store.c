/*
 * store.c - the integer program as plain arrays: what the rules write
 * (program.c) and what the searches read.
 *
 * GLPK's own structures cost about 70 bytes a non-zero, names included,
 * and each searching process held them: 1.8 GiB a process on a year-long
 * network before any LP was solved.  Here a non-zero costs 24 bytes (its
 * row's and its column's entry), names are kept only when the program is
 * written out (export-model), and the store is built once, before the
 * searching processes fork, so that they share it.  A GLPK program of the
 * whole is made from it (store_glpk) only where the whole is solved.
 *
 * Bounds read back as GLPK's do: a bound the type does not have reads as
 * -DBL_MAX or +DBL_MAX, and an integer column within [0, 1] reads as
 * binary, so that code written against GLPK's accessors reads the same.
 * Terms come back in the order they were written (GLPK gives a column's
 * in the reverse order of its rows).
 */
#include "solver_internal.h"

#include <assert.h>
#include <float.h>
#include <stdlib.h>
#include <string.h>

/* Grows the arrays that share one capacity (n of them, each of its element
 * size) to hold `need` elements, by doubling. */
static bool grow(size_t *cap, size_t need, void **const *arrays, const size_t *sizes, int n)
{
    if (need <= *cap)
        return true;
    size_t c = *cap ? *cap : 1024;
    while (c < need)
        c *= 2;
    for (int k = 0; k < n; k++) {
        void *q = realloc(*arrays[k], c * sizes[k]);
        if (!q)
            return false;
        *arrays[k] = q;
    }
    *cap = c;
    return true;
}

int store_init(struct store *p, bool names)
{
    memset(p, 0, sizeof(*p));
    p->names = names;
    /* Column 0 is the objective's constant; row 1 starts at term 0. */
    void **const cols[] = {(void **)&p->ckind, (void **)&p->ctype, (void **)&p->clb,
                           (void **)&p->cub,   (void **)&p->cost,  (void **)&p->cname};
    const size_t csizes[] = {1, 1, sizeof(double), sizeof(double), sizeof(double), sizeof(char *)};
    void **const rows[] = {(void **)&p->rtype, (void **)&p->rlb, (void **)&p->rub,
                           (void **)&p->rbeg, (void **)&p->rname};
    const size_t rsizes[] = {1, sizeof(double), sizeof(double), sizeof(size_t), sizeof(char *)};
    if (!grow(&p->col_cap, 1, cols, csizes, names ? 6 : 5) ||
        !grow(&p->row_cap, 2, rows, rsizes, names ? 5 : 4)) {
        store_free(p);
        return -1;
    }
    p->cost[0] = 0;
    p->rbeg[0] = p->rbeg[1] = 0;
    return 0;
}

void store_free(struct store *p)
{
    free(p->ckind);
    free(p->ctype);
    free(p->clb);
    free(p->cub);
    free(p->cost);
    free(p->rtype);
    free(p->rlb);
    free(p->rub);
    free(p->rbeg);
    free(p->rind);
    free(p->rval);
    free(p->cbeg);
    free(p->cind);
    free(p->cval);
    if (p->cname)
        for (int j = 1; j <= p->ncols; j++)
            free(p->cname[j]);
    if (p->rname)
        for (int i = 1; i <= p->nrows; i++)
            free(p->rname[i]);
    free(p->cname);
    free(p->rname);
    memset(p, 0, sizeof(*p));
}

/* A bound as GLPK keeps it: only those the type has. */
static void set_bounds(unsigned char *type, double *lb, double *ub, int t, double l, double u)
{
    *type = (unsigned char)t;
    *lb = t == GLP_LO || t == GLP_DB || t == GLP_FX ? l : 0;
    *ub = t == GLP_UP || t == GLP_DB ? u : t == GLP_FX ? l : 0;
}

static char *copy_name(const char *name)
{
    size_t n = strlen(name) + 1;
    char *s = malloc(n);
    if (s)
        memcpy(s, name, n);
    return s;
}

int store_add_col(struct store *p, int kind, int type, double lb, double ub, double cost,
                  const char *name)
{
    int j = p->ncols + 1;
    void **const cols[] = {(void **)&p->ckind, (void **)&p->ctype, (void **)&p->clb,
                           (void **)&p->cub,   (void **)&p->cost,  (void **)&p->cname};
    const size_t sizes[] = {1, 1, sizeof(double), sizeof(double), sizeof(double), sizeof(char *)};
    if (!grow(&p->col_cap, (size_t)j + 1, cols, sizes, p->names ? 6 : 5))
        return 0;
    if (p->names && !(p->cname[j] = copy_name(name ? name : "")))
        return 0;
    /* GLPK's binary is an integer column within [0, 1]; the type and
     * bounds given come after it, as glp_set_col_bnds after
     * glp_set_col_kind. */
    p->ckind[j] = (unsigned char)(kind == GLP_CV ? GLP_CV : GLP_IV);
    set_bounds(&p->ctype[j], &p->clb[j], &p->cub[j], type, lb, ub);
    p->cost[j] = cost;
    p->ncols = j;
    return j;
}

int store_add_row(struct store *p, int n, const int *ind, const double *val, int type, double lb,
                  double ub, const char *name)
{
    int i = p->nrows + 1;
    void **const rows[] = {(void **)&p->rtype, (void **)&p->rlb, (void **)&p->rub,
                           (void **)&p->rbeg, (void **)&p->rname};
    const size_t sizes[] = {1, sizeof(double), sizeof(double), sizeof(size_t), sizeof(char *)};
    void **const terms[] = {(void **)&p->rind, (void **)&p->rval};
    const size_t term_sizes[] = {sizeof(int), sizeof(double)};
    /* rbeg has one entry more than the rows: room for i + 2. */
    if (!grow(&p->row_cap, (size_t)i + 2, rows, sizes, p->names ? 5 : 4) ||
        !grow(&p->nz_cap, p->nnz + (size_t)n, terms, term_sizes, 2))
        return 0;
    if (p->names && !(p->rname[i] = copy_name(name ? name : "")))
        return 0;
    set_bounds(&p->rtype[i], &p->rlb[i], &p->rub[i], type, lb, ub);
    /* Zeros (terms that cancelled) are not kept, as GLPK keeps none. */
    for (int k = 1; k <= n; k++)
        if (val[k] != 0) {
            assert(ind[k] >= 1 && ind[k] <= p->ncols);
            p->rind[p->nnz] = ind[k];
            p->rval[p->nnz++] = val[k];
        }
    p->rbeg[i + 1] = p->nnz;
    if (p->nnz - p->rbeg[i] > (size_t)p->longest)
        p->longest = (int)(p->nnz - p->rbeg[i]);
    p->nrows = i;
    return i;
}

int store_finish(struct store *p)
{
    int nc = p->ncols;
    free(p->cbeg);
    free(p->cind);
    free(p->cval);
    p->cbeg = calloc((size_t)nc + 2, sizeof(size_t));
    p->cind = malloc(nz(p->nnz) * sizeof(int));
    p->cval = malloc(nz(p->nnz) * sizeof(double));
    if (!p->cbeg || !p->cind || !p->cval)
        return -1;
    /* Columns by counting sort: each column's rows come in row order. */
    for (size_t k = 0; k < p->nnz; k++)
        p->cbeg[p->rind[k] + 1]++;
    p->cbeg[0] = p->cbeg[1] = 0;
    for (int j = 1; j <= nc; j++)
        p->cbeg[j + 1] += p->cbeg[j];
    size_t *next = malloc(((size_t)nc + 2) * sizeof(size_t));
    if (!next)
        return -1;
    memcpy(next, p->cbeg, ((size_t)nc + 2) * sizeof(size_t));
    for (int i = 1; i <= p->nrows; i++)
        for (size_t k = p->rbeg[i]; k < p->rbeg[i + 1]; k++) {
            size_t at = next[p->rind[k]]++;
            p->cind[at] = i;
            p->cval[at] = p->rval[k];
        }
    free(next);
    return 0;
}

int store_col_kind(const struct store *p, int j)
{
    return p->ckind[j] == GLP_IV && p->ctype[j] == GLP_DB && p->clb[j] == 0 && p->cub[j] == 1
               ? GLP_BV
               : p->ckind[j];
}

int store_col_type(const struct store *p, int j)
{
    return p->ctype[j];
}

double store_col_lb(const struct store *p, int j)
{
    int t = p->ctype[j];
    return t == GLP_FR || t == GLP_UP ? -DBL_MAX : p->clb[j];
}

double store_col_ub(const struct store *p, int j)
{
    int t = p->ctype[j];
    return t == GLP_FR || t == GLP_LO ? +DBL_MAX : p->cub[j];
}

int store_row_type(const struct store *p, int i)
{
    return p->rtype[i];
}

double store_row_lb(const struct store *p, int i)
{
    int t = p->rtype[i];
    return t == GLP_FR || t == GLP_UP ? -DBL_MAX : p->rlb[i];
}

double store_row_ub(const struct store *p, int i)
{
    int t = p->rtype[i];
    return t == GLP_FR || t == GLP_LO ? +DBL_MAX : p->rub[i];
}

int store_mat_row(const struct store *p, int i, int *ind, double *val)
{
    size_t b = p->rbeg[i];
    int n = (int)(p->rbeg[i + 1] - b);
    if (ind)
        memcpy(ind + 1, p->rind + b, (size_t)n * sizeof(int));
    if (val)
        memcpy(val + 1, p->rval + b, (size_t)n * sizeof(double));
    return n;
}

int store_mat_col(const struct store *p, int j, int *ind, double *val)
{
    size_t b = p->cbeg[j];
    int n = (int)(p->cbeg[j + 1] - b);
    if (ind)
        memcpy(ind + 1, p->cind + b, (size_t)n * sizeof(int));
    if (val)
        memcpy(val + 1, p->cval + b, (size_t)n * sizeof(double));
    return n;
}

glp_prob *store_part(const struct store *p, const int *cols, int ncols, const int *map,
                     const int *rows, int nrows, const double *value, int *ind, double *val)
{
    glp_prob *lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MIN);
    if (ncols > 0)
        glp_add_cols(lp, ncols);
    for (int k = 1; k <= ncols; k++) {
        int j = cols[k];
        glp_set_col_kind(lp, k, p->ckind[j]);
        glp_set_col_bnds(lp, k, p->ctype[j], p->clb[j], p->cub[j]);
        glp_set_obj_coef(lp, k, p->cost[j]);
    }
    if (nrows > 0)
        glp_add_rows(lp, nrows);
    for (int k = 1; k <= nrows; k++) {
        int i = rows[k], n = 0;
        double fixed = 0;
        for (size_t t = p->rbeg[i]; t < p->rbeg[i + 1]; t++) {
            int j = p->rind[t];
            if (map[j]) {
                ind[++n] = map[j];
                val[n] = p->rval[t];
            } else {
                fixed += p->rval[t] * value[j];
            }
        }
        glp_set_row_bnds(lp, k, p->rtype[i], store_row_lb(p, i) - fixed,
                         store_row_ub(p, i) - fixed);
        glp_set_mat_row(lp, k, n, ind, val);
    }
    return lp;
}

glp_prob *store_glpk(const struct store *p)
{
    int *ind = malloc(((size_t)p->longest + 1) * sizeof(int));
    double *val = malloc(((size_t)p->longest + 1) * sizeof(double));
    glp_prob *lp = ind && val ? glp_create_prob() : NULL;
    if (!lp) {
        free(ind);
        free(val);
        return NULL;
    }
    glp_set_prob_name(lp, "oncoroster");
    glp_set_obj_name(lp, "cost");
    glp_set_obj_dir(lp, GLP_MIN);
    glp_set_obj_coef(lp, 0, p->cost[0]);
    if (p->ncols > 0)
        glp_add_cols(lp, p->ncols);
    for (int j = 1; j <= p->ncols; j++) {
        glp_set_col_kind(lp, j, p->ckind[j]);
        glp_set_col_bnds(lp, j, p->ctype[j], p->clb[j], p->cub[j]);
        glp_set_obj_coef(lp, j, p->cost[j]);
        if (p->names)
            glp_set_col_name(lp, j, p->cname[j]);
    }
    if (p->nrows > 0)
        glp_add_rows(lp, p->nrows);
    for (int i = 1; i <= p->nrows; i++) {
        glp_set_row_bnds(lp, i, p->rtype[i], p->rlb[i], p->rub[i]);
        glp_set_mat_row(lp, i, store_mat_row(p, i, ind, val), ind, val);
        if (p->names)
            glp_set_row_name(lp, i, p->rname[i]);
    }
    free(ind);
    free(val);
    return lp;
}
