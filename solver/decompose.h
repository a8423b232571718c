/*
 * decompose.h - what the three parts of the program split by specialist
 * share: the blocks and the master (decompose_blocks.c), the pricing of one
 * block (decompose_price.c) and column generation with its bound and its
 * rosters (decompose.c).  Nothing outside them includes it.
 */
#ifndef ONCOROSTER_DECOMPOSE_H
#define ONCOROSTER_DECOMPOSE_H

#include "solver_internal.h"

/* A plan enters the master when its reduced cost is below minus this. */
#define PRICE_TOLERANCE 1e-6
/* The cost of the master's artificial columns, which keep it feasible
 * whatever plans it holds: far above any roster's; or, given the
 * relaxation's duals, this many times their largest. */
#define ARTIFICIAL_COST 1e7

struct entry {
    int row; /* master row */
    double val;
};

struct block {
    int *cols; /* the program's columns, in order */
    int ncols;
    /* The specialists it stands for: 1, or a class of interchangeable
     * ones priced as one (its convexity row asks for mult plans).  Per
     * further one, their columns in the order of cols. */
    int mult;
    int **twins;
    double *sessions; /* per column of cols: the sessions its assignment counts, or 0 */
    glp_prob *lp;     /* its rows and its columns: the pricing problem */
    int convexity;    /* its row in the master */
    double *plan;     /* the last plan priced, over cols */
    double value;     /* the last pricing's least cost, or a lower bound on it */
    bool exact;       /* no plan of lower cost than the last pricing's left to find */
    bool fresh;       /* plan holds a plan found by the last pricing, below its mu */
    double centre;    /* its value at the stability centre */
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
    const struct store *prog; /* the program */
    int n;                    /* its columns */
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
    double box;           /* the half-width of the master's duals' box, or 0 */
    double best;          /* the Lagrangian bound at the centre */
    unsigned char *loose; /* per master row: a symmetry row of twins priced as one (free) */
    struct dw_result *out;
};

/* decompose_blocks.c */

/* The split, the blocks, the master and (dp) the pricers of program m;
 * -1 out of memory (dw_free still frees what was made). */
int dw_open(struct dw *d, const struct model *m, bool dp, bool aggregate, struct dw_result *out);
void dw_free(struct dw *d);
/* The columns of block b's i-th specialist (0: its own, in cols). */
const int *dw_block_cols(const struct block *b, int i);
/* Adds the plan of block k (values over its columns) to the master. */
int dw_add_plan(struct dw *d, int k, const double *values);
/* The program's column values of the master's solution (mip: its integer
 * solution, else its relaxation's).  A class of twins takes its plans one
 * specialist each where the master takes them whole, the most sessions
 * first (the symmetry rows' order), else an equal share of each. */
void dw_program_values(const struct dw *d, bool mip, double *x);

/* decompose_price.c */

/* Column j's cost less what duals y pay for its master rows. */
double dw_priced_cost(const struct dw *d, int j, const double *y);
/* Block k's plan under duals y: its cost less what y pays for its rows. */
double dw_plan_price(const struct dw *d, int k, const double *plan, const double *y);
/* Prices block k at the duals d->pi, mu its convexity row's: the least
 * cost of a plan into b->value (its relaxation's, a lower bound, when the
 * program does not finish), b->exact when no cheaper plan is left to find,
 * and b->fresh when b->plan holds a plan found now that costs less than mu.
 * 0, -1 when the block has no plan at all, -2 out of memory. */
int dw_price(struct dw *d, int k, double mu, double deadline);

#endif
