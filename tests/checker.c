/*
 * checker.c - see checker.h.  Written from the rules in SPEC section 3 and
 * docs/model.md, with its own helpers: it shares no code with solver/ and
 * only date and time-zone arithmetic with scheduler/.
 */
#include "checker.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ctx {
    const struct or_department *d;
    const struct or_calendar *cal;
    int *const *staff;
    FILE *log;
    int violations;
};

__attribute__((format(printf, 2, 3))) static void violation(struct ctx *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(c->log, fmt, ap);
    va_end(ap);
    fputc('\n', c->log);
    c->violations++;
}

static bool assigned(const struct ctx *c, size_t o, int s)
{
    for (const int *p = c->staff[o]; *p >= 0; p++)
        if (*p == s)
            return true;
    return false;
}

static int count_staff(const struct ctx *c, size_t o)
{
    int n = 0;
    for (const int *p = c->staff[o]; *p >= 0; p++)
        n++;
    return n;
}

static const struct or_activity *act(const struct ctx *c, size_t o)
{
    return &c->d->activities[c->cal->occ[o].activity];
}

static bool id_in(const char *id, const or_ref *refs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (refs[i].id && strcmp(refs[i].id, id) == 0)
            return true;
    return false;
}

/* The local wall-clock interval [a, b) of an occurrence, in minutes since
 * 1970-01-01 local midnight, from the activity's own clock times. */
static void local_span(const struct ctx *c, size_t o, long *a, long *b)
{
    const struct or_activity *ac = act(c, o);
    long base = (long)c->cal->occ[o].day * 1440;
    *a = base + ac->start;
    *b = base + ac->end;
}

static bool on_leave(const struct ctx *c, int s, size_t o, const char **why)
{
    const struct or_specialist *sp = &c->d->specialists[s];
    const struct or_occurrence *occ = &c->cal->occ[o];
    for (size_t k = 0; k < sp->nleave; k++) {
        const struct or_leave *l = &sp->leave[k];
        time_t from, to;
        if (l->kind == OR_LEAVE_TIMED) {
            from = l->start;
            to = l->end;
        } else {
            int a = l->kind == OR_LEAVE_CLOCK ? l->from_min
                    : (l->halves & OR_AM)     ? 0
                                              : c->d->rules.midday;
            int b = l->kind == OR_LEAVE_CLOCK ? l->to_min
                    : (l->halves & OR_PM)     ? 1440
                                              : c->d->rules.midday;
            if (or_zone_to_utc(&from, c->d->timezone, l->from, a) != 0 ||
                or_zone_to_utc(&to, c->d->timezone, l->to, b) != 0)
                continue;
        }
        if (from < occ->end && occ->start < to) {
            *why = l->reason ? l->reason : "leave";
            return true;
        }
    }
    return false;
}

static bool fixed_unavailable(const struct ctx *c, int s, size_t o)
{
    const struct or_specialist *sp = &c->d->specialists[s];
    long a, b;
    local_span(c, o, &a, &b);
    int midday = c->d->rules.midday;
    for (long day = a / 1440; day * 1440 < b; day++) {
        long am_from = day * 1440, pm_from = day * 1440 + midday, end = (day + 1) * 1440;
        int wd = or_day_weekday((or_day)day);
        if ((sp->unavailable[wd] & OR_AM) && a < pm_from && am_from < b)
            return true;
        if ((sp->unavailable[wd] & OR_PM) && a < end && pm_from < b)
            return true;
    }
    return false;
}

static bool is_closed(const struct ctx *c, or_day day)
{
    if (or_holiday_name(c->d->holidays, day))
        return true;
    for (size_t i = 0; i < c->d->nclosures; i++)
        if (c->d->closures[i] == day)
            return true;
    return false;
}

static int travel(const struct ctx *c, const char *a, const char *b)
{
    for (size_t i = 0; i < c->d->ntravel; i++) {
        const struct or_travel *t = &c->d->travel[i];
        if ((strcmp(t->from.id, a) == 0 && strcmp(t->to.id, b) == 0) ||
            (strcmp(t->from.id, b) == 0 && strcmp(t->to.id, a) == 0))
            return t->minutes;
    }
    return -1;
}

/* The staffing of occurrence o, from its activity and the activity's
 * demand entries (the last one covering the date wins). */
