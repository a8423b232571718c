/*
 * strategy.h - the search strategy's numbers, named: how the time limit is
 * shared between the phases and the processes.  Why each value was chosen,
 * with the runs that chose it, is in docs/performance-history.md; change
 * them only with figures from bench/ (docs/performance.md).
 */
#ifndef ONCOROSTER_STRATEGY_H
#define ONCOROSTER_STRATEGY_H

/* Every cost is a whole number: two costs closer than this are equal. */
#define COST_TOLERANCE 0.5

/* The constructive roster stops adding work at this share of the time
 * limit: the search needs the rest (it matters only on long horizons). */
#define CONSTRUCT_SHARE 0.5
/* The local search on the constructive roster runs until this share of the
 * time limit has passed, and at least POLISH_MIN_SHARE of it. */
#define POLISH_SHARE     0.25
#define POLISH_MIN_SHARE 0.05

/* The searching processes stop this many seconds before the deadline, so
 * that their last roster reaches the parent in time. */
#define DEADLINE_MARGIN 0.05
/* No new tree, and no new search after one, with less than this left. */
#define ENDGAME_SECONDS 0.5
/* Progress reaches the parent at most this often (seconds). */
#define PROGRESS_INTERVAL 0.5

/* The root LP may take this share of the time left: on large networks it
 * does not finish, and the process then searches rosters instead. */
#define ROOT_LP_SHARE 0.5
/* The whole program is built in GLPK, for the root LP and the trees, only
 * up to this many non-zeros (docs/performance.md, twenty-second session):
 * beyond, GLPK's copy and the root LP's factors cost hundreds of MiB to
 * gigabytes, and no root LP that large has finished within the time. */
#define WHOLE_PROGRAM_NZ 1000000
/* After the solve, the rules' reports of the roster (why a request is
 * not granted) may take this many seconds; beyond, they say so. */
#define REPORT_SECONDS 1.0
/* Unless --no-decompose, column generation may take this share of the
 * time left once the first search has stopped (decompose.c). */
#define DECOMPOSE_SHARE 0.5
/* It does not start with less than this share of the time limit left:
 * building its blocks takes time of its own. */
#define DECOMPOSE_MIN_LEFT 0.1
/* Each branch-and-bound tree gets this share of the time limit, and at
 * least TREE_MIN_SECONDS; the search before it stops after PATIENCE_SHARE
 * of the time limit (at least PATIENCE_MIN_SECONDS) without a better
 * roster, doubled before each further tree. */
#define TREE_SHARE           0.05
#define TREE_MIN_SECONDS     2.0
#define PATIENCE_SHARE       0.02
#define PATIENCE_MIN_SECONDS 1.0

/* Large-neighbourhood search (lns.c): seconds per sub-solve (many small
 * sub-solves beat a few large ones); a neighbourhood grows while its
 * sub-solves are proven within SUB_QUICK of the limit and shrinks when they
 * use SUB_STALLED of it without a proof. */
#define SUB_LIMIT   0.15
#define SUB_QUICK   0.2
#define SUB_STALLED 0.95
/* Ties broken at random: all free assignments together cost at most this
 * much more in a sub-program, less than COST_TOLERANCE, so that a roster
 * cheaper there is never dearer in the true program. */
#define TIE_BREAK_TOTAL 0.4

#endif
