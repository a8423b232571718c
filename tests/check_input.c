/*
 * check_input.c - the readers: every key of the department file and every
 * default, YAML errors with their positions, and leave calendars (timed,
 * all-day, multi-day, RRULE with EXDATE and RECURRENCE-ID, VTIMEZONE from
 * Outlook, unknown zones, malformed files).
 */
#include "input_internal.h"
#include "testutil.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static struct or_department *read_file(const char *name, struct or_diags *diags)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", TEST_DATA_DIR, name);
    return tu_load_file(path, tu_day("2027-01-01"), tu_day("2027-01-31"), diags);
}

/* ---- every key ------------------------------------------------------------------ */

START_TEST(test_every_key)
{
    struct or_diags diags = {0};
    struct or_department *d = read_file("full.yaml", &diags);
    ck_assert_msg(d, "%s", tu_diags_text(&diags));
    ck_assert_str_eq(d->name, "Oncologie: Netwerk, test");
    ck_assert_str_eq(d->timezone, "Europe/Amsterdam");
    ck_assert_int_eq(d->holidays, OR_HOLIDAYS_NL);
    ck_assert_uint_eq(d->nclosures, 3);
    ck_assert_int_eq(d->closures[2], tu_day("2027-01-15"));
    ck_assert(d->rules.one_campus_per_day);
    ck_assert_int_eq(d->rules.rest_hours, 12);
    ck_assert_int_eq(d->rules.max_consecutive, 5);
    ck_assert_int_eq(d->rules.full_time_sessions, 9);
    ck_assert_double_eq_tol(d->rules.max_load_factor, 1.5, 1e-9);
    ck_assert_int_eq(d->rules.midday, 12 * 60 + 30);
    ck_assert_int_eq(d->weights.shortfall, 5000);
    ck_assert_int_eq(d->weights.continuity, 11);
    ck_assert_int_eq(d->weights.fairness, 6);
    ck_assert_int_eq(d->weights.balance, 3);
    ck_assert_int_eq(d->weights.preferences, 4);
    ck_assert_int_eq(d->weights.campus_changes, 2);
    ck_assert_int_eq(d->weights.changes, 30);

    ck_assert_uint_eq(d->ncampuses, 3);
    ck_assert_str_eq(d->campuses[0].address, "Liersesteenweg 435, 2800 Mechelen");
    ck_assert_str_eq(d->campuses[1].name, "AZ Jan Portaels");
    ck_assert_str_eq(d->campuses[2].name, "lier");
    ck_assert_ptr_null(d->campuses[2].address);
    ck_assert_int_eq(d->travel_minutes[0 * 3 + 1], 25);
    ck_assert_int_eq(d->travel_minutes[2 * 3 + 0], 20);
    ck_assert_int_eq(d->travel_minutes[1 * 3 + 2], -1);
    ck_assert_str_eq(d->skills[0].name, "breast");
    ck_assert_str_eq(d->skills[1].name, "Thoracale oncologie");

    const struct or_activity *a = &d->activities[0];
    ck_assert_str_eq(a->name, "Borstraadpleging");
    ck_assert_int_eq(a->campus.index, 1);
    ck_assert_int_eq(a->kind, OR_KIND_CONSULTATION);
    ck_assert_uint_eq(a->weekdays, (1u << 1) | (1u << 3));
    ck_assert_int_eq(a->start, 510);
    ck_assert_int_eq(a->end, 750);
    ck_assert_int_eq(a->min_staff, 1);
    ck_assert_int_eq(a->max_staff, 2);
    ck_assert_int_eq(a->skills[0].index, 0);
    ck_assert(a->on_holidays);
    ck_assert_int_eq(a->continuity, OR_CONTINUITY_NONE);
    ck_assert_int_eq(a->rest_after, 120);
    ck_assert_int_eq(a->sessions, 2);
    a = &d->activities[1];
    ck_assert_str_eq(a->name, "weekend");
    ck_assert_uint_eq(a->weekdays, 0x60u);
    ck_assert_int_eq(a->end - a->start, 48 * 60);
    ck_assert_int_eq(a->skills[0].index, 1);
    ck_assert(!a->on_holidays);
    ck_assert_int_eq(a->continuity, OR_CONTINUITY_SERIES);
    ck_assert_int_eq(a->rest_after, 12 * 60);
    a = &d->activities[2];
    ck_assert_int_eq(a->kind, OR_KIND_TUMOUR_BOARD);
    ck_assert_uint_eq(a->weekdays, OR_WEEKDAYS_ALL);
    ck_assert_int_eq(a->rest_after, 0);
    ck_assert_int_eq(a->min_staff, 0);
    ck_assert_int_eq(a->max_staff, 3);

    const struct or_specialist *s = &d->specialists[0];
    ck_assert_str_eq(s->name, "Dr. Hélène Van den Broeck");
    ck_assert_str_eq(s->email, "helene@example.org");
    ck_assert_double_eq_tol(s->fte, 0.8, 1e-9);
    ck_assert_int_eq(s->target_week, 7);
    ck_assert_int_eq(s->max_week, 9);
    ck_assert_int_eq(s->max_month, 30);
    ck_assert_int_eq(s->max_consecutive, 4);
    ck_assert(s->may_work[0] && s->may_work[1] && !s->may_work[2]);
    ck_assert(s->has_skill[0] && s->has_skill[1]);
    ck_assert_uint_eq(s->unavailable[2], OR_PM);
    ck_assert_uint_eq(s->unavailable[4], OR_WHOLE_DAY);
    ck_assert_uint_eq(s->unavailable[5], OR_AM);
    ck_assert_uint_eq(s->unavailable[6], OR_AM);
    ck_assert_uint_eq(s->unavailable[0], 0);
    /* Four entries from the file, then five events of kinds.ics in January
     * (one cancelled, one in 2028: both skipped). */
    ck_assert_uint_eq(s->nleave, 4 + 5);
    ck_assert_int_eq(s->leave[0].from, tu_day("2027-01-04"));
    ck_assert_int_eq(s->leave[0].to, tu_day("2027-01-06"));
    ck_assert_uint_eq(s->leave[1].halves, OR_AM);
    ck_assert_int_eq(s->leave[2].kind, OR_LEAVE_CLOCK);
    ck_assert_int_eq(s->leave[2].from_min, 14 * 60);
    ck_assert_int_eq(s->leave[2].to_min, 17 * 60);
    ck_assert_str_eq(s->leave[3].reason, "Congres");
    ck_assert_uint_eq(s->nwishes, 3);
    ck_assert(s->wishes[0].prefer);
    ck_assert_uint_eq(s->wishes[0].days[1], OR_AM);
    ck_assert_int_eq(s->wishes[1].campus.index, 1);
    ck_assert_int_eq(s->wishes[1].weight, 3);
    ck_assert(!s->wishes[2].prefer);
    ck_assert_int_eq(s->wishes[2].activity.index, 1);
    ck_assert_uint_eq(s->wishes[2].days[0], OR_WHOLE_DAY);
    ck_assert_uint_eq(s->nsplit, 2);
    ck_assert_int_eq(s->split[0].min_pct, 40);
    ck_assert_int_eq(s->split[0].max_pct, 60);
    ck_assert_int_eq(s->split[1].min_pct, 50);
    ck_assert_int_eq(s->split[1].max_pct, 50);
    ck_assert_int_eq(s->carry.on_call, 3);
    ck_assert_int_eq(s->carry.weekends, 2);
    ck_assert_int_eq(s->carry.holidays, 1);
    ck_assert_int_eq(s->carry.sessions, -4);
    ck_assert(d->specialists[1].may_work[2] && !d->specialists[1].may_work[0]);

    ck_assert_uint_eq(d->npins, 2);
    ck_assert(d->pins[0].must && d->pins[0].has_dates);
    ck_assert_int_eq(d->pins[0].from, tu_day("2027-01-19"));
    ck_assert(!d->pins[1].must && !d->pins[1].has_dates);
    ck_assert_int_eq(d->pins[1].activity.index, 2);
    or_department_free(d);
    or_diags_clear(&diags);
}
END_TEST

