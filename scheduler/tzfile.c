/*
 * tzfile.c - a zone of the tz database, read from its TZif file (RFC 8536)
 * and its POSIX TZ footer, so that converting between a zone's wall clock
 * and UTC never touches the process's TZ: no global side effect, and safe
 * from several threads at once.
 *
 * Each zone is read once and kept for the life of the process (a
 * department uses one zone), so a zone handed out stays valid; the table
 * of loaded zones is guarded by a mutex, a loaded zone never changes.
 */
#include "tzfile.h"

#include <ctype.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The largest zone file read: real ones are under 4 KiB. */
#define TZFILE_MAX_BYTES (256 * 1024)
#define ABBR_MAX         16

/* One rule of the footer: the day of a change in a given year. */
struct tz_date {
    char kind;   /* 'J' (1..365, no 29 February), 'D' (0..365), 'M' */
    int m, w, d; /* month, week (5 = last), weekday (0 = Sunday); or day */
    long secs;   /* local time of the change, seconds after midnight */
};

/* The footer: "CET-1CEST,M3.5.0,M10.5.0/3". */
struct tz_rule {
    bool present;
    bool has_dst;
    long std_off, dst_off; /* seconds east of UTC */
    char std_abbr[ABBR_MAX], dst_abbr[ABBR_MAX];
    struct tz_date start, end;
};

struct tz_type {
    long off;
    bool dst;
    char abbr[ABBR_MAX];
};

struct or_tzfile {
    char *name;
    int64_t *times;       /* transitions, ascending */
    unsigned char *index; /* the type in effect from each transition */
    size_t ntimes;
    struct tz_type *types;
    size_t ntypes;
    struct tz_rule rule; /* after the last transition */
};

/* ---- the footer ---------------------------------------------------- */

static bool rule_name(const char **p, char *out)
{
    const char *s = *p;
    size_t n = 0;
    if (*s == '<') {
        s++;
        while (*s && *s != '>' && (isalnum((unsigned char)*s) || *s == '+' || *s == '-'))
            if (n < ABBR_MAX - 1)
                out[n++] = *s++;
            else
                return false;
        if (*s != '>')
            return false;
        s++;
    } else {
        while (isalpha((unsigned char)*s))
            if (n < ABBR_MAX - 1)
                out[n++] = *s++;
            else
                return false;
    }
    if (n < 3)
        return false;
    out[n] = '\0';
    *p = s;
    return true;
}

/* [+-]h[h][:mm[:ss]], hours up to max_hours. */
static bool rule_hms(const char **p, long *secs, int max_hours)
{
    const char *s = *p;
    int sign = 1;
    if (*s == '+' || *s == '-')
        sign = *s++ == '-' ? -1 : 1;
    if (!isdigit((unsigned char)*s))
        return false;
    long h = 0, m = 0, sec = 0;
    while (isdigit((unsigned char)*s)) {
        h = h * 10 + (*s++ - '0');
        if (h > max_hours)
            return false;
    }
    for (int part = 0; part < 2 && *s == ':'; part++) {
        s++;
        if (!isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1]))
            return false;
        long v = (s[0] - '0') * 10 + (s[1] - '0');
        if (v > 59)
            return false;
        s += 2;
        if (part == 0)
            m = v;
        else
            sec = v;
    }
    *secs = sign * (h * 3600 + m * 60 + sec);
    *p = s;
    return true;
}

static bool rule_int(const char **p, int lo, int hi, int *out)
{
    const char *s = *p;
    if (!isdigit((unsigned char)*s))
        return false;
    int v = 0;
    while (isdigit((unsigned char)*s)) {
        v = v * 10 + (*s++ - '0');
        if (v > hi)
            return false;
    }
    if (v < lo)
        return false;
    *out = v;
    *p = s;
    return true;
}

