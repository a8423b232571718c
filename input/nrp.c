/*
 * nrp.c - reads a shift-scheduling instance in the text format of Curtois
 * and Qu (2014, schedulingbenchmarks.org) into the domain model, so that the
 * same program and search solve it as any department:
 *
 *   shift type        -> activity on one site, every day, 00:00 + its length
 *   "cannot follow"   -> not_followed_by (H10)
 *   staff line        -> specialist: most shifts per type (max_activity),
 *                        minutes window (hours), most and fewest days in a
 *                        row, fewest days off in a row, most weekends
 *   days off          -> leave (whole days)
 *   on / off request  -> prefer / avoid wish on that date and shift, weighted
 *   cover line        -> demand on that date: minimum = requirement, with
 *                        its under and over weights; no maximum
 *
 * Day 0 of the instance is `first` (a Monday).  The department's other soft
 * rules get weight 0, so the roster's cost is the benchmark's objective
 * minus the weights of all on requests (a granted one counts -weight here,
 * an ungranted one +weight there); or_nrp_offset() gives that constant.
 * Every error names the line and column.
 */
#include "input_internal.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NRP_MAX_DAYS    731 /* two years: the largest instance has 364 days */
#define NRP_MAX_SHIFTS  100
#define NRP_MAX_STAFF   1000
#define NRP_HOURS_SHORT 100000 /* cost per hour below a minimum: never worth it */

enum section {
    SEC_NONE,
    SEC_HORIZON,
    SEC_SHIFTS,
    SEC_STAFF,
    SEC_DAYS_OFF,
    SEC_ON,
    SEC_OFF,
    SEC_COVER,
    SEC_UNKNOWN, /* after an unknown header: its lines are skipped */
};

/* One comma-separated field of a line. */
struct field {
    char *text; /* NUL-terminated, spaces trimmed */
    int col;    /* 1-based column of its first character */
};

struct nrp_reader {
    struct or_department *dept;
    const char *file; /* interned */
    struct or_diags *diags;
    int line;
    int horizon;     /* days; 0 until read */
    int *cover_seen; /* per shift x day: line of its cover entry, 0 = none */
    char **rejected; /* ids of shift and staff lines refused: named later, no error */
    size_t nrejected;
    bool nomem;
};

__attribute__((format(printf, 3, 4))) static void nrp_error(struct nrp_reader *r, int col,
                                                            const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    or_diags_vadd(r->diags, OR_ERROR, (or_pos){r->file, r->line, col}, fmt, ap);
    va_end(ap);
}

static or_pos here(const struct nrp_reader *r, int col)
{
    return (or_pos){r->file, r->line, col};
}

/* Splits `line` (modified in place) at `sep` into at most max fields. */
static size_t split(char *line, int base_col, char sep, struct field *out, size_t max)
{
    size_t n = 0;
    char *p = line;
    for (;;) {
        char *end = strchr(p, sep);
        if (end)
            *end = '\0';
        char *a = p;
        while (*a == ' ' || *a == '\t')
            a++;
        char *z = a + strlen(a);
        while (z > a && (z[-1] == ' ' || z[-1] == '\t'))
            z--;
        *z = '\0';
        if (n < max)
            out[n] = (struct field){a, base_col + (int)(a - line)};
        n++;
        if (!end)
            break;
        p = end + 1;
    }
    return n;
}

/* A whole number lo..hi, or an error naming `what`. */
static bool number(struct nrp_reader *r, const struct field *f, long lo, long hi, long *out,
                   const char *what)
{
    char *end;
    errno = 0;
    long v = strtol(f->text, &end, 10);
    bool digits = isdigit((unsigned char)f->text[0]) ||
                  (f->text[0] == '-' && isdigit((unsigned char)f->text[1]));
    if (!digits || *end != '\0' || errno != 0) {
        nrp_error(r, f->col, "%s '%s' is not a whole number", what, f->text);
        return false;
    }
    if (v < lo || v > hi) {
        nrp_error(r, f->col, "%s %ld is out of range; give %ld to %ld", what, v, lo, hi);
        return false;
    }
    *out = v;
    return true;
}

