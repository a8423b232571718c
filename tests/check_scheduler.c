/*
 * check_scheduler.c - the domain model without a solver: dates, public
 * holidays against the official lists, time-zone conversion across DST, the
 * occurrence calendar, availability (H2, H3, pins), validation of every
 * impossible value, and the capacity forecast.
 */
#define _XOPEN_SOURCE 700 /* putenv, for the test that TZ is left alone */
#include "testutil.h"
#include "tzfile.h"

#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

/* ---- dates ---------------------------------------------------------------- */

START_TEST(test_day_round_trip)
{
    for (or_day d = or_day_from_ymd(1900, 1, 1); d <= or_day_from_ymd(2199, 12, 31); d += 13) {
        int y, m, dd;
        or_day_to_ymd(d, &y, &m, &dd);
        ck_assert_int_eq(or_day_from_ymd(y, m, dd), d);
    }
    ck_assert_int_eq(or_day_from_ymd(1970, 1, 1), 0);
    ck_assert_int_eq(or_day_from_ymd(2000, 3, 1) - or_day_from_ymd(2000, 2, 28), 2);
    ck_assert_int_eq(or_day_from_ymd(2100, 3, 1) - or_day_from_ymd(2100, 2, 28), 1);
}
END_TEST

START_TEST(test_weekday_and_iso_week)
{
    ck_assert_int_eq(or_day_weekday(tu_day("2027-01-01")), 4); /* Friday */
    ck_assert_int_eq(or_day_weekday(tu_day("2026-11-23")), 0); /* Monday */
    int y, w;
    or_day_iso_week(tu_day("2027-01-01"), &y, &w);
    ck_assert_int_eq(y, 2026);
    ck_assert_int_eq(w, 53);
    or_day_iso_week(tu_day("2027-01-04"), &y, &w);
    ck_assert_int_eq(y, 2027);
    ck_assert_int_eq(w, 1);
    or_day_iso_week(tu_day("2024-12-30"), &y, &w);
    ck_assert_int_eq(y, 2025);
    ck_assert_int_eq(w, 1);
}
END_TEST

START_TEST(test_parse_dates_and_clocks)
{
    or_day d, f, l;
    ck_assert(or_day_parse("2028-02-29", 10, &d));
    ck_assert(!or_day_parse("2027-02-29", 10, &d));
    ck_assert(!or_day_parse("2027-13-01", 10, &d));
    ck_assert(!or_day_parse("9999-01-01", 10, &d));
    ck_assert(!or_day_parse("2027-1-01", 9, &d));
    ck_assert(!or_day_parse("2027/01/01", 10, &d));
    ck_assert(or_month_parse("2027-02", &f, &l));
    ck_assert_int_eq(l - f, 27);
    ck_assert(!or_month_parse("2027-2", &f, &l));
    char buf[11];
    ck_assert_str_eq(or_day_format(tu_day("2027-03-28"), buf), "2027-03-28");
    int m;
    ck_assert(or_clock_parse("08:30", 5, &m));
    ck_assert_int_eq(m, 510);
    ck_assert(or_clock_parse("8:30", 4, &m));
    ck_assert(or_clock_parse("24:00", 5, &m));
    ck_assert_int_eq(m, 1440);
    ck_assert(!or_clock_parse("24:01", 5, &m));
    ck_assert(!or_clock_parse("12:60", 5, &m));
    ck_assert(!or_clock_parse("1230", 4, &m));
}
END_TEST

/* ---- holidays --------------------------------------------------------------- */

/* Official lists, as published by the Belgian FOD WASO and the Dutch
 * government (Algemene termijnenwet), 2025-2030. */
static const char *const be_official[] = {
    "2025-01-01", "2025-04-20", "2025-04-21", "2025-05-01", "2025-05-29", "2025-06-08",
    "2025-06-09", "2025-07-21", "2025-08-15", "2025-11-01", "2025-11-11", "2025-12-25",
    "2026-01-01", "2026-04-05", "2026-04-06", "2026-05-01", "2026-05-14", "2026-05-24",
    "2026-05-25", "2026-07-21", "2026-08-15", "2026-11-01", "2026-11-11", "2026-12-25",
    "2027-01-01", "2027-03-28", "2027-03-29", "2027-05-01", "2027-05-06", "2027-05-16",
    "2027-05-17", "2027-07-21", "2027-08-15", "2027-11-01", "2027-11-11", "2027-12-25",
    "2028-01-01", "2028-04-16", "2028-04-17", "2028-05-01", "2028-05-25", "2028-06-04",
    "2028-06-05", "2028-07-21", "2028-08-15", "2028-11-01", "2028-11-11", "2028-12-25",
    "2029-01-01", "2029-04-01", "2029-04-02", "2029-05-01", "2029-05-10", "2029-05-20",
    "2029-05-21", "2029-07-21", "2029-08-15", "2029-11-01", "2029-11-11", "2029-12-25",
    "2030-01-01", "2030-04-21", "2030-04-22", "2030-05-01", "2030-05-30", "2030-06-09",
    "2030-06-10", "2030-07-21", "2030-08-15", "2030-11-01", "2030-11-11", "2030-12-25",
};

static const char *const nl_official[] = {
    "2025-01-01", "2025-04-20", "2025-04-21", "2025-04-26", "2025-05-05",
    "2025-05-29", "2025-06-08", "2025-06-09", "2025-12-25", "2025-12-26", /* 2025 */
    "2026-01-01", "2026-04-05", "2026-04-06", "2026-04-27", "2026-05-05",
    "2026-05-14", "2026-05-24", "2026-05-25", "2026-12-25", "2026-12-26", /* 2026 */
    "2027-01-01", "2027-03-28", "2027-03-29", "2027-04-27", "2027-05-05",
    "2027-05-06", "2027-05-16", "2027-05-17", "2027-12-25", "2027-12-26", /* 2027 */
    "2028-01-01", "2028-04-16", "2028-04-17", "2028-04-27", "2028-05-05",
    "2028-05-25", "2028-06-04", "2028-06-05", "2028-12-25", "2028-12-26", /* 2028 */
    "2029-01-01", "2029-04-01", "2029-04-02", "2029-04-27", "2029-05-05",
    "2029-05-10", "2029-05-20", "2029-05-21", "2029-12-25", "2029-12-26", /* 2029 */
    "2030-01-01", "2030-04-21", "2030-04-22", "2030-04-27", "2030-05-05",
    "2030-05-30", "2030-06-09", "2030-06-10", "2030-12-25", "2030-12-26", /* 2030 */
};

static void assert_holidays(enum or_holiday_set set, const char *const *official, size_t n)
{
    size_t k = 0;
    for (int y = 2025; y <= 2030; y++) {
        struct or_holiday list[16];
        size_t count = or_holidays_of_year(set, y, list);
        for (size_t i = 0; i < count; i++, k++) {
            ck_assert_uint_lt(k, n);
            char buf[11];
            ck_assert_str_eq(or_day_format(list[i].day, buf), official[k]);
            ck_assert_ptr_nonnull(list[i].name);
        }
    }
    ck_assert_uint_eq(k, n);
}