struct staffing {
    int min, max, under, over;
};

static struct staffing staffing_of(const struct ctx *c, size_t o)
{
    const struct or_activity *a = act(c, o);
    or_day day = c->cal->occ[o].day;
    struct staffing st = {a->min_staff, a->max_staff,
                          a->shortfall_weight >= 0 ? a->shortfall_weight : c->d->weights.shortfall,
                          a->over_weight};
    for (size_t k = 0; k < a->ndemand; k++) {
        const struct or_demand *dm = &a->demand[k];
        if (day < dm->from || day > dm->to)
            continue;
        st.min = dm->min_staff;
        st.max = dm->max_staff;
        if (dm->shortfall_weight >= 0)
            st.under = dm->shortfall_weight;
        if (dm->over_weight >= 0)
            st.over = dm->over_weight;
    }
    return st;
}

/* H1, H2, H3, must-not pins, H8. */
static void check_occurrences(struct ctx *c)
{
    char day[11];
    for (size_t o = 0; o < c->cal->nocc; o++) {
        const struct or_activity *a = act(c, o);
        const struct or_occurrence *occ = &c->cal->occ[o];
        or_day_format(occ->day, day);
        int n = count_staff(c, o);
        int most = staffing_of(c, o).max;
        if (n > most)
            violation(c, "H1 %s %s: %d staff, maximum %d", a->id, day, n, most);
        if (is_closed(c, occ->day) && !a->on_holidays)
            violation(c, "H3 %s %s runs on a closed day", a->id, day);
        if (!is_closed(c, occ->day) && a->only_holidays)
            violation(c, "H3 %s %s runs on a working day, but only on holidays", a->id, day);
        for (const int *p = c->staff[o]; *p >= 0; p++) {
            const struct or_specialist *sp = &c->d->specialists[*p];
            for (size_t k = 0; k < a->nskills; k++)
                if (!id_in(a->skills[k].id, sp->skills, sp->nskills))
                    violation(c, "H2 %s %s: %s lacks skill %s", a->id, day, sp->id,
                              a->skills[k].id);
            if (sp->ncampuses && !id_in(a->campus.id, sp->campuses, sp->ncampuses))
                violation(c, "H2 %s %s: %s may not work on %s", a->id, day, sp->id, a->campus.id);
            const char *why;
            if (on_leave(c, *p, o, &why))
                violation(c, "H3 %s %s: %s is on leave (%s)", a->id, day, sp->id, why);
            if (fixed_unavailable(c, *p, o))
                violation(c, "H3 %s %s: %s is unavailable then every week", a->id, day, sp->id);
        }
        for (size_t i = 0; i < c->d->npins; i++) {
            const struct or_pin *pin = &c->d->pins[i];
            if (strcmp(pin->activity.id, a->id) != 0 ||
                (pin->has_dates && (occ->day < pin->from || occ->day > pin->to)))
                continue;
            int s = -1;
            for (size_t k = 0; k < c->d->nspecialists; k++)
                if (strcmp(c->d->specialists[k].id, pin->specialist.id) == 0)
                    s = (int)k;
            bool on = s >= 0 && assigned(c, o, s);
            if (pin->must && !on)
                violation(c, "H8 %s %s: pinned %s is not on it", a->id, day, pin->specialist.id);
            if (!pin->must && on)
                violation(c, "H8 %s %s: %s works it against a must-not pin", a->id, day,
                          pin->specialist.id);
        }
    }
}

