/*
 * calendar.c - the occurrences of a horizon (every activity on every date it
 * runs, with exact UTC start and end), its weeks and series, the leave of
 * every specialist as UTC intervals, and the availability test (H2, H3 and
 * must-not pins) that the forecast, the solver and the outputs share.
 */
#include "scheduler.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Largest horizon accepted: keeps the model and the outputs bounded. */
#define OR_MAX_HORIZON_DAYS 93

void or_calendar_free(struct or_calendar *cal)
{
    if (!cal)
        return;
    free(cal->occ);
    free(cal->series);
    free(cal->weeks);
    free(cal->closed);
    if (cal->busy)
        for (size_t s = 0; s < cal->dept->nspecialists; s++)
            free(cal->busy[s]);
    free(cal->busy);
    free(cal->nbusy);
    free(cal);
}

bool or_calendar_is_closed(const struct or_calendar *cal, or_day day)
{
    for (size_t i = 0; i < cal->nclosed; i++)
        if (cal->closed[i] == day)
            return true;
    return false;
}

static int compare_occ(const void *pa, const void *pb)
{
    const struct or_occurrence *a = pa, *b = pb;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->activity != b->activity)
        return a->activity < b->activity ? -1 : 1;
    return 0;
}

static int build_closed(struct or_calendar *cal, const struct or_department *dept)
{
    size_t n = (size_t)(cal->last - cal->first + 1);
    cal->closed = malloc(n * sizeof(or_day));
    if (!cal->closed)
        return -1;
    for (or_day d = cal->first; d <= cal->last; d++) {
        bool closed = or_holiday_name(dept->holidays, d) != NULL;
        for (size_t i = 0; i < dept->nclosures && !closed; i++)
            closed = dept->closures[i] == d;
        if (closed)
            cal->closed[cal->nclosed++] = d;
    }
    return 0;
}

static int build_weeks(struct or_calendar *cal)
{
    or_day monday = cal->first - or_day_weekday(cal->first);
    cal->nweeks = (size_t)((cal->last - monday) / 7 + 1);
    cal->weeks = calloc(cal->nweeks, sizeof(*cal->weeks));
    if (!cal->weeks)
        return -1;
    for (size_t w = 0; w < cal->nweeks; w++) {
        cal->weeks[w].monday = monday + 7 * (int)w;
        or_day_iso_week(cal->weeks[w].monday, &cal->weeks[w].iso_year, &cal->weeks[w].iso_week);
    }
    return 0;
}

/* Converts every specialist's leave to UTC intervals, keeping those that
 * come within two days of the horizon. */
static int build_busy(struct or_calendar *cal, const struct or_department *dept)
{
    size_t ns = dept->nspecialists;
    cal->busy = calloc(ns ? ns : 1, sizeof(*cal->busy));
    cal->nbusy = calloc(ns ? ns : 1, sizeof(*cal->nbusy));
    if (!cal->busy || !cal->nbusy)
        return -1;
    time_t lo, hi;
    if (or_zone_to_utc(&lo, dept->timezone, cal->first - 2, 0) != 0 ||
        or_zone_to_utc(&hi, dept->timezone, cal->last + 3, 0) != 0)
        return -1;
    for (size_t s = 0; s < ns; s++) {
        const struct or_specialist *sp = &dept->specialists[s];
        cal->busy[s] = malloc((sp->nleave ? sp->nleave : 1) * sizeof(struct or_busy));
        if (!cal->busy[s])
            return -1;
        for (size_t k = 0; k < sp->nleave; k++) {
            const struct or_leave *l = &sp->leave[k];
            struct or_busy b = {l->start, l->end, l};
            if (l->kind != OR_LEAVE_TIMED) {
                if (l->to < cal->first - 2 || l->from > cal->last + 2)
                    continue;
                int from_min = (l->halves & OR_AM) ? 0 : dept->rules.midday;
                int to_min = (l->halves & OR_PM) ? 1440 : dept->rules.midday;
                if (l->kind == OR_LEAVE_CLOCK) {
                    from_min = l->from_min;
                    to_min = l->to_min;
                }
                if (or_zone_to_utc(&b.start, dept->timezone, l->from, from_min) != 0 ||
                    or_zone_to_utc(&b.end, dept->timezone, l->to, to_min) != 0)
                    return -1;
            }
            if (b.end <= lo || b.start >= hi)
                continue;
            cal->busy[s][cal->nbusy[s]++] = b;
        }
    }
    return 0;
}

