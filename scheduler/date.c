/*
 * date.c - civil dates as day numbers, ISO weeks, clock times, and the
 * conversion between a time zone's wall clock and UTC (through the C
 * library's tz database, so DST changes come from the system's tzdata).
 */
#include "scheduler.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <sys/stat.h>

/* Days from civil, after Howard Hinnant's public-domain algorithm. */
or_day or_day_from_ymd(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void or_day_to_ymd(or_day day, int *y, int *m, int *d)
{
    int z = day + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    int dd = doy - (153 * mp + 2) / 5 + 1;
    int mm = mp < 10 ? mp + 3 : mp - 9;
    *y = yoe + era * 400 + (mm <= 2);
    *m = mm;
    *d = dd;
}

int or_day_weekday(or_day day)
{
    /* 1970-01-01 was a Thursday (3 when Monday is 0). */
    int wd = (day + 3) % 7;
    return wd < 0 ? wd + 7 : wd;
}

void or_day_iso_week(or_day day, int *iso_year, int *week)
{
    or_day thursday = day - or_day_weekday(day) + 3;
    int y, m, d;
    or_day_to_ymd(thursday, &y, &m, &d);
    *iso_year = y;
    *week = (thursday - or_day_from_ymd(y, 1, 1)) / 7 + 1;
}

bool or_is_leap_year(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int or_days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && or_is_leap_year(y) ? 29 : days[m - 1];
}

static bool digits(const char *s, size_t n, int *out)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]))
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

bool or_day_parse(const char *s, size_t len, or_day *out)
{
    int y, m, d;
    if (len != 10 || s[4] != '-' || s[7] != '-')
        return false;
    if (!digits(s, 4, &y) || !digits(s + 5, 2, &m) || !digits(s + 8, 2, &d))
        return false;
    if (y < OR_DATE_MIN_YEAR || y > OR_DATE_MAX_YEAR || m < 1 || m > 12 || d < 1 ||
        d > or_days_in_month(y, m))
        return false;
    *out = or_day_from_ymd(y, m, d);
    return true;
}

bool or_month_parse(const char *s, or_day *first, or_day *last)
{
    int y, m;
    if (strlen(s) != 7 || s[4] != '-' || !digits(s, 4, &y) || !digits(s + 5, 2, &m))
        return false;
    if (y < OR_DATE_MIN_YEAR || y > OR_DATE_MAX_YEAR || m < 1 || m > 12)
        return false;
    *first = or_day_from_ymd(y, m, 1);
    *last = or_day_from_ymd(y, m, or_days_in_month(y, m));
    return true;
}

char *or_day_format(or_day day, char *buf)
{
    int y, m, d;
    or_day_to_ymd(day, &y, &m, &d);
    /* Years are bounded by or_day_parse; clamp so the buffer always fits. */
    if (y < 0)
        y = 0;
    if (y > 9999)
        y = 9999;
    buf[0] = (char)('0' + y / 1000);
    buf[1] = (char)('0' + y / 100 % 10);
    buf[2] = (char)('0' + y / 10 % 10);
    buf[3] = (char)('0' + y % 10);
    buf[4] = '-';
    buf[5] = (char)('0' + m / 10);
    buf[6] = (char)('0' + m % 10);
    buf[7] = '-';
    buf[8] = (char)('0' + d / 10);
    buf[9] = (char)('0' + d % 10);
    buf[10] = '\0';
    return buf;
}

bool or_clock_parse(const char *s, size_t len, int *minutes)
{
    int h, m;
    if (len == 4 && s[1] == ':') { /* "8:30" */
        if (!digits(s, 1, &h) || !digits(s + 2, 2, &m))
            return false;
    } else if (len == 5 && s[2] == ':') {
        if (!digits(s, 2, &h) || !digits(s + 3, 2, &m))
            return false;
    } else {
        return false;
    }
    if (m > 59 || h > 24 || (h == 24 && m != 0))
        return false;
    *minutes = h * 60 + m;
    return true;
}

/* ---- time zones ---------------------------------------------------- */