START_TEST(test_every_default)
{
    struct or_diags diags = {0};
    struct or_department *d = read_file("minimal.yaml", &diags);
    ck_assert_msg(d, "%s", tu_diags_text(&diags));
    ck_assert_str_eq(d->timezone, "Europe/Brussels");
    ck_assert_int_eq(d->holidays, OR_HOLIDAYS_BE);
    ck_assert(!d->rules.one_campus_per_day);
    ck_assert_int_eq(d->rules.rest_hours, 11);
    ck_assert_int_eq(d->rules.max_consecutive, 6);
    ck_assert_int_eq(d->rules.full_time_sessions, 10);
    ck_assert_double_eq_tol(d->rules.max_load_factor, 1.2, 1e-9);
    ck_assert_int_eq(d->rules.midday, 13 * 60);
    ck_assert_int_eq(d->weights.shortfall, 1000);
    ck_assert_int_eq(d->weights.continuity, 10);
    ck_assert_int_eq(d->weights.fairness, 5);
    ck_assert_int_eq(d->weights.balance, 2);
    ck_assert_int_eq(d->weights.preferences, 1);
    ck_assert_int_eq(d->weights.campus_changes, 1);
    ck_assert_int_eq(d->weights.changes, 20);
    ck_assert_str_eq(d->campuses[0].name, "c");
    const struct or_activity *clinic = &d->activities[0], *night = &d->activities[1],
                             *day = &d->activities[2], *ward = &d->activities[3],
                             *dh = &d->activities[4];
    ck_assert_str_eq(clinic->name, "clinic");
    ck_assert_int_eq(clinic->kind, OR_KIND_CONSULTATION);
    ck_assert_int_eq(clinic->min_staff, 1);
    ck_assert_int_eq(clinic->max_staff, 1);
    ck_assert_uint_eq(clinic->nskills, 0);
    ck_assert(!clinic->on_holidays);
    ck_assert_int_eq(clinic->continuity, OR_CONTINUITY_SERIES);
    ck_assert_int_eq(clinic->rest_after, 0);
    ck_assert_int_eq(clinic->sessions, 1);
    ck_assert(night->on_holidays);
    ck_assert_int_eq(night->continuity, OR_CONTINUITY_NONE);
    ck_assert_int_eq(night->rest_after, 11 * 60);
    ck_assert_int_eq(night->end, 32 * 60);
    ck_assert_int_eq(day->rest_after, 0); /* a day shift needs no rest */
    ck_assert_int_eq(ward->continuity, OR_CONTINUITY_WEEK);
    ck_assert_int_eq(dh->continuity, OR_CONTINUITY_NONE);
    const struct or_specialist *s = &d->specialists[0];
    ck_assert_str_eq(s->name, "s");
    ck_assert_ptr_null(s->email);
    ck_assert_double_eq_tol(s->fte, 1.0, 1e-9);
    ck_assert_int_eq(s->target_week, 10);
    ck_assert_int_eq(s->max_week, 12);
    ck_assert_int_eq(s->max_month, -1);
    ck_assert_int_eq(s->max_consecutive, -1);
    ck_assert(s->may_work[0]);
    ck_assert_uint_eq(s->nleave + s->nwishes + s->nsplit, 0);
    ck_assert_int_eq(s->carry.on_call + s->carry.weekends + s->carry.holidays, 0);
    or_department_free(d);
    or_diags_clear(&diags);
}
END_TEST

/* A part of a session: the department counts in quarters, halves or whole
 * sessions, the finest any activity needs, and every count of sessions
 * (targets, maxima, carry) in the same units. */
START_TEST(test_session_weight_below_one)
{
    static const char *const yaml =
        "department: {name: T, timezone: Europe/Brussels}\n"
        "campuses: [{id: c}]\n"
        "activities:\n"
        "  - {id: clinic, campus: c, days: [mon], time: 08:00-12:00}\n"
        "  - {id: board, campus: c, days: [mon], time: 13:00-14:00, sessions: %s}\n"
        "specialists:\n"
        "  - {id: s, target: 8, max_week: 9, max_month: 30, carry: {sessions: -2}}\n";
    static const struct {
        const char *given;
        int units, board, clinic;
    } cases[] = {
        {"0.25", 4, 1, 4}, {"0.5", 2, 1, 2}, {"1.5", 2, 3, 2}, {"2", 1, 2, 1}, {"0.75", 4, 3, 4}};
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char text[1024];
        snprintf(text, sizeof(text), yaml, cases[i].given);
        struct or_diags diags = {0};
        struct or_department *d = tu_load(text, &diags);
        ck_assert_msg(d, "%s: %s", cases[i].given, tu_diags_text(&diags));
        int g = cases[i].units;
        ck_assert_int_eq(d->rules.session_units, g);
        ck_assert_int_eq(d->activities[1].sessions, cases[i].board);
        ck_assert_int_eq(d->activities[0].sessions, cases[i].clinic);
        const struct or_specialist *s = &d->specialists[0];
        ck_assert_int_eq(s->target_week, 8 * g);
        ck_assert_int_eq(s->max_week, 9 * g);
        ck_assert_int_eq(s->max_month, 30 * g);
        ck_assert_int_eq(s->carry.sessions, -2 * g);
        ck_assert_double_eq_tol(or_sessions(d, s->max_week), 9, 1e-9);
        ck_assert_double_eq_tol(or_sessions(d, d->activities[1].sessions),
                                strtod(cases[i].given, NULL), 1e-9);
        ck_assert_double_eq_tol(s->fte, 0.8, 1e-9); /* from the target in sessions */
        or_department_free(d);
        or_diags_clear(&diags);
    }
    /* Anything else is refused where it stands. */
    static const char *const bad[] = {"0.3", "0", "0.125", "10.25", "-1", "one"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        char text[1024];
        snprintf(text, sizeof(text), yaml, bad[i]);
        struct or_diags diags = {0};
        struct or_department *d = tu_load(text, &diags);
        ck_assert_msg(!d, "sessions: %s was accepted", bad[i]);
        char *why = tu_diags_text(&diags);
        ck_assert_msg(strstr(why, ":5:") && strstr(why, "sessions"), "%s: %s", bad[i], why);
        free(why);
        or_diags_clear(&diags);
    }
}
END_TEST

/* ---- YAML-level errors ------------------------------------------------------------ */

struct yaml_case {
    const char *yaml;
    int line;
    int col;
    const char *message;
};

static const struct yaml_case yaml_cases[] = {
    {"department: {name: X}\ncampuses: [{id: c}\n", 0, 0, "YAML syntax"},
    {"department: {name: X}\ndepartment: {name: Y}\n", 2, 1,
     "duplicate key 'department' (first given at line 1)"},
    {"department: &d {name: X}\ncampuses: *d\n", 2, 12, "aliases"},
    {"department: !!map {name: X}\n", 1, 19, "tags"},
    {"department: {name: X}\ncampusses: []\n", 2, 1,
     "unknown key 'campusses' in the department file (did you mean 'campuses'?)"},
    {"department: {name: X, timezone: Europe/Brussels, holiday: BE}\n", 1, 50,
     "unknown key 'holiday' in 'department' (did you mean 'holidays'?)"},
    {"department: {name: X}\ncampuses: {id: c}\n", 2, 11,
     "'campuses:' must be a list with one '- id: ...' entry per item, found a mapping"},
    {"- a\n- b\n", 1, 1, "a department file is a mapping"},
    {"department: {name: X}\n---\ndepartment: {name: Y}\n", 2, 1, "a second YAML document"},
    {"department: {name: X, holidays: FR}\n", 1, 33, "unknown holiday calendar 'FR'"},
    {"department: {name: X, language: de}\n", 1, 33,
     "unknown language 'de'; use nl (Dutch), fr (French) or en (English)"},
    {"department: {name: X}\ncampuses: [{id: 'Campus A'}]\n", 2, 18,
     "'Campus A' is not a valid campus id"},
    {"department: {name: X}\nrules: {rest_hours: eleven}\n", 2, 21,
     "rest_hours must be a whole number, not 'eleven'"},
    {"department: {name: X}\nrules: {max_consecutive_days: 0}\n", 2, 31, "out of range"},
};

