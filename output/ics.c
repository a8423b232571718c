/*
 * ics.c - the roster as iCalendar (RFC 5545, RFC 7986) through libical: one
 * calendar per specialist, per campus and for the whole department.
 *
 * Events carry the department's zone as TZID with one compact VTIMEZONE of
 * the 1970 + RRULE form that Outlook writes and reads, built here from the
 * system's tz database (libical's builtin zones carry an UNTIL=2037 rule that
 * some readers reject, and a /freeassociation.sourceforge.net/ prefix).
 * Wall-clock times are computed from the occurrence's UTC instants by the
 * scheduler, never through icaltime_from_timet_with_zone(), which in libical
 * 3.0.16 keeps the zone as UTC for local times.
 */
#include "history.h"
#include "words.h"
#include "version.h"

#include <libical/ical.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* Namespace of every UID oncoroster writes (a version 4 UUID, fixed). */
static const unsigned char uid_namespace[16] = {0x6b, 0x3c, 0x1e, 0x52, 0x8f, 0x0d, 0x4a, 0x7e,
                                                0x9a, 0x41, 0x2c, 0x5d, 0x73, 0xe8, 0x10, 0xb6};

#define CALNAME_MARK "ONCOROSTER-CALNAME-MARK"

/* ------------------------------------------------------------------ */
/* VTIMEZONE from the tz database                                      */
/* ------------------------------------------------------------------ */

struct transition {
    time_t at;
    long from; /* offset before, seconds east of UTC */
    long to;   /* offset after */
    char abbr[16];
};

/* Every change of UTC offset in `zone` during [a, b), by day steps and then
 * bisection to the second. */
static size_t find_transitions(const char *zone, time_t a, time_t b, struct transition *out,
                               size_t max)
{
    size_t n = 0;
    long prev;
    char abbr[16];
    if (or_zone_offset(zone, a, &prev, abbr, sizeof(abbr)) != 0)
        return 0;
    for (time_t t = a + 86400; t <= b && n < max; t += 86400) {
        long off;
        if (or_zone_offset(zone, t, &off, abbr, sizeof(abbr)) != 0)
            return n;
        if (off == prev)
            continue;
        time_t lo = t - 86400, hi = t; /* offset(lo) == prev, offset(hi) == off */
        while (hi - lo > 1) {
            time_t mid = lo + (hi - lo) / 2;
            long m = prev;
            if (or_zone_offset(zone, mid, &m, abbr, sizeof(abbr)) != 0)
                return n;
            if (m == prev)
                lo = mid;
            else
                hi = mid;
        }
        out[n].at = hi;
        out[n].from = prev;
        out[n].to = off;
        or_zone_offset(zone, hi, &off, out[n].abbr, sizeof(out[n].abbr));
        n++;
        prev = off;
    }
    return n;
}

/* The local date and time of a transition, on the clock before it. */
static void transition_local(const struct transition *tr, or_day *day, int *seconds)
{
    time_t local = tr->at + tr->from;
    time_t d = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
    *day = (or_day)d;
    *seconds = (int)(local - d * 86400);
}

/* The day of the n-th (or with n = -1 the last) weekday wd of a month. */
static or_day nth_weekday(int y, int m, int n, int wd)
{
    if (n > 0) {
        or_day first = or_day_from_ymd(y, m, 1);
        return first + (wd - or_day_weekday(first) + 7) % 7 + 7 * (n - 1);
    }
    or_day last = or_day_from_ymd(y, m, or_days_in_month(y, m));
    return last - (or_day_weekday(last) - wd + 7) % 7;
}

static struct icaltimetype local_time(or_day day, int seconds)
{
    int y, m, d;
    or_day_to_ymd(day, &y, &m, &d);
    struct icaltimetype t = icaltime_null_time();
    t.year = y;
    t.month = m;
    t.day = d;
    t.hour = seconds / 3600;
    t.minute = seconds / 60 % 60;
    t.second = seconds % 60;
    t.is_date = 0;
    return t;
}