static const char *zone_dir(void)
{
    const char *dir = getenv("TZDIR");
    return dir && *dir ? dir : "/usr/share/zoneinfo";
}

bool or_zone_exists(const char *zone)
{
    if (!zone || !*zone || zone[0] == '/' || strstr(zone, "..") || strlen(zone) > 200)
        return false;
    for (const char *p = zone; *p; p++)
        if (!isalnum((unsigned char)*p) && !strchr("/_-+", *p))
            return false;
    char path[512];
    size_t n = strlen(zone_dir());
    if (n + strlen(zone) + 2 > sizeof(path))
        return false;
    memcpy(path, zone_dir(), n);
    path[n] = '/';
    strcpy(path + n + 1, zone);
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return false;
    /* Only real zone files: the tz folder also holds tables and notes. */
    FILE *f = fopen(path, "rb");
    char magic[4] = {0};
    bool ok = f && fread(magic, 1, 4, f) == 4 && memcmp(magic, "TZif", 4) == 0;
    if (f)
        fclose(f);
    return ok;
}

/* Switches the process's TZ to `zone` and back.  The C library offers no
 * other portable per-zone conversion; the old value is restored on leave. */
struct tz_guard {
    char *saved;
    bool had;
};

static int tz_enter(struct tz_guard *g, const char *zone)
{
    const char *old = getenv("TZ");
    g->had = old != NULL;
    g->saved = old ? strdup(old) : NULL;
    if (old && !g->saved)
        return -1;
    char buf[256];
    if (strlen(zone) + 2 > sizeof(buf)) {
        free(g->saved);
        return -1;
    }
    buf[0] = ':';
    strcpy(buf + 1, zone);
    if (setenv("TZ", buf, 1) != 0) {
        free(g->saved);
        return -1;
    }
    tzset();
    return 0;
}

static void tz_leave(struct tz_guard *g)
{
    if (g->had)
        setenv("TZ", g->saved, 1);
    else
        unsetenv("TZ");
    tzset();
    free(g->saved);
}

/* Conversions repeat the same few days and zones many times, and each
 * switch of TZ rereads the zone file: a small cache keeps, per day, the
 * UTC offset when it holds all day long (no DST change that day). */
struct day_offset {
    char zone[64];
    or_day day;
    long offset; /* seconds east of UTC */
    bool valid;
};

static struct day_offset offset_cache[1024];

static int zone_to_utc_slow(time_t *out, const char *zone, or_day day, int minute);

int or_zone_to_utc(time_t *out, const char *zone, or_day day, int minute)
{
    day += minute / 1440;
    minute %= 1440;
    size_t len = strlen(zone);
    struct day_offset *c = &offset_cache[(unsigned)day % 1024];
    if (c->valid && c->day == day && len < sizeof(c->zone) && strcmp(c->zone, zone) == 0) {
        *out = (time_t)day * 86400 + (time_t)minute * 60 - c->offset;
        return 0;
    }
    /* Same offset at 00:00 and 23:59 local, and no change in between: no
     * European or other zone changes twice in one day. */
    time_t a, b;
    if (zone_to_utc_slow(&a, zone, day, 0) != 0 || zone_to_utc_slow(&b, zone, day, 1439) != 0)
        return -1;
    long off_a = (long)((time_t)day * 86400 - a);
    long off_b = (long)((time_t)day * 86400 + 1439 * 60 - b);
    if (off_a == off_b && len < sizeof(c->zone)) {
        memcpy(c->zone, zone, len + 1);
        c->day = day;
        c->offset = off_a;
        c->valid = true;
        *out = (time_t)day * 86400 + (time_t)minute * 60 - off_a;
        return 0;
    }
    return zone_to_utc_slow(out, zone, day, minute);
}

