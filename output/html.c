/*
 * html.c - the month overview: one self-contained page (no external
 * assets): the result in words, a grid per campus (rows: activities,
 * columns: dates) with weekends and closed days shaded, unfilled places in
 * red and changes marked, the views of html_views.c, and a table of what
 * each specialist does.  Prints on A4 landscape, one campus a page.
 */
#include "html.h"
#include "version.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The published time in the department's time zone, as every time of the
 * roster ("2027-02-20 14:05 CET"). */
static void published_at(const struct or_publication *pub, char *out, size_t n)
{
    or_day pday;
    int pminute;
    long offset = 0;
    char abbr[16] = "";
    if (or_zone_from_utc(pub->dept->timezone, pub->revision, &pday, &pminute) == 0) {
        char d[11];
        or_zone_offset(pub->dept->timezone, pub->revision, &offset, abbr, sizeof(abbr));
        snprintf(out, n, "%s %02d:%02d%s%s", or_day_format(pday, d), pminute / 60, pminute % 60,
                 abbr[0] ? " " : "", abbr);
    } else {
        struct tm tm;
        gmtime_r(&pub->revision, &tm);
        strftime(out, n, "%Y-%m-%d %H:%M UTC", &tm);
    }
}

/* One of two words by a count. */
#define TR_N(dept, n, one, many) tr((dept), (n) == 1 ? (one) : (many))

static void write_header(FILE *f, const struct or_publication *pub)
{
    const struct or_department *dept = pub->dept;
    const struct or_roster *r = pub->roster;
    char first[11], last[11], published[40];
    published_at(pub, published, sizeof(published));
    html_begin(f, pub, dept->name);
    fputs("<h1>", f);
    html_text(f, dept->name);
    fputs("</h1>\n<p class=\"meta\">", f);
    fprintf(f, tr(dept, W_META), or_day_format(pub->cal->first, first),
            or_day_format(pub->cal->last, last), published, ONCOROSTER_VERSION);
    fputs("</p>\n", f);
    /* The result in words a department head reads: how good, then what
     * the roster could not give, counted per rule (docs/model.md). */
    double bound = ceil(r->bound - 1e-6);
    fputs("<p class=\"meta result\">", f);
    switch (r->status) {
    case OR_SOLVE_OPTIMAL:
        fputs(tr(dept, W_RES_OPTIMAL), f);
        break;
    case OR_SOLVE_GAP:
    case OR_SOLVE_TIME_LIMIT:
    case OR_SOLVE_INTERRUPTED:
        fputs(tr(dept, r->status == OR_SOLVE_GAP ? W_RES_FOUND_GAP : W_RES_FOUND_TIME), f);
        if (r->bound > -1e300 && r->objective - bound < 0.5)
            fputs(tr(dept, W_RES_IS_BEST), f);
        else if (r->bound > -1e300)
            fprintf(f, TR_N(dept, r->objective - bound, W_RES_AT_MOST_ONE, W_RES_AT_MOST_MANY),
                    r->objective - bound);
        else
            fputs(tr(dept, W_RES_UNKNOWN), f);
        break;
    case OR_SOLVE_FAILED:
        fputs(tr(dept, W_RES_FAILED), f);
        break;
    case OR_SOLVE_SWAPPED:
        fputs(tr(dept, W_RES_SWAPPED), f);
        break;
    }
    const struct or_soft *v = &r->soft;
    const struct {
        long n;
        enum word one, many;
    } words[] = {
        {v->overstaffed, W_SOFT_OVER_ONE, W_SOFT_OVER_MANY},
        {v->hours_short, W_SOFT_HOURS_ONE, W_SOFT_HOURS_MANY},
        {v->continuity, W_SOFT_SERIES_ONE, W_SOFT_SERIES_MANY},
        {v->fairness, W_SOFT_FAIR_ONE, W_SOFT_FAIR_MANY},
        {v->balance, W_SOFT_BALANCE_ONE, W_SOFT_BALANCE_MANY},
        {v->campus_changes, W_SOFT_CAMPUS_ONE, W_SOFT_CAMPUS_MANY},
        {v->changes, W_SOFT_CHANGES_ONE, W_SOFT_CHANGES_MANY},
    };
    size_t said = 0;
    for (size_t k = 0; k < sizeof(words) / sizeof(words[0]); k++) {
        if (words[k].n <= 0)
            continue;
        fprintf(f, "%s%ld ", said++ ? ", " : tr(dept, W_GIVES_WAY), words[k].n);
        fputs(TR_N(dept, words[k].n, words[k].one, words[k].many), f);
    }
    if (said)
        fputs(".", f);
    if (v->preferences > 0)
        fprintf(f, TR_N(dept, v->preferences, W_WISHES_BROKEN_ONE, W_WISHES_BROKEN_MANY),
                v->preferences);
    else if (v->preferences < 0)
        fprintf(f, TR_N(dept, -v->preferences, W_WISHES_GRANTED_ONE, W_WISHES_GRANTED_MANY),
                -v->preferences);
    fputs(" <span class=\"cost\">", f);
    fprintf(f, tr(dept, W_PENALTY), r->objective);
    if (r->bound > -1e300 && r->status != OR_SOLVE_OPTIMAL)
        fprintf(f, tr(dept, W_NO_FEWER), bound);
    fputs(".)</span>", f);
    if (r->nshortfall) {
        fputs(" <span class=\"warn\">", f);
        fprintf(f, TR_N(dept, r->soft.shortfall, W_UNFILLED_RED_ONE, W_UNFILLED_RED_MANY),
                r->soft.shortfall);
        fputs("</span>", f);
    }
    fputs("</p>\n", f);
}

