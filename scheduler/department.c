/*
 * department.c - the department's life cycle, lookups by id, and its
 * resolution: every reference becomes an index, derived values are filled
 * in, and every impossible or suspicious value is reported with its place.
 */
#include "scheduler.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void or_rules_default(struct or_rules *rules)
{
    rules->one_campus_per_day = false;
    rules->rest_hours = 11;
    rules->max_consecutive = 6;
    rules->full_time_sessions = 10;
    rules->max_load_factor = 1.2;
    rules->midday = 13 * 60;
}

double or_sessions(const struct or_department *dept, int units)
{
    int g = dept->rules.session_units;
    return g > 1 ? (double)units / g : units;
}

int or_units_from_quarters(const struct or_department *dept, int quarters)
{
    int g = dept->rules.session_units > 0 ? dept->rules.session_units : 1;
    return (int)lround(quarters * g / 4.0);
}

void or_weights_default(struct or_weights *weights)
{
    weights->shortfall = 1000;
    weights->continuity = 10;
    weights->fairness = 5;
    weights->balance = 2;
    weights->preferences = 1;
    weights->campus_changes = 1;
    weights->changes = 20;
}

struct or_department *or_department_new(void)
{
    struct or_department *dept = calloc(1, sizeof(*dept));
    if (!dept)
        return NULL;
    dept->holidays = OR_HOLIDAYS_BE;
    or_rules_default(&dept->rules);
    or_weights_default(&dept->weights);
    return dept;
}

static void ref_free(or_ref *ref)
{
    free(ref->id);
}

static void refs_free(or_ref *refs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        ref_free(&refs[i]);
    free(refs);
}

static void specialist_free(struct or_specialist *s)
{
    free(s->id);
    free(s->name);
    free(s->email);
    refs_free(s->campuses, s->ncampuses);
    refs_free(s->skills, s->nskills);
    for (size_t i = 0; i < s->nleave; i++)
        free(s->leave[i].reason);
    free(s->leave);
    for (size_t i = 0; i < s->nwishes; i++) {
        ref_free(&s->wishes[i].campus);
        ref_free(&s->wishes[i].activity);
    }
    free(s->wishes);
    for (size_t i = 0; i < s->nrequests; i++)
        free(s->requests[i].text);
    free(s->requests);
    for (size_t i = 0; i < s->nsplit; i++)
        ref_free(&s->split[i].campus);
    free(s->split);
    for (size_t i = 0; i < s->nlimits; i++)
        ref_free(&s->limits[i].activity);
    free(s->limits);
    free(s->may_work);
    free(s->has_skill);
    free(s->carry_fair);
}

void or_department_free(struct or_department *dept)
{
    if (!dept)
        return;
    free(dept->name);
    free(dept->timezone);
    free(dept->mail_from);
    free(dept->closures);
    for (size_t i = 0; i < dept->ncampuses; i++) {
        free(dept->campuses[i].id);
        free(dept->campuses[i].name);
        free(dept->campuses[i].address);
    }
    free(dept->campuses);
    for (size_t i = 0; i < dept->ntravel; i++) {
        ref_free(&dept->travel[i].from);
        ref_free(&dept->travel[i].to);
    }
    free(dept->travel);
    for (size_t i = 0; i < dept->nskills; i++) {
        free(dept->skills[i].id);
        free(dept->skills[i].name);
    }
    free(dept->skills);
    for (size_t i = 0; i < dept->nactivities; i++) {
        struct or_activity *a = &dept->activities[i];
        free(a->id);
        free(a->name);
        ref_free(&a->campus);
        refs_free(a->skills, a->nskills);
        refs_free(a->not_followed_by, a->nnot_followed_by);
        free(a->demand);
    }
    free(dept->activities);
    for (size_t i = 0; i < dept->nspecialists; i++)
        specialist_free(&dept->specialists[i]);
    free(dept->specialists);
    for (size_t i = 0; i < dept->npins; i++) {
        ref_free(&dept->pins[i].specialist);
        ref_free(&dept->pins[i].activity);
    }
    free(dept->pins);
    for (size_t i = 0; i < dept->nfiles; i++)
        free(dept->files[i]);
    free(dept->files);
    free(dept->travel_minutes);
    free(dept);
}

