/*
 * solve.c - runs the search within a hard deadline.
 *
 * GLPK's own time limit does not cover everything it does (the root LP, cut
 * generation), and a cron job must never hang.  So the calling process
 * builds the constructive roster and the program (store.c, without GLPK),
 * then forks two processes that share it: one solves the root LP, searches
 * rosters guided by it until it stops finding better ones, runs branch and
 * bound from the best, and then searches again (or, on a program too large
 * for its root LP, only searches); the other runs a neighbourhood search
 * (lns.c).  Both stream every better roster and their progress through a
 * pipe; the parent keeps the best, forwards it to the other process over a
 * socket without ever waiting, and at the deadline, on a stop request, or
 * once the best roster is proven, it kills both and returns that roster.
 * A crash inside GLPK costs the improvement, never the roster.
 *
 * With presolve on, GLPK's callback sees the presolved problem, whose
 * columns are not ours; branch and bound therefore runs with presolve off,
 * the root LP solved first with glp_simplex(), and the callback checks the
 * column count before it offers the constructive roster (glp_ios_heur_sol)
 * or reads one back.
 */
#include "glpk_settings.h"
#include "msg.h"
#include "rules/rule.h"
#include "strategy.h"

#include <errno.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

/* ---- the child: GLPK ------------------------------------------------------------- */

struct child {
    struct model *m;
    int fd;
    double start;
    double deadline;
    double gap;
    double *seed; /* 1-based column values of the constructive roster, or NULL */
    bool seeded;
    bool proven;
    double last_progress;
    double incumbent;
    double bound;
    double floor; /* the decomposition's bound: the tree's is never below it */
};

static void send_solution(struct child *c, glp_prob *lp, double bound, int nodes)
{
    double *values = malloc(((size_t)c->m->ncols + 1) * sizeof(double));
    if (!values)
        return;
    for (int j = 1; j <= c->m->ncols; j++)
        values[j] = glp_mip_col_val(lp, j);
    solver_send_roster(c->fd, c->m, values, glp_mip_obj_val(lp), bound, nodes, c->start);
    free(values);
}

static void callback(glp_tree *tree, void *info)
{
    struct child *c = info;
    glp_prob *lp = glp_ios_get_prob(tree);
    if (glp_get_num_cols(lp) != c->m->ncols)
        return; /* not our columns: never read or offer a roster */
    int reason = glp_ios_reason(tree);
    int best = glp_ios_best_node(tree);
    double bound = best ? fmax(glp_ios_node_bound(tree, best), c->floor) : c->bound;
    if (best)
        c->bound = bound;
    int active = 0, nodes = 0, total = 0;
    glp_ios_tree_size(tree, &active, &nodes, &total);
    if (reason == GLP_IHEUR && c->seed && !c->seeded) {
        c->seeded = true;
        glp_ios_heur_sol(tree, c->seed);
    }
    if (reason == GLP_IBINGO) {
        c->incumbent = glp_mip_obj_val(lp);
        send_solution(c, lp, bound, total);
    }
    double t = solver_now();
    if (t - c->last_progress >= PROGRESS_INTERVAL) {
        c->last_progress = t;
        struct msg msg = {MSG_PROGRESS, 0, active, total, c->incumbent, c->bound, t - c->start};
        solver_write_all(c->fd, &msg, sizeof(msg));
    }
    /* The objective is an integer: a bound within 1 of it proves optimality. */
    if (c->incumbent < HUGE_VAL && best && ceil(bound - 1e-6) >= c->incumbent - 1e-6) {
        c->proven = true;
        glp_ios_terminate(tree);
    }
    if (t >= c->deadline)
        glp_ios_terminate(tree);
}

/* A bound column generation has reached: it goes out at once, and may
 * prove the other search's roster optimal. */
static void decompose_bound(double bound, void *info)
{
    struct child *c = info;
    if (bound <= c->bound)
        return;
    c->bound = c->floor = bound;
    struct msg msg = {MSG_PROGRESS, 0, 0, 0, c->incumbent, c->bound, solver_now() - c->start};
    solver_write_all(c->fd, &msg, sizeof(msg));
}

/* The program split by specialist (decompose.c), for a share of the time
 * left: its bound, when stronger, becomes the bound that proves rosters
 * optimal, and its roster the one the searches start from, when better.
 * Not when the root relaxation's bound, rounded up, already proves the
 * roster at hand optimal, nor with too little time left to build its
 * blocks and price them. */