static bool activity_in_month(const struct or_calendar *cal, int activity)
{
    for (size_t o = 0; o < cal->nocc; o++)
        if (cal->occ[o].activity == activity)
            return true;
    return false;
}

static void write_campus(FILE *f, const struct or_publication *pub, int campus, html_code *code,
                         int *before, const bool *earlier, bool first_page)
{
    const struct or_department *dept = pub->dept;
    const struct or_calendar *cal = pub->cal;
    /* Printed, each campus is a page: it says whose roster and when. */
    fprintf(f, "<section class=\"campus%s\" id=\"campus-%d\">\n", first_page ? " first" : "",
            campus + 1);
    html_print_heading(f, pub);
    fputs("<h2>", f);
    html_text(f, dept->campuses[campus].name);
    fputs("</h2>\n<div class=\"scroll\"><table>\n<thead><tr><th class=\"act\">", f);
    html_text(f, tr(dept, W_ACTIVITY));
    fputs("</th>", f);
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
        fprintf(f, ">%s<br>%d</th>", tr_weekday(dept, w), dd);
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
            bool now_changed = here && change_of(pub, k, before);
            bool changed = now_changed || (here && earlier && earlier[k]);
            const char *cls = missing                         ? "short"
                              : or_calendar_is_closed(cal, d) ? "closed"
                              : w >= 5                        ? "we"
                                                              : "";
            fprintf(f, "<td%s%s%s%s>", *cls || changed ? " class=\"" : "", cls,
                    changed ? (*cls ? " changed" : "changed") : "", *cls || changed ? "\"" : "");
            if (here) {
                for (const int *p = pub->roster->staff[k]; *p >= 0; p++) {
                    fputs("<span class=\"who\" title=\"", f);
                    html_text(f, dept->specialists[*p].name);
                    fputs("\">", f);
                    html_text(f, code[*p]);
                    fputs("</span>", f);
                }
                if (missing) {
                    fprintf(f, "<span class=\"who\"><a href=\"#open-%zu\">", k);
                    fprintf(f, tr(dept, W_OPEN), missing);
                    fputs("</a></span>", f);
                }
                if (changed) {
                    fputs("<span class=\"mark\" title=\"", f);
                    html_text(f, tr(dept, W_CHANGED_MARK));
                    if (now_changed) {
                        fputs(": ", f);
                        html_names(f, pub, before, -1);
                        fputs(" \xe2\x86\x92 ", f);
                        html_names(f, pub, pub->roster->staff[k], -1);
                    }
                    fputs("\">\xe2\x9c\xb1</span>", f);
                }
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
        if (!n++) {
            fputs("<p class=\"holidays\">", f);
            html_text(f, tr(dept, W_HOLIDAYS_CLOSURES));
        } else {
            fputs("; ", f);
        }
        fprintf(f, "%s %d ", tr_weekday(dept, or_day_weekday(d)), dd);
        html_text(f, name ? name : tr(dept, W_CLOSED));
    }
    if (n)
        fputs(".</p>\n", f);
    html_legend(f, pub, code, "legend print");
    fputs("</section>\n", f);
}

