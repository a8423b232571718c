/*
 * department.c - reads the department file (docs/department-file.md) into
 * the domain model.  Every key is checked against the keys allowed where it
 * stands, every value against its type, and every problem is reported with
 * its position; reading goes on after an error so that the department head
 * sees all of them at once.  Cross-references are checked later, by
 * or_department_resolve().
 */
#include "input_internal.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct reader {
    struct or_department *dept;
    const char *file;     /* interned name, for positions */
    const char *base_dir; /* where relative leave files are */
    or_day first;         /* horizon for leave calendars */
    or_day last;
    struct or_diags *diags;
    bool nomem;
};

static or_pos P(const struct reader *r, const struct ynode *n)
{
    return (or_pos){r->file, n ? n->line : 0, n ? n->col : 0};
}

__attribute__((format(printf, 3, 4))) static void error(struct reader *r, const struct ynode *n,
                                                        const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    or_diags_vadd(r->diags, OR_ERROR, P(r, n), fmt, ap);
    va_end(ap);
}

static char *dup_text(struct reader *r, const char *s)
{
    char *copy = strdup(s);
    if (!copy)
        r->nomem = true;
    return copy;
}

/* Grows an array by one zeroed element; returns it, or NULL on no memory. */
static void *grow(struct reader *r, void **array, size_t *n, size_t size)
{
    void *item = input_grow(array, n, size);
    if (!item)
        r->nomem = true;
    return item;
}

#define GROW(r, array, n) grow((r), (void **)&(array), &(n), sizeof(*(array)))

/* ---- shapes and scalars ----------------------------------------------- */

/* Reports every key of `map` not in `allowed`, with a suggestion. */
static void check_keys(struct reader *r, const struct ynode *map, const char *const *allowed,
                       size_t nallowed, const char *where)
{
    for (size_t i = 0; i + 1 < map->n; i += 2) {
        const struct ynode *key = map->items[i];
        if (key->type != Y_SCALAR) {
            error(r, key, "a key in %s must be a plain name", where);
            continue;
        }
        bool known = false;
        for (size_t k = 0; k < nallowed && !known; k++)
            known = strcmp(key->text, allowed[k]) == 0;
        if (known)
            continue;
        const char *guess = or_suggest(key->text, allowed, nallowed);
        if (guess)
            error(r, key, "unknown key '%s' in %s (did you mean '%s'?)", key->text, where, guess);
        else
            error(r, key, "unknown key '%s' in %s; see docs/department-file.md for the keys",
                  key->text, where);
    }
}

#define CHECK_KEYS(r, map, allowed, where)                                                         \
    check_keys((r), (map), (allowed), sizeof(allowed) / sizeof((allowed)[0]), (where))

static bool want(struct reader *r, const struct ynode *n, enum ynode_type type, const char *what)
{
    if (n->type == type)
        return true;
    error(r, n, "expected %s, found %s", what, ynode_type_name(n));
    return false;
}

enum { TEXT_MAX = 500 }; /* bytes in a name, an address, an e-mail address */

static bool read_string(struct reader *r, const struct ynode *n, char **out, const char *what)
{
    if (!want(r, n, Y_SCALAR, what))
        return false;
    if (n->len == 0) {
        error(r, n, "%s is empty", what);
        return false;
    }
    if (strlen(n->text) != n->len) {
        error(r, n, "%s contains a NUL character", what);
        return false;
    }
    /* It is repeated in every calendar event and page that shows it. */
    if (n->len > TEXT_MAX) {
        error(r, n, "%s is %zu characters long; shorten it to at most %d", what, n->len, TEXT_MAX);
        return false;
    }
    /* Control characters break calendars and terminals; bidirectional
     * overrides make text read differently from what it is. */
    for (const unsigned char *p = (const unsigned char *)n->text; *p; p++) {
        bool control = (*p < 0x20 && *p != '\t') || *p == 0x7f ||
                       (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f);
        bool bidi = p[0] == 0xe2 && ((p[1] == 0x80 && p[2] >= 0xaa && p[2] <= 0xae) ||
                                     (p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9));
        if (control || bidi) {
            error(r, n,
                  "%s contains an invisible %s character; retype it without copying it from "
                  "another program",
                  what, control ? "control" : "text-direction override");
            return false;
        }
    }
    free(*out);
    *out = dup_text(r, n->text);
    return *out != NULL;
}

static bool valid_id(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 64)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)s[i]) && s[i] != '-' && s[i] != '_' && s[i] != '.')
            return false;
    return isalnum((unsigned char)s[0]);
}

static bool read_id(struct reader *r, const struct ynode *n, char **out, const char *what)
{
    if (!want(r, n, Y_SCALAR, what))
        return false;
    if (!valid_id(n->text) || strlen(n->text) != n->len) {
        error(r, n,
              "'%s' is not a valid %s; use up to 64 letters, digits, '-', '_' or '.', "
              "starting with a letter or digit",
              n->text, what);
        return false;
    }
    free(*out);
    *out = dup_text(r, n->text);
    return *out != NULL;
}

static bool read_ref(struct reader *r, const struct ynode *n, or_ref *ref, const char *what)
{
    ref->index = -1;
    ref->pos = P(r, n);
    return read_id(r, n, &ref->id, what);
}

/* A single id or a list of ids. */
static void read_ref_list(struct reader *r, const struct ynode *n, or_ref **refs, size_t *count,
                          const char *what)
{
    if (n->type == Y_SCALAR) {
        or_ref *ref = grow(r, (void **)refs, count, sizeof(**refs));
        if (ref && !read_ref(r, n, ref, what))
            (*count)--;
        return;
    }
    if (!want(r, n, Y_SEQ, "a list of ids"))
        return;
    for (size_t i = 0; i < n->n; i++) {
        or_ref *ref = grow(r, (void **)refs, count, sizeof(**refs));
        if (ref && !read_ref(r, n->items[i], ref, what))
            (*count)--;
    }
}

static bool parse_long(const char *s, long *out)
{
    if (!*s)
        return false;
    errno = 0;
    char *end;
    long v = strtol(s, &end, 10);
    if (errno || *end)
        return false;
    *out = v;
    return true;
}

static bool read_int(struct reader *r, const struct ynode *n, int lo, int hi, int *out,
                     const char *what)
{
    long v;
    if (n->type != Y_SCALAR) {
        error(r, n, "%s must be a whole number, found %s", what, ynode_type_name(n));
        return false;
    }
    if (!parse_long(n->text, &v)) {
        error(r, n, "%s must be a whole number, not '%s'", what, n->text);
        return false;
    }
    if (v < lo || v > hi) {
        error(r, n, "%s %ld is out of range; give %d to %d", what, v, lo, hi);
        return false;
    }
    *out = (int)v;
    return true;
}

static bool read_number(struct reader *r, const struct ynode *n, double *out, const char *what)
{
    if (n->type != Y_SCALAR) {
        error(r, n, "%s must be a number, found %s", what, ynode_type_name(n));
        return false;
    }
    errno = 0;
    char *end;
    double v = strtod(n->text, &end);
    if (!n->len || errno || *end || v != v) {
        error(r, n, "%s must be a number such as 0.8, not '%s'", what, n->text);
        return false;
    }
    *out = v;
    return true;
}

