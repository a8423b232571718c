/*
 * tables.c - what the solver derives from the department once, before any
 * roster: the assignment units (an occurrence, or a week of a week-block
 * activity: H9), who may take which unit (H2, H3, must pins: H8), room for
 * the fair bands of S2 and S3 and the tool the rules fill them with
 * (tables_bands), interchangeable specialists, and, when re-planning, what
 * stays as published and what a change costs (S6).
 */
#include "solver_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int rules_duty_count(const struct rules *r, size_t o, enum duty d)
{
    const struct or_occurrence *occ = &r->cal->occ[o];
    switch (d) {
    case DUTY_ON_CALL:
        return occ_activity(r, o)->kind == OR_KIND_ON_CALL;
    case DUTY_WEEKEND:
        return occ->weekend;
    case DUTY_HOLIDAY:
        return occ->holiday;
    default:
        return 0;
    }
}

static int build_units(struct rules *r)
{
    const struct or_calendar *cal = r->cal;
    size_t na = r->dept->nactivities, nw = cal->nweeks;
    long *week_unit = malloc((nz(na * nw)) * sizeof(long));
    r->units = calloc(nz(cal->nocc), sizeof(struct unit));
    r->unit_of = malloc((nz(cal->nocc)) * sizeof(size_t));
    if (!week_unit || !r->units || !r->unit_of) {
        free(week_unit);
        return -1;
    }
    for (size_t i = 0; i < na * nw; i++)
        week_unit[i] = -1;
    for (size_t o = 0; o < cal->nocc; o++) {
        const struct or_occurrence *occ = &cal->occ[o];
        const struct or_activity *a = &r->dept->activities[occ->activity];
        size_t u;
        long *slot = &week_unit[(size_t)occ->activity * nw + (size_t)occ->week];
        if (a->continuity == OR_CONTINUITY_WEEK && *slot >= 0) {
            u = (size_t)*slot;
        } else {
            u = r->nunits++;
            struct unit *un = &r->units[u];
            un->activity = occ->activity;
            un->week = occ->week;
            un->min_staff = occ->min_staff;
            un->max_staff = occ->max_staff;
            un->campus = a->campus.index;
            un->occ = malloc(7 * sizeof(size_t)); /* a week holds at most 7 */
            if (!un->occ) {
                free(week_unit);
                return -1;
            }
            if (a->continuity == OR_CONTINUITY_WEEK)
                *slot = (long)u;
        }
        struct unit *un = &r->units[u];
        un->occ[un->nocc++] = o;
        un->sessions += a->sessions;
        un->minutes += a->end - a->start;
        un->under += occ->shortfall_weight;
        un->over += occ->over_weight;
        r->unit_of[o] = u;
    }
    free(week_unit);
    return 0;
}

/* What s carries of count k from the months before. */
static int carry_of(const struct or_specialist *sp, int k)
{
    return k == DUTY_ON_CALL   ? sp->carry.on_call
           : k == DUTY_WEEKEND ? sp->carry.weekends
           : k == DUTY_HOLIDAY ? sp->carry.holidays
                               : sp->carry.sessions;
}

int tables_bands(struct rules *r, int k, double (*share_of)(const struct rules *r, size_t s),
                 int per)
{
    const struct or_department *d = r->dept;
    size_t ns = r->ns, nb = NDUTIES + 1;
    /* Who takes part, and the work to share. */
    double total = 0, share_sum = 0, carry_sum = 0;
    double *share = calloc(nz(ns), sizeof(double));
    if (!share)
        return -1;
    for (size_t u = 0; u < r->nunits; u++) {
        const struct unit *un = &r->units[u];
        for (size_t i = 0; i < un->nocc; i++) {
            int w = k < NDUTIES ? rules_duty_count(r, un->occ[i], (enum duty)k)
                                : occ_activity(r, un->occ[i])->sessions;
            total += (double)w * un->min_staff;
            if (w == 0)
                continue;
            for (size_t s = 0; s < ns; s++)
                if (r->can[u * ns + s])
                    share[s] = 1; /* marks taking part */
        }
    }
    for (size_t s = 0; s < ns; s++) {
        if (share[s] == 0)
            continue;
        share[s] = share_of(r, s);
        share_sum += share[s];
        carry_sum += carry_of(&d->specialists[s], k);
    }
    for (size_t s = 0; s < ns; s++) {
        struct band *b = &r->bands[s * nb + (size_t)k];
        if (share[s] == 0 || share_sum <= 0)
            continue;
        double t =
            ((carry_sum + total) * share[s] / share_sum - carry_of(&d->specialists[s], k)) / per;
        b->per = per;
        b->lo = t > 0 ? (int)floor(t + 1e-9) * per : 0;
        b->hi = t > 0 ? (int)ceil(t - 1e-9) * per : 0;
        if (b->hi < b->lo)
            b->hi = b->lo;
        b->active = true;
    }
    free(share);
    return 0;
}

