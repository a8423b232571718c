/*
 * zone.c - the conversion between a time zone's wall clock and UTC, from
 * the system's tz database (read by tzfile.c), so DST changes come from its
 * tzdata and the process's TZ is never touched.
 */
#include "scheduler.h"
#include "tzfile.h"

bool or_zone_exists(const char *zone)
{
    return or_tzfile_get(zone) != NULL;
}

int or_zone_to_utc(time_t *out, const char *zone, or_day day, int minute)
{
    const struct or_tzfile *z = or_tzfile_get(zone);
    if (!z)
        return -1;
    int64_t local = (int64_t)day * 86400 + (int64_t)minute * 60;
    /* The offsets a day before and a day after bracket the instant (no
     * zone is more than 26 hours from UTC, nor changes twice in two
     * days); each is right when the instant it gives reads back as it.
     * Of two right ones (the autumn overlap) the earlier instant; of
     * none (the spring gap) the reading with the offset before the gap,
     * which moves the time forward by the gap. */
    long before = or_tzfile_offset(z, local - 86400, NULL, 0);
    long after = or_tzfile_offset(z, local + 86400, NULL, 0);
    int64_t best = local - (before < after ? before : after);
    bool found = false;
    const long offsets[2] = {before, after};
    for (int i = 0; i < 2; i++) {
        int64_t t = local - offsets[i];
        if (or_tzfile_offset(z, t, NULL, 0) == offsets[i] && (!found || t < best)) {
            best = t;
            found = true;
        }
    }
    *out = (time_t)best;
    return 0;
}

static int64_t floor_div(int64_t a, int64_t b)
{
    return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

int or_zone_from_utc(const char *zone, time_t t, or_day *day, int *minute)
{
    const struct or_tzfile *z = or_tzfile_get(zone);
    if (!z)
        return -1;
    int64_t local = (int64_t)t + or_tzfile_offset(z, t, NULL, 0);
    *day = (or_day)floor_div(local, 86400);
    *minute = (int)((local - (int64_t)*day * 86400) / 60);
    return 0;
}

int or_zone_offset(const char *zone, time_t t, long *offset, char *abbr, size_t n)
{
    const struct or_tzfile *z = or_tzfile_get(zone);
    if (!z)
        return -1;
    *offset = or_tzfile_offset(z, t, abbr, n);
    return 0;
}