/* H4, H5 for every pair of sessions of one specialist. */
static void check_pairs(struct ctx *c, int s)
{
    const struct or_calendar *cal = c->cal;
    const char *sid = c->d->specialists[s].id;
    for (size_t i = 0; i < cal->nocc; i++) {
        if (!assigned(c, i, s))
            continue;
        for (size_t j = i + 1; j < cal->nocc; j++) {
            if (!assigned(c, j, s))
                continue;
            const struct or_occurrence *f = &cal->occ[i], *g = &cal->occ[j];
            if (g->start < f->start) {
                const struct or_occurrence *t = f;
                f = g;
                g = t;
            }
            const struct or_activity *af = &c->d->activities[f->activity];
            const struct or_activity *ag = &c->d->activities[g->activity];
            char day[11];
            or_day_format(g->day, day);
            if (g->start < f->end) {
                violation(c, "H4 %s works %s and %s at once on %s", sid, af->id, ag->id, day);
                continue;
            }
            if (g->day == f->day + 1)
                for (size_t k = 0; k < af->nnot_followed_by; k++)
                    if (strcmp(af->not_followed_by[k].id, ag->id) == 0)
                        violation(c, "H10 %s works %s on %s, the day after %s", sid, ag->id, day,
                                  af->id);
            double gap_min = difftime(g->start, f->end) / 60;
            if (af->rest_after && gap_min < af->rest_after)
                violation(c, "H5 %s starts %s on %s %.0f min after %s (rest %d min)", sid, ag->id,
                          day, gap_min, af->id, af->rest_after);
            if (strcmp(af->campus.id, ag->campus.id) == 0)
                continue;
            if (c->d->rules.one_campus_per_day && f->day == g->day)
                violation(c, "H4 %s on two campuses on %s", sid, day);
            int t = travel(c, af->campus.id, ag->campus.id);
            if (t < 0 && (f->day == g->day || gap_min < 120))
                violation(c, "H4 %s between campuses without a travel time on %s", sid, day);
            if (t >= 0 && gap_min < t)
                violation(c, "H4 %s has %.0f min to travel %d min on %s", sid, gap_min, t, day);
        }
    }
}

/* H6 over the horizon: occurrences per activity, most minutes, most
 * weekends, and minimum runs of work and of days off away from its ends. */
static void check_contract(struct ctx *c, int s, const bool *works, int ndays)
{
    const struct or_specialist *sp = &c->d->specialists[s];
    const struct or_calendar *cal = c->cal;
    int minutes = 0;
    for (size_t o = 0; o < cal->nocc; o++)
        if (assigned(c, o, s))
            minutes += act(c, o)->end - act(c, o)->start;
    if (sp->max_minutes >= 0 && minutes > sp->max_minutes)
        violation(c, "H6 %s works %d minutes, maximum %d", sp->id, minutes, sp->max_minutes);
    for (size_t k = 0; k < sp->nlimits; k++) {
        int n = 0;
        for (size_t o = 0; o < cal->nocc; o++)
            n += assigned(c, o, s) && strcmp(act(c, o)->id, sp->limits[k].activity.id) == 0;
        if (n > sp->limits[k].max)
            violation(c, "H6 %s works %s %d times, maximum %d", sp->id, sp->limits[k].activity.id,
                      n, sp->limits[k].max);
    }
    if (sp->max_weekends >= 0) {
        /* Saturday and Sunday of one week count once. */
        int weekends = 0;
        for (int d = 0; d < ndays; d++) {
            int wd = or_day_weekday(cal->first + d);
            if (wd == 5 && works[d])
                weekends++;
            else if (wd == 6 && works[d] && !(d > 0 && works[d - 1]))
                weekends++;
        }
        if (weekends > sp->max_weekends)
            violation(c, "H6 %s works %d weekends, maximum %d", sp->id, weekends, sp->max_weekends);
    }
    int start = 0;
    for (int d = 1; d <= ndays; d++) {
        if (d < ndays && works[d] == works[start])
            continue;
        int need = works[start] ? sp->min_consecutive : sp->min_days_off;
        if (start > 0 && d < ndays && d - start < need)
            violation(c, "H6 %s has a run of %d %s from day %d, minimum %d", sp->id, d - start,
                      works[start] ? "working days" : "days off", start, need);
        start = d;
    }
}

