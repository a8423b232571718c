/*
 * date.c - civil dates as day numbers, ISO weeks and clock times.  The
 * conversion between a zone's wall clock and UTC is in zone.c.
 */
#include "scheduler.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

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