/* How many sessions an occurrence counts for: 0.25 to 10, in quarters (a
 * one-hour board 0.25, a long one 0.5). */
static void read_quarters(struct reader *r, const struct ynode *n, int *quarters)
{
    double v;
    if (!read_number(r, n, &v, "sessions"))
        return;
    double q = v * 4;
    if (v < 0.25 || v > 10)
        error(r, n, "sessions %s is out of range; give 0.25 to 10 (a one-hour board: 0.25)",
              n->text);
    else if (fabs(q - round(q)) > 1e-9)
        error(r, n,
              "sessions %s is not a whole number of quarter sessions; give 0.25, 0.5, 0.75, "
              "1, 1.25 and so on",
              n->text);
    else
        *quarters = (int)lround(q);
}

static bool read_bool(struct reader *r, const struct ynode *n, bool *out, const char *what)
{
    static const char *const yes[] = {"true", "yes", "on"};
    static const char *const no[] = {"false", "no", "off"};
    if (n->type != Y_SCALAR) {
        error(r, n, "%s must be true or false, found %s", what, ynode_type_name(n));
        return false;
    }
    for (size_t i = 0; i < 3; i++) {
        if (strcmp(n->text, yes[i]) == 0) {
            *out = true;
            return true;
        }
        if (strcmp(n->text, no[i]) == 0) {
            *out = false;
            return true;
        }
    }
    error(r, n, "%s must be true or false, not '%s'", what, n->text);
    return false;
}

/* "2027-01-04" or "2027-01-04..2027-01-08". */
static bool parse_date_range(const char *s, or_day *from, or_day *to)
{
    const char *dots = strstr(s, "..");
    if (!dots)
        return or_day_parse(s, strlen(s), from) && (*to = *from, true);
    return or_day_parse(s, (size_t)(dots - s), from) &&
           or_day_parse(dots + 2, strlen(dots + 2), to);
}

static bool read_date_range(struct reader *r, const struct ynode *n, or_day *from, or_day *to)
{
    if (!want(r, n, Y_SCALAR, "a date"))
        return false;
    if (!parse_date_range(n->text, from, to)) {
        error(r, n,
              "'%s' is not a date; write 2027-01-04 or a range 2027-01-04..2027-01-08 "
              "(years %d to %d)",
              n->text, OR_DATE_MIN_YEAR, OR_DATE_MAX_YEAR);
        return false;
    }
    if (*to < *from) {
        error(r, n, "the range '%s' ends before it starts; put the first day first", n->text);
        return false;
    }
    return true;
}

/* Days a time range may add after its end with "+N": a session lasts at
 * most a week. */
#define TIME_RANGE_MAX_DAYS 7

enum time_range_result {
    TIME_RANGE_OK,
    TIME_RANGE_SYNTAX,   /* not a time range at all */
    TIME_RANGE_TOO_LONG, /* "+N" outside 1 to TIME_RANGE_MAX_DAYS */
};

/* "08:30-12:30"; an end at or before the start is on the next day; "+N"
 * after the end adds days ("08:00-08:00+2" is 48 hours). */
static enum time_range_result parse_time_range(const char *s, int *start, int *end)
{
    const char *dash = strchr(s, '-');
    if (!dash || !or_clock_parse(s, (size_t)(dash - s), start))
        return TIME_RANGE_SYNTAX;
    const char *e = dash + 1;
    const char *plus = strchr(e, '+');
    size_t elen = plus ? (size_t)(plus - e) : strlen(e);
    if (!or_clock_parse(e, elen, end) || *start >= 1440)
        return TIME_RANGE_SYNTAX;
    if (plus) {
        long days;
        if (!parse_long(plus + 1, &days) || plus[1] == '-' || plus[1] == '+' || plus[1] == ' ')
            return TIME_RANGE_SYNTAX;
        if (days < 1 || days > TIME_RANGE_MAX_DAYS)
            return TIME_RANGE_TOO_LONG;
        *end += (int)days * 1440;
    } else if (*end <= *start) {
        *end += 1440;
    }
    return TIME_RANGE_OK;
}

