/*
 * html_views.c - the views of the roster beside the campus grids: who is
 * where week by week (with today picked out when the page is opened during
 * the month), the places left unfilled with who could have taken them, and
 * one page per specialist with their month, totals and changes.
 */
#include "html.h"

#include <stdlib.h>
#include <string.h>

/* Specialists on `campus` on `day` (on-call duties apart), or on call
 * (campus -1), each once, in the order of the department. */
static void week_cell(FILE *f, const struct or_publication *pub, html_code *code, size_t o0,
                      or_day day, int campus, bool *seen)
{
    const struct or_department *dept = pub->dept;
    const struct or_calendar *cal = pub->cal;
    memset(seen, 0, dept->nspecialists * sizeof(bool));
    for (size_t o = o0; o < cal->nocc && cal->occ[o].day == day; o++) {
        const struct or_activity *a = &dept->activities[cal->occ[o].activity];
        bool on_call = a->kind == OR_KIND_ON_CALL;
        if (campus >= 0 ? on_call || a->campus.index != campus : !on_call)
            continue;
        for (const int *p = pub->roster->staff[o]; *p >= 0; p++) {
            if (campus >= 0 && seen[*p])
                continue;
            seen[*p] = true;
            fputs("<span class=\"who\" title=\"", f);
            html_text(f, dept->specialists[*p].name);
            fputs("\">", f);
            html_text(f, code[*p]);
            if (campus < 0) {
                fputs(" (", f);
                html_text(f, a->name);
                fputs(")", f);
            }
            fputs("</span>", f);
        }
        if (pub->roster->missing[o]) {
            fprintf(f, "<span class=\"who warn\"><a href=\"#open-%zu\">", o);
            fprintf(f, tr(dept, W_OPEN), pub->roster->missing[o]);
            fputs("</a></span>", f);
        }
    }
}

/* Picks out today's row (the reader's date) and copies it to the top. */
static const char today_script[] =
    "<script>\n"
    "(function(){var d=new Date(),p=function(n){return(n<10?'0':'')+n};\n"
    "var k=d.getFullYear()+'-'+p(d.getMonth()+1)+'-'+p(d.getDate());\n"
    "var r=document.querySelector('tr[data-day=\"'+k+'\"]'),t=document.getElementById('today');\n"
    "if(!r||!t)return;r.className+=' today';\n"
    "var h=r.closest('table').querySelector('thead tr').cloneNode(true),"
    "b=r.cloneNode(true),x=t.querySelector('table');\n"
    "x.appendChild(h);x.appendChild(b);t.hidden=false;})();\n"
    "</script>\n";

