/*
 * wishes.c - S4, wishes: each assignment costs the weights of the
 * specialist's `avoid` wishes it matches, less those of the `prefer` ones
 * (r->wish_cost, prepared here; at the preferences weight).  The requests
 * of a specialist's requests calendar are wishes too; the report says of
 * each whether the roster grants it, and if not, why.
 */
#include "rule.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static bool wish_matches(const struct rules *r, const struct or_wish *w, size_t o)
{
    const struct or_occurrence *occ = &r->cal->occ[o];
    const struct or_activity *a = occ_activity(r, o);
    if (w->campus.id && w->campus.index != a->campus.index)
        return false;
    if (w->activity.id && w->activity.index != occ->activity)
        return false;
    if (w->by_time)
        return occ->start < w->end && occ->end > w->start;
    if (w->has_dates && (occ->day < w->from || occ->day > w->to))
        return false;
    unsigned any = 0;
    for (int d = 0; d < 7; d++)
        any |= w->days[d];
    if (!any)
        return true;
    unsigned halves = 0;
    int midday = r->dept->rules.midday;
    if (a->start < midday)
        halves |= OR_AM;
    if (a->end > midday)
        halves |= OR_PM;
    return (w->days[or_day_weekday(occ->day)] & halves) != 0;
}

/* The cost of each unit to each specialist who may take it. */
static int prepare(struct rules *r)
{
    size_t ns = r->ns;
    r->wish_cost = calloc(r->nunits * ns + 1, sizeof(int));
    if (!r->wish_cost)
        return -1;
    for (size_t u = 0; u < r->nunits; u++) {
        const struct unit *un = &r->units[u];
        for (size_t s = 0; s < ns; s++) {
            const struct or_specialist *sp = &r->dept->specialists[s];
            if (!r->can[u * ns + s] || sp->nwishes == 0)
                continue;
            int cost = 0;
            for (size_t i = 0; i < un->nocc; i++)
                for (size_t k = 0; k < sp->nwishes; k++)
                    if (wish_matches(r, &sp->wishes[k], un->occ[i]))
                        cost += sp->wishes[k].prefer ? -sp->wishes[k].weight : sp->wishes[k].weight;
            r->wish_cost[u * ns + s] = cost;
        }
    }
    return 0;
}

static void release(struct rules *r)
{
    free(r->wish_cost);
    r->wish_cost = NULL;
}

static void evaluate(const struct rules *r, const unsigned char *x, struct or_soft *soft)
{
    for (size_t j = 0; j < r->nunits * r->ns; j++)
        if (x[j])
            soft->preferences += r->wish_cost[j];
}

static long local(const struct move *mv)
{
    const struct rules *r = mv->st->r;
    long c = 0;
    for (int i = 0; i < mv->nunits; i++)
        for (int k = 0; k < mv->nspec; k++) {
            size_t j = mv->units[i] * r->ns + (size_t)mv->spec[k];
            if (mv->st->x[j])
                c += r->wish_cost[j];
        }
    return (long)r->dept->weights.preferences * c;
}

/* No rows: each assignment column carries its wish cost. */
static void rows(struct builder *b)
{
    const struct rules *r = b->r;
    for (size_t j = 0; j < r->nunits * r->ns; j++)
        if (b->m->xcol[j] && r->wish_cost[j])
            model_cost(b, b->m->xcol[j], (double)r->dept->weights.preferences * r->wish_cost[j]);
}

/* ---- requests: granted or not, and why --------------------------------- */

static bool request_matches(const struct rules *r, const struct or_specialist *sp,
                            const struct or_request *q, size_t o)
{
    for (size_t k = q->wish; k < q->wish + q->nwish; k++)
        if (wish_matches(r, &sp->wishes[k], o))
            return true;
    return false;
}