static bool valid_nrp_id(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 64 || !isalnum((unsigned char)s[0]))
        return false;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)s[i]) && s[i] != '-' && s[i] != '_' && s[i] != '.')
            return false;
    return true;
}

static char *id_copy(struct nrp_reader *r, const struct field *f, const char *what)
{
    if (!valid_nrp_id(f->text)) {
        nrp_error(r, f->col,
                  "'%s' is not a valid %s; use up to 64 letters, digits, '-', '_' or '.', "
                  "starting with a letter or digit",
                  f->text, what);
        return NULL;
    }
    char *s = strdup(f->text);
    if (!s)
        r->nomem = true;
    return s;
}

static void *grow_array(struct nrp_reader *r, void **array, size_t *n, size_t size)
{
    void *item = input_grow(array, n, size);
    if (!item)
        r->nomem = true;
    return item;
}

#define GROW(r, array, n) grow_array((r), (void **)&(array), &(n), sizeof(*(array)))

/* Remembers the id of a refused line, so that lines naming it later are
 * not reported as naming an unknown one. */
static void reject(struct nrp_reader *r, const char *id)
{
    char **more = realloc(r->rejected, (r->nrejected + 1) * sizeof(*more));
    if (!more) {
        r->nomem = true;
        return;
    }
    r->rejected = more;
    r->rejected[r->nrejected] = strdup(id);
    if (!r->rejected[r->nrejected])
        r->nomem = true;
    else
        r->nrejected++;
}

static bool was_rejected(const struct nrp_reader *r, const char *id)
{
    for (size_t i = 0; i < r->nrejected; i++)
        if (strcmp(r->rejected[i], id) == 0)
            return true;
    return false;
}

static int shift_index(const struct or_department *d, const char *id)
{
    return or_department_activity(d, id);
}

/* An employee named on a line, or an error. */
static struct or_specialist *employee(struct nrp_reader *r, const struct field *f)
{
    int s = or_department_specialist(r->dept, f->text);
    if (s < 0) {
        if (!was_rejected(r, f->text))
            nrp_error(r, f->col, "unknown employee '%s'; list them in SECTION_STAFF first",
                      f->text);
        return NULL;
    }
    return &r->dept->specialists[s];
}

/* A shift named on a line, or an error. */
static int shift(struct nrp_reader *r, const struct field *f)
{
    int a = shift_index(r->dept, f->text);
    if (a < 0 && !was_rejected(r, f->text))
        nrp_error(r, f->col, "unknown shift '%s'; list it in SECTION_SHIFTS first", f->text);
    return a;
}

static bool day_number(struct nrp_reader *r, const struct field *f, long *day)
{
    if (r->horizon == 0) {
        nrp_error(r, f->col, "a day before the horizon is known; put SECTION_HORIZON first");
        return false;
    }
    return number(r, f, 0, r->horizon - 1, day, "day");
}

static bool want_fields(struct nrp_reader *r, const struct field *f, size_t n, size_t lo, size_t hi,
                        const char *shape)
{
    if (n >= lo && n <= hi)
        return true;
    nrp_error(r, f[0].col, "expected %s, found %zu field%s", shape, n, n == 1 ? "" : "s");
    return false;
}

static void read_horizon(struct nrp_reader *r, struct field *f, size_t n)
{
    long days;
    if (r->horizon) {
        nrp_error(r, f[0].col, "the horizon is given twice; keep one number");
        return;
    }
    if (!want_fields(r, f, n, 1, 1, "one number, the days of the horizon") ||
        !number(r, &f[0], 1, NRP_MAX_DAYS, &days, "horizon"))
        return;
    r->horizon = (int)days;
}