void html_week_view(FILE *f, const struct or_publication *pub, html_code *code)
{
    const struct or_department *dept = pub->dept;
    const struct or_calendar *cal = pub->cal;
    bool *seen = malloc((dept->nspecialists + 1) * sizeof(bool));
    if (!seen)
        return;
    bool on_call = false;
    for (size_t a = 0; a < dept->nactivities; a++)
        on_call = on_call || dept->activities[a].kind == OR_KIND_ON_CALL;
    fputs("<section class=\"today\" id=\"today\" hidden>\n<h2>", f);
    html_text(f, tr(dept, W_TODAY));
    fputs("</h2>\n<div class=\"scroll\"><table></table></div>\n</section>\n", f);
    fputs("<section class=\"weeks\" id=\"weeks\">\n", f);
    html_print_heading(f, pub);
    char from[11], to[11];
    fputs("<h2>", f);
    html_text(f, tr(dept, W_WEEKS_TITLE));
    fputs("</h2>\n", f);
    size_t o = 0;
    for (or_day monday = cal->first - or_day_weekday(cal->first); monday <= cal->last;
         monday += 7) {
        or_day a = monday < cal->first ? cal->first : monday;
        or_day b = monday + 6 > cal->last ? cal->last : monday + 6;
        int iso_year, week;
        or_day_iso_week(monday, &iso_year, &week);
        fputs("<h3>", f);
        fprintf(f, tr(dept, W_WEEK), week, or_day_format(a, from), or_day_format(b, to));
        fputs("</h3>\n<div class=\"scroll\"><table class=\"list week\">\n<thead><tr><th>", f);
        html_text(f, tr(dept, W_DAY));
        fputs("</th>", f);
        for (size_t c = 0; c < dept->ncampuses; c++) {
            fputs("<th>", f);
            html_text(f, dept->campuses[c].name);
            fputs("</th>", f);
        }
        if (on_call) {
            fputs("<th>", f);
            html_text(f, tr(dept, W_TONIGHT));
            fputs("</th>", f);
        }
        fputs("</tr></thead>\n<tbody>\n", f);
        for (or_day d = a; d <= b; d++) {
            while (o < cal->nocc && cal->occ[o].day < d)
                o++;
            char iso[11];
            int w = or_day_weekday(d);
            const char *cls = or_calendar_is_closed(cal, d) ? " class=\"closed\""
                              : w >= 5                      ? " class=\"we\""
                                                            : "";
            fprintf(f, "<tr data-day=\"%s\"><th%s>", or_day_format(d, iso), cls);
            html_day(f, pub, d);
            const char *holiday = or_holiday_name(dept->holidays, d);
            if (holiday) {
                fputs("<br><small>", f);
                html_text(f, holiday);
                fputs("</small>", f);
            }
            fputs("</th>", f);
            for (int c = 0; c < (int)dept->ncampuses + on_call; c++) {
                fputs("<td>", f);
                week_cell(f, pub, code, o, d, c < (int)dept->ncampuses ? c : -1, seen);
                fputs("</td>", f);
            }
            fputs("</tr>\n", f);
        }
        fputs("</tbody></table></div>\n", f);
    }
    fputs(today_script, f);
    html_legend(f, pub, code, "legend print");
    fputs("</section>\n", f);
    free(seen);
}

static void place_reason(const char *who, const char *why, void *user)
{
    FILE *f = user;
    fputs("<li><b>", f);
    html_text(f, who);
    fputs("</b>: ", f);
    html_text(f, why);
    fputs("</li>", f);
}

void html_unfilled(FILE *f, const struct or_publication *pub)
{
    const struct or_department *dept = pub->dept;
    const struct or_roster *r = pub->roster;
    if (!r->nshortfall)
        return;
    fputs("<section class=\"unfilled\" id=\"unfilled\">\n", f);
    html_print_heading(f, pub);
    fputs("<h2>", f);
    html_text(f, tr(dept, W_UNFILLED_TITLE));
    fputs("</h2>\n<p class=\"meta\">", f);
    html_text(f, tr(dept, W_UNFILLED_INTRO));
    fputs("</p>\n<ul class=\"unfilled\">\n", f);
    for (size_t i = 0; i < r->nshortfall && i < PLACES_EXPLAINED; i++) {
        const struct or_shortfall *sf = &r->shortfall[i];
        const struct or_occurrence *occ = &pub->cal->occ[sf->occurrence];
        const struct or_activity *a = &dept->activities[occ->activity];
        char at[6];
        fprintf(f, "<li id=\"open-%zu\"><b>", sf->occurrence);
        html_day(f, pub, occ->day);
        fprintf(f, " %s ", clock_format(a->start, at));
        html_text(f, a->name);
        fputs(", ", f);
        html_text(f, dept->campuses[a->campus.index].name);
        fputs("</b>: ", f);
        fprintf(f, tr(dept, W_OPEN), sf->missing);
        fputs("\n<ul>", f);
        size_t more =
            shortfall_reasons(dept, sf, r->staff[sf->occurrence], REASONS_NAMED, place_reason, f);
        if (more)
            fprintf(f, "<li>\xe2\x80\xa6 +%zu</li>", more);
        fputs("</ul></li>\n", f);
    }
    if (r->nshortfall > PLACES_EXPLAINED)
        fprintf(f, "<li>\xe2\x80\xa6 +%zu (summary.json)</li>\n", r->nshortfall - PLACES_EXPLAINED);
    fputs("</ul>\n</section>\n", f);
}

