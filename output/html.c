/*
 * html.c - the month overview: one self-contained page (no external
 * assets) with a grid per campus (rows: activities, columns: dates),
 * weekends and closed days shaded, unfilled places in red, and a table of
 * what each specialist does.  Prints on A4 landscape, one campus a page.
 */
#include "output_internal.h"
#include "version.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void html_text(FILE *f, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&':
            fputs("&amp;", f);
            break;
        case '<':
            fputs("&lt;", f);
            break;
        case '>':
            fputs("&gt;", f);
            break;
        case '"':
            fputs("&quot;", f);
            break;
        case '\'':
            fputs("&#39;", f);
            break;
        default:
            fputc(*s, f);
        }
    }
}

static const char style[] =
    "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:1.5em;"
    "color:#111}\n"
    "h1{font-size:1.4em;margin:0 0 .2em}h2{font-size:1.15em;margin:1.4em 0 .4em}\n"
    "p.meta{margin:.2em 0;color:#444}\n"
    ".scroll{overflow-x:auto}\n"
    "table{border-collapse:collapse;font-size:.8em}\n"
    "th,td{border:1px solid #bbb;padding:2px 3px;text-align:center;vertical-align:top}\n"
    "th.act,td.act{text-align:left;white-space:nowrap;position:sticky;left:0;background:#fff}\n"
    "td.act small{color:#555}\n"
    "th.we,td.we{background:#eee}th.closed,td.closed{background:#ddd}\n"
    "td.short{background:#fdd;color:#a00;font-weight:bold;outline:2px solid #c00}\n"
    "span.who{display:block;white-space:nowrap}\n"
    "table.totals td{text-align:right}table.totals td.name{text-align:left}\n"
    ".print{display:none}p.holidays{font-size:.85em;color:#444}\n"
    ".legend span{display:inline-block;margin-right:1em}\n"
    ".cost{color:#777;font-size:.9em}\n"
    ".warn{color:#a00;font-weight:bold}td.off{color:#a60;font-weight:bold}\n"
    "@page{size:A4 landscape;margin:8mm}\n"
    "@media print{body{margin:0;font-size:8pt}.scroll{overflow:visible}"
    "section.campus{break-before:page}section.campus.first{break-before:auto}"
    ".print{display:block}.legend.top{display:none}"
    "section.campus table{width:100%}table{font-size:6.5pt}th,td{padding:1px}"
    "td.short,th.we,td.we,th.closed,td.closed{-webkit-print-color-adjust:exact;"
    "print-color-adjust:exact}}\n";

/* Short codes for the grid: initials of the name ("Dr. Hélène Van den
 * Broeck" gives "HVdB"), titles skipped, made unique with a digit. */
static char (*make_codes(const struct or_department *dept))[16]
{
    char(*code)[16] = calloc(dept->nspecialists + 1, sizeof(*code));
    if (!code)
        return NULL;
    for (size_t s = 0; s < dept->nspecialists; s++) {
        const char *p = dept->specialists[s].name;
        size_t n = 0;
        while (*p && n < 12) {
            while (*p == ' ' || *p == '-' || *p == '\'')
                p++;
            const char *word = p;
            while (*p && *p != ' ' && *p != '-')
                p++;
            size_t len = (size_t)(p - word);
            if (len == 0 || word[len - 1] == '.')
                continue; /* "Dr.", "Prof." */
            size_t cl = 1;
            while (cl < len && ((unsigned char)word[cl] & 0xc0) == 0x80)
                cl++;
            if ((unsigned char)word[0] < 0x80 &&
                !((word[0] | 0x20) >= 'a' && (word[0] | 0x20) <= 'z'))
                continue;
            if (n + cl > 12)
                break;
            memcpy(code[s] + n, word, cl);
            n += cl;
        }
        if (n == 0)
            snprintf(code[s], sizeof(code[s]), "%.12s", dept->specialists[s].id);
        for (size_t j = 0, k = 2; j < s; j++) {
            if (strcmp(code[s], code[j]) != 0)
                continue;
            code[s][n < 12 ? n : 12] = '\0';
            snprintf(code[s] + strlen(code[s]), sizeof(code[s]) - strlen(code[s]), "%zu", k++);
            j = (size_t)-1; /* check again from the start */
        }
    }
    return code;
}