static void read_shift(struct nrp_reader *r, struct field *f, size_t n)
{
    struct or_department *d = r->dept;
    long minutes;
    if (!want_fields(r, f, n, 2, 3, "ShiftID,LengthInMinutes,CannotFollow1|CannotFollow2|...")) {
        reject(r, f[0].text);
        return;
    }
    if (d->nactivities >= NRP_MAX_SHIFTS) {
        nrp_error(r, f[0].col,
                  "more than %d shift types; this is not a shift-scheduling "
                  "instance oncoroster can solve",
                  NRP_MAX_SHIFTS);
        return;
    }
    if (shift_index(d, f[0].text) >= 0) {
        nrp_error(r, f[0].col, "shift '%s' is defined twice; keep one line", f[0].text);
        return;
    }
    char *id = id_copy(r, &f[0], "shift id");
    struct or_activity *a = NULL;
    if (number(r, &f[1], 1, 1440, &minutes, "shift length in minutes") && id)
        a = GROW(r, d->activities, d->nactivities);
    if (!a) {
        free(id);
        reject(r, f[0].text);
        return;
    }
    a->id = id;
    a->name = strdup(id);
    a->pos = here(r, f[0].col);
    a->time_pos = a->staff_pos = a->days_pos = here(r, f[1].col);
    a->campus = (or_ref){strdup("site"), here(r, f[0].col), -1};
    a->kind = OR_KIND_OTHER;
    a->weekdays = OR_WEEKDAYS_ALL;
    a->start = 0;
    a->end = (int)minutes;
    a->min_staff = 0;
    a->max_staff = NRP_MAX_STAFF;
    a->on_holidays = true;
    a->continuity = OR_CONTINUITY_NONE;
    a->quarters = 4;         /* one session */
    a->shortfall_weight = 0; /* a day and shift without a cover line asks for nobody */
    if (!a->name || !a->campus.id)
        r->nomem = true;
    /* The shifts that may not follow it: resolved once all are read. */
    if (n == 3 && f[2].text[0]) {
        struct field follow[NRP_MAX_SHIFTS + 1];
        size_t m = split(f[2].text, f[2].col, '|', follow, NRP_MAX_SHIFTS + 1);
        if (m > NRP_MAX_SHIFTS) {
            nrp_error(r, f[2].col, "more than %d shifts that cannot follow", NRP_MAX_SHIFTS);
            return;
        }
        for (size_t k = 0; k < m; k++) {
            if (follow[k].text[0] == '\0')
                continue;
            or_ref *ref = GROW(r, a->not_followed_by, a->nnot_followed_by);
            if (!ref)
                return;
            *ref = (or_ref){strdup(follow[k].text), here(r, follow[k].col), -1};
            if (!ref->id)
                r->nomem = true;
        }
    }
}

/* "D=14|N=3": the most shifts of each type. */
static void read_max_shifts(struct nrp_reader *r, struct or_specialist *s, struct field *f)
{
    struct field parts[NRP_MAX_SHIFTS + 1];
    size_t m = split(f->text, f->col, '|', parts, NRP_MAX_SHIFTS + 1);
    if (m > NRP_MAX_SHIFTS) {
        nrp_error(r, f->col, "more than %d shift maxima", NRP_MAX_SHIFTS);
        return;
    }
    for (size_t k = 0; k < m; k++) {
        if (parts[k].text[0] == '\0')
            continue;
        struct field kv[3];
        if (split(parts[k].text, parts[k].col, '=', kv, 3) != 2) {
            nrp_error(r, parts[k].col,
                      "'%s' is not a shift maximum; write ShiftID=number, "
                      "such as D=14",
                      parts[k].text);
            continue;
        }
        long most;
        if (shift(r, &kv[0]) < 0 || !number(r, &kv[1], 0, NRP_MAX_DAYS, &most, "shift maximum"))
            continue;
        bool twice = false;
        for (size_t i = 0; i < s->nlimits; i++)
            twice = twice || strcmp(s->limits[i].activity.id, kv[0].text) == 0;
        if (twice) {
            nrp_error(r, kv[0].col, "shift '%s' has two maxima for this employee; keep one",
                      kv[0].text);
            continue;
        }
        struct or_limit *l = GROW(r, s->limits, s->nlimits);
        if (!l)
            return;
        *l = (struct or_limit){
            {strdup(kv[0].text), here(r, kv[0].col), -1}, (int)most, here(r, kv[1].col)};
        if (!l->activity.id)
            r->nomem = true;
    }
}