/* ------------------------------------------------------------------ */
/* Requests                                                            */
/* ------------------------------------------------------------------ */

static void request_day(FILE *f, const struct or_publication *pub, or_day day, unsigned halves)
{
    html_day(f, pub, day);
    if (halves != OR_WHOLE_DAY) {
        fputs(" ", f);
        html_text(f, tr(pub->dept, halves == OR_AM ? W_MORNING : W_AFTERNOON));
    }
}

/* The requests of specialist `only` (-1: of everyone), each with the
 * answer this roster gives it. */
void html_requests(FILE *f, const struct or_publication *pub, int only)
{
    const struct or_department *dept = pub->dept;
    const struct or_roster *r = pub->roster;
    size_t n = 0;
    for (size_t i = 0; i < r->nrequests; i++) {
        const struct or_request_outcome *out = &r->requests[i];
        if (only >= 0 && out->specialist != only)
            continue;
        const struct or_specialist *sp = &dept->specialists[out->specialist];
        const struct or_request *q = &sp->requests[out->request];
        if (!n++) {
            if (only < 0) {
                fputs("<section class=\"requests\" id=\"requests\">\n", f);
                html_print_heading(f, pub);
            }
            fputs("<h2>", f);
            html_text(f, tr(dept, only < 0 ? W_REQUESTS_TITLE : W_THEIR_REQUESTS));
            fputs("</h2>\n", f);
            if (only < 0) {
                fputs("<p class=\"meta\">", f);
                html_text(f, tr(dept, W_REQUESTS_INTRO));
                fputs("</p>\n", f);
            }
            fputs("<div class=\"scroll\"><table class=\"list requests\">\n<thead><tr>", f);
            const enum word heads[] = {W_SPECIALIST, W_DATE, W_REQUEST, W_ANSWER};
            for (size_t k = only < 0 ? 0 : 1; k < sizeof(heads) / sizeof(heads[0]); k++) {
                fputs("<th>", f);
                html_text(f, tr(dept, heads[k]));
                fputs("</th>", f);
            }
            fputs("</tr></thead>\n<tbody>\n", f);
        }
        fprintf(f, "<tr%s>", out->granted ? "" : " class=\"refused\"");
        if (only < 0) {
            fputs("<td class=\"name\">", f);
            html_text(f, sp->name);
            fputs("</td>", f);
        }
        fputs("<td>", f);
        request_day(f, pub, q->from, q->from_halves);
        if (q->to != q->from) {
            fputs(" \xe2\x80\x93 ", f);
            request_day(f, pub, q->to, q->to_halves);
        }
        fputs("</td><td><b>", f);
        static const enum word kinds[] = {W_REQUEST_OFF, W_REQUEST_PREFER, W_REQUEST_AVOID};
        html_text(f, tr(dept, kinds[q->kind]));
        fputs("</b>", f);
        if (q->kind != OR_REQUEST_OFF) {
            fputs(": ", f);
            if (q->activity >= 0)
                html_text(f, dept->activities[q->activity].name);
            else if (q->campus >= 0)
                html_text(f, dept->campuses[q->campus].name);
            else
                html_text(f, tr(dept, W_ANY_SESSION));
        } else if (q->text) {
            fputs(" (", f);
            html_text(f, q->text);
            fputs(")", f);
        }
        fputs("</td><td>", f);
        html_text(f, tr(dept, q->hard        ? W_KEPT_AS_LEAVE
                              : out->granted ? W_GRANTED
                                             : W_NOT_GRANTED));
        if (out->why) {
            fputs(": ", f);
            html_text(f, out->why);
        }
        fputs("</td></tr>\n", f);
    }
    if (n)
        fputs(only < 0 ? "</tbody></table></div>\n</section>\n" : "</tbody></table></div>\n", f);
}

