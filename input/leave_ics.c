/*
 * leave_ics.c - reads leave from an iCalendar file exported from a
 * specialist's own calendar (Outlook, Google, Apple), with libical.
 *
 * Every event that is not cancelled, free or tentative counts as leave:
 * timed events as exact instants, all-day events as whole local days,
 * recurring events expanded
 * over the horizon with EXDATE and RECURRENCE-ID exceptions.  Time zones come
 * from the file's own VTIMEZONE (Outlook writes "Romance Standard Time"),
 * then from the tz database, then from a table of Windows zone names.
 * libical 3.0.16 reports an all-day span as ending at DTEND + 23:59:59, so
 * date spans are computed here from DTSTART/DTEND/DURATION instead.
 *
 * The same reader reads a specialist's requests calendar: each instance of
 * an event becomes a request (add_request) on the half-days it touches.
 *
 * libical gives no line numbers, so a light scan of the text records where
 * each VEVENT and its key properties stand, for the messages.
 */
#include "input_internal.h"

#include <libical/ical.h>
#include <unicode/ucal.h>
#include <unicode/ustring.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <strings.h>

enum { REASON_MAX = 200 }; /* bytes of an event's SUMMARY kept as the reason for leave */

/* Most occurrences one recurring event may expand to over a horizon. */
#define LEAVE_MAX_EXPANSION 100000
/* Most requests of one specialist in one horizon: a requests calendar
 * holds requests, not a diary. */
#define REQUESTS_MAX 1000
/* Longest one leave event may last: two years. */
#define LEAVE_MAX_DAYS (366 * 2)
/* A calendar whose repeats need more than this many steps to expand is
 * refused: some rules make libical search for a long time.  A step is one
 * period of a rule that libical walks through, with or without a match:
 * its INTERVAL of days or weeks; a month counts as 2 steps and a year as 4,
 * libical expanding each into its days.  Counting work rather than time, a
 * loaded machine refuses no good calendar and the limit is the same on
 * every machine; a million steps take one to three seconds. */
#define LEAVE_MAX_STEPS 1000000
/* The years where libical gives up searching: for the first instance of a
 * monthly or yearly rule (icalrecur_iterator_new), and for the next one. */
#define LIBICAL_FIRST_SEARCH_END 20000
#define LIBICAL_NEXT_SEARCH_END  2583
/* The time zones (VTIMEZONE) of a calendar may hold at most this many
 * years of yearly changes in all, counted from each rule's DTSTART to
 * ZONE_RULES_END: libical expands every rule from its start each time it
 * needs a zone.  Outlook's zones start in 1601 (1 208 years a zone). */
#define LEAVE_MAX_ZONE_YEARS 20000
#define ZONE_RULES_END       2205

/* Where an event's lines are in the file. */
struct event_lines {
    int begin;
    int dtstart;
    int dtend;
    int duration;
    int rrule;
};

struct ics_reader {
    struct or_department *dept;
    struct or_specialist *s;
    const char *file; /* interned */
    or_day first;
    or_day last;
    time_t lo; /* horizon as UTC, widened by two days */
    time_t hi;
    struct or_diags *diags;
    struct event_lines *lines;
    size_t nlines;
    bool nomem;
    long long steps; /* work spent in libical's recurrence expansion, LEAVE_MAX_STEPS */
    bool too_slow;
    int *zone_lines; /* the line of every BEGIN:VTIMEZONE, in order */
    size_t nzone_lines;
    long long zone_years; /* LEAVE_MAX_ZONE_YEARS */
    size_t leave_cap;     /* room in s->leave: at least s->nleave when reading starts */
    size_t not_leave;     /* events shown as free or tentative, left out */
    bool requests;        /* a requests calendar: every event is a request, not leave */
    const char *noun;     /* in messages: "leave event" or "request" */
    const char *calendar; /* "leave calendar" or "requests calendar" */
    int weight;           /* of each request (S4) */
    /* The request being read: */
    enum or_request_kind kind;
    int activity; /* index, or -1 */
    int campus;
    const char *text; /* its title without the kind's word */
    bool too_many;    /* REQUESTS_MAX reported */
};

/* The tz database's zone for a Windows zone name ("Romance Standard Time",
 * as Outlook writes it without a VTIMEZONE), from ICU's copy of the CLDR
 * table; `region` (the department's country) picks the zone of that
 * country where the name covers several (Romance: Brussels in BE, Paris
 * otherwise).  NULL when ICU does not know the name. */
static icaltimezone *windows_zone(const char *tzid, const char *region)
{
    UChar win[128], iana[128];
    size_t n = strlen(tzid);
    if (n >= sizeof(win) / sizeof(win[0]))
        return NULL;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)tzid[i] >= 0x80)
            return NULL; /* Windows names are ASCII */
    u_charsToUChars(tzid, win, (int32_t)n);
    UErrorCode status = U_ZERO_ERROR;
    int32_t len = ucal_getTimeZoneIDForWindowsID(win, (int32_t)n, region, iana, 127, &status);
    if (U_FAILURE(status) || len <= 0 || len >= 127)
        return NULL;
    char name[128];
    u_UCharsToChars(iana, name, len);
    name[len] = '\0';
    return icaltimezone_get_builtin_timezone(name);
}

/* Records the line of every VTIMEZONE, of every VEVENT and of its DTSTART,
 * DTEND, DURATION and RRULE. */
static int scan_lines(struct ics_reader *r, const char *text)
{
    int line = 1;
    struct event_lines *cur = NULL;
    for (const char *p = text; *p; line++) {
        const char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p) : strlen(p);
        if (len >= 15 && strncasecmp(p, "BEGIN:VTIMEZONE", 15) == 0) {
            if ((r->nzone_lines & (r->nzone_lines - 1)) == 0) { /* 0, 1, 2, 4 ...: double */
                size_t cap = r->nzone_lines ? r->nzone_lines * 2 : 1;
                int *grown = realloc(r->zone_lines, cap * sizeof(*grown));
                if (!grown)
                    return -1;
                r->zone_lines = grown;
            }
            r->zone_lines[r->nzone_lines++] = line;
            cur = NULL;
        } else if (len >= 12 && strncasecmp(p, "BEGIN:VEVENT", 12) == 0) {
            if ((r->nlines & (r->nlines - 1)) == 0) { /* 0, 1, 2, 4 ...: double */
                size_t cap = r->nlines ? r->nlines * 2 : 1;
                struct event_lines *grown = realloc(r->lines, cap * sizeof(*grown));
                if (!grown)
                    return -1;
                r->lines = grown;
            }
            cur = &r->lines[r->nlines++];
            memset(cur, 0, sizeof(*cur));
            cur->begin = line;
        } else if (cur && len >= 10 && strncasecmp(p, "END:VEVENT", 10) == 0) {
            cur = NULL;
        } else if (cur && len >= 7 && strncasecmp(p, "DTSTART", 7) == 0 && !cur->dtstart) {
            cur->dtstart = line;
        } else if (cur && len >= 5 && strncasecmp(p, "DTEND", 5) == 0 && !cur->dtend) {
            cur->dtend = line;
        } else if (cur && len >= 8 && strncasecmp(p, "DURATION", 8) == 0 && !cur->duration) {
            cur->duration = line;
        } else if (cur && len >= 5 && strncasecmp(p, "RRULE", 5) == 0 && !cur->rrule) {
            cur->rrule = line;
        }
        if (!eol)
            break;
        p = eol + 1;
    }
    return 0;
}