/* Whether two specialists are interchangeable: every rule sees them alike,
 * so any roster stays as good with their assignments swapped. */
static bool interchangeable(const struct rules *r, size_t a, size_t b)
{
    const struct or_department *d = r->dept;
    const struct or_specialist *x = &d->specialists[a], *y = &d->specialists[b];
    if (x->fte != y->fte || x->target_week != y->target_week || x->max_week != y->max_week ||
        x->max_month != y->max_month || x->max_consecutive != y->max_consecutive ||
        x->min_consecutive != y->min_consecutive || x->min_days_off != y->min_days_off ||
        x->max_weekends != y->max_weekends || x->min_minutes != y->min_minutes ||
        x->max_minutes != y->max_minutes || x->nlimits || y->nlimits || x->nleave || y->nleave ||
        x->nwishes || y->nwishes || x->nsplit || y->nsplit ||
        memcmp(&x->carry, &y->carry, sizeof(x->carry)) != 0 ||
        memcmp(x->unavailable, y->unavailable, sizeof(x->unavailable)) != 0 ||
        memcmp(x->may_work, y->may_work, d->ncampuses * sizeof(bool)) != 0 ||
        memcmp(x->has_skill, y->has_skill, d->nskills * sizeof(bool)) != 0)
        return false;
    for (size_t p = 0; p < d->npins; p++)
        if (d->pins[p].specialist.index == (int)a || d->pins[p].specialist.index == (int)b)
            return false;
    for (size_t k = 0; (x->carry_fair || y->carry_fair) && k < d->nactivities; k++)
        if ((x->carry_fair ? x->carry_fair[k] : 0) != (y->carry_fair ? y->carry_fair[k] : 0))
            return false;
    return true;
}

int tables_build(struct rules *r, const struct or_department *dept, const struct or_calendar *cal,
                 struct or_diags *diags)
{
    memset(r, 0, sizeof(*r));
    r->dept = dept;
    r->cal = cal;
    r->ns = dept->nspecialists;
    r->ndays = cal->last - cal->first + 1;
    size_t ns = r->ns, no = cal->nocc;
    if (build_units(r) != 0)
        goto out_nomem;
    size_t nu = r->nunits;
    r->blocked = malloc((nz(no * ns)) * sizeof(unsigned));
    r->can = malloc((nz(nu * ns)) * sizeof(bool));
    r->must = calloc(nz(nu * ns), sizeof(bool));
    r->bands = calloc(nz(ns * (NDUTIES + 1)), sizeof(struct band));
    r->seen = malloc(nz(cal->nseries * ns));
    r->at = malloc(nz((size_t)r->ndays * dept->ncampuses));
    if (!r->blocked || !r->can || !r->must || !r->bands || !r->seen || !r->at)
        goto out_nomem;
    for (size_t o = 0; o < no; o++)
        for (size_t s = 0; s < ns; s++)
            r->blocked[o * ns + s] = or_blocked(dept, cal, (int)s, &cal->occ[o], NULL);
    for (size_t u = 0; u < nu; u++) {
        const struct unit *un = &r->units[u];
        for (size_t s = 0; s < ns; s++) {
            bool ok = true;
            for (size_t i = 0; i < un->nocc; i++)
                ok = ok && r->blocked[un->occ[i] * ns + s] == OR_WHY_NONE;
            r->can[u * ns + s] = ok;
        }
    }
    for (size_t p = 0; p < dept->npins; p++) {
        const struct or_pin *pin = &dept->pins[p];
        if (!pin->must)
            continue;
        for (size_t o = 0; o < no; o++) {
            const struct or_occurrence *occ = &cal->occ[o];
            if (occ->activity != pin->activity.index || occ->day < pin->from || occ->day > pin->to)
                continue;
            size_t u = r->unit_of[o];
            size_t s = (size_t)pin->specialist.index;
            if (!r->can[u * ns + s]) {
                char buf[11];
                or_diags_add(diags, OR_ERROR, pin->pos,
                             "specialist '%s' is pinned to '%s' on %s, but the activity keeps "
                             "one specialist all week and they are not free for all of it; pin "
                             "them for a week they are free, or remove the pin",
                             pin->specialist.id, pin->activity.id, or_day_format(occ->day, buf));
                return -1;
            }
            r->must[u * ns + s] = true;
        }
    }
    r->twin = malloc(nz(ns) * sizeof(int));
    if (!r->twin)
        goto out_nomem;
    for (size_t a = 0; a < ns; a++) {
        r->twin[a] = -1;
        for (size_t b = a + 1; b < ns && r->twin[a] < 0; b++)
            if (interchangeable(r, a, b))
                r->twin[a] = (int)b;
    }
    return 0;

out_nomem:
    or_diags_add(diags, OR_ERROR, (or_pos){0}, "out of memory building the rules");
    return -1;
}