/* The staffing of one occurrence: its activity's, unless a demand entry
 * covers its date (the last such entry wins). */
static void occurrence_staffing(struct or_occurrence *o, const struct or_department *dept,
                                const struct or_activity *act)
{
    o->min_staff = act->min_staff;
    o->max_staff = act->max_staff;
    o->shortfall_weight =
        act->shortfall_weight >= 0 ? act->shortfall_weight : dept->weights.shortfall;
    o->over_weight = act->over_weight;
    for (size_t k = 0; k < act->ndemand; k++) {
        const struct or_demand *dm = &act->demand[k];
        if (o->day < dm->from || o->day > dm->to)
            continue;
        o->min_staff = dm->min_staff;
        o->max_staff = dm->max_staff;
        if (dm->shortfall_weight >= 0)
            o->shortfall_weight = dm->shortfall_weight;
        if (dm->over_weight >= 0)
            o->over_weight = dm->over_weight;
    }
}

static int build_occurrences(struct or_calendar *cal, const struct or_department *dept)
{
    size_t na = dept->nactivities;
    size_t cap = 64;
    int *series_of = malloc((na ? na : 1) * 7 * sizeof(int));
    cal->occ = malloc(cap * sizeof(*cal->occ));
    cal->series = malloc((na ? na : 1) * 7 * sizeof(*cal->series));
    if (!series_of || !cal->occ || !cal->series)
        goto out_fail;
    for (size_t i = 0; i < na * 7; i++)
        series_of[i] = -1;
    or_day first_monday = cal->weeks[0].monday;
    for (or_day d = cal->first; d <= cal->last; d++) {
        int wd = or_day_weekday(d);
        bool closed = or_calendar_is_closed(cal, d);
        for (size_t a = 0; a < na; a++) {
            const struct or_activity *act = &dept->activities[a];
            if (!(act->weekdays & (1u << wd)) || (closed && !act->on_holidays) ||
                (!closed && act->only_holidays))
                continue;
            if (cal->nocc == cap) {
                cap *= 2;
                struct or_occurrence *occ = realloc(cal->occ, cap * sizeof(*occ));
                if (!occ)
                    goto out_fail;
                cal->occ = occ;
            }
            struct or_occurrence *o = &cal->occ[cal->nocc];
            o->activity = (int)a;
            o->day = d;
            if (or_zone_to_utc(&o->start, dept->timezone, d, act->start) != 0 ||
                or_zone_to_utc(&o->end, dept->timezone, d, act->end) != 0)
                goto out_fail;
            o->week = (d - first_monday) / 7;
            int *series = &series_of[a * 7 + (size_t)wd];
            if (*series < 0) {
                *series = (int)cal->nseries;
                cal->series[cal->nseries].activity = (int)a;
                cal->series[cal->nseries].weekday = wd;
                cal->nseries++;
            }
            o->series = *series;
            o->weekend = wd >= 5;
            o->holiday = closed;
            occurrence_staffing(o, dept, act);
            cal->nocc++;
        }
    }
    qsort(cal->occ, cal->nocc, sizeof(*cal->occ), compare_occ);
    free(series_of);
    return 0;

out_fail:
    free(series_of);
    return -1;
}

int or_calendar_build(struct or_calendar **out, const struct or_department *dept, or_day first,
                      or_day last, struct or_diags *diags)
{
    *out = NULL;
    if (!dept->resolved) {
        or_diags_add(diags, OR_ERROR, dept->pos,
                     "the department has errors; fix them before building a calendar");
        return -1;
    }
    int longest = dept->max_horizon > 0 ? dept->max_horizon : OR_MAX_HORIZON_DAYS;
    if (last < first || last - first + 1 > longest) {
        or_diags_add(diags, OR_ERROR, (or_pos){0},
                     "the horizon must be 1 to %d days long; roster one month at a time", longest);
        return -1;
    }
    struct or_calendar *cal = calloc(1, sizeof(*cal));
    if (!cal)
        goto out_nomem;
    cal->dept = dept;
    cal->first = first;
    cal->last = last;
    if (build_closed(cal, dept) != 0 || build_weeks(cal) != 0 || build_busy(cal, dept) != 0 ||
        build_occurrences(cal, dept) != 0)
        goto out_nomem;
    *out = cal;
    return 0;

out_nomem:
    or_calendar_free(cal);
    or_diags_add(diags, OR_ERROR, (or_pos){0},
                 "cannot build the calendar: out of memory or time zone '%s' unusable",
                 dept->timezone);
    return -1;
}