static or_pos at_line(const struct ics_reader *r, int line)
{
    return (or_pos){r->file, line, line ? 1 : 0};
}

static int best_line(int specific, const struct event_lines *l)
{
    return specific ? specific : l ? l->begin : 0;
}

static void add_leave(struct ics_reader *r, struct or_leave leave, const char *summary)
{
    struct or_specialist *s = r->s;
    if (s->nleave >= r->leave_cap) {
        /* Doubling: a calendar may give hundreds of thousands of instances. */
        size_t cap = s->nleave < 8 ? 16 : s->nleave * 2;
        struct or_leave *grown = realloc(s->leave, cap * sizeof(*grown));
        if (!grown) {
            r->nomem = true;
            return;
        }
        s->leave = grown;
        r->leave_cap = cap;
    }
    /* The reason is shown beside a name wherever leave explains an open
     * place: its first REASON_MAX bytes, cut between characters. */
    size_t len = summary ? strlen(summary) : 0;
    if (len > REASON_MAX) {
        len = REASON_MAX;
        while (len > 0 && ((unsigned char)summary[len] & 0xc0) == 0x80)
            len--;
    }
    leave.reason = len ? strndup(summary, len) : NULL;
    s->leave[s->nleave++] = leave;
}

/* The zone of a DATE-TIME: the one libical resolved, the file's own
 * VTIMEZONE for its TZID, a Windows name mapped to the tz database, or the
 * tz database itself; NULL for floating or UTC times. */
static icaltimezone *zone_of(const struct ics_reader *r, icalcomponent *calendar,
                             icalproperty *prop, struct icaltimetype t, bool *unknown,
                             const char **tzid_out)
{
    *unknown = false;
    *tzid_out = NULL;
    if (t.zone)
        return (icaltimezone *)t.zone;
    icalparameter *param =
        prop ? icalproperty_get_first_parameter(prop, ICAL_TZID_PARAMETER) : NULL;
    if (!param)
        return NULL;
    const char *tzid = icalparameter_get_tzid(param);
    *tzid_out = tzid;
    if (!tzid)
        return NULL;
    icaltimezone *z = calendar ? icalcomponent_get_timezone(calendar, tzid) : NULL;
    if (z)
        return z;
    z = windows_zone(tzid, r->dept->holidays == OR_HOLIDAYS_BE   ? "BE"
                           : r->dept->holidays == OR_HOLIDAYS_NL ? "NL"
                                                                 : NULL);
    if (z)
        return z;
    z = icaltimezone_get_builtin_timezone(tzid);
    if (!z)
        *unknown = true;
    return z;
}

/* A DATE-TIME as a UTC instant: in its zone, UTC, or the department's zone
 * when floating. */
static int to_utc(struct ics_reader *r, struct icaltimetype t, icaltimezone *zone, time_t *out)
{
    if (zone || icaltime_is_utc(t)) {
        *out = icaltime_as_timet_with_zone(t, zone ? zone : icaltimezone_get_utc_timezone());
        return 0;
    }
    return or_zone_to_utc(out, r->dept->timezone ? r->dept->timezone : "Europe/Brussels",
                          or_day_from_ymd(t.year, t.month, t.day), t.hour * 60 + t.minute);
}

static or_day day_of(struct icaltimetype t)
{
    return or_day_from_ymd(t.year, t.month, t.day);
}

static bool date_in_range(struct icaltimetype t)
{
    return t.year >= OR_DATE_MIN_YEAR && t.year <= OR_DATE_MAX_YEAR && t.month >= 1 &&
           t.month <= 12 && t.day >= 1 && t.day <= or_days_in_month(t.year, t.month);
}

/* Overridden or excluded instances of one event: dates for all-day
 * exceptions, UTC instants for timed ones. */
struct exceptions {
    or_day *days;
    size_t ndays;
    time_t *instants;
    size_t ninstants;
};

static bool is_exception(const struct exceptions *ex, struct icaltimetype t, time_t instant)
{
    if (t.is_date) {
        for (size_t i = 0; i < ex->ndays; i++)
            if (ex->days[i] == day_of(t))
                return true;
        return false;
    }
    for (size_t i = 0; i < ex->ninstants; i++)
        if (ex->instants[i] == instant)
            return true;
    for (size_t i = 0; i < ex->ndays; i++) /* a DATE exception on a timed series */
        if (ex->days[i] == day_of(t))
            return true;
    return false;
}

static int add_exception(struct ics_reader *r, struct exceptions *ex, icalcomponent *calendar,
                         icalproperty *prop, struct icaltimetype t)
{
    if (icaltime_is_null_time(t) || !date_in_range(t))
        return 0;
    if (t.is_date) {
        or_day *grown = realloc(ex->days, (ex->ndays + 1) * sizeof(*grown));
        if (!grown)
            return -1;
        ex->days = grown;
        ex->days[ex->ndays++] = day_of(t);
        return 0;
    }
    bool unknown;
    const char *tzid;
    icaltimezone *zone = zone_of(r, calendar, prop, t, &unknown, &tzid);
    time_t instant;
    if (unknown || to_utc(r, t, zone, &instant) != 0)
        return 0; /* an exception we cannot place excludes nothing */
    time_t *grown = realloc(ex->instants, (ex->ninstants + 1) * sizeof(*grown));
    if (!grown)
        return -1;
    ex->instants = grown;
    ex->instants[ex->ninstants++] = instant;
    return 0;
}

/* One instance of an event starting at `start`: all-day spans `days` days,
 * timed spans `seconds`. */
static void add_request(struct ics_reader *r, const struct or_leave *l, or_pos pos);

static void add_instance(struct ics_reader *r, struct icaltimetype start, icaltimezone *zone,
                         int days, time_t seconds, const char *summary, or_pos pos)
{
    struct or_leave l = {0};
    l.pos = pos;
    if (start.is_date) {
        l.kind = OR_LEAVE_DAYS;
        l.halves = OR_WHOLE_DAY;
        l.from = day_of(start);
        l.to = l.from + days - 1;
        if (l.to < r->first - 2 || l.from > r->last + 2)
            return;
    } else {
        l.kind = OR_LEAVE_TIMED;
        if (to_utc(r, start, zone, &l.start) != 0) {
            or_diags_add(r->diags, OR_ERROR, pos,
                         "cannot place this event in time: the department's time zone is "
                         "unusable");
            return;
        }
        l.end = l.start + seconds;
        if (l.end <= r->lo || l.start >= r->hi)
            return;
    }
    if (r->requests)
        add_request(r, &l, pos);
    /* A day off the department makes hard is leave, exactly as the event
     * says, as if it stood in a leave calendar. */
    if (!r->requests || (r->kind == OR_REQUEST_OFF && r->dept->rules.hard_off))
        add_leave(r, l, r->requests ? (r->text && *r->text ? r->text : NULL) : summary);
}

