/*
 * lns.c - large-neighbourhood search with GLPK sub-solves, run in its own
 * process beside the branch and bound (solve.c).
 *
 * From the current roster it frees one neighbourhood at a time, fixes every
 * other assignment, and lets GLPK find the best roster within it, as a small
 * program of its own seeded with the current roster; a roster is kept
 * when it costs no more than the current one, with ties broken at random so
 * that the search moves along plateaus of equal cost.  Neighbourhoods follow the
 * problem's structure: a window of days for everyone (moves in time), a
 * group of specialists who can stand in for each other for the whole month
 * (swaps), and, around a place left unfilled, those who could take it and
 * those who could take over what these hold (repairs); and, while anyone
 * is short of their minimum time, that specialist alone on a window of
 * days (hours); and, when the program's LP relaxation is known (in the
 * branch-and-bound process), where its solution and the roster disagree
 * (relaxation).  Their size adapts: larger while sub-solves finish
 * quickly, smaller when they time out.
 */
#include "msg.h"
#include "strategy.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct lns {
    struct model *m;
    const struct rules *r;
    double *cur;           /* 1-based values of every column in the current roster */
    const double *relaxed; /* the same in the LP relaxation, or NULL */
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
    return xorshift32(&l->rng);
}

static int below(struct lns *l, int n)
{
    return n > 0 ? (int)(next_random(l) % (unsigned)n) : 0;
}

/* Whether unit u has an occurrence on days [d0, d0 + len). */
static bool in_days(const struct rules *r, size_t u, int d0, int len)
{
    const struct unit *un = &r->units[u];
    for (size_t i = 0; i < un->nocc; i++) {
        int d = r->cal->occ[un->occ[i]].day - r->cal->first;
        if (d >= d0 && d < d0 + len)
            return true;
    }
    return false;
}