static void child_decompose(struct child *c, double deadline, bool verbose)
{
    if (deadline - solver_now() < DECOMPOSE_MIN_LEFT * (deadline - c->start)) {
        if (verbose)
            solver_log(c->fd, c->start, "decomposition: not started, too little time left");
        return;
    }
    glp_prob *lp = c->m->lp;
    double seed_cost = model_objective(c->m, c->seed);
    if (ceil(c->bound - 1e-6) >= seed_cost - COST_TOLERANCE) {
        if (verbose)
            solver_log(c->fd, c->start,
                       "decomposition: not needed, the root bound proves the roster");
        return;
    }
    struct dw_result dw;
    /* The root LP's duals (just solved) are where the pricing starts. */
    int rows = glp_get_num_rows(lp);
    double *duals =
        glp_get_status(lp) == GLP_OPT ? malloc(((size_t)rows + 1) * sizeof(double)) : NULL;
    for (int i = 1; duals && i <= rows; i++)
        duals[i] = glp_get_row_dual(lp, i);
    double until = solver_now() + DECOMPOSE_SHARE * (deadline - solver_now());
    struct dw_task task = {c->seed, duals, until, NULL, true, decompose_bound, c, false};
    int rc = dw_solve(c->m, &task, &dw);
    free(duals);
    if (rc != 0)
        return;
    if (verbose)
        solver_log(
            c->fd, c->start,
            "decomposition: %d specialists priced apart (%d twins priced with another), %d linking "
            "rows, %d rounds "
            "(%d mispriced, %d boxes; master %.1f s, pricing %.1f s, %d of it by dynamic programme "
            "in %.1f s), %d plans: bound %.2f%s, roster %.0f%s (dive fixed %d)",
            dw.blocks, dw.twins, dw.master_rows, dw.iterations, dw.mispriced, dw.boxes,
            dw.master_seconds, dw.pricing_seconds, dw.dp_priced, dw.dp_seconds, dw.plans, dw.bound,
            dw.proven ? "" : " (unfinished)", dw.cost, dw.dived ? " (by diving)" : "",
            dw.dive_fixed);
    if (dw.x && dw.cost < seed_cost - COST_TOLERANCE) {
        memcpy(c->seed, dw.x, ((size_t)c->m->ncols + 1) * sizeof(double));
        solver_send_roster(c->fd, c->m, dw.x, dw.cost, c->bound, 0, c->start);
    }
    free(dw.x);
}

/* The branch-and-bound process, on the program the parent built, which
 * it shares with the other process: it reads the store and never writes
 * it. */