START_TEST(test_yaml_errors)
{
    const struct yaml_case *c = &yaml_cases[_i];
    struct or_diags diags = {0};
    struct or_department *dept = tu_load(c->yaml, &diags);
    ck_assert_ptr_null(dept);
    char *text = tu_diags_text(&diags);
    bool found = false;
    for (size_t i = 0; i < diags.count; i++) {
        const struct or_diag *dg = &diags.items[i];
        if (strstr(dg->message, c->message) && (c->line == 0 || dg->line == c->line) &&
            (c->col == 0 || dg->col == c->col))
            found = true;
    }
    ck_assert_msg(found, "case %d: want %d:%d '%s', got:\n%s", _i, c->line, c->col, c->message,
                  text);
    free(text);
    or_diags_clear(&diags);
}
END_TEST

/* The language of the publication: as given, else from the country of
 * the holidays (Belgium and the Netherlands Dutch, none English). */
START_TEST(test_language_default)
{
    static const struct {
        const char *department;
        enum or_language want;
    } cases[] = {
        {"{name: X}", OR_LANG_NL},
        {"{name: X, holidays: NL}", OR_LANG_NL},
        {"{name: X, holidays: none}", OR_LANG_EN},
        {"{name: X, holidays: BE, language: fr}", OR_LANG_FR},
        {"{name: X, holidays: NL, language: EN}", OR_LANG_EN},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char yaml[256];
        snprintf(yaml, sizeof(yaml),
                 "department: %s\ncampuses: [{id: c}]\n"
                 "activities: [{id: clinic, campus: c, days: [mon], time: 08:00-12:00}]\n"
                 "specialists: [{id: s}]\n",
                 cases[i].department);
        struct or_diags diags = {0};
        struct or_department *dept = tu_load(yaml, &diags);
        ck_assert_msg(dept, "%s: %s", cases[i].department, tu_diags_text(&diags));
        ck_assert_msg(dept->language == cases[i].want, "%s: language %d", cases[i].department,
                      dept->language);
        or_department_free(dept);
        or_diags_clear(&diags);
    }
}
END_TEST

START_TEST(test_all_errors_at_once)
{
    struct or_diags diags = {0};
    struct or_department *dept = tu_load("department: {name: X, timezone: Europe/Vilvoorde}\n"
                                         "campuses: [{id: c, adress: x}]\n"
                                         "activities:\n"
                                         "  - {id: a, campus: c, days: [mon, funday], time: 9-5}\n"
                                         "specialists: [{id: s, fte: lots}]\n",
                                         &diags);
    ck_assert_ptr_null(dept);
    char *text = tu_diags_text(&diags);
    ck_assert_msg(tu_has_diag(&diags, 2, "unknown key 'adress'"), "%s", text);
    ck_assert_msg(tu_has_diag(&diags, 4, "'funday' is not a day"), "%s", text);
    ck_assert_msg(tu_has_diag(&diags, 4, "'9-5' is not a time range"), "%s", text);
    ck_assert_msg(tu_has_diag(&diags, 5, "fte must be a number"), "%s", text);
    ck_assert_uint_ge(diags.errors, 4);
    free(text);
    or_diags_clear(&diags);
}
END_TEST

START_TEST(test_empty_and_missing)
{
    struct or_diags diags = {0};
    ck_assert_ptr_null(tu_load("", &diags));
    ck_assert(tu_has_diag(&diags, 0, "the department file is empty"));
    or_diags_clear(&diags);
    ck_assert_ptr_null(tu_load("# just a comment\n", &diags));
    ck_assert(tu_has_diag(&diags, 0, "a department file is a mapping"));
    or_diags_clear(&diags);
    struct or_department *dept = NULL;
    ck_assert_int_eq(or_input_read_department(&dept, TEST_DATA_DIR "/no-such-file.yaml",
                                              tu_day("2027-01-01"), tu_day("2027-01-31"), &diags),
                     -1);
    ck_assert(tu_has_diag(&diags, 0, "cannot open"));
    or_diags_clear(&diags);
}
END_TEST

/* ---- leave calendars ----------------------------------------------------------------- */

struct leave_fixture {
    struct or_department *dept;
    struct or_specialist *s;
    struct or_diags diags;
};

/* A department of one specialist, for a leave calendar of theirs. */
static void leave_fixture_init(struct leave_fixture *f)
{
    memset(f, 0, sizeof(*f));
    f->dept = or_department_new();
    f->dept->timezone = strdup("Europe/Brussels");
    f->dept->specialists = calloc(1, sizeof(struct or_specialist));
    f->dept->nspecialists = 1;
    f->s = &f->dept->specialists[0];
}

static void leave_read(struct leave_fixture *f, const char *name, const char *first,
                       const char *last)
{
    leave_fixture_init(f);
    char path[512];
    snprintf(path, sizeof(path), "%s/leave/%s", TEST_DATA_DIR, name);
    or_input_read_leave_ics(f->dept, f->s, path, (or_pos){"dept.yaml", 3, 7}, tu_day(first),
                            tu_day(last), &f->diags);
}

static void leave_done(struct leave_fixture *f)
{
    or_department_free(f->dept);
    or_diags_clear(&f->diags);
}

START_TEST(test_leave_outlook_vtimezone_rrule_exdate)
{
    struct leave_fixture f;
    leave_read(&f, "outlook.ics", "2027-03-01", "2027-03-31");
    ck_assert_msg(f.diags.errors == 0, "%s", tu_diags_text(&f.diags));
    /* Fridays 5, 12, (19 excluded), 26 March; the 26th is before the DST
     * change, 13:00 CET = 12:00 UTC; 2 April (within two days of the
     * horizon, kept for nights that cross it) after it, 13:00 CEST = 11:00
     * UTC.  Then the all-day 22-24 March. */
    size_t timed = 0, days = 0;
    for (size_t i = 0; i < f.s->nleave; i++) {
        const struct or_leave *l = &f.s->leave[i];
        if (l->kind == OR_LEAVE_TIMED) {
            ck_assert_int_eq(l->end - l->start, 4 * 3600);
            ck_assert(
                l->start == tu_utc(2027, 3, 5, 12, 0) || l->start == tu_utc(2027, 3, 12, 12, 0) ||
                l->start == tu_utc(2027, 3, 26, 12, 0) || l->start == tu_utc(2027, 4, 2, 11, 0));
            ck_assert_str_eq(l->reason, "Onderwijs");
            timed++;
        } else {
            ck_assert_int_eq(l->from, tu_day("2027-03-22"));
            ck_assert_int_eq(l->to, tu_day("2027-03-24")); /* DTEND is exclusive */
            days++;
        }
    }
    ck_assert_uint_eq(timed, 4);
    ck_assert_uint_eq(days, 1);
    leave_done(&f);
    /* After the change, 13:00 CEST = 11:00 UTC. */
    leave_read(&f, "outlook.ics", "2027-04-01", "2027-04-30");
    ck_assert_uint_eq(f.s->nleave, 5);
    ck_assert_int_eq(f.s->leave[0].start, tu_utc(2027, 4, 2, 11, 0));
    leave_done(&f);
}
END_TEST