static const char *const day_names[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

/* One day word: mon..sun (or the full English name), weekdays, weekend,
 * daily; returns a weekday mask or 0. */
static unsigned parse_day_word(const char *s, size_t len)
{
    static const char *const long_names[] = {"monday", "tuesday",  "wednesday", "thursday",
                                             "friday", "saturday", "sunday"};
    for (unsigned i = 0; i < 7; i++)
        if ((len == 3 && strncmp(s, day_names[i], 3) == 0) ||
            (len == strlen(long_names[i]) && strncmp(s, long_names[i], len) == 0))
            return 1u << i;
    if (len == 8 && strncmp(s, "weekdays", 8) == 0)
        return 0x1fu;
    if (len == 7 && strncmp(s, "weekend", 7) == 0)
        return 0x60u;
    if ((len == 5 && strncmp(s, "daily", 5) == 0) || (len == 3 && strncmp(s, "all", 3) == 0))
        return OR_WEEKDAYS_ALL;
    return 0;
}

/* "tue", "tue-am", "weekdays-pm": fills a half-day mask per weekday. */
static bool parse_halfday(const char *s, unsigned days[7])
{
    const char *dash = strrchr(s, '-');
    unsigned halves = OR_WHOLE_DAY;
    size_t len = strlen(s);
    if (dash && (strcmp(dash, "-am") == 0 || strcmp(dash, "-pm") == 0)) {
        halves = dash[1] == 'a' ? OR_AM : OR_PM;
        len = (size_t)(dash - s);
    }
    unsigned mask = parse_day_word(s, len);
    if (!mask)
        return false;
    for (int i = 0; i < 7; i++)
        if (mask & (1u << i))
            days[i] |= halves;
    return true;
}

static void read_days(struct reader *r, const struct ynode *n, unsigned *mask)
{
    const struct ynode *one = n;
    size_t count = 1;
    if (n->type == Y_SEQ)
        count = n->n;
    else if (!want(r, n, Y_SCALAR, "a day or a list of days"))
        return;
    for (size_t i = 0; i < count; i++) {
        one = n->type == Y_SEQ ? n->items[i] : n;
        if (!want(r, one, Y_SCALAR, "a day"))
            continue;
        unsigned m = parse_day_word(one->text, one->len);
        if (!m)
            error(r, one,
                  "'%s' is not a day; use mon, tue, wed, thu, fri, sat, sun, weekdays, "
                  "weekend or daily",
                  one->text);
        *mask |= m;
    }
}

static void read_halfdays(struct reader *r, const struct ynode *n, unsigned days[7])
{
    size_t count = n->type == Y_SEQ ? n->n : 1;
    if (n->type != Y_SEQ && !want(r, n, Y_SCALAR, "a half-day or a list of them"))
        return;
    for (size_t i = 0; i < count; i++) {
        const struct ynode *one = n->type == Y_SEQ ? n->items[i] : n;
        if (!want(r, one, Y_SCALAR, "a half-day"))
            continue;
        if (!parse_halfday(one->text, days))
            error(r, one,
                  "'%s' is not a day or half-day; write e.g. wed, wed-am, wed-pm or "
                  "weekdays-pm",
                  one->text);
    }
}

/* ---- department, rules, weights ---------------------------------------- */

static void read_department_block(struct reader *r, const struct ynode *n)
{
    static const char *const keys[] = {"name",     "timezone",  "holidays",
                                       "language", "mail_from", "closures"};
    struct or_department *d = r->dept;
    if (!want(r, n, Y_MAP, "a mapping with name, timezone, holidays"))
        return;
    d->pos = P(r, n);
    CHECK_KEYS(r, n, keys, "'department'");
    const struct ynode *v;
    if ((v = ynode_get(n, "name")))
        read_string(r, v, &d->name, "the department name");
    else
        error(r, n, "the department has no name; add 'name:' under 'department:'");
    if ((v = ynode_get(n, "timezone")) && read_string(r, v, &d->timezone, "the time zone"))
        d->timezone_pos = P(r, v);
    if ((v = ynode_get(n, "mail_from")) &&
        read_string(r, v, &d->mail_from, "the address messages are sent from") &&
        (!strchr(d->mail_from, '@') || strpbrk(d->mail_from, " \t\r\n,;<>\"")))
        error(r, v,
              "'%s' is not an e-mail address; give the address the messages of --notify come "
              "from, such as roster@hospital.example",
              d->mail_from);
    if ((v = ynode_get(n, "holidays")) && want(r, v, Y_SCALAR, "BE, NL or none")) {
        if (strcmp(v->text, "BE") == 0 || strcmp(v->text, "be") == 0)
            d->holidays = OR_HOLIDAYS_BE;
        else if (strcmp(v->text, "NL") == 0 || strcmp(v->text, "nl") == 0)
            d->holidays = OR_HOLIDAYS_NL;
        else if (strcmp(v->text, "none") == 0)
            d->holidays = OR_HOLIDAYS_NONE;
        else
            error(r, v, "unknown holiday calendar '%s'; use BE, NL or none", v->text);
    }
    if ((v = ynode_get(n, "language")) && want(r, v, Y_SCALAR, "nl, fr or en")) {
        static const struct {
            const char *code;
            enum or_language lang;
        } langs[] = {{"nl", OR_LANG_NL}, {"fr", OR_LANG_FR}, {"en", OR_LANG_EN}};
        size_t k = 0;
        while (k < 3 && strcasecmp(v->text, langs[k].code) != 0)
            k++;
        if (k < 3)
            d->language = langs[k].lang;
        else
            error(r, v,
                  "unknown language '%s'; use nl (Dutch), fr (French) or en (English) for "
                  "the calendars and the overview",
                  v->text);
    }
    if ((v = ynode_get(n, "closures"))) {
        size_t count = v->type == Y_SEQ ? v->n : 1;
        if (v->type != Y_SEQ && !want(r, v, Y_SCALAR, "a list of dates"))
            return;
        for (size_t i = 0; i < count; i++) {
            const struct ynode *one = v->type == Y_SEQ ? v->items[i] : v;
            or_day from, to;
            if (!read_date_range(r, one, &from, &to))
                continue;
            if (to - from > 366 || d->nclosures + (size_t)(to - from) > 3660) {
                error(r, one,
                      "closures cover more than a year at once (or ten in all); give "
                      "the closed days of the months you roster");
                continue;
            }
            for (or_day day = from; day <= to; day++) {
                or_day *slot = GROW(r, d->closures, d->nclosures);
                if (slot)
                    *slot = day;
            }
        }
    }
}

static void read_rules(struct reader *r, const struct ynode *n)
{
    static const char *const keys[] = {
        "one_campus_per_day", "rest_hours", "max_consecutive_days", "full_time_sessions",
        "max_load_factor",    "midday",     "tentative_leave",      "hard_requests"};
    struct or_rules *rules = &r->dept->rules;
    if (!want(r, n, Y_MAP, "a mapping of rules"))
        return;
    CHECK_KEYS(r, n, keys, "'rules'");
    const struct ynode *v;
    if ((v = ynode_get(n, "one_campus_per_day")))
        read_bool(r, v, &rules->one_campus_per_day, "one_campus_per_day");
    if ((v = ynode_get(n, "tentative_leave")))
        read_bool(r, v, &rules->tentative_leave, "tentative_leave");
    if ((v = ynode_get(n, "hard_requests"))) {
        const struct ynode *one = v;
        for (size_t i = 0; v->type != Y_SEQ || i < v->n; i++) {
            if (v->type == Y_SEQ)
                one = v->items[i];
            if (!want(r, one, Y_SCALAR, "a kind of request such as off"))
                break;
            if (strcmp(one->text, "off") == 0)
                rules->hard_off = true;
            else if (strcmp(one->text, "prefer") == 0 || strcmp(one->text, "avoid") == 0)
                error(r, one,
                      "'%s' requests cannot be made hard: only a day off can (it is then leave); "
                      "to forbid or demand a session, write a pin (must_not or must)",
                      one->text);
            else
                error(r, one, "'%s' is not a kind of request; write off", one->text);
            if (v->type != Y_SEQ)
                break;
        }
    }
    if ((v = ynode_get(n, "rest_hours")))
        read_int(r, v, 0, 48, &rules->rest_hours, "rest_hours");
    if ((v = ynode_get(n, "max_consecutive_days")))
        read_int(r, v, 1, 31, &rules->max_consecutive, "max_consecutive_days");
    if ((v = ynode_get(n, "full_time_sessions")))
        read_int(r, v, 1, 30, &rules->full_time_sessions, "full_time_sessions");
    if ((v = ynode_get(n, "max_load_factor")) &&
        read_number(r, v, &rules->max_load_factor, "max_load_factor") &&
        (rules->max_load_factor < 1.0 || rules->max_load_factor > 3.0)) {
        error(r, v, "max_load_factor %g is out of range; give 1.0 to 3.0", rules->max_load_factor);
        rules->max_load_factor = 1.2;
    }
    if ((v = ynode_get(n, "midday")) && want(r, v, Y_SCALAR, "a clock time such as 13:00")) {
        int m;
        if (!or_clock_parse(v->text, v->len, &m) || m < 8 * 60 || m > 16 * 60)
            error(r, v, "midday '%s' must be a clock time between 08:00 and 16:00", v->text);
        else
            rules->midday = m;
    }
}

static void read_weights(struct reader *r, const struct ynode *n)
{
    static const char *const keys[] = {"shortfall",   "continuity",     "fairness", "balance",
                                       "preferences", "campus_changes", "changes"};
    struct or_weights *w = &r->dept->weights;
    int *fields[] = {&w->shortfall,   &w->continuity,     &w->fairness, &w->balance,
                     &w->preferences, &w->campus_changes, &w->changes};
    if (!want(r, n, Y_MAP, "a mapping of weights"))
        return;
    CHECK_KEYS(r, n, keys, "'weights'");
    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
        const struct ynode *v = ynode_get(n, keys[i]);
        if (v)
            read_int(r, v, 0, 1000000, fields[i], keys[i]);
    }
    if (w->shortfall < 1)
        error(r, ynode_get(n, "shortfall"),
              "the shortfall weight must be at least 1, or empty places would cost nothing");
}

/* ---- campuses and skills ------------------------------------------------- */