START_TEST(test_holidays_be_official)
{
    assert_holidays(OR_HOLIDAYS_BE, be_official, sizeof(be_official) / sizeof(be_official[0]));
    ck_assert_str_eq(or_holiday_name(OR_HOLIDAYS_BE, tu_day("2027-07-21")), "Nationale feestdag");
    ck_assert_ptr_null(or_holiday_name(OR_HOLIDAYS_BE, tu_day("2027-07-22")));
}
END_TEST

START_TEST(test_holidays_nl_official)
{
    assert_holidays(OR_HOLIDAYS_NL, nl_official, sizeof(nl_official) / sizeof(nl_official[0]));
    /* King's Day moves to Saturday 26 April when the 27th is a Sunday. */
    ck_assert_str_eq(or_holiday_name(OR_HOLIDAYS_NL, tu_day("2031-04-26")), "Koningsdag");
    ck_assert_ptr_null(or_holiday_name(OR_HOLIDAYS_NL, tu_day("2031-04-27")));
    ck_assert_ptr_null(or_holiday_name(OR_HOLIDAYS_NONE, tu_day("2027-01-01")));
    /* Queen's Day before 2014: 30 April; on a Sunday, 29 April from 1980
     * and 1 May before. */
    ck_assert_str_eq(or_holiday_name(OR_HOLIDAYS_NL, tu_day("2013-04-30")), "Koninginnedag");
    ck_assert_str_eq(or_holiday_name(OR_HOLIDAYS_NL, tu_day("2006-04-29")), "Koninginnedag");
    ck_assert_str_eq(or_holiday_name(OR_HOLIDAYS_NL, tu_day("1978-05-01")), "Koninginnedag");
}
END_TEST

START_TEST(test_easter_far_years)
{
    char buf[11];
    ck_assert_str_eq(or_day_format(or_easter(1961), buf), "1961-04-02");
    ck_assert_str_eq(or_day_format(or_easter(2038), buf), "2038-04-25");
    ck_assert_str_eq(or_day_format(or_easter(2099), buf), "2099-04-12");
    ck_assert_str_eq(or_day_format(or_easter(2160), buf), "2160-03-23");
}
END_TEST

/* ---- time zones ------------------------------------------------------------- */

START_TEST(test_zone_across_dst)
{
    time_t t;
    /* 08:30 the Friday before and the Monday after the spring change. */
    ck_assert_int_eq(or_zone_to_utc(&t, "Europe/Brussels", tu_day("2027-03-26"), 510), 0);
    ck_assert_int_eq(t, tu_utc(2027, 3, 26, 7, 30));
    ck_assert_int_eq(or_zone_to_utc(&t, "Europe/Brussels", tu_day("2027-03-29"), 510), 0);
    ck_assert_int_eq(t, tu_utc(2027, 3, 29, 6, 30));
    /* 02:30 does not exist on 2027-03-28: moved forward by the gap. */
    ck_assert_int_eq(or_zone_to_utc(&t, "Europe/Brussels", tu_day("2027-03-28"), 150), 0);
    ck_assert_int_eq(t, tu_utc(2027, 3, 28, 1, 30));
    /* 02:30 happens twice on 2027-10-31: the first one (summer time). */
    ck_assert_int_eq(or_zone_to_utc(&t, "Europe/Brussels", tu_day("2027-10-31"), 150), 0);
    ck_assert_int_eq(t, tu_utc(2027, 10, 31, 0, 30));
    /* Minutes past midnight roll into the next day. */
    ck_assert_int_eq(or_zone_to_utc(&t, "Europe/Amsterdam", tu_day("2027-01-31"), 1440 + 480), 0);
    ck_assert_int_eq(t, tu_utc(2027, 2, 1, 7, 0));
    or_day day;
    int minute;
    ck_assert_int_eq(or_zone_from_utc("Europe/Brussels", tu_utc(2027, 7, 1, 22, 15), &day, &minute),
                     0);
    ck_assert_int_eq(day, tu_day("2027-07-02"));
    ck_assert_int_eq(minute, 15);
}
END_TEST

/* ---- the zone reader against the C library ---------------------------------
 * oncoroster reads the tz database itself (scheduler/tzfile.c); the C
 * library, switched to each zone through TZ here in the test only, is the
 * independent reference: the same offset, abbreviation and wall clock at
 * every instant tried, and the same instant for every wall clock (with the
 * C library, the first of two readings in the autumn and the reading before
 * the change in the spring gap, as or_zone_to_utc documents). */

static const char *const libc_zones[] = {
    "Europe/Brussels",   "Europe/Amsterdam",    "Europe/London",    "Europe/Dublin",
    "Europe/Lisbon",     "America/New_York",    "America/Santiago", "America/St_Johns",
    "Australia/Sydney",  "Australia/Lord_Howe", "Asia/Kolkata",     "Asia/Tehran",
    "Africa/Casablanca", "Pacific/Chatham",     "Pacific/Apia",     "UTC"};

static void libc_use(const char *zone)
{
    char tz[128];
    snprintf(tz, sizeof(tz), ":%s", zone);
    setenv("TZ", tz, 1);
    tzset();
}

/* The C library's offset at instant t (seconds east), its wall clock as
 * seconds since 1970-01-01 local, and its abbreviation. */
static long libc_offset(long long t, long long *wall, char *abbr, size_t n)
{
    struct tm tm;
    if (!localtime_r(&(time_t){(time_t)t}, &tm))
        ck_abort_msg("the C library cannot convert %lld", t);
    long long local =
        (long long)or_day_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday) * 86400 +
        tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
    if (wall)
        *wall = local;
    if (abbr && strftime(abbr, n, "%Z", &tm) == 0)
        ck_abort_msg("no abbreviation from the C library at %lld", t);
    return (long)(local - t);
}

