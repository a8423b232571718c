/*
 * registry.c - every rule of the roster, in the order of docs/model.md.
 * Adding a rule: its file in this folder, one line here.
 */
#include "rule.h"

#include <stdio.h>
#include <string.h>

static const struct rule *rules[] = {
    &rule_eligible, &rule_cover,  &rule_apart,    &rule_week,   &rule_month,       &rule_runs,
    &rule_activity, &rule_hours,  &rule_weekends, &rule_split,  &rule_symmetry,    &rule_continuity,
    &rule_fairness, &rule_duties, &rule_balance,  &rule_wishes, &rule_campus_move, &rule_changes,
};

enum { NRULES = sizeof(rules) / sizeof(rules[0]) };

#ifdef ONCOROSTER_DROP
/* tests/mutants.py builds the solver with one part of one rule dropped,
 * -DONCOROSTER_DROP="H6 week:rows" (parts: rows, move, cost), and checks
 * that a test notices. */
static struct rule mutant;

static void drop_once(void)
{
    static bool done;
    if (done)
        return;
    done = true;
    const char *spec = ONCOROSTER_DROP, *colon = strrchr(spec, ':');
    for (size_t i = 0; colon && i < NRULES; i++) {
        if (strlen(rules[i]->id) != (size_t)(colon - spec) ||
            strncmp(rules[i]->id, spec, (size_t)(colon - spec)) != 0)
            continue;
        mutant = *rules[i];
        if (strcmp(colon + 1, "rows") == 0) {
            mutant.rows = NULL;
        } else if (strcmp(colon + 1, "move") == 0) {
            mutant.why_not = NULL;
            mutant.holds = NULL;
        } else if (strcmp(colon + 1, "cost") == 0) {
            mutant.evaluate = NULL;
            mutant.local = NULL;
        }
        rules[i] = &mutant;
    }
}
#define READY() drop_once()
#else
#define READY() ((void)0)
#endif

int rules_build(struct rules *r, const struct or_department *dept, const struct or_calendar *cal,
                struct or_diags *diags)
{
    READY();
    if (tables_build(r, dept, cal, diags) != 0)
        return -1;
    for (size_t i = 0; i < NRULES; i++)
        if (rules[i]->prepare && rules[i]->prepare(r) != 0) {
            or_diags_add(diags, OR_ERROR, (or_pos){0}, "out of memory building the rules");
            return -1;
        }
    return 0;
}

void rules_free(struct rules *r)
{
    for (size_t i = 0; i < NRULES; i++)
        if (rules[i]->release)
            rules[i]->release(r);
    tables_free(r);
}

const struct rule *const *rule_list(size_t *n)
{
    READY();
    *n = NRULES;
    return rules;
}

unsigned state_why_not(const struct state *st, size_t u, int s)
{
    READY();
    unsigned why = 0;
    for (size_t i = 0; i < NRULES; i++)
        if (rules[i]->why_not)
            why |= rules[i]->why_not(st, u, s);
    return why;
}

bool state_rules_hold(const struct state *st, int s)
{
    READY();
    for (size_t i = 0; i < NRULES; i++)
        if (rules[i]->holds && !rules[i]->holds(st, s))
            return false;
    return true;
}

void rules_evaluate(const struct rules *r, const unsigned char *x, struct or_soft *soft)
{
    READY();
    memset(soft, 0, sizeof(*soft));
    for (size_t i = 0; i < NRULES; i++)
        if (rules[i]->evaluate)
            rules[i]->evaluate(r, x, soft);
}

long rules_local_cost(const struct move *mv)
{
    READY();
    long c = 0;
    for (size_t i = 0; i < NRULES; i++)
        if (rules[i]->local)
            c += rules[i]->local(mv);
    return c;
}

static void add_once(int *list, int *n, int v)
{
    for (int i = 0; i < *n; i++)
        if (list[i] == v)
            return;
    list[(*n)++] = v;
}

long rules_move_cost(const struct state *st, const int *spec, int nspec, const size_t *units,
                     int nunits, int *scratch, size_t nscratch)
{
    const struct rules *r = st->r;
    int *series = scratch, nseries = 0;
    int *days = scratch + nscratch / 2, ndays = 0;
    for (int i = 0; i < nunits; i++) {
        const struct unit *un = &r->units[units[i]];
        for (size_t k = 0; k < un->nocc; k++) {
            size_t o = un->occ[k];
            const struct or_occurrence *occ = &r->cal->occ[o];
            if (r->dept->activities[occ->activity].continuity == OR_CONTINUITY_SERIES)
                add_once(series, &nseries, occ->series);
            add_once(days, &ndays, (int)(occ->day - r->cal->first));
            add_once(days, &ndays, (int)(occ->day - r->cal->first) + 1);
        }
    }
    struct move mv = {
        .st = st,
        .spec = spec,
        .nspec = nspec,
        .units = units,
        .nunits = nunits,
        .series = series,
        .nseries = nseries,
        .days = days,
        .ndays = ndays,
    };
    return rules_local_cost(&mv);
}

int rules_report(struct state *st, struct or_roster *roster)
{
    READY();
    for (size_t i = 0; i < NRULES; i++)
        if (rules[i]->report && rules[i]->report(st, roster) != 0)
            return -1;
    return 0;
}

unsigned state_explain(const struct state *st, size_t u, int s, char *buf, size_t n)
{
    READY();
    unsigned why = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < NRULES; i++) {
        const struct rule *rule = rules[i];
        char words[256] = "";
        unsigned w = 0;
        if (rule->explain) {
            w = rule->explain(st, u, s, words, sizeof(words));
        } else if (rule->why_not) {
            w = rule->why_not(st, u, s);
            snprintf(words, sizeof(words), "%s", or_why_words(st->r->dept, w));
        }
        if (w && !why)
            snprintf(buf, n, "%s", words);
        why |= w;
        if (w && rule->gate)
            break;
    }
    return why;
}

void occ_words(const struct rules *r, size_t o, char *buf, size_t n)
{
    const struct or_occurrence *occ = &r->cal->occ[o];
    const struct or_activity *a = &r->dept->activities[occ->activity];
    char day[11];
    snprintf(buf, n,
             or_say(r->dept, OR_PHRASE("%s of %s %02d:%02d at %s", "%s van %s %02d:%02d in %s",
                                       "%s du %s %02d:%02d \xc3\xa0 %s")),
             a->name, or_day_format(occ->day, day), a->start / 60, a->start % 60,
             r->dept->campuses[a->campus.index].name);
}