static void write_header(FILE *f, const struct or_publication *pub)
{
    const struct or_department *dept = pub->dept;
    const struct or_roster *r = pub->roster;
    char first[11], last[11], published[32];
    /* In the department's time zone, as every time of the roster. */
    or_day pday;
    int pminute;
    long offset = 0;
    char abbr[16] = "";
    if (or_zone_from_utc(dept->timezone, pub->revision, &pday, &pminute) == 0) {
        char d[11];
        or_zone_offset(dept->timezone, pub->revision, &offset, abbr, sizeof(abbr));
        snprintf(published, sizeof(published), "%s %02d:%02d%s%s", or_day_format(pday, d),
                 pminute / 60, pminute % 60, abbr[0] ? " " : "", abbr);
    } else {
        struct tm tm;
        gmtime_r(&pub->revision, &tm);
        strftime(published, sizeof(published), "%Y-%m-%d %H:%M UTC", &tm);
    }
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
          f);
    html_text(f, dept->name);
    fprintf(f, " \xe2\x80\x94 %.7s</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>",
            or_day_format(pub->cal->first, first), style);
    html_text(f, dept->name);
    fprintf(f, "</h1>\n<p class=\"meta\">Roster %s to %s, published %s by oncoroster %s.</p>\n",
            first, or_day_format(pub->cal->last, last), published, ONCOROSTER_VERSION);
    /* The result in words a department head reads: how good, then what
     * the roster could not give, counted per rule (docs/model.md). */
    double bound = ceil(r->bound - 1e-6);
    switch (r->status) {
    case OR_SOLVE_OPTIMAL:
        fputs("<p class=\"meta result\">The best roster the rules allow (proven).", f);
        break;
    case OR_SOLVE_GAP:
    case OR_SOLVE_TIME_LIMIT:
    case OR_SOLVE_INTERRUPTED:
        fprintf(f, "<p class=\"meta result\">The best roster found %s",
                r->status == OR_SOLVE_GAP ? "within the requested gap" : "within the time limit");
        if (r->bound > -1e300 && r->objective - bound < 0.5)
            fputs(": the best the rules allow.", f);
        else if (r->bound > -1e300)
            fprintf(f, ": at most %.0f penalty point%s from the best possible.",
                    r->objective - bound, r->objective - bound == 1 ? "" : "s");
        else
            fputs("; how far it is from the best possible is not known.", f);
        break;
    case OR_SOLVE_FAILED:
        fputs("<p class=\"meta result\">A roster built without the optimiser (it failed); "
              "every rule holds, but it may be far from the best.",
              f);
        break;
    }
    const struct or_soft *v = &r->soft;
    const struct {
        long n;
        const char *one, *many;
    } words[] = {
        {v->overstaffed, "specialist above a minimum staffing",
         "specialists above a minimum staffing"},
        {v->hours_short, "hour below someone's minimum worked time",
         "hours below someone's minimum worked time"},
        {v->continuity, "consultation series changed doctor", "consultation series changed doctor"},
        {v->fairness, "duty outside someone's fair share", "duties outside someone's fair share"},
        {v->balance, "session outside someone's fair range",
         "sessions outside someone's fair range"},
        {v->campus_changes, "day someone works on another campus than the day before",
         "days someone works on another campus than the day before"},
        {v->changes, "published session changed", "published sessions changed"},
    };
    size_t said = 0;
    for (size_t k = 0; k < sizeof(words) / sizeof(words[0]); k++) {
        if (words[k].n <= 0)
            continue;
        fprintf(f, "%s%ld %s", said++ ? ", " : " Where it gives way: ", words[k].n,
                words[k].n == 1 ? words[k].one : words[k].many);
    }
    if (said)
        fputs(".", f);
    if (v->preferences)
        fprintf(f, " Wishes %s outweigh those %s by %d point%s.",
                v->preferences < 0 ? "granted" : "broken",
                v->preferences < 0 ? "broken" : "granted", abs(v->preferences),
                abs(v->preferences) == 1 ? "" : "s");
    fprintf(f, " <span class=\"cost\">(%.0f penalty points", r->objective);
    if (r->bound > -1e300 && r->status != OR_SOLVE_OPTIMAL)
        fprintf(f, "; no roster can have fewer than %.0f", bound);
    fputs(".)</span>", f);
    if (r->nshortfall)
        fprintf(f, " <span class=\"warn\">%d place%s unfilled: marked in red.</span>",
                r->soft.shortfall, r->soft.shortfall == 1 ? "" : "s");
    fputs("</p>\n", f);
}