static void write_totals(FILE *f, const struct or_publication *pub, html_code *code,
                         const struct totals *t, const struct slugs *slugs)
{
    const struct or_department *dept = pub->dept;
    fputs("<section class=\"totals\" id=\"totals\">\n", f);
    html_print_heading(f, pub);
    fputs("<h2>", f);
    html_text(f, tr(dept, W_PER_SPECIALIST));
    fputs("</h2>\n<div class=\"scroll\"><table class=\"totals\">\n<thead><tr>", f);
    static const enum word heads[] = {W_CODE,    W_NAME,    W_FTE,     W_SESSIONS, W_FAIR,
                                      W_ON_CALL, W_WEEKEND, W_HOLIDAY, W_SERIES};
    for (size_t i = 0; i < sizeof(heads) / sizeof(heads[0]); i++) {
        fputs(heads[i] == W_NAME ? "<th class=\"act\">" : "<th>", f);
        html_text(f, tr(dept, heads[i]));
        fputs("</th>", f);
    }
    for (size_t a = 0; a < dept->nactivities; a++) {
        if (!dept->activities[a].fair)
            continue;
        fputs("<th title=\"", f);
        html_text(f, tr(dept, W_SHARED_FAIRLY));
        fputs("\">", f);
        html_text(f, dept->activities[a].name);
        fputs("</th>", f);
    }
    for (size_t c = 0; c < dept->ncampuses; c++) {
        fputs("<th>", f);
        html_text(f, dept->campuses[c].name);
        fputs("</th>", f);
    }
    fputs("<th>", f);
    html_text(f, tr(dept, W_NOTE));
    fputs("</th></tr></thead>\n<tbody>\n", f);
    for (size_t s = 0; s < dept->nspecialists; s++) {
        const struct or_band *bands =
            pub->roster->bands ? &pub->roster->bands[s * OR_NCOUNTS] : NULL;
        fputs("<tr><td>", f);
        html_text(f, code[s]);
        fputs("</td><td class=\"name\">", f);
        if (slugs) {
            fputs("<a href=\"specialists/", f);
            html_text(f, slugs->specialists[s]);
            fputs(".html\">", f);
        }
        html_text(f, dept->specialists[s].name);
        if (slugs)
            fputs("</a>", f);
        char num[32];
        fprintf(f, "</td><td>%s</td>", tr_number(dept, dept->specialists[s].fte, true, num));
        for (int k = -1; k < OR_COUNT_SESSIONS; k++) {
            /* Sessions and its range first, then the duties. */
            enum or_count c = k < 0 ? OR_COUNT_SESSIONS : (enum or_count)k;
            const struct or_band *b = bands ? &bands[c] : NULL;
            int n = t[s].counts[c];
            bool off = b && b->active && (n < b->lo || n > b->hi);
            fputs("<td", f);
            if (off) {
                fputs(" class=\"off\" title=\"", f);
                html_text(f, tr(dept, W_OUTSIDE_RANGE));
                fputs(" ", f);
                html_band(f, pub, b, c);
                fputs("\"", f);
            }
            if (c == OR_COUNT_SESSIONS) {
                fprintf(f, ">%s</td><td>", tr_number(dept, or_sessions(dept, n), false, num));
                if (b && b->active)
                    html_band(f, pub, b, c);
                fputs("</td>", f);
            } else {
                fprintf(f, ">%d</td>", n);
            }
        }
        fprintf(f, "<td>%d</td>", t[s].series);
        for (size_t a = 0; a < dept->nactivities; a++)
            if (dept->activities[a].fair)
                fprintf(f, "<td>%d</td>",
                        or_fair_units(pub->cal, pub->roster->staff, (int)s, (int)a));
        for (size_t c = 0; c < dept->ncampuses; c++) {
            int n = t[s].campus_sessions[c];
            if (n)
                fprintf(f, "<td>%s (%d%%)</td>", tr_number(dept, or_sessions(dept, n), false, num),
                        (int)(100.0 * n / t[s].sessions + 0.5));
            else
                fputs("<td></td>", f);
        }
        fputs("<td class=\"note\">", f);
        html_fair_note(f, pub, t, s);
        fputs("</td></tr>\n", f);
    }
    fputs("</tbody></table></div>\n<p class=\"meta\">", f);
    html_text(f, tr(dept, W_TOTALS_NOTE));
    fputs("</p>\n</section>\n", f);
}