/* Half-day blocks of the local day `day` that [start, end) (local minutes
 * from that day's midnight) overlaps. */
static unsigned halves_touched(int start, int end, int midday)
{
    unsigned h = 0;
    if (start < midday && end > 0)
        h |= OR_AM;
    if (end > midday && start < 1440)
        h |= OR_PM;
    return h;
}

static bool fixed_blocks(const struct or_specialist *s, const struct or_activity *a, or_day day,
                         int midday)
{
    /* Walk every local day the occurrence touches. */
    for (int offset = 0; offset * 1440 < a->end; offset++) {
        int wd = or_day_weekday(day + offset);
        unsigned h = halves_touched(a->start - offset * 1440, a->end - offset * 1440, midday);
        if (s->unavailable[wd] & h)
            return true;
    }
    return false;
}

unsigned or_blocked(const struct or_department *dept, const struct or_calendar *cal, int specialist,
                    const struct or_occurrence *occ, const struct or_leave **leave_out)
{
    const struct or_specialist *s = &dept->specialists[specialist];
    const struct or_activity *a = &dept->activities[occ->activity];
    unsigned block = OR_WHY_NONE;
    if (!s->may_work[a->campus.index])
        block |= OR_WHY_CAMPUS;
    for (size_t k = 0; k < a->nskills; k++)
        if (!s->has_skill[a->skills[k].index])
            block |= OR_WHY_SKILL;
    for (size_t k = 0; k < cal->nbusy[specialist]; k++) {
        const struct or_busy *b = &cal->busy[specialist][k];
        if (b->start < occ->end && occ->start < b->end) {
            block |= OR_WHY_LEAVE;
            if (leave_out)
                *leave_out = b->leave;
            break;
        }
    }
    if (fixed_blocks(s, a, occ->day, dept->rules.midday))
        block |= OR_WHY_FIXED;
    for (size_t i = 0; i < dept->npins; i++) {
        const struct or_pin *p = &dept->pins[i];
        if (!p->must && p->specialist.index == specialist && p->activity.index == occ->activity &&
            (!p->has_dates || (occ->day >= p->from && occ->day <= p->to)))
            block |= OR_WHY_PIN;
    }
    return block;
}

#define MIN_UNKNOWN_TRAVEL_GAP (120 * 60) /* seconds between campuses without a travel time */

bool or_occ_overlap(const struct or_calendar *cal, size_t a, size_t b)
{
    const struct or_occurrence *x = &cal->occ[a], *y = &cal->occ[b];
    return x->start < y->end && y->start < x->end;
}

enum or_conflict or_occ_conflict(const struct or_calendar *cal, size_t a, size_t b)
{
    const struct or_department *dept = cal->dept;
    if (a == b)
        return OR_CONFLICT_NONE;
    if (or_occ_overlap(cal, a, b))
        return OR_CONFLICT_OVERLAP;
    const struct or_occurrence *f = &cal->occ[a], *g = &cal->occ[b];
    if (g->start < f->start) {
        const struct or_occurrence *t = f;
        f = g;
        g = t;
    }
    const struct or_activity *af = &dept->activities[f->activity];
    const struct or_activity *ag = &dept->activities[g->activity];
    long gap = (long)(g->start - f->end);
    if (af->rest_after > 0 && gap < (long)af->rest_after * 60)
        return OR_CONFLICT_REST;
    if (g->day == f->day + 1)
        for (size_t k = 0; k < af->nnot_followed_by; k++)
            if (af->not_followed_by[k].index == g->activity)
                return OR_CONFLICT_FOLLOWED;
    int cf = af->campus.index, cg = ag->campus.index;
    if (cf == cg)
        return OR_CONFLICT_NONE;
    if (dept->rules.one_campus_per_day && f->day == g->day)
        return OR_CONFLICT_ONE_CAMPUS;
    int travel = dept->travel_minutes[(size_t)cf * dept->ncampuses + (size_t)cg];
    if (travel < 0)
        return f->day == g->day || gap < MIN_UNKNOWN_TRAVEL_GAP ? OR_CONFLICT_TRAVEL
                                                                : OR_CONFLICT_NONE;
    return gap < (long)travel * 60 ? OR_CONFLICT_TRAVEL : OR_CONFLICT_NONE;
}