static void read_campus(struct reader *r, const struct ynode *n)
{
    static const char *const keys[] = {"id", "name", "address", "travel"};
    if (!want(r, n, Y_MAP, "a campus (a mapping with id, name, address)"))
        return;
    struct or_department *d = r->dept;
    struct or_campus *c = GROW(r, d->campuses, d->ncampuses);
    if (!c)
        return;
    c->pos = P(r, n);
    CHECK_KEYS(r, n, keys, "a campus");
    const struct ynode *v;
    if (!(v = ynode_get(n, "id")))
        error(r, n, "a campus needs an 'id:'");
    else
        read_id(r, v, &c->id, "campus id");
    if ((v = ynode_get(n, "name")))
        read_string(r, v, &c->name, "the campus name");
    if ((v = ynode_get(n, "address")))
        read_string(r, v, &c->address, "the campus address");
    if (!c->name && c->id)
        c->name = dup_text(r, c->id);
    if ((v = ynode_get(n, "travel")) && want(r, v, Y_MAP, "a mapping of campus: minutes")) {
        for (size_t i = 0; i + 1 < v->n; i += 2) {
            struct or_travel *t = GROW(r, d->travel, d->ntravel);
            if (!t)
                return;
            t->pos = P(r, v->items[i + 1]);
            t->from.id = c->id ? dup_text(r, c->id) : NULL;
            t->from.pos = c->pos;
            t->from.index = -1;
            if (!t->from.id || !read_ref(r, v->items[i], &t->to, "campus id") ||
                !read_int(r, v->items[i + 1], 0, 1440, &t->minutes, "travel time")) {
                free(t->from.id);
                free(t->to.id);
                d->ntravel--;
            }
        }
    }
}

static void read_skill(struct reader *r, const struct ynode *n)
{
    static const char *const keys[] = {"id", "name"};
    struct or_department *d = r->dept;
    struct or_skill *k = GROW(r, d->skills, d->nskills);
    if (!k)
        return;
    k->pos = P(r, n);
    if (n->type == Y_SCALAR) {
        read_id(r, n, &k->id, "skill id");
    } else if (want(r, n, Y_MAP, "a skill id, or a mapping with id and name")) {
        CHECK_KEYS(r, n, keys, "a skill");
        const struct ynode *v;
        if (!(v = ynode_get(n, "id")))
            error(r, n, "a skill needs an 'id:'");
        else
            read_id(r, v, &k->id, "skill id");
        if ((v = ynode_get(n, "name")))
            read_string(r, v, &k->name, "the skill name");
    }
    if (!k->name && k->id)
        k->name = dup_text(r, k->id);
}

/* ---- activities ------------------------------------------------------------ */

static bool parse_kind(const char *s, enum or_activity_kind *kind)
{
    static const struct {
        const char *name;
        enum or_activity_kind kind;
    } kinds[] = {
        {"consultation", OR_KIND_CONSULTATION},
        {"day-hospital", OR_KIND_DAY_HOSPITAL},
        {"ward", OR_KIND_WARD},
        {"tumour-board", OR_KIND_TUMOUR_BOARD},
        {"tumor-board", OR_KIND_TUMOUR_BOARD},
        {"moc", OR_KIND_TUMOUR_BOARD},
        {"on-call", OR_KIND_ON_CALL},
        {"other", OR_KIND_OTHER},
    };
    for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
        if (strcmp(s, kinds[i].name) == 0) {
            *kind = kinds[i].kind;
            return true;
        }
    return false;
}

static void read_staff(struct reader *r, const struct ynode *v, struct or_activity *a)
{
    a->staff_pos = P(r, v);
    if (!want(r, v, Y_SCALAR, "a staff count such as 1 or 1-2"))
        return;
    long lo, hi;
    const char *dash = strchr(v->text, '-');
    char buf[32];
    if (!dash) {
        if (!parse_long(v->text, &lo)) {
            error(r, v, "staff '%s' must be a number such as 1 or a range such as 1-2", v->text);
            return;
        }
        hi = lo;
    } else {
        size_t len = (size_t)(dash - v->text);
        if (len >= sizeof(buf)) {
            error(r, v, "staff '%s' must be a number such as 1 or a range such as 1-2", v->text);
            return;
        }
        memcpy(buf, v->text, len);
        buf[len] = '\0';
        if (!parse_long(buf, &lo) || !parse_long(dash + 1, &hi)) {
            error(r, v, "staff '%s' must be a number such as 1 or a range such as 1-2", v->text);
            return;
        }
    }
    if (lo < 0 || hi > 100) {
        error(r, v, "staff '%s' is out of range; give 0 to 100 specialists", v->text);
        return;
    }
    if (lo < 0 || hi < 1 || lo > hi) {
        error(r, v,
              "staffing %ld-%ld is impossible; the minimum must be 0 or more and at most the "
              "maximum, the maximum at least 1",
              lo, hi);
        return;
    }
    a->min_staff = (int)lo;
    a->max_staff = (int)hi;
}

/* One entry of an activity's 'demand:': other staffing on some dates. */
static void read_demand(struct reader *r, struct or_activity *a, const struct ynode *n)
{
    static const char *const keys[] = {"dates", "staff", "shortfall_weight", "over_weight"};
    if (!want(r, n, Y_MAP, "a mapping with dates and staff, such as {dates: 2027-01-04, staff: 2}"))
        return;
    struct or_demand *dm = GROW(r, a->demand, a->ndemand);
    if (!dm)
        return;
    dm->pos = P(r, n);
    dm->shortfall_weight = dm->over_weight = -1;
    CHECK_KEYS(r, n, keys, "a demand entry");
    /* Staffing defaults to the activity's, read before this entry. */
    struct or_activity staff = {.min_staff = a->min_staff, .max_staff = a->max_staff};
    const struct ynode *v;
    if (!(v = ynode_get(n, "dates")))
        error(r, n, "a demand entry needs 'dates:' such as 2027-01-04 or 2027-01-04..2027-01-08");
    else if (!read_date_range(r, v, &dm->from, &dm->to))
        dm->from = dm->to = 0; /* reported here; resolving need not repeat it */
    if ((v = ynode_get(n, "staff")))
        read_staff(r, v, &staff);
    dm->min_staff = staff.min_staff;
    dm->max_staff = staff.max_staff;
    if ((v = ynode_get(n, "shortfall_weight")))
        read_int(r, v, 0, 1000000, &dm->shortfall_weight, "shortfall_weight");
    if ((v = ynode_get(n, "over_weight")))
        read_int(r, v, 0, 1000000, &dm->over_weight, "over_weight");
}