static icalcomponent *zone_part(const struct transition *tr, struct icaltimetype start,
                                const char *rrule, bool daylight)
{
    icalcomponent *c =
        icalcomponent_new(daylight ? ICAL_XDAYLIGHT_COMPONENT : ICAL_XSTANDARD_COMPONENT);
    icalcomponent_add_property(c, icalproperty_new_tzoffsetfrom((int)tr->from));
    icalcomponent_add_property(c, icalproperty_new_tzoffsetto((int)tr->to));
    if (tr->abbr[0])
        icalcomponent_add_property(c, icalproperty_new_tzname(tr->abbr));
    icalcomponent_add_property(c, icalproperty_new_dtstart(start));
    if (rrule)
        icalcomponent_add_property(c,
                                   icalproperty_new_rrule(icalrecurrencetype_from_string(rrule)));
    return c;
}

/* Whether a yearly rule (month, n-th weekday) gives the transitions of the
 * neighbouring years too. */
static bool rule_holds(const char *zone, const struct transition *tr, int month, int n, int wd,
                       int seconds, int year)
{
    for (int y = year - 1; y <= year + 1; y += 2) {
        struct transition near[8];
        time_t a = (time_t)or_day_from_ymd(y, 1, 1) * 86400;
        time_t b = (time_t)or_day_from_ymd(y + 1, 1, 1) * 86400;
        size_t k = find_transitions(zone, a, b, near, 8), j;
        for (j = 0; j < k; j++) {
            or_day day;
            int sec;
            transition_local(&near[j], &day, &sec);
            if (near[j].to == tr->to && near[j].from == tr->from &&
                day == nth_weekday(y, month, n, wd) && sec == seconds)
                break;
        }
        if (j == k)
            return false;
    }
    return true;
}

/* One VTIMEZONE for `zone` that is right for `year` and the years around. */
static icalcomponent *build_vtimezone(const char *zone, int year)
{
    icalcomponent *tz = icalcomponent_new(ICAL_VTIMEZONE_COMPONENT);
    icalcomponent_add_property(tz, icalproperty_new_tzid(zone));
    struct transition tr[8];
    time_t a = (time_t)or_day_from_ymd(year, 1, 1) * 86400;
    time_t b = (time_t)or_day_from_ymd(year + 1, 1, 1) * 86400;
    size_t n = find_transitions(zone, a, b, tr, 8);
    if (n == 0) {
        struct transition fixed = {a, 0, 0, ""};
        or_zone_offset(zone, a, &fixed.from, fixed.abbr, sizeof(fixed.abbr));
        fixed.to = fixed.from;
        icalcomponent_add_component(
            tz, zone_part(&fixed, local_time(or_day_from_ymd(1970, 1, 1), 0), NULL, false));
        return tz;
    }
    bool yearly = n == 2;
    char rules[2][96];
    struct icaltimetype starts[2];
    for (size_t i = 0; yearly && i < 2; i++) {
        or_day day;
        int sec, y, m, d;
        transition_local(&tr[i], &day, &sec);
        or_day_to_ymd(day, &y, &m, &d);
        int wd = or_day_weekday(day);
        int n_th = (d - 1) / 7 + 1;
        int pick = 0;
        if (d + 7 > or_days_in_month(y, m) && rule_holds(zone, &tr[i], m, -1, wd, sec, year))
            pick = -1;
        else if (rule_holds(zone, &tr[i], m, n_th, wd, sec, year))
            pick = n_th;
        if (pick == 0) {
            yearly = false;
            break;
        }
        static const char *const days[7] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
        snprintf(rules[i], sizeof(rules[i]), "FREQ=YEARLY;BYMONTH=%d;BYDAY=%d%s", m, pick,
                 days[wd]);
        starts[i] = local_time(nth_weekday(1970, m, pick, wd), sec);
    }
    if (yearly) {
        for (size_t i = 0; i < 2; i++)
            icalcomponent_add_component(
                tz, zone_part(&tr[i], starts[i], rules[i], tr[i].to > tr[1 - i].to));
        return tz;
    }
    /* Irregular changes: each one of the years around, as it happens. */
    for (int y = year - 1; y <= year + 1; y++) {
        a = (time_t)or_day_from_ymd(y, 1, 1) * 86400;
        b = (time_t)or_day_from_ymd(y + 1, 1, 1) * 86400;
        n = find_transitions(zone, a, b, tr, 8);
        for (size_t i = 0; i < n; i++) {
            or_day day;
            int sec;
            transition_local(&tr[i], &day, &sec);
            icalcomponent_add_component(
                tz, zone_part(&tr[i], local_time(day, sec), NULL, tr[i].to > tr[i].from));
        }
    }
    return tz;
}

