/*
 * lns.c - large-neighbourhood search with GLPK sub-solves, run in its own
 * process beside the branch and bound (solve.c).
 *
 * From the current roster it frees one neighbourhood at a time, fixes every
 * other assignment, and lets GLPK (with presolve) find the best roster within
 * it; a roster is kept only when it costs less than the current one.  Neighbourhoods follow the
 * problem's structure: a window of days for everyone (moves in time), a
 * group of specialists who can stand in for each other for the whole month
 * (swaps), and the days around a place left unfilled (repairs).  Their size
 * adapts: larger while sub-solves finish quickly, smaller when they time out.
 */
#include "solver_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct lns {
    struct model *m;
    const struct rules *r;
    double *cur; /* 1-based values of every column in the current roster */
    double cur_obj;
    unsigned char *free_x; /* nunits x ns */
    unsigned char *pick;   /* ns: the specialists of a window neighbourhood */
    unsigned rng;
    double deadline;
    double sub_deadline;
    bool sub_proven;
};

static unsigned next_random(struct lns *l)
{
    /* xorshift32: reproducible for a given seed. */
    unsigned x = l->rng;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    l->rng = x;
    return x;
}

static int below(struct lns *l, int n)
{
    return n > 0 ? (int)(next_random(l) % (unsigned)n) : 0;
}

/* Frees every unit with an occurrence on days [d0, d0 + len) for everyone. */
static void free_days(struct lns *l, int d0, int len)
{
    const struct rules *r = l->r;
    for (size_t u = 0; u < r->nunits; u++) {
        const struct unit *un = &r->units[u];
        bool in = false;
        for (size_t i = 0; i < un->nocc && !in; i++) {
            int d = r->cal->occ[un->occ[i]].day - r->cal->first;
            in = d >= d0 && d < d0 + len;
        }
        if (in)
            memset(&l->free_x[u * r->ns], 1, r->ns);
    }
}

/* Frees specialist s for the whole horizon. */
static void free_specialist(struct lns *l, size_t s)
{
    for (size_t u = 0; u < l->r->nunits; u++)
        l->free_x[u * l->r->ns + s] = 1;
}

/* How many units two specialists could both take. */
static int overlap(const struct rules *r, size_t a, size_t b)
{
    int n = 0;
    for (size_t u = 0; u < r->nunits; u++)
        n += r->can[u * r->ns + a] && r->can[u * r->ns + b];
    return n;
}

/* Whether unit u costs in the current roster: a place unfilled, or a
 * specialist above the minimum where that costs. */
static bool is_hole(const struct lns *l, size_t u)
{
    int sc = l->m->short_col[u], oc = l->m->over_col[u];
    return (sc && l->cur[sc] > 0.5) || (oc && l->cur[oc] > 0.5);
}