/* The soft rules whose weighted cost grew from `a` to `b`, in words. */
static void grown_terms(const struct or_department *dept, const struct or_soft *a,
                        const struct or_soft *b, char *buf, size_t n)
{
    const struct or_weights *w = &dept->weights;
    const struct {
        double before, after;
        const struct or_phrase *words;
    } terms[] = {
        {(double)a->shortfall, (double)b->shortfall,
         OR_PHRASE("places left open", "open plaatsen", "places non pourvues")},
        {(double)a->overstaffed, (double)b->overstaffed,
         OR_PHRASE("staff above a session's minimum", "bezetting boven het minimum",
                   "effectif au-dessus du minimum")},
        {(double)w->shortfall * a->hours_short, (double)w->shortfall * b->hours_short,
         OR_PHRASE("worked hours", "gewerkte uren", "heures travaill\xc3\xa9\x65s")},
        {(double)w->continuity * a->continuity, (double)w->continuity * b->continuity,
         OR_PHRASE("continuity (S1)", "continu\xc3\xafteit (S1)", "continuit\xc3\xa9 (S1)")},
        {(double)w->fairness * a->fairness, (double)w->fairness * b->fairness,
         OR_PHRASE("fair shares of duties (S2)", "eerlijke verdeling van diensten (S2)",
                   "r\xc3\xa9partition \xc3\xa9quitable des gardes (S2)")},
        {(double)w->balance * a->balance, (double)w->balance * b->balance,
         OR_PHRASE("balance of sessions (S3)", "evenwicht van sessies (S3)",
                   "\xc3\xa9quilibre des s\xc3\xa9\x61nces (S3)")},
        {(double)w->preferences * a->preferences, (double)w->preferences * b->preferences,
         OR_PHRASE("other wishes and requests (S4)", "andere wensen en verzoeken (S4)",
                   "autres souhaits et demandes (S4)")},
        {(double)w->campus_changes * a->campus_changes,
         (double)w->campus_changes * b->campus_changes,
         OR_PHRASE("campus changes (S5)", "campuswissels (S5)", "changements de site (S5)")},
        {(double)w->changes * a->changes, (double)w->changes * b->changes,
         OR_PHRASE("changes to the published roster (S6)",
                   "wijzigingen aan het gepubliceerde rooster (S6)",
                   "modifications du planning publi\xc3\xa9 (S6)")},
    };
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < sizeof(terms) / sizeof(terms[0]); i++) {
        if (terms[i].after <= terms[i].before || used >= n)
            continue;
        int k =
            snprintf(buf + used, n - used, "%s%s", used ? ", " : "", or_say(dept, terms[i].words));
        used += k > 0 ? (size_t)k : 0;
    }
}

/* What stops a move (move_delta). */
enum stopped {
    MOVES,        /* nothing */
    PINNED,       /* a must pin, or the published roster kept, holds `from` there */
    FROM_BREAKS,  /* a rule of `from` would no longer hold */
    TO_FORBIDDEN, /* a rule forbids `to` the unit */
};

/* The change of the roster's cost when unit u moves from `from` to `to`
 * (either -1: nobody), when every hard rule holds after it; LONG_MAX
 * otherwise, with what stops it in *why.  With `soft`, also the terms of
 * the roster after the move (a whole evaluation).  st is left as it came. */
static long move_delta(struct state *st, size_t u, int from, int to, struct or_soft *soft,
                       enum stopped *why)
{
    const struct rules *r = st->r;
    char words[256];
    *why = TO_FORBIDDEN;
    if (from >= 0 && r->must[u * r->ns + (size_t)from]) {
        *why = PINNED;
        return LONG_MAX;
    }
    if (to >= 0 && (!r->can[u * r->ns + (size_t)to] || st->x[u * r->ns + (size_t)to]))
        return LONG_MAX;
    int spec[2], nspec = 0;
    if (from >= 0)
        spec[nspec++] = from;
    if (to >= 0)
        spec[nspec++] = to;
    size_t nscratch = 4 * r->units[u].nocc + 4;
    int *scratch = malloc(nscratch * sizeof(int));
    if (!scratch)
        return LONG_MAX;
    long before = rules_move_cost(st, spec, nspec, &u, 1, scratch, nscratch), delta = LONG_MAX;
    if (from >= 0)
        state_set(st, u, from, false);
    if (to < 0 || !state_explain(st, u, to, words, sizeof(words))) {
        if (to >= 0)
            state_set(st, u, to, true);
        if (from >= 0 && !state_rules_hold(st, from)) {
            *why = FROM_BREAKS;
        } else if (to < 0 || state_rules_hold(st, to)) {
            *why = MOVES;
            delta = rules_move_cost(st, spec, nspec, &u, 1, scratch, nscratch) - before;
            if (soft)
                rules_evaluate(r, st->x, soft);
        }
        if (to >= 0)
            state_set(st, u, to, false);
    }
    if (from >= 0)
        state_set(st, u, from, true);
    free(scratch);
    return delta;
}

/* The soft rules that would cost more after moving unit u from `from` to
 * `to`, in words. */
static void costlier_in(struct state *st, size_t u, int from, int to, char *buf, size_t n)
{
    struct or_soft now, after;
    enum stopped why;
    rules_evaluate(st->r, st->x, &now);
    buf[0] = '\0';
    if (move_delta(st, u, from, to, &after, &why) != LONG_MAX)
        grown_terms(st->r->dept, &now, &after, buf, n);
}

