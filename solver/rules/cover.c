/*
 * cover.c - H1, coverage: every occurrence has between its minimum and its
 * maximum staff.  A place below the minimum is left unfilled at its
 * shortfall weight (a slack column, so that a month nobody can cover still
 * gets a roster); each specialist above the minimum costs the over weight.
 */
#include "rule.h"

/* The cost of unit u with n specialists. */
static long unit_cost(const struct unit *un, int n)
{
    if (n < un->min_staff)
        return (long)(un->min_staff - n) * un->under;
    if (n > un->min_staff && un->over > 0)
        return (long)(n - un->min_staff) * un->over;
    return 0;
}

static void evaluate(const struct rules *r, const unsigned char *x, struct or_soft *soft)
{
    size_t ns = r->ns;
    for (size_t u = 0; u < r->nunits; u++) {
        int n = 0;
        for (size_t s = 0; s < ns; s++)
            n += x[u * ns + s];
        const struct unit *un = &r->units[u];
        if (n < un->min_staff)
            soft->shortfall += (un->min_staff - n) * (int)un->nocc;
        else if (n > un->min_staff && un->over > 0)
            soft->overstaffed += (n - un->min_staff) * (int)un->nocc;
        soft->cover += unit_cost(un, n);
    }
}

static long local(const struct move *mv)
{
    long c = 0;
    for (int i = 0; i < mv->nunits; i++)
        c += unit_cost(&mv->st->r->units[mv->units[i]], mv->st->assigned[mv->units[i]]);
    return c;
}

const struct rule rule_cover = {
    .id = "H1",
    .evaluate = evaluate,
    .local = local,
};