/* The local half-days of one instance (l: whole days or an exact UTC
 * interval), clipped to the horizon, as a request of the event being read:
 * its record, and the wishes (S4) that weigh it, one per stretch of equal
 * half-days (the first day, the whole days, the last day). */
static void add_request(struct ics_reader *r, const struct or_leave *l, or_pos pos)
{
    const struct or_department *dept = r->dept;
    const char *zone = dept->timezone ? dept->timezone : "Europe/Brussels";
    int midday = dept->rules.midday;
    or_day from = l->from, to = l->to;
    unsigned from_halves = OR_WHOLE_DAY, to_halves = OR_WHOLE_DAY;
    if (l->kind == OR_LEAVE_TIMED) {
        int m0, m1;
        if (or_zone_from_utc(zone, l->start, &from, &m0) != 0 ||
            or_zone_from_utc(zone, l->end, &to, &m1) != 0)
            return;
        if (l->end == l->start) { /* a moment: its half-day */
            from_halves = to_halves = m0 < midday ? OR_AM : OR_PM;
        } else if (from == to) {
            from_halves = to_halves = (m0 < midday ? OR_AM : 0u) | (m1 > midday ? OR_PM : 0u);
        } else {
            from_halves = m0 < midday ? OR_WHOLE_DAY : OR_PM;
            if (m1 == 0) { /* ends at midnight: the day before is its last */
                to--;
                to_halves = to == from ? from_halves : OR_WHOLE_DAY;
            } else {
                to_halves = m1 > midday ? OR_WHOLE_DAY : OR_AM;
            }
        }
    }
    if (to < r->first || from > r->last)
        return;
    if (from < r->first) {
        from = r->first;
        from_halves = from == to ? to_halves : OR_WHOLE_DAY;
    }
    if (to > r->last) {
        to = r->last;
        to_halves = to == from ? from_halves : OR_WHOLE_DAY;
    }
    struct or_specialist *s = r->s;
    if (s->nrequests >= REQUESTS_MAX) {
        if (!r->too_many)
            or_diags_add(r->diags, OR_ERROR, pos,
                         "more than %d requests fall in this month; a requests calendar holds "
                         "a specialist's requests, not their whole diary: export only the "
                         "requests",
                         REQUESTS_MAX);
        r->too_many = true;
        return;
    }
    struct or_request *grown = realloc(s->requests, (s->nrequests + 1) * sizeof(*grown));
    if (!grown) {
        r->nomem = true;
        return;
    }
    s->requests = grown;
    struct or_request *q = &s->requests[s->nrequests];
    *q = (struct or_request){.kind = r->kind,
                             .from = from,
                             .to = to,
                             .from_halves = from_halves,
                             .to_halves = to_halves,
                             .activity = r->activity,
                             .campus = r->campus,
                             .hard = r->kind == OR_REQUEST_OFF && dept->rules.hard_off,
                             .wish = s->nwishes,
                             .pos = pos};
    size_t len = r->text ? strlen(r->text) : 0;
    if (len > REASON_MAX) {
        len = REASON_MAX;
        while (len > 0 && ((unsigned char)r->text[len] & 0xc0) == 0x80)
            len--;
    }
    if (len && !(q->text = strndup(r->text, len))) {
        r->nomem = true;
        return;
    }
    s->nrequests++;
    if (q->hard)
        return; /* leave, not a wish */
    if (r->kind == OR_REQUEST_OFF) {
        /* A day off concerns every session that overlaps it, as leave
         * would: a night that ends on its morning too. */
        struct or_wish w = {.by_time = true,
                            .weight = r->weight,
                            .pos = pos,
                            .campus = {.index = -1},
                            .activity = {.index = -1}};
        if (or_zone_to_utc(&w.start, zone, from, from_halves & OR_AM ? 0 : midday) != 0 ||
            (to_halves & OR_PM ? or_zone_to_utc(&w.end, zone, to + 1, 0)
                               : or_zone_to_utc(&w.end, zone, to, midday)) != 0)
            return;
        struct or_wish *grown_w = realloc(s->wishes, (s->nwishes + 1) * sizeof(*grown_w));
        if (!grown_w) {
            r->nomem = true;
            return;
        }
        s->wishes = grown_w;
        s->wishes[s->nwishes++] = w;
        q->nwish = 1;
        return;
    }
    /* The stretches: first day, whole days between, last day. */
    struct stretch {
        or_day from, to;
        unsigned halves;
    } part[3];
    int n = 0;
    if (from == to) {
        part[n++] = (struct stretch){from, from, from_halves & to_halves};
    } else {
        or_day mid_from = from_halves == OR_WHOLE_DAY ? from : from + 1;
        or_day mid_to = to_halves == OR_WHOLE_DAY ? to : to - 1;
        if (mid_from != from)
            part[n++] = (struct stretch){from, from, from_halves};
        if (mid_from <= mid_to)
            part[n++] = (struct stretch){mid_from, mid_to, OR_WHOLE_DAY};
        if (mid_to != to)
            part[n++] = (struct stretch){to, to, to_halves};
    }
    struct or_wish *wishes = realloc(s->wishes, (s->nwishes + (size_t)n) * sizeof(*wishes));
    if (!wishes) {
        r->nomem = true;
        return;
    }
    s->wishes = wishes;
    for (int i = 0; i < n; i++) {
        struct or_wish w = {.prefer = r->kind == OR_REQUEST_PREFER,
                            .has_dates = true,
                            .from = part[i].from,
                            .to = part[i].to,
                            .weight = r->weight,
                            .pos = pos,
                            .campus = {.index = -1},
                            .activity = {.index = -1}};
        for (int d = 0; d < 7; d++)
            w.days[d] = part[i].halves;
        if (r->activity >= 0 && !(w.activity.id = strdup(dept->activities[r->activity].id)))
            r->nomem = true;
        if (r->campus >= 0 && !(w.campus.id = strdup(dept->campuses[r->campus].id)))
            r->nomem = true;
        w.activity.pos = w.campus.pos = pos;
        s->wishes[s->nwishes++] = w;
        q->nwish++;
    }
}

/* An event that overrides one instance of a series (it has a
 * RECURRENCE-ID), by the series' UID. */
struct override {
    const char *uid;
    icalcomponent *ev;
};

/* The VEVENTs of one calendar.  libical keeps one iteration cursor per
 * component, so nested loops over the same calendar must use this list.
 * The overrides are sorted by UID, so that finding a series' exceptions
 * costs a binary search, not a scan of every event. */
struct event_list {
    icalcomponent **items;
    size_t n;
    struct override *overrides;
    size_t noverrides;
};

static int compare_overrides(const void *a, const void *b)
{
    return strcmp(((const struct override *)a)->uid, ((const struct override *)b)->uid);
}