static bool rule_date(const char **p, struct tz_date *d)
{
    const char *s = *p;
    if (*s == 'J') {
        s++;
        d->kind = 'J';
        if (!rule_int(&s, 1, 365, &d->d))
            return false;
    } else if (*s == 'M') {
        s++;
        d->kind = 'M';
        if (!rule_int(&s, 1, 12, &d->m) || *s++ != '.' || !rule_int(&s, 1, 5, &d->w) ||
            *s++ != '.' || !rule_int(&s, 0, 6, &d->d))
            return false;
    } else {
        d->kind = 'D';
        if (!rule_int(&s, 0, 365, &d->d))
            return false;
    }
    d->secs = 2 * 3600;
    if (*s == '/') {
        s++;
        if (!rule_hms(&s, &d->secs, 167)) /* RFC 8536 allows -167..167 hours */
            return false;
    }
    *p = s;
    return true;
}

static bool rule_parse(const char *s, struct tz_rule *r)
{
    memset(r, 0, sizeof(*r));
    long west;
    if (!rule_name(&s, r->std_abbr) || !rule_hms(&s, &west, 24))
        return false;
    r->std_off = -west;
    if (*s == '\0') {
        r->present = true;
        return true;
    }
    if (!rule_name(&s, r->dst_abbr))
        return false;
    r->dst_off = r->std_off + 3600;
    if (*s != ',' && *s != '\0') {
        if (!rule_hms(&s, &west, 24))
            return false;
        r->dst_off = -west;
    }
    /* A DST name without rules: the POSIX default is not in the tz data. */
    if (*s++ != ',' || !rule_date(&s, &r->start) || *s++ != ',' || !rule_date(&s, &r->end) ||
        *s != '\0')
        return false;
    r->has_dst = true;
    r->present = true;
    return true;
}

static int64_t floor_div64(int64_t a, int64_t b)
{
    return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* The day (days since 1970-01-01) of the rule's change in year y. */
static or_day rule_day(const struct tz_date *d, int y)
{
    or_day jan1 = or_day_from_ymd(y, 1, 1);
    if (d->kind == 'J')
        return jan1 + d->d - 1 + (or_is_leap_year(y) && d->d >= 60);
    if (d->kind == 'D')
        return jan1 + d->d;
    or_day first = or_day_from_ymd(y, d->m, 1);
    int sunday_based = (or_day_weekday(first) + 1) % 7;
    or_day day = first + (d->d - sunday_based + 7) % 7 + 7 * (d->w - 1);
    while (day >= first + or_days_in_month(y, d->m))
        day -= 7;
    return day;
}

static const struct tz_type *rule_at(const struct tz_rule *r, int64_t t, struct tz_type *scratch)
{
    scratch->dst = false;
    scratch->off = r->std_off;
    memcpy(scratch->abbr, r->std_abbr, ABBR_MAX);
    if (!r->has_dst)
        return scratch;
    int y, m, d;
    or_day_to_ymd((or_day)floor_div64(t, 86400), &y, &m, &d);
    /* The start is given in standard time, the end in summer time. */
    int64_t start = (int64_t)rule_day(&r->start, y) * 86400 + r->start.secs - r->std_off;
    int64_t end = (int64_t)rule_day(&r->end, y) * 86400 + r->end.secs - r->dst_off;
    bool dst = start < end ? (t >= start && t < end) : !(t >= end && t < start);
    if (dst) {
        scratch->dst = true;
        scratch->off = r->dst_off;
        memcpy(scratch->abbr, r->dst_abbr, ABBR_MAX);
    }
    return scratch;
}

/* ---- the TZif file ------------------------------------------------- */

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int64_t be64(const unsigned char *p)
{
    return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4));
}

struct tz_counts {
    uint32_t isut, isstd, leap, time, type, chars;
};

static bool read_header(const unsigned char *p, size_t left, struct tz_counts *c, int *version)
{
    if (left < 44 || memcmp(p, "TZif", 4) != 0)
        return false;
    *version = p[4] == 0 ? 1 : p[4] - '0';
    c->isut = be32(p + 20);
    c->isstd = be32(p + 24);
    c->leap = be32(p + 28);
    c->time = be32(p + 32);
    c->type = be32(p + 36);
    c->chars = be32(p + 40);
    /* Bounds that keep the block sizes below far from overflowing. */
    return c->type >= 1 && c->type <= 256 && c->chars >= 1 && c->time <= 100000 &&
           c->leap <= 10000 && c->chars <= 65536 && (c->isut == 0 || c->isut == c->type) &&
           (c->isstd == 0 || c->isstd == c->type);
}