static long long floor_div_ll(long long a, long long b)
{
    return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* Check's assertions write to a pipe each; the comparisons below are plain
 * and fail with the first difference. */
static void zone_compare_at(const char *zone, long long t)
{
    long long wall;
    char want_abbr[16], abbr[16];
    long want = libc_offset(t, &wall, want_abbr, sizeof(want_abbr));
    long off;
    if (or_zone_offset(zone, (time_t)t, &off, abbr, sizeof(abbr)) != 0 || off != want ||
        strcmp(abbr, want_abbr) != 0)
        ck_abort_msg("%s at %lld: %ld %s, the C library %ld %s", zone, t, off, abbr, want,
                     want_abbr);
    or_day day, want_day = (or_day)floor_div_ll(wall, 86400);
    int minute, want_minute = (int)((wall - (long long)want_day * 86400) / 60);
    if (or_zone_from_utc(zone, (time_t)t, &day, &minute) != 0 || day != want_day ||
        minute != want_minute)
        ck_abort_msg("%s at %lld: day %d minute %d, the C library %d %d", zone, t, day, minute,
                     want_day, want_minute);
}

/* A wall clock near a change from offset o1 to o2: the first instant that
 * reads as it; in a gap none does, and the time moves forward by the gap
 * (the reading with the smaller offset, the one before clocks went on). */
static void zone_compare_wall(const char *zone, long long wall, long o1, long o2)
{
    long long want = wall - (o1 < o2 ? o1 : o2);
    bool found = false;
    const long offsets[2] = {o1, o2};
    for (int i = 0; i < 2; i++) {
        long long t = wall - offsets[i];
        if (libc_offset(t, NULL, NULL, 0) == offsets[i] && (!found || t < want)) {
            want = t;
            found = true;
        }
    }
    or_day day = (or_day)floor_div_ll(wall, 86400);
    int minute = (int)((wall - (long long)day * 86400) / 60);
    time_t t;
    char buf[11];
    if (or_zone_to_utc(&t, zone, day, minute) != 0 || (long long)t != want)
        ck_abort_msg("%s %s minute %d: %lld, the C library %lld", zone, or_day_format(day, buf),
                     minute, (long long)t, want);
}

/* Samples every 6 h 7 min from 1900 to 2040, every 24 h 7 min to 2199 (the
 * C library reads its rule text at each call there); at each change the C library
 * shows between two samples, the instant of the change is found and two
 * hours each side are compared (every minute near it, every five further
 * off), and so are the wall clocks from three hours before to three hours
 * after (gaps and overlaps), each minute near either edge.
 * A sample far from any change also converts back to its instant. */
START_TEST(test_zone_against_libc)
{
    const char *zone = libc_zones[_i];
    libc_use(zone);
    const long long lo = -2208988800LL, hi = 7258118400LL;
    long long prev_t = lo;
    long prev_off = libc_offset(lo, NULL, NULL, 0);
    int changes = 0;
    for (long long t = lo; t < hi; t += t < 2240611200LL ? 6 * 3600 + 7 * 60 : 86400 + 7 * 60) {
        zone_compare_at(zone, t);
        long long wall;
        long off = libc_offset(t, &wall, NULL, 0);
        if (wall % 60 == 0 && libc_offset(t - 2 * 86400, NULL, NULL, 0) == off &&
            libc_offset(t + 2 * 86400, NULL, NULL, 0) == off)
            zone_compare_wall(zone, wall, off, off);
        if (off != prev_off) {
            long long a = prev_t, b = t; /* the change is in (a, b] */
            while (b - a > 1) {
                long long mid = a + (b - a) / 2;
                if (libc_offset(mid, NULL, NULL, 0) == prev_off)
                    a = mid;
                else
                    b = mid;
            }
            long after = libc_offset(b, NULL, NULL, 0);
            zone_compare_at(zone, b - 1);
            for (long long u = b - 7200; u <= b + 7200; u += u >= b - 600 && u < b + 600 ? 60 : 300)
                zone_compare_at(zone, u);
            long long w0 = floor_div_ll(b + (prev_off < after ? prev_off : after), 60) * 60;
            long long w1 = b + (prev_off > after ? prev_off : after);
            for (long long w = w0 - 3 * 3600; w <= w1 + 3 * 3600;
                 w += (w >= w0 - 600 && w < w0 + 600) || (w >= w1 - 600 && w < w1 + 600) ? 60 : 300)
                zone_compare_wall(zone, w, prev_off, after);
            changes++;
        }
        prev_t = t;
        prev_off = off;
    }
    /* A zone with summer time changes twice a year; the test saw them. */
    if (strcmp(zone, "Europe/Brussels") == 0 && changes < 2 * 250)
        ck_abort_msg("%s: only %d changes found", zone, changes);
    unsetenv("TZ");
}
END_TEST

/* Converting never touches the process's TZ (no setenv, no tzset): the
 * environment's own string stays the very same, and a TZ that names another
 * zone changes nothing. */
START_TEST(test_zone_leaves_tz_alone)
{
    static char tz[] = "TZ=America/Los_Angeles";
    putenv(tz); /* the environment holds this very string */
    time_t t;
    ck_assert_int_eq(or_zone_to_utc(&t, "Europe/Brussels", tu_day("2027-03-26"), 510), 0);
    ck_assert_int_eq(t, tu_utc(2027, 3, 26, 7, 30));
    or_day day;
    int minute;
    ck_assert_int_eq(or_zone_from_utc("Asia/Kolkata", tu_utc(2027, 7, 1, 22, 15), &day, &minute),
                     0);
    ck_assert_int_eq(day, tu_day("2027-07-02"));
    ck_assert_int_eq(minute, 3 * 60 + 45);
    long off;
    char abbr[16];
    ck_assert_int_eq(or_zone_offset("Europe/Amsterdam", t, &off, abbr, sizeof(abbr)), 0);
    ck_assert_ptr_eq(getenv("TZ"), tz + 3);
    ck_assert_str_eq(getenv("TZ"), "America/Los_Angeles");
    unsetenv("TZ");
}
END_TEST

/* Several threads convert at once, each in its own zone, and each gets the
 * answers it gets alone. */
struct zone_thread {
    const char *zone;
    long long sum, want;
};

static void *zone_thread_run(void *arg)
{
    struct zone_thread *z = arg;
    z->sum = 0;
    for (or_day day = tu_day("2027-01-01"); day < tu_day("2029-01-01"); day++)
        for (int minute = 0; minute < 1440; minute += 90) {
            time_t t;
            or_day back;
            int back_min;
            if (or_zone_to_utc(&t, z->zone, day, minute) != 0 ||
                or_zone_from_utc(z->zone, t, &back, &back_min) != 0)
                return NULL;
            z->sum += (long long)t + back * 1440LL + back_min;
        }
    return NULL;
}

START_TEST(test_zone_threads)
{
    struct zone_thread zs[4] = {{"Europe/Brussels", 0, 0},
                                {"America/New_York", 0, 0},
                                {"Australia/Sydney", 0, 0},
                                {"Asia/Kolkata", 0, 0}};
    for (int i = 0; i < 4; i++) {
        zone_thread_run(&zs[i]);
        zs[i].want = zs[i].sum;
    }
    pthread_t th[4];
    for (int i = 0; i < 4; i++)
        ck_assert_int_eq(pthread_create(&th[i], NULL, zone_thread_run, &zs[i]), 0);
    for (int i = 0; i < 4; i++) {
        ck_assert_int_eq(pthread_join(th[i], NULL), 0);
        ck_assert_msg(zs[i].sum == zs[i].want, "%s: %lld in a thread, %lld alone", zs[i].zone,
                      zs[i].sum, zs[i].want);
    }
}
END_TEST

static unsigned char *slurp_zone(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    static unsigned char buf[64 * 1024];
    *len = fread(buf, 1, sizeof(buf), f);
    fclose(f);
    ck_assert_uint_gt(*len, 44);
    return buf;
}

/* A damaged zone file is refused, whatever byte is cut or changed: every
 * prefix of a real one, every byte flipped (the sanitizers watch the
 * reads), and a file with leap seconds.  A file whose footer alone gives
 * the rule (no transitions, as "slim" zone files are) still converts. */
START_TEST(test_zone_file_damaged)
{
    size_t len;
    unsigned char *real = slurp_zone("/usr/share/zoneinfo/Europe/Brussels", &len);
    struct or_tzfile *z = or_tzfile_parse(real, len);
    ck_assert_ptr_nonnull(z);
    ck_assert_int_eq(or_tzfile_offset(z, tu_utc(2027, 1, 15, 12, 0), NULL, 0), 3600);
    ck_assert_int_eq(or_tzfile_offset(z, tu_utc(2150, 7, 15, 12, 0), NULL, 0), 7200);
    or_tzfile_free(z);
    size_t accepted = 0;
    for (size_t n = 0; n < len; n++) {
        struct or_tzfile *cut = or_tzfile_parse(real, n);
        accepted += cut != NULL;
        or_tzfile_free(cut);
    }
    ck_assert_uint_eq(accepted, 0);
    unsigned char copy[64 * 1024];
    for (size_t i = 0; i < len; i++) {
        memcpy(copy, real, len);
        copy[i] ^= 0xff;
        or_tzfile_free(or_tzfile_parse(copy, len));
    }
    unsigned char *leap = slurp_zone("/usr/share/zoneinfo/right/Europe/Brussels", &len);
    ck_assert_ptr_null(or_tzfile_parse(leap, len));

    /* Header, no transitions, one type, the footer "CET-1CEST,...". */
    static const unsigned char slim[] = "TZif2\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"
                                        "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\1\0\0\0\4"
                                        "\0\0\x0e\x10\0\0CET\0"
                                        "TZif2\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"
                                        "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\1\0\0\0\4"
                                        "\0\0\x0e\x10\0\0CET\0"
                                        "\nCET-1CEST,M3.5.0,M10.5.0/3\n";
    z = or_tzfile_parse(slim, sizeof(slim) - 1);
    ck_assert_ptr_nonnull(z);
    char abbr[16];
    /* 2027: summer time from 28 March 01:00 UTC to 31 October 01:00 UTC. */
    ck_assert_int_eq(or_tzfile_offset(z, tu_utc(2027, 3, 28, 0, 59), abbr, sizeof(abbr)), 3600);
    ck_assert_str_eq(abbr, "CET");
    ck_assert_int_eq(or_tzfile_offset(z, tu_utc(2027, 3, 28, 1, 0), abbr, sizeof(abbr)), 7200);
    ck_assert_str_eq(abbr, "CEST");
    ck_assert_int_eq(or_tzfile_offset(z, tu_utc(2027, 10, 31, 0, 59), NULL, 0), 7200);
    ck_assert_int_eq(or_tzfile_offset(z, tu_utc(2027, 10, 31, 1, 0), NULL, 0), 3600);
    or_tzfile_free(z);
}
END_TEST

/* TZDIR pointing at a folder with a cut zone file and a FIFO: neither is a
 * zone (the C library would have read the cut one as UTC), and the FIFO
 * does not hang the reader. */
START_TEST(test_zone_dir_hostile)
{
    char dir[] = "/tmp/oncoroster-tzdir-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof(path), "%s/Cut", dir);
    ck_assert_int_eq(mkdir(path, 0700), 0);
    size_t len;
    unsigned char *real = slurp_zone("/usr/share/zoneinfo/Europe/Brussels", &len);
    snprintf(path, sizeof(path), "%s/Cut/Zone", dir);
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(real, 1, len / 2, f), len / 2);
    fclose(f);
    snprintf(path, sizeof(path), "%s/Fifo", dir);
    ck_assert_int_eq(mkfifo(path, 0600), 0);
    setenv("TZDIR", dir, 1);
    ck_assert(!or_zone_exists("Cut/Zone"));
    ck_assert(!or_zone_exists("Fifo"));
    time_t t;
    ck_assert_int_ne(or_zone_to_utc(&t, "Cut/Zone", tu_day("2027-03-01"), 510), 0);
    unsetenv("TZDIR");
    unlink(path);
    snprintf(path, sizeof(path), "%s/Cut/Zone", dir);
    unlink(path);
    snprintf(path, sizeof(path), "%s/Cut", dir);
    rmdir(path);
    rmdir(dir);
}
END_TEST