/* "08:30" from minutes after midnight. */
static char *clock_text(int minutes, char buf[8])
{
    unsigned m = (unsigned)(((minutes % 1440) + 1440) % 1440);
    snprintf(buf, 8, "%02u:%02u", m / 60 % 24, m % 60);
    return buf;
}

/* The pin of specialist s that holds occurrence o to them, or -1. */
static long must_pin_of(const struct or_department *dept, const struct or_calendar *cal, size_t o,
                        int s)
{
    const struct or_occurrence *occ = &cal->occ[o];
    for (size_t i = 0; i < dept->npins; i++) {
        const struct or_pin *p = &dept->pins[i];
        if (p->must && p->specialist.index == s && p->activity.index == occ->activity &&
            occ->day >= p->from && occ->day <= p->to)
            return (long)i;
    }
    return -1;
}

/* Two must pins that put one specialist in two places they cannot both
 * be (H4, H5, H10 as or_occ_conflict() says): named with both positions,
 * once per pin. */
static void check_pin_pairs(const struct or_calendar *cal, struct or_diags *diags)
{
    const struct or_department *dept = cal->dept;
    size_t np = dept->npins;
    bool any = false;
    for (size_t i = 0; i < np && !any; i++)
        any = dept->pins[i].must;
    if (!any)
        return;
    long *pin = malloc((cal->nocc + 1) * sizeof(long));
    bool *told = calloc(np + 1, sizeof(bool));
    if (!pin || !told) {
        or_diags_add(diags, OR_ERROR, (or_pos){0}, "out of memory checking the pins");
        free(pin);
        free(told);
        return;
    }
    for (size_t s = 0; s < dept->nspecialists; s++) {
        for (size_t o = 0; o < cal->nocc; o++)
            pin[o] = must_pin_of(dept, cal, o, (int)s);
        for (size_t a = 0; a < cal->nocc; a++) {
            if (pin[a] < 0)
                continue;
            /* Occurrences are in start order; nothing keeps apart what
             * starts three days after the other ends. */
            for (size_t b = a + 1; b < cal->nocc && cal->occ[b].start < cal->occ[a].end + 3 * 86400;
                 b++) {
                if (pin[b] < 0)
                    continue;
                enum or_conflict c = or_occ_conflict(cal, a, b);
                size_t pa = (size_t)pin[a], pb = (size_t)pin[b];
                if (c == OR_CONFLICT_NONE || told[pb])
                    continue;
                told[pb] = true;
                const struct or_activity *x = &dept->activities[cal->occ[a].activity];
                const struct or_activity *y = &dept->activities[cal->occ[b].activity];
                char why[400], dx[11], dy[11], t1[8], t2[8];
                switch (c) {
                case OR_CONFLICT_OVERLAP:
                    snprintf(why, sizeof(why), "they overlap");
                    break;
                case OR_CONFLICT_REST:
                    snprintf(why, sizeof(why),
                             "the second falls within the rest of %d hours after the first",
                             x->rest_after / 60);
                    break;
                case OR_CONFLICT_FOLLOWED:
                    snprintf(why, sizeof(why), "'%s' may not be followed by '%s' the next day",
                             x->id, y->id);
                    break;
                case OR_CONFLICT_ONE_CAMPUS:
                    snprintf(
                        why, sizeof(why),
                        "they are on two campuses on one day, which the department does not allow "
                        "(rules.one_campus_per_day)");
                    break;
                default: {
                    int t = dept->travel_minutes[(size_t)x->campus.index * dept->ncampuses +
                                                 (size_t)y->campus.index];
                    if (t >= 0)
                        snprintf(why, sizeof(why),
                                 "the %d minutes of travel from %s to %s do not fit between them",
                                 t, dept->campuses[x->campus.index].name,
                                 dept->campuses[y->campus.index].name);
                    else
                        snprintf(
                            why, sizeof(why),
                            "no travel time between %s and %s is given, so they need two hours "
                            "apart or another day",
                            dept->campuses[x->campus.index].name,
                            dept->campuses[y->campus.index].name);
                }
                }
                const struct or_pin *p = &dept->pins[pb], *q = &dept->pins[pa];
                or_diags_add(diags, OR_ERROR, p->pos,
                             "specialist '%s' is pinned to '%s' on %s at %s and, by the pin at "
                             "line %d, to '%s' on %s at %s: %s; remove or move one of the two pins",
                             dept->specialists[s].id, y->id, or_day_format(cal->occ[b].day, dy),
                             clock_text(y->start, t2), q->pos.line, x->id,
                             or_day_format(cal->occ[a].day, dx), clock_text(x->start, t1), why);
            }
        }
    }
    free(pin);
    free(told);
}