/* ------------------------------------------------------------------ */
/* Events                                                              */
/* ------------------------------------------------------------------ */

struct writer {
    const struct or_publication *pub;
    icalcomponent *vtimezone; /* built once, cloned into each calendar */
};

/* A growing string for descriptions. */
struct text {
    char *s;
    size_t len;
    size_t cap;
    bool failed;
};

static void text_add(struct text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void text_add(struct text *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || t->failed) {
        t->failed = true;
        return;
    }
    if (t->len + (size_t)n + 1 > t->cap) {
        size_t cap = (t->len + (size_t)n + 1) * 2;
        char *s = realloc(t->s, cap);
        if (!s) {
            t->failed = true;
            return;
        }
        t->s = s;
        t->cap = cap;
    }
    va_start(ap, fmt);
    vsnprintf(t->s + t->len, t->cap - t->len, fmt, ap);
    va_end(ap);
    t->len += (size_t)n;
}

static void add_reason(const char *who, const char *why, void *user)
{
    text_add(user, "- %s: %s\n", who, why);
}

static struct icaltimetype utc_time(time_t t)
{
    return icaltime_from_timet_with_zone(t, 0, icaltimezone_get_utc_timezone());
}

static icalproperty *zoned(icalproperty *p, const char *zone, or_day day, int minute)
{
    icalproperty_set_value(p, icalvalue_new_datetime(local_time(day, minute * 60)));
    icalproperty_add_parameter(p, icalparameter_new_tzid(zone));
    return p;
}

static const char *campus_place(const struct or_campus *c)
{
    return c->address && c->address[0] ? c->address : c->name;
}

/* The staff of an occurrence by name, ", "-separated; `skip` left out. */
static void staff_names(struct text *t, const struct or_department *dept, const int *staff,
                        int skip)
{
    const char *sep = "";
    for (const int *p = staff; *p >= 0; p++) {
        if (*p == skip)
            continue;
        text_add(t, "%s%s", sep, dept->specialists[*p].name);
        sep = ", ";
    }
}

static void describe(struct text *t, const struct writer *w, size_t o, int who)
{
    const struct or_publication *pub = w->pub;
    const struct or_department *dept = pub->dept;
    const struct or_occurrence *occ = &pub->cal->occ[o];
    const struct or_activity *a = &dept->activities[occ->activity];
    const struct or_campus *c = &dept->campuses[a->campus.index];
    const int *staff = pub->roster->staff[o];
    char s[6], e[6];
    text_add(t, "%s (%s), %s to %s\n", a->name, a->id, clock_format(a->start, s),
             clock_format(a->end, e));
    text_add(t, tr(dept, W_ICS_CAMPUS), c->name, c->address && c->address[0] ? ", " : "",
             c->address ? c->address : "");
    if (a->nskills) {
        text_add(t, "%s", tr(dept, W_ICS_REQUIRES));
        for (size_t k = 0; k < a->nskills; k++)
            text_add(t, "%s %s", k ? "," : "", dept->skills[a->skills[k].index].name);
        text_add(t, "\n");
    }
    if (who >= 0) {
        bool others = staff[0] >= 0 && (staff[0] != who || staff[1] >= 0);
        if (others) {
            text_add(t, "%s", tr(dept, W_ICS_WITH));
            staff_names(t, dept, staff, who);
            text_add(t, "\n");
        }
    } else {
        text_add(t, "%s", tr(dept, W_ICS_STAFF));
        if (staff[0] < 0)
            text_add(t, "%s", tr(dept, W_NOBODY));
        staff_names(t, dept, staff, -1);
        text_add(t, tr(dept, W_ICS_NEEDS), a->min_staff);
        if (a->max_staff > a->min_staff)
            text_add(t, tr(dept, W_ICS_NEEDS_TO), a->max_staff);
        text_add(t, ")\n");
    }
    int missing = pub->roster->missing[o];
    if (who < 0 && missing) {
        text_add(t, tr(dept, missing == 1 ? W_ICS_UNFILLED_ONE : W_ICS_UNFILLED_MANY), missing);
        const struct or_roster *r = pub->roster;
        for (size_t i = 0; i < r->nshortfall; i++) {
            if (r->shortfall[i].occurrence != o)
                continue;
            size_t more =
                shortfall_reasons(dept, &r->shortfall[i], staff, REASONS_NAMED, add_reason, t);
            if (more)
                text_add(t, "- \xe2\x80\xa6 +%zu\n", more);
        }
    }
    text_add(t, tr(dept, W_ICS_FOOTER), dept->name);
}