static bool activity_in_month(const struct or_calendar *cal, int activity)
{
    for (size_t o = 0; o < cal->nocc; o++)
        if (cal->occ[o].activity == activity)
            return true;
    return false;
}

/* The codes of the grid and whom they stand for. */
static void write_legend(FILE *f, const struct or_publication *pub, char (*code)[16],
                         const char *cls)
{
    fprintf(f, "<p class=\"%s\">", cls);
    for (size_t s = 0; s < pub->dept->nspecialists; s++) {
        fputs("<span><b>", f);
        html_text(f, code[s]);
        fputs("</b> ", f);
        html_text(f, pub->dept->specialists[s].name);
        fputs("</span>", f);
    }
    fputs("</p>\n", f);
}

static void write_campus(FILE *f, const struct or_publication *pub, int campus, char (*code)[16],
                         bool first_page)
{
    const struct or_department *dept = pub->dept;
    const struct or_calendar *cal = pub->cal;
    static const char *const wd[7] = {"Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"};
    char from[11], to[11];
    /* Printed, each campus is a page: it says whose roster and when. */
    fprintf(f, "<section class=\"campus%s\">\n<p class=\"print meta\">",
            first_page ? " first" : "");
    html_text(f, dept->name);
    fprintf(f, ": roster %s to %s</p>\n<h2>", or_day_format(cal->first, from),
            or_day_format(cal->last, to));
    html_text(f, dept->campuses[campus].name);
    fputs("</h2>\n<div class=\"scroll\"><table>\n<thead><tr><th class=\"act\">Activity</th>", f);
    for (or_day d = cal->first; d <= cal->last; d++) {
        int y, m, dd, w = or_day_weekday(d);
        or_day_to_ymd(d, &y, &m, &dd);
        const char *cls = or_calendar_is_closed(cal, d) ? " class=\"closed\""
                          : w >= 5                      ? " class=\"we\""
                                                        : "";
        const char *name = or_holiday_name(dept->holidays, d);
        fprintf(f, "<th%s", cls);
        if (name) {
            fputs(" title=\"", f);
            html_text(f, name);
            fputc('"', f);
        }
        fprintf(f, ">%s<br>%d</th>", wd[w], dd);
    }
    fputs("</tr></thead>\n<tbody>\n", f);
    for (size_t a = 0; a < dept->nactivities; a++) {
        const struct or_activity *act = &dept->activities[a];
        if (act->campus.index != campus || !activity_in_month(cal, (int)a))
            continue;
        char s[6], e[6];
        fputs("<tr><td class=\"act\">", f);
        html_text(f, act->name);
        fprintf(f, "<br><small>%s\xe2\x80\x93%s</small></td>", clock_format(act->start, s),
                clock_format(act->end, e));
        size_t o = 0;
        for (or_day d = cal->first; d <= cal->last; d++) {
            while (o < cal->nocc && cal->occ[o].day < d)
                o++;
            size_t k = o;
            while (k < cal->nocc && cal->occ[k].day == d && cal->occ[k].activity != (int)a)
                k++;
            bool here = k < cal->nocc && cal->occ[k].day == d;
            int w = or_day_weekday(d);
            int missing = here ? pub->roster->missing[k] : 0;
            const char *cls = missing                         ? " class=\"short\""
                              : or_calendar_is_closed(cal, d) ? " class=\"closed\""
                              : w >= 5                        ? " class=\"we\""
                                                              : "";
            fprintf(f, "<td%s>", cls);
            if (here) {
                for (const int *p = pub->roster->staff[k]; *p >= 0; p++) {
                    fputs("<span class=\"who\" title=\"", f);
                    html_text(f, dept->specialists[*p].name);
                    fputs("\">", f);
                    html_text(f, code[*p]);
                    fputs("</span>", f);
                }
                if (missing)
                    fprintf(f, "<span class=\"who\">%d open</span>", missing);
            }
            fputs("</td>", f);
        }
        fputs("</tr>\n", f);
    }
    fputs("</tbody></table></div>\n", f);
    /* Public holidays and closures in words, not only on hover. */
    size_t n = 0;
    for (or_day d = cal->first; d <= cal->last; d++) {
        const char *name = or_holiday_name(dept->holidays, d);
        bool closed = or_calendar_is_closed(cal, d);
        if (!name && !closed)
            continue;
        int y, m, dd;
        or_day_to_ymd(d, &y, &m, &dd);
        fprintf(f, "%s%s %d ", n++ ? "; " : "<p class=\"holidays\">Public holidays and closures: ",
                wd[or_day_weekday(d)], dd);
        html_text(f, name ? name : "closed");
    }
    if (n)
        fputs(".</p>\n", f);
    write_legend(f, pub, code, "legend print");
    fputs("</section>\n", f);
}