/* H6, H7 for one specialist. */
static void check_load(struct ctx *c, int s)
{
    const struct or_specialist *sp = &c->d->specialists[s];
    const struct or_calendar *cal = c->cal;
    int ndays = cal->last - cal->first + 1;
    int nweeks = ndays / 7 + 2; /* the horizon's calendar weeks, partial ones included */
    int *week = calloc((size_t)nweeks, sizeof(int));
    bool *works = calloc((size_t)ndays, sizeof(bool));
    if (!week || !works) {
        violation(c, "checker: out of memory");
        free(week);
        free(works);
        return;
    }
    int month = 0;
    int per_campus[64] = {0};
    or_day monday0 = cal->first - or_day_weekday(cal->first);
    for (size_t o = 0; o < cal->nocc; o++) {
        if (!assigned(c, o, s))
            continue;
        const struct or_activity *a = act(c, o);
        int w = (cal->occ[o].day - monday0) / 7;
        week[w] += a->sessions;
        month += a->sessions;
        works[cal->occ[o].day - cal->first] = true;
        for (size_t k = 0; k < c->d->ncampuses && k < 64; k++)
            if (strcmp(c->d->campuses[k].id, a->campus.id) == 0)
                per_campus[k] += a->sessions;
    }
    for (int w = 0; w < nweeks; w++)
        if (week[w] > sp->max_week)
            violation(c, "H6 %s works %d sessions in week %d, maximum %d", sp->id, week[w], w,
                      sp->max_week);
    if (sp->max_month >= 0 && month > sp->max_month)
        violation(c, "H6 %s works %d sessions in the month, maximum %d", sp->id, month,
                  sp->max_month);
    check_contract(c, s, works, ndays);
    int limit = sp->max_consecutive >= 0 ? sp->max_consecutive : c->d->rules.max_consecutive;
    int run = 0;
    for (int d = 0; d < ndays; d++) {
        run = works[d] ? run + 1 : 0;
        if (run == limit + 1)
            violation(c, "H6 %s works more than %d days in a row", sp->id, limit);
    }
    for (size_t k = 0; k < sp->nsplit; k++) {
        int here = 0;
        for (size_t m = 0; m < c->d->ncampuses && m < 64; m++)
            if (strcmp(c->d->campuses[m].id, sp->split[k].campus.id) == 0)
                here = per_campus[m];
        if (here * 100 < sp->split[k].min_pct * month || here * 100 > sp->split[k].max_pct * month)
            violation(c, "H7 %s has %d of %d sessions on %s, outside %d-%d%%", sp->id, here, month,
                      sp->split[k].campus.id, sp->split[k].min_pct, sp->split[k].max_pct);
    }
    free(week);
    free(works);
}

/* H9: the same specialists on every occurrence of a week-block activity. */
static void check_week_blocks(struct ctx *c)
{
    const struct or_calendar *cal = c->cal;
    for (size_t i = 0; i < cal->nocc; i++) {
        const struct or_activity *a = act(c, i);
        if (a->continuity != OR_CONTINUITY_WEEK)
            continue;
        for (size_t j = i + 1; j < cal->nocc; j++) {
            if (cal->occ[j].activity != cal->occ[i].activity ||
                (cal->occ[j].day - or_day_weekday(cal->occ[j].day)) !=
                    (cal->occ[i].day - or_day_weekday(cal->occ[i].day)))
                continue;
            for (size_t s = 0; s < c->d->nspecialists; s++)
                if (assigned(c, i, (int)s) != assigned(c, j, (int)s)) {
                    char day[11];
                    violation(c, "H9 %s: %s not on it all week (from %s)", a->id,
                              c->d->specialists[s].id, or_day_format(cal->occ[i].day, day));
                    break;
                }
            break; /* comparing each with the next one is enough */
        }
    }
}

/* ---- soft values, from the definitions in docs/model.md ----------------------- */

static int band_deviation(int value, double target)
{
    int lo = target > 0 ? (int)floor(target + 1e-9) : 0;
    int hi = target > 0 ? (int)ceil(target - 1e-9) : 0;
    return value > hi ? value - hi : value < lo ? lo - value : 0;
}

static bool may_take(const struct ctx *c, int s, size_t o)
{
    const struct or_activity *a = act(c, o);
    const struct or_specialist *sp = &c->d->specialists[s];
    for (size_t k = 0; k < a->nskills; k++)
        if (!id_in(a->skills[k].id, sp->skills, sp->nskills))
            return false;
    if (sp->ncampuses && !id_in(a->campus.id, sp->campuses, sp->ncampuses))
        return false;
    const char *why;
    if (on_leave(c, s, o, &why) || fixed_unavailable(c, s, o))
        return false;
    for (size_t i = 0; i < c->d->npins; i++) {
        const struct or_pin *p = &c->d->pins[i];
        if (!p->must && strcmp(p->specialist.id, sp->id) == 0 &&
            strcmp(p->activity.id, a->id) == 0 &&
            (!p->has_dates || (c->cal->occ[o].day >= p->from && c->cal->occ[o].day <= p->to)))
            return false;
    }
    return true;
}