/* The stable UID of an event: one per specialist and occurrence in the
 * specialists' calendars, one per occurrence in the others. */
static char *event_uid(char out[64], const struct writer *w, size_t o, int who)
{
    const struct or_department *dept = w->pub->dept;
    const struct or_occurrence *occ = &w->pub->cal->occ[o];
    char day[11], uuid[37];
    struct text name = {0};
    text_add(&name, "%s\x1f%s\x1f%s\x1f%s", who >= 0 ? "specialist" : "occurrence", dept->name,
             dept->activities[occ->activity].id, or_day_format(occ->day, day));
    if (who >= 0)
        text_add(&name, "\x1f%s", dept->specialists[who].id);
    if (name.failed) {
        free(name.s);
        return NULL;
    }
    or_uuid_v5(uuid, uid_namespace, name.s);
    free(name.s);
    snprintf(out, 64, "%s", uuid);
    return out;
}

static icalcomponent *event(const struct writer *w, size_t o, int who, struct text *scratch)
{
    const struct or_publication *pub = w->pub;
    const struct or_department *dept = pub->dept;
    const struct or_occurrence *occ = &pub->cal->occ[o];
    const struct or_activity *a = &dept->activities[occ->activity];
    const struct or_campus *c = &dept->campuses[a->campus.index];
    int missing = pub->roster->missing[o];
    char uid[64];

    or_day start_day, end_day;
    int start_min, end_min;
    if (!event_uid(uid, w, o, who) ||
        or_zone_from_utc(dept->timezone, occ->start, &start_day, &start_min) != 0 ||
        or_zone_from_utc(dept->timezone, occ->end, &end_day, &end_min) != 0)
        return NULL;
    icalcomponent *ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
    icalcomponent_add_property(ev, icalproperty_new_uid(uid));
    icalcomponent_add_property(ev, icalproperty_new_dtstamp(utc_time(pub->revision)));
    icalcomponent_add_property(ev, icalproperty_new_lastmodified(utc_time(pub->revision)));
    icalcomponent_add_property(ev, icalproperty_new_sequence(0));
    icalcomponent_add_property(
        ev, zoned(icalproperty_new(ICAL_DTSTART_PROPERTY), dept->timezone, start_day, start_min));
    icalcomponent_add_property(
        ev, zoned(icalproperty_new(ICAL_DTEND_PROPERTY), dept->timezone, end_day, end_min));

    scratch->len = 0;
    if (who < 0 && missing)
        text_add(scratch, tr(dept, W_ICS_SUMMARY_UNFILLED), missing);
    text_add(scratch, "%s \xe2\x80\x94 %s", a->name, c->name);
    if (who < 0 && pub->roster->staff[o][0] >= 0) {
        text_add(scratch, ": ");
        staff_names(scratch, dept, pub->roster->staff[o], -1);
    }
    if (scratch->failed)
        goto out_nomem;
    icalcomponent_add_property(ev, icalproperty_new_summary(scratch->s));
    icalcomponent_add_property(ev, icalproperty_new_location(campus_place(c)));
    scratch->len = 0;
    describe(scratch, w, o, who);
    if (scratch->failed)
        goto out_nomem;
    icalcomponent_add_property(ev, icalproperty_new_description(scratch->s));
    icalcomponent_add_property(ev, icalproperty_new_status(ICAL_STATUS_CONFIRMED));
    icalcomponent_add_property(
        ev, icalproperty_new_transp(who >= 0 ? ICAL_TRANSP_OPAQUE : ICAL_TRANSP_TRANSPARENT));
    return ev;

out_nomem:
    icalcomponent_free(ev);
    return NULL;
}