static void write_totals(FILE *f, const struct or_publication *pub, char (*code)[16],
                         const struct totals *t)
{
    const struct or_department *dept = pub->dept;
    fputs("<section class=\"totals\">\n<h2>Per specialist</h2>\n<div class=\"scroll\">"
          "<table class=\"totals\">\n<thead><tr><th>Code</th><th class=\"act\">Name</th>"
          "<th>FTE</th><th>Sessions</th><th>Fair</th><th>On call</th><th>Weekend</th>"
          "<th>Holiday</th><th>Series</th>",
          f);
    for (size_t a = 0; a < dept->nactivities; a++) {
        if (!dept->activities[a].fair)
            continue;
        fputs("<th title=\"shared fairly\">", f);
        html_text(f, dept->activities[a].name);
        fputs("</th>", f);
    }
    for (size_t c = 0; c < dept->ncampuses; c++) {
        fputs("<th>", f);
        html_text(f, dept->campuses[c].name);
        fputs("</th>", f);
    }
    fputs("</tr></thead>\n<tbody>\n", f);
    for (size_t s = 0; s < dept->nspecialists; s++) {
        const struct or_band *b =
            pub->roster->bands ? &pub->roster->bands[s * OR_NCOUNTS + OR_COUNT_SESSIONS] : NULL;
        fputs("<tr><td>", f);
        html_text(f, code[s]);
        fputs("</td><td class=\"name\">", f);
        html_text(f, dept->specialists[s].name);
        bool off = b && b->active && (t[s].sessions < b->lo || t[s].sessions > b->hi);
        fprintf(f, "</td><td>%.2f</td><td%s>%g</td><td>", dept->specialists[s].fte,
                off ? " class=\"off\" title=\"outside the fair range\"" : "",
                or_sessions(dept, t[s].sessions));
        if (b && b->active)
            fprintf(f, b->lo == b->hi ? "%g" : "%g\xe2\x80\x93%g", or_sessions(dept, b->lo),
                    or_sessions(dept, b->hi));
        fprintf(f, "</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td>",
                t[s].counts[OR_COUNT_ON_CALL], t[s].counts[OR_COUNT_WEEKENDS],
                t[s].counts[OR_COUNT_HOLIDAYS], t[s].series);
        for (size_t a = 0; a < dept->nactivities; a++)
            if (dept->activities[a].fair)
                fprintf(f, "<td>%d</td>",
                        or_fair_units(pub->cal, pub->roster->staff, (int)s, (int)a));
        for (size_t c = 0; c < dept->ncampuses; c++) {
            int n = t[s].campus_sessions[c];
            if (n)
                fprintf(f, "<td>%g (%d%%)</td>", or_sessions(dept, n),
                        (int)(100.0 * n / t[s].sessions + 0.5));
            else
                fputs("<td></td>", f);
        }
        fputs("</tr>\n", f);
    }
    fputs("</tbody></table></div>\n<p class=\"meta\">Sessions count each occurrence by its "
          "load; Fair is the range the roster aims for after leave and carry-over (counts "
          "outside it in bold); Series is "
          "the number of weekly series this specialist serves; an activity shared fairly "
          "counts its occurrences, or its weeks when it keeps one specialist all week.</p>\n"
          "</section>\n",
          f);
}