START_TEST(test_zone_exists)
{
    ck_assert(!or_zone_exists("zone.tab")); /* a table in the tz folder, not a zone */
    ck_assert(or_zone_exists("Europe/Brussels"));
    ck_assert(or_zone_exists("Europe/Amsterdam"));
    ck_assert(!or_zone_exists("Europe/Vilvoorde"));
    ck_assert(!or_zone_exists("../../etc/passwd"));
    ck_assert(!or_zone_exists("/etc/localtime"));
    ck_assert(!or_zone_exists(""));
}
END_TEST

/* ---- the calendar ------------------------------------------------------------ */

static const char *const base_yaml =
    "department: {name: Test, timezone: Europe/Brussels, holidays: BE}\n"
    "campuses:\n"
    "  - {id: mech, name: Mechelen, address: 'Liersesteenweg 435, 2800 Mechelen'}\n"
    "  - {id: vil, name: Vilvoorde, travel: {mech: 25}}\n"
    "skills: [breast, thoracic]\n";

static struct or_department *load_with(const char *rest, or_day first, or_day last,
                                       struct or_diags *diags)
{
    char *yaml = malloc(strlen(base_yaml) + strlen(rest) + 1);
    strcpy(yaml, base_yaml);
    strcat(yaml, rest);
    struct or_department *dept = tu_load_range(yaml, first, last, diags);
    free(yaml);
    return dept;
}