/* The index of the first override of `uid` (noverrides when none). */
static size_t first_override(const struct event_list *events, const char *uid)
{
    size_t lo = 0, hi = events->noverrides;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(events->overrides[mid].uid, uid) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* A rule whose BYMONTHDAY values fit none of the months it can visit (30
 * or 31 February, 31 April ...) never yields a day, but libical searches
 * for thousands of years before it says so.  The months are its BYMONTH
 * ones, and for a monthly rule with an INTERVAL only those its steps reach
 * from DTSTART (INTERVAL=12 from February visits February alone). */
static bool never_matches(const struct icalrecurrencetype *rule, struct icaltimetype start)
{
    static const int longest[13] = {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (rule->by_month_day[0] == ICAL_RECURRENCE_ARRAY_MAX)
        return false;
    bool visits[13] = {false};
    bool by_month = rule->by_month[0] != ICAL_RECURRENCE_ARRAY_MAX;
    for (int m = 0;
         by_month && m < ICAL_BY_MONTH_SIZE && rule->by_month[m] != ICAL_RECURRENCE_ARRAY_MAX;
         m++) {
        int month = rule->by_month[m];
        if (month < 1 || month > 12)
            return false; /* leap months and such: let libical decide */
        visits[month] = true;
    }
    if (rule->freq == ICAL_MONTHLY_RECURRENCE && rule->interval > 1 && start.month >= 1 &&
        start.month <= 12) {
        bool reached[13] = {false};
        for (int i = 0, month = start.month; i < 12; i++) {
            reached[month] = true;
            month = (month - 1 + rule->interval) % 12 + 1;
        }
        for (int month = 1; month <= 12; month++)
            visits[month] = reached[month] && (!by_month || visits[month]);
    } else if (!by_month) {
        return false;
    }
    for (int month = 1; month <= 12; month++) {
        if (!visits[month])
            continue;
        for (int d = 0;
             d < ICAL_BY_MONTHDAY_SIZE && rule->by_month_day[d] != ICAL_RECURRENCE_ARRAY_MAX; d++) {
            int day = rule->by_month_day[d];
            if ((day > 0 && day <= longest[month]) || (day < 0 && -day <= longest[month]))
                return false;
        }
    }
    return true;
}

/* The steps (LEAVE_MAX_STEPS) libical walks through from `a` to `b` under
 * `rule`: at least one. */
static long long rule_steps(const struct icalrecurrencetype *rule, struct icaltimetype a,
                            struct icaltimetype b)
{
    long long periods;
    int weight = 1;
    switch (rule->freq) {
    case ICAL_DAILY_RECURRENCE:
        periods = (long long)or_day_from_ymd(b.year, b.month, b.day) -
                  or_day_from_ymd(a.year, a.month, a.day);
        break;
    case ICAL_WEEKLY_RECURRENCE:
        periods = ((long long)or_day_from_ymd(b.year, b.month, b.day) -
                   or_day_from_ymd(a.year, a.month, a.day)) /
                  7;
        break;
    case ICAL_MONTHLY_RECURRENCE:
        periods = ((long long)b.year - a.year) * 12 + (b.month - a.month);
        weight = 2;
        break;
    default:
        periods = (long long)b.year - a.year;
        weight = 4;
        break;
    }
    long long interval = rule->interval > 1 ? rule->interval : 1;
    long long steps = periods / interval * weight;
    return steps > 0 ? steps : 1;
}

/* A date-time at the start of `year`, where libical stops searching. */
static struct icaltimetype year_start(int year)
{
    struct icaltimetype t = icaltime_null_time();
    t.year = year;
    t.month = 1;
    t.day = 1;
    return t;
}

/* Whether the calendar's budget of steps allows more expansion; reports
 * it once when not. */
static bool steps_left(struct ics_reader *r, or_pos rpos)
{
    if (r->steps <= LEAVE_MAX_STEPS)
        return true;
    if (!r->too_slow)
        or_diags_add(r->diags, OR_ERROR, rpos,
                     "the repeating events of this calendar need too much work to expand "
                     "(more than %d steps, a step being about one day, week or month that a "
                     "repeat walks through); export the calendar again with simpler repeats, or "
                     "give them an end",
                     LEAVE_MAX_STEPS);
    r->too_slow = true;
    return false;
}

enum show_as { SHOW_BUSY, SHOW_FREE, SHOW_TENTATIVE };

/* How the event shows its owner's time: TRANSP and STATUS, and Outlook's
 * X-MICROSOFT-CDO-BUSYSTATUS (FREE, TENTATIVE, BUSY, OOF, WORKINGELSEWHERE;
 * the last three are away from the hospital). */
static enum show_as show_as(icalcomponent *ev)
{
    for (icalproperty *p = icalcomponent_get_first_property(ev, ICAL_X_PROPERTY); p;
         p = icalcomponent_get_next_property(ev, ICAL_X_PROPERTY)) {
        const char *name = icalproperty_get_x_name(p), *value = icalproperty_get_x(p);
        if (!name || !value || strcasecmp(name, "X-MICROSOFT-CDO-BUSYSTATUS") != 0)
            continue;
        if (strcasecmp(value, "FREE") == 0)
            return SHOW_FREE;
        if (strcasecmp(value, "TENTATIVE") == 0)
            return SHOW_TENTATIVE;
        return SHOW_BUSY;
    }
    icalproperty *t = icalcomponent_get_first_property(ev, ICAL_TRANSP_PROPERTY);
    if (t && icalproperty_get_transp(t) == ICAL_TRANSP_TRANSPARENT)
        return SHOW_FREE;
    if (icalcomponent_get_status(ev) == ICAL_STATUS_TENTATIVE)
        return SHOW_TENTATIVE;
    return SHOW_BUSY;
}

/* The words that make an event a request, as a category or as the first
 * word of its title (Google and Apple calendars have no categories). */
static const struct {
    const char *word;
    enum or_request_kind kind;
} request_words[] = {
    {"off", OR_REQUEST_OFF},
    {"day off", OR_REQUEST_OFF},
    {"vrij", OR_REQUEST_OFF},
    {"vrije dag", OR_REQUEST_OFF},
    {"cong\xc3\xa9", OR_REQUEST_OFF},
    {"conge", OR_REQUEST_OFF},
    {"prefer", OR_REQUEST_PREFER},
    {"voorkeur", OR_REQUEST_PREFER},
    {"pr\xc3\xa9\x66\xc3\xa9rence", OR_REQUEST_PREFER},
    {"preference", OR_REQUEST_PREFER},
    {"avoid", OR_REQUEST_AVOID},
    {"liever niet", OR_REQUEST_AVOID},
    {"\xc3\xa9viter", OR_REQUEST_AVOID},
    {"eviter", OR_REQUEST_AVOID},
};

/* The kind named by text[0..len) (spaces around it ignored); -1 none. */
static int kind_of_word(const char *text, size_t len)
{
    while (len && (*text == ' ' || *text == '\t'))
        text++, len--;
    while (len && (text[len - 1] == ' ' || text[len - 1] == '\t'))
        len--;
    for (size_t i = 0; i < sizeof(request_words) / sizeof(request_words[0]); i++)
        if (strlen(request_words[i].word) == len &&
            strncasecmp(text, request_words[i].word, len) == 0)
            return (int)request_words[i].kind;
    return -1;
}

/* Whether `text` names the activity or campus of a request: its id or its
 * name, letter case aside. */
static bool names(const char *text, const char *id, const char *name)
{
    return (id && strcasecmp(text, id) == 0) || (name && strcasecmp(text, name) == 0);
}

/* What the event asks for (r->kind, r->activity, r->campus, r->text): its
 * category (off, prefer, avoid, or the same in Dutch or French) or the
 * first word of its title ("off: congress", "prefer Night"); for prefer
 * and avoid, the rest of the title (or the LOCATION) may name an activity
 * or a campus, else any session is meant.  False when the event asks for
 * nothing (reported). */
static bool read_request_kind(struct ics_reader *r, icalcomponent *ev, or_pos pos)
{
    int kind = -1;
    for (icalproperty *p = icalcomponent_get_first_property(ev, ICAL_CATEGORIES_PROPERTY); p;
         p = icalcomponent_get_next_property(ev, ICAL_CATEGORIES_PROPERTY)) {
        const char *list = icalproperty_get_categories(p);
        for (const char *c = list; c && *c;) {
            size_t len = strcspn(c, ",");
            int k = kind_of_word(c, len);
            if (k >= 0 && kind >= 0 && k != kind) {
                or_diags_add(r->diags, OR_WARNING, pos,
                             "this request has two kinds among its categories (off, prefer, "
                             "avoid); it is left out: keep one of them");
                return false;
            }
            if (k >= 0)
                kind = k;
            c += len + (c[len] == ',');
        }
    }
    const char *title = icalcomponent_get_summary(ev);
    r->text = title ? title + strspn(title, " \t") : "";
    /* The title's first one to three words, up to a colon, a space or a
     * dash between spaces ("off: congress", "prefer Night", "avoid -
     * Mechelen"; "Off-site" is a word of its own): the kind when no
     * category gave it, and left out of the text either way. */
    const char *t = r->text;
    size_t len = strcspn(t, ":");
    for (size_t words = 0, n = 0; n <= len && words < 3; n++) {
        if (n == len || t[n] == ' ') {
            int k = kind_of_word(t, n);
            if (k >= 0 && (kind < 0 || k == kind)) {
                kind = k;
                r->text = t + n + strspn(t + n, " \t:-");
                break;
            }
            words++;
        }
    }
    if (kind < 0) {
        or_diags_add(r->diags, OR_WARNING, pos,
                     "this event asks for nothing oncoroster knows, so it is left out; give it "
                     "the category off, prefer or avoid, or start its title with one of these "
                     "words (\"off: congress\", \"prefer: Night\")");
        return false;
    }
    r->kind = (enum or_request_kind)kind;
    r->activity = r->campus = -1;
    if (r->kind == OR_REQUEST_OFF)
        return true;
    const struct or_department *d = r->dept;
    for (size_t c = 0; c < d->ncampuses && *r->text; c++)
        if (names(r->text, d->campuses[c].id, d->campuses[c].name))
            r->campus = (int)c;
    const char *where = icalcomponent_get_location(ev);
    for (size_t c = 0; c < d->ncampuses && where && *where && r->campus < 0; c++)
        if (names(where, d->campuses[c].id, d->campuses[c].name))
            r->campus = (int)c;
    /* Two campuses may have an activity of the same name (a ward each):
     * the campus decides, else the request is left out. */
    size_t matches = 0;
    const char *campus_id = r->campus >= 0 ? d->campuses[r->campus].id : NULL;
    for (size_t a = 0; a < d->nactivities && *r->text; a++) {
        const struct or_activity *act = &d->activities[a];
        if (!names(r->text, act->id, act->name) ||
            (campus_id && act->campus.id && strcmp(act->campus.id, campus_id) != 0))
            continue;
        if (matches++ == 0)
            r->activity = (int)a;
    }
    if (matches > 1) {
        or_diags_add(r->diags, OR_WARNING, pos,
                     "'%s' names %zu activities, on different campuses, so this request is left "
                     "out; write the campus in the event's location, or the activity's id (such "
                     "as '%s') as its title",
                     r->text, matches, d->activities[r->activity].id);
        return false;
    }
    if (*r->text && r->activity < 0 && r->campus < 0)
        or_diags_add(r->diags, OR_WARNING, pos,
                     "'%s' names no activity or campus, so this request concerns any session; "
                     "if it means one, write its name or id as the title (after '%s:')",
                     r->text, r->kind == OR_REQUEST_PREFER ? "prefer" : "avoid");
    return true;
}

static void read_event(struct ics_reader *r, icalcomponent *ev, const struct event_lines *lines,
                       icalcomponent *calendar, const struct event_list *events)
{
    or_pos pos = at_line(r, best_line(0, lines));
    if (icalcomponent_get_status(ev) == ICAL_STATUS_CANCELLED)
        return;
    if (r->requests) {
        /* A one-off request of another month is not this month's concern,
         * nor its mistakes (a calendar kept for the year). */
        struct icaltimetype a = icalcomponent_get_dtstart(ev), b = icalcomponent_get_dtend(ev);
        if (!icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY) &&
            !icalcomponent_get_first_property(ev, ICAL_RDATE_PROPERTY) && date_in_range(a) &&
            (day_of(a) > r->last + 1 || (date_in_range(b) && day_of(b) < r->first - 1)))
            return;
        /* Shown as free or busy alike: a request is not time away. */
        if (!read_request_kind(r, ev, pos))
            return;
    } else {
        /* Shown as free (Outlook's "Free", Google's "Available"), or only
         * tentative unless the department counts those: not leave. */
        enum show_as show = show_as(ev);
        if (show == SHOW_FREE || (show == SHOW_TENTATIVE && !r->dept->rules.tentative_leave)) {
            r->not_leave++;
            return;
        }
    }
    for (icalproperty *p = icalcomponent_get_first_property(ev, ICAL_XLICERROR_PROPERTY); p;
         p = icalcomponent_get_next_property(ev, ICAL_XLICERROR_PROPERTY)) {
        or_diags_add(r->diags, OR_ERROR, pos,
                     "this %s is malformed (%s); fix or remove it in the calendar "
                     "and export it again",
                     r->noun, icalproperty_get_xlicerror(p));
        return;
    }
    icalproperty *pstart = icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY);
    struct icaltimetype start = icalcomponent_get_dtstart(ev);
    or_pos spos = at_line(r, best_line(lines ? lines->dtstart : 0, lines));
    if (!pstart || icaltime_is_null_time(start) || !date_in_range(start)) {
        or_diags_add(r->diags, OR_ERROR, spos,
                     "this %s has no valid start (DTSTART, years %d to %d)", r->noun,
                     OR_DATE_MIN_YEAR, OR_DATE_MAX_YEAR);
        return;
    }
    bool unknown;
    const char *tzid;
    icaltimezone *zone = zone_of(r, calendar, pstart, start, &unknown, &tzid);
    if (unknown) {
        or_diags_add(r->diags, OR_ERROR, spos,
                     "unknown time zone '%s' and no VTIMEZONE for it in the file; export the "
                     "calendar with its time zones",
                     tzid);
        return;
    }

    /* Length: DTEND (exclusive), else DURATION, else one day or nothing. */
    int days = 1;
    time_t seconds = 0;
    icalproperty *pend = icalcomponent_get_first_property(ev, ICAL_DTEND_PROPERTY);
    icalproperty *pdur = icalcomponent_get_first_property(ev, ICAL_DURATION_PROPERTY);
    or_pos epos = at_line(r, best_line(lines ? lines->dtend : 0, lines));
    if (pend) {
        struct icaltimetype end = icalproperty_get_dtend(pend);
        if (!date_in_range(end) || end.is_date != start.is_date) {
            or_diags_add(r->diags, OR_ERROR, epos,
                         "this %s's end (DTEND) is not valid or not of the same kind "
                         "as its start",
                         r->noun);
            return;
        }
        if (start.is_date) {
            days = day_of(end) - day_of(start);
        } else {
            /* DTEND has its own zone (a flight from New York to Brussels);
             * a floating DTEND follows the start's. */
            bool unknown_end;
            const char *tzid_end;
            icaltimezone *ezone = zone_of(r, calendar, pend, end, &unknown_end, &tzid_end);
            if (!ezone && !tzid_end && !icaltime_is_utc(end))
                ezone = zone;
            time_t a, b;
            if (unknown_end || to_utc(r, start, zone, &a) != 0 || to_utc(r, end, ezone, &b) != 0) {
                or_diags_add(r->diags, OR_ERROR, epos, "cannot read this %s's end (DTEND)",
                             r->noun);
                return;
            }
            seconds = b - a;
        }
    } else if (pdur) {
        /* libical's icaldurationtype_as_int() wraps around past 68 years. */
        struct icaldurationtype dur = icalproperty_get_duration(pdur);
        long long d = (((long long)dur.weeks * 7 + dur.days) * 24 + dur.hours) * 3600 +
                      (long long)dur.minutes * 60 + dur.seconds;
        if (dur.is_neg)
            d = -d;
        if (d > LEAVE_MAX_DAYS * 86400LL) {
            or_diags_add(r->diags, OR_ERROR,
                         at_line(r, best_line(lines ? lines->duration : 0, lines)),
                         "this %s's DURATION (%s) is longer than %d days, the most one "
                         "%s may last; check its DURATION",
                         r->noun, icalproperty_get_value_as_string(pdur), LEAVE_MAX_DAYS, r->noun);
            return;
        }
        if (start.is_date)
            days = (int)(d / 86400);
        else
            seconds = (time_t)d;
    }
    if ((start.is_date && days <= 0) || (!start.is_date && seconds <= 0)) {
        if (!start.is_date && !pend && !pdur)
            return; /* an instant (a reminder), not an absence */
        or_diags_add(r->diags, OR_ERROR, pend ? epos : spos,
                     "this %s ends before or when it starts%s; check its %s", r->noun,
                     start.is_date && pdur ? " (a DURATION of whole days is needed)" : "",
                     pend ? "DTEND" : "DURATION");
        return;
    }
    if ((start.is_date && days > LEAVE_MAX_DAYS) ||
        (!start.is_date && seconds > (time_t)LEAVE_MAX_DAYS * 86400)) {
        or_diags_add(r->diags, OR_ERROR, epos, "this %s lasts more than two years; check its end",
                     r->noun);
        return;
    }
    const char *summary = icalcomponent_get_summary(ev);

    /* Extra instances (RDATE) come on top of the start and of any RRULE. */
    for (icalproperty *p = icalcomponent_get_first_property(ev, ICAL_RDATE_PROPERTY); p;
         p = icalcomponent_get_next_property(ev, ICAL_RDATE_PROPERTY)) {
        struct icaldatetimeperiodtype rd = icalproperty_get_rdate(p);
        struct icaltimetype t = icaltime_is_null_time(rd.time) ? rd.period.start : rd.time;
        if (icaltime_is_null_time(t) || !date_in_range(t) || t.is_date != start.is_date)
            continue;
        bool unknown_rd;
        const char *tzid_rd;
        icaltimezone *rzone = zone_of(r, calendar, p, t, &unknown_rd, &tzid_rd);
        if (!unknown_rd)
            add_instance(r, t, rzone ? rzone : zone, days, seconds, summary, spos);
    }
    icalproperty *prule = icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY);
    if (!prule) {
        add_instance(r, start, zone, days, seconds, summary, spos);
        return;
    }

    /* Recurring: exceptions are EXDATEs and instances overridden by other
     * VEVENTs with the same UID and a RECURRENCE-ID. */
    struct exceptions ex = {0};
    for (icalproperty *p = icalcomponent_get_first_property(ev, ICAL_EXDATE_PROPERTY); p;
         p = icalcomponent_get_next_property(ev, ICAL_EXDATE_PROPERTY))
        if (add_exception(r, &ex, calendar, p, icalproperty_get_exdate(p)) != 0)
            r->nomem = true;
    const char *uid = icalcomponent_get_uid(ev);
    for (size_t i = uid ? first_override(events, uid) : events->noverrides;
         i < events->noverrides && strcmp(events->overrides[i].uid, uid) == 0; i++) {
        icalcomponent *o = events->overrides[i].ev;
        if (o != ev &&
            add_exception(r, &ex, calendar,
                          icalcomponent_get_first_property(o, ICAL_RECURRENCEID_PROPERTY),
                          icalcomponent_get_recurrenceid(o)) != 0)
            r->nomem = true;
    }
    struct icalrecurrencetype rule = icalproperty_get_rrule(prule);
    or_pos rpos = at_line(r, best_line(lines ? lines->rrule : 0, lines));
    if (rule.freq == ICAL_SECONDLY_RECURRENCE || rule.freq == ICAL_MINUTELY_RECURRENCE ||
        rule.freq == ICAL_HOURLY_RECURRENCE) {
        or_diags_add(r->diags, OR_ERROR, rpos,
                     "this %s repeats more often than daily; %s repeat by day, "
                     "week, month or year",
                     r->noun, r->requests ? "requests" : "leave events");
        goto out_free_exceptions;
    }
    if (rule.freq == ICAL_NO_RECURRENCE) {
        or_diags_add(r->diags, OR_ERROR, rpos, "this %s's RRULE is not valid", r->noun);
        goto out_free_exceptions;
    }
    if (never_matches(&rule, start)) {
        /* libical would search for a long while before giving up. */
        or_diags_add(r->diags, OR_WARNING, rpos,
                     "this %s's RRULE names days its months do not have (such as 30 "
                     "February); it gives no %s",
                     r->noun, r->requests ? "request" : "leave");
        goto out_free_exceptions;
    }
    if (!steps_left(r, rpos))
        goto out_free_exceptions;
    icalrecur_iterator *it = icalrecur_iterator_new(rule, start);
    if (!it) {
        /* libical searched for a first instance until its last year. */
        if (rule.freq == ICAL_MONTHLY_RECURRENCE || rule.freq == ICAL_YEARLY_RECURRENCE)
            r->steps += rule_steps(&rule, start, year_start(LIBICAL_FIRST_SEARCH_END));
        or_diags_add(r->diags, OR_ERROR, rpos,
                     "this %s's RRULE cannot be expanded; simplify the recurrence", r->noun);
        goto out_free_exceptions;
    }
    struct icaltimetype prev = start; /* where libical's walk stands */
    /* Without COUNT, jump to the horizon so endless rules stay cheap. */
    if (rule.count == 0) {
        struct icaltimetype from = start;
        int y, m, d;
        or_day_to_ymd(r->first - 2 - (days > 1 ? days : 1), &y, &m, &d);
        from.year = y;
        from.month = m;
        from.day = d;
        if (icaltime_compare(from, start) > 0) {
            prev = from;
            if (!icalrecur_iterator_set_start(it, from)) {
                /* No instance from the horizon on: libical searched to
                 * its last year. */
                r->steps += rule_steps(&rule, from, year_start(LIBICAL_FIRST_SEARCH_END));
                goto out_free_iterator;
            }
        }
    }
    size_t n = 0;
    while (steps_left(r, rpos)) {
        struct icaltimetype t = icalrecur_iterator_next(it);
        if (icaltime_is_null_time(t)) {
            /* The end of COUNT costs nothing; otherwise libical walked to
             * UNTIL or to its last year. */
            bool counted_out = rule.count > 0 && n >= (size_t)rule.count;
            struct icaltimetype end = year_start(LIBICAL_NEXT_SEARCH_END);
            if (!icaltime_is_null_time(rule.until) && icaltime_compare(rule.until, end) < 0)
                end = rule.until;
            if (!counted_out && icaltime_compare(end, prev) > 0)
                r->steps += rule_steps(&rule, prev, end);
            break;
        }
        r->steps += rule_steps(&rule, prev, t);
        prev = t;
        if (++n > LEAVE_MAX_EXPANSION) {
            or_diags_add(r->diags, OR_ERROR, rpos,
                         "this %s repeats more than %d times before the month ends; "
                         "give the recurrence an end or a coarser frequency",
                         r->noun, LEAVE_MAX_EXPANSION);
            break;
        }
        if (day_of(t) > r->last + 2 || !date_in_range(t))
            break;
        time_t instant = 0;
        if (!t.is_date && to_utc(r, t, zone, &instant) != 0)
            continue;
        if (!is_exception(&ex, t, instant))
            add_instance(r, t, zone, days, seconds, summary, spos);
    }