/* Appends "name: reason" to a list of at most three. */
static void add_reason(char *list, size_t cap, size_t *used, size_t *listed, const char *name,
                       const char *reason)
{
    if (*listed >= 3 || *used >= cap)
        return;
    int k = snprintf(list + *used, cap - *used, "%s%s: %s", *used ? "; " : "", name, reason);
    *used += k > 0 ? (size_t)k : 0;
    if (*used >= cap)
        *used = cap - 1;
    (*listed)++;
}

static const struct or_phrase *const PINNED_THERE =
    OR_PHRASE("%s: a pin, or the roster published before the re-plan date, puts %s there",
              "%s: een vastzetting, of het rooster gepubliceerd v\xc3\xb3\xc3\xb3r de "
              "herplanningsdatum, zet %s daar",
              "%s : une affectation impos\xc3\xa9\x65, ou le planning publi\xc3\xa9 avant la date "
              "de replanification, y met %s");

/* Why s works occurrence o, a session their request asked to be without. */
static void why_kept(struct state *st, size_t o, int s, char *buf, size_t n)
{
    const struct rules *r = st->r;
    const struct or_department *dept = r->dept;
    size_t u = r->unit_of[o];
    char what[256], others[512] = "";
    occ_words(r, o, what, sizeof(what));
    if (r->must[u * r->ns + (size_t)s]) {
        snprintf(buf, n, or_say(dept, PINNED_THERE), what, dept->specialists[s].name);
        return;
    }
    long best = LONG_MAX;
    int best_t = -1;
    size_t eligible = 0, used = 0, listed = 0, mine = 0;
    for (size_t t = 0; t < r->ns; t++) {
        /* Whoever has the skills and the campus counts; what else stops
         * them (leave, rest, loads) is said. */
        if ((int)t == s || st->x[u * r->ns + t] ||
            !or_eligible(dept, (int)t, r->cal->occ[o].activity))
            continue;
        eligible++;
        char words[256];
        state_set(st, u, s, false);
        unsigned why = state_explain(st, u, (int)t, words, sizeof(words));
        state_set(st, u, s, true);
        if (why) {
            add_reason(others, sizeof(others), &used, &listed, dept->specialists[t].name,
                       words[0] ? words : or_why_words(dept, why));
            continue;
        }
        enum stopped stop;
        long d = move_delta(st, u, s, (int)t, NULL, &stop);
        if (stop == FROM_BREAKS)
            mine++;
        else if (d == LONG_MAX)
            add_reason(others, sizeof(others), &used, &listed, dept->specialists[t].name,
                       or_say(dept, OR_PHRASE("a rule of theirs would break",
                                              "een regel van hen zou breken",
                                              "une de leurs r\xc3\xa8gles serait enfreinte")));
        else if (d < best)
            best = d, best_t = (int)t;
    }
    if (best_t < 0) {
        if (mine)
            snprintf(buf, n,
                     or_say(dept, OR_PHRASE("%s: giving it away would break one of your own rules "
                                            "(a run of days, the campus split or your hours)",
                                            "%s: het afgeven zou een van uw eigen regels breken "
                                            "(dagen op rij, de campusverdeling of uw uren)",
                                            "%s : le c\xc3\xa9\x64\x65r enfreindrait une de vos "
                                            "propres r\xc3\xa8gles (jours d'affil\xc3\xa9\x65, "
                                            "r\xc3\xa9partition des sites ou vos heures)")),
                     what);
        else if (!eligible)
            snprintf(buf, n,
                     or_say(dept, OR_PHRASE("%s: nobody else may work it",
                                            "%s: niemand anders mag het doen",
                                            "%s : personne d'autre ne peut l'assurer")),
                     what);
        else
            snprintf(buf, n,
                     or_say(dept, OR_PHRASE("%s: nobody else could take it (%s)",
                                            "%s: niemand anders kon het nemen (%s)",
                                            "%s : personne d'autre ne pouvait le prendre (%s)")),
                     what, others);
        return;
    }
    const char *name = dept->specialists[best_t].name;
    if (best > 0) {
        char terms[256];
        costlier_in(st, u, s, best_t, terms, sizeof(terms));
        snprintf(buf, n,
                 or_say(dept, OR_PHRASE("%s: giving it to %s instead would have cost more in %s",
                                        "%s: het aan %s geven had meer gekost aan %s",
                                        "%s : le confier \xc3\xa0 %s aurait co\xc3\xbbt\xc3\xa9 "
                                        "davantage en %s")),
                 what, name, terms);
    } else if (best == 0) {
        snprintf(buf, n,
                 or_say(dept, OR_PHRASE("%s: %s could have taken it at the same cost; give "
                                        "requests more weight to favour them",
                                        "%s: %s had het kunnen nemen tegen dezelfde kosten; geef "
                                        "verzoeken meer gewicht om ze voorrang te geven",
                                        "%s : %s aurait pu le prendre au m\xc3\xaame co\xc3\xbbt ; "
                                        "donnez plus de poids aux demandes pour les favoriser")),
                 what, name);
    } else {
        snprintf(buf, n,
                 or_say(dept, OR_PHRASE("%s: %s could have taken it, in a better roster that the "
                                        "search did not reach in its time",
                                        "%s: %s had het kunnen nemen, in een beter rooster dat de "
                                        "zoektocht niet binnen de tijd vond",
                                        "%s : %s aurait pu le prendre, dans un meilleur planning "
                                        "que la recherche n'a pas atteint \xc3\xa0 temps")),
                 what, name);
    }
}