START_TEST(test_calendar_dst_and_night)
{
    struct or_diags diags = {0};
    struct or_department *dept =
        load_with("activities:\n"
                  "  - {id: clinic, campus: mech, days: weekdays, time: 08:30-12:30}\n"
                  "  - {id: night, kind: on-call, campus: mech, days: daily, time: 18:00-08:00}\n"
                  "specialists: [{id: a}]\n",
                  tu_day("2027-03-01"), tu_day("2027-03-31"), &diags);
    ck_assert_msg(dept, "%s", tu_diags_text(&diags));
    struct or_calendar *cal = NULL;
    ck_assert_int_eq(
        or_calendar_build(&cal, dept, tu_day("2027-03-01"), tu_day("2027-03-31"), &diags), 0);
    /* 22 weekdays (Easter Monday 29 March is a holiday: 21) + 31 nights. */
    size_t clinics = 0, nights = 0;
    for (size_t i = 0; i < cal->nocc; i++) {
        const struct or_occurrence *o = &cal->occ[i];
        if (o->activity == 0) {
            clinics++;
            ck_assert_int_ne(o->day, tu_day("2027-03-29"));
            bool summer = o->day > tu_day("2027-03-28");
            int y, m, d;
            or_day_to_ymd(o->day, &y, &m, &d);
            ck_assert_int_eq(o->start, tu_utc(y, m, d, summer ? 6 : 7, 30));
            ck_assert_int_eq(o->end - o->start, 4 * 3600);
        } else {
            nights++;
            /* The night of the change is one hour shorter. */
            long hours = (long)(o->end - o->start) / 3600;
            ck_assert_int_eq(hours, o->day == tu_day("2027-03-27") ? 13 : 14);
            ck_assert(o->holiday ==
                      (o->day == tu_day("2027-03-28") || o->day == tu_day("2027-03-29")));
        }
        if (i > 0)
            ck_assert_int_ge(o->start, cal->occ[i - 1].start);
    }
    ck_assert_uint_eq(clinics, 22);
    ck_assert_uint_eq(nights, 31);
    ck_assert_uint_eq(cal->nseries, 5 + 7);
    ck_assert_uint_eq(cal->nweeks, 5);
    or_calendar_free(cal);
    or_department_free(dept);
    or_diags_clear(&diags);
}
END_TEST

START_TEST(test_calendar_autumn_and_closures)
{
    struct or_diags diags = {0};
    struct or_department *dept = load_with(
        "activities:\n"
        "  - {id: clinic, campus: mech, days: [sun, mon], time: 08:30-12:30, holidays: true}\n"
        "specialists: [{id: a}]\n",
        tu_day("2027-10-01"), tu_day("2027-11-30"), &diags);
    ck_assert_msg(dept, "%s", tu_diags_text(&diags));
    free(dept->closures);
    dept->closures = malloc(sizeof(or_day));
    dept->closures[0] = tu_day("2027-11-02");
    dept->nclosures = 1;
    struct or_calendar *cal = NULL;
    ck_assert_int_eq(
        or_calendar_build(&cal, dept, tu_day("2027-10-25"), tu_day("2027-11-07"), &diags), 0);
    ck_assert(or_calendar_is_closed(cal, tu_day("2027-11-01")));
    ck_assert(or_calendar_is_closed(cal, tu_day("2027-11-02")));
    ck_assert(!or_calendar_is_closed(cal, tu_day("2027-11-03")));
    for (size_t i = 0; i < cal->nocc; i++) {
        const struct or_occurrence *o = &cal->occ[i];
        int y, m, d;
        or_day_to_ymd(o->day, &y, &m, &d);
        bool winter = o->day >= tu_day("2027-10-31");
        ck_assert_int_eq(o->start, tu_utc(y, m, d, winter ? 7 : 6, 30));
    }
    ck_assert_uint_eq(cal->nocc, 4);
    or_calendar_free(cal);
    or_department_free(dept);
    or_diags_clear(&diags);
}
END_TEST

/* `holidays: only`: a service on public holidays and closures alone. */
START_TEST(test_calendar_holidays_only)
{
    struct or_diags diags = {0};
    struct or_department *dept =
        load_with("activities:\n"
                  "  - {id: duty, campus: mech, days: daily, time: 08:00-18:00, holidays: only}\n"
                  "  - {id: clinic, campus: mech, days: weekdays, time: 08:30-12:30}\n"
                  "specialists: [{id: a}]\n",
                  tu_day("2027-05-01"), tu_day("2027-05-31"), &diags);
    ck_assert_msg(dept, "%s", tu_diags_text(&diags));
    struct or_calendar *cal = NULL;
    ck_assert_int_eq(
        or_calendar_build(&cal, dept, tu_day("2027-05-01"), tu_day("2027-05-31"), &diags), 0);
    /* Belgium, May 2027: Labour Day (Saturday 1), Ascension (Thursday 6),
     * Whit Sunday and Whit Monday (16, 17). */
    static const char *const days[] = {"2027-05-01", "2027-05-06", "2027-05-16", "2027-05-17"};
    size_t duty = 0, clinic = 0;
    for (size_t i = 0; i < cal->nocc; i++) {
        if (cal->occ[i].activity == 1) {
            clinic++;
            continue;
        }
        ck_assert_int_lt(duty, 4);
        ck_assert_int_eq(cal->occ[i].day, tu_day(days[duty]));
        duty++;
    }
    ck_assert_uint_eq(duty, 4);
    ck_assert_uint_eq(clinic, 21 - 2); /* 21 weekdays, Ascension and Whit Monday closed */
    or_calendar_free(cal);
    or_department_free(dept);
    or_diags_clear(&diags);
}
END_TEST

START_TEST(test_calendar_refuses_long_horizon)
{
    struct or_diags diags = {0};
    struct or_department *dept =
        load_with("activities: [{id: c, campus: mech, days: mon, time: 08:00-12:00}]\n"
                  "specialists: [{id: a}]\n",
                  tu_day("2027-01-01"), tu_day("2027-01-31"), &diags);
    ck_assert_ptr_nonnull(dept);
    struct or_calendar *cal = NULL;
    ck_assert_int_eq(
        or_calendar_build(&cal, dept, tu_day("2027-01-01"), tu_day("2036-12-31"), &diags), -1);
    ck_assert_ptr_null(cal);
    ck_assert(tu_has_diag(&diags, 0, "one month at a time"));
    or_department_free(dept);
    or_diags_clear(&diags);
}
END_TEST

/* ---- availability (H2, H3, must-not pins) -------------------------------------- */

static const char *const avail_yaml =
    "activities:\n"
    "  - {id: breast-am, campus: vil, days: weekdays, time: 08:30-12:30, skills: [breast]}\n"
    "  - {id: clinic-pm, campus: mech, days: weekdays, time: 13:30-17:00}\n"
    "  - {id: night, kind: on-call, campus: mech, days: weekdays, time: 18:00-08:00}\n"
    "specialists:\n"
    "  - {id: ann, skills: [breast], unavailable: [wed-pm, fri],\n"
    "     leave: [2027-01-11..2027-01-12, 2027-01-14 am, '2027-01-18 10:00-11:00']}\n"
    "  - {id: bob, campuses: [mech]}\n"
    "  - {id: cas, skills: [breast], campuses: [vil], unavailable: [thu-am]}\n"
    "pins:\n"
    "  must_not: [{specialist: ann, activity: clinic-pm, dates: 2027-01-05}]\n";

static const struct or_occurrence *find_occ(const struct or_calendar *cal, int activity,
                                            const char *day)
{
    for (size_t i = 0; i < cal->nocc; i++)
        if (cal->occ[i].activity == activity && cal->occ[i].day == tu_day(day))
            return &cal->occ[i];
    ck_abort_msg("no occurrence of %d on %s", activity, day);
    return NULL;
}