static void read_activity(struct reader *r, const struct ynode *n)
{
    static const char *const keys[] = {"id",
                                       "name",
                                       "campus",
                                       "kind",
                                       "days",
                                       "time",
                                       "staff",
                                       "skills",
                                       "holidays",
                                       "continuity",
                                       "rest",
                                       "sessions",
                                       "shortfall_weight",
                                       "over_weight",
                                       "demand",
                                       "not_followed_by",
                                       "fair"};
    if (!want(r, n, Y_MAP, "an activity (a mapping with id, campus, days, time)"))
        return;
    struct or_department *d = r->dept;
    struct or_activity *a = GROW(r, d->activities, d->nactivities);
    if (!a)
        return;
    a->pos = P(r, n);
    a->campus.index = -1;
    a->min_staff = a->max_staff = 1;
    a->quarters = 4; /* one session */
    a->shortfall_weight = -1;
    a->kind = OR_KIND_CONSULTATION;
    CHECK_KEYS(r, n, keys, "an activity");
    const struct ynode *v;
    if (!(v = ynode_get(n, "id")))
        error(r, n, "an activity needs an 'id:'");
    else
        read_id(r, v, &a->id, "activity id");
    const char *label = a->id ? a->id : "?";
    if ((v = ynode_get(n, "name")))
        read_string(r, v, &a->name, "the activity name");
    if (!a->name && a->id)
        a->name = dup_text(r, a->id);
    if (!(v = ynode_get(n, "campus")))
        error(r, n, "activity '%s' needs a 'campus:'", label);
    else
        read_ref(r, v, &a->campus, "campus id");
    if ((v = ynode_get(n, "kind")) && want(r, v, Y_SCALAR, "an activity kind") &&
        !parse_kind(v->text, &a->kind))
        error(r, v,
              "unknown kind '%s'; use consultation, day-hospital, ward, tumour-board, on-call "
              "or other",
              v->text);
    if (!(v = ynode_get(n, "days"))) {
        error(r, n, "activity '%s' needs 'days:' such as [tue] or weekdays", label);
    } else {
        a->days_pos = P(r, v);
        size_t errors = r->diags->errors;
        read_days(r, v, &a->weekdays);
        if (a->weekdays == 0 && r->diags->errors == errors)
            error(r, v, "activity '%s' runs on no day; give days such as [mon, thu] or weekdays",
                  label);
    }
    if (!(v = ynode_get(n, "time"))) {
        error(r, n, "activity '%s' needs 'time:' such as 08:30-12:30", label);
    } else if (want(r, v, Y_SCALAR, "a time range such as 08:30-12:30")) {
        a->time_pos = P(r, v);
        enum time_range_result tr = parse_time_range(v->text, &a->start, &a->end);
        if (tr == TIME_RANGE_TOO_LONG)
            error(r, v,
                  "'%s' adds a number of days after the end that is not +1 to +%d; a session "
                  "lasts at most a week (08:00-08:00+2 is 48 hours, 08:00-08:00+7 a week)",
                  v->text, TIME_RANGE_MAX_DAYS);
        else if (tr != TIME_RANGE_OK)
            error(r, v,
                  "'%s' is not a time range; write 08:30-12:30, or 18:00-08:00 for a night "
                  "(add +2 after the end for sessions of several days)",
                  v->text);
    }
    if ((v = ynode_get(n, "staff")))
        read_staff(r, v, a);
    if ((v = ynode_get(n, "skills")))
        read_ref_list(r, v, &a->skills, &a->nskills, "skill id");
    a->on_holidays = a->kind == OR_KIND_ON_CALL;
    if ((v = ynode_get(n, "holidays"))) {
        /* `only`: a service that runs on public holidays and closures alone
         * (the holiday on-call of a clinic closed that day). */
        static const char *const words[] = {"true", "yes", "on", "false", "no", "off"};
        bool known = v->type != Y_SCALAR;
        for (size_t i = 0; i < sizeof(words) / sizeof(words[0]) && !known; i++)
            known = strcmp(v->text, words[i]) == 0;
        if (v->type == Y_SCALAR && strcmp(v->text, "only") == 0)
            a->on_holidays = a->only_holidays = true;
        else if (!known)
            error(r, v,
                  "holidays must be true, false or only (public holidays and closures "
                  "alone), not '%s'",
                  v->text);
        else
            read_bool(r, v, &a->on_holidays, "holidays");
    }
    a->continuity = a->kind == OR_KIND_WARD           ? OR_CONTINUITY_WEEK
                    : a->kind == OR_KIND_CONSULTATION ? OR_CONTINUITY_SERIES
                                                      : OR_CONTINUITY_NONE;
    if ((v = ynode_get(n, "continuity")) && want(r, v, Y_SCALAR, "none, series or week")) {
        if (strcmp(v->text, "none") == 0)
            a->continuity = OR_CONTINUITY_NONE;
        else if (strcmp(v->text, "series") == 0)
            a->continuity = OR_CONTINUITY_SERIES;
        else if (strcmp(v->text, "week") == 0)
            a->continuity = OR_CONTINUITY_WEEK;
        else
            error(r, v, "unknown continuity '%s'; use none, series or week", v->text);
    }
    /* Night on-call rests by default; everything else only when asked. */
    bool rest = a->kind == OR_KIND_ON_CALL && a->end > 1440;
    a->rest_after = rest ? d->rules.rest_hours * 60 : 0;
    if ((v = ynode_get(n, "rest")) && want(r, v, Y_SCALAR, "true, false or hours")) {
        long hours;
        if (parse_long(v->text, &hours)) {
            if (hours < 0 || hours > 48)
                error(r, v, "rest of %ld hours is out of range; give 0 to 48", hours);
            else
                a->rest_after = (int)hours * 60;
        } else if (read_bool(r, v, &rest, "rest")) {
            a->rest_after = rest ? d->rules.rest_hours * 60 : 0;
        }
    }
    if ((v = ynode_get(n, "sessions")))
        read_quarters(r, v, &a->quarters);
    if ((v = ynode_get(n, "fair")))
        read_bool(r, v, &a->fair, "fair");
    if ((v = ynode_get(n, "shortfall_weight")))
        read_int(r, v, 0, 1000000, &a->shortfall_weight, "shortfall_weight");
    if ((v = ynode_get(n, "over_weight")))
        read_int(r, v, 0, 1000000, &a->over_weight, "over_weight");
    if ((v = ynode_get(n, "not_followed_by")))
        read_ref_list(r, v, &a->not_followed_by, &a->nnot_followed_by, "activity id");
    if ((v = ynode_get(n, "demand"))) {
        if (v->type == Y_SEQ)
            for (size_t i = 0; i < v->n; i++)
                read_demand(r, a, v->items[i]);
        else
            read_demand(r, a, v);
    }
}

/* ---- specialists ----------------------------------------------------------- */

/* A file named in the department file, from the department file's folder
 * when relative; NULL out of memory.  Free it when it is not `path`. */
static char *beside(struct reader *r, char *path)
{
    if (path[0] == '/' || !r->base_dir || !*r->base_dir || strcmp(r->base_dir, ".") == 0)
        return path;
    size_t len = strlen(r->base_dir) + strlen(path) + 2;
    char *full = malloc(len);
    if (full)
        snprintf(full, len, "%s/%s", r->base_dir, path);
    else
        r->nomem = true;
    return full;
}

/* requests: FILE, or {file: FILE, weight: N} */
static void read_requests(struct reader *r, struct or_specialist *s, const struct ynode *n)
{
    static const char *const keys[] = {"file", "weight"};
    const struct ynode *file = n;
    int weight = 3;
    if (n->type == Y_MAP) {
        CHECK_KEYS(r, n, keys, "requests");
        const struct ynode *v;
        if ((v = ynode_get(n, "weight")))
            read_int(r, v, 1, 100, &weight, "the weight of requests");
        if (!(file = ynode_get(n, "file"))) {
            error(r, n, "'requests:' needs 'file:', the specialist's requests calendar (.ics)");
            return;
        }
    }
    char *path = NULL;
    if (!want(r, file, Y_SCALAR, "the requests calendar file (.ics)") ||
        !read_string(r, file, &path, "the requests file"))
        return;
    char *full = beside(r, path);
    if (full)
        or_input_read_requests_ics(r->dept, s, full, P(r, file), r->first, r->last, weight,
                                   r->diags);
    if (full != path)
        free(full);
    free(path);
}