static void child_main(struct model *m, const unsigned char *x0, int fd, struct inbox *in,
                       double start, double deadline, double gap, bool decompose, bool verbose)
{
    struct msg end = {MSG_END, 0, END_ERROR, 0, HUGE_VAL, -HUGE_VAL, 0};
    double *relaxed = NULL; /* the root LP's column values */
    glp_term_out(GLP_OFF);
    if (verbose)
        solver_log(fd, start, "b&b: program of %d rows, %d columns, %zu non-zeros", m->p.nrows,
                   m->ncols, m->p.nnz);
    struct child c = {m,     fd,    start, deadline, gap,       NULL,
                      false, false, 0,     HUGE_VAL, -HUGE_VAL, -HUGE_VAL};
    c.seed = solver_complete(m, x0);
    if (verbose)
        solver_log(fd, start, "b&b: constructive roster %s", c.seed ? "completed" : "rejected");
    /* The whole program in GLPK, for its root LP and trees, only where
     * they pay: beyond WHOLE_PROGRAM_NZ the root LP does not finish in
     * the time, and GLPK's copy of the program and its factors would take
     * gigabytes; this process then searches rosters as the other does. */
    if (m->p.nnz > WHOLE_PROGRAM_NZ || model_glpk(m) != 0) {
        end.code = END_TIME;
        end.seconds = solver_now() - start;
        solver_write_all(fd, &end, sizeof(end));
        if (verbose)
            solver_log(fd, start, "b&b: no root LP on a program of %zu non-zeros; searching",
                       m->p.nnz);
        goto out_search;
    }

    glp_smcp smcp;
    glpk_root_lp_settings(m->lp, &smcp);
    /* The root LP gives the bound that proves rosters optimal; where it
     * takes too long, this process searches rosters instead. */
    double left = deadline - solver_now();
    double lp_time = ROOT_LP_SHARE * left;
    smcp.tm_lim = lp_time > 0 ? (int)(lp_time * 1000) : 1;
    int rc = glp_simplex(m->lp, &smcp);
    int status = GLP_UNDEF;
    if (rc != 0 || glp_get_status(m->lp) != GLP_OPT) {
        end.code = rc == GLP_ENOPFS || (rc == 0 && glp_get_status(m->lp) == GLP_NOFEAS)
                       ? END_INFEASIBLE
                       : END_TIME;
        end.seconds = solver_now() - start;
        solver_write_all(fd, &end, sizeof(end));
        if (verbose && end.code == END_TIME)
            solver_log(fd, start, "b&b: root LP unfinished after %.1f s", lp_time);
        goto out_search;
    }
    c.bound = glp_get_obj_val(m->lp);
    relaxed = malloc(((size_t)m->ncols + 1) * sizeof(double));
    for (int j = 1; relaxed && j <= m->ncols; j++)
        relaxed[j] = glp_get_col_prim(m->lp, j);
    if (verbose)
        solver_log(fd, start, "b&b: root LP bound %.2f", c.bound);

    /* The bound goes out now: with it, a roster of the other search may
     * already be proven optimal. */
    struct msg root = {MSG_PROGRESS, 0, 0, 0, c.incumbent, c.bound, solver_now() - start};
    solver_write_all(fd, &root, sizeof(root));

    /* Neighbourhood search first, until it stops finding better rosters,
     * guided by the relaxation; then the tree, from the best roster found:
     * where the root bound is close, rosters come from the searches; where
     * it is weak, the tree proves the roster optimal that the search is
     * stuck on, and a better incumbent lets it prune more. */
    glp_iocp parm;
    glpk_tree_settings(&parm, gap);
    parm.cb_func = callback;
    parm.cb_info = &c;
    /* Each tree gets a share of the time; the rest goes to the search.  A
     * tree that ends on its time limit runs again after the next search
     * stops, from a better roster if there is one: the first may have
     * started from a roster just above the optimum. */
    double tree_time = fmax(TREE_MIN_SECONDS, TREE_SHARE * (deadline - start));
    double patience = fmax(PATIENCE_MIN_SECONDS, PATIENCE_SHARE * (deadline - start));
    end.code = END_TIME; /* unless a tree ends otherwise */
    end.bound = c.bound;
    bool trees_left = true;
    for (int trees = 0;; trees++) {
        if (c.seed) {
            /* Without a tree to come, the search goes on to the end. */
            struct lns_plan plan = {relaxed, deadline, trees_left ? patience : 0,
                                    0x85ebca6bu + (unsigned)trees, "lns2"};
            lns_run(m, c.seed, &plan, fd, in, start, verbose);
        }
        /* Once the search has stopped finding better rosters (where the
         * root bound is close, it has found the optimum by then, and the
         * parent has stopped), the program split by specialist, for its
         * stronger bound, starting from the search's roster. */
        if (trees == 0 && decompose && c.seed)
            child_decompose(&c, deadline, verbose);
        if (solver_now() >= deadline - ENDGAME_SECONDS || !trees_left)
            break;
        if (trees > 0) {
            /* The tree leaves the program as it found it, but not always
             * its basis: the root LP again, from where it stands, for at
             * most a tree's time. */
            smcp.presolve = GLP_OFF;
            smcp.tm_lim = (int)(fmax(0.001, fmin(tree_time, deadline - solver_now())) * 1000);
            if (glp_simplex(m->lp, &smcp) != 0 || glp_get_status(m->lp) != GLP_OPT) {
                trees_left = false;
                if (verbose)
                    solver_log(fd, start, "b&b: root LP not solved again; searching on");
                continue;
            }
        }
        left = deadline - solver_now();
        c.deadline = fmin(deadline, solver_now() + tree_time);
        c.seeded = false;
        parm.tm_lim = left > 0 ? (int)(fmin(left, tree_time) * 1000) : 1;
        rc = glp_intopt(m->lp, &parm);
        status = glp_mip_status(m->lp);
        end.obj = c.incumbent;
        end.bound = c.bound;
        end.code = END_ERROR;
        if (c.proven || (rc == 0 && status == GLP_OPT && gap == 0))
            end.code = END_OPTIMAL;
        else if (rc == 0 && status == GLP_OPT)
            end.code = END_GAP;
        else if (status == GLP_NOFEAS)
            end.code = END_INFEASIBLE;
        else if (rc == GLP_ETMLIM || rc == GLP_ESTOP)
            end.code = END_TIME;
        if (status == GLP_OPT && end.code == END_OPTIMAL)
            end.bound = glp_mip_obj_val(m->lp);
        end.seconds = solver_now() - start;
        if (end.code != END_TIME)
            break;
        if (verbose)
            solver_log(fd, start, "b&b: tree stopped after %.1f s, %s", tree_time,
                       status == GLP_FEAS ? "searching from its roster" : "searching on");
        /* The next search starts from the tree's roster when it is better
         * than the one it was given. */
        if (status == GLP_FEAS && c.seed) {
            if (glp_mip_obj_val(m->lp) < model_objective(m, c.seed) - COST_TOLERANCE)
                for (int j = 1; j <= m->ncols; j++)
                    c.seed[j] = glp_mip_col_val(m->lp, j);
        }
        /* Each tree waits twice as long for the search to stall: where
         * trees prove nothing, they must not take the search's time. */
        patience *= 2;
    }
    end.seconds = solver_now() - start;
    solver_write_all(fd, &end, sizeof(end));
    goto out_free;

out_search:
    /* The root LP unfinished: continue as a second neighbourhood search
     * from the constructive roster (none when the program has no roster
     * at all). Column generation from the master's own duals does not
     * converge in what is left of the time on such programs, and took it
     * from the search (docs/performance.md, twenty-first session). */
    if (end.code == END_TIME && c.seed && solver_now() < deadline - ENDGAME_SECONDS) {
        struct lns_plan plan = {relaxed, deadline, 0, 0x85ebca6bu ^ 0x5bd1e995u, "lns2"};
        lns_run(m, c.seed, &plan, fd, in, start, verbose);
    }
out_free:
    free(relaxed);
    free(c.seed);
    if (m->lp) {
        glp_delete_prob(m->lp);
        m->lp = NULL;
    }
}