static void html_names(FILE *f, const struct or_department *dept, const int *list)
{
    if (list[0] < 0)
        fputs("<i>nobody</i>", f);
    for (const int *p = list; *p >= 0; p++) {
        fputs(p == list ? "" : ", ", f);
        html_text(f, dept->specialists[*p].name);
    }
}

/* The sessions a re-plan changed, for the people to be told. */
static int write_changes(FILE *f, const struct or_publication *pub)
{
    const struct or_department *dept = pub->dept;
    size_t n = or_changes_count(pub);
    if (!n)
        return 0;
    int *before = malloc((dept->nspecialists + 1) * sizeof(int));
    if (!before)
        return -1;
    char day[11], at[6];
    fprintf(f, "<section class=\"changes\">\n<h2>Changed since the last publication</h2>\n"
               "<table>\n<thead><tr><th>Date</th><th>Session</th><th>Campus</th>"
               "<th>Before</th><th>Now</th></tr></thead>\n<tbody>\n");
    for (size_t o = 0; o < pub->cal->nocc; o++) {
        if (!change_of(pub, o, before))
            continue;
        const struct or_occurrence *occ = &pub->cal->occ[o];
        const struct or_activity *a = &dept->activities[occ->activity];
        fprintf(f, "<tr><td>%s %s</td><td class=\"name\">%s ", or_day_format(occ->day, day),
                or_weekday_name(or_day_weekday(occ->day)), clock_format(a->start, at));
        html_text(f, a->name);
        fputs("</td><td class=\"name\">", f);
        html_text(f, dept->campuses[a->campus.index].name);
        fputs("</td><td class=\"name\">", f);
        html_names(f, dept, before);
        fputs("</td><td class=\"name\">", f);
        html_names(f, dept, pub->roster->staff[o]);
        fputs("</td></tr>\n", f);
    }
    fputs("</tbody></table>\n</section>\n", f);
    free(before);
    return 0;
}

int or_write_html(FILE *f, const struct or_publication *pub)
{
    char(*code)[16] = make_codes(pub->dept);
    struct totals *t = totals_build(pub->dept, pub->cal, pub->roster);
    int rc = -1;
    if (!code || !t)
        goto out_free;
    write_header(f, pub);
    write_legend(f, pub, code, "legend top");
    if (write_changes(f, pub) != 0)
        goto out_free;
    for (size_t c = 0; c < pub->dept->ncampuses; c++)
        write_campus(f, pub, (int)c, code, c == 0);
    write_totals(f, pub, code, t);
    fputs("</body>\n</html>\n", f);
    rc = ferror(f) ? -1 : 0;
out_free:
    free(code);
    totals_free(t, pub->dept->nspecialists);
    return rc;
}