static void read_leave_item(struct reader *r, struct or_specialist *s, const struct ynode *n)
{
    static const char *const keys[] = {"dates", "reason", "file"};
    const struct ynode *dates = n;
    const struct ynode *reason = NULL;
    if (n->type == Y_MAP) {
        CHECK_KEYS(r, n, keys, "a leave entry");
        const struct ynode *file = ynode_get(n, "file");
        dates = ynode_get(n, "dates");
        reason = ynode_get(n, "reason");
        if (file && dates) {
            error(r, n, "a leave entry has either 'dates:' or 'file:', not both");
            return;
        }
        if (file && reason) {
            error(r, reason,
                  "'reason:' goes with 'dates:'; for a calendar file, the events' titles are "
                  "the reasons");
            return;
        }
        if (file) {
            char *path = NULL;
            if (!read_string(r, file, &path, "the leave file"))
                return;
            char *full = beside(r, path);
            if (full)
                or_input_read_leave_ics(r->dept, s, full, P(r, file), r->first, r->last, r->diags);
            if (full != path)
                free(full);
            free(path);
            return;
        }
        if (!dates) {
            error(r, n, "a leave entry needs 'dates:' (or 'file:' for a calendar)");
            return;
        }
    }
    if (!want(r, dates, Y_SCALAR, "a date, a date range, or a mapping with dates or file"))
        return;
    struct or_leave l = {0};
    l.kind = OR_LEAVE_DAYS;
    l.halves = OR_WHOLE_DAY;
    l.pos = P(r, dates);
    const char *space = strchr(dates->text, ' ');
    char datebuf[64];
    const char *datepart = dates->text;
    if (space) {
        size_t len = (size_t)(space - dates->text);
        if (len >= sizeof(datebuf)) {
            error(r, dates, "'%s' is not a date", dates->text);
            return;
        }
        memcpy(datebuf, dates->text, len);
        datebuf[len] = '\0';
        datepart = datebuf;
        const char *rest = space + 1;
        while (*rest == ' ')
            rest++;
        if (strcmp(rest, "am") == 0) {
            l.halves = OR_AM;
        } else if (strcmp(rest, "pm") == 0) {
            l.halves = OR_PM;
        } else if (parse_time_range(rest, &l.from_min, &l.to_min) == TIME_RANGE_OK &&
                   l.to_min <= 1440) {
            l.kind = OR_LEAVE_CLOCK;
        } else {
            error(r, dates,
                  "'%s' is not a leave period; after the date write am, pm or a time range "
                  "such as 14:00-17:00",
                  dates->text);
            return;
        }
    }
    if (!parse_date_range(datepart, &l.from, &l.to)) {
        int y = 0, m = 0, d = 0;
        if (sscanf(datepart, "%4d-%2d-%2d", &y, &m, &d) == 3 &&
            (y < OR_DATE_MIN_YEAR || y > OR_DATE_MAX_YEAR)) {
            error(r, dates, "'%s' is outside the years oncoroster rosters (%d to %d)", dates->text,
                  OR_DATE_MIN_YEAR, OR_DATE_MAX_YEAR);
            return;
        }
        error(r, dates,
              "'%s' is not a leave period; write 2027-01-04, 2027-01-04..2027-01-08, "
              "2027-01-15 pm or 2027-01-15 14:00-17:00",
              dates->text);
        return;
    }
    if (l.kind != OR_LEAVE_DAYS || l.halves != OR_WHOLE_DAY) {
        if (l.to != l.from) {
            error(r, dates, "a half day or clock times apply to one date, not a range");
            return;
        }
    }
    if (reason && !read_string(r, reason, &l.reason, "the leave reason"))
        return;
    struct or_leave *slot = GROW(r, s->leave, s->nleave);
    if (slot)
        *slot = l;
    else
        free(l.reason);
}

static void read_wish(struct reader *r, struct or_specialist *s, const struct ynode *n, bool prefer)
{
    static const char *const keys[] = {"days", "dates", "campus", "activity", "weight"};
    struct or_wish *w = GROW(r, s->wishes, s->nwishes);
    if (!w)
        return;
    w->prefer = prefer;
    w->weight = 1;
    w->pos = P(r, n);
    w->campus.index = w->activity.index = -1;
    if (n->type == Y_SCALAR) {
        read_halfdays(r, n, w->days);
        return;
    }
    if (!want(r, n, Y_MAP, "a day such as fri-pm, or a mapping with days, campus, activity"))
        return;
    CHECK_KEYS(r, n, keys, "a wish");
    const struct ynode *v;
    if ((v = ynode_get(n, "days")))
        read_halfdays(r, v, w->days);
    if ((v = ynode_get(n, "dates")))
        w->has_dates = read_date_range(r, v, &w->from, &w->to);
    if ((v = ynode_get(n, "campus")))
        read_ref(r, v, &w->campus, "campus id");
    if ((v = ynode_get(n, "activity")))
        read_ref(r, v, &w->activity, "activity id");
    if ((v = ynode_get(n, "weight")))
        read_int(r, v, 1, 100, &w->weight, "weight");
    if (!ynode_get(n, "days") && !ynode_get(n, "dates") && !ynode_get(n, "campus") &&
        !ynode_get(n, "activity"))
        error(r, n, "a wish needs at least one of 'days:', 'dates:', 'campus:' or 'activity:'");
}

static void read_split(struct reader *r, struct or_specialist *s, const struct ynode *n)
{
    if (!want(r, n, Y_MAP, "a mapping of campus: percent range such as 40-60"))
        return;
    for (size_t i = 0; i + 1 < n->n; i += 2) {
        const struct ynode *key = n->items[i], *val = n->items[i + 1];
        struct or_split *sp = GROW(r, s->split, s->nsplit);
        if (!sp)
            return;
        sp->pos = P(r, val);
        if (!read_ref(r, key, &sp->campus, "campus id") ||
            !want(r, val, Y_SCALAR, "a percent range such as 40-60")) {
            free(sp->campus.id);
            s->nsplit--;
            continue;
        }
        char buf[32];
        size_t len = val->len;
        if (len && val->text[len - 1] == '%')
            len--;
        long lo, hi;
        bool ok = len < sizeof(buf);
        if (ok) {
            memcpy(buf, val->text, len);
            buf[len] = '\0';
            char *dash = strchr(buf, '-');
            if (dash) {
                *dash = '\0';
                ok = parse_long(buf, &lo) && parse_long(dash + 1, &hi);
            } else {
                ok = parse_long(buf, &lo);
                hi = lo;
            }
        }
        if (!ok || lo < 0 || hi > 100 || lo > hi) {
            error(r, val,
                  "'%s' is not a percent range; write e.g. 40-60 with 0 <= low <= high <= 100",
                  val->text);
            free(sp->campus.id);
            s->nsplit--;
            continue;
        }
        sp->min_pct = (int)lo;
        sp->max_pct = (int)hi;
    }
}

