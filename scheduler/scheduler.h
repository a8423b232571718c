/*
 * scheduler.h - oncoroster's domain model and everything computed from it
 * without a solver: diagnostics, dates and public holidays, the department
 * (campuses, skills, activities, specialists, pins, rules and weights), its
 * validation, the calendar of occurrences of a month and the capacity
 * forecast.  Knows nothing of YAML, GLPK or iCalendar.
 *
 * Conventions: functions named for an action return 0 on success and -1 on
 * failure (out of memory, or errors added to the diagnostics list); the
 * caller frees what it receives through `out` with that type's own _free(),
 * and every _free(NULL) does nothing.  Library code never prints.
 */
#ifndef ONCOROSTER_SCHEDULER_H
#define ONCOROSTER_SCHEDULER_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* ------------------------------------------------------------------ */
/* Diagnostics                                                         */
/* ------------------------------------------------------------------ */

/* A place in an input file; line and column count from 1, 0 = unknown. */
typedef struct or_pos {
    const char *file; /* owned by the department's file list */
    int line;
    int col;
} or_pos;

enum or_severity { OR_NOTE, OR_WARNING, OR_ERROR };

struct or_diag {
    enum or_severity severity;
    char *file;    /* own copy, NULL when the message has no file */
    int line;      /* 0 when unknown */
    int col;       /* 0 when unknown */
    char *message; /* says what is wrong and how to fix it */
};

struct or_diags {
    struct or_diag *items;
    size_t count;
    size_t cap;
    size_t errors;
    size_t warnings;
};

/* Adds one message; on allocation failure the message is dropped but the
 * error count still grows, so a failed run is never reported as clean. */