static void read_staff(struct nrp_reader *r, struct field *f, size_t n)
{
    struct or_department *d = r->dept;
    if (!want_fields(r, f, n, 8, 8,
                     "ID,MaxShifts,MaxTotalMinutes,MinTotalMinutes,MaxConsecutiveShifts,"
                     "MinConsecutiveShifts,MinConsecutiveDaysOff,MaxWeekends")) {
        reject(r, f[0].text);
        return;
    }
    if (d->nspecialists >= NRP_MAX_STAFF) {
        nrp_error(r, f[0].col, "more than %d employees; split the instance", NRP_MAX_STAFF);
        return;
    }
    if (or_department_specialist(d, f[0].text) >= 0) {
        nrp_error(r, f[0].col, "employee '%s' is listed twice; keep one line", f[0].text);
        return;
    }
    long v[6];
    static const char *const what[] = {"MaxTotalMinutes",       "MinTotalMinutes",
                                       "MaxConsecutiveShifts",  "MinConsecutiveShifts",
                                       "MinConsecutiveDaysOff", "MaxWeekends"};
    bool ok = true;
    for (int k = 0; k < 6; k++)
        ok = number(r, &f[2 + k],
                    k < 2    ? 0
                    : k == 2 ? 1
                             : 0,
                    k < 2 ? 1440L * NRP_MAX_DAYS : NRP_MAX_DAYS, &v[k], what[k]) &&
             ok;
    char *id = id_copy(r, &f[0], "employee id");
    struct or_specialist *s = id && ok ? GROW(r, d->specialists, d->nspecialists) : NULL;
    if (!s) {
        free(id);
        reject(r, f[0].text);
        return;
    }
    s->id = id;
    s->name = strdup(id);
    if (!s->name)
        r->nomem = true;
    s->pos = s->load_pos = s->runs_pos = here(r, f[0].col);
    s->fte = 1.0;
    s->target_week = 5; /* balance has weight 0: only the range matters */
    s->max_week = 7;    /* one shift a day is the rule that binds */
    s->max_month = -1;
    s->max_minutes = (int)v[0];
    s->min_minutes = (int)v[1];
    s->max_consecutive = (int)v[2];
    s->min_consecutive = (int)v[3];
    s->min_days_off = (int)v[4];
    s->max_weekends = (int)v[5];
    /* Reported in the instance's words; cleared so that resolving does not
     * report them again in the department file's. */
    if (s->min_minutes > s->max_minutes) {
        nrp_error(r, f[3].col, "MinTotalMinutes %ld is above MaxTotalMinutes %ld", v[1], v[0]);
        s->min_minutes = 0;
    }
    if (v[3] > v[2]) {
        nrp_error(r, f[5].col, "MinConsecutiveShifts %ld is above MaxConsecutiveShifts %ld", v[3],
                  v[2]);
        s->min_consecutive = 0;
    }
    read_max_shifts(r, s, &f[1]);
}

static void read_days_off(struct nrp_reader *r, struct field *f, size_t n)
{
    if (!want_fields(r, f, n, 1, (size_t)NRP_MAX_DAYS + 1, "EmployeeID,Day,Day,..."))
        return;
    struct or_specialist *s = employee(r, &f[0]);
    if (!s)
        return;
    for (size_t k = 1; k < n; k++) {
        long day;
        if (f[k].text[0] == '\0' || !day_number(r, &f[k], &day))
            continue;
        struct or_leave *l = GROW(r, s->leave, s->nleave);
        if (!l)
            return;
        l->kind = OR_LEAVE_DAYS;
        l->from = l->to = 0; /* set by the caller once the first day is known */
        l->halves = OR_WHOLE_DAY;
        l->from_min = (int)day; /* the instance's day, until then */
        l->pos = here(r, f[k].col);
        l->reason = strdup("day off");
        if (!l->reason)
            r->nomem = true;
    }
}