/* ------------------------------------------------------------------ */
/* Calendars                                                           */
/* ------------------------------------------------------------------ */

/* Writes a TEXT value as one content line, escaped and folded at 75
 * octets without splitting a UTF-8 character. */
static void folded_text_line(struct text *t, const char *name, const char *value)
{
    size_t col = strlen(name) + 1;
    text_add(t, "%s:", name);
    for (const unsigned char *p = (const unsigned char *)value; *p;) {
        char esc[3] = {0};
        size_t len = 1;
        if (*p == '\\' || *p == ',' || *p == ';') {
            esc[0] = '\\';
            esc[1] = (char)*p;
        } else if (*p == '\n') {
            esc[0] = '\\';
            esc[1] = 'n';
        } else if ((*p < 0x20 && *p != '\t') || *p == 0x7f) {
            p++; /* control characters other than TAB are not allowed in TEXT */
            continue;
        } else {
            while ((p[len] & 0xc0) == 0x80)
                len++;
        }
        size_t width = esc[0] ? 2 : len;
        if (col + width > 75) {
            text_add(t, "\r\n ");
            col = 1;
        }
        if (esc[0])
            text_add(t, "%s", esc);
        else
            text_add(t, "%.*s", (int)len, (const char *)p);
        col += width;
        p += len;
    }
    text_add(t, "\r\n");
}

/* Serialises a calendar; the X-WR-CALNAME mark is replaced by the escaped
 * name, which libical 3.0.16 would write with ',' and ';' unescaped. */
static char *serialise(icalcomponent *cal, const char *calname)
{
    char *raw = icalcomponent_as_ical_string_r(cal);
    if (!raw)
        return NULL;
    static const char mark[] = "X-WR-CALNAME:" CALNAME_MARK "\r\n";
    char *at = strstr(raw, mark);
    struct text t = {0};
    if (at) {
        text_add(&t, "%.*s", (int)(at - raw), raw);
        folded_text_line(&t, "X-WR-CALNAME", calname);
        text_add(&t, "%s", at + strlen(mark));
    } else {
        text_add(&t, "%s", raw);
    }
    free(raw);
    if (t.failed) {
        free(t.s);
        return NULL;
    }
    return t.s;
}

static icalcomponent *calendar_new(const struct writer *w, const char *calname, const char *what)
{
    const struct or_publication *pub = w->pub;
    icalcomponent *cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
    icalcomponent_add_property(
        cal, icalproperty_new_prodid("-//oncoroster//oncoroster " ONCOROSTER_VERSION "//EN"));
    icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
    icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
    icalcomponent_add_property(cal, icalproperty_new_name(calname));
    icalproperty *x = icalproperty_new_x(CALNAME_MARK);
    icalproperty_set_x_name(x, "X-WR-CALNAME");
    icalcomponent_add_property(cal, x);
    x = icalproperty_new_x(pub->dept->timezone);
    icalproperty_set_x_name(x, "X-WR-TIMEZONE");
    icalcomponent_add_property(cal, x);
    icalcomponent_add_property(cal, icalproperty_new_description(what));
    struct icaldurationtype every = icaldurationtype_null_duration();
    every.hours = 12;
    icalproperty *refresh = icalproperty_new_refreshinterval(every);
    icalproperty_add_parameter(refresh, icalparameter_new_value(ICAL_VALUE_DURATION));
    icalcomponent_add_property(cal, refresh);
    x = icalproperty_new_x("PT12H");
    icalproperty_set_x_name(x, "X-PUBLISHED-TTL");
    icalcomponent_add_property(cal, x);
    icalcomponent_add_component(cal, icalcomponent_new_clone(w->vtimezone));
    return cal;
}

