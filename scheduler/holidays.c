/*
 * holidays.c - public holidays of Belgium and the Netherlands for any year,
 * the Easter-based ones included.
 *
 * Belgium: the ten legal holidays (wet van 4 januari 1974) plus Easter and
 * Whit Sunday.  The Netherlands: the general holidays of the Algemene
 * termijnenwet (Bevrijdingsdag every year, King's Day on 26 April when the
 * 27th is a Sunday).  Good Friday is not a general holiday in either.
 */
#include "scheduler.h"

or_day or_easter(int y)
{
    /* Anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
    int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
    int f = (b + 8) / 25, g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4, k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31;
    int day = (h + l - 7 * m + 114) % 31 + 1;
    return or_day_from_ymd(y, month, day);
}

static size_t add(struct or_holiday *out, size_t n, or_day day, const char *name)
{
    /* Keep date order: insertion into a short list. */
    size_t i = n;
    while (i > 0 && out[i - 1].day > day) {
        out[i] = out[i - 1];
        i--;
    }
    out[i].day = day;
    out[i].name = name;
    return n + 1;
}

size_t or_holidays_of_year(enum or_holiday_set set, int y, struct or_holiday *out)
{
    size_t n = 0;
    or_day easter = or_easter(y);
    switch (set) {
    case OR_HOLIDAYS_BE:
        n = add(out, n, or_day_from_ymd(y, 1, 1), "Nieuwjaar");
        n = add(out, n, easter, "Pasen");
        n = add(out, n, easter + 1, "Paasmaandag");
        n = add(out, n, or_day_from_ymd(y, 5, 1), "Dag van de Arbeid");
        n = add(out, n, easter + 39, "O.L.H. Hemelvaart");
        n = add(out, n, easter + 49, "Pinksteren");
        n = add(out, n, easter + 50, "Pinkstermaandag");
        n = add(out, n, or_day_from_ymd(y, 7, 21), "Nationale feestdag");
        n = add(out, n, or_day_from_ymd(y, 8, 15), "O.L.V. Hemelvaart");
        n = add(out, n, or_day_from_ymd(y, 11, 1), "Allerheiligen");
        n = add(out, n, or_day_from_ymd(y, 11, 11), "Wapenstilstand");
        n = add(out, n, or_day_from_ymd(y, 12, 25), "Kerstmis");
        break;
    case OR_HOLIDAYS_NL: {
        /* King's Day since 2014 (26 April when the 27th is a Sunday);
         * Queen's Day 30 April before (1 May when on a Sunday until 1979,
         * 29 April from 1980). */
        or_day kings = or_day_from_ymd(y, 4, y >= 2014 ? 27 : 30);
        if (or_day_weekday(kings) == 6)
            kings += y >= 2014 || y >= 1980 ? -1 : 1;
        const char *kings_name = y >= 2014 ? "Koningsdag" : "Koninginnedag";
        n = add(out, n, or_day_from_ymd(y, 1, 1), "Nieuwjaarsdag");
        n = add(out, n, easter, "Eerste Paasdag");
        n = add(out, n, easter + 1, "Tweede Paasdag");
        n = add(out, n, kings, kings_name);
        n = add(out, n, or_day_from_ymd(y, 5, 5), "Bevrijdingsdag");
        n = add(out, n, easter + 39, "Hemelvaartsdag");
        n = add(out, n, easter + 49, "Eerste Pinksterdag");
        n = add(out, n, easter + 50, "Tweede Pinksterdag");
        n = add(out, n, or_day_from_ymd(y, 12, 25), "Eerste Kerstdag");
        n = add(out, n, or_day_from_ymd(y, 12, 26), "Tweede Kerstdag");
        break;
    }
    case OR_HOLIDAYS_NONE:
        break;
    }
    return n;
}

const char *or_holiday_name(enum or_holiday_set set, or_day day)
{
    struct or_holiday list[16];
    int y, m, d;
    or_day_to_ymd(day, &y, &m, &d);
    size_t n = or_holidays_of_year(set, y, list);
    for (size_t i = 0; i < n; i++)
        if (list[i].day == day)
            return list[i].name;
    return NULL;
}