const char *or_department_intern_file(struct or_department *dept, const char *file)
{
    for (size_t i = 0; i < dept->nfiles; i++)
        if (strcmp(dept->files[i], file) == 0)
            return dept->files[i];
    char **files = realloc(dept->files, (dept->nfiles + 1) * sizeof(*files));
    if (!files)
        return NULL;
    dept->files = files;
    char *copy = strdup(file);
    if (!copy)
        return NULL;
    dept->files[dept->nfiles++] = copy;
    return copy;
}

#define FIND_BY_ID(array, count)                                                                   \
    do {                                                                                           \
        if (!id)                                                                                   \
            return -1;                                                                             \
        for (size_t i_ = 0; i_ < (count); i_++)                                                    \
            if ((array)[i_].id && strcmp((array)[i_].id, id) == 0)                                 \
                return (int)i_;                                                                    \
        return -1;                                                                                 \
    } while (0)

int or_department_campus(const struct or_department *dept, const char *id)
{
    FIND_BY_ID(dept->campuses, dept->ncampuses);
}

int or_department_skill(const struct or_department *dept, const char *id)
{
    FIND_BY_ID(dept->skills, dept->nskills);
}

int or_department_activity(const struct or_department *dept, const char *id)
{
    FIND_BY_ID(dept->activities, dept->nactivities);
}

int or_department_specialist(const struct or_department *dept, const char *id)
{
    FIND_BY_ID(dept->specialists, dept->nspecialists);
}