/* Builds and serialises one calendar: the events of specialist `who`
 * (>= 0), or of campus `campus` (>= 0), or all. */
static char *calendar(const struct writer *w, int who, int campus, icalcomponent *prev)
{
    const struct or_publication *pub = w->pub;
    const struct or_department *dept = pub->dept;
    int y, m, d;
    or_day_to_ymd(pub->cal->first, &y, &m, &d);
    struct text name = {0}, what = {0}, scratch = {0};
    if (who >= 0) {
        text_add(&name, "%s \xe2\x80\x94 %s", dept->specialists[who].name, dept->name);
        text_add(&what, tr(dept, W_ICS_SESSIONS_OF), dept->specialists[who].name);
    } else if (campus >= 0) {
        text_add(&name, "%s \xe2\x80\x94 %s", dept->campuses[campus].name, dept->name);
        text_add(&what, tr(dept, W_ICS_EVERY_ON_CAMPUS), dept->campuses[campus].name);
    } else {
        text_add(&name, "%s", dept->name);
        text_add(&what, "%s", tr(dept, W_ICS_EVERY));
    }
    text_add(&what, tr(dept, W_ICS_IN_MONTH), tr_month(dept, m), y, dept->name);
    char *out = NULL;
    if (name.failed || what.failed)
        goto out_free;
    icalcomponent *cal = calendar_new(w, name.s, what.s);
    for (size_t o = 0; o < pub->cal->nocc; o++) {
        const struct or_activity *a = &dept->activities[pub->cal->occ[o].activity];
        if (campus >= 0 && a->campus.index != campus)
            continue;
        if (who >= 0) {
            bool on = false;
            for (const int *p = pub->roster->staff[o]; *p >= 0; p++)
                on = on || *p == who;
            if (!on)
                continue;
        }
        icalcomponent *ev = event(w, o, who, &scratch);
        if (!ev) {
            icalcomponent_free(cal);
            goto out_free;
        }
        icalcomponent_add_component(cal, ev);
    }
    if (history_apply(cal, prev, pub->revision) == 0)
        out = serialise(cal, name.s);
    icalcomponent_free(cal);
out_free:
    free(name.s);
    free(what.s);
    free(scratch.s);
    return out;
}

static int writer_init(struct writer *w, const struct or_publication *pub)
{
    int y, m, d;
    or_day_to_ymd(pub->cal->first, &y, &m, &d);
    w->pub = pub;
    w->vtimezone = build_vtimezone(pub->dept->timezone, y);
    return w->vtimezone ? 0 : -1;
}

/* A copy of a published calendar without its events, its name in *name
 * (the caller frees both); NULL when out of memory. */
static icalcomponent *calendar_shell(icalcomponent *prev, char **name)
{
    icalcomponent *cal = icalcomponent_new_clone(prev);
    icalcomponent *ev;
    while ((ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT)) != NULL) {
        icalcomponent_remove_component(cal, ev);
        icalcomponent_free(ev);
    }
    icalproperty *p = icalcomponent_get_first_property(cal, ICAL_NAME_PROPERTY);
    *name = strdup(p ? icalproperty_get_name(p) : "oncoroster");
    /* libical read X-WR-CALNAME unescaped and would write it so. */
    for (icalproperty *x = icalcomponent_get_first_property(cal, ICAL_X_PROPERTY); x;
         x = icalcomponent_get_next_property(cal, ICAL_X_PROPERTY))
        if (strcmp(icalproperty_get_x_name(x), "X-WR-CALNAME") == 0)
            icalproperty_set_x(x, CALNAME_MARK);
    if (!*name) {
        icalcomponent_free(cal);
        return NULL;
    }
    return cal;
}