static void read_carry(struct reader *r, struct or_specialist *s, const struct ynode *n)
{
    static const char *const keys[] = {"on_call", "weekends", "holidays", "sessions"};
    int *fields[] = {&s->carry.on_call, &s->carry.weekends, &s->carry.holidays, &s->carry.sessions};
    if (!want(r, n, Y_MAP, "a mapping of carried-over counts"))
        return;
    CHECK_KEYS(r, n, keys, "'carry'");
    for (size_t i = 0; i < 4; i++) {
        const struct ynode *v = ynode_get(n, keys[i]);
        if (v)
            read_int(r, v, i == 3 ? -1000 : 0, 1000, fields[i], keys[i]);
    }
}

/* 'hours: 120-160' (or one number, a maximum): worked time in the horizon. */
static void read_hours(struct reader *r, struct or_specialist *s, const struct ynode *v)
{
    s->load_pos = P(r, v);
    if (!want(r, v, Y_SCALAR, "hours such as 120-160, or 160 for a maximum only"))
        return;
    long lo = 0, hi;
    char buf[32];
    const char *dash = strchr(v->text, '-');
    bool ok = v->len < sizeof(buf);
    if (ok && dash) {
        memcpy(buf, v->text, (size_t)(dash - v->text));
        buf[dash - v->text] = '\0';
        ok = parse_long(buf, &lo) && parse_long(dash + 1, &hi);
    } else if (ok) {
        ok = parse_long(v->text, &hi);
    }
    if (!ok || lo < 0 || hi < lo || hi > 10000) {
        error(r, v,
              "'%s' is not an hours range; write e.g. 120-160 (at least 120, at most 160 hours "
              "in the horizon) or 160 for a maximum only",
              v->text);
        return;
    }
    s->min_minutes = (int)lo * 60;
    s->max_minutes = (int)hi * 60;
}

/* 'max_activity: {on-call: 4}': most occurrences of an activity. */
static void read_limits(struct reader *r, struct or_specialist *s, const struct ynode *n)
{
    if (!want(r, n, Y_MAP, "a mapping of activity: most occurrences, such as {on-call: 4}"))
        return;
    for (size_t i = 0; i + 1 < n->n; i += 2) {
        const struct ynode *key = n->items[i], *val = n->items[i + 1];
        struct or_limit *l = GROW(r, s->limits, s->nlimits);
        if (!l)
            return;
        l->pos = P(r, val);
        if (!read_ref(r, key, &l->activity, "activity id") ||
            !read_int(r, val, 0, 1000, &l->max, "the most occurrences")) {
            free(l->activity.id);
            s->nlimits--;
        }
    }
}

static void read_specialist(struct reader *r, const struct ynode *n)
{
    static const char *const keys[] = {"id",           "name",
                                       "email",        "fte",
                                       "target",       "max_week",
                                       "max_month",    "max_consecutive_days",
                                       "campuses",     "skills",
                                       "unavailable",  "leave",
                                       "requests",     "prefer",
                                       "avoid",        "split",
                                       "carry",        "min_consecutive_days",
                                       "min_days_off", "max_weekends",
                                       "hours",        "max_activity"};
    if (!want(r, n, Y_MAP, "a specialist (a mapping with id, name, fte, skills)"))
        return;
    struct or_department *d = r->dept;
    struct or_specialist *s = GROW(r, d->specialists, d->nspecialists);
    if (!s)
        return;
    s->pos = P(r, n);
    s->target_week = s->max_week = s->max_month = s->max_consecutive = -1;
    s->max_weekends = s->max_minutes = -1;
    CHECK_KEYS(r, n, keys, "a specialist");
    const struct ynode *v;
    if (!(v = ynode_get(n, "id")))
        error(r, n, "a specialist needs an 'id:'");
    else
        read_id(r, v, &s->id, "specialist id");
    if ((v = ynode_get(n, "name")))
        read_string(r, v, &s->name, "the specialist's name");
    if (!s->name && s->id)
        s->name = dup_text(r, s->id);
    if ((v = ynode_get(n, "email")) && read_string(r, v, &s->email, "the e-mail address") &&
        (!strchr(s->email, '@') || strpbrk(s->email, " \t\r\n,;<>")))
        error(r, v, "'%s' is not an e-mail address", s->email);
    if ((v = ynode_get(n, "fte"))) {
        s->fte_pos = P(r, v);
        double fte = 0;
        if (read_number(r, v, &fte, "fte")) {
            if (fte <= 0)
                error(r, v, "FTE must be more than 0; write e.g. 'fte: 0.8'");
            else if (fte > 1.5)
                error(r, v, "FTE %g is more than 1.5; write e.g. 'fte: 1.0'", fte);
            else
                s->fte = fte;
        }
    }
    if ((v = ynode_get(n, "target"))) {
        s->load_pos = P(r, v);
        read_int(r, v, 0, 30, &s->target_week, "target");
    }
    if ((v = ynode_get(n, "max_week"))) {
        s->load_pos = P(r, v);
        read_int(r, v, 0, 40, &s->max_week, "max_week");
    }
    if ((v = ynode_get(n, "max_month"))) {
        s->load_pos = P(r, v);
        read_int(r, v, 1, 200, &s->max_month, "max_month");
    }
    if ((v = ynode_get(n, "max_consecutive_days")))
        read_int(r, v, 1, 31, &s->max_consecutive, "max_consecutive_days");
    if ((v = ynode_get(n, "min_consecutive_days"))) {
        s->runs_pos = P(r, v);
        read_int(r, v, 1, 31, &s->min_consecutive, "min_consecutive_days");
    }
    if ((v = ynode_get(n, "min_days_off")))
        read_int(r, v, 1, 31, &s->min_days_off, "min_days_off");
    if ((v = ynode_get(n, "max_weekends")))
        read_int(r, v, 0, 60, &s->max_weekends, "max_weekends");
    if ((v = ynode_get(n, "hours")))
        read_hours(r, s, v);
    if ((v = ynode_get(n, "max_activity")))
        read_limits(r, s, v);
    if ((v = ynode_get(n, "campuses")))
        read_ref_list(r, v, &s->campuses, &s->ncampuses, "campus id");
    if ((v = ynode_get(n, "skills")))
        read_ref_list(r, v, &s->skills, &s->nskills, "skill id");
    if ((v = ynode_get(n, "unavailable")))
        read_halfdays(r, v, s->unavailable);
    if ((v = ynode_get(n, "leave"))) {
        if (v->type == Y_SEQ)
            for (size_t i = 0; i < v->n; i++)
                read_leave_item(r, s, v->items[i]);
        else
            read_leave_item(r, s, v);
    }
    if ((v = ynode_get(n, "requests")))
        read_requests(r, s, v);
    for (int pref = 1; pref >= 0; pref--) {
        if (!(v = ynode_get(n, pref ? "prefer" : "avoid")))
            continue;
        if (v->type == Y_SEQ)
            for (size_t i = 0; i < v->n; i++)
                read_wish(r, s, v->items[i], pref);
        else
            read_wish(r, s, v, pref);
    }
    if ((v = ynode_get(n, "split")))
        read_split(r, s, v);
    if ((v = ynode_get(n, "carry")))
        read_carry(r, s, v);
}

/* ---- pins ------------------------------------------------------------------ */