/* Whether s may take occurrence o and, for a week block, its whole week. */
static bool may_take_unit(const struct ctx *c, int s, size_t o)
{
    if (!may_take(c, s, o))
        return false;
    if (act(c, o)->continuity != OR_CONTINUITY_WEEK)
        return true;
    or_day monday = c->cal->occ[o].day - or_day_weekday(c->cal->occ[o].day);
    for (size_t k = 0; k < c->cal->nocc; k++)
        if (c->cal->occ[k].activity == c->cal->occ[o].activity &&
            c->cal->occ[k].day - or_day_weekday(c->cal->occ[k].day) == monday && !may_take(c, s, k))
            return false;
    return true;
}

/* Duty value of an occurrence: 0 on-call, 1 weekend, 2 holiday, 3 sessions. */
static int duty(const struct ctx *c, size_t o, int k)
{
    const struct or_occurrence *occ = &c->cal->occ[o];
    int wd = or_day_weekday(occ->day);
    switch (k) {
    case 0:
        return act(c, o)->kind == OR_KIND_ON_CALL;
    case 1:
        return wd >= 5;
    case 2:
        return is_closed(c, occ->day);
    default:
        return act(c, o)->quarters; /* sessions, in quarters (4 = one) */
    }
}

static int carry_of(const struct or_department *d, const struct or_specialist *sp, int k)
{
    return k == 0   ? sp->carry.on_call
           : k == 1 ? sp->carry.weekends
           : k == 2 ? sp->carry.holidays
                    : sp->carry.sessions * 4 / d->rules.session_units; /* in quarters */
}

static void soft_fairness(struct ctx *c, struct or_soft *soft)
{
    const struct or_department *d = c->d;
    const struct or_calendar *cal = c->cal;
    size_t ns = d->nspecialists;
    for (int k = 0; k < 4; k++) {
        double total = 0, share_sum = 0, carry_sum = 0;
        double *share = calloc(ns, sizeof(double));
        for (size_t o = 0; o < cal->nocc; o++) {
            int v = duty(c, o, k);
            total += (double)v * staffing_of(c, o).min;
            if (v)
                for (size_t s = 0; s < ns; s++)
                    if (may_take_unit(c, (int)s, o))
                        share[s] = 1;
        }
        for (size_t s = 0; s < ns; s++) {
            if (share[s] == 0)
                continue;
            double avail = 1;
            if (k == 3) {
                int days = 0, free_days = 0;
                for (or_day day = cal->first; day <= cal->last; day++) {
                    bool any = false, usable = false;
                    for (size_t o = 0; o < cal->nocc; o++) {
                        if (cal->occ[o].day != day)
                            continue;
                        any = true;
                        const char *why;
                        usable = usable || !on_leave(c, (int)s, o, &why);
                    }
                    days += any;
                    free_days += usable;
                }
                avail = days ? (double)free_days / days : 1;
            }
            share[s] = d->specialists[s].fte * avail;
            share_sum += share[s];
            carry_sum += carry_of(d, &d->specialists[s], k);
        }
        for (size_t s = 0; s < ns && share_sum > 0; s++) {
            if (share[s] == 0)
                continue;
            double target =
                (carry_sum + total) * share[s] / share_sum - carry_of(d, &d->specialists[s], k);
            int value = 0;
            for (size_t o = 0; o < cal->nocc; o++)
                if (assigned(c, o, (int)s))
                    value += duty(c, o, k);
            if (k < 3) {
                soft->fairness += band_deviation(value, target);
            } else {
                /* S3 in sessions: the band's ends are whole sessions, and a
                 * part of a session outside it counts as a whole one. */
                int lo = target > 0 ? 4 * (int)floor(target / 4 + 1e-9) : 0;
                int hi = target > 0 ? 4 * (int)ceil(target / 4 - 1e-9) : 0;
                int dev = value > hi ? value - hi : value < lo ? lo - value : 0;
                soft->balance += (dev + 3) / 4;
            }
        }
        free(share);
    }
}

/* S2 of an activity shared fairly (`fair: true`): its units, an occurrence
 * or a calendar week of a week-block activity, shared among those who may
 * take at least one, in proportion to FTE. */