START_TEST(test_blocked_reasons)
{
    struct or_diags diags = {0};
    struct or_department *dept =
        load_with(avail_yaml, tu_day("2027-01-01"), tu_day("2027-01-31"), &diags);
    ck_assert_msg(dept, "%s", tu_diags_text(&diags));
    struct or_calendar *cal = NULL;
    ck_assert_int_eq(
        or_calendar_build(&cal, dept, tu_day("2027-01-01"), tu_day("2027-01-31"), &diags), 0);
    const struct or_leave *leave = NULL;
    /* H2: skill and campus. */
    ck_assert_uint_eq(or_blocked(dept, cal, 1, find_occ(cal, 0, "2027-01-04"), NULL),
                      OR_WHY_SKILL | OR_WHY_CAMPUS);
    ck_assert_uint_eq(or_blocked(dept, cal, 2, find_occ(cal, 1, "2027-01-04"), NULL),
                      OR_WHY_CAMPUS);
    ck_assert_uint_eq(or_blocked(dept, cal, 0, find_occ(cal, 0, "2027-01-04"), NULL), OR_WHY_NONE);
    /* H3: leave ranges, half days and clock times. */
    ck_assert_uint_eq(or_blocked(dept, cal, 0, find_occ(cal, 0, "2027-01-11"), &leave),
                      OR_WHY_LEAVE);
    ck_assert_ptr_nonnull(leave);
    ck_assert_uint_eq(or_blocked(dept, cal, 0, find_occ(cal, 2, "2027-01-12"), NULL), OR_WHY_LEAVE);
    ck_assert_uint_eq(or_blocked(dept, cal, 0, find_occ(cal, 2, "2027-01-20"), NULL),
                      OR_WHY_FIXED); /* a night touching Wednesday pm */
    ck_assert_uint_eq(or_blocked(dept, cal, 0, find_occ(cal, 0, "2027-01-14"), NULL), OR_WHY_LEAVE);
    ck_assert_uint_eq(or_blocked(dept, cal, 0, find_occ(cal, 1, "2027-01-14"), NULL), OR_WHY_NONE);
    ck_assert_uint_eq(or_blocked(dept, cal, 0, find_occ(cal, 0, "2027-01-18"), NULL), OR_WHY_LEAVE);
    ck_assert_uint_eq(or_blocked(dept, cal, 0, find_occ(cal, 1, "2027-01-18"), NULL), OR_WHY_NONE);
    /* H3: fixed weekly unavailability by half day. */
    ck_assert_uint_eq(or_blocked(dept, cal, 0, find_occ(cal, 1, "2027-01-06"), NULL), OR_WHY_FIXED);
    ck_assert_uint_eq(or_blocked(dept, cal, 0, find_occ(cal, 0, "2027-01-06"), NULL), OR_WHY_NONE);
    ck_assert_uint_eq(or_blocked(dept, cal, 0, find_occ(cal, 0, "2027-01-08"), NULL), OR_WHY_FIXED);
    /* The Wednesday night ends Thursday morning, when cas is unavailable. */
    ck_assert_uint_eq(or_blocked(dept, cal, 2, find_occ(cal, 0, "2027-01-07"), NULL), OR_WHY_FIXED);
    /* Must-not pin. */
    ck_assert_uint_eq(or_blocked(dept, cal, 0, find_occ(cal, 1, "2027-01-05"), NULL), OR_WHY_PIN);
    ck_assert_uint_eq(or_blocked(dept, cal, 0, find_occ(cal, 1, "2027-01-07"), NULL), OR_WHY_NONE);
    or_calendar_free(cal);
    or_department_free(dept);
    or_diags_clear(&diags);
}
END_TEST

/* ---- validation -------------------------------------------------------------- */

struct invalid_case {
    const char *yaml;
    int line;
    const char *message;
};

static const struct invalid_case invalid_cases[] = {
    {"activities: [{id: a, campus: mehc, days: mon, time: 08:00-12:00}]\n"
     "specialists: [{id: s}]\n",
     6, "unknown campus 'mehc' (did you mean 'mech'?)"},
    {"activities: [{id: a, campus: lier, days: mon, time: 08:00-12:00}]\n"
     "specialists: [{id: s}]\n",
     6, "unknown campus 'lier'; define it under 'campuses:'"},
    {"activities: [{id: a, campus: mech, days: mon, time: 08:00-12:00, skills: [brest]}]\n"
     "specialists: [{id: s}]\n",
     6, "unknown skill 'brest' (did you mean 'breast'?)"},
    {"activities: [{id: a, campus: mech, days: mon, time: 08:00-12:00, staff: 3-2}]\n"
     "specialists: [{id: s}]\n",
     6, "staffing 3-2 is impossible"},
    {"activities: [{id: a, campus: mech, days: mon, time: 08:00-12:00}]\n"
     "specialists: [{id: s, fte: 0}]\n",
     7, "FTE must be more than 0"},
    {"activities: [{id: a, campus: mech, days: mon, time: 08:00-12:00}]\n"
     "specialists: [{id: s, fte: 2.5}]\n",
     7, "more than 1.5"},
    {"activities: [{id: a, campus: mech, days: mon, time: 08:00-12:00}]\n"
     "specialists: [{id: s, target: 8, max_week: 6}]\n",
     7, "below their target of 8"},
    {"activities: [{id: a, campus: mech, days: mon, time: 08:00-12:00}]\n"
     "specialists: [{id: s, split: {vil: 70-90, mech: 40-60}}]\n",
     7, "at least 110% in all"},
    {"activities: [{id: a, campus: mech, days: mon, time: 08:00-12:00}]\n"
     "specialists: [{id: s, split: {vil: 10-20, mech: 40-60}}]\n",
     7, "at most 80% in all"},
    {"activities: [{id: a, campus: mech, days: mon, time: 08:00-12:00}]\n"
     "specialists: [{id: s, campuses: [mech], split: {vil: 40-60}}]\n",
     7, "may not work there"},
    {"activities: [{id: a, campus: mech, days: mon, time: 08:00-12:00},\n"
     "             {id: a, campus: vil, days: tue, time: 08:00-12:00}]\n"
     "specialists: [{id: s}]\n",
     7, "duplicate activity id 'a' (first defined at line 6)"},
    {"activities: [{id: a, campus: mech, days: mon, time: 08:00-12:00}]\n"
     "specialists: [{id: s}]\n"
     "pins: {must: [{specialist: t, activity: a, dates: 2027-01-04}]}\n",
     8, "unknown specialist 't' (did you mean 's'?)"},
    {"activities: [{id: a, campus: mech, days: mon, time: 08:00-12:00, skills: [breast]}]\n"
     "specialists: [{id: s}]\n"
     "pins: {must: [{specialist: s, activity: a, dates: 2027-01-04}]}\n",
     8, "lacks a required skill"},
    {"activities: [{id: a, campus: mech, days: mon, time: 08:00-12:00}]\n"
     "specialists: [{id: s}]\n"
     "pins: {must: [{specialist: s, activity: a, dates: 2027-01-04}],\n"
     "       must_not: [{specialist: s, activity: a}]}\n",
     9, "both must and must not work"},
    {"activities: [{id: a, campus: mech, days: mon, time: 08:00-12:00}]\n"
     "specialists: [{id: s, prefer: [{activity: b}]}]\n",
     7, "unknown activity 'b'"},
};