/* Frees every unit with an occurrence on days [d0, d0 + len) for everyone. */
static void free_days(struct lns *l, int d0, int len)
{
    for (size_t u = 0; u < l->r->nunits; u++)
        if (in_days(l->r, u, d0, len))
            memset(&l->free_x[u * l->r->ns], 1, l->r->ns);
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

/* Around unit u (a place left unfilled): frees, on days [d0, d0 + len),
 * everyone who could take u and everyone who could take over what those
 * hold on these days, so that the sub-program can move a chain of people:
 * the place is often open because its only candidates are held by a night
 * or a session elsewhere that someone else could do. */
static void free_chain(struct lns *l, size_t u, int d0, int len)
{
    const struct rules *r = l->r;
    size_t ns = r->ns;
    for (size_t s = 0; s < ns; s++)
        l->pick[s] = r->can[u * ns + s] ? 1 : 0;
    for (size_t v = 0; v < r->nunits; v++) {
        if (!in_days(r, v, d0, len))
            continue;
        bool held = false;
        for (size_t s = 0; s < ns && !held; s++) {
            int x = l->m->xcol[v * ns + s];
            held = l->pick[s] == 1 && x && l->cur[x] > 0.5;
        }
        if (held)
            for (size_t s = 0; s < ns; s++)
                if (!l->pick[s] && r->can[v * ns + s])
                    l->pick[s] = 2;
    }
    for (size_t v = 0; v < r->nunits; v++)
        if (in_days(r, v, d0, len))
            for (size_t s = 0; s < ns; s++)
                l->free_x[v * ns + s] = l->pick[s] != 0;
}

/* Whether specialist s is short of their minimum time in the current
 * roster, and how many are. */
static bool is_short(const struct lns *l, size_t s)
{
    return l->m->hours_col[s] && l->cur[l->m->hours_col[s]] > 0.5;
}

static int short_count(const struct lns *l)
{
    int n = 0;
    for (size_t s = 0; s < l->r->ns; s++)
        n += is_short(l, s);
    return n;
}

static void choose(struct lns *l, int kind, int size)
{
    const struct rules *r = l->r;
    memset(l->free_x, 0, r->nunits * r->ns);
    if (kind == 4) {
        /* One specialist short of their minimum time, alone, on a window
         * of days: everyone else stays, so the sub-program is small enough
         * to prove even on a year's horizon, and it adds work wherever the
         * specialist's own rules (runs, weekends, successions) allow. */
        int pick = below(l, short_count(l));
        for (size_t s = 0; s < r->ns; s++) {
            if (!is_short(l, s) || pick-- > 0)
                continue;
            int d0 = below(l, r->ndays - size + 1);
            for (size_t u = 0; u < r->nunits; u++)
                if (in_days(r, u, d0, size))
                    l->free_x[u * r->ns + s] = 1;
            break;
        }
        return;
    }
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
    if (kind == 5) {
        /* Where the LP relaxation and the roster disagree, on a window of
         * days (relaxation induced neighbourhoods): what agrees is likely
         * right, and the rest is where the bound says cost can be saved. */
        int d0 = below(l, r->ndays - size + 1);
        for (size_t u = 0; u < r->nunits; u++) {
            if (!in_days(r, u, d0, size))
                continue;
            for (size_t s = 0; s < r->ns; s++) {
                int j = l->m->xcol[u * r->ns + s];
                l->free_x[u * r->ns + s] = j && fabs(l->relaxed[j] - l->cur[j]) > 1e-6;
            }
        }
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
    /* Where the cost is: a chain around a place left unfilled or a
     * specialist too many, from the day before it on; else a random
     * window.  (Hours short have a kind of their own.) */
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
        free_chain(l, u, d - 1 - size / 2, size + 1);
        break;
    }
}

/* The neighbourhood as a program of its own: the free assignments, the
 * other columns that share a row with them (shortfalls, series, work days,
 * fairness deviations...), and every row those touch.  Each column left out
 * keeps its current value, moved into the bounds of the rows it appears in.
 * This is the full program with more columns fixed, so every roster it finds
 * is a roster of the full program, at the same cost up to a constant; and
 * GLPK works on the neighbourhood alone instead of presolving the whole
 * program at every sub-solve. */
struct sub {
    int *map;  /* full column -> sub column, 0 = fixed at its current value */
    int *cols; /* sub column (1-based) -> full column */
    int ncols;
    int nx;    /* sub columns 1..nx are the free assignments */
    int *rows; /* full rows of the sub-program */
    int nrows;
    unsigned char *row_in;
    unsigned char *is_x; /* full column: an assignment */
    int *ind;            /* scratch for one full row or column */
    double *val;
    int *sind;
    double *sval;
};

static void sub_free(struct sub *sb)
{
    free(sb->map);
    free(sb->cols);
    free(sb->rows);
    free(sb->row_in);
    free(sb->is_x);
    free(sb->ind);
    free(sb->val);
    free(sb->sind);
    free(sb->sval);
}

static bool sub_init(struct sub *sb, const struct model *m)
{
    int nrows = m->p.nrows;
    size_t n = (size_t)(m->ncols > nrows ? m->ncols : nrows) + 1;
    *sb = (struct sub){0};
    sb->map = calloc((size_t)m->ncols + 1, sizeof(int));
    sb->cols = malloc(((size_t)m->ncols + 1) * sizeof(int));
    sb->rows = malloc(((size_t)nrows + 1) * sizeof(int));
    sb->row_in = calloc((size_t)nrows + 1, 1);
    sb->is_x = calloc((size_t)m->ncols + 1, 1);
    sb->ind = malloc(n * sizeof(int));
    sb->val = malloc(n * sizeof(double));
    sb->sind = malloc(n * sizeof(int));
    sb->sval = malloc(n * sizeof(double));
    if (!sb->map || !sb->cols || !sb->rows || !sb->row_in || !sb->is_x || !sb->ind || !sb->val ||
        !sb->sind || !sb->sval) {
        sub_free(sb);
        return false;
    }
    for (size_t k = 0; k < m->r->nunits * m->r->ns; k++)
        if (m->xcol[k])
            sb->is_x[m->xcol[k]] = 1;
    return true;
}

static void sub_add_col(struct sub *sb, int j)
{
    if (!sb->map[j]) {
        sb->cols[++sb->ncols] = j;
        sb->map[j] = sb->ncols;
    }
}

/* Adds the rows of column j; with `aux`, also the columns other than
 * assignments in those rows. */
static void sub_add_rows_of(struct sub *sb, const struct store *lp, int j, bool aux)
{
    int len = store_mat_col(lp, j, sb->ind, sb->val);
    for (int k = 1; k <= len; k++) {
        int i = sb->ind[k];
        if (sb->row_in[i])
            continue;
        sb->row_in[i] = 1;
        sb->rows[++sb->nrows] = i;
        if (!aux)
            continue;
        int rlen = store_mat_row(lp, i, sb->sind, sb->sval);
        for (int t = 1; t <= rlen; t++)
            if (!sb->is_x[sb->sind[t]])
                sub_add_col(sb, sb->sind[t]);
    }
}

/* Builds the neighbourhood's program; *base gets the current cost of its
 * columns.  NULL when nothing is free or memory runs out. */
static glp_prob *sub_build(struct lns *l, struct sub *sb, double *base)
{
    const struct rules *r = l->r;
    const struct store *full = &l->m->p;
    for (int k = 1; k <= sb->ncols; k++)
        sb->map[sb->cols[k]] = 0;
    for (int k = 1; k <= sb->nrows; k++)
        sb->row_in[sb->rows[k]] = 0;
    sb->ncols = sb->nrows = 0;
    for (size_t k = 0; k < r->nunits * r->ns; k++)
        if (l->free_x[k] && l->m->xcol[k] && !r->must[k])
            sub_add_col(sb, l->m->xcol[k]);
    int nx = sb->nx = sb->ncols;
    if (nx == 0)
        return NULL;
    /* Two rings: the columns that share a row with a free assignment (on a
     * campus on a day, a shortfall), then those that share a row with these
     * (a change of campus between two days); columns further out are
     * settled by the fixed assignments. */
    int from = 1;
    for (int ring = 0; ring < 3; ring++) {
        int to = sb->ncols;
        for (int k = from; k <= to; k++)
            sub_add_rows_of(sb, full, sb->cols[k], ring < 2);
        from = to + 1;
    }

    *base = 0;
    for (int k = 1; k <= sb->ncols; k++)
        *base += full->cost[sb->cols[k]] * l->cur[sb->cols[k]];
    return store_part(full, sb->cols, sb->ncols, sb->map, sb->rows, sb->nrows, l->cur, sb->sind,
                      sb->sval);
}

struct seed {
    const double *x;
    bool done;
};

static void offer_seed(glp_tree *tree, void *info)
{
    struct seed *sd = info;
    if (glp_ios_reason(tree) == GLP_IHEUR && !sd->done) {
        sd->done = true;
        glp_ios_heur_sol(tree, sd->x);
    }
}

/* Solves the current neighbourhood; returns whether the roster improved. */
static bool sub_solve(struct lns *l, struct sub *sb, double limit)
{
    l->sub_proven = false;
    double base;
    glp_prob *lp = sub_build(l, sb, &base);
    if (!lp)
        return false;
    double now = solver_now();
    l->sub_deadline = fmin(l->deadline, now + limit);
    /* Ties broken at random: each free assignment costs a little more, by
     * less than TIE_BREAK_TOTAL for all of them together, so that a roster cheaper in
     * this program never costs more in the true one (whose costs are whole
     * numbers), and of the rosters as cheap as the current one GLPK returns
     * one at random instead of the one it was given.  Taking those (below)
     * moves the search along plateaus of equal cost, where a pure descent
     * stops. */
    for (int k = 1; k <= sb->nx; k++)
        glp_set_obj_coef(lp, k,
                         glp_get_obj_coef(lp, k) +
                             TIE_BREAK_TOTAL / sb->nx * (next_random(l) % 1024) / 1024.0);
    glp_scale_prob(lp, GLP_SF_AUTO);
    /* Presolve off, so that the current roster can be offered as the first
     * incumbent: GLPK then only explores what could beat it. */
    glp_smcp sm;
    glp_init_smcp(&sm);
    sm.msg_lev = GLP_MSG_OFF;
    sm.tm_lim = (int)fmax(1, (l->sub_deadline - now) * 1000);
    glp_adv_basis(lp, 0);
    glp_simplex(lp, &sm);
    for (int k = 1; k <= sb->ncols; k++)
        sb->val[k] = l->cur[sb->cols[k]];
    struct seed sd = {sb->val, false};
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.clq_cuts = GLP_ON;
    parm.cb_func = offer_seed;
    parm.cb_info = &sd;
    parm.tm_lim = (int)fmax(1, (l->sub_deadline - solver_now()) * 1000);
    int rc = glp_intopt(lp, &parm);
    int status = glp_mip_status(lp);
    if (rc == 0 && (status == GLP_OPT || status == GLP_NOFEAS))
        l->sub_proven = true;
    /* The new cost is summed from the values themselves, integer columns
     * rounded: GLPK's objective carries its integrality tolerance, which at
     * the benchmark's weights (100 000 an hour) is worth whole units, and
     * summed over thousands of improvements it drifted away from the
     * roster's true cost. */
    bool better = false;
    if (status == GLP_OPT || status == GLP_FEAS) {
        double cost = 0;
        for (int k = 1; k <= sb->ncols; k++) {
            double v = glp_mip_col_val(lp, k);
            if (glp_get_col_kind(lp, k) != GLP_CV)
                v = floor(v + 0.5);
            sb->val[k] = v;
            cost += l->m->p.cost[sb->cols[k]] * v;
        }
        /* Better, or as good and different: a step along a plateau. */
        better = cost < base - COST_TOLERANCE;
        if (cost < base + COST_TOLERANCE) {
            for (int k = 1; k <= sb->ncols; k++)
                l->cur[sb->cols[k]] = sb->val[k];
            l->cur_obj += cost - base;
        }
    }
    glp_delete_prob(lp);
    return better;
}

/* Takes the best roster another process found, when it beats ours. */
static bool adopt_forwarded(struct lns *l, struct inbox *in, unsigned char *x)
{
    double obj;
    if (!in || !inbox_take_roster(in, l->r, x, &obj) || obj > l->cur_obj - COST_TOLERANCE)
        return false;
    double *values = solver_complete(l->m, x);
    if (!values)
        return false;
    double cost = model_objective(l->m, values);
    bool better = cost < l->cur_obj - COST_TOLERANCE;
    if (better) {
        memcpy(l->cur, values, ((size_t)l->m->ncols + 1) * sizeof(double));
        l->cur_obj = cost;
    }
    free(values);
    return better;
}

void lns_run(struct model *m, double *values, const struct lns_plan *plan, int fd, struct inbox *in,
             double start, bool verbose)
{
    const struct rules *r = m->r;
    const char *who = plan->who;
    double deadline = plan->deadline;
    unsigned seed = plan->seed ? plan->seed : 0x9e3779b9u;
    /* bench/seeds.sh compares two builds over several seeds: the path of
     * the search depends on GLPK's pivoting, so one seed is one draw. */
    const char *salt = getenv("ONCOROSTER_SEED");
    if (salt && *salt)
        seed ^= (unsigned)strtoul(salt, NULL, 10) * 0x9e3779b9u;
    struct lns l = {.m = m, .r = r, .relaxed = plan->relaxed, .rng = seed, .deadline = deadline};
    l.cur = malloc(((size_t)m->ncols + 1) * sizeof(double));
    l.free_x = malloc(nz(r->nunits * r->ns));
    l.pick = malloc(nz(r->ns));
    unsigned char *forwarded = malloc(nz(r->nunits * r->ns));
    struct sub sb;
    if (!sub_init(&sb, m))
        goto out_free;
    if (!l.cur || !l.free_x || !l.pick || !forwarded)
        goto out_sub;
    memcpy(l.cur, values, ((size_t)m->ncols + 1) * sizeof(double));
    l.cur_obj = model_objective(m, l.cur);
    if (verbose)
        solver_log(fd, start, "%s: starts from %.0f", who, l.cur_obj);
    /* days, specialists, a chain around a hole, days for half the
     * specialists, one specialist short of their minimum time, and where
     * the relaxation disagrees */
    enum { KINDS = 6 };
    static const char *const kind_name[KINDS] = {"days",   "specialists", "hole",
                                                 "window", "hours",       "relaxation"};
    int size[KINDS] = {3, 3, 3, 7, r->ndays < 14 ? r->ndays : 14, r->ndays < 7 ? r->ndays : 7};
    const int max_size[KINDS] = {r->ndays, (int)r->ns, r->ndays, r->ndays, r->ndays, r->ndays};
    /* The kinds taken in turn (hours comes in between, below). */
    const int turn[] = {0, 1, 2, 3, 5};
    int nturn = l.relaxed ? 5 : 4;
    double last_better = solver_now();
    int round = (int)(seed % 4), iterations = 0, improved = 0;
    int tried[KINDS] = {0}, won[KINDS] = {0};
    while (solver_now() < deadline - DEADLINE_MARGIN &&
           (plan->patience <= 0 || solver_now() < last_better + plan->patience)) {
        if (adopt_forwarded(&l, in, forwarded)) {
            last_better = solver_now();
            if (verbose)
                solver_log(fd, start, "%s: takes over a roster of %.0f", who, l.cur_obj);
        }
        /* While someone is short of their minimum time (a hard rule of the
         * public benchmark), every other neighbourhood is theirs. */
        int kind = (iterations & 1) && short_count(&l) > 0 ? 4 : turn[round++ % nturn];
        choose(&l, kind, size[kind]);
        double t0 = solver_now();
        bool better = sub_solve(&l, &sb, SUB_LIMIT);
        double took = solver_now() - t0;
        iterations++;
        improved += better;
        tried[kind]++;
        won[kind] += better;
        if (better) {
            solver_send_roster(fd, m, l.cur, l.cur_obj, -HUGE_VAL, 0, start);
            last_better = solver_now();
        }
        if (verbose && (better || iterations % 50 == 0))
            solver_log(fd, start, "%s: %s neighbourhood of size %d: %s (%.2f s), roster %.0f", who,
                       kind_name[kind], size[kind],
                       better         ? "better"
                       : l.sub_proven ? "no better"
                                      : "stopped",
                       took, l.cur_obj);
        /* Grow while sub-solves are quick and proven, shrink when they stall. */
        if (l.sub_proven && took < SUB_LIMIT * SUB_QUICK && size[kind] < max_size[kind])
            size[kind]++;
        else if (!l.sub_proven && took >= SUB_LIMIT * SUB_STALLED && size[kind] > 1)
            size[kind]--;
    }
    if (verbose)
        solver_log(fd, start,
                   "%s: %d neighbourhoods, %d better (%s %d/%d, %s %d/%d, %s %d/%d, %s %d/%d, "
                   "%s %d/%d, %s %d/%d), roster %.0f",
                   who, iterations, improved, kind_name[0], won[0], tried[0], kind_name[1], won[1],
                   tried[1], kind_name[2], won[2], tried[2], kind_name[3], won[3], tried[3],
                   kind_name[4], won[4], tried[4], kind_name[5], won[5], tried[5], l.cur_obj);
    memcpy(values, l.cur, ((size_t)m->ncols + 1) * sizeof(double));
out_sub:
    sub_free(&sb);
out_free:
    free(l.cur);
    free(l.free_x);
    free(l.pick);
    free(forwarded);
}

void lns_main(struct model *m, const unsigned char *x0, int fd, struct inbox *in, double start,
              double deadline, bool verbose)
{
    glp_term_out(GLP_OFF);
    double *values = solver_complete(m, x0);
    if (values) {
        struct lns_plan plan = {NULL, deadline, 0, 0x9e3779b9u, "lns"};
        lns_run(m, values, &plan, fd, in, start, verbose);
    } else if (verbose)
        solver_log(fd, start, "lns: the constructive roster does not fit the program");
    free(values);
}