static void read_request(struct nrp_reader *r, struct field *f, size_t n, bool on)
{
    if (!want_fields(r, f, n, 4, 4, "EmployeeID,Day,ShiftID,Weight"))
        return;
    struct or_specialist *s = employee(r, &f[0]);
    long day, weight;
    bool ok = s != NULL;
    ok = day_number(r, &f[1], &day) && ok;
    ok = shift(r, &f[2]) >= 0 && ok;
    ok = number(r, &f[3], 1, 100, &weight, "weight") && ok;
    if (!ok)
        return;
    struct or_wish *w = GROW(r, s->wishes, s->nwishes);
    if (!w)
        return;
    w->prefer = on;
    w->activity = (or_ref){strdup(f[2].text), here(r, f[2].col), -1};
    w->campus.index = -1;
    w->has_dates = true;
    w->from = w->to = (or_day)day; /* the instance's day, until shifted */
    w->weight = (int)weight;
    w->pos = here(r, f[0].col);
    if (!w->activity.id)
        r->nomem = true;
}

static void read_cover(struct nrp_reader *r, struct field *f, size_t n)
{
    if (!want_fields(r, f, n, 5, 5, "Day,ShiftID,Requirement,WeightForUnder,WeightForOver"))
        return;
    long day, need, under, over;
    bool ok = day_number(r, &f[0], &day);
    int a = shift(r, &f[1]);
    ok = a >= 0 && ok;
    ok = number(r, &f[2], 0, NRP_MAX_STAFF, &need, "requirement") && ok;
    ok = number(r, &f[3], 0, 1000000, &under, "weight for under") && ok;
    ok = number(r, &f[4], 0, 1000000, &over, "weight for over") && ok;
    if (!ok)
        return;
    int *seen = &r->cover_seen[(size_t)a * NRP_MAX_DAYS + (size_t)day];
    if (*seen) {
        nrp_error(r, f[0].col, "day %ld, shift '%s' has a cover line already (line %d); keep one",
                  day, f[1].text, *seen);
        return;
    }
    *seen = r->line;
    struct or_activity *act = &r->dept->activities[a];
    struct or_demand *dm = GROW(r, act->demand, act->ndemand);
    if (!dm)
        return;
    dm->from = dm->to = (or_day)day; /* the instance's day, until shifted */
    dm->min_staff = (int)need;
    dm->max_staff = NRP_MAX_STAFF;
    dm->shortfall_weight = (int)under;
    dm->over_weight = (int)over;
    dm->pos = here(r, f[0].col);
}

/* The format is plain ASCII text: reports the first byte that is not. */
static bool plain_text(const char *text, size_t len, const char *file, struct or_diags *diags)
{
    int line = 1, col = 1;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == '\n') {
            line++;
            col = 1;
            continue;
        }
        if (c >= 0x80 || (c < 0x20 && c != '\t' && c != '\r') || c == 0x7f) {
            or_diags_add(diags, OR_ERROR, (or_pos){file, line, col},
                         "byte 0x%02x is not text; an instance is a plain text file in the "
                         "format of Curtois & Qu (2014)",
                         c);
            return false;
        }
        col++;
    }
    return true;
}

static enum section section_of(const char *s)
{
    static const struct {
        const char *name;
        enum section sec;
    } names[] = {
        {"SECTION_HORIZON", SEC_HORIZON},      {"SECTION_SHIFTS", SEC_SHIFTS},
        {"SECTION_STAFF", SEC_STAFF},          {"SECTION_DAYS_OFF", SEC_DAYS_OFF},
        {"SECTION_SHIFT_ON_REQUESTS", SEC_ON}, {"SECTION_SHIFT_OFF_REQUESTS", SEC_OFF},
        {"SECTION_COVER", SEC_COVER},
    };
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (strcmp(s, names[i].name) == 0)
            return names[i].sec;
    return SEC_NONE;
}