START_TEST(test_invalid_values)
{
    const struct invalid_case *c = &invalid_cases[_i];
    struct or_diags diags = {0};
    struct or_department *dept =
        load_with(c->yaml, tu_day("2027-01-01"), tu_day("2027-01-31"), &diags);
    ck_assert_ptr_null(dept);
    char *text = tu_diags_text(&diags);
    ck_assert_msg(tu_has_diag(&diags, c->line, c->message), "case %d: want line %d '%s', got:\n%s",
                  _i, c->line, c->message, text);
    free(text);
    or_diags_clear(&diags);
}
END_TEST

START_TEST(test_warnings_for_suspicious)
{
    struct or_diags diags = {0};
    struct or_department *dept = load_with(
        "activities: [{id: a, campus: vil, days: mon, time: 08:00-12:00, skills: [thoracic]}]\n"
        "specialists: [{id: s, campuses: [mech], skills: [breast]}]\n",
        tu_day("2027-01-01"), tu_day("2027-01-31"), &diags);
    ck_assert_ptr_nonnull(dept);
    ck_assert_uint_eq(diags.errors, 0);
    ck_assert(tu_has_diag(&diags, 5, "no specialist has skill 'thoracic', yet activities"));
    ck_assert(tu_has_diag(&diags, 6, "nobody may work activity 'a'"));
    or_department_free(dept);
    or_diags_clear(&diags);
}
END_TEST

START_TEST(test_derived_load)
{
    struct or_diags diags = {0};
    struct or_department *dept =
        load_with("activities: [{id: a, campus: mech, days: mon, time: 08:00-12:00}]\n"
                  "specialists:\n"
                  "  - {id: full}\n"
                  "  - {id: part, fte: 0.8}\n"
                  "  - {id: fixed, target: 6, max_week: 7, max_month: 25}\n",
                  tu_day("2027-01-01"), tu_day("2027-01-31"), &diags);
    ck_assert_msg(dept, "%s", tu_diags_text(&diags));
    ck_assert_int_eq(dept->specialists[0].target_week, 10);
    ck_assert_int_eq(dept->specialists[0].max_week, 12);
    ck_assert_int_eq(dept->specialists[1].target_week, 8);
    ck_assert_int_eq(dept->specialists[1].max_week, 10);
    ck_assert_int_eq(dept->specialists[2].target_week, 6);
    ck_assert_int_eq(dept->specialists[2].max_week, 7);
    ck_assert_int_eq(dept->specialists[2].max_month, 25);
    ck_assert_double_eq_tol(dept->specialists[2].fte, 0.6, 1e-9);
    ck_assert_int_eq(dept->travel_minutes[1], 25);
    ck_assert_int_eq(dept->travel_minutes[2], 25);
    or_department_free(dept);
    or_diags_clear(&diags);
}
END_TEST

/* ---- capacity forecast ----------------------------------------------------------- */

START_TEST(test_capacity_names_uncoverable)
{
    struct or_diags diags = {0};
    struct or_department *dept = load_with(
        "activities:\n"
        "  - {id: breast, campus: vil, days: [tue], time: 08:30-12:30, skills: [breast]}\n"
        "  - {id: ward, kind: ward, campus: mech, days: weekdays, time: 08:00-12:00}\n"
        "specialists:\n"
        "  - {id: ann, skills: [breast], leave: [2027-01-12]}\n"
        "  - {id: bob, skills: [breast], campuses: [mech]}\n"
        "  - {id: cas, target: 2, max_week: 2}\n",
        tu_day("2027-01-01"), tu_day("2027-01-31"), &diags);
    ck_assert_msg(dept, "%s", tu_diags_text(&diags));
    struct or_calendar *cal = NULL;
    struct or_capacity *cap = NULL;
    ck_assert_int_eq(
        or_calendar_build(&cal, dept, tu_day("2027-01-01"), tu_day("2027-01-31"), &diags), 0);
    ck_assert_int_eq(or_capacity_forecast(&cap, dept, cal), 0);
    ck_assert_uint_eq(cap->nuncoverable, 1);
    const struct or_uncoverable *u = &cap->uncoverable[0];
    ck_assert_int_eq(cal->occ[u->occurrence].day, tu_day("2027-01-12"));
    ck_assert_int_eq(u->available, 0);
    ck_assert_uint_eq(u->blocks[0], OR_WHY_LEAVE);
    ck_assert_uint_eq(u->blocks[1], OR_WHY_CAMPUS);
    ck_assert_uint_eq(u->blocks[2], OR_WHY_SKILL);
    /* Week 2027-W02 (index 2: the horizon starts in 2026-W53): demand 1 breast
     * + 5 ward; supply: ann 4 (leave on Tuesday), bob 5, cas capped at 2. */
    const struct or_capacity_row *all = NULL;
    for (size_t i = 0; i < cap->nrows; i++)
        if (cap->rows[i].week == 2 && cap->rows[i].campus < 0 && cap->rows[i].skill < 0)
            all = &cap->rows[i];
    ck_assert_ptr_nonnull(all);
    ck_assert_int_eq(all->demand, 6);
    ck_assert_int_eq(all->supply, 4 + 5 + 2);
    or_capacity_free(cap);
    or_calendar_free(cal);
    or_department_free(dept);
    or_diags_clear(&diags);
}
END_TEST

START_TEST(test_capacity_counts_sessions_not_sessions_twice)
{
    /* A 2-session ward from 08:00 to 18:00 overlaps two 1-session clinics:
     * one specialist gives at most 2 sessions that day, not 3 or 4. */
    struct or_diags diags = {0};
    struct or_department *dept =
        load_with("activities:\n"
                  "  - {id: ward, kind: ward, campus: mech, days: [mon], time: 08:00-18:00, "
                  "sessions: 2}\n"
                  "  - {id: c1, campus: mech, days: [mon], time: 09:00-10:00}\n"
                  "  - {id: c2, campus: mech, days: [mon], time: 11:00-12:00}\n"
                  "  - {id: c3, campus: mech, days: [mon], time: 19:00-20:00, sessions: 3}\n"
                  "specialists: [{id: a}]\n",
                  tu_day("2027-01-04"), tu_day("2027-01-10"), &diags);
    ck_assert_msg(dept, "%s", tu_diags_text(&diags));
    struct or_calendar *cal = NULL;
    struct or_capacity *cap = NULL;
    ck_assert_int_eq(
        or_calendar_build(&cal, dept, tu_day("2027-01-04"), tu_day("2027-01-10"), &diags), 0);
    ck_assert_int_eq(or_capacity_forecast(&cap, dept, cal), 0);
    ck_assert_int_eq(cap->rows[0].supply, 2 + 3);
    or_capacity_free(cap);
    or_calendar_free(cal);
    or_department_free(dept);
    or_diags_clear(&diags);
}
END_TEST

