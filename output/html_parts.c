/*
 * html_parts.c - what the HTML pages share: the style sheet and the head
 * of a page, escaping, dates in the department's language, the grid's
 * short codes and their legend, names, fair ranges and why someone is
 * outside one.  The overview (html.c) and the views beside it
 * (html_views.c) are built from these.
 */
#include "html.h"

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
    "h3{font-size:1em;margin:1em 0 .3em}\n"
    "p.meta{margin:.2em 0;color:#444}\n"
    "nav.views a{margin-right:1em}\n"
    ".scroll{overflow-x:auto}\n"
    "table{border-collapse:collapse;font-size:.8em}\n"
    "th,td{border:1px solid #bbb;padding:2px 3px;text-align:center;vertical-align:top}\n"
    "th.act,td.act{text-align:left;white-space:nowrap;position:sticky;left:0;background:#fff}\n"
    "td.act small{color:#555}\n"
    "th.we,td.we{background:#eee}th.closed,td.closed{background:#ddd}\n"
    "td.short{background:#fdd;color:#a00;font-weight:bold;outline:2px solid #c00}\n"
    "td.short a{color:#a00}\n"
    "td.changed{box-shadow:inset 0 0 0 2px #06c}span.mark{color:#06c;font-weight:bold}\n"
    "span.who{display:block;white-space:nowrap}\n"
    "table.totals td{text-align:right}table.totals td.name,table.totals td.note{text-align:left}\n"
    "table.list td,table.list th{text-align:left}\n"
    "table.week span.who{display:inline-block;margin-right:.5em}\n"
    "table.sessions td:first-child,table.week th{white-space:nowrap}\n"
    "tr.today td,tr.today th{background:#ffe9a8}\n"
    "section.today{border:2px solid #c90;padding:.3em .8em;margin:.8em 0}\n"
    ".print{display:none}p.holidays{font-size:.85em;color:#444}\n"
    ".legend span{display:inline-block;margin-right:1em}\n"
    ".cost{color:#777;font-size:.9em}\n"
    ".warn{color:#a00;font-weight:bold}td.off{color:#a60;font-weight:bold}\n"
    "ul.unfilled li{margin:.3em 0}\n"
    "tr.refused td:last-child{color:#a00}\n"
    "@page{size:A4 landscape;margin:8mm}\n"
    "@media print{body{margin:0;font-size:8pt}.scroll{overflow:visible}"
    "nav.views,section.today{display:none}"
    "section.campus,section.weeks,section.totals{break-before:page}"
    "section.campus.first{break-before:auto}"
    ".print{display:block}.legend.top{display:none}"
    "section.campus table{width:100%}table{font-size:6.5pt}th,td{padding:1px}"
    "td.short,th.we,td.we,th.closed,td.closed,td.changed,tr.today td{"
    "-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n";

void html_begin(FILE *f, const struct or_publication *pub, const char *title)
{
    char first[11];
    fprintf(f,
            "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
            tr_code(pub->dept));
    html_text(f, title);
    fprintf(f, " \xe2\x80\x94 %.7s</title>\n<style>\n%s</style>\n</head>\n<body>\n",
            or_day_format(pub->cal->first, first), style);
}

void html_print_heading(FILE *f, const struct or_publication *pub)
{
    char from[11], to[11];
    fputs("<p class=\"print meta\">", f);
    html_text(f, pub->dept->name);
    fprintf(f, tr(pub->dept, W_PRINT_META), or_day_format(pub->cal->first, from),
            or_day_format(pub->cal->last, to));
    fputs("</p>\n", f);
}

void html_day(FILE *f, const struct or_publication *pub, or_day day)
{
    char d[11];
    fprintf(f, "%s %s", or_day_format(day, d), tr_weekday(pub->dept, or_day_weekday(day)));
}

bool html_holds(const struct or_publication *pub, size_t o, int s)
{
    for (const int *p = pub->roster->staff[o]; *p >= 0; p++)
        if (*p == s)
            return true;
    return false;
}

/* Short codes for the grid: initials of the name ("Dr. Hélène Van den
 * Broeck" gives "HVdB"), titles skipped, made unique with a digit. */
/* An open-addressing set of codes: slots hold index + 1, 0 = empty. */
static size_t code_hash(const char *c)
{
    size_t h = 5381;
    for (; *c; c++)
        h = h * 33 + (unsigned char)*c;
    return h;
}

static bool code_taken(const size_t *taken, size_t mask, html_code *code, const char *c)
{
    for (size_t i = code_hash(c) & mask; taken[i]; i = (i + 1) & mask)
        if (strcmp(code[taken[i] - 1], c) == 0)
            return true;
    return false;
}

static void code_take(size_t *taken, size_t mask, html_code *code, size_t s)
{
    size_t i = code_hash(code[s]) & mask;
    while (taken[i])
        i = (i + 1) & mask;
    taken[i] = s + 1;
}

html_code *html_codes(const struct or_department *dept)
{
    size_t mask = 15;
    while (mask < 2 * dept->nspecialists)
        mask = mask * 2 + 1;
    html_code *code = calloc(dept->nspecialists + 1, sizeof(*code));
    size_t *taken = calloc(mask + 1, sizeof(size_t));
    if (!code || !taken) {
        free(code);
        free(taken);
        return NULL;
    }
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
            n = (size_t)snprintf(code[s], sizeof(code[s]), "%.12s", dept->specialists[s].id);
        /* Taken already: the same with 2, 3, ... (a set of the codes so
         * far, so that a thousand "Dr. Specialist N" stay quick). */
        for (size_t k = 2; code_taken(taken, mask, code, code[s]); k++)
            snprintf(code[s] + (n < 12 ? n : 12), sizeof(code[s]) - (n < 12 ? n : 12), "%zu", k);
        code_take(taken, mask, code, s);
    }
    free(taken);
    return code;
}