/* Moves every day number read into dates from `first`, and resolves. */
static void place_days(struct or_department *d, or_day first)
{
    for (size_t i = 0; i < d->nactivities; i++)
        for (size_t k = 0; k < d->activities[i].ndemand; k++) {
            d->activities[i].demand[k].from += first;
            d->activities[i].demand[k].to += first;
        }
    for (size_t i = 0; i < d->nspecialists; i++) {
        struct or_specialist *s = &d->specialists[i];
        for (size_t k = 0; k < s->nleave; k++) {
            s->leave[k].from = s->leave[k].to = first + s->leave[k].from_min;
            s->leave[k].from_min = 0;
        }
        for (size_t k = 0; k < s->nwishes; k++) {
            s->wishes[k].from += first;
            s->wishes[k].to += first;
        }
    }
}

static int read_lines(struct nrp_reader *r, char *text, size_t len)
{
    enum section sec = SEC_NONE;
    bool seen[SEC_UNKNOWN + 1] = {false}, any = false;
    size_t errors_before = r->diags->errors;
    char *p = text, *end = text + len;
    struct field *f = malloc((NRP_MAX_DAYS + 2) * sizeof(*f));
    if (!f) {
        r->nomem = true;
        return -1;
    }
    while (p < end && !r->nomem && r->diags->errors < 50) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *stop = nl ? nl : end;
        *stop = '\0';
        r->line++;
        char *line = p;
        p = stop + 1;
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        size_t n = strlen(line);
        while (n && (line[n - 1] == '\r' || line[n - 1] == ' ' || line[n - 1] == '\t'))
            line[--n] = '\0';
        char *start = line;
        while (*start == ' ' || *start == '\t')
            start++;
        if (*start == '\0')
            continue;
        int col = 1 + (int)(start - line);
        any = true;
        if (strncmp(start, "SECTION_", 8) == 0) {
            sec = section_of(start);
            if (sec == SEC_NONE) {
                sec = SEC_UNKNOWN;
                nrp_error(r, col,
                          "unknown section '%s'; the sections are SECTION_HORIZON, "
                          "SECTION_SHIFTS, SECTION_STAFF, SECTION_DAYS_OFF, "
                          "SECTION_SHIFT_ON_REQUESTS, SECTION_SHIFT_OFF_REQUESTS and "
                          "SECTION_COVER",
                          start);
            } else if (seen[sec]) {
                nrp_error(r, col, "%s appears twice; merge its lines into one section", start);
            }
            if (sec != SEC_UNKNOWN)
                seen[sec] = true;
            continue;
        }
        size_t nf = split(start, col, ',', f, NRP_MAX_DAYS + 2);
        if (nf > NRP_MAX_DAYS + 1) {
            nrp_error(r, col, "a line with more than %d fields", NRP_MAX_DAYS + 1);
            continue;
        }
        switch (sec) {
        case SEC_NONE:
            nrp_error(r, col, "a line outside any section; start the file with SECTION_HORIZON");
            break;
        case SEC_HORIZON:
            read_horizon(r, f, nf);
            break;
        case SEC_SHIFTS:
            read_shift(r, f, nf);
            break;
        case SEC_STAFF:
            read_staff(r, f, nf);
            break;
        case SEC_DAYS_OFF:
            read_days_off(r, f, nf);
            break;
        case SEC_ON:
        case SEC_OFF:
            read_request(r, f, nf, sec == SEC_ON);
            break;
        case SEC_COVER:
            read_cover(r, f, nf);
            break;
        case SEC_UNKNOWN:
            break;
        }
    }
    free(f);
    /* The shifts that cannot follow, now that every shift is known. */
    for (size_t i = 0; i < r->dept->nactivities; i++) {
        const struct or_activity *a = &r->dept->activities[i];
        for (size_t k = 0; k < a->nnot_followed_by; k++)
            if (shift_index(r->dept, a->not_followed_by[k].id) < 0)
                or_diags_add(r->diags, OR_ERROR, a->not_followed_by[k].pos,
                             "unknown shift '%s' among those that cannot follow '%s'; list it "
                             "in SECTION_SHIFTS",
                             a->not_followed_by[k].id, a->id);
    }
    r->line = 0;
    /* What is missing, unless earlier errors explain it. */
    if (r->diags->errors > errors_before)
        return 0;
    if (!any)
        nrp_error(r, 0,
                  "the file holds no instance; it starts with SECTION_HORIZON and the "
                  "number of days");
    else if (!seen[SEC_HORIZON] || !r->horizon)
        nrp_error(r, 0, "no SECTION_HORIZON with the number of days");
    else if (r->dept->nactivities == 0)
        nrp_error(r, 0, "no shift types; list them under SECTION_SHIFTS");
    else if (r->dept->nspecialists == 0)
        nrp_error(r, 0, "no employees; list them under SECTION_STAFF");
    return 0;
}