static void soft_fair_activities(struct ctx *c, struct or_soft *soft)
{
    const struct or_department *d = c->d;
    const struct or_calendar *cal = c->cal;
    size_t ns = d->nspecialists;
    for (size_t a = 0; a < d->nactivities; a++) {
        if (!d->activities[a].fair)
            continue;
        bool week = d->activities[a].continuity == OR_CONTINUITY_WEEK;
        double total = 0, share_sum = 0;
        double *share = calloc(ns, sizeof(double));
        int *held = calloc(ns, sizeof(int));
        for (size_t o = 0; o < cal->nocc; o++) {
            if (cal->occ[o].activity != (int)a)
                continue;
            /* A week block is one unit: counted at its first occurrence. */
            or_day monday = cal->occ[o].day - or_day_weekday(cal->occ[o].day);
            bool first = true;
            for (size_t k = 0; week && k < o; k++)
                first = first && !(cal->occ[k].activity == (int)a &&
                                   cal->occ[k].day - or_day_weekday(cal->occ[k].day) == monday);
            if (!first)
                continue;
            total += staffing_of(c, o).min;
            for (size_t s = 0; s < ns; s++) {
                if (may_take_unit(c, (int)s, o))
                    share[s] = d->specialists[s].fte;
                held[s] += assigned(c, o, (int)s);
            }
        }
        double carry_sum = 0;
        for (size_t s = 0; s < ns; s++) {
            const int *carry = d->specialists[s].carry_fair;
            share_sum += share[s];
            carry_sum += share[s] > 0 && carry ? carry[a] : 0;
        }
        for (size_t s = 0; s < ns && share_sum > 0; s++) {
            const int *carry = d->specialists[s].carry_fair;
            if (share[s] > 0)
                soft->fairness += band_deviation(
                    held[s], (carry_sum + total) * share[s] / share_sum - (carry ? carry[a] : 0));
        }
        free(share);
        free(held);
    }
}

static bool wish_holds(const struct ctx *c, const struct or_wish *w, size_t o)
{
    const struct or_activity *a = act(c, o);
    if (w->campus.id && strcmp(w->campus.id, a->campus.id) != 0)
        return false;
    if (w->activity.id && strcmp(w->activity.id, a->id) != 0)
        return false;
    if (w->by_time) /* a day off: any session that overlaps it */
        return c->cal->occ[o].start < w->end && w->start < c->cal->occ[o].end;
    if (w->has_dates && (c->cal->occ[o].day < w->from || c->cal->occ[o].day > w->to))
        return false;
    unsigned any = 0;
    for (int i = 0; i < 7; i++)
        any |= w->days[i];
    if (!any)
        return true;
    unsigned halves =
        (a->start < c->d->rules.midday ? OR_AM : 0) | (a->end > c->d->rules.midday ? OR_PM : 0);
    return (w->days[or_day_weekday(c->cal->occ[o].day)] & halves) != 0;
}

static void soft_values(struct ctx *c, struct or_soft *soft)
{
    const struct or_department *d = c->d;
    const struct or_calendar *cal = c->cal;
    memset(soft, 0, sizeof(*soft));
    for (size_t o = 0; o < cal->nocc; o++) {
        int n = count_staff(c, o);
        struct staffing st = staffing_of(c, o);
        if (n < st.min) {
            soft->shortfall += st.min - n;
            soft->cover += (long)(st.min - n) * st.under;
        } else if (n > st.min && st.over > 0) {
            soft->overstaffed += n - st.min;
            soft->cover += (long)(n - st.min) * st.over;
        }
        for (const int *p = c->staff[o]; *p >= 0; p++) {
            const struct or_specialist *sp = &d->specialists[*p];
            for (size_t k = 0; k < sp->nwishes; k++)
                if (wish_holds(c, &sp->wishes[k], o))
                    soft->preferences +=
                        sp->wishes[k].prefer ? -sp->wishes[k].weight : sp->wishes[k].weight;
        }
    }
    /* S1: per activity and weekday. */
    for (size_t a = 0; a < d->nactivities; a++) {
        if (d->activities[a].continuity != OR_CONTINUITY_SERIES)
            continue;
        for (int wd = 0; wd < 7; wd++) {
            bool runs = false;
            int distinct = 0;
            for (size_t s = 0; s < d->nspecialists; s++) {
                bool serves = false;
                for (size_t o = 0; o < cal->nocc; o++)
                    if (cal->occ[o].activity == (int)a && or_day_weekday(cal->occ[o].day) == wd) {
                        runs = true;
                        serves = serves || assigned(c, o, (int)s);
                    }
                distinct += serves;
            }
            if (runs)
                soft->continuity += distinct - d->activities[a].min_staff;
        }
    }
    soft_fairness(c, soft);
    soft_fair_activities(c, soft);
    /* H6 minimum worked time: hours short, rounded up per specialist. */
    for (size_t s = 0; s < d->nspecialists; s++) {
        int minutes = 0;
        for (size_t o = 0; o < cal->nocc; o++)
            if (assigned(c, o, (int)s))
                minutes += act(c, o)->end - act(c, o)->start;
        int need = d->specialists[s].min_minutes;
        if (minutes < need)
            soft->hours_short += (need - minutes + 59) / 60;
    }
    /* S5: worked campus c on day t and another campus on day t-1. */
    for (size_t s = 0; s < d->nspecialists; s++)
        for (or_day day = cal->first + 1; day <= cal->last; day++)
            for (size_t k = 0; k < d->ncampuses; k++) {
                bool here = false, before = false;
                for (size_t o = 0; o < cal->nocc; o++) {
                    if (!assigned(c, o, (int)s))
                        continue;
                    const char *campus = act(c, o)->campus.id;
                    if (cal->occ[o].day == day && strcmp(campus, d->campuses[k].id) == 0)
                        here = true;
                    if (cal->occ[o].day == day - 1 && strcmp(campus, d->campuses[k].id) != 0)
                        before = true;
                }
                soft->campus_changes += here && before;
            }
}