/* The codes of the grid and whom they stand for, and what red and the
 * change mark mean. */
void html_legend(FILE *f, const struct or_publication *pub, html_code *code, const char *cls)
{
    fprintf(f, "<p class=\"%s\">", cls);
    for (size_t s = 0; s < pub->dept->nspecialists; s++) {
        fputs("<span><b>", f);
        html_text(f, code[s]);
        fputs("</b> ", f);
        html_text(f, pub->dept->specialists[s].name);
        fputs("</span>", f);
    }
    fputs("<br>", f);
    html_text(f, tr(pub->dept, W_LEGEND_MARKS));
    fputs("</p>\n", f);
}

void html_band(FILE *f, const struct or_publication *pub, const struct or_band *b, enum or_count k)
{
    char lo[32], hi[32];
    if (k == OR_COUNT_SESSIONS && b->lo == b->hi)
        fputs(tr_number(pub->dept, or_sessions(pub->dept, b->lo), false, lo), f);
    else if (k == OR_COUNT_SESSIONS)
        fprintf(f, "%s\xe2\x80\x93%s",
                tr_number(pub->dept, or_sessions(pub->dept, b->lo), false, lo),
                tr_number(pub->dept, or_sessions(pub->dept, b->hi), false, hi));
    else
        fprintf(f, b->lo == b->hi ? "%d" : "%d\xe2\x80\x93%d", b->lo, b->hi);
}

/* Days of the month with sessions, and of those the days on which leave
 * leaves s none (what narrows their fair range: solver/rules/balance.c). */
static void leave_days(const struct or_publication *pub, size_t s, int *days, int *on_leave)
{
    const struct or_calendar *cal = pub->cal;
    *days = *on_leave = 0;
    size_t o = 0;
    for (or_day day = cal->first; day <= cal->last; day++) {
        bool any = false, usable = false;
        for (; o < cal->nocc && cal->occ[o].day == day; o++) {
            any = true;
            usable =
                usable || !(or_blocked(pub->dept, cal, (int)s, &cal->occ[o], NULL) & OR_WHY_LEAVE);
        }
        while (o < cal->nocc && cal->occ[o].day < day)
            o++;
        *days += any;
        *on_leave += any && !usable;
    }
}

void html_fair_note(FILE *f, const struct or_publication *pub, const struct totals *t, size_t s)
{
    const struct or_department *dept = pub->dept;
    const struct or_specialist *sp = &dept->specialists[s];
    if (!pub->roster->bands)
        return;
    static const enum word names[OR_NCOUNTS] = {W_ON_CALL, W_WEEKEND, W_HOLIDAY, W_SESSIONS};
    const int carried[OR_NCOUNTS] = {sp->carry.on_call, sp->carry.weekends, sp->carry.holidays,
                                     sp->carry.sessions};
    int said = 0;
    for (int k = OR_COUNT_SESSIONS; k >= 0; k--) {
        const struct or_band *b = &pub->roster->bands[s * OR_NCOUNTS + (size_t)k];
        int n = t[s].counts[k];
        if (!b->active || (n >= b->lo && n <= b->hi))
            continue;
        fputs(said++ ? "; " : "", f);
        char range[80], lo[32], hi[32], by[32];
        if (k == OR_COUNT_SESSIONS) {
            tr_number(dept, or_sessions(dept, b->lo), false, lo);
            tr_number(dept, or_sessions(dept, b->hi), false, hi);
            snprintf(range, sizeof(range), b->lo == b->hi ? "(%s)" : "(%s\xe2\x80\x93%s)", lo, hi);
            fprintf(
                f, tr(dept, n > b->hi ? W_ABOVE : W_BELOW),
                tr_number(dept, or_sessions(dept, n > b->hi ? n - b->hi : b->lo - n), false, by),
                range);
        } else {
            snprintf(range, sizeof(range), b->lo == b->hi ? "(%d)" : "(%d\xe2\x80\x93%d)", b->lo,
                     b->hi);
            fprintf(f, tr(dept, n > b->hi ? W_DUTY_ABOVE : W_DUTY_BELOW), tr(dept, names[k]),
                    n > b->hi ? n - b->hi : b->lo - n, range);
        }
        /* What set the range: part-time, leave, the months before. */
        const char *sep = ": ";
        if (sp->fte < 1 - 1e-9) {
            fputs(sep, f);
            fprintf(f, tr(dept, W_BECAUSE_FTE), tr_number(dept, sp->fte, true, by));
            sep = ", ";
        }
        int days, off;
        if (k == OR_COUNT_SESSIONS && (leave_days(pub, s, &days, &off), off > 0)) {
            fputs(sep, f);
            fprintf(f, tr(dept, W_BECAUSE_LEAVE), off, days);
            sep = ", ";
        }
        if (carried[k]) {
            double c =
                k == OR_COUNT_SESSIONS ? or_sessions(dept, abs(carried[k])) : abs(carried[k]);
            fputs(sep, f);
            fprintf(f, tr(dept, carried[k] > 0 ? W_BECAUSE_CARRY_P : W_BECAUSE_CARRY_M),
                    tr_number(dept, c, false, by));
        }
    }
}

void html_names(FILE *f, const struct or_publication *pub, const int *list, int skip)
{
    bool any = false;
    for (const int *p = list; *p >= 0; p++) {
        if (*p == skip)
            continue;
        fputs(any ? ", " : "", f);
        html_text(f, pub->dept->specialists[*p].name);
        any = true;
    }
    if (!any) {
        fputs("<i>", f);
        html_text(f, tr(pub->dept, W_NOBODY));
        fputs("</i>", f);
    }
}