/* ------------------------------------------------------------------ */
/* A specialist's page                                                 */
/* ------------------------------------------------------------------ */

static void person_sessions(FILE *f, const struct or_publication *pub, size_t s,
                            const bool *changed_at)
{
    const struct or_department *dept = pub->dept;
    const struct or_calendar *cal = pub->cal;
    static const enum word heads[] = {W_DATE, W_TIME, W_ACTIVITY, W_CAMPUS, W_WITH};
    size_t n = 0;
    for (size_t o = 0; o < cal->nocc; o++) {
        if (!html_holds(pub, o, (int)s))
            continue;
        if (!n++) {
            fputs("<div class=\"scroll\"><table class=\"list sessions\">\n<thead><tr>", f);
            for (size_t i = 0; i < sizeof(heads) / sizeof(heads[0]); i++) {
                fputs("<th>", f);
                html_text(f, tr(dept, heads[i]));
                fputs("</th>", f);
            }
            fputs("</tr></thead>\n<tbody>\n", f);
        }
        const struct or_activity *a = &dept->activities[cal->occ[o].activity];
        bool changed = changed_at[o];
        char st[6], en[6];
        fprintf(f, "<tr%s><td>", changed ? " class=\"changed\"" : "");
        html_day(f, pub, cal->occ[o].day);
        fprintf(f, "</td><td>%s\xe2\x80\x93%s</td><td>", clock_format(a->start, st),
                clock_format(a->end, en));
        html_text(f, a->name);
        if (changed) {
            fputs(" <span class=\"mark\" title=\"", f);
            html_text(f, tr(dept, W_CHANGED_MARK));
            fputs("\">\xe2\x9c\xb1</span>", f);
        }
        fputs("</td><td>", f);
        html_text(f, dept->campuses[a->campus.index].name);
        fputs("</td><td>", f);
        if (pub->roster->staff[o][0] >= 0 && pub->roster->staff[o][1] >= 0)
            html_names(f, pub, pub->roster->staff[o], (int)s);
        fputs("</td></tr>\n", f);
    }
    if (n)
        fputs("</tbody></table></div>\n", f);
    else {
        fputs("<p>", f);
        html_text(f, tr(dept, W_NO_SESSIONS));
        fputs("</p>\n", f);
    }
}

static void person_totals(FILE *f, const struct or_publication *pub, const struct totals *t,
                          size_t s)
{
    const struct or_department *dept = pub->dept;
    char num[32];
    fputs("<h2>", f);
    html_text(f, tr(dept, W_TOTALS));
    fputs("</h2>\n<table class=\"list totals\">\n<tbody>\n", f);
    const struct or_band *bands = pub->roster->bands ? &pub->roster->bands[s * OR_NCOUNTS] : NULL;
    static const struct {
        enum word w;
        enum or_count k;
    } rows[] = {{W_SESSIONS, OR_COUNT_SESSIONS},
                {W_ON_CALL, OR_COUNT_ON_CALL},
                {W_WEEKEND, OR_COUNT_WEEKENDS},
                {W_HOLIDAY, OR_COUNT_HOLIDAYS}};
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        enum or_count k = rows[i].k;
        const struct or_band *b = bands ? &bands[k] : NULL;
        int n = t[s].counts[k];
        if (!n && !(b && b->active))
            continue;
        fputs("<tr><th>", f);
        html_text(f, tr(dept, rows[i].w));
        fprintf(f, "</th><td%s>",
                b && b->active && (n < b->lo || n > b->hi) ? " class=\"off\"" : "");
        if (k == OR_COUNT_SESSIONS)
            fputs(tr_number(dept, or_sessions(dept, n), false, num), f);
        else
            fprintf(f, "%d", n);
        fputs("</td><td>", f);
        if (b && b->active) {
            html_text(f, tr(dept, W_FAIR));
            fputs(" ", f);
            html_band(f, pub, b, k);
        }
        fputs("</td></tr>\n", f);
    }
    for (size_t c = 0; c < dept->ncampuses; c++) {
        if (!t[s].campus_sessions[c])
            continue;
        fputs("<tr><th>", f);
        html_text(f, dept->campuses[c].name);
        fprintf(f, "</th><td>%s</td><td>%d%%</td></tr>\n",
                tr_number(dept, or_sessions(dept, t[s].campus_sessions[c]), false, num),
                (int)(100.0 * t[s].campus_sessions[c] / t[s].sessions + 0.5));
    }
    fputs("</tbody></table>\n<p class=\"meta note\">", f);
    html_fair_note(f, pub, t, s);
    fputs("</p>\n", f);
}