static void choose(struct lns *l, int kind, int size)
{
    const struct rules *r = l->r;
    memset(l->free_x, 0, r->nunits * r->ns);
    if (kind == 3) {
        /* A window of days for half of the specialists, chosen at random:
         * moves in time and between people at once, on large horizons
         * where freeing everyone is too much. */
        int d0 = below(l, r->ndays);
        for (size_t s = 0; s < r->ns; s++)
            l->pick[s] = (unsigned char)below(l, 2);
        for (size_t u = 0; u < r->nunits; u++) {
            int d = r->cal->occ[r->units[u].occ[0]].day - r->cal->first;
            if (d < d0 || d >= d0 + size)
                continue;
            for (size_t s = 0; s < r->ns; s++)
                l->free_x[u * r->ns + s] = l->pick[s];
        }
        return;
    }
    if (kind == 0) {
        free_days(l, below(l, r->ndays), size);
        return;
    }
    if (kind == 1) {
        /* A specialist and those who could most often stand in for them. */
        size_t first = (size_t)below(l, (int)r->ns);
        free_specialist(l, first);
        for (int k = 1; k < size && (size_t)k < r->ns; k++) {
            size_t best = first;
            int best_score = -1;
            for (int tries = 0; tries < 6; tries++) {
                size_t c = (size_t)below(l, (int)r->ns);
                int sc = c == first ? -1 : overlap(r, first, c) + below(l, 4);
                if (sc > best_score) {
                    best = c;
                    best_score = sc;
                }
            }
            free_specialist(l, best);
        }
        return;
    }
    /* Where the cost is: first the specialists short of their minimum
     * time (each hour costs like an unfilled place), freed all month with
     * as many others; else the days around a place left unfilled or a
     * specialist too many; else a random window. */
    int short_hours = 0;
    for (size_t s = 0; s < r->ns; s++)
        if (l->m->hours_col[s] && l->cur[l->m->hours_col[s]] > 0.5 && short_hours < size) {
            free_specialist(l, s);
            short_hours++;
        }
    if (short_hours) {
        for (int k = 0; k < short_hours; k++)
            free_specialist(l, (size_t)below(l, (int)r->ns));
        return;
    }
    int holes = 0;
    for (size_t u = 0; u < r->nunits; u++)
        holes += is_hole(l, u);
    if (holes == 0) {
        free_days(l, below(l, r->ndays), size);
        return;
    }
    int pick = below(l, holes);
    for (size_t u = 0; u < r->nunits; u++) {
        if (!is_hole(l, u) || pick-- > 0)
            continue;
        int d = r->cal->occ[r->units[u].occ[0]].day - r->cal->first;
        free_days(l, d - size / 2, size);
        break;
    }
}

/* Fixes every x column outside the neighbourhood at its current value. */
static void apply_bounds(struct lns *l)
{
    const struct rules *r = l->r;
    for (size_t u = 0; u < r->nunits; u++)
        for (size_t s = 0; s < r->ns; s++) {
            int j = l->m->xcol[u * r->ns + s];
            if (!j || r->must[u * r->ns + s])
                continue;
            if (l->free_x[u * r->ns + s])
                glp_set_col_bnds(l->m->lp, j, GLP_DB, 0, 1);
            else
                glp_set_col_bnds(l->m->lp, j, GLP_FX, l->cur[j] > 0.5, l->cur[j] > 0.5);
        }
}

/* Solves the current neighbourhood; returns whether the roster improved.
 * Presolve removes the fixed columns and the rows they settle, so GLPK works
 * on the neighbourhood alone (measured: the example's optimum in 0.8 s,
 * against 5 s with presolve off and the current roster offered as a seed). */
static bool sub_solve(struct lns *l, double limit)
{
    glp_prob *lp = l->m->lp;
    double now = solver_now();
    l->sub_deadline = fmin(l->deadline, now + limit);
    l->sub_proven = false;
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.presolve = GLP_ON;
    parm.clq_cuts = GLP_ON;
    parm.tm_lim = (int)fmax(1, (l->sub_deadline - now) * 1000);
    int rc = glp_intopt(lp, &parm);
    int status = glp_mip_status(lp);
    if (rc == 0 && (status == GLP_OPT || status == GLP_NOFEAS))
        l->sub_proven = true;
    if ((status != GLP_OPT && status != GLP_FEAS) || glp_mip_obj_val(lp) > l->cur_obj - 0.5)
        return false;
    for (int j = 1; j <= l->m->ncols; j++)
        l->cur[j] = glp_mip_col_val(lp, j);
    l->cur_obj = glp_mip_obj_val(lp);
    return true;
}

