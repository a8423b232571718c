/*
 * program.h - what the rules write their columns and rows of the integer
 * program with (program.c); model.c builds the program from them.
 */
#ifndef ONCOROSTER_PROGRAM_H
#define ONCOROSTER_PROGRAM_H

#include "solver_internal.h"

#include <stdio.h>

/* A row under construction. */
struct row {
    int *ind; /* 1-based for GLPK */
    double *val;
    int n;
    int cap;
    int *where; /* per column: its place in ind, when ind there holds it */
    int where_cap;
};

/* Adds v to column col's coefficient: constant time. */
int row_add(struct row *row, int col, double v);
void row_free(struct row *row);

/* The program under construction. */
struct builder {
    struct model *m;
    const struct rules *r;
    size_t *day_begin; /* first occurrence of each day of the horizon, and nocc */
    size_t *scratch;   /* room for three lists of occurrences */
    int *scratch_cols; /* room for a column per calendar week */
    struct row row;    /* the row being written */
    char name[160];
    bool nomem; /* out of memory (or late): nothing more is written, model_build fails */
    /* The build stops, as out of memory, once `until` (solver_now() time)
     * has passed or a stop is requested (may be NULL): the parent builds
     * the program before the searching processes start, within the
     * deadline. */
    double until;
    const volatile sig_atomic_t *stop;
    unsigned ticks;
    bool late;
};

/* A row or column name from a format, written only when the program
 * keeps names (export-model): a year-long network has millions. */
#define NAME(b, ...)                                                                               \
    ((b)->m->p.names ? (snprintf((b)->name, sizeof((b)->name), __VA_ARGS__), (b)->name) : NULL)

/* Whether the build has stopped: out of memory, past its deadline or
 * asked to stop (it looks at the clock and the request).  Rules look once
 * per specialist and stop their rows: the parent builds the program
 * within the solve's hard deadline. */
bool model_stopped(struct builder *b);
/* Adds v to column col's coefficient in b->row. */
void model_add(struct builder *b, int col, double v);
/* Appends the row to the program (type GLP_UP, GLP_LO, GLP_FX or GLP_DB)
 * and empties it; an empty row is not written. */
void model_emit(struct builder *b, struct row *row, int type, double lb, double ub,
                const char *name);
/* A new column; returns its index (0 out of memory: b->nomem is set). */
int model_col(struct builder *b, int kind, int type, double lb, double ub, double cost,
              const char *name);
/* Adds to a column's objective coefficient (column 0: the constant). */
void model_cost(struct builder *b, int col, double cost);
/* Links the sessions s could work that start on day d (on one campus, or
 * any when campus < 0) to column `link`, one clique row per moment. */
void model_link_day(struct builder *b, size_t s, size_t d, int campus, int link, const char *tag);
/* The count in b->row against a fair band: over and under columns at
 * `weight` per step of band->per units, rows named fairhi_WHAT_WHO and
 * fairlo_WHAT_WHO. */
void model_band(struct builder *b, const struct band *band, int weight, const char *what,
                const char *who);
/* A count of s (duty k, or sessions when k == NDUTIES) against its fair
 * band, each unit outside it at `weight` (S2, S3). */
void model_band_rows(struct builder *b, size_t s, int k, int weight);
/* What unit u adds to count k of model_band_rows. */
int model_band_count(const struct rules *r, size_t u, int k);
/* A date as YYYYMMDD: names survive both MPS and CPLEX LP (which has no '-'). */
char *model_day_name(or_day day, char *buf);
const char *model_spec_id(const struct rules *r, size_t s);

#endif