static size_t block_size(const struct tz_counts *c, size_t tsize)
{
    return c->time * tsize + c->time + c->type * 6 + c->chars + c->leap * (tsize + 4) + c->isstd +
           c->isut;
}

void or_tzfile_free(struct or_tzfile *z)
{
    if (!z)
        return;
    free(z->name);
    free(z->times);
    free(z->index);
    free(z->types);
    free(z);
}

struct or_tzfile *or_tzfile_parse(const unsigned char *buf, size_t len)
{
    struct tz_counts c;
    int version;
    if (!read_header(buf, len, &c, &version))
        return NULL;
    const unsigned char *p = buf + 44;
    size_t left = len - 44;
    size_t tsize = 4;
    size_t size = block_size(&c, 4);
    if (size > left)
        return NULL;
    if (version >= 2) {
        /* Skip the 32-bit block: the 64-bit one after it is complete. */
        p += size;
        left -= size;
        if (!read_header(p, left, &c, &version))
            return NULL;
        p += 44;
        left -= 44;
        tsize = 8;
        size = block_size(&c, 8);
        if (size > left)
            return NULL;
    }
    if (c.leap > 0)
        return NULL;
    struct or_tzfile *z = calloc(1, sizeof(*z));
    if (!z)
        return NULL;
    z->ntimes = c.time;
    z->ntypes = c.type;
    z->times = malloc((c.time ? c.time : 1) * sizeof(*z->times));
    z->index = malloc(c.time ? c.time : 1);
    z->types = calloc(c.type, sizeof(*z->types));
    if (!z->times || !z->index || !z->types)
        goto bad;
    for (size_t i = 0; i < c.time; i++) {
        z->times[i] = tsize == 8 ? be64(p + i * 8) : (int32_t)be32(p + i * 4);
        if (i > 0 && z->times[i] <= z->times[i - 1])
            goto bad;
    }
    p += c.time * tsize;
    for (size_t i = 0; i < c.time; i++) {
        z->index[i] = p[i];
        if (p[i] >= c.type)
            goto bad;
    }
    p += c.time;
    const unsigned char *chars = p + c.type * 6;
    for (size_t i = 0; i < c.type; i++) {
        const unsigned char *t = p + i * 6;
        int32_t off = (int32_t)be32(t);
        if (off < -25 * 3600 || off > 26 * 3600 || t[4] > 1 || t[5] >= c.chars)
            goto bad;
        z->types[i].off = off;
        z->types[i].dst = t[4];
        size_t n = 0;
        for (size_t j = t[5]; j < c.chars && chars[j] && n < ABBR_MAX - 1; j++)
            z->types[i].abbr[n++] = (char)chars[j];
        z->types[i].abbr[n] = '\0';
    }
    p += size - c.time * tsize - c.time;
    left -= size;
    /* The footer, required from version 2 on: "\n" POSIX-TZ "\n", for
     * instants after the last change (empty when there is no rule). */
    if (version >= 2) {
        if (left < 2 || p[0] != '\n')
            goto bad;
        const unsigned char *nl = memchr(p + 1, '\n', left - 1);
        if (!nl)
            goto bad;
        size_t n = (size_t)(nl - p - 1);
        if (n > 0) {
            char text[128];
            if (n >= sizeof(text))
                goto bad;
            memcpy(text, p + 1, n);
            text[n] = '\0';
            if (!rule_parse(text, &z->rule))
                goto bad;
        }
    }
    return z;
bad:
    or_tzfile_free(z);
    return NULL;
}

static const char *zone_dir(void)
{
    const char *dir = getenv("TZDIR");
    return dir && *dir ? dir : "/usr/share/zoneinfo";
}