START_TEST(test_leave_kinds)
{
    struct leave_fixture f;
    leave_read(&f, "kinds.ics", "2027-01-01", "2027-01-31");
    ck_assert_msg(f.diags.errors == 0, "%s", tu_diags_text(&f.diags));
    ck_assert_uint_eq(f.s->nleave, 5);
    const struct or_leave *l = f.s->leave;
    ck_assert_int_eq(l[0].kind, OR_LEAVE_DAYS);
    ck_assert_int_eq(l[0].from, tu_day("2027-01-04"));
    ck_assert_int_eq(l[0].to, tu_day("2027-01-04"));
    ck_assert_str_eq(l[0].reason, "One day, no end");
    ck_assert_int_eq(l[1].from, tu_day("2027-01-11"));
    ck_assert_int_eq(l[1].to, tu_day("2027-01-12"));
    ck_assert_int_eq(l[2].start, tu_utc(2027, 1, 15, 9, 0));
    ck_assert_int_eq(l[2].end, tu_utc(2027, 1, 15, 10, 0));
    /* Floating time: in the department's zone (CET, UTC+1). */
    ck_assert_int_eq(l[3].start, tu_utc(2027, 1, 18, 13, 0));
    ck_assert_int_eq(l[4].start, tu_utc(2027, 1, 20, 7, 0));
    ck_assert_int_eq(l[4].end - l[4].start, 90 * 60);
    leave_done(&f);
}
END_TEST

START_TEST(test_leave_recurrence_overrides_and_endless)
{
    struct leave_fixture f;
    leave_read(&f, "recurring.ics", "2027-01-01", "2027-01-31");
    ck_assert_msg(f.diags.errors == 0, "%s", tu_diags_text(&f.diags));
    size_t daily = 0, weekly = 0, moved = 0;
    for (size_t i = 0; i < f.s->nleave; i++) {
        const struct or_leave *l = &f.s->leave[i];
        if (strcmp(l->reason, "Daily since 2020") == 0) {
            daily++;
        } else if (strcmp(l->reason, "Weekly Monday") == 0) {
            weekly++;
            ck_assert(l->start == tu_utc(2027, 1, 4, 13, 0) ||
                      l->start == tu_utc(2027, 1, 25, 13, 0));
        } else {
            ck_assert_str_eq(l->reason, "Weekly Monday (moved)");
            ck_assert_int_eq(l->start, tu_utc(2027, 1, 12, 9, 0));
            moved++;
        }
    }
    /* The endless daily rule: only the days near the horizon (Dec 30 to Feb 2). */
    ck_assert_uint_ge(daily, 31);
    ck_assert_uint_le(daily, 36);
    ck_assert_uint_eq(weekly, 2);
    ck_assert_uint_eq(moved, 1);
    leave_done(&f);
}
END_TEST

struct bad_leave_case {
    const char *file;
    int line;
    const char *message;
};

static const struct bad_leave_case bad_leave_cases[] = {
    {"too-long.ics", 8, "lasts more than two years"},
    {"hourly.ics", 9, "repeats more often than daily"},
    {"unknown-tz.ics", 8, "unknown time zone 'Mars/Olympus_Mons'"},
    {"bad-date.ics", 0, "leave event"},
    {"end-before-start.ics", 8, "ends before or when it starts"},
    {"not-ics.ics", 1, "not an iCalendar file"},
    {"missing.ics", 3, "cannot open"},
};

START_TEST(test_leave_errors)
{
    const struct bad_leave_case *c = &bad_leave_cases[_i];
    struct leave_fixture f;
    leave_read(&f, c->file, "2027-01-01", "2027-01-31");
    char *text = tu_diags_text(&f.diags);
    ck_assert_msg(f.diags.errors > 0, "case %s: no error", c->file);
    ck_assert_msg(tu_has_diag(&f.diags, c->line, c->message), "case %s: want %d '%s', got:\n%s",
                  c->file, c->line, c->message, text);
    free(text);
    leave_done(&f);
}
END_TEST

START_TEST(test_leave_from_department_file)
{
    struct or_diags diags = {0};
    struct or_department *d = read_file("full.yaml", &diags);
    ck_assert_ptr_nonnull(d);
    /* The calendar's events carry the calendar's own file and line. */
    const struct or_leave *l = &d->specialists[0].leave[4];
    ck_assert_ptr_nonnull(strstr(l->pos.file, "leave/kinds.ics"));
    ck_assert_int_eq(l->pos.line, 8); /* its DTSTART */
    or_department_free(d);
    or_diags_clear(&diags);
}
END_TEST

START_TEST(test_leave_zones_exdate_rdate)
{
    struct leave_fixture f;
    leave_read(&f, "zones.ics", "2027-01-01", "2027-01-31");
    ck_assert_msg(f.diags.errors == 0, "%s", tu_diags_text(&f.diags));
    /* 4 and 6 January (the 5th is excluded by a UTC EXDATE for 09:00 CET),
     * the extra RDATE on the 20th, and the flight. */
    ck_assert_uint_eq(f.s->nleave, 4);
    ck_assert_int_eq(f.s->leave[0].start, tu_utc(2027, 1, 20, 8, 0)); /* RDATE first */
    ck_assert_int_eq(f.s->leave[1].start, tu_utc(2027, 1, 4, 8, 0));
    ck_assert_int_eq(f.s->leave[2].start, tu_utc(2027, 1, 6, 8, 0));
    /* 20:00 in New York (01:00 UTC) until 10:00 in Brussels (09:00 UTC). */
    ck_assert_int_eq(f.s->leave[3].start, tu_utc(2027, 1, 11, 1, 0));
    ck_assert_int_eq(f.s->leave[3].end, tu_utc(2027, 1, 11, 9, 0));
    leave_done(&f);
}
END_TEST

/* Reads a leave calendar given as text for the horizon [first, last]. */
static void leave_read_text(struct leave_fixture *f, const char *text, const char *first,
                            const char *last)
{
    leave_fixture_init(f);
    or_input_read_leave_ics_text(f->dept, f->s, "leave.ics", text, strlen(text),
                                 (or_pos){"dept.yaml", 3, 7}, tu_day(first), tu_day(last),
                                 &f->diags);
}

/* A requests calendar as Outlook exports it: the kind from a category
 * (among others) or from the title's first word, the activity named by the
 * title, the campus by LOCATION, a weekly series with an exception,
 * half-days from clock times, a span across midnight, one clipped at the
 * month's start; cancelled events and events that ask for nothing (or two
 * things) are left out, the latter with a warning at their line. */
static void requests_read(struct leave_fixture *f, bool hard_off)
{
    leave_fixture_init(f);
    struct or_department *d = f->dept;
    d->rules.hard_off = hard_off;
    d->campuses = calloc(2, sizeof(*d->campuses));
    d->campuses[0].id = strdup("mechelen");
    d->campuses[0].name = strdup("AZ Sint-Maarten");
    d->campuses[1].id = strdup("vilvoorde");
    d->campuses[1].name = strdup("AZ Jan Portaels");
    d->ncampuses = 2;
    d->activities = calloc(3, sizeof(*d->activities));
    const char *acts[3][3] = {{"ward", "Ward", "mechelen"},
                              {"breast", "Breast clinic", "mechelen"},
                              {"vil-ward", "Ward", "vilvoorde"}};
    for (int i = 0; i < 3; i++) {
        d->activities[i].id = strdup(acts[i][0]);
        d->activities[i].name = strdup(acts[i][1]);
        d->activities[i].campus.id = strdup(acts[i][2]);
    }
    d->nactivities = 3;
    char path[512];
    snprintf(path, sizeof(path), "%s/requests/outlook-requests.ics", TEST_DATA_DIR);
    ck_assert_int_eq(or_input_read_requests_ics(d, f->s, path, (or_pos){"dept.yaml", 3, 7},
                                                tu_day("2027-03-01"), tu_day("2027-03-31"), 4,
                                                &f->diags),
                     0);
}