static enum word why_word(const char *why)
{
    return strcmp(why, "leave") == 0         ? W_WHY_LEAVE
           : strcmp(why, "pin") == 0         ? W_WHY_PIN
           : strcmp(why, "unavailable") == 0 ? W_WHY_UNAVAILABLE
           : strcmp(why, "swap") == 0        ? W_WHY_SWAP
                                             : W_WHY_REPLAN;
}

/* Every change of the month, each publication's, dated: `h` is the month's
 * history with this publication's changes (history_with_changes()). */
static void write_history(FILE *f, const struct or_publication *pub, const struct or_history *h)
{
    const struct or_department *dept = pub->dept;
    fputs("<section class=\"changes\" id=\"changes\">\n<h2>", f);
    html_text(f, tr(dept, W_HISTORY_TITLE));
    fputs("</h2>\n<div class=\"scroll\"><table>\n<thead><tr>", f);
    static const enum word heads[] = {W_PUBLISHED, W_DATE, W_SESSION, W_BEFORE, W_NOW, W_WHY};
    for (size_t i = 0; i < sizeof(heads) / sizeof(heads[0]); i++) {
        fputs("<th>", f);
        html_text(f, tr(dept, heads[i]));
        fputs("</th>", f);
    }
    fputs("</tr></thead>\n<tbody>\n", f);
    /* The latest publication first; its changes in their order. */
    size_t *order = malloc((h->n + 1) * sizeof(*order));
    size_t n = 0;
    for (size_t i = h->n; order && i-- > 0;)
        if (i + 1 == h->n || strcmp(h->items[i].published, h->items[i + 1].published) != 0) {
            size_t first = i;
            while (first > 0 && strcmp(h->items[first - 1].published, h->items[i].published) == 0)
                first--;
            for (size_t k = first; k <= i; k++)
                order[n++] = k;
        }
    for (size_t j = 0; j < n; j++) {
        const struct or_history_entry *e = &h->items[order[j]];
        or_day day, when;
        int minute;
        fputs("<tr><td>", f);
        /* The publication's local date and time, from its UTC stamp. */
        int y, mo, d, hh, mm, ss;
        if (sscanf(e->published, "%4d-%2d-%2dT%2d:%2d:%2dZ", &y, &mo, &d, &hh, &mm, &ss) == 6) {
            time_t t = (time_t)or_day_from_ymd(y, mo, d) * 86400 + hh * 3600 + mm * 60 + ss;
            if (or_zone_from_utc(dept->timezone, t, &when, &minute) == 0) {
                char at[6];
                html_day(f, pub, when);
                fprintf(f, " %s", clock_format(minute, at));
            }
        } else {
            html_text(f, e->published);
        }
        fputs("</td><td>", f);
        if (or_day_parse(e->date, strlen(e->date), &day))
            html_day(f, pub, day);
        else
            html_text(f, e->date);
        fputs("</td><td class=\"name\">", f);
        html_text(f, e->start);
        fputs(" ", f);
        html_text(f, e->what);
        fputs("</td><td class=\"name\">", f);
        html_text(f, *e->before ? e->before : tr(dept, W_NOBODY));
        fputs("</td><td class=\"name\">", f);
        html_text(f, *e->now ? e->now : tr(dept, W_NOBODY));
        fputs("</td><td>", f);
        html_text(f, tr(dept, why_word(e->why)));
        fputs("</td></tr>\n", f);
    }
    free(order);
    fputs("</tbody></table></div>\n</section>\n", f);
}