/* Reads the zone's file; NULL when the name is not a zone of the tz
 * database (a table or a note in the folder, a name that leaves it). */
static struct or_tzfile *tzfile_load(const char *zone)
{
    if (!zone || !*zone || zone[0] == '/' || strstr(zone, "..") || strlen(zone) > 200)
        return NULL;
    for (const char *p = zone; *p; p++)
        if (!isalnum((unsigned char)*p) && !strchr("/_-+", *p))
            return NULL;
    const char *dir = zone_dir();
    size_t n = strlen(dir);
    char *path = malloc(n + strlen(zone) + 2);
    if (!path)
        return NULL;
    memcpy(path, dir, n);
    path[n] = '/';
    strcpy(path + n + 1, zone);
    /* Non-blocking, so that a FIFO planted under the name cannot hang. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    free(path);
    if (fd < 0)
        return NULL;
    struct stat st;
    unsigned char *buf = NULL;
    struct or_tzfile *z = NULL;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= 44 &&
        st.st_size <= TZFILE_MAX_BYTES && (buf = malloc((size_t)st.st_size))) {
        size_t got = 0;
        while (got < (size_t)st.st_size) {
            ssize_t r = read(fd, buf + got, (size_t)st.st_size - got);
            if (r <= 0)
                break;
            got += (size_t)r;
        }
        if (got == (size_t)st.st_size)
            z = or_tzfile_parse(buf, got);
    }
    free(buf);
    close(fd);
    if (z && !(z->name = strdup(zone))) {
        or_tzfile_free(z);
        z = NULL;
    }
    return z;
}

/* ---- the table of loaded zones -------------------------------------- */

static pthread_mutex_t zones_lock = PTHREAD_MUTEX_INITIALIZER;
static struct or_tzfile **zones; /* never freed: callers keep no copy */
static size_t nzones, zones_cap;

const struct or_tzfile *or_tzfile_get(const char *zone)
{
    if (!zone)
        return NULL;
    pthread_mutex_lock(&zones_lock);
    const struct or_tzfile *found = NULL;
    for (size_t i = 0; i < nzones && !found; i++)
        if (strcmp(zones[i]->name, zone) == 0)
            found = zones[i];
    if (!found) {
        struct or_tzfile *z = tzfile_load(zone);
        if (z && nzones == zones_cap) {
            size_t cap = zones_cap ? zones_cap * 2 : 4;
            struct or_tzfile **grown = realloc(zones, cap * sizeof(*grown));
            if (grown) {
                zones = grown;
                zones_cap = cap;
            }
        }
        if (z && nzones < zones_cap) {
            zones[nzones++] = z;
            found = z;
        } else {
            or_tzfile_free(z);
        }
    }
    pthread_mutex_unlock(&zones_lock);
    return found;
}

/* ---- lookups --------------------------------------------------------- */

static const struct tz_type *type_at(const struct or_tzfile *z, int64_t t, struct tz_type *scratch)
{
    if (z->ntimes == 0)
        return z->rule.present ? rule_at(&z->rule, t, scratch) : &z->types[0];
    if (t < z->times[0])
        return &z->types[0]; /* RFC 8536: before the first change, type 0 */
    if (t >= z->times[z->ntimes - 1] && z->rule.present)
        return rule_at(&z->rule, t, scratch);
    size_t lo = 0, hi = z->ntimes; /* the last change at or before t */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (z->times[mid] <= t)
            lo = mid;
        else
            hi = mid;
    }
    return &z->types[z->index[lo]];
}

long or_tzfile_offset(const struct or_tzfile *z, int64_t t, char *abbr, size_t n)
{
    struct tz_type scratch;
    const struct tz_type *type = type_at(z, t, &scratch);
    if (abbr && n > 0) {
        size_t len = strlen(type->abbr);
        if (len >= n)
            len = n - 1;
        memcpy(abbr, type->abbr, len);
        abbr[len] = '\0';
    }
    return type->off;
}