/* Why s does not work any of the sessions their request asked for (the
 * first of them, occurrence o). */
static void why_not_given(struct state *st, size_t o, int s, char *buf, size_t n)
{
    const struct rules *r = st->r;
    const struct or_department *dept = r->dept;
    size_t u = r->unit_of[o];
    char what[256], words[256], names[256] = "";
    occ_words(r, o, what, sizeof(what));
    unsigned why = state_explain(st, u, s, words, sizeof(words));
    if (!why && !r->can[u * r->ns + (size_t)s])
        why = OR_WHY_SKILL;
    if (why) {
        snprintf(buf, n, "%s: %s", what, words[0] ? words : or_why_words(dept, why));
        return;
    }
    long best = LONG_MAX;
    int best_from = -1;
    size_t used = 0, pinned = 0, theirs = 0;
    for (size_t t = 0; t < r->ns; t++) {
        if (!st->x[u * r->ns + t])
            continue;
        int k = snprintf(names + used, sizeof(names) - used, "%s%s", used ? ", " : "",
                         dept->specialists[t].name);
        used += k > 0 ? (size_t)k : 0;
        if (used >= sizeof(names))
            used = sizeof(names) - 1;
        enum stopped stop;
        long d = move_delta(st, u, (int)t, s, NULL, &stop); /* in their place */
        pinned += stop == PINNED;
        theirs += stop == FROM_BREAKS;
        if (d < best)
            best = d, best_from = (int)t;
    }
    if (r->units[u].max_staff > st->assigned[u]) { /* room beside them */
        enum stopped stop;
        long d = move_delta(st, u, -1, s, NULL, &stop);
        if (d < best)
            best = d, best_from = -1;
    }
    if (!names[0])
        snprintf(names, sizeof(names), "%s",
                 or_say(dept, OR_PHRASE("nobody", "niemand", "personne")));
    if (best == LONG_MAX && (pinned || theirs)) {
        if (pinned)
            snprintf(buf, n, or_say(dept, PINNED_THERE), what, names);
        else
            snprintf(buf, n,
                     or_say(dept, OR_PHRASE("%s went to %s; giving it to you would break a rule "
                                            "of theirs",
                                            "%s ging naar %s; het aan u geven zou een regel van "
                                            "hen breken",
                                            "%s a \xc3\xa9t\xc3\xa9 confi\xc3\xa9 \xc3\xa0 %s ; "
                                            "vous le confier enfreindrait une de leurs "
                                            "r\xc3\xa8gles")),
                     what, names);
    } else if (best == LONG_MAX) {
        snprintf(buf, n,
                 or_say(dept, OR_PHRASE("%s went to %s; a rule of yours would break had you "
                                        "taken it",
                                        "%s ging naar %s; een regel van u zou breken als u het "
                                        "nam",
                                        "%s a \xc3\xa9t\xc3\xa9 confi\xc3\xa9 \xc3\xa0 %s ; une de "
                                        "vos r\xc3\xa8gles serait enfreinte si vous l'aviez pris")),
                 what, names);
    } else if (best > 0) {
        char terms[256];
        costlier_in(st, u, best_from, s, terms, sizeof(terms));
        snprintf(
            buf, n,
            or_say(dept, OR_PHRASE("%s went to %s; giving it to you would have cost more in %s",
                                   "%s ging naar %s; het aan u geven had meer gekost aan %s",
                                   "%s a \xc3\xa9t\xc3\xa9 confi\xc3\xa9 \xc3\xa0 %s ; vous le "
                                   "confier aurait co\xc3\xbbt\xc3\xa9 davantage en %s")),
            what, names, terms);
    } else if (best == 0) {
        snprintf(buf, n,
                 or_say(dept, OR_PHRASE("%s went to %s at the same cost as giving it to you; "
                                        "give requests more weight to favour them",
                                        "%s ging naar %s tegen dezelfde kosten als aan u; geef "
                                        "verzoeken meer gewicht om ze voorrang te geven",
                                        "%s a \xc3\xa9t\xc3\xa9 confi\xc3\xa9 \xc3\xa0 %s au "
                                        "m\xc3\xaame co\xc3\xbbt que vous le confier ; donnez "
                                        "plus de poids aux demandes pour les favoriser")),
                 what, names);
    } else {
        snprintf(buf, n,
                 or_say(dept, OR_PHRASE("%s went to %s; you could have taken it, in a better "
                                        "roster that the search did not reach in its time",
                                        "%s ging naar %s; u had het kunnen nemen, in een beter "
                                        "rooster dat de zoektocht niet binnen de tijd vond",
                                        "%s a \xc3\xa9t\xc3\xa9 confi\xc3\xa9 \xc3\xa0 %s ; vous "
                                        "auriez pu le prendre, dans un meilleur planning que la "
                                        "recherche n'a pas atteint \xc3\xa0 temps")),
                 what, names);
    }
}