/* Sessions this specialist held before or holds now that changed. */
static void person_changes(FILE *f, const struct or_publication *pub, size_t s, const bool *changed,
                           int *before)
{
    const struct or_department *dept = pub->dept;
    if (!pub->previous)
        return;
    fputs("<h2>", f);
    html_text(f, tr(dept, W_THEIR_CHANGES));
    fputs("</h2>\n", f);
    size_t n = 0;
    for (size_t o = 0; o < pub->cal->nocc; o++) {
        if (!changed[o])
            continue;
        change_of(pub, o, before);
        bool was = false;
        for (const int *p = before; *p >= 0; p++)
            was = was || *p == (int)s;
        if (!was && !html_holds(pub, o, (int)s))
            continue;
        const struct or_activity *a = &dept->activities[pub->cal->occ[o].activity];
        char at[6];
        fputs(n++ ? "" : "<ul class=\"changes\">\n", f);
        fputs("<li>", f);
        html_day(f, pub, pub->cal->occ[o].day);
        fprintf(f, " %s ", clock_format(a->start, at));
        html_text(f, a->name);
        fputs(" (", f);
        html_text(f, dept->campuses[a->campus.index].name);
        fputs("): ", f);
        html_names(f, pub, before, -1);
        fputs(" \xe2\x86\x92 ", f);
        html_names(f, pub, pub->roster->staff[o], -1);
        fputs("</li>\n", f);
    }
    if (n)
        fputs("</ul>\n", f);
    else {
        fputs("<p>", f);
        html_text(f, tr(dept, W_NO_CHANGES));
        fputs("</p>\n", f);
    }
}

int html_write_person(FILE *f, const struct or_publication *pub, const struct slugs *slugs,
                      const struct totals *t, const bool *changed, size_t s)
{
    const struct or_department *dept = pub->dept;
    const struct or_specialist *sp = &dept->specialists[s];
    int *before = malloc((dept->nspecialists + 1) * sizeof(int));
    int rc = -1;
    if (!before)
        goto out_free;
    html_begin(f, pub, sp->name);
    fputs("<h1>", f);
    html_text(f, sp->name);
    fputs("</h1>\n<p class=\"meta\">", f);
    char first[11], last[11];
    fprintf(f, tr(dept, W_PERSON_MONTH), dept->name, or_day_format(pub->cal->first, first),
            or_day_format(pub->cal->last, last));
    fputs("</p>\n<nav class=\"views\"><a href=\"../roster.html\">", f);
    html_text(f, tr(dept, W_OVERVIEW));
    fputs("</a><a href=\"", f);
    html_text(f, slugs->specialists[s]);
    fputs(".ics\">", f);
    html_text(f, tr(dept, W_SUBSCRIBE));
    fputs("</a></nav>\n", f);
    person_sessions(f, pub, s, changed);
    person_totals(f, pub, t, s);
    html_requests(f, pub, (int)s);
    person_changes(f, pub, s, changed, before);
    fputs("</body>\n</html>\n", f);
    rc = ferror(f) ? -1 : 0;
out_free:
    free(before);
    return rc;
}