int or_input_read_nrp_text(struct or_department **out, or_day *last, const char *name,
                           const char *text, size_t len, or_day first, struct or_diags *diags)
{
    size_t errors = diags->errors;
    *out = NULL;
    struct or_department *d = or_department_new();
    char *copy = malloc(len + 1);
    struct nrp_reader r = {d, NULL, diags, 0, 0, NULL, NULL, 0, false};
    if (!d || !copy)
        goto out_nomem;
    r.file = or_department_intern_file(d, name);
    r.cover_seen = calloc((size_t)NRP_MAX_SHIFTS * NRP_MAX_DAYS, sizeof(int));
    if (!r.file || !r.cover_seen)
        goto out_nomem;
    if (!plain_text(text, len, r.file, diags))
        goto out_done;
    memcpy(copy, text, len);
    copy[len] = '\0';
    const char *base = strrchr(name, '/');
    d->name = strdup(base ? base + 1 : name);
    free(d->timezone);
    d->timezone = strdup("UTC");
    d->holidays = OR_HOLIDAYS_NONE;
    d->max_horizon = NRP_MAX_DAYS;
    d->rules.max_consecutive = 31;
    d->weights = (struct or_weights){NRP_HOURS_SHORT, 0, 0, 0, 1, 0, 0};
    struct or_campus *c = calloc(1, sizeof(*c));
    if (c) {
        d->campuses = c;
        d->ncampuses = 1;
    }
    if (!d->name || !d->timezone || !c)
        goto out_nomem;
    c->id = strdup("site");
    c->name = strdup(d->name);
    c->pos = (or_pos){r.file, 1, 1};
    if (!c->id || !c->name)
        goto out_nomem;
    read_lines(&r, copy, len);
    if (r.nomem)
        goto out_nomem;
    if (diags->errors == errors) {
        place_days(d, first);
        *last = first + r.horizon - 1;
        or_department_resolve(d, diags);
    }
    goto out_done;

out_nomem:
    or_diags_add(diags, OR_ERROR, (or_pos){name, 0, 0}, "out of memory reading the instance");
out_done:
    free(copy);
    free(r.cover_seen);
    for (size_t i = 0; i < r.nrejected; i++)
        free(r.rejected[i]);
    free(r.rejected);
    if (diags->errors != errors) {
        or_department_free(d);
        return -1;
    }
    *out = d;
    return 0;
}

int or_input_read_nrp(struct or_department **out, or_day *last, const char *path, or_day first,
                      struct or_diags *diags)
{
    char *text;
    size_t len;
    *out = NULL;
    if (input_slurp(&text, &len, path, OR_INPUT_MAX_FILE, (or_pos){path, 0, 0}, diags) != 0)
        return -1;
    int rc = or_input_read_nrp_text(out, last, path, text, len, first, diags);
    free(text);
    return rc;
}

long or_nrp_offset(const struct or_department *dept)
{
    long sum = 0;
    for (size_t i = 0; i < dept->nspecialists; i++)
        for (size_t k = 0; k < dept->specialists[i].nwishes; k++)
            if (dept->specialists[i].wishes[k].prefer)
                sum += dept->specialists[i].wishes[k].weight;
    return sum;
}