static void read_pin(struct reader *r, const struct ynode *n, bool must)
{
    static const char *const keys[] = {"specialist", "activity", "dates"};
    if (!want(r, n, Y_MAP, "a pin (a mapping with specialist, activity, dates)"))
        return;
    struct or_department *d = r->dept;
    struct or_pin *p = GROW(r, d->pins, d->npins);
    if (!p)
        return;
    p->must = must;
    p->pos = P(r, n);
    p->specialist.index = p->activity.index = -1;
    CHECK_KEYS(r, n, keys, "a pin");
    const struct ynode *v;
    if (!(v = ynode_get(n, "specialist")))
        error(r, n, "a pin needs 'specialist:'");
    else
        read_ref(r, v, &p->specialist, "specialist id");
    if (!(v = ynode_get(n, "activity")))
        error(r, n, "a pin needs 'activity:'");
    else
        read_ref(r, v, &p->activity, "activity id");
    if ((v = ynode_get(n, "dates")))
        p->has_dates = read_date_range(r, v, &p->from, &p->to);
    else if (must)
        error(r, n, "a 'must' pin needs 'dates:'; only 'must_not' may hold on every date");
}

static void read_pins(struct reader *r, const struct ynode *n)
{
    static const char *const keys[] = {"must", "must_not"};
    if (!want(r, n, Y_MAP, "a mapping with 'must:' and 'must_not:' lists"))
        return;
    CHECK_KEYS(r, n, keys, "'pins'");
    for (int must = 1; must >= 0; must--) {
        const struct ynode *v = ynode_get(n, must ? "must" : "must_not");
        if (!v || !want(r, v, Y_SEQ, "a list of pins"))
            continue;
        if (v->n > 10000) {
            error(r, v, "more than 10000 pins; pin fewer assignments");
            continue;
        }
        for (size_t i = 0; i < v->n; i++)
            read_pin(r, v->items[i], must);
    }
}

/* ---- the whole file -------------------------------------------------------- */

typedef void (*item_reader)(struct reader *r, const struct ynode *n);

/* Most entries of each list: far above any network's needs, low enough that
 * the model and its checks stay within memory and time. */
static size_t list_limit(const char *key)
{
    if (strcmp(key, "campuses") == 0)
        return 100;
    if (strcmp(key, "skills") == 0)
        return 200;
    if (strcmp(key, "activities") == 0)
        return 2000;
    return 1000; /* specialists */
}

static void read_list(struct reader *r, const struct ynode *root, const char *key, item_reader fn,
                      bool required)
{
    const struct ynode *v = ynode_get(root, key);
    if (!v) {
        /* A misspelt key was already reported with this one as suggestion. */
        for (size_t i = 0; i + 1 < root->n; i += 2) {
            const char *k = root->items[i]->text;
            if (root->items[i]->type == Y_SCALAR && or_suggest(k, &key, 1))
                return;
        }
        if (required)
            error(r, root, "the department file has no '%s:' list; add one", key);
        return;
    }
    if (v->type != Y_SEQ) {
        error(r, v, "'%s:' must be a list with one '- id: ...' entry per item, found %s", key,
              ynode_type_name(v));
        return;
    }
    if (v->n > list_limit(key)) {
        error(r, v,
              "'%s:' has %zu entries, more than the %zu oncoroster rosters at once; split the "
              "department",
              key, v->n, list_limit(key));
        return;
    }
    for (size_t i = 0; i < v->n; i++)
        fn(r, v->items[i]);
}

static void read_root(struct reader *r, const struct ynode *root)
{
    static const char *const keys[] = {"department", "rules",      "weights",     "campuses",
                                       "skills",     "activities", "specialists", "pins"};
    if (!root || root->type != Y_MAP) {
        error(r, root,
              "a department file is a mapping with department, campuses, activities and "
              "specialists; see examples/vilvoorde-mechelen.yaml");
        return;
    }
    r->dept->pos = P(r, root);
    CHECK_KEYS(r, root, keys, "the department file");
    const struct ynode *v;
    /* Rules first: activity defaults depend on them. */
    if ((v = ynode_get(root, "department")))
        read_department_block(r, v);
    else
        error(r, root, "the department file has no 'department:' block with its name");
    if ((v = ynode_get(root, "rules")))
        read_rules(r, v);
    if ((v = ynode_get(root, "weights")))
        read_weights(r, v);
    read_list(r, root, "campuses", read_campus, false); /* none: the resolver says so */
    read_list(r, root, "skills", read_skill, false);
    read_list(r, root, "activities", read_activity, true);
    read_list(r, root, "specialists", read_specialist, true);
    if ((v = ynode_get(root, "pins")))
        read_pins(r, v);
}

int or_input_read_department_text(struct or_department **out, const char *name,
                                  const char *base_dir, const char *text, size_t len, or_day first,
                                  or_day last, struct or_diags *diags)
{
    *out = NULL;
    size_t errors_before = diags->errors;
    struct or_department *dept = or_department_new();
    const char *file = dept ? or_department_intern_file(dept, name) : NULL;
    if (!file) {
        or_department_free(dept);
        or_diags_add(diags, OR_ERROR, (or_pos){name, 0, 0}, "out of memory");
        return -1;
    }
    struct reader r = {dept, file, base_dir, first, last, diags, false};
    size_t blank = 0; /* the text need not end in a NUL */
    while (blank < len && strchr(" \t\r\n", text[blank]) && text[blank] != '\0')
        blank++;
    if (blank == len) {
        error(&r, NULL,
              "the department file is empty; start from examples/vilvoorde-mechelen.yaml");
        or_department_free(dept);
        return -1;
    }
    struct ynode *root = NULL;
    if (!input_check_utf8(text, len, file, diags) ||
        yaml_load(&root, file, text, len, diags) != 0) {
        or_department_free(dept);
        return -1;
    }
    if (!root || root->type != Y_MAP) {
        read_root(&r, root); /* reports what a department file looks like */
        ynode_free(root);
        or_department_free(dept);
        return -1;
    }
    read_root(&r, root);
    ynode_free(root);
    if (!dept->timezone && !(dept->timezone = strdup("Europe/Brussels")))
        r.nomem = true;
    if (r.nomem)
        or_diags_add(diags, OR_ERROR, (or_pos){file, 0, 0}, "out of memory");
    /* With errors, the partial department still goes out so that the
     * resolver can report the remaining problems in the same run. */
    *out = dept;
    return diags->errors == errors_before ? 0 : -1;
}

int or_input_read_department(struct or_department **out, const char *path, or_day first,
                             or_day last, struct or_diags *diags)
{
    char *text;
    size_t len;
    *out = NULL;
    if (input_slurp(&text, &len, path, OR_INPUT_MAX_FILE, (or_pos){path, 0, 0}, diags) != 0)
        return -1;
    char *dir = strdup(path);
    if (!dir) {
        free(text);
        or_diags_add(diags, OR_ERROR, (or_pos){path, 0, 0}, "out of memory");
        return -1;
    }
    char *slash = strrchr(dir, '/');
    if (slash)
        slash[slash == dir ? 1 : 0] = '\0';
    else
        strcpy(dir, ".");
    int rc = or_input_read_department_text(out, path, dir, text, len, first, last, diags);
    free(dir);
    free(text);
    return rc;
}