int or_calendar_check_pins(const struct or_calendar *cal, struct or_diags *diags)
{
    const struct or_department *dept = cal->dept;
    size_t errors_before = diags->errors;
    char a_buf[11], b_buf[11], c_buf[11], d_buf[11];
    for (size_t i = 0; i < dept->npins; i++) {
        const struct or_pin *p = &dept->pins[i];
        const struct or_activity *a = &dept->activities[p->activity.index];
        if (p->has_dates && (p->to < cal->first || p->from > cal->last)) {
            /* A file holds pins for many months: a note, which -q keeps quiet. */
            or_diags_add(diags, OR_NOTE, p->pos,
                         "pin dates %s..%s are outside the month %s..%s; it is ignored",
                         or_day_format(p->from, a_buf), or_day_format(p->to, b_buf),
                         or_day_format(cal->first, c_buf), or_day_format(cal->last, d_buf));
            continue;
        }
        if (!p->must)
            continue;
        size_t found = 0, blocked = 0;
        for (size_t o = 0; o < cal->nocc; o++) {
            const struct or_occurrence *occ = &cal->occ[o];
            if (occ->activity != p->activity.index || occ->day < p->from || occ->day > p->to)
                continue;
            found++;
            const struct or_leave *leave = NULL;
            unsigned block = or_blocked(dept, cal, p->specialist.index, occ, &leave);
            if (block == OR_WHY_NONE || blocked++ > 0)
                continue; /* one message per pin: the first conflict */
            or_diags_add(diags, OR_ERROR, p->pos,
                         "specialist '%s' is pinned to '%s' on %s but is %s%s%s; remove the "
                         "pin or the conflict",
                         p->specialist.id, a->id, or_day_format(occ->day, a_buf),
                         or_why_text(block), leave && leave->reason ? ": " : "",
                         leave && leave->reason ? leave->reason : "");
        }
        if (found == 0) {
            char days[40] = "";
            for (int wd = 0; wd < 7; wd++)
                if (a->weekdays & (1u << wd)) {
                    strcat(days, days[0] ? ", " : "");
                    strcat(days, or_weekday_name(wd));
                }
            or_diags_add(diags, OR_ERROR, p->pos,
                         "activity '%s' does not run on %s%s%s (it runs on %s, not on "
                         "closed days); change the pin's dates",
                         a->id, or_day_format(p->from, a_buf), p->to != p->from ? ".." : "",
                         p->to != p->from ? or_day_format(p->to, b_buf) : "", days);
        }
    }
    if (diags->errors == errors_before)
        check_pin_pairs(cal, diags);
    return diags->errors == errors_before ? 0 : -1;
}

long or_calendar_find(const struct or_calendar *cal, int activity, or_day day)
{
    /* Occurrences are in start order, so days are nearly sorted: search
     * for the first of the day before it, then scan a little. */
    size_t lo = 0, hi = cal->nocc;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cal->occ[mid].day < day - 1)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t o = lo; o < cal->nocc && cal->occ[o].day <= day + 1; o++)
        if (cal->occ[o].activity == activity && cal->occ[o].day == day)
            return (long)o;
    return -1;
}