out_free_iterator:
    icalrecur_iterator_free(it);
out_free_exceptions:
    free(ex.days);
    free(ex.instants);
}

/* Whether one time zone of the calendar is safe to hand to libical, which
 * expands every rule of it from its start each time it converts a time:
 * rules must be yearly, must occur, and all zones together must stay
 * within LEAVE_MAX_ZONE_YEARS.  Reports what is wrong at `pos`. */
static bool zone_is_safe(struct ics_reader *r, icalcomponent *zone, or_pos pos)
{
    icalproperty *ptzid = icalcomponent_get_first_property(zone, ICAL_TZID_PROPERTY);
    const char *tzid = ptzid ? icalproperty_get_tzid(ptzid) : NULL;
    if (!tzid)
        tzid = "(no TZID)";
    for (icalcomponent *obs = icalcomponent_get_first_component(zone, ICAL_ANY_COMPONENT); obs;
         obs = icalcomponent_get_next_component(zone, ICAL_ANY_COMPONENT)) {
        r->zone_years++;
        icalproperty *pstart = icalcomponent_get_first_property(obs, ICAL_DTSTART_PROPERTY);
        struct icaltimetype start =
            pstart ? icalproperty_get_dtstart(pstart) : icaltime_null_time();
        for (icalproperty *p = icalcomponent_get_first_property(obs, ICAL_RDATE_PROPERTY); p;
             p = icalcomponent_get_next_property(obs, ICAL_RDATE_PROPERTY))
            r->zone_years++;
        for (icalproperty *p = icalcomponent_get_first_property(obs, ICAL_RRULE_PROPERTY); p;
             p = icalcomponent_get_next_property(obs, ICAL_RRULE_PROPERTY)) {
            struct icalrecurrencetype rule = icalproperty_get_rrule(p);
            const char *text = icalproperty_get_value_as_string(p);
            if (rule.freq != ICAL_YEARLY_RECURRENCE) {
                or_diags_add(r->diags, OR_ERROR, pos,
                             "time zone '%s' in this calendar changes by a rule that is not "
                             "yearly (%s); a time zone changes its offset a few times a year at "
                             "most: export the calendar again with its time zones",
                             tzid, text ? text : "RRULE");
                return false;
            }
            if (!pstart || icaltime_is_null_time(start))
                continue; /* libical ignores the rule */
            if (start.year < ZONE_RULES_END)
                r->zone_years +=
                    (ZONE_RULES_END - start.year) / (rule.interval > 1 ? rule.interval : 1);
            /* libical searches thousands of years for a first change that
             * never comes; find out once, within the budget of steps. */
            icalrecur_iterator *it = never_matches(&rule, start) || !steps_left(r, pos)
                                         ? NULL
                                         : icalrecur_iterator_new(rule, start);
            if (!it) {
                if (!r->too_slow)
                    or_diags_add(r->diags, OR_ERROR, pos,
                                 "time zone '%s' in this calendar has a rule that never occurs "
                                 "(%s); export the calendar again with its time zones",
                                 tzid, text ? text : "RRULE");
                if (!never_matches(&rule, start))
                    r->steps += rule_steps(&rule, start, year_start(LIBICAL_FIRST_SEARCH_END));
                return false;
            }
            icalrecur_iterator_free(it);
        }
    }
    if (r->zone_years > LEAVE_MAX_ZONE_YEARS) {
        or_diags_add(r->diags, OR_ERROR, pos,
                     "the time zones of this calendar hold too many changes (more than %d "
                     "years of yearly rules in all, counted from each rule's start); export "
                     "the calendar again with only the time zones it uses",
                     LEAVE_MAX_ZONE_YEARS);
        return false;
    }
    return true;
}