/* A calendar nobody owns any more (a specialist or campus that left the
 * department file): its events once more, cancelled; NULL with *none set
 * when nothing is left to cancel. */
static char *orphan(const struct writer *w, icalcomponent *prev, bool *none)
{
    char *out = NULL, *name = NULL;
    *none = false;
    icalcomponent *cal = calendar_shell(prev, &name);
    if (cal && history_apply(cal, prev, w->pub->revision) == 0) {
        if (icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT))
            out = serialise(cal, name);
        else
            *none = true;
    }
    free(name);
    if (cal)
        icalcomponent_free(cal);
    return out;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

char *ics_feed(icalcomponent *const *months, size_t n,
               const char *(*description)(const char *name, void *user), void *user)
{
    size_t newest = 0;
    while (newest < n && !months[newest])
        newest++;
    if (newest == n)
        return NULL;
    char *name = NULL, *out = NULL;
    icalcomponent *cal = calendar_shell(months[newest], &name);
    if (!cal)
        return NULL;
    icalproperty *d = icalcomponent_get_first_property(cal, ICAL_DESCRIPTION_PROPERTY);
    if (d)
        icalproperty_set_description(d, description(name, user));
    /* Each event once: the newest month's copy of a UID (none is in two
     * months, but a hand-copied folder must not make duplicates). */
    size_t total = 0;
    for (size_t j = newest; j < n; j++)
        if (months[j])
            total += (size_t)icalcomponent_count_components(months[j], ICAL_VEVENT_COMPONENT);
    const char **seen = malloc((total ? total : 1) * sizeof(*seen));
    icalcomponent **kept = malloc((total ? total : 1) * sizeof(*kept));
    size_t nseen = 0, nkept = 0;
    if (!seen || !kept)
        goto out;
    for (size_t j = newest; j < n; j++) {
        if (!months[j])
            continue;
        size_t before = nseen; /* UIDs of newer months, sorted */
        for (icalcomponent *ev =
                 icalcomponent_get_first_component(months[j], ICAL_VEVENT_COMPONENT);
             ev; ev = icalcomponent_get_next_component(months[j], ICAL_VEVENT_COMPONENT)) {
            const char *uid = icalcomponent_get_uid(ev);
            if (!uid || bsearch(&uid, seen, before, sizeof(*seen), cmp_str))
                continue;
            seen[nseen++] = uid;
            kept[nkept++] = ev;
        }
        qsort(seen, nseen, sizeof(*seen), cmp_str);
    }
    /* Oldest month first (kept[] holds the newest first), each month's
     * events in its own order. */
    for (size_t end = nkept, j = n; j-- > newest;) {
        size_t first = end;
        while (first > 0 && months[j] && icalcomponent_get_parent(kept[first - 1]) == months[j])
            first--;
        for (size_t k = first; k < end; k++)
            icalcomponent_add_component(cal, icalcomponent_new_clone(kept[k]));
        end = first;
    }
    out = serialise(cal, name);
out:
    free(seen);
    free(kept);
    free(name);
    icalcomponent_free(cal);
    return out;
}