/* ---- the parent ------------------------------------------------------------------- */

struct best {
    unsigned char *x;
    unsigned char *scratch;
    bool model_mismatch;
    int version; /* grows with every better roster */
    int source;  /* which process sent the best roster; -1 = constructive */
    double obj;
    double bound;
    int nodes;
    int end_code; /* 0 = no end message */
};

/* Applies one complete message; returns bytes used, 0 when incomplete. */
static size_t take_message(const char *buf, size_t len, struct best *best, const struct rules *r,
                           const struct or_solve_options *opt, int source)
{
    struct msg msg;
    if (len < sizeof(msg))
        return 0;
    memcpy(&msg, buf, sizeof(msg));
    size_t need = sizeof(msg);
    if (msg.n < 0 || msg.n > (1 << 26))
        return len; /* garbage: drop what we have */
    if (msg.kind == MSG_SOLUTION)
        need += (size_t)msg.n * 2 * sizeof(int32_t);
    if (msg.kind == MSG_LOG)
        need += (size_t)msg.n;
    if (len < need)
        return 0;
    if (msg.kind == MSG_LOG) {
        if (opt->log) {
            char line[300];
            size_t n = (size_t)msg.n < sizeof(line) - 1 ? (size_t)msg.n : sizeof(line) - 1;
            memcpy(line, buf + sizeof(msg), n);
            line[n] = '\0';
            opt->log(line, opt->user);
        }
        return need;
    }
    size_t ns = r->ns;
    if (msg.kind == MSG_SOLUTION && msg.obj < best->obj + COST_TOLERANCE) {
        /* Judge the roster by its own cost: in a feasible point of the
         * program, slack columns may sit above their minimum. */
        msg_decode_pairs(buf + sizeof(msg), msg.n, r, best->scratch);
        struct or_soft soft;
        rules_evaluate(r, best->scratch, &soft);
        double obj = or_soft_objective(r->dept, &soft);
        /* Both are whole numbers, up to rounding in sums that reach 10^8
         * on the benchmark's instances. */
        if (obj > msg.obj + COST_TOLERANCE)
            best->model_mismatch = true; /* the program undercounts: a bug */
        if (obj < best->obj) {
            memcpy(best->x, best->scratch, r->nunits * ns);
            best->obj = obj;
            best->version++;
            best->source = source;
        }
    }
    if (msg.bound > 1e300 || msg.bound < -1e300)
        msg.bound = -HUGE_VAL; /* no bound known yet */
    if (msg.kind != MSG_END && msg.bound > best->bound)
        best->bound = msg.bound;
    if (msg.nodes > best->nodes)
        best->nodes = msg.nodes;
    if (msg.kind == MSG_END) {
        best->end_code = msg.code;
        if (msg.bound > best->bound)
            best->bound = msg.bound;
    }
    if (msg.kind == MSG_PROGRESS && opt->progress) {
        struct or_progress p = {msg.seconds, best->obj, best->bound, 0, msg.code};
        p.gap = best->obj < HUGE_VAL && best->bound > -HUGE_VAL
                    ? (best->obj - best->bound) / fmax(1, fabs(best->obj))
                    : HUGE_VAL;
        opt->progress(&p, opt->user);
    }
    return need;
}

/* Starts one solving process writing to a new pipe and reading forwarded
 * rosters from a socket (*to_child, non-blocking); returns its pid. */
static pid_t spawn(struct model *m, const struct best *best, const struct or_solve_options *opt,
                   double start, bool lns, int *fd, int *to_child)
{
    int fds[2], sv[2];
    if (pipe(fds) != 0)
        return -1;
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0) {
        close(fds[0]);
        close(fds[1]);
        return -1;
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        close(sv[0]);
        close(sv[1]);
        return -1;
    }
    if (pid == 0) {
        close(fds[0]);
        close(sv[0]);
        signal(SIGINT, SIG_IGN);
        signal(SIGTERM, SIG_DFL);
        struct inbox in = {sv[1], NULL, 0, 0};
        double deadline = start + opt->time_limit - DEADLINE_MARGIN;
        /* Tests stand in for the kernel's out-of-memory killer here
         * (docs/robustness.md); nothing else reads this. */
        const char *fault = getenv("ONCOROSTER_TEST_FAULT");
        if (fault && strcmp(fault, "kill-search") == 0)
            raise(SIGKILL);
        if (lns)
            lns_main(m, best->x, fds[1], &in, start, deadline, opt->log != NULL);
        else
            child_main(m, best->x, fds[1], &in, start, deadline, opt->gap, !opt->compact,
                       opt->log != NULL);
        close(fds[1]);
        _exit(0);
    }
    close(fds[1]);
    close(sv[1]);
    fcntl(sv[0], F_SETFL, fcntl(sv[0], F_GETFL) | O_NONBLOCK);
    *fd = fds[0];
    *to_child = sv[0];
    return pid;
}