void or_history_free(struct or_history *h)
{
    if (!h)
        return;
    for (size_t i = 0; i < h->n; i++) {
        struct or_history_entry *e = &h->items[i];
        char *fields[] = {e->published, e->date,   e->start, e->activity,
                          e->what,      e->before, e->now,   e->why};
        for (size_t k = 0; k < sizeof(fields) / sizeof(fields[0]); k++)
            free(fields[k]);
    }
    free(h->items);
    free(h->file);
    free(h);
}

void or_published_free(struct or_published *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n; i++) {
        free(p->items[i].activity);
        free(p->items[i].specialist);
    }
    free(p->items);
    for (size_t i = 0; i < p->ncounts; i++) {
        free(p->counts[i].specialist);
        free(p->counts[i].name);
        for (size_t k = 0; k < p->counts[i].nfair; k++)
            free(p->counts[i].fair_ids[k]);
        free(p->counts[i].fair_ids);
        free(p->counts[i].fair_units);
    }
    free(p->counts);
    for (size_t i = 0; i < p->nfiles; i++) {
        free(p->files[i].id);
        free(p->files[i].calendar);
    }
    free(p->files);
    free(p->file);
    free(p);
}

int or_previous_build(struct or_previous **out, const struct or_published *pub,
                      const struct or_department *dept, const struct or_calendar *cal,
                      or_day replan_from, struct or_diags *diags)
{
    *out = NULL;
    struct or_previous *prev = calloc(1, sizeof(*prev));
    if (!prev)
        return -1;
    prev->replan_from = replan_from;
    prev->occurrence = malloc((pub->n + 1) * sizeof(size_t));
    prev->specialist = malloc((pub->n + 1) * sizeof(int));
    prev->released = malloc((pub->n + 1) * sizeof(size_t));
    bool *seen = calloc(cal->nocc * dept->nspecialists + 1, sizeof(bool));
    if (!prev->occurrence || !prev->specialist || !prev->released || !seen) {
        free(seen);
        or_previous_free(prev);
        return -1;
    }
    const struct or_published_item *lost_activity = NULL, *lost_specialist = NULL, *lost_day = NULL;
    for (size_t i = 0; i < pub->n; i++) {
        const struct or_published_item *it = &pub->items[i];
        int a = or_department_activity(dept, it->activity);
        int s = or_department_specialist(dept, it->specialist);
        long o = a >= 0 ? or_calendar_find(cal, a, it->day) : -1;
        if (a < 0) {
            lost_activity = lost_activity ? lost_activity : it;
        } else if (o < 0) {
            lost_day = lost_day ? lost_day : it;
        } else if (s < 0) {
            lost_specialist = lost_specialist ? lost_specialist : it;
            prev->released[prev->nreleased++] = (size_t)o;
        } else if (!seen[(size_t)o * dept->nspecialists + (size_t)s]) {
            seen[(size_t)o * dept->nspecialists + (size_t)s] = true;
            prev->occurrence[prev->n] = (size_t)o;
            prev->specialist[prev->n++] = s;
        }
    }
    free(seen);
    char day[11];
    if (lost_activity)
        or_diags_add(diags, OR_WARNING, lost_activity->pos,
                     "activity '%s' of the published roster is no longer in the department "
                     "file; its published sessions are dropped",
                     lost_activity->activity);
    if (lost_specialist)
        or_diags_add(diags, OR_WARNING, lost_specialist->pos,
                     "specialist '%s' of the published roster is no longer in the department "
                     "file; their published sessions, past ones too, go to others",
                     lost_specialist->specialist);
    if (lost_day)
        or_diags_add(diags, OR_WARNING, lost_day->pos,
                     "'%s' no longer takes place on %s as published (days, holidays or "
                     "closures changed); sessions like it are dropped",
                     lost_day->activity, or_day_format(lost_day->day, day));
    *out = prev;
    return 0;
}

void or_previous_free(struct or_previous *prev)
{
    if (!prev)
        return;
    free(prev->occurrence);
    free(prev->specialist);
    free(prev->released);
    free(prev);
}
