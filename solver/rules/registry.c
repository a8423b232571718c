/*
 * registry.c - every rule of the roster, in the order of docs/model.md.
 * Adding a rule: its file in this folder, one line here.
 */
#include "rule.h"

#include <string.h>

static const struct rule *const rules[] = {
    &rule_eligible,    &rule_cover,      &rule_apart,    &rule_week,     &rule_month,
    &rule_runs,        &rule_activity,   &rule_hours,    &rule_weekends, &rule_split,
    &rule_symmetry,    &rule_continuity, &rule_fairness, &rule_balance,  &rule_wishes,
    &rule_campus_move, &rule_changes,
};

const struct rule *const *rule_list(size_t *n)
{
    *n = sizeof(rules) / sizeof(rules[0]);
    return rules;
}

unsigned state_why_not(const struct state *st, size_t u, int s)
{
    unsigned why = 0;
    for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
        if (!rules[i]->why_not)
            continue;
        unsigned w = rules[i]->why_not(st, u, s);
        why |= w;
        if (w && rules[i]->gate)
            break;
    }
    return why;
}

bool state_rules_hold(const struct state *st, int s)
{
    for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
        if (rules[i]->holds && !rules[i]->holds(st, s))
            return false;
    return true;
}

void rules_evaluate(const struct rules *r, const unsigned char *x, struct or_soft *soft)
{
    memset(soft, 0, sizeof(*soft));
    for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
        if (rules[i]->evaluate)
            rules[i]->evaluate(r, x, soft);
}

long rules_local_cost(const struct move *mv)
{
    long c = 0;
    for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
        if (rules[i]->local)
            c += rules[i]->local(mv);
    return c;
}