/* What the parent still has to send one child. */
struct outbox {
    int fd;
    char *buf;
    size_t len;
    size_t sent;
    int version; /* of the best roster last queued */
};

/* Queues the best roster for a child that did not find it, once the last
 * message has gone out, and sends what the socket takes without waiting. */
static void forward_best(struct outbox *ob, const struct best *best, const struct rules *r,
                         int child)
{
    if (ob->fd < 0)
        return;
    if (ob->sent == ob->len && best->version > ob->version && best->source != child &&
        best->source >= 0) {
        free(ob->buf);
        ob->buf = msg_encode_roster(r, best->x, best->obj, &ob->len);
        ob->sent = 0;
        ob->version = best->version;
        if (!ob->buf)
            ob->len = 0;
    }
    while (ob->sent < ob->len) {
        ssize_t n =
            send(ob->fd, ob->buf + ob->sent, ob->len - ob->sent, MSG_DONTWAIT | MSG_NOSIGNAL);
        if (n <= 0) {
            if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
                close(ob->fd); /* the child is gone */
                ob->fd = -1;
            }
            return;
        }
        ob->sent += (size_t)n;
    }
}

/* Whether the best roster is proven good enough to stop. */
static bool good_enough(const struct best *best, double gap)
{
    if (!(best->obj < HUGE_VAL) || !(best->bound > -HUGE_VAL))
        return false;
    if (ceil(best->bound - 1e-6) >= best->obj - 1e-6)
        return true; /* the objective is an integer */
    return gap > 0 && (best->obj - best->bound) / fmax(1, fabs(best->obj)) <= gap;
}

/* Runs branch and bound and the neighbourhood search side by side, and
 * collects rosters until both end, the deadline passes, a stop is
 * requested, or the best roster is proven good enough.  0; 1 when the
 * program was not built before the deadline or a stop request (no search
 * ran); -1 when the searches could not start (errno says why). */