static void read_calendar(struct ics_reader *r, icalcomponent *calendar, size_t *event_index,
                          size_t *zone_index)
{
    /* A zone libical could not expand in bounded time refuses the
     * calendar: its events are not read. */
    bool zones_safe = true;
    for (icalcomponent *z = icalcomponent_get_first_component(calendar, ICAL_VTIMEZONE_COMPONENT);
         z; z = icalcomponent_get_next_component(calendar, ICAL_VTIMEZONE_COMPONENT)) {
        int line = *zone_index < r->nzone_lines ? r->zone_lines[*zone_index] : 0;
        (*zone_index)++;
        if (zones_safe && !zone_is_safe(r, z, at_line(r, line)))
            zones_safe = false;
    }
    if (!zones_safe)
        return;
    for (icalproperty *p = icalcomponent_get_first_property(calendar, ICAL_XLICERROR_PROPERTY); p;
         p = icalcomponent_get_next_property(calendar, ICAL_XLICERROR_PROPERTY))
        or_diags_add(r->diags, OR_ERROR, at_line(r, 1),
                     "this calendar is malformed (%s); export it again",
                     icalproperty_get_xlicerror(p));
    struct event_list events = {NULL, 0, NULL, 0};
    size_t cap = 0;
    for (icalcomponent *ev = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT); ev;
         ev = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT)) {
        if (events.n == cap) {
            cap = cap ? cap * 2 : 64;
            icalcomponent **grown = realloc(events.items, cap * sizeof(*grown));
            if (!grown)
                goto out_nomem;
            events.items = grown;
        }
        events.items[events.n++] = ev;
    }
    events.overrides = malloc((events.n ? events.n : 1) * sizeof(*events.overrides));
    if (!events.overrides)
        goto out_nomem;
    for (size_t i = 0; i < events.n; i++) {
        const char *uid = icalcomponent_get_uid(events.items[i]);
        if (uid && icalcomponent_get_first_property(events.items[i], ICAL_RECURRENCEID_PROPERTY))
            events.overrides[events.noverrides++] = (struct override){uid, events.items[i]};
    }
    qsort(events.overrides, events.noverrides, sizeof(*events.overrides), compare_overrides);
    for (size_t i = 0; i < events.n; i++) {
        const struct event_lines *lines = *event_index < r->nlines ? &r->lines[*event_index] : NULL;
        (*event_index)++;
        /* Overrides of recurring instances are leave in their own right,
         * unless cancelled; read_event() handles both. */
        read_event(r, events.items[i], lines, calendar, &events);
    }
    goto out_free;