int or_ics_write_all(const struct or_publication *pub,
                     int (*save)(const char *folder, const char *slug, const char *text,
                                 void *user),
                     const struct slugs *slugs, struct history *prev, void *user)
{
    struct writer w;
    if (writer_init(&w, pub) != 0)
        return -1;
    int rc = 0;
    char rel[PATH_MAX];
    for (size_t s = 0; s < pub->dept->nspecialists && rc == 0; s++) {
        snprintf(rel, sizeof(rel), "specialists/%s.ics", slugs->specialists[s]);
        char *text = calendar(&w, (int)s, -1, history_calendar(prev, rel));
        rc = text ? save("specialists", slugs->specialists[s], text, user) : -1;
        free(text);
    }
    for (size_t c = 0; c < pub->dept->ncampuses && rc == 0; c++) {
        snprintf(rel, sizeof(rel), "campuses/%s.ics", slugs->campuses[c]);
        char *text = calendar(&w, -1, (int)c, history_calendar(prev, rel));
        rc = text ? save("campuses", slugs->campuses[c], text, user) : -1;
        free(text);
    }
    if (rc == 0) {
        char *text = calendar(&w, -1, -1, history_calendar(prev, "department.ics"));
        rc = text ? save(NULL, "department", text, user) : -1;
        free(text);
    }
    const char *gone[4096];
    size_t ngone = rc == 0 ? history_unused(prev, gone, 4096) : 0;
    for (size_t i = 0; i < ngone && rc == 0; i++) {
        bool none;
        char *text = orphan(&w, history_root(prev, gone[i]), &none);
        const char *slash = strchr(gone[i], '/');
        if (text && slash) {
            char folder[32], slug[PATH_MAX];
            snprintf(folder, sizeof(folder), "%.*s", (int)(slash - gone[i]), gone[i]);
            snprintf(slug, sizeof(slug), "%.*s", (int)(strlen(slash + 1) - 4), slash + 1);
            rc = save(folder, slug, text, user);
        } else if (!text && !none) {
            rc = -1;
        }
        free(text);
    }
    icalcomponent_free(w.vtimezone);
    return rc;
}

char *ics_notice(const struct or_publication *pub, int who, const size_t *occ, size_t n,
                 icalcomponent *published, bool cancel, const char *organizer)
{
    const struct or_department *dept = pub->dept;
    struct writer w = {pub, NULL};
    icalcomponent *cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
    icalcomponent_add_property(
        cal, icalproperty_new_prodid("-//oncoroster//oncoroster " ONCOROSTER_VERSION "//EN"));
    icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
    icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
    icalcomponent_add_property(
        cal, icalproperty_new_method(cancel ? ICAL_METHOD_CANCEL : ICAL_METHOD_REQUEST));
    icalcomponent *zone = icalcomponent_get_first_component(published, ICAL_VTIMEZONE_COMPONENT);
    if (zone)
        icalcomponent_add_component(cal, icalcomponent_new_clone(zone));
    char mailto[600];
    size_t added = 0;
    for (size_t i = 0; i < n; i++) {
        char uid[64];
        if (!event_uid(uid, &w, occ[i], who))
            continue;
        for (icalcomponent *ev =
                 icalcomponent_get_first_component(published, ICAL_VEVENT_COMPONENT);
             ev; ev = icalcomponent_get_next_component(published, ICAL_VEVENT_COMPONENT)) {
            const char *u = icalcomponent_get_uid(ev);
            if (!u || strcmp(u, uid) != 0)
                continue;
            icalcomponent *copy = icalcomponent_new_clone(ev);
            snprintf(mailto, sizeof(mailto), "mailto:%s", organizer);
            icalproperty *org = icalproperty_new_organizer(mailto);
            icalproperty_add_parameter(org, icalparameter_new_cn(dept->name));
            icalcomponent_add_property(copy, org);
            snprintf(mailto, sizeof(mailto), "mailto:%s", dept->specialists[who].email);
            icalproperty *att = icalproperty_new_attendee(mailto);
            icalproperty_add_parameter(att, icalparameter_new_cn(dept->specialists[who].name));
            icalproperty_add_parameter(att, icalparameter_new_role(ICAL_ROLE_REQPARTICIPANT));
            if (!cancel)
                icalproperty_add_parameter(att, icalparameter_new_partstat(ICAL_PARTSTAT_ACCEPTED));
            icalcomponent_add_property(copy, att);
            if (cancel)
                icalcomponent_set_status(copy, ICAL_STATUS_CANCELLED);
            icalcomponent_add_component(cal, copy);
            added++;
            break;
        }
    }
    char *out = added ? icalcomponent_as_ical_string_r(cal) : NULL;
    icalcomponent_free(cal);
    return out;
}

char *or_ics_calendar(const struct or_publication *pub, int specialist, int campus)
{
    struct writer w;
    if (writer_init(&w, pub) != 0)
        return NULL;
    char *text = calendar(&w, specialist, campus, NULL);
    icalcomponent_free(w.vtimezone);
    return text;
}