const char *or_weekday_name(int wd)
{
    static const char *const names[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    return names[wd];
}

/* ---- resolution ------------------------------------------------------ */

/* Gathers the ids of one entity list, for "did you mean". */
struct idlist {
    const char **ids;
    size_t n;
};

#define IDLIST(array, count, out)                                                                  \
    do {                                                                                           \
        (out).n = (count);                                                                         \
        (out).ids = calloc((count) ? (count) : 1, sizeof(char *));                                 \
        for (size_t i_ = 0; (out).ids && i_ < (count); i_++)                                       \
            (out).ids[i_] = (array)[i_].id;                                                        \
    } while (0)

static int lookup(const struct idlist *ids, const char *id)
{
    for (size_t i = 0; i < ids->n; i++)
        if (ids->ids[i] && strcmp(ids->ids[i], id) == 0)
            return (int)i;
    return -1;
}

/* Resolves one reference, or reports it as unknown with a suggestion. */
static bool resolve_ref(or_ref *ref, const struct idlist *ids, const char *what,
                        const char *where_defined, struct or_diags *diags)
{
    if (!ref->id) {
        ref->index = -1;
        return false; /* missing or invalid: the reader reported it */
    }
    ref->index = lookup(ids, ref->id);
    if (ref->index >= 0)
        return true;
    if (ids->n == 0 && strcmp(what, "campus") == 0)
        return false; /* "the department has no campus" says it once */
    const char *guess = or_suggest(ref->id, ids->ids, ids->n);
    if (guess)
        or_diags_add(diags, OR_ERROR, ref->pos, "unknown %s '%s' (did you mean '%s'?)", what,
                     ref->id, guess);
    else if (ids->n == 0)
        or_diags_add(diags, OR_ERROR, ref->pos,
                     "unknown %s '%s': no %s is defined; add it under '%s:'", what, ref->id, what,
                     where_defined);
    else
        or_diags_add(diags, OR_ERROR, ref->pos, "unknown %s '%s'; define it under '%s:'", what,
                     ref->id, where_defined);
    return false;
}

/* Reports every id defined twice in one list. */
#define CHECK_DUPLICATES(array, count, what)                                                       \
    do {                                                                                           \
        for (size_t i_ = 0; i_ < (count); i_++)                                                    \
            for (size_t j_ = 0; j_ < i_; j_++)                                                     \
                if ((array)[i_].id && (array)[j_].id &&                                            \
                    strcmp((array)[i_].id, (array)[j_].id) == 0) {                                 \
                    or_diags_add(diags, OR_ERROR, (array)[i_].pos,                                 \
                                 "duplicate %s id '%s' (first defined at line %d); "               \
                                 "every %s needs its own id",                                      \
                                 what, (array)[i_].id, (array)[j_].pos.line, what);                \
                    break;                                                                         \
                }                                                                                  \
    } while (0)

static void resolve_travel(struct or_department *dept, const struct idlist *campus_ids,
                           struct or_diags *diags)
{
    size_t nc = dept->ncampuses;
    for (size_t i = 0; i < nc * nc; i++)
        dept->travel_minutes[i] = -1;
    for (size_t i = 0; i < nc; i++)
        dept->travel_minutes[i * nc + i] = 0;
    for (size_t i = 0; i < dept->ntravel; i++) {
        struct or_travel *t = &dept->travel[i];
        bool ok = resolve_ref(&t->from, campus_ids, "campus", "campuses", diags);
        ok = resolve_ref(&t->to, campus_ids, "campus", "campuses", diags) && ok;
        if (!ok)
            continue;
        if (t->minutes < 0 || t->minutes > 24 * 60) {
            or_diags_add(diags, OR_ERROR, t->pos,
                         "travel time %d minutes is out of range; give 0 to 1440 minutes",
                         t->minutes);
            continue;
        }
        if (t->from.index == t->to.index) {
            or_diags_add(diags, OR_ERROR, t->to.pos,
                         "travel from campus '%s' to itself; list only other campuses", t->to.id);
            continue;
        }
        int *ab = &dept->travel_minutes[(size_t)t->from.index * nc + (size_t)t->to.index];
        int *ba = &dept->travel_minutes[(size_t)t->to.index * nc + (size_t)t->from.index];
        if (*ab >= 0 && *ab != t->minutes) {
            or_diags_add(diags, OR_ERROR, t->pos,
                         "travel time between '%s' and '%s' is given twice, as %d and %d "
                         "minutes; keep one",
                         t->from.id, t->to.id, *ab, t->minutes);
            continue;
        }
        *ab = *ba = t->minutes;
    }
}

static void resolve_activity(struct or_activity *a, const struct idlist *campus_ids,
                             const struct idlist *skill_ids, const struct idlist *activity_ids,
                             struct or_diags *diags)
{
    resolve_ref(&a->campus, campus_ids, "campus", "campuses", diags);
    for (size_t k = 0; k < a->nskills; k++)
        resolve_ref(&a->skills[k], skill_ids, "skill", "skills", diags);
    for (size_t k = 0; k < a->nnot_followed_by; k++)
        resolve_ref(&a->not_followed_by[k], activity_ids, "activity", "activities", diags);
    for (size_t k = 0; k < a->ndemand; k++) {
        const struct or_demand *dm = &a->demand[k];
        if (dm->to < dm->from)
            or_diags_add(diags, OR_ERROR, dm->pos,
                         "demand dates end before they start; write '2027-01-04..2027-01-08'");
        if (a->continuity == OR_CONTINUITY_WEEK && a->id)
            or_diags_add(diags, OR_ERROR, dm->pos,
                         "activity '%s' keeps one specialist all week, so its staffing cannot "
                         "change from day to day; remove 'demand:' or set 'continuity: none'",
                         a->id);
    }
    /* Single values (days, time, staffing, rest, sessions) are checked by
     * the reader where they are written; only references are left here. */
}

static void resolve_split(struct or_specialist *s, const struct idlist *campus_ids,
                          struct or_diags *diags, size_t ncampuses)
{
    int sum_min = 0, sum_max = 0;
    bool complete = true, ok = true;
    for (size_t k = 0; k < s->nsplit; k++) {
        struct or_split *sp = &s->split[k];
        if (!resolve_ref(&sp->campus, campus_ids, "campus", "campuses", diags)) {
            ok = false;
            continue;
        }
        if (!s->may_work[sp->campus.index]) {
            or_diags_add(diags, OR_ERROR, sp->campus.pos,
                         "specialist '%s' has a split for campus '%s' but may not work there; "
                         "add it to their 'campuses:' or remove it from 'split:'",
                         s->id, sp->campus.id);
            ok = false;
        }
        if (sp->min_pct < 0 || sp->max_pct > 100 || sp->min_pct > sp->max_pct) {
            or_diags_add(diags, OR_ERROR, sp->pos,
                         "split range %d-%d%% for campus '%s' is impossible; write it as "
                         "'40-60' with 0 <= low <= high <= 100",
                         sp->min_pct, sp->max_pct, sp->campus.id);
            ok = false;
        }
        sum_min += sp->min_pct;
        sum_max += sp->max_pct;
    }
    if (!ok || s->nsplit == 0)
        return;
    for (size_t c = 0; c < ncampuses; c++) {
        if (!s->may_work[c])
            continue;
        bool listed = false;
        for (size_t k = 0; k < s->nsplit; k++)
            listed = listed || s->split[k].campus.index == (int)c;
        complete = complete && listed;
    }
    if (sum_min > 100)
        or_diags_add(diags, OR_ERROR, s->split[0].pos,
                     "the split of specialist '%s' asks for at least %d%% in all, more than "
                     "100%%; lower the minimums",
                     s->id, sum_min);
    else if (complete && sum_max < 100)
        or_diags_add(diags, OR_ERROR, s->split[0].pos,
                     "the split of specialist '%s' allows at most %d%% in all, less than "
                     "100%%; raise the maximums",
                     s->id, sum_max);
}

static void resolve_specialist(struct or_department *dept, struct or_specialist *s,
                               const struct idlist *campus_ids, const struct idlist *skill_ids,
                               const struct idlist *activity_ids, struct or_diags *diags)
{
    size_t nc = dept->ncampuses, ns = dept->nskills;
    s->may_work = calloc(nc ? nc : 1, sizeof(bool));
    s->has_skill = calloc(ns ? ns : 1, sizeof(bool));
    if (!s->may_work || !s->has_skill) {
        or_diags_add(diags, OR_ERROR, s->pos, "out of memory");
        return;
    }
    for (size_t c = 0; c < nc; c++)
        s->may_work[c] = s->ncampuses == 0;
    for (size_t k = 0; k < s->ncampuses; k++)
        if (resolve_ref(&s->campuses[k], campus_ids, "campus", "campuses", diags))
            s->may_work[s->campuses[k].index] = true;
    for (size_t k = 0; k < s->nskills; k++)
        if (resolve_ref(&s->skills[k], skill_ids, "skill", "skills", diags))
            s->has_skill[s->skills[k].index] = true;

    if (!s->id)
        return; /* its missing id is reported; derived checks would only echo it */
    const struct or_rules *r = &dept->rules;
    or_pos lpos = s->load_pos.line ? s->load_pos : s->pos;
    /* The reader checked the FTE's range; here only what derives from it. */
    if (s->fte <= 0 && s->target_week < 0)
        s->fte = 1.0; /* neither given (or invalid, and reported): full time */
    if (s->target_week < 0)
        s->target_week = (int)lround(s->fte * r->full_time_sessions);
    else if (s->fte <= 0)
        s->fte = (double)s->target_week / r->full_time_sessions;
    if (s->max_week < 0)
        s->max_week = (int)ceil(s->target_week * r->max_load_factor - 1e-9);
    if (s->target_week < 0 || s->target_week > 30)
        or_diags_add(diags, OR_ERROR, lpos,
                     "weekly target of %d sessions for specialist '%s' is out of range; give "
                     "0 to 30",
                     s->target_week, s->id);
    else if (s->max_week < s->target_week)
        or_diags_add(diags, OR_ERROR, lpos,
                     "specialist '%s' has a weekly maximum of %d sessions, below their "
                     "target of %d; raise 'max_week' or lower the target",
                     s->id, s->max_week, s->target_week);
    if (s->max_month == 0 || s->max_month < -1)
        or_diags_add(diags, OR_ERROR, lpos,
                     "monthly maximum of specialist '%s' must be at least 1; remove "
                     "'max_month' for no monthly limit",
                     s->id);
    if (s->max_consecutive == 0 || s->max_consecutive < -1 || s->max_consecutive > 731)
        or_diags_add(diags, OR_ERROR, lpos,
                     "maximum consecutive working days of specialist '%s' must be 1 to 731", s->id);

    if (s->min_consecutive > 0 &&
        s->min_consecutive > (s->max_consecutive >= 0 ? s->max_consecutive : r->max_consecutive))
        or_diags_add(diags, OR_ERROR, s->runs_pos.line ? s->runs_pos : s->pos,
                     "specialist '%s' must work at least %d days in a row but at most %d; "
                     "lower 'min_consecutive_days' or raise 'max_consecutive_days'",
                     s->id, s->min_consecutive,
                     s->max_consecutive >= 0 ? s->max_consecutive : r->max_consecutive);
    if (s->max_minutes >= 0 && s->min_minutes > s->max_minutes)
        or_diags_add(diags, OR_ERROR, lpos,
                     "specialist '%s' must work at least %d minutes but at most %d; give "
                     "'hours:' as a range with the smaller number first",
                     s->id, s->min_minutes, s->max_minutes);
    for (size_t k = 0; k < s->nlimits; k++)
        resolve_ref(&s->limits[k].activity, activity_ids, "activity", "activities", diags);
    for (size_t k = 0; k < s->nleave; k++) {
        const struct or_leave *l = &s->leave[k];
        if ((l->kind != OR_LEAVE_TIMED && l->to < l->from) ||
            (l->kind == OR_LEAVE_CLOCK && l->to_min <= l->from_min) ||
            (l->kind == OR_LEAVE_TIMED && l->end <= l->start))
            or_diags_add(diags, OR_ERROR, l->pos,
                         "leave of specialist '%s' ends before it starts; write "
                         "'2027-01-04..2027-01-08' with the first day first",
                         s->id);
    }
    for (size_t k = 0; k < s->nwishes; k++) {
        struct or_wish *w = &s->wishes[k];
        if (w->campus.id) /* optional: no campus means any */
            resolve_ref(&w->campus, campus_ids, "campus", "campuses", diags);
        if (w->activity.id)
            resolve_ref(&w->activity, activity_ids, "activity", "activities", diags);
        if (w->weight < 1 || w->weight > 100)
            or_diags_add(diags, OR_ERROR, w->pos, "wish weight %d is out of range; give 1 to 100",
                         w->weight);
        if (w->has_dates && w->to < w->from)
            or_diags_add(diags, OR_ERROR, w->pos,
                         "wish dates end before they start; write '2027-01-04..2027-01-08'");
    }
    resolve_split(s, campus_ids, diags, nc);
}

bool or_eligible(const struct or_department *dept, int specialist, int activity)
{
    const struct or_specialist *s = &dept->specialists[specialist];
    const struct or_activity *a = &dept->activities[activity];
    if (a->campus.index < 0 || !s->may_work || !s->may_work[a->campus.index])
        return false;
    for (size_t k = 0; k < a->nskills; k++)
        if (a->skills[k].index < 0 || !s->has_skill[a->skills[k].index])
            return false;
    return true;
}

static void resolve_pins(struct or_department *dept, const struct idlist *specialist_ids,
                         const struct idlist *activity_ids, struct or_diags *diags)
{
    for (size_t i = 0; i < dept->npins; i++) {
        struct or_pin *p = &dept->pins[i];
        bool ok = resolve_ref(&p->specialist, specialist_ids, "specialist", "specialists", diags);
        ok = resolve_ref(&p->activity, activity_ids, "activity", "activities", diags) && ok;
        if (p->has_dates && p->to < p->from) {
            or_diags_add(diags, OR_ERROR, p->pos,
                         "pin dates end before they start; write '2027-01-04..2027-01-08'");
            ok = false;
        }
        if (!ok)
            continue;
        const struct or_specialist *s = &dept->specialists[p->specialist.index];
        const struct or_activity *a = &dept->activities[p->activity.index];
        if (p->must && s->may_work && !or_eligible(dept, p->specialist.index, p->activity.index))
            or_diags_add(diags, OR_ERROR, p->pos,
                         "specialist '%s' is pinned to activity '%s' but lacks a required "
                         "skill or may not work on campus '%s'; fix the pin or their skills "
                         "and campuses",
                         s->id, a->id, a->campus.id);
        for (size_t j = 0; j < i; j++) {
            const struct or_pin *q = &dept->pins[j];
            if (q->must == p->must || q->specialist.index != p->specialist.index ||
                q->activity.index != p->activity.index)
                continue;
            bool overlap = !p->has_dates || !q->has_dates || (p->from <= q->to && q->from <= p->to);
            if (overlap) {
                or_diags_add(diags, OR_ERROR, p->pos,
                             "this pin contradicts the pin at line %d: specialist '%s' both "
                             "must and must not work activity '%s'; remove one",
                             q->pos.line, s->id, a->id);
                break;
            }
        }
    }
}

static void warn_unstaffable(const struct or_department *dept, struct or_diags *diags)
{
    for (size_t k = 0; k < dept->nskills; k++) {
        bool needed = false, had = false;
        if (!dept->skills[k].id)
            continue;
        for (size_t i = 0; i < dept->nactivities; i++)
            for (size_t j = 0; j < dept->activities[i].nskills; j++)
                needed = needed || dept->activities[i].skills[j].index == (int)k;
        for (size_t s = 0; s < dept->nspecialists; s++)
            had = had || (dept->specialists[s].has_skill && dept->specialists[s].has_skill[k]);
        if (!had)
            or_diags_add(diags, OR_WARNING, dept->skills[k].pos,
                         "no specialist has skill '%s'%s; add it to a specialist's 'skills:'",
                         dept->skills[k].id, needed ? ", yet activities require it" : "");
    }
    for (size_t i = 0; i < dept->nactivities; i++) {
        const struct or_activity *a = &dept->activities[i];
        bool unresolved = a->campus.index < 0 || !a->id;
        for (size_t k = 0; k < a->nskills; k++)
            unresolved = unresolved || a->skills[k].index < 0;
        if (unresolved)
            continue; /* its unknown campus or skill is reported already */
        bool anyone = false;
        for (size_t s = 0; s < dept->nspecialists && !anyone; s++)
            anyone = or_eligible(dept, (int)s, (int)i);
        if (!anyone && a->max_staff > 0)
            or_diags_add(diags, OR_WARNING, a->pos,
                         "nobody may work activity '%s': no specialist has all its skills and "
                         "works on campus '%s'",
                         a->id, a->campus.id);
    }
}

int or_department_resolve(struct or_department *dept, struct or_diags *diags)
{
    size_t errors_before = diags->errors;
    struct idlist campus_ids, skill_ids, activity_ids, specialist_ids;
    IDLIST(dept->campuses, dept->ncampuses, campus_ids);
    IDLIST(dept->skills, dept->nskills, skill_ids);
    IDLIST(dept->activities, dept->nactivities, activity_ids);
    IDLIST(dept->specialists, dept->nspecialists, specialist_ids);
    size_t nc = dept->ncampuses;
    free(dept->travel_minutes);
    dept->travel_minutes = malloc((nc ? nc * nc : 1) * sizeof(int));
    if (!campus_ids.ids || !skill_ids.ids || !activity_ids.ids || !specialist_ids.ids ||
        !dept->travel_minutes) {
        or_diags_add(diags, OR_ERROR, (or_pos){0}, "out of memory");
        goto out_free_ids;
    }

    if (!or_zone_exists(dept->timezone))
        or_diags_add(diags, OR_ERROR, dept->timezone_pos,
                     "unknown time zone '%s'; use an IANA name such as 'Europe/Brussels'",
                     dept->timezone ? dept->timezone : "");
    if (dept->ncampuses == 0)
        or_diags_add(diags, OR_ERROR, dept->pos,
                     "the department has no campus; add at least one under 'campuses:'");
    CHECK_DUPLICATES(dept->campuses, dept->ncampuses, "campus");
    CHECK_DUPLICATES(dept->skills, dept->nskills, "skill");
    CHECK_DUPLICATES(dept->activities, dept->nactivities, "activity");
    CHECK_DUPLICATES(dept->specialists, dept->nspecialists, "specialist");

    if (dept->language == OR_LANG_DEFAULT)
        dept->language = dept->holidays == OR_HOLIDAYS_NONE ? OR_LANG_EN : OR_LANG_NL;
    resolve_travel(dept, &campus_ids, diags);
    /* Load units: whole sessions unless an activity counts a part of one.
     * Once, however often a department is resolved. */
    bool scale = dept->rules.session_units == 0;
    if (scale) {
        int g = 1;
        for (size_t i = 0; i < dept->nactivities; i++) {
            int q = dept->activities[i].quarters;
            if (q % 2)
                g = 4;
            else if (q % 4 && g < 2)
                g = 2;
        }
        dept->rules.session_units = g;
        for (size_t i = 0; i < dept->nactivities; i++)
            dept->activities[i].sessions = dept->activities[i].quarters * g / 4;
    }
    for (size_t i = 0; i < dept->nactivities; i++)
        resolve_activity(&dept->activities[i], &campus_ids, &skill_ids, &activity_ids, diags);
    for (size_t i = 0; i < dept->nspecialists; i++)
        resolve_specialist(dept, &dept->specialists[i], &campus_ids, &skill_ids, &activity_ids,
                           diags);
    if (scale) /* the specialists' session counts, checked in sessions above */
        for (size_t i = 0; i < dept->nspecialists; i++) {
            struct or_specialist *sp = &dept->specialists[i];
            int g = dept->rules.session_units;
            sp->target_week *= g;
            sp->max_week *= g;
            if (sp->max_month > 0)
                sp->max_month *= g;
            sp->carry.sessions *= g;
        }
    resolve_pins(dept, &specialist_ids, &activity_ids, diags);
    warn_unstaffable(dept, diags);

out_free_ids:
    free(campus_ids.ids);
    free(skill_ids.ids);
    free(activity_ids.ids);
    free(specialist_ids.ids);
    dept->resolved = diags->errors == errors_before;
    return dept->resolved ? 0 : -1;
}