out_nomem:
    r->nomem = true;
out_free:
    free(events.overrides);
    free(events.items);
}

/* Reads a leave calendar, or a requests calendar when weight > 0. */
static int read_ics_text(struct or_department *dept, struct or_specialist *s, const char *name,
                         const char *text, size_t len, or_pos where, or_day first, or_day last,
                         int weight, struct or_diags *diags)
{
    size_t errors_before = diags->errors;
    const char *file = or_department_intern_file(dept, name);
    struct ics_reader r = {.dept = dept,
                           .s = s,
                           .file = file,
                           .first = first,
                           .last = last,
                           .diags = diags,
                           .leave_cap = s->nleave,
                           .requests = weight > 0,
                           .noun = weight > 0 ? "request" : "leave event",
                           .calendar = weight > 0 ? "requests calendar" : "leave calendar",
                           .weight = weight};
    char *copy = NULL;
    icalcomponent *root = NULL;
    if (!file)
        goto out_nomem;
    (void)where;
    /* libical needs NUL-terminated text and must not see embedded NULs. */
    if (memchr(text, '\0', len)) {
        or_diags_add(diags, OR_ERROR, at_line(&r, 1),
                     "this is not an iCalendar file (it holds binary data); export the %s "
                     "as .ics",
                     r.calendar);
        goto out;
    }
    copy = malloc(len + 1);
    if (!copy)
        goto out_nomem;
    memcpy(copy, text, len);
    copy[len] = '\0';
    const char *start = copy + strspn(copy, " \t\r\n");
    if (strncmp(start, "BEGIN:VCALENDAR", 15) != 0) {
        or_diags_add(diags, OR_ERROR, at_line(&r, 1),
                     "this is not an iCalendar file: it does not start with BEGIN:VCALENDAR; "
                     "export the %s as .ics",
                     r.calendar);
        goto out;
    }
    if (scan_lines(&r, copy) != 0)
        goto out_nomem;
    if (or_zone_to_utc(&r.lo, dept->timezone ? dept->timezone : "Europe/Brussels", first - 2, 0) !=
            0 ||
        or_zone_to_utc(&r.hi, dept->timezone ? dept->timezone : "Europe/Brussels", last + 3, 0) !=
            0) {
        or_diags_add(diags, OR_ERROR, where,
                     "cannot read %ss: the department's time zone is unusable", r.calendar);
        goto out;
    }
    icalerror_set_errors_are_fatal(0);
    struct or_stderr_catch *caught = or_stderr_catch(); /* libical prints some errors */
    root = icalparser_parse_string(copy);
    char *complaint = or_stderr_release(caught);
    if (complaint)
        or_diags_add(diags, OR_WARNING, (or_pos){file, 1, 1},
                     "libical reports '%s' for this calendar; check that all its events are "
                     "read (export it again from the calendar program if not)",
                     complaint);
    free(complaint);
    if (!root) {
        or_diags_add(diags, OR_ERROR, at_line(&r, 1),
                     "this iCalendar file cannot be read; export the %s again", r.calendar);
        goto out;
    }
    size_t event_index = 0, zone_index = 0;
    if (icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT) {
        read_calendar(&r, root, &event_index, &zone_index);
    } else if (icalcomponent_isa(root) == ICAL_XROOT_COMPONENT) {
        for (icalcomponent *c = icalcomponent_get_first_component(root, ICAL_VCALENDAR_COMPONENT);
             c; c = icalcomponent_get_next_component(root, ICAL_VCALENDAR_COMPONENT))
            read_calendar(&r, c, &event_index, &zone_index);
    } else {
        or_diags_add(diags, OR_ERROR, at_line(&r, 1),
                     "this iCalendar file holds no VCALENDAR; export the %s again", r.calendar);
    }
    if (r.nomem)
        goto out_nomem;
    if (r.not_leave)
        or_diags_add(
            diags, OR_NOTE, (or_pos){file, 1, 1}, "%zu event%s shown as free%s %s not leave",
            r.not_leave, r.not_leave == 1 ? "" : "s",
            dept->rules.tentative_leave ? "" : " or tentative", r.not_leave == 1 ? "is" : "are");
    goto out;

out_nomem:
    or_diags_add(diags, OR_ERROR, where, "out of memory reading %s '%s'", r.calendar, name);
out:
    if (root)
        icalcomponent_free(root);
    free(copy);
    free(r.lines);
    free(r.zone_lines);
    return diags->errors == errors_before ? 0 : -1;
}