START_TEST(test_requests_calendar)
{
    struct leave_fixture f;
    requests_read(&f, false);
    char *text = tu_diags_text(&f.diags);
    ck_assert_msg(f.diags.warnings == 5 &&
                      strstr(text, "outlook-requests.ics:58:1: warning: this "
                                   "event asks for nothing") &&
                      strstr(text, "outlook-requests.ics:66:1: warning: this request has two "
                                   "kinds") &&
                      strstr(text, "outlook-requests.ics:88:1: warning: 'Ward' names 2 "
                                   "activities") &&
                      strstr(text, "outlook-requests.ics:103:1: warning: 'Nihgt' names no "
                                   "activity or campus") &&
                      strstr(text, "outlook-requests.ics:110:1: warning: this event asks for "
                                   "nothing"),
                  "%s", text);
    free(text);
    ck_assert_uint_eq(f.s->nleave, 0);
    /* "Dentist in May" is of another month: passed over without a word. */
    ck_assert_uint_eq(f.s->nrequests, 10);
    const struct or_request *q = f.s->requests;
    /* Off, two whole days, shown as free: still a request. */
    ck_assert_int_eq(q[0].kind, OR_REQUEST_OFF);
    ck_assert_int_eq(q[0].from, tu_day("2027-03-04"));
    ck_assert_int_eq(q[0].to, tu_day("2027-03-05"));
    ck_assert_uint_eq(q[0].from_halves, OR_WHOLE_DAY);
    ck_assert_str_eq(q[0].text, "School trip");
    ck_assert_int_eq(q[0].pos.line, 24);
    ck_assert_uint_eq(q[0].nwish, 1);
    /* A day off concerns every session that overlaps it, by the clock. */
    const struct or_wish *w = &f.s->wishes[q[0].wish];
    ck_assert(!w->prefer && w->by_time && w->weight == 4 && !w->activity.id && !w->campus.id);
    ck_assert_int_eq(w->start, tu_utc(2027, 3, 3, 23, 0));
    ck_assert_int_eq(w->end, tu_utc(2027, 3, 5, 23, 0));
    /* Prefer the breast clinic, named by the title, in the morning. */
    ck_assert_int_eq(q[1].kind, OR_REQUEST_PREFER);
    ck_assert_int_eq(q[1].activity, 1);
    ck_assert_int_eq(q[1].from, tu_day("2027-03-09"));
    ck_assert_uint_eq(q[1].from_halves, OR_AM);
    w = &f.s->wishes[q[1].wish];
    ck_assert(w->prefer && w->activity.id && strcmp(w->activity.id, "breast") == 0);
    ck_assert_uint_eq(w->days[or_day_weekday(tu_day("2027-03-09"))], OR_AM);
    /* Avoid the campus of the LOCATION on Wednesday afternoons, but the 17th. */
    const char *wednesdays[] = {"2027-03-03", "2027-03-10", "2027-03-24", "2027-03-31"};
    for (int i = 0; i < 4; i++) {
        ck_assert_int_eq(q[2 + i].kind, OR_REQUEST_AVOID);
        ck_assert_int_eq(q[2 + i].campus, 0);
        ck_assert_int_eq(q[2 + i].activity, -1);
        ck_assert_int_eq(q[2 + i].from, tu_day(wednesdays[i]));
        ck_assert_uint_eq(q[2 + i].from_halves, OR_PM);
        ck_assert_str_eq(f.s->wishes[q[2 + i].wish].campus.id, "mechelen");
    }
    /* "Vrij: verhuis", Friday 14:00 to Saturday 10:00: Friday afternoon and
     * Saturday morning, one span. */
    ck_assert_int_eq(q[6].kind, OR_REQUEST_OFF);
    ck_assert_str_eq(q[6].text, "verhuis");
    ck_assert_int_eq(q[6].from, tu_day("2027-03-26"));
    ck_assert_int_eq(q[6].to, tu_day("2027-03-27"));
    ck_assert_uint_eq(q[6].from_halves, OR_PM);
    ck_assert_uint_eq(q[6].to_halves, OR_AM);
    ck_assert_uint_eq(q[6].nwish, 1);
    w = &f.s->wishes[q[6].wish];
    ck_assert_int_eq(w->start, tu_utc(2027, 3, 26, 12, 0)); /* 13:00, the midday */
    ck_assert_int_eq(w->end, tu_utc(2027, 3, 27, 12, 0));
    /* "prefer" from 27 February to 1 March: 1 March only, any session. */
    ck_assert_int_eq(q[7].kind, OR_REQUEST_PREFER);
    ck_assert_int_eq(q[7].from, tu_day("2027-03-01"));
    ck_assert_int_eq(q[7].to, tu_day("2027-03-01"));
    ck_assert_ptr_null(q[7].text);
    ck_assert_int_eq(q[7].activity, -1);
    /* "Ward" at the campus of the LOCATION: that campus's ward. */
    ck_assert_int_eq(q[8].kind, OR_REQUEST_AVOID);
    ck_assert_int_eq(q[8].activity, 0);
    ck_assert_int_eq(q[8].campus, 0);
    leave_done(&f);
}
END_TEST

/* A day off the department makes hard is leave, exactly as the event says;
 * the other kinds stay wishes. */
START_TEST(test_requests_hard_off)
{
    struct leave_fixture f;
    requests_read(&f, true);
    ck_assert_uint_eq(f.s->nrequests, 10);
    ck_assert_uint_eq(f.s->nleave, 2);
    ck_assert(f.s->requests[0].hard && f.s->requests[0].nwish == 0);
    ck_assert(f.s->requests[6].hard && !f.s->requests[1].hard);
    ck_assert_int_eq(f.s->leave[0].kind, OR_LEAVE_DAYS);
    ck_assert_int_eq(f.s->leave[0].from, tu_day("2027-03-04"));
    ck_assert_int_eq(f.s->leave[0].to, tu_day("2027-03-05"));
    ck_assert_int_eq(f.s->leave[1].kind, OR_LEAVE_TIMED);
    ck_assert_int_eq(f.s->leave[1].start, tu_utc(2027, 3, 26, 13, 0));
    ck_assert_int_eq(f.s->leave[1].end, tu_utc(2027, 3, 27, 9, 0));
    ck_assert_str_eq(f.s->leave[1].reason, "verhuis");
    ck_assert_uint_eq(f.s->nwishes, 8); /* prefer, 4 x avoid, prefer, avoid, prefer */
    leave_done(&f);
}
END_TEST

/* A calendar of more than 1000 requests in a month is a diary, not
 * requests: refused once, at the first event past the limit. */