/* The rest after a night keeps the next morning free: one oncologist with
 * the Tuesday night and the Wednesday morning clinic gives one of the two,
 * so the week is short (it was forecast as covered). */
START_TEST(test_capacity_counts_rest_after_nights)
{
    struct or_diags diags = {0};
    struct or_department *dept =
        load_with("activities:\n"
                  "  - {id: night, kind: on-call, campus: mech, days: [tue], time: 18:00-08:00, "
                  "rest: 11}\n"
                  "  - {id: clinic, campus: mech, days: [wed], time: 08:30-12:30}\n"
                  "  - {id: late, campus: mech, days: [wed], time: 19:30-21:00}\n"
                  "specialists: [{id: a}]\n",
                  tu_day("2027-01-04"), tu_day("2027-01-10"), &diags);
    ck_assert_msg(dept, "%s", tu_diags_text(&diags));
    struct or_calendar *cal = NULL;
    struct or_capacity *cap = NULL;
    ck_assert_int_eq(
        or_calendar_build(&cal, dept, tu_day("2027-01-04"), tu_day("2027-01-10"), &diags), 0);
    ck_assert_int_eq(or_capacity_forecast(&cap, dept, cal), 0);
    ck_assert_int_eq(cap->rows[0].demand, 3);
    /* The night and the evening session (after the rest), or the clinic
     * and the evening one: two, not three. */
    ck_assert_int_eq(cap->rows[0].supply, 2);
    or_capacity_free(cap);
    or_calendar_free(cal);
    or_department_free(dept);
    or_diags_clear(&diags);
}
END_TEST

START_TEST(test_pins_against_calendar)
{
    struct or_diags diags = {0};
    struct or_department *dept =
        load_with("activities: [{id: a, campus: mech, days: [mon], time: 08:00-12:00}]\n"
                  "specialists: [{id: s, leave: [2027-01-11]}]\n"
                  "pins:\n"
                  "  must:\n"
                  "    - {specialist: s, activity: a, dates: 2027-01-05}\n"
                  "    - {specialist: s, activity: a, dates: 2027-01-11}\n"
                  "    - {specialist: s, activity: a, dates: 2027-03-01}\n",
                  tu_day("2027-01-01"), tu_day("2027-01-31"), &diags);
    ck_assert_msg(dept, "%s", tu_diags_text(&diags));
    struct or_calendar *cal = NULL;
    ck_assert_int_eq(
        or_calendar_build(&cal, dept, tu_day("2027-01-01"), tu_day("2027-01-31"), &diags), 0);
    ck_assert_int_eq(or_calendar_check_pins(cal, &diags), -1);
    ck_assert(tu_has_diag(&diags, 10, "does not run on 2027-01-05 (it runs on mon"));
    ck_assert(tu_has_diag(&diags, 11, "on leave"));
    ck_assert(tu_has_diag(&diags, 12,
                          "pin dates 2027-03-01..2027-03-01 are outside the month "
                          "2027-01-01..2027-01-31"));
    ck_assert_uint_eq(diags.errors, 2);
    or_calendar_free(cal);
    or_department_free(dept);
    or_diags_clear(&diags);
}
END_TEST

START_TEST(test_diag_format_and_sort)
{
    struct or_diags d = {0};
    or_diags_add(&d, OR_WARNING, (or_pos){"b.yaml", 1, 1}, "w");
    or_diags_add(&d, OR_ERROR, (or_pos){"a.yaml", 9, 3}, "e2");
    or_diags_add(&d, OR_ERROR, (or_pos){"a.yaml", 2, 7}, "unknown campus '%s'", "x");
    or_diags_add(&d, OR_ERROR, (or_pos){NULL, 0, 0}, "no file");
    or_diags_sort(&d);
    char *s = or_diag_format(&d.items[0]);
    ck_assert_str_eq(s, "a.yaml:2:7: error: unknown campus 'x'");
    free(s);
    s = or_diag_format(&d.items[3]);
    ck_assert_str_eq(s, "error: no file");
    free(s);
    ck_assert_uint_eq(d.errors, 3);
    ck_assert_uint_eq(d.warnings, 1);
    or_diags_clear(&d);
    const char *ids[] = {"mechelen", "vilvoorde", "bonheiden"};
    ck_assert_str_eq(or_suggest("vilvorde", ids, 3), "vilvoorde");
    ck_assert_ptr_null(or_suggest("lier", ids, 3));
}
END_TEST

static Suite *scheduler_suite(void)
{
    Suite *s = suite_create("scheduler");
    TCase *tc = tcase_create("dates");
    tcase_add_test(tc, test_day_round_trip);
    tcase_add_test(tc, test_weekday_and_iso_week);
    tcase_add_test(tc, test_parse_dates_and_clocks);
    tcase_add_test(tc, test_holidays_be_official);
    tcase_add_test(tc, test_holidays_nl_official);
    tcase_add_test(tc, test_easter_far_years);
    tcase_add_test(tc, test_zone_across_dst);
    tcase_add_test(tc, test_zone_exists);
    tcase_add_loop_test(tc, test_zone_against_libc, 0,
                        (int)(sizeof(libc_zones) / sizeof(libc_zones[0])));
    tcase_add_test(tc, test_zone_leaves_tz_alone);
    tcase_add_test(tc, test_zone_file_damaged);
    tcase_add_test(tc, test_zone_dir_hostile);
    tcase_add_test(tc, test_zone_threads);
    suite_add_tcase(s, tc);
    tc = tcase_create("calendar");
    tcase_add_test(tc, test_calendar_dst_and_night);
    tcase_add_test(tc, test_calendar_autumn_and_closures);
    tcase_add_test(tc, test_calendar_holidays_only);
    tcase_add_test(tc, test_calendar_refuses_long_horizon);
    tcase_add_test(tc, test_blocked_reasons);
    tcase_add_test(tc, test_pins_against_calendar);
    suite_add_tcase(s, tc);
    tc = tcase_create("validation");
    tcase_add_loop_test(tc, test_invalid_values, 0,
                        (int)(sizeof(invalid_cases) / sizeof(invalid_cases[0])));
    tcase_add_test(tc, test_warnings_for_suspicious);
    tcase_add_test(tc, test_derived_load);
    tcase_add_test(tc, test_capacity_names_uncoverable);
    tcase_add_test(tc, test_capacity_counts_sessions_not_sessions_twice);
    tcase_add_test(tc, test_capacity_counts_rest_after_nights);
    tcase_add_test(tc, test_diag_format_and_sort);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(scheduler_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