/* Takes the best roster another process found, when it beats ours. */
static bool adopt_forwarded(struct lns *l, struct inbox *in, unsigned char *x)
{
    double obj;
    if (!in || !inbox_take_roster(in, l->r, x, &obj) || obj > l->cur_obj - 0.5)
        return false;
    double *values = solver_complete(l->m, x);
    if (!values)
        return false;
    double cost = glp_get_obj_coef(l->m->lp, 0);
    for (int j = 1; j <= l->m->ncols; j++)
        cost += glp_get_obj_coef(l->m->lp, j) * values[j];
    bool better = cost < l->cur_obj - 0.5;
    if (better) {
        memcpy(l->cur, values, ((size_t)l->m->ncols + 1) * sizeof(double));
        l->cur_obj = cost;
    }
    free(values);
    return better;
}

void lns_run(struct model *m, const double *values, int fd, struct inbox *in, double start,
             double deadline, unsigned seed, const char *who, bool verbose)
{
    const struct rules *r = m->r;
    struct lns l = {m, r, NULL, 0, NULL, NULL, seed ? seed : 0x9e3779b9u, deadline, 0, false};
    l.cur = malloc(((size_t)m->ncols + 1) * sizeof(double));
    l.free_x = malloc(nz(r->nunits * r->ns));
    l.pick = malloc(nz(r->ns));
    unsigned char *forwarded = malloc(nz(r->nunits * r->ns));
    if (!l.cur || !l.free_x || !l.pick || !forwarded)
        goto out_free;
    memcpy(l.cur, values, ((size_t)m->ncols + 1) * sizeof(double));
    l.cur_obj = glp_get_obj_coef(m->lp, 0);
    for (int j = 1; j <= m->ncols; j++)
        l.cur_obj += glp_get_obj_coef(m->lp, j) * l.cur[j];
    if (verbose)
        solver_log(fd, start, "%s: starts from %.0f", who, l.cur_obj);
    /* days, specialists, days around a hole, days for half the specialists */
    int size[4] = {3, 3, 3, 7};
    const int max_size[4] = {r->ndays, (int)r->ns, r->ndays, r->ndays};
    int round = (int)(seed % 4), iterations = 0;
    while (solver_now() < deadline - 0.05) {
        if (adopt_forwarded(&l, in, forwarded) && verbose)
            solver_log(fd, start, "%s: takes over a roster of %.0f", who, l.cur_obj);
        int kind = round++ % 4;
        choose(&l, kind, size[kind]);
        apply_bounds(&l);
        double t0 = solver_now();
        bool better = sub_solve(&l, 2.0);
        double took = solver_now() - t0;
        iterations++;
        if (better)
            solver_send_roster(fd, m, l.cur, l.cur_obj, -HUGE_VAL, 0, start);
        if (verbose && (better || iterations % 50 == 0))
            solver_log(fd, start, "%s: %s neighbourhood of size %d: %s (%.2f s), roster %.0f", who,
                       (const char *[]){"days", "specialists", "hole", "window"}[kind], size[kind],
                       better         ? "better"
                       : l.sub_proven ? "no better"
                                      : "stopped",
                       took, l.cur_obj);
        /* Grow while sub-solves are quick and proven, shrink when they stall. */
        if (l.sub_proven && took < 0.3 && size[kind] < max_size[kind])
            size[kind]++;
        else if (!l.sub_proven && took >= 1.9 && size[kind] > 1)
            size[kind]--;
    }
out_free:
    free(l.cur);
    free(l.free_x);
    free(l.pick);
    free(forwarded);
}

void lns_main(const struct rules *r, const unsigned char *x0, int fd, struct inbox *in,
              double start, double deadline, bool verbose)
{
    struct or_diags diags = {0};
    struct model m;
    glp_term_out(GLP_OFF);
    if (model_build(&m, r, &diags) == 0) {
        glp_scale_prob(m.lp, GLP_SF_AUTO);
        double *values = solver_complete(&m, x0);
        if (values)
            lns_run(&m, values, fd, in, start, deadline, 0x9e3779b9u, "lns", verbose);
        else if (verbose)
            solver_log(fd, start, "lns: the constructive roster does not fit the program");
        free(values);
        model_free(&m);
    }
    or_diags_clear(&diags);
}