START_TEST(test_requests_at_most_a_thousand)
{
    size_t cap = 1100 * 160 + 200, used = 0;
    char *text = malloc(cap);
    ck_assert_ptr_nonnull(text);
    used += (size_t)snprintf(text, cap, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n");
    for (int i = 0; i < 1100; i++)
        used += (size_t)snprintf(text + used, cap - used,
                                 "BEGIN:VEVENT\r\nUID:%d@t\r\nSUMMARY:off\r\n"
                                 "DTSTART:202703%02dT%02d%02d00\r\nDURATION:PT1M\r\n"
                                 "END:VEVENT\r\n",
                                 i, 1 + i % 28, 8 + i / 28 % 10, i / 280);
    snprintf(text + used, cap - used, "END:VCALENDAR\r\n");
    struct leave_fixture f;
    leave_fixture_init(&f);
    ck_assert_int_eq(or_input_read_requests_ics_text(f.dept, f.s, "requests.ics", text,
                                                     strlen(text), (or_pos){"dept.yaml", 3, 7},
                                                     tu_day("2027-03-01"), tu_day("2027-03-31"), 3,
                                                     &f.diags),
                     -1);
    ck_assert_uint_eq(f.s->nrequests, 1000);
    ck_assert_uint_eq(f.diags.errors, 1);
    /* The DTSTART line of the 1001st event. */
    ck_assert_msg(tu_has_diag(&f.diags, 7 + 6 * 1000, "more than 1000 requests"), "%s",
                  tu_diags_text(&f.diags));
    leave_done(&f);
    free(text);
}
END_TEST

/* An Outlook export of each kind: shown as out of office, busy or working
 * elsewhere is leave; free (also one week of a series), tentative and
 * cancelled are not, unless the department counts tentative events. */
START_TEST(test_leave_free_and_tentative_events)
{
    for (int count_tentative = 0; count_tentative < 2; count_tentative++) {
        struct leave_fixture f;
        leave_fixture_init(&f);
        f.dept->rules.tentative_leave = count_tentative;
        char path[512];
        snprintf(path, sizeof(path), "%s/leave/outlook-show-as.ics", TEST_DATA_DIR);
        or_input_read_leave_ics(f.dept, f.s, path, (or_pos){"dept.yaml", 3, 7},
                                tu_day("2027-03-01"), tu_day("2027-03-31"), &f.diags);
        ck_assert_msg(f.diags.errors == 0, "%s", tu_diags_text(&f.diags));
        bool seen[32] = {false};
        for (size_t i = 0; i < f.s->nleave; i++) {
            const struct or_leave *l = &f.s->leave[i];
            ck_assert_int_eq(l->kind, OR_LEAVE_TIMED);
            or_day day;
            int minute;
            ck_assert_int_eq(or_zone_from_utc("Europe/Brussels", l->start, &day, &minute), 0);
            int y, m, d;
            or_day_to_ymd(day, &y, &m, &d);
            seen[d] = true;
        }
        ck_assert(seen[1]);                           /* out of office */
        ck_assert(!seen[2]);                          /* free */
        ck_assert(!seen[3]);                          /* transparent */
        ck_assert(seen[4] == (count_tentative == 1)); /* tentative */
        ck_assert(seen[5] == (count_tentative == 1)); /* STATUS:TENTATIVE */
        ck_assert(!seen[8]);                          /* cancelled */
        ck_assert(seen[9]);                           /* working elsewhere */
        ck_assert(seen[10] && !seen[17] && seen[24]); /* the series, one week free */
        ck_assert_uint_eq(f.s->nleave, count_tentative ? 6 : 4);
        ck_assert_msg(tu_has_diag(&f.diags, 0,
                                  count_tentative ? "3 events shown as free are not leave"
                                                  : "5 events shown as free or tentative are "
                                                    "not leave"),
                      "%s", tu_diags_text(&f.diags));
        leave_done(&f);
    }
}
END_TEST

/* A Windows zone name without its VTIMEZONE (as some Outlook exports
 * write it): mapped to the tz database by ICU's copy of the CLDR table, so
 * also zones the old table of twelve did not hold. */
START_TEST(test_leave_windows_zone_names)
{
    static const char text[] =
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\n"
        "BEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20270101T000000Z\r\n"
        "DTSTART;TZID=Romance Standard Time:20270305T130000\r\n"
        "DTEND;TZID=Romance Standard Time:20270305T170000\r\nSUMMARY:Brussels\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:b\r\nDTSTAMP:20270101T000000Z\r\n"
        "DTSTART;TZID=Tokyo Standard Time:20270310T090000\r\n"
        "DTEND;TZID=Tokyo Standard Time:20270310T100000\r\nSUMMARY:Tokyo\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:c\r\nDTSTAMP:20270101T000000Z\r\n"
        "DTSTART;TZID=Pacific Standard Time:20270320T090000\r\n"
        "DTEND;TZID=Pacific Standard Time:20270320T100000\r\nSUMMARY:Seattle\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n";
    struct leave_fixture f;
    leave_read_text(&f, text, "2027-03-01", "2027-03-31");
    ck_assert_msg(f.diags.errors == 0 && f.diags.warnings == 0, "%s", tu_diags_text(&f.diags));
    ck_assert_uint_eq(f.s->nleave, 3);
    for (size_t i = 0; i < 3; i++) {
        const struct or_leave *l = &f.s->leave[i];
        ck_assert_int_eq(l->kind, OR_LEAVE_TIMED);
        if (strcmp(l->reason, "Brussels") == 0)
            ck_assert(l->start == tu_utc(2027, 3, 5, 12, 0)); /* CET */
        else if (strcmp(l->reason, "Tokyo") == 0)
            ck_assert(l->start == tu_utc(2027, 3, 10, 0, 0)); /* UTC+9 */
        else
            ck_assert(l->start == tu_utc(2027, 3, 20, 16, 0)); /* PDT since 14 March */
    }
    leave_done(&f);
}
END_TEST

/* A calendar of n daily series from 1 January 2027, each with one instance
 * (the 10th) moved to the evening of the 11th by an override; caller frees. */
static char *many_series(size_t n)
{
    size_t cap = 512 + n * 400, len = 0;
    char *text = malloc(cap);
    ck_assert_ptr_nonnull(text);
    len += (size_t)snprintf(text + len, cap - len,
                            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
                            "PRODID:-//x//EN\r\n");
    for (size_t i = 0; i < n; i++)
        len += (size_t)snprintf(text + len, cap - len,
                                "BEGIN:VEVENT\r\nUID:series-%zu\r\nDTSTART:20270101T0%zu0000Z\r\n"
                                "DTEND:20270101T0%zu3000Z\r\nRRULE:FREQ=DAILY\r\nEND:VEVENT\r\n"
                                "BEGIN:VEVENT\r\nUID:series-%zu\r\n"
                                "RECURRENCE-ID:20270110T0%zu0000Z\r\n"
                                "DTSTART:20270111T200000Z\r\nDTEND:20270111T203000Z\r\n"
                                "END:VEVENT\r\n",
                                i, i % 10, i % 10, i, i % 10);
    len += (size_t)snprintf(text + len, cap - len, "END:VCALENDAR\r\n");
    ck_assert_uint_lt(len, cap);
    return text;
}

static double process_cpu(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Processor seconds to read a calendar of n series; checks what it read:
 * 31 days of January and two after it, the 10th moved to the 11th. */
static double read_many_series(size_t n)
{
    char *text = many_series(n);
    struct leave_fixture f;
    double t0 = process_cpu();
    leave_read_text(&f, text, "2027-01-01", "2027-01-31");
    double cpu = process_cpu() - t0;
    ck_assert_msg(f.diags.errors == 0, "%s", tu_diags_text(&f.diags));
    ck_assert_uint_eq(f.s->nleave, 33 * n);
    size_t moved = 0;
    for (size_t i = 0; i < f.s->nleave; i++) {
        if (f.s->leave[i].start == tu_utc(2027, 1, 11, 20, 0))
            moved++;
    }
    ck_assert_uint_eq(moved, n);
    leave_done(&f);
    free(text);
    return cpu;
}

/* Finding a series' overrides among many events grows with the number of
 * events, not with its square: 10 000 daily series took 3 s, 50 000 more
 * than a minute.  Judged by the ratio of processor times for n and 4n
 * series (4 when linear, 16 when quadratic), which the machine's speed and
 * load do not change. */
START_TEST(test_leave_many_series_linear)
{
    double small = read_many_series(2500);
    double again = read_many_series(2500);
    if (again < small)
        small = again;
    double large = read_many_series(10000);
    ck_assert_msg(large < 8 * small, "2 500 series: %.3f s, 10 000: %.3f s (ratio %.1f)", small,
                  large, large / small);
}
END_TEST

/* How many messages contain `needle`. */
static size_t count_diags(const struct or_diags *diags, const char *needle)
{
    char *text = tu_diags_text(diags);
    size_t n = 0;
    for (const char *p = text; (p = strstr(p, needle)) != NULL; p += strlen(needle))
        n++;
    free(text);
    return n;
}

/* The cap on expanding repeats holds when libical cannot even start a
 * rule: every fourth year from 2027 never has a 29 February, and libical
 * searches until the year 20000 before it says so (about 40 ms each; 800
 * such events held a run for 30 s, the cap on time not counting them).
 * The cap counts work, so the same events are refused on every machine. */
START_TEST(test_leave_repeats_that_never_start_are_capped)
{
    size_t cap = 65536, len = 0;
    char *text = malloc(cap);
    ck_assert_ptr_nonnull(text);
    len += (size_t)snprintf(text + len, cap - len, "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:x\n");
    for (int i = 0; i < 200; i++)
        len += (size_t)snprintf(text + len, cap - len,
                                "BEGIN:VEVENT\nUID:e%d\nDTSTART:20270201T090000Z\n"
                                "DTEND:20270201T100000Z\n"
                                "RRULE:FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29\n"
                                "END:VEVENT\n",
                                i);
    len += (size_t)snprintf(text + len, cap - len, "END:VCALENDAR\n");
    ck_assert_uint_lt(len, cap);
    struct leave_fixture f;
    leave_read_text(&f, text, "2027-01-01", "2027-01-31");
    ck_assert_uint_eq(f.s->nleave, 0);
    ck_assert_uint_eq(count_diags(&f.diags, "need too much work to expand"), 1);
    size_t tried = count_diags(&f.diags, "RRULE cannot be expanded");
    ck_assert_msg(tried >= 1 && tried < 100, "libical was asked %zu times", tried);
    /* The message stands at the RRULE of the first event refused. */
    ck_assert(tu_has_diag(&f.diags, 8 + 6 * (int)tried, "need too much work to expand"));
    leave_done(&f);
    free(text);
}
END_TEST

/* Loads YAML text and checks that each key's scalar has the wanted value,
 * quoted (not plain); returns the tree for further checks. */
static struct ynode *expect_scalars(const char *yaml, size_t len, const char *const (*want)[2],
                                    size_t n)
{
    struct or_diags diags = {0};
    struct ynode *root = NULL;
    ck_assert_int_eq(yaml_load(&root, "t.yaml", yaml, len, &diags), 0);
    for (size_t i = 0; i < n; i++) {
        const struct ynode *v = ynode_get(root, want[i][0]);
        ck_assert_ptr_nonnull(v);
        ck_assert_str_eq(v->text, want[i][1]);
        ck_assert_uint_eq(v->len, strlen(want[i][1]));
        ck_assert(!v->plain);
    }
    or_diags_clear(&diags);
    return root;
}

/* Single-quoted scalars are decoded by oncoroster (libfyaml 0.8 leaks on
 * many '' escapes); the values must be YAML's, as libfyaml gives them. */
START_TEST(test_single_quoted_scalars)
{
    static const char yaml[] = "a: 'it''s'\n"
                               "b: 'one\n  two'\n"
                               "c: 'x  \n\n   y'\n"
                               "d: '  lead and trail  '\n"
                               "e: ''\n"
                               "f: 'a \r\n b'\n"
                               "g: ''''''''''''''''''''''''''''''''''''''''\n"
                               "h: ['flow''s', 'k']\n";
    static const char *const want[][2] = {{"a", "it's"},
                                          {"b", "one two"},
                                          {"c", "x\ny"},
                                          {"d", "  lead and trail  "},
                                          {"e", ""},
                                          {"f", "a b"},
                                          {"g", "'''''''''''''''''''"}};
    struct ynode *root =
        expect_scalars(yaml, sizeof(yaml) - 1, want, sizeof(want) / sizeof(want[0]));
    const struct ynode *h = ynode_get(root, "h");
    ck_assert_str_eq(h->items[0]->text, "flow's");
    ck_assert_str_eq(h->items[1]->text, "k");
    ynode_free(root);
}
END_TEST

/* Double-quoted scalars over several lines are decoded by oncoroster too
 * (libfyaml 0.8 leaks on many line breaks); values as libfyaml gives them. */
START_TEST(test_double_quoted_scalars)
{
    static const char yaml[] = "a: \"one\n  two\"\n"
                               "b: \"x  \n\n   y\"\n"
                               "c: \"tab\\t \n z\"\n"
                               "d: \"join\\\n   ed\"\n"
                               "e: \"esc \\x41\\u00e9\\U0001F600 \\\" \\\\ \\/ \\N\\_ end\"\n";
    static const char *const want[][2] = {
        {"a", "one two"},
        {"b", "x\ny"},
        {"c", "tab\t z"},
        {"d", "joined"},
        {"e", "esc A\xc3\xa9\xf0\x9f\x98\x80 \" \\ / \xc2\x85\xc2\xa0 end"}};
    struct ynode *root =
        expect_scalars(yaml, sizeof(yaml) - 1, want, sizeof(want) / sizeof(want[0]));
    ynode_free(root);
    struct or_diags diags = {0};
    /* The fuzzer's leak: a document of line breaks in double quotes. */
    static const char breaks[] = "\"\r\r\r\r\r\n\r\r\r\n\"";
    ck_assert_int_eq(yaml_load(&root, "t.yaml", breaks, sizeof(breaks) - 1, &diags), 0);
    ck_assert_str_eq(root->text, "\n\n\n\n\n\n\n");
    ynode_free(root);
    or_diags_clear(&diags);
}
END_TEST

/* ---- the shift-scheduling benchmark format ------------------------------------ */

START_TEST(test_nrp_instance)
{
    struct or_diags diags = {0};
    struct or_department *d = NULL;
    or_day first = tu_day("2024-01-01"), last = 0;
    ck_assert_msg(or_input_read_nrp(&d, &last, TEST_DATA_DIR "/nrp/week.txt", first, &diags) == 0,
                  "%s", tu_diags_text(&diags));
    ck_assert_int_eq(last, first + 6);
    ck_assert_uint_eq(d->nactivities, 2);
    const struct or_activity *e = &d->activities[0], *l = &d->activities[1];
    ck_assert_str_eq(e->id, "E");
    ck_assert_int_eq(e->end - e->start, 480);
    ck_assert_uint_eq(e->nnot_followed_by, 0); /* "E,480," has an empty field */
    ck_assert_int_eq(l->end - l->start, 600);
    ck_assert_uint_eq(l->nnot_followed_by, 1);
    ck_assert_int_eq(l->not_followed_by[0].index, 0);
    ck_assert_uint_eq(e->ndemand, 7);
    ck_assert_int_eq(e->demand[1].from, first + 1);
    ck_assert_int_eq(e->demand[1].min_staff, 2);
    ck_assert_int_eq(e->demand[5].shortfall_weight, 50);
    ck_assert_int_eq(l->demand[5].over_weight, 5);
    ck_assert_uint_eq(d->nspecialists, 3);
    const struct or_specialist *ann = &d->specialists[0], *cas = &d->specialists[2];
    ck_assert_str_eq(ann->id, "ann");
    ck_assert_uint_eq(ann->nlimits, 2);
    ck_assert_int_eq(ann->limits[1].max, 3);
    ck_assert_int_eq(ann->limits[1].activity.index, 1);
    ck_assert_int_eq(ann->max_minutes, 2880);
    ck_assert_int_eq(ann->min_minutes, 1440);
    ck_assert_int_eq(ann->max_consecutive, 4);
    ck_assert_int_eq(ann->min_consecutive, 2);
    ck_assert_int_eq(ann->min_days_off, 2);
    ck_assert_int_eq(ann->max_weekends, 1);
    ck_assert_uint_eq(cas->nleave, 2);
    ck_assert_int_eq(cas->leave[1].from, first + 1);
    ck_assert_uint_eq(ann->nwishes, 3); /* two on requests, one off */
    ck_assert(ann->wishes[0].prefer);
    ck_assert_int_eq(ann->wishes[0].from, first);
    ck_assert_int_eq(ann->wishes[0].weight, 2);
    ck_assert(!ann->wishes[2].prefer);
    ck_assert_int_eq(or_nrp_offset(d), 2 + 2 + 3 + 1);
    /* Day 0 is a Monday: day 5 and 6 are the weekend. */
    ck_assert_int_eq(or_day_weekday(first), 0);
    or_department_free(d);
    or_diags_clear(&diags);
}
END_TEST

static const struct {
    const char *text;
    int line;
    int col;
    const char *message;
} nrp_cases[] = {
    {"SECTION_HORIZON\n7\n\nSECTION_SHIFTS\nD,480,X\n", 5, 7, "unknown shift 'X'"},
    {"SECTION_HORIZON\n7\nSECTION_SHIFTS\nD,abc,\n", 4, 3, "shift length in minutes 'abc'"},
    {"SECTION_HORIZON\n7\nSECTION_SHIFTS\nD,1500,\n", 4, 3, "out of range; give 1 to 1440"},
    {"SECTION_HORIZON\n7\nSECTION_SHIFTS\nD,480,\nD,480,\n", 5, 1, "defined twice"},
    {"SECTION_HORIZON\n7\nSECTION_SHIFTS\nD,480,\nSECTION_STAFF\nA,D=7,1,0,5,1\n", 6, 1,
     "expected ID,MaxShifts"},
    {"SECTION_HORIZON\n7\nSECTION_SHIFTS\nD,480,\nSECTION_STAFF\nA,N=7,4000,0,5,1,1,1\n", 6, 3,
     "unknown shift 'N'"},
    {"SECTION_HORIZON\n7\nSECTION_SHIFTS\nD,480,\nSECTION_STAFF\nA,D7,4000,0,5,1,1,1\n", 6, 3,
     "not a shift maximum"},
    {"SECTION_HORIZON\n7\nSECTION_SHIFTS\nD,480,\nSECTION_STAFF\nA,D=7,100,200,5,1,1,1\n", 6, 11,
     "MinTotalMinutes 200 is above MaxTotalMinutes 100"},
    {"SECTION_HORIZON\n7\nSECTION_SHIFTS\nD,480,\nSECTION_STAFF\nA,D=7,4000,0,5,1,1,1\n"
     "SECTION_DAYS_OFF\nA,2,9\n",
     8, 5, "day 9 is out of range; give 0 to 6"},
    {"SECTION_HORIZON\n7\nSECTION_SHIFTS\nD,480,\nSECTION_STAFF\nA,D=7,4000,0,5,1,1,1\n"
     "SECTION_SHIFT_ON_REQUESTS\nB,1,D,1\n",
     8, 1, "unknown employee 'B'"},
    {"SECTION_HORIZON\n7\nSECTION_SHIFTS\nD,480,\nSECTION_STAFF\nA,D=7,4000,0,5,1,1,1\n"
     "SECTION_COVER\n0,D,1,100,1\n0,D,2,100,1\n",
     9, 1, "has a cover line already (line 8)"},
    {"SECTION_HORIZON\n7\nSECTION_SHIFTS\nD,480,\nSECTION_STAFF\nA,D=7,4000,0,5,1,1,1\n"
     "SECTION_COVER\n0,D,-1,100,1\n",
     8, 5, "requirement -1 is out of range; give 0 to 1000"},
    {"SECTION_HORIZON\n7\nSECTION_SHIFTZ\n", 3, 1, "unknown section 'SECTION_SHIFTZ'"},
    {"SECTION_HORIZON\n7\nSECTION_SHIFTS\nD,480,\nSECTION_STAFF\nA,D=7|D=2,4000,0,5,1,1,1\n", 6, 7,
     "shift 'D' has two maxima"},
    {"7\n", 1, 1, "a line outside any section"},
    {"SECTION_HORIZON\n800\n", 2, 1, "horizon 800 is out of range"},
    {"SECTION_HORIZON\n7\nSECTION_SHIFTS\nD/x,480,\n", 4, 1, "'D/x' is not a valid shift id"},
    {"SECTION_SHIFTS\nD,480,\n", 0, 0, "no SECTION_HORIZON"},
    {"SECTION_HORIZON\n7\r\nSECTION_SHIFTS\r\n\xff,480,\r\n", 4, 1, "byte 0xff is not text"},
};

START_TEST(test_nrp_errors)
{
    struct or_diags diags = {0};
    struct or_department *d = NULL;
    or_day last = 0;
    const char *text = nrp_cases[_i].text;
    ck_assert_int_eq(or_input_read_nrp_text(&d, &last, "bad.txt", text, strlen(text),
                                            tu_day("2024-01-01"), &diags),
                     -1);
    ck_assert_ptr_null(d);
    bool found = false;
    for (size_t i = 0; i < diags.count; i++)
        found = found || (strstr(diags.items[i].message, nrp_cases[_i].message) &&
                          diags.items[i].line == nrp_cases[_i].line &&
                          diags.items[i].col == nrp_cases[_i].col);
    ck_assert_msg(found, "case %d: expected %d:%d: %s, got\n%s", _i, nrp_cases[_i].line,
                  nrp_cases[_i].col, nrp_cases[_i].message, tu_diags_text(&diags));
    or_diags_clear(&diags);
}
END_TEST

static Suite *input_suite(void)
{
    Suite *s = suite_create("input");
    TCase *tc = tcase_create("department");
    tcase_add_test(tc, test_every_key);
    tcase_add_test(tc, test_language_default);
    tcase_add_test(tc, test_single_quoted_scalars);
    tcase_add_test(tc, test_double_quoted_scalars);
    tcase_add_test(tc, test_every_default);
    tcase_add_test(tc, test_session_weight_below_one);
    tcase_add_loop_test(tc, test_yaml_errors, 0, (int)(sizeof(yaml_cases) / sizeof(yaml_cases[0])));
    tcase_add_test(tc, test_all_errors_at_once);
    tcase_add_test(tc, test_empty_and_missing);
    suite_add_tcase(s, tc);
    tc = tcase_create("leave");
    tcase_add_test(tc, test_leave_outlook_vtimezone_rrule_exdate);
    tcase_add_test(tc, test_leave_windows_zone_names);
    tcase_add_test(tc, test_leave_free_and_tentative_events);
    tcase_add_test(tc, test_requests_calendar);
    tcase_add_test(tc, test_requests_hard_off);
    tcase_add_test(tc, test_requests_at_most_a_thousand);
    tcase_add_test(tc, test_leave_kinds);
    tcase_add_test(tc, test_leave_recurrence_overrides_and_endless);
    tcase_add_loop_test(tc, test_leave_errors, 0,
                        (int)(sizeof(bad_leave_cases) / sizeof(bad_leave_cases[0])));
    tcase_add_test(tc, test_leave_from_department_file);
    tcase_add_test(tc, test_leave_zones_exdate_rdate);
    tcase_add_test(tc, test_leave_many_series_linear);
    tcase_add_test(tc, test_leave_repeats_that_never_start_are_capped);
    suite_add_tcase(s, tc);
    tc = tcase_create("nrp");
    tcase_add_test(tc, test_nrp_instance);
    tcase_add_loop_test(tc, test_nrp_errors, 0, (int)(sizeof(nrp_cases) / sizeof(nrp_cases[0])));
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(input_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