static int zone_to_utc_slow(time_t *out, const char *zone, or_day day, int minute)
{
    struct tz_guard g;
    if (tz_enter(&g, zone) != 0)
        return -1;
    int y, m, d;
    day += minute / 1440;
    minute %= 1440;
    or_day_to_ymd(day, &y, &m, &d);
    struct tm tm = {0};
    tm.tm_year = y - 1900;
    tm.tm_mon = m - 1;
    tm.tm_mday = d;
    tm.tm_hour = minute / 60;
    tm.tm_min = minute % 60;
    tm.tm_isdst = -1;
    errno = 0;
    time_t t = mktime(&tm);
    int rc = 0;
    if (t == (time_t)-1 && errno != 0) {
        rc = -1;
    } else {
        /* mktime may pick the later of two readings in the autumn overlap,
         * or normalise a skipped spring time; pin both cases down: try the
         * standard-time and summer-time readings and keep the first instant
         * whose wall clock is the one asked for, else the gap-shifted one. */
        time_t best = t;
        for (int dst = 1; dst >= 0; dst--) {
            struct tm probe = {0};
            probe.tm_year = y - 1900;
            probe.tm_mon = m - 1;
            probe.tm_mday = d;
            probe.tm_hour = minute / 60;
            probe.tm_min = minute % 60;
            probe.tm_isdst = dst;
            time_t c = mktime(&probe);
            struct tm back;
            if (c != (time_t)-1 && localtime_r(&c, &back) && back.tm_hour == minute / 60 &&
                back.tm_min == minute % 60 && back.tm_mday == d && c < best)
                best = c;
        }
        *out = best;
    }
    tz_leave(&g);
    return rc;
}

static int zone_from_utc_slow(const char *zone, time_t t, or_day *day, int *minute);

/* The same for the other direction, per UTC day: publishing converts every
 * session's start and end once per calendar it is in. */
static struct day_offset utc_offset_cache[1024];

static long floor_div(long long a, long b)
{
    return (long)(a / b - (a % b != 0 && (a < 0) != (b < 0)));
}

int or_zone_from_utc(const char *zone, time_t t, or_day *day, int *minute)
{
    or_day uday = (or_day)floor_div((long long)t, 86400);
    size_t len = strlen(zone);
    struct day_offset *c = &utc_offset_cache[(unsigned)uday % 1024];
    if (!(c->valid && c->day == uday && len < sizeof(c->zone) && strcmp(c->zone, zone) == 0)) {
        /* The offset at the first and the last second of the UTC day, and
         * no change in between (a zone changes at most once a day). */
        long off_a, off_b;
        char abbr[2];
        time_t a = (time_t)uday * 86400, b = a + 86399;
        if (or_zone_offset(zone, a, &off_a, abbr, 0) != 0 ||
            or_zone_offset(zone, b, &off_b, abbr, 0) != 0 || off_a != off_b ||
            len >= sizeof(c->zone))
            return zone_from_utc_slow(zone, t, day, minute);
        memcpy(c->zone, zone, len + 1);
        c->day = uday;
        c->offset = off_a;
        c->valid = true;
    }
    long long local = (long long)t + c->offset;
    *day = (or_day)floor_div(local, 86400);
    *minute = (int)((local - (long long)*day * 86400) / 60);
    return 0;
}

static int zone_from_utc_slow(const char *zone, time_t t, or_day *day, int *minute)
{
    struct tz_guard g;
    if (tz_enter(&g, zone) != 0)
        return -1;
    struct tm tm;
    int rc = localtime_r(&t, &tm) ? 0 : -1;
    if (rc == 0) {
        *day = or_day_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
        *minute = tm.tm_hour * 60 + tm.tm_min;
    }
    tz_leave(&g);
    return rc;
}

int or_zone_offset(const char *zone, time_t t, long *offset, char *abbr, size_t n)
{
    struct tz_guard g;
    if (tz_enter(&g, zone) != 0)
        return -1;
    struct tm tm;
    int rc = -1;
    if (localtime_r(&t, &tm)) {
        or_day day = or_day_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
        *offset =
            (long)(((time_t)day * 86400 + tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec) - t);
        if (n > 0 && strftime(abbr, n, "%Z", &tm) == 0)
            abbr[0] = '\0';
        rc = 0;
    }
    tz_leave(&g);
    return rc;
}