static int run_children(const struct rules *r, struct best *best,
                        const struct or_solve_options *opt, double start, bool *interrupted,
                        bool *timed_out, int died[2], double died_at[2])
{
    double deadline = start + opt->time_limit;
    pid_t pid[2];
    int fd[2] = {-1, -1};
    char *buf[2] = {NULL, NULL};
    size_t len[2] = {0, 0}, cap[2] = {1 << 16, 1 << 16};
    struct outbox ob[2] = {{-1, NULL, 0, 0, 0}, {-1, NULL, 0, 0, 0}};
    /* The program is built here, once, and the searching processes share
     * it: a year-long network's is most of their memory.  Built within the
     * deadline (the processes' own, a margin before it); when it cannot
     * be, the roster is the constructive one. */
    struct model model;
    struct or_diags diags = {0};
    int built = model_build(&model, r, false, deadline - DEADLINE_MARGIN, opt->stop, &diags);
    or_diags_clear(&diags);
    if (built > 0) {
        if (opt->stop && *opt->stop)
            *interrupted = true;
        else
            *timed_out = true;
        return 1;
    }
    if (built < 0) {
        errno = ENOMEM;
        return -1;
    }
    pid[0] = spawn(&model, best, opt, start, false, &fd[0], &ob[0].fd);
    if (pid[0] < 0) {
        int err = errno;
        model_free(&model);
        errno = err;
        return -1;
    }
    pid[1] = spawn(&model, best, opt, start, true, &fd[1], &ob[1].fd);
    /* Each process has its copy now (pages shared until written, and
     * neither writes them): this one needs none. */
    model_free(&model);
    int open_fds = pid[1] < 0 ? 1 : 2;
    int end_code_bb = 0;
    for (int k = 0; k < 2; k++)
        buf[k] = malloc(cap[k]);
    while (open_fds > 0 && buf[0] && buf[1]) {
        double left = deadline - solver_now();
        if (left <= 0) {
            *timed_out = true;
            break;
        }
        if (opt->stop && *opt->stop) {
            *interrupted = true;
            break;
        }
        if (good_enough(best, opt->gap))
            break;
        struct pollfd p[2] = {{fd[0], POLLIN, 0}, {fd[1], POLLIN, 0}};
        int wait_ms = (int)fmin(left * 1000, 100);
        int rc = poll(p, 2, wait_ms < 1 ? 1 : wait_ms);
        if (rc < 0 && errno != EINTR)
            break;
        for (int k = 0; rc > 0 && k < 2; k++) {
            if (fd[k] < 0 || !(p[k].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            if (len[k] == cap[k]) {
                char *grown = realloc(buf[k], cap[k] * 2);
                if (!grown)
                    continue;
                buf[k] = grown;
                cap[k] *= 2;
            }
            ssize_t n = read(fd[k], buf[k] + len[k], cap[k] - len[k]);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0) {
                close(fd[k]);
                fd[k] = -1;
                open_fds--;
                /* It ended before it was told to: reap it now, and say so
                 * when something stopped it (a signal, such as the
                 * kernel's for lack of memory, or an error exit). */
                int status;
                pid_t w;
                while ((w = waitpid(pid[k], &status, 0)) < 0 && errno == EINTR)
                    ;
                if (w == pid[k]) {
                    pid[k] = 0;
                    if (WIFSIGNALED(status))
                        died[k] = WTERMSIG(status);
                    else if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
                        died[k] = -WEXITSTATUS(status);
                    died_at[k] = solver_now() - start;
                }
                continue;
            }
            len[k] += (size_t)n;
            size_t used;
            while ((used = take_message(buf[k], len[k], best, r, opt, k)) > 0) {
                memmove(buf[k], buf[k] + used, len[k] - used);
                len[k] -= used;
            }
            if (k == 0 && best->end_code)
                end_code_bb = best->end_code;
        }
        for (int k = 0; k < 2; k++)
            forward_best(&ob[k], best, r, k);
        /* Branch and bound has finished: nothing more can be proven. */
        if (end_code_bb && fd[0] < 0 &&
            (end_code_bb == END_OPTIMAL || end_code_bb == END_GAP || end_code_bb == END_INFEASIBLE))
            break;
    }
    for (int k = 0; k < 2; k++) {
        /* Those still running are stopped; those that ended are reaped. */
        if (pid[k] > 0) {
            kill(pid[k], SIGKILL);
            int status;
            while (waitpid(pid[k], &status, 0) < 0 && errno == EINTR)
                ;
        }
        if (fd[k] >= 0)
            close(fd[k]);
        if (ob[k].fd >= 0)
            close(ob[k].fd);
        free(ob[k].buf);
        free(buf[k]);
    }
    best->end_code = end_code_bb;
    return 0;
}

/* The roster of x, and for each place left open what stops each
 * specialist from taking it, in the words of the rules until `until` or a
 * stop request (whatever the department's size, the deadline holds): the
 * places after that get only what the department says (r->blocked). */
int fill_roster(struct or_roster *roster, const struct rules *r, const unsigned char *x,
                bool reasons, double until, volatile sig_atomic_t *stop)
{
    const struct or_calendar *cal = r->cal;
    size_t ns = r->ns;
    roster->nocc = cal->nocc;
    roster->staff = calloc(nz(cal->nocc), sizeof(int *));
    roster->missing = calloc(nz(cal->nocc), sizeof(int));
    roster->bands = calloc(nz(ns * OR_NCOUNTS), sizeof(*roster->bands));
    if (!roster->staff || !roster->missing || !roster->bands)
        return -1;
    _Static_assert(NDUTIES + 1 == OR_NCOUNTS, "bands: duties, then sessions");
    for (size_t i = 0; i < ns * OR_NCOUNTS; i++)
        roster->bands[i] = (struct or_band){r->bands[i].lo, r->bands[i].hi, r->bands[i].active};
    struct state st;
    if (state_init(&st, r) != 0)
        return -1;
    for (size_t u = 0; u < r->nunits; u++)
        for (size_t s = 0; s < ns; s++)
            if (x[u * ns + s])
                state_set(&st, u, (int)s, true);
    for (size_t o = 0; o < cal->nocc; o++) {
        size_t u = r->unit_of[o];
        int *list = malloc((ns + 1) * sizeof(int));
        if (!list) {
            state_free(&st);
            return -1;
        }
        int n = 0;
        for (size_t s = 0; s < ns; s++)
            if (x[u * ns + s])
                list[n++] = (int)s;
        list[n] = -1;
        roster->staff[o] = list;
        int min = r->units[u].min_staff;
        roster->missing[o] = n < min ? min - n : 0;
        if (!roster->missing[o])
            continue;
        struct or_shortfall *sf =
            realloc(roster->shortfall, (roster->nshortfall + 1) * sizeof(*sf));
        if (!sf) {
            state_free(&st);
            return -1;
        }
        roster->shortfall = sf;
        sf = &roster->shortfall[roster->nshortfall++];
        sf->occurrence = o;
        sf->missing = roster->missing[o];
        sf->why = calloc(nz(ns), sizeof(unsigned));
        if (!sf->why) {
            state_free(&st);
            return -1;
        }
        sf->unexplained = !reasons || solver_now() >= until || (stop && *stop);
        /* Words only where the rules are asked (a large department past
         * its deadline has tens of thousands of open places). */
        sf->reason = sf->unexplained ? NULL : calloc(nz(ns), sizeof(char *));
        if (!sf->unexplained && !sf->reason) {
            state_free(&st);
            return -1;
        }
        sf->nreasons = sf->reason ? ns : 0;
        for (size_t s = 0; s < ns && sf->unexplained; s++)
            for (size_t i = 0; i < r->units[u].nocc; i++)
                sf->why[s] |= r->blocked[r->units[u].occ[i] * ns + s];
        for (size_t s = 0; s < ns && !sf->unexplained; s++) {
            char words[256];
            if (x[u * ns + s])
                continue;
            sf->why[s] = state_explain(&st, u, (int)s, words, sizeof(words));
            if (words[0] && !(sf->reason[s] = strdup(words))) {
                state_free(&st);
                return -1;
            }
        }
    }
    /* The rules' reports (which requests are granted, and why not) have
     * a second of their own, or none when no reasons are wanted. */
    st.deadline = reasons ? solver_now() + REPORT_SECONDS : 0;
    st.stop = stop;
    if (rules_report(&st, roster) != 0) {
        state_free(&st);
        return -1;
    }
    rules_evaluate(r, x, &roster->soft);
    state_free(&st);
    return 0;
}

static double rules_cost(const struct rules *r, const unsigned char *x)
{
    struct or_soft soft;
    rules_evaluate(r, x, &soft);
    return or_soft_objective(r->dept, &soft);
}

int or_solve(struct or_roster **out, const struct or_department *dept,
             const struct or_calendar *cal, const struct or_solve_options *opt,
             struct or_diags *diags)
{
    double start = solver_now();
    *out = NULL;
    struct rules r;
    struct state st = {0};
    struct best best = {NULL, NULL, false, 0, -1, HUGE_VAL, -HUGE_VAL, 0, 0};
    struct or_roster *roster = calloc(1, sizeof(*roster));
    int rc = -1;
    if (!roster)
        goto out_nomem;
    if (rules_build(&r, dept, cal, diags) != 0)
        goto out_free_roster;
    if (opt->previous && rules_set_previous(&r, opt->previous, diags) != 0)
        goto out_nomem_rules;
    /* The constructive roster gets a share of the time: the search needs
     * the rest. */
    if (state_init(&st, &r) != 0)
        goto out_nomem_rules;
    st.stop = opt->stop; /* a stop request ends it as the deadline would */
    if (heuristic_build(&st, start + CONSTRUCT_SHARE * opt->time_limit) != 0)
        goto out_nomem_rules;
    /* Then single moves while they gain: they repair in milliseconds what
     * the greedy placement left (polish.c). */
    double obj0 = opt->log ? rules_cost(&r, st.x) : 0, t0 = solver_now();
    double until =
        fmax(start + POLISH_SHARE * opt->time_limit, t0 + POLISH_MIN_SHARE * opt->time_limit);
    long gain = state_polish(&st, until, 0);
    if (gain < 0)
        goto out_nomem_rules;
    if (opt->log) {
        char line[200];
        snprintf(line, sizeof(line), "%7.2f s  polish: constructive roster %.0f, %.0f after %.2f s",
                 solver_now() - start, obj0, obj0 - (double)gain, solver_now() - t0);
        opt->log(line, opt->user);
    }
    best.x = malloc(nz(r.nunits * r.ns));
    best.scratch = malloc(nz(r.nunits * r.ns));
    if (!best.x || !best.scratch)
        goto out_nomem_rules;
    memcpy(best.x, st.x, r.nunits * r.ns);
    struct or_soft soft;
    rules_evaluate(&r, best.x, &soft);
    best.obj = or_soft_objective(dept, &soft);
    /* Must pins can hold a run shorter than a minimum that the
     * constructive roster cannot lengthen: then any roster the searches
     * find (which meets every rule) is preferred, whatever its cost. */
    for (size_t s = 0; s < r.ns; s++)
        if (!rules_runs_ok(&r, (int)s, &st.works[s * (size_t)r.ndays]))
            best.obj = HUGE_VAL;

    bool interrupted = false, timed_out = false;
    int died[2] = {0, 0};
    double died_at[2] = {0, 0};
    int started = run_children(&r, &best, opt, start, &interrupted, &timed_out, died, died_at);
    if (started < 0)
        or_diags_add(diags, OR_WARNING, (or_pos){0},
                     "could not start the optimiser (%s); the roster is the constructive one",
                     strerror(errno));
    else if (started > 0 && timed_out)
        or_diags_add(diags, OR_WARNING, (or_pos){0},
                     "the time ran out while the search was being prepared; the roster is the "
                     "constructive one; give more time");
    static const char *const search[2] = {"branch and bound", "neighbourhood search"};
    for (int k = 0; k < 2; k++) {
        if (died[k] > 0)
            or_diags_add(diags, OR_WARNING, (or_pos){0},
                         "the %s process was stopped by signal %d (%s) after %.1f s%s; the "
                         "roster is the best found before",
                         search[k], died[k], strsignal(died[k]), died_at[k],
                         died[k] == SIGKILL ? ", most likely for lack of memory (see the system "
                                              "log; give the run more memory or a smaller month)"
                                            : "");
        else if (died[k] < 0)
            or_diags_add(diags, OR_WARNING, (or_pos){0},
                         "the %s process failed (exit %d) after %.1f s; the roster is the best "
                         "found before",
                         search[k], -died[k], died_at[k]);
    }
    if (best.end_code == END_INFEASIBLE) {
        if (opt->previous)
            or_diags_add(diags, OR_ERROR, (or_pos){0},
                         "the published sessions before the re-plan date and the must pins "
                         "cannot all hold together with the hard rules as they are now (rest, "
                         "load, campus split, one place at a time), for example after a "
                         "weekly maximum was lowered; re-plan from an earlier --replan-from, "
                         "or check the pins");
        else
            or_diags_add(diags, OR_ERROR, (or_pos){0},
                         "the must pins cannot all hold together with the hard rules (rest, "
                         "load, campus split, one place at a time); check the pins with the "
                         "roster rules in docs/department-file.md");
        goto out_free_best;
    }
    if (fill_roster(roster, &r, best.x, !opt->no_reasons, start + opt->time_limit, opt->stop) != 0)
        goto out_nomem_best;
    roster->objective = or_soft_objective(dept, &roster->soft);
    if (best.model_mismatch)
        or_diags_add(diags, OR_WARNING, (or_pos){0},
                     "internal: the optimiser undercounted a roster's cost; the roster is "
                     "valid, but please report this with the department file");
    roster->bound = fmin(best.bound, roster->objective);
    roster->nodes = best.nodes;
    roster->gap = roster->bound > -HUGE_VAL
                      ? (roster->objective - roster->bound) / fmax(1, fabs(roster->objective))
                      : HUGE_VAL;
    if (interrupted)
        roster->status = OR_SOLVE_INTERRUPTED;
    else if (best.end_code == END_OPTIMAL || roster->gap <= 1e-9 ||
             (isfinite(roster->bound) && ceil(roster->bound - 1e-6) >= roster->objective - 1e-6))
        roster->status = OR_SOLVE_OPTIMAL; /* the objective is an integer */
    else if (best.end_code == END_GAP || (opt->gap > 0 && roster->gap <= opt->gap))
        roster->status = OR_SOLVE_GAP;
    else if (timed_out || best.end_code == END_TIME)
        roster->status = OR_SOLVE_TIME_LIMIT;
    else
        roster->status = OR_SOLVE_FAILED;
    if (roster->status == OR_SOLVE_OPTIMAL) {
        roster->bound = roster->objective;
        roster->gap = 0;
    }
    for (size_t i = 0; i < roster->nshortfall; i++)
        roster->shortfall[i].searched_out = roster->status != OR_SOLVE_OPTIMAL;
    roster->seconds = solver_now() - start;
    *out = roster;
    roster = NULL;
    rc = 0;
    goto out_free_best;

out_nomem_best:
out_nomem_rules:
    or_diags_add(diags, OR_ERROR, (or_pos){0}, "out of memory while solving");
out_free_best:
    free(best.x);
    free(best.scratch);
    state_free(&st);
    rules_free(&r);
out_free_roster:
    or_roster_free(roster);
    return rc;
out_nomem:
    or_diags_add(diags, OR_ERROR, (or_pos){0}, "out of memory while solving");
    return -1;
}

double or_soft_objective(const struct or_department *dept, const struct or_soft *soft)
{
    const struct or_weights *w = &dept->weights;
    return (double)w->changes * soft->changes + (double)soft->cover +
           (double)w->shortfall * soft->hours_short + (double)w->continuity * soft->continuity +
           (double)w->fairness * soft->fairness + (double)w->balance * soft->balance +
           (double)w->preferences * soft->preferences +
           (double)w->campus_changes * soft->campus_changes;
}

int or_model_export(const struct or_department *dept, const struct or_calendar *cal,
                    const struct or_previous *previous, const char *path,
                    enum or_model_format format, struct or_diags *diags)
{
    struct rules r;
    struct model m;
    int rc = -1;
    if (rules_build(&r, dept, cal, diags) != 0)
        goto out_rules;
    if (previous && rules_set_previous(&r, previous, diags) != 0)
        goto out_rules;
    if (model_build(&m, &r, true, HUGE_VAL, NULL, diags) != 0)
        goto out_rules;
    if (model_glpk(&m) != 0) {
        or_diags_add(diags, OR_ERROR, (or_pos){0}, "out of memory building the model");
        goto out_model;
    }
    glp_term_out(GLP_OFF);
    int wrc = format == OR_MODEL_MPS ? glp_write_mps(m.lp, GLP_MPS_FILE, NULL, path)
                                     : glp_write_lp(m.lp, NULL, path);
    if (wrc != 0)
        or_diags_add(diags, OR_ERROR, (or_pos){path, 0, 0},
                     "cannot write the model; check that the folder exists and is writable");
    else
        rc = 0;
out_model:
    model_free(&m);
out_rules:
    rules_free(&r);
    return rc;
}