void or_diags_add(struct or_diags *d, enum or_severity sev, or_pos pos, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void or_diags_vadd(struct or_diags *d, enum or_severity sev, or_pos pos, const char *fmt,
                   va_list ap) __attribute__((format(printf, 4, 0)));
/* Orders messages by file, line and column, keeping the order of equals. */
void or_diags_sort(struct or_diags *d);
/* Formats one message GCC-style: "file:line:col: error: message". */
char *or_diag_format(const struct or_diag *diag);
void or_diags_clear(struct or_diags *d);

/* Catches what a library prints on standard error around a call (libical's
 * parser prints some errors itself), so that it can be reported with the
 * file it is about instead.  or_stderr_catch() returns a handle, NULL when
 * it could not; or_stderr_release() restores standard error and returns
 * the first line caught without libical's source prefix (caller frees;
 * NULL when nothing was printed). */
struct or_stderr_catch;
struct or_stderr_catch *or_stderr_catch(void);
char *or_stderr_release(struct or_stderr_catch *c);

/* Returns the candidate closest to `word` by edit distance when it is close
 * enough to be a likely typo, else NULL. */
const char *or_suggest(const char *word, const char *const *candidates, size_t n);

/* ------------------------------------------------------------------ */
/* Dates, times and time zones                                         */
/* ------------------------------------------------------------------ */

/* A civil date as a day number: days since 1970-01-01 (may be negative). */
typedef int or_day;

#define OR_DATE_MIN_YEAR 1900
#define OR_DATE_MAX_YEAR 2199

or_day or_day_from_ymd(int y, int m, int d);
void or_day_to_ymd(or_day day, int *y, int *m, int *d);
/* 0 = Monday ... 6 = Sunday. */
int or_day_weekday(or_day day);
/* ISO 8601 week: *iso_year and *week (1..53). */
void or_day_iso_week(or_day day, int *iso_year, int *week);
bool or_is_leap_year(int y);
int or_days_in_month(int y, int m);
/* Parses exactly "YYYY-MM-DD" (years OR_DATE_MIN_YEAR..OR_DATE_MAX_YEAR). */
bool or_day_parse(const char *s, size_t len, or_day *out);
/* Parses exactly "YYYY-MM" into the first and last day of that month. */
bool or_month_parse(const char *s, or_day *first, or_day *last);
/* Writes "YYYY-MM-DD" into buf (at least 11 bytes); returns buf. */
char *or_day_format(or_day day, char *buf);
/* Parses "HH:MM" (00:00..24:00) into minutes after midnight. */
bool or_clock_parse(const char *s, size_t len, int *minutes);

/* True when `zone` names a time zone in the system's tz database. */
bool or_zone_exists(const char *zone);
/* Converts a wall-clock time in `zone` to a UTC instant.  A time that does
 * not exist (skipped by a DST change) is moved forward by the gap; a time
 * that occurs twice is taken at its first occurrence. */
int or_zone_to_utc(time_t *out, const char *zone, or_day day, int minute);
/* Converts a UTC instant to the wall-clock day and minute in `zone`. */
int or_zone_from_utc(const char *zone, time_t t, or_day *day, int *minute);
/* The offset from UTC (seconds east) in `zone` at instant t, and the zone's
 * abbreviation then ("CET", "CEST"; `abbr` has room for n bytes). */
int or_zone_offset(const char *zone, time_t t, long *offset, char *abbr, size_t n);

/* ------------------------------------------------------------------ */
/* Public holidays                                                     */
/* ------------------------------------------------------------------ */

enum or_holiday_set { OR_HOLIDAYS_NONE, OR_HOLIDAYS_BE, OR_HOLIDAYS_NL };

struct or_holiday {
    or_day day;
    const char *name; /* static string, in the country's language */
};

/* Easter Sunday of year y (Gregorian). */
or_day or_easter(int y);
/* Fills out (room for at least 16) with the public holidays of one year,
 * in date order; returns how many. */
size_t or_holidays_of_year(enum or_holiday_set set, int y, struct or_holiday *out);
/* Name of the public holiday on that day, or NULL. */
const char *or_holiday_name(enum or_holiday_set set, or_day day);

/* ------------------------------------------------------------------ */
/* The department                                                      */
/* ------------------------------------------------------------------ */

/* A reference to another entity by id, as written, and its index once the
 * department is resolved (-1 before, or when the id is unknown). */
typedef struct or_ref {
    char *id;
    or_pos pos;
    int index;
} or_ref;

struct or_campus {
    char *id;
    char *name;
    char *address;
    or_pos pos;
};

/* Travel time between two campuses as written in the file. */
struct or_travel {
    or_ref from;
    or_ref to;
    int minutes;
    or_pos pos;
};

struct or_skill {
    char *id;
    char *name;
    or_pos pos;
};

enum or_continuity {
    OR_CONTINUITY_NONE,   /* anyone, any day */
    OR_CONTINUITY_SERIES, /* S1: few different specialists per weekday series */
    OR_CONTINUITY_WEEK,   /* H9: one specialist for the whole calendar week */
};

enum or_activity_kind {
    OR_KIND_CONSULTATION,
    OR_KIND_DAY_HOSPITAL,
    OR_KIND_WARD,
    OR_KIND_TUMOUR_BOARD,
    OR_KIND_ON_CALL,
    OR_KIND_OTHER,
};

/* Weekday masks: bit 0 = Monday ... bit 6 = Sunday. */
#define OR_WEEKDAYS_ALL 0x7fu

struct or_activity {
    char *id;
    char *name;
    or_pos pos;
    or_ref campus;
    enum or_activity_kind kind;
    unsigned weekdays; /* weekday mask */
    int start;         /* minutes after local midnight of the occurrence date */
    int end;           /* minutes after that midnight; > start, may pass 1440 */
    int min_staff;
    int max_staff;
    or_ref *skills; /* every one of them is required */
    size_t nskills;
    bool on_holidays;   /* runs on public holidays and closures */
    bool only_holidays; /* runs on public holidays and closures only */
    enum or_continuity continuity;
    int rest_after;           /* H5: minutes of rest after it; 0 = none */
    int quarters;             /* as given: quarter-sessions one occurrence counts for (4 = 1) */
    int sessions;             /* resolved: load units one occurrence counts for (H6, S3) */
    int shortfall_weight;     /* per place left unfilled; -1 = the department's */
    int over_weight;          /* per specialist above min_staff; 0 = free up to max */
    struct or_demand *demand; /* staffing of particular dates, in file order */
    size_t ndemand;
    or_ref *not_followed_by; /* H10: none of these on the next day by the same specialist */
    size_t nnot_followed_by;
    bool fair; /* S2: its assignments (a week block counts one) shared fairly */
    or_pos time_pos;
    or_pos staff_pos;
    or_pos days_pos;
};

/* Staffing of an activity on particular dates (later entries win). */
struct or_demand {
    or_day from; /* inclusive */
    or_day to;
    int min_staff;
    int max_staff;
    int shortfall_weight; /* -1 = the activity's */
    int over_weight;      /* -1 = the activity's */
    or_pos pos;
};

/* Half-day masks of fixed weekly unavailability: bit 0 = am, bit 1 = pm. */
#define OR_AM        1u
#define OR_PM        2u
#define OR_WHOLE_DAY 3u

enum or_leave_kind {
    OR_LEAVE_DAYS,  /* whole or half days from..to, local dates */
    OR_LEAVE_CLOCK, /* local clock times on one date: from, from_min..to_min */
    OR_LEAVE_TIMED, /* an exact UTC interval [start, end) */
};

struct or_leave {
    enum or_leave_kind kind;
    or_day from;     /* OR_LEAVE_DAYS, OR_LEAVE_CLOCK */
    or_day to;       /* inclusive */
    unsigned halves; /* OR_LEAVE_DAYS: OR_AM, OR_PM or OR_WHOLE_DAY */
    int from_min;    /* OR_LEAVE_CLOCK */
    int to_min;
    time_t start; /* OR_LEAVE_TIMED */
    time_t end;
    char *reason; /* optional text (e.g. the SUMMARY of a calendar event) */
    or_pos pos;
};

/* A wish (S4): an occurrence matches when every given condition holds. */
struct or_wish {
    bool prefer;      /* true: prefer to work it; false: avoid it */
    unsigned days[7]; /* half-day mask per weekday; all zero = any day */
    or_ref campus;    /* id NULL = any campus */
    or_ref activity;  /* id NULL = any activity */
    bool has_dates;   /* only from..to (inclusive) */
    or_day from;
    or_day to;
    /* A day off asked for: matches the sessions whose time overlaps
     * [start, end) (UTC), as leave would, instead of days and dates. */
    bool by_time;
    time_t start;
    time_t end;
    int weight;
    or_pos pos;
};

/* A request a specialist keeps in their own requests calendar: one
 * instance of one event, on local dates.  It is weighed as wishes (S4):
 * s->wishes[wish .. wish + nwish - 1] say which sessions it concerns, or,
 * for a day off the department makes hard (rules.hard_off), as leave. */
enum or_request_kind {
    OR_REQUEST_OFF,    /* no session then */
    OR_REQUEST_PREFER, /* a session then (of the activity or campus named) */
    OR_REQUEST_AVOID,  /* no session then of the activity or campus named */
};

struct or_request {
    enum or_request_kind kind;
    or_day from; /* inclusive */
    or_day to;
    unsigned from_halves; /* the half-days of `from` it covers: OR_AM, OR_PM */
    unsigned to_halves;   /* of `to`; the days between are whole */
    int activity;         /* index, or -1: any (prefer, avoid) */
    int campus;           /* index, or -1: any */
    char *text;           /* the event's title, or NULL */
    bool hard;            /* kept as leave */
    size_t wish;          /* its wishes in the specialist's */
    size_t nwish;
    or_pos pos;
};

/* H6: most occurrences of one activity a specialist takes in the horizon. */
struct or_limit {
    or_ref activity;
    int max;
    or_pos pos;
};

/* H7: share of a specialist's sessions on one campus, in percent. */
struct or_split {
    or_ref campus;
    int min_pct;
    int max_pct;
    or_pos pos;
};

/* Duty counts carried over from earlier months (S2, S3). */
struct or_carry {
    int on_call;
    int weekends;
    int holidays;
    int sessions; /* load units worked above (+) or below (-) the fair range */
};

struct or_specialist {
    char *id;
    char *name;
    char *email;
    or_pos pos;
    double fte;          /* 0 < fte <= 1.5 */
    int target_week;     /* sessions per week aimed at (S3) */
    int max_week;        /* H6: most sessions in one calendar week */
    int max_month;       /* H6: most sessions in the horizon; -1 = none */
    int max_consecutive; /* H6: most consecutive working days; -1 = rule */
    int min_consecutive; /* H6: fewest working days in a row; 0 = none */
    int min_days_off;    /* H6: fewest days off in a row; 0 = none */
    int max_weekends;    /* H6: most weekends with any duty; -1 = none */
    int min_minutes;     /* H6: worked time in the horizon, at least; 0 = none */
    int max_minutes;     /* and at most; -1 = none */
    struct or_limit *limits;
    size_t nlimits;
    or_ref *campuses; /* empty = every campus */
    size_t ncampuses;
    or_ref *skills;
    size_t nskills;
    unsigned unavailable[7]; /* half-day mask per weekday */
    struct or_leave *leave;
    size_t nleave;
    struct or_wish *wishes;
    size_t nwishes;
    struct or_request *requests; /* from their requests calendar */
    size_t nrequests;
    struct or_split *split;
    size_t nsplit;
    struct or_carry carry;
    /* Per activity: units of a `fair` activity carried over from the
     * months before (cli/replan.c), or NULL for none. */
    int *carry_fair;
    or_pos fte_pos;
    or_pos load_pos;
    or_pos runs_pos; /* min_consecutive_days */
    /* Resolved by or_department_resolve(): */
    bool *may_work;  /* per campus index */
    bool *has_skill; /* per skill index */
};

struct or_pin {
    bool must; /* true: must hold; false: must not */
    or_ref specialist;
    or_ref activity;
    or_day from; /* inclusive; when !has_dates every date */
    or_day to;
    bool has_dates;
    or_pos pos;
};

/* Global hard-rule settings. */
struct or_rules {
    bool one_campus_per_day; /* H4: never two campuses on one day */
    bool tentative_leave;    /* leave calendars: events marked tentative are leave too */
    bool hard_off;           /* requests calendars: a day off asked for is leave */
    int rest_hours;          /* H5 default: 11 */
    int max_consecutive;     /* H6 default: 6 */
    int full_time_sessions;  /* sessions per week at FTE 1.0: 10 */
    double max_load_factor;  /* default weekly maximum = ceil(target x this): 1.2 */
    int midday;              /* minutes; am before, pm from: 13:00 */
    /* Resolved: load units in one session, the finest part of a session an
     * activity counts for (1, or 2 or 4 when one counts a half or a quarter).
     * Every count of sessions in the resolved department (targets, maxima,
     * carry) and in the roster is in these units; or_sessions() turns one
     * back into sessions for people.  0 until or_department_resolve(). */
    int session_units;
};

/* Weights of the soft rules and of a place left unfilled. */
struct or_weights {
    int shortfall;      /* per unfilled place: 1000 */
    int continuity;     /* S1, per extra specialist in a series: 10 */
    int fairness;       /* S2: 5 */
    int balance;        /* S3: 2 */
    int preferences;    /* S4, multiplies each wish's weight: 1 */
    int campus_changes; /* S5: 1 */
    int changes;        /* S6: 20 */
};

/* The language of everything a person reads in the publication. */
enum or_language {
    OR_LANG_DEFAULT, /* from the holidays: BE and NL Dutch, none English */
    OR_LANG_EN,
    OR_LANG_NL,
    OR_LANG_FR,
};

struct or_department {
    char *name;
    char *timezone;
    char *mail_from; /* sender of the messages to the people concerned, or NULL */
    or_pos pos;      /* the 'department:' block, or the file's start */
    or_pos timezone_pos;
    enum or_holiday_set holidays;
    enum or_language language; /* resolved: never OR_LANG_DEFAULT */
    or_day *closures;
    size_t nclosures;
    struct or_rules rules;
    struct or_weights weights;
    struct or_campus *campuses;
    size_t ncampuses;
    struct or_travel *travel;
    size_t ntravel;
    struct or_skill *skills;
    size_t nskills;
    struct or_activity *activities;
    size_t nactivities;
    struct or_specialist *specialists;
    size_t nspecialists;
    struct or_pin *pins;
    size_t npins;
    char **files; /* every file name positions point to */
    size_t nfiles;
    int max_horizon; /* longest horizon in days; 0 = a quarter (93), for departments */
    /* Resolved by or_department_resolve(): */
    int *travel_minutes; /* ncampuses x ncampuses; -1 = not combinable */
    bool resolved;
};

/* The largest file of a publication that oncoroster writes and reads back
 * (summary.json, a calendar): one run never publishes what the next
 * refuses. */
#define OR_PUBLISHED_MAX_BYTES (64L * 1024 * 1024)

/* One sentence in each language of the publication, for the words a rule
 * or a writer gives people (why a specialist cannot take a place).  The
 * printf conversions are the same in each (tests/phrases.py checks every
 * OR_PHRASE in the sources). */
struct or_phrase {
    const char *en, *nl, *fr;
};
#define OR_PHRASE(en, nl, fr) (&(const struct or_phrase){(en), (nl), (fr)})
/* The phrase in the department's language (English before it is resolved). */
const char *or_say(const struct or_department *dept, const struct or_phrase *p);

/* An empty department with every default set. */
struct or_department *or_department_new(void);
void or_department_free(struct or_department *dept);
/* Keeps a copy of a file name for positions; returns the stored string. */
const char *or_department_intern_file(struct or_department *dept, const char *file);
void or_rules_default(struct or_rules *rules);
void or_weights_default(struct or_weights *weights);

/* Index of the entity with that id, or -1. */
int or_department_campus(const struct or_department *dept, const char *id);
int or_department_skill(const struct or_department *dept, const char *id);
int or_department_activity(const struct or_department *dept, const char *id);
int or_department_specialist(const struct or_department *dept, const char *id);

/* Resolves every reference, fills the derived fields and reports every
 * impossible or suspicious value.  Returns -1 when any error was found. */
int or_department_resolve(struct or_department *dept, struct or_diags *diags);
/* Load units (rules.session_units) as sessions, for people: 2.5, 3. */
double or_sessions(const struct or_department *dept, int units);
/* Load units of the department from quarter-sessions (published counts),
 * rounded to the nearest unit. */
int or_units_from_quarters(const struct or_department *dept, int quarters);

/* H2: the specialist has every skill the activity needs and may work on its
 * campus (the department must be resolved). */
bool or_eligible(const struct or_department *dept, int specialist, int activity);

const char *or_weekday_name(int wd); /* "mon" .. "sun" */

/* ------------------------------------------------------------------ */
/* The calendar of a horizon: occurrences                              */
/* ------------------------------------------------------------------ */

struct or_occurrence {
    int activity; /* index in dept->activities */
    or_day day;   /* local date it starts on */
    time_t start; /* UTC instants, DST-correct */
    time_t end;
    int week;      /* index of its calendar week in the horizon (0-based) */
    int series;    /* index of its series (activity x weekday) */
    bool weekend;  /* starts on a Saturday or Sunday */
    bool holiday;  /* starts on a public holiday or closure */
    int min_staff; /* the activity's, or its demand on that date */
    int max_staff;
    int shortfall_weight; /* per unfilled place */
    int over_weight;      /* per specialist above min_staff */
};

struct or_series {
    int activity;
    int weekday;
};

struct or_week {
    or_day monday; /* may be before the horizon */
    int iso_year;
    int iso_week;
};

/* A leave entry as an exact UTC interval. */
struct or_busy {
    time_t start;
    time_t end;
    const struct or_leave *leave;
};

struct or_calendar {
    const struct or_department *dept;
    or_day first; /* horizon, inclusive */
    or_day last;
    struct or_occurrence *occ;
    size_t nocc;
    struct or_series *series;
    size_t nseries;
    struct or_week *weeks;
    size_t nweeks;
    or_day *closed; /* public holidays and closures in the horizon */
    size_t nclosed;
    struct or_busy **busy; /* per specialist: leave near the horizon, as UTC */
    size_t *nbusy;
};

/* Builds every occurrence of every activity between first and last, in
 * order of start time (ties by activity order). */
int or_calendar_build(struct or_calendar **out, const struct or_department *dept, or_day first,
                      or_day last, struct or_diags *diags);
void or_calendar_free(struct or_calendar *cal);
bool or_calendar_is_closed(const struct or_calendar *cal, or_day day);
/* Checks pins against the calendar: a must pin with no occurrence in its
 * dates, or on an occurrence its specialist cannot take, is an error; a pin
 * wholly outside the horizon is a warning (it is ignored).  Returns -1 when
 * an error was found. */
int or_calendar_check_pins(const struct or_calendar *cal, struct or_diags *diags);

/* What keeps two occurrences apart for one specialist (H4, H5, H10), the
 * first that applies: the rule's own definition, shared by the solver
 * (solver/rules/apart.c) and check's test of the must pins. */
enum or_conflict {
    OR_CONFLICT_NONE,
    OR_CONFLICT_OVERLAP,    /* H4: at the same time */
    OR_CONFLICT_REST,       /* H5: within the rest after the earlier one */
    OR_CONFLICT_FOLLOWED,   /* H10: the earlier may not be followed by the later the next day */
    OR_CONFLICT_ONE_CAMPUS, /* H4: two campuses on one day where the department forbids it */
    OR_CONFLICT_TRAVEL,     /* H4: too little time to travel between the campuses */
};
enum or_conflict or_occ_conflict(const struct or_calendar *cal, size_t a, size_t b);
bool or_occ_overlap(const struct or_calendar *cal, size_t a, size_t b);

/* Why a specialist cannot take a place (a bit set; 0: nothing stops them).
 * The first five come from the department alone (or_blocked); the others
 * from the roster around the place, as the solver's rules find them. */
enum or_why {
    OR_WHY_NONE = 0,
    OR_WHY_SKILL = 1 << 0,       /* lacks a required skill */
    OR_WHY_CAMPUS = 1 << 1,      /* may not work on that campus */
    OR_WHY_LEAVE = 1 << 2,       /* on leave */
    OR_WHY_FIXED = 1 << 3,       /* fixed weekly unavailability */
    OR_WHY_PIN = 1 << 4,         /* a must-not pin */
    OR_WHY_BUSY = 1 << 5,        /* another session at that time, or travel */
    OR_WHY_REST = 1 << 6,        /* rest after a night */
    OR_WHY_WEEK_MAX = 1 << 7,    /* weekly maximum reached */
    OR_WHY_MONTH_MAX = 1 << 8,   /* monthly maximum reached */
    OR_WHY_CONSECUTIVE = 1 << 9, /* too many days in a row */
    OR_WHY_BLOCK = 1 << 10,      /* not free for the whole week of a week-block activity */
    OR_WHY_SPLIT = 1 << 11,      /* campus split */
    OR_WHY_WEEKENDS = 1 << 12,   /* most weekends reached */
    OR_WHY_KEPT = 1 << 13,       /* kept as published before the re-plan date */
};

/* H2 and H3 (and must-not pins) for one specialist and one occurrence:
 * returns OR_WHY_NONE when allowed, else the reasons (OR_WHY_SKILL to
 * OR_WHY_PIN).  When `leave_out` is given and leave blocks, it points at
 * the leave entry. */
unsigned or_blocked(const struct or_department *dept, const struct or_calendar *cal, int specialist,
                    const struct or_occurrence *occ, const struct or_leave **leave_out);
/* Words for a why mask: the most telling reason first; in English (for
 * the command line's messages), or in the department's language. */
const char *or_why_text(unsigned why);
const char *or_why_words(const struct or_department *dept, unsigned why);
/* The same reason as a fixed word for scripts ("leave", "rest"; "none"). */
const char *or_why_code(unsigned why);

/* ------------------------------------------------------------------ */
/* A solved roster                                                     */
/* ------------------------------------------------------------------ */

enum or_solve_status {
    OR_SOLVE_OPTIMAL,     /* proven optimal */
    OR_SOLVE_GAP,         /* within the requested gap of the bound */
    OR_SOLVE_TIME_LIMIT,  /* stopped at the time limit; best roster found */
    OR_SOLVE_INTERRUPTED, /* stopped by a signal; best roster found */
    OR_SOLVE_FAILED,      /* the MIP solver failed; the constructive roster */
    OR_SOLVE_SWAPPED,     /* the published roster with a swap (oncoroster swap) */
};

/* Values of the soft rules in a roster, before weighting (docs/model.md). */
struct or_soft {
    int shortfall;      /* places left unfilled */
    long cover;         /* those places x their shortfall weight, plus specialists
                           above an occurrence's minimum x its over weight */
    int overstaffed;    /* specialists above an occurrence's minimum (over weight > 0) */
    int hours_short;    /* hours below specialists' minimum worked time, rounded up */
    int continuity;     /* S1: distinct specialists per series, above the minimum */
    int fairness;       /* S2: duties outside each specialist's fair band */
    int balance;        /* S3: sessions outside each specialist's fair band */
    int preferences;    /* S4: weighted wishes broken minus wishes granted */
    int campus_changes; /* S5: campus changes from one day to the next */
    int changes;        /* S6: published assignments (from the re-plan date) not kept */
};

/* One unfilled place and what stopped each specialist from taking it. */
struct or_shortfall {
    size_t occurrence;
    int missing;
    unsigned *why; /* per specialist: OR_WHY_* bits */
    char **reason; /* per specialist: the rule's words, or NULL (then or_why_text) */
    size_t nreasons;
    /* The time ran out (or a stop came) before the rules were asked about
     * this place: `why` holds only what the department says (skill,
     * campus, leave, part-time days, pins). */
    bool unexplained;
    /* The search stopped at its time limit: a specialist nothing stops
     * was not placed for lack of time, not because the roster is better
     * without them. */
    bool searched_out;
};

/* Whether a specialist's request (struct or_request) was granted in the
 * roster, and if not, why, in the department's language. */
struct or_request_outcome {
    int specialist;
    size_t request;    /* in the specialist's requests */
    bool granted;      /* off, avoid: no session it concerns; prefer: one at least */
    size_t occurrence; /* not granted, off or avoid: the first session they work then;
                        * SIZE_MAX: none */
    char *why;         /* not granted: why, in words; NULL when granted */
};

/* What stopped specialist s from taking an unfilled place, in words (the
 * department's language). */
const char *or_shortfall_reason(const struct or_department *dept, const struct or_shortfall *sf,
                                size_t s);
struct or_roster;
/* Whether the search stopped at its time limit with someone whom no rule
 * stops still free for this unfilled place: a longer --time-limit may fill
 * it.  ns: the department's specialists. */
bool or_place_searched_out(const struct or_roster *roster, const struct or_shortfall *sf,
                           size_t ns);
/* Whether the roster has unfilled places and every one of them is such a
 * place (none that nobody could take). */
bool or_unfilled_for_lack_of_time(const struct or_roster *roster, size_t ns);

/* Counts that S2 and S3 keep within a fair band per specialist. */
enum or_count {
    OR_COUNT_ON_CALL,
    OR_COUNT_WEEKENDS, /* weekend duties: occurrences starting on Saturday or Sunday */
    OR_COUNT_HOLIDAYS, /* occurrences starting on a public holiday or closure */
    OR_COUNT_SESSIONS,
    OR_NCOUNTS,
};

/* A specialist's fair band of one count this month, after carry-over. */
struct or_band {
    int lo;
    int hi;
    bool active; /* false: they take no part (e.g. no on-call skill) */
};

struct or_roster {
    size_t nocc;
    int **staff;  /* per occurrence: specialist indices, -1 terminated */
    int *missing; /* per occurrence: places unfilled */
    enum or_solve_status status;
    double objective; /* weighted, as the program states it */
    double bound;     /* best bound proven */
    double gap;       /* relative, 0 when optimal */
    double seconds;   /* wall time of the solve */
    int nodes;        /* branch-and-bound nodes explored */
    struct or_soft soft;
    struct or_shortfall *shortfall;
    size_t nshortfall;
    struct or_band *bands;               /* nspecialists x OR_NCOUNTS; may be NULL */
    struct or_request_outcome *requests; /* one per request, specialists in order */
    size_t nrequests;
};

void or_roster_free(struct or_roster *roster);
const char *or_status_name(enum or_solve_status status);
/* Units of activity a that specialist s holds in a roster given as the
 * staff of each occurrence: occurrences, or calendar weeks of a
 * `continuity: week` activity (what `fair: true` shares). */
int or_fair_units(const struct or_calendar *cal, int *const *staff, int s, int a);

/* ------------------------------------------------------------------ */
/* A roster published earlier (re-planning, S6)                        */
/* ------------------------------------------------------------------ */

/* One assignment as a publication holds it, by ids. */
struct or_published_item {
    or_day day;
    char *activity;
    char *specialist;
    or_pos pos; /* where the publication holds it */
};

/* One specialist's duties in a published month (S2, S3 carry-over). */
struct or_published_counts {
    char *specialist;
    char *name;
    /* sessions: quarter-sessions above (+) or below (-) their fair range
     * (published counts do not depend on a department's load units) */
    struct or_carry carry;
    /* Units of each activity shared fairly that month ("fair" in
     * summary.json), by activity id. */
    char **fair_ids;
    int *fair_units;
    size_t nfair;
};

struct or_published {
    char *file;   /* the summary.json it was read from */
    or_day first; /* the month it covers */
    or_day last;
    struct or_published_item *items;
    size_t n;
    struct or_published_counts *counts;
    size_t ncounts;
    /* The calendar file of each specialist and campus, by id, so that a
     * renamed one keeps its address ("specialists/dr-an-peeters.ics"). */
    struct or_published_file {
        char *id;
        char *calendar;
        bool campus;
    } * files;
    size_t nfiles;
};

void or_published_free(struct or_published *p);

/* Every change the publications of a month made, oldest first, as
 * history.json in the month folder keeps them: a record in words, never
 * re-derived (activities and people may be renamed or leave later). */
struct or_history {
    char *file; /* where it was read from, or NULL */
    struct or_history_entry {
        char *published; /* when: "2027-03-12T06:00:00Z" */
        char *date;      /* the session: "2027-03-16" */
        char *start;     /* "08:30" */
        char *activity;  /* its id */
        char *what;      /* its name and campus, as shown */
        char *before;    /* names, ", " between; "" for nobody */
        char *now;
        char *why; /* "leave", "unavailable", "pin", "re-plan" */
    } * items;
    size_t n;
};

void or_history_free(struct or_history *h);

/* The published roster against this department and calendar: which
 * specialist held which occurrence, and the first day that may change. */
struct or_previous {
    size_t *occurrence; /* per item */
    int *specialist;
    size_t n;
    or_day replan_from; /* assignments before it stay as published */
    /* Occurrences published with someone no longer in the department: they
     * are re-planned even before replan_from. */
    size_t *released;
    size_t nreleased;
};

/* Matches a published roster to the calendar.  Assignments whose activity,
 * specialist or occurrence no longer exists are left out with one warning
 * each kind (and repeated ones once).  Returns -1 out of memory. */
int or_previous_build(struct or_previous **out, const struct or_published *pub,
                      const struct or_department *dept, const struct or_calendar *cal,
                      or_day replan_from, struct or_diags *diags);
void or_previous_free(struct or_previous *prev);
/* Index of the occurrence of `activity` on `day`, or -1. */
long or_calendar_find(const struct or_calendar *cal, int activity, or_day day);

/* ------------------------------------------------------------------ */
/* Capacity forecast                                                   */
/* ------------------------------------------------------------------ */

/* Demand against supply of sessions in one week, for all campuses and skills
 * (campus = skill = -1), one campus, or one skill. */
struct or_capacity_row {
    int week;
    int campus; /* -1 = every campus */
    int skill;  /* -1 = no particular skill */
    int demand; /* minimum staff-sessions asked for */
    int supply; /* sessions the eligible, available specialists can give */
};

/* An occurrence with fewer eligible and available specialists than its
 * minimum staffing, and for each specialist what stops them. */
struct or_uncoverable {
    size_t occurrence;
    int available;    /* specialists who could take it */
    unsigned *blocks; /* per specialist: OR_WHY_* bits */
};

struct or_capacity {
    struct or_capacity_row *rows;
    size_t nrows;
    struct or_uncoverable *uncoverable;
    size_t nuncoverable;
    int demand; /* whole horizon */
    int supply;
};

int or_capacity_forecast(struct or_capacity **out, const struct or_department *dept,
                         const struct or_calendar *cal);
void or_capacity_free(struct or_capacity *cap);

#endif