/* Re-planning: before the re-plan date every occurrence has exactly its
 * published staff; from it on, S6 counts the published assignments the
 * roster does not keep and the ones it adds. */
static void check_previous(struct ctx *c, const struct or_previous *prev, struct or_soft *soft)
{
    const struct or_calendar *cal = c->cal;
    for (size_t o = 0; o < cal->nocc; o++) {
        size_t published = 0, kept = 0, now = 0;
        for (const int *p = c->staff[o]; *p >= 0; p++)
            now++;
        for (size_t i = 0; i < prev->n; i++) {
            if (prev->occurrence[i] != o)
                continue;
            published++;
            bool held = false;
            for (const int *p = c->staff[o]; *p >= 0; p++)
                held = held || *p == prev->specialist[i];
            kept += held;
        }
        bool released = false; /* someone published has left the department */
        for (size_t i = 0; i < prev->nreleased; i++)
            released = released || prev->released[i] == o;
        if (cal->occ[o].day >= prev->replan_from) {
            /* dropped from the published staff, and added to it */
            soft->changes += (int)(published - kept) + (int)(now - kept);
        } else if (!released && (kept != published || now != published)) {
            char day[11];
            fprintf(c->log, "S6: %s %s changed before the re-plan date\n",
                    or_day_format(cal->occ[o].day, day), c->d->activities[cal->occ[o].activity].id);
            c->violations++;
        }
    }
}

void checker_run(struct check_result *out, const struct or_department *dept,
                 const struct or_calendar *cal, int *const *staff)
{
    checker_run_previous(out, dept, cal, staff, NULL);
}

void checker_run_previous(struct check_result *out, const struct or_department *dept,
                          const struct or_calendar *cal, int *const *staff,
                          const struct or_previous *prev)
{
    memset(out, 0, sizeof(*out));
    size_t len = 0;
    struct ctx c = {dept, cal, staff, open_memstream(&out->report, &len), 0};
    check_occurrences(&c);
    for (size_t s = 0; s < dept->nspecialists; s++) {
        check_pairs(&c, (int)s);
        check_load(&c, (int)s);
    }
    check_week_blocks(&c);
    soft_values(&c, &out->soft);
    if (prev)
        check_previous(&c, prev, &out->soft);
    fclose(c.log);
    out->violations = c.violations;
    const struct or_weights *w = &dept->weights;
    out->objective =
        (double)out->soft.cover + (double)w->shortfall * out->soft.hours_short +
        (double)w->continuity * out->soft.continuity + (double)w->fairness * out->soft.fairness +
        (double)w->balance * out->soft.balance + (double)w->preferences * out->soft.preferences +
        (double)w->campus_changes * out->soft.campus_changes +
        (double)w->changes * out->soft.changes;
}

void checker_free(struct check_result *res)
{
    free(res->report);
}