int or_input_read_leave_ics_text(struct or_department *dept, struct or_specialist *s,
                                 const char *name, const char *text, size_t len, or_pos where,
                                 or_day first, or_day last, struct or_diags *diags)
{
    return read_ics_text(dept, s, name, text, len, where, first, last, 0, diags);
}

int or_input_read_requests_ics_text(struct or_department *dept, struct or_specialist *s,
                                    const char *name, const char *text, size_t len, or_pos where,
                                    or_day first, or_day last, int weight, struct or_diags *diags)
{
    return read_ics_text(dept, s, name, text, len, where, first, last, weight > 0 ? weight : 1,
                         diags);
}

static int read_ics_file(struct or_department *dept, struct or_specialist *s, const char *path,
                         or_pos where, or_day first, or_day last, int weight,
                         struct or_diags *diags)
{
    char *text;
    size_t len;
    if (input_slurp(&text, &len, path, OR_INPUT_MAX_FILE, where, diags) != 0)
        return -1;
    int rc = read_ics_text(dept, s, path, text, len, where, first, last, weight, diags);
    free(text);
    return rc;
}

int or_input_read_leave_ics(struct or_department *dept, struct or_specialist *s, const char *path,
                            or_pos where, or_day first, or_day last, struct or_diags *diags)
{
    return read_ics_file(dept, s, path, where, first, last, 0, diags);
}

int or_input_read_requests_ics(struct or_department *dept, struct or_specialist *s,
                               const char *path, or_pos where, or_day first, or_day last,
                               int weight, struct or_diags *diags)
{
    return read_ics_file(dept, s, path, where, first, last, weight > 0 ? weight : 1, diags);
}