/* Of every request: granted or not, and why not, while st->deadline
 * allows (fill_roster gives the explanations a second of their own; past
 * it, or on a stop request, a refusal says it was not examined). */
static int report(struct state *st, struct or_roster *roster)
{
    const struct rules *r = st->r;
    const struct or_department *dept = r->dept;
    size_t total = 0;
    for (size_t s = 0; s < r->ns; s++)
        total += dept->specialists[s].nrequests;
    if (!total)
        return 0;
    roster->requests = calloc(total, sizeof(*roster->requests));
    if (!roster->requests)
        return -1;
    for (size_t s = 0; s < r->ns; s++) {
        const struct or_specialist *sp = &dept->specialists[s];
        for (size_t i = 0; i < sp->nrequests; i++) {
            const struct or_request *q = &sp->requests[i];
            struct or_request_outcome *out = &roster->requests[roster->nrequests++];
            *out = (struct or_request_outcome){(int)s, i, true, SIZE_MAX, NULL};
            if (q->hard)
                continue; /* leave: the eligibility rule keeps it */
            /* The first session it concerns (one s may take, if any), and
             * the first that s works. */
            size_t first = SIZE_MAX, first_open = SIZE_MAX, worked = SIZE_MAX;
            for (size_t o = 0; o < r->cal->nocc && worked == SIZE_MAX; o++) {
                const struct or_occurrence *occ = &r->cal->occ[o];
                /* A session may start the day before and run into it. */
                if (occ->day < q->from - 1 || occ->day > q->to || !request_matches(r, sp, q, o))
                    continue;
                if (first == SIZE_MAX)
                    first = o;
                if (first_open == SIZE_MAX && r->can[r->unit_of[o] * r->ns + s])
                    first_open = o;
                if (st->x[r->unit_of[o] * r->ns + s])
                    worked = o;
            }
            out->granted = q->kind == OR_REQUEST_PREFER ? worked != SIZE_MAX : worked == SIZE_MAX;
            if (out->granted)
                continue;
            if (q->kind != OR_REQUEST_PREFER)
                out->occurrence = worked;
            char why[1024];
            if (state_must_stop(st, st->deadline))
                snprintf(
                    why, sizeof(why), "%s",
                    or_say(dept, OR_PHRASE("not examined: the time for explanations ran out",
                                           "niet onderzocht: de tijd voor uitleg was op",
                                           "non examin\xc3\xa9\x65 : le temps des "
                                           "explications \xc3\xa9tait \xc3\xa9\x63oul\xc3\xa9")));
            else if (q->kind != OR_REQUEST_PREFER)
                why_kept(st, worked, (int)s, why, sizeof(why));
            else if (first == SIZE_MAX)
                snprintf(why, sizeof(why), "%s",
                         or_say(dept, OR_PHRASE("no session it asks for takes place then",
                                                "er is dan geen dienst zoals gevraagd",
                                                "aucune s\xc3\xa9\x61nce demand\xc3\xa9\x65 n'a "
                                                "lieu \xc3\xa0 ce moment")));
            else
                why_not_given(st, first_open != SIZE_MAX ? first_open : first, (int)s, why,
                              sizeof(why));
            if (!(out->why = strdup(why)))
                return -1;
        }
    }
    return 0;
}

const struct rule rule_wishes = {
    .id = "S4",
    .prepare = prepare,
    .release = release,
    .rows = rows,
    .evaluate = evaluate,
    .local = local,
    .report = report,
    .dp_open = dp_nothing, /* costs on the assignments */
};