/* The sessions a re-plan changed, for the people to be told. */
static void write_changes(FILE *f, const struct or_publication *pub, int *before)
{
    const struct or_department *dept = pub->dept;
    if (!or_changes_count(pub))
        return;
    char at[6];
    fputs("<section class=\"changes\" id=\"changes\">\n<h2>", f);
    html_text(f, tr(dept, W_CHANGES_TITLE));
    fputs("</h2>\n<table>\n<thead><tr>", f);
    static const enum word heads[] = {W_DATE, W_SESSION, W_CAMPUS, W_BEFORE, W_NOW};
    for (size_t i = 0; i < 5; i++) {
        fputs("<th>", f);
        html_text(f, tr(dept, heads[i]));
        fputs("</th>", f);
    }
    fputs("</tr></thead>\n<tbody>\n", f);
    for (size_t o = 0; o < pub->cal->nocc; o++) {
        if (!change_of(pub, o, before))
            continue;
        const struct or_occurrence *occ = &pub->cal->occ[o];
        const struct or_activity *a = &dept->activities[occ->activity];
        fputs("<tr><td>", f);
        html_day(f, pub, occ->day);
        fprintf(f, "</td><td class=\"name\">%s ", clock_format(a->start, at));
        html_text(f, a->name);
        fputs("</td><td class=\"name\">", f);
        html_text(f, dept->campuses[a->campus.index].name);
        fputs("</td><td class=\"name\">", f);
        html_names(f, pub, before, -1);
        fputs("</td><td class=\"name\">", f);
        html_names(f, pub, pub->roster->staff[o], -1);
        fputs("</td></tr>\n", f);
    }
    fputs("</tbody></table>\n</section>\n", f);
}

/* Links to the parts of the page. */
static void write_nav(FILE *f, const struct or_publication *pub, bool history)
{
    const struct or_department *dept = pub->dept;
    fputs("<nav class=\"views\">", f);
    html_text(f, tr(dept, W_VIEWS));
    fputs(": ", f);
    for (size_t c = 0; c < dept->ncampuses; c++) {
        fprintf(f, "<a href=\"#campus-%zu\">", c + 1);
        html_text(f, dept->campuses[c].name);
        fputs("</a>", f);
    }
    const struct {
        const char *id;
        enum word w;
        bool shown;
    } parts[] = {
        {"weeks", W_WEEKS_TITLE, true},
        {"unfilled", W_UNFILLED_TITLE, pub->roster->nshortfall > 0},
        {"requests", W_REQUESTS_TITLE, pub->roster->nrequests > 0},
        {"changes", history ? W_HISTORY_TITLE : W_CHANGES_TITLE,
         history || or_changes_count(pub) > 0},
        {"totals", W_PER_SPECIALIST, true},
    };
    for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
        if (!parts[i].shown)
            continue;
        fprintf(f, "<a href=\"#%s\">", parts[i].id);
        html_text(f, tr(dept, parts[i].w));
        fputs("</a>", f);
    }
    fputs("</nav>\n", f);
}

int html_write_overview(FILE *f, const struct or_publication *pub, const struct slugs *slugs)
{
    html_code *code = html_codes(pub->dept);
    struct totals *t = totals_build(pub->dept, pub->cal, pub->roster);
    int *before = malloc((pub->dept->nspecialists + 1) * sizeof(int));
    /* Published: every change of the month, and marks on the cells any
     * publication changed; else this run's changes only. */
    struct or_history *h = pub->history ? history_with_changes(pub) : NULL;
    struct or_publication all = *pub;
    all.history = h;
    bool *earlier = h ? history_occurrences(&all) : NULL;
    int rc = -1;
    if (!code || !t || !before || (pub->history && (!h || !earlier)))
        goto out_free;
    write_header(f, pub);
    write_nav(f, pub, h && h->n > 0);
    html_legend(f, pub, code, "legend top");
    if (h && h->n > 0)
        write_history(f, pub, h);
    else if (!h)
        write_changes(f, pub, before);
    for (size_t c = 0; c < pub->dept->ncampuses; c++)
        write_campus(f, pub, (int)c, code, before, earlier, c == 0);
    html_week_view(f, pub, code);
    html_unfilled(f, pub);
    html_requests(f, pub, -1);
    write_totals(f, pub, code, t, slugs);
    fputs("</body>\n</html>\n", f);
    rc = ferror(f) ? -1 : 0;
out_free:
    free(code);
    free(before);
    free(earlier);
    or_history_free(h);
    totals_free(t, pub->dept->nspecialists);
    return rc;
}

int or_write_html(FILE *f, const struct or_publication *pub)
{
    return html_write_overview(f, pub, NULL);
}