void tables_free(struct rules *r)
{
    for (size_t u = 0; u < r->nunits; u++)
        free(r->units[u].occ);
    free(r->units);
    free(r->unit_of);
    free(r->blocked);
    free(r->can);
    free(r->must);
    free(r->bands);
    free(r->keep);
    free(r->future);
    free(r->twin);
    free(r->seen);
    free(r->at);
    memset(r, 0, sizeof(*r));
}

int rules_set_previous(struct rules *r, const struct or_previous *previous, struct or_diags *diags)
{
    size_t ns = r->ns, nu = r->nunits;
    r->keep = calloc(nz(nu * ns), sizeof(int));
    r->future = calloc(nz(nu), sizeof(int));
    unsigned char *published = calloc(nz(nu * ns), 1);
    bool *fixed = calloc(nz(nu), sizeof(bool));
    if (!r->keep || !r->future || !published || !fixed) {
        free(published);
        free(fixed);
        return -1;
    }
    for (size_t i = 0; i < previous->n; i++) {
        size_t o = previous->occurrence[i], s = (size_t)previous->specialist[i];
        if (o < r->cal->nocc && s < ns)
            published[r->unit_of[o] * ns + s] = 1;
    }
    bool *released = calloc(nz(nu), sizeof(bool));
    if (!released) {
        free(published);
        free(fixed);
        return -1;
    }
    for (size_t i = 0; i < previous->nreleased; i++)
        if (previous->released[i] < r->cal->nocc)
            released[r->unit_of[previous->released[i]]] = true;
    /* A unit that starts before the re-plan date stays as published (all
     * of it: a week-block unit keeps its specialist all week, H9). */
    for (size_t u = 0; u < nu; u++) {
        const struct unit *un = &r->units[u];
        if (r->cal->occ[un->occ[0]].day >= previous->replan_from || released[u])
            continue; /* free to change (someone published left: re-planned) */
        bool possible = true;
        for (size_t s = 0; s < ns; s++)
            possible = possible && (!published[u * ns + s] || r->can[u * ns + s]);
        if (!possible) {
            const struct or_occurrence *occ = &r->cal->occ[un->occ[0]];
            char day[11];
            or_diags_add(diags, OR_WARNING, r->dept->activities[occ->activity].pos,
                         "'%s' of %s, which starts before the re-plan date, was published with "
                         "someone who can no longer take it (leave, skills or campuses "
                         "changed); it is re-planned as a whole",
                         r->dept->activities[occ->activity].id, or_day_format(occ->day, day));
            continue;
        }
        fixed[u] = true;
        for (size_t s = 0; s < ns; s++) {
            if (published[u * ns + s])
                r->must[u * ns + s] = true;
            else if (!r->must[u * ns + s])
                r->can[u * ns + s] = false;
        }
    }
    /* From the re-plan date on, each published assignment not kept costs,
     * and so does each one added where it was not published. */
    for (size_t u = 0; u < nu; u++)
        for (size_t i = 0; !fixed[u] && i < r->units[u].nocc; i++)
            r->future[u] += r->cal->occ[r->units[u].occ[i]].day >= previous->replan_from;
    for (size_t i = 0; i < previous->n; i++) {
        size_t o = previous->occurrence[i], s = (size_t)previous->specialist[i];
        if (o < r->cal->nocc && s < ns && !fixed[r->unit_of[o]] &&
            r->cal->occ[o].day >= previous->replan_from)
            r->keep[r->unit_of[o] * ns + s]++;
    }
    free(published);
    free(fixed);
    free(released);
    /* Two specialists with the same contract are no longer interchangeable
     * once the published roster tells them apart. */
    if (previous->n)
        for (size_t s = 0; s < ns; s++)
            r->twin[s] = -1;
    return 0;
}
