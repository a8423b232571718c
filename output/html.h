/*
 * html.h - what the HTML pages share (html_parts.c): the month overview
 * (roster.html) and each specialist's page (specialists/<slug>.html,
 * html_views.c), in the department's language (words.h).
 */
#ifndef ONCOROSTER_HTML_H
#define ONCOROSTER_HTML_H

#include "output_internal.h"
#include "words.h"

/* Short codes for the grid ("HVdB"), unique; NULL when out of memory. */
typedef char html_code[16];
html_code *html_codes(const struct or_department *dept);

/* <!DOCTYPE> to <body>: the style sheet and `title` (then " - month"). */
void html_begin(FILE *f, const struct or_publication *pub, const char *title);
/* For a printed page: "<department>: roster <first> to <last>". */
void html_print_heading(FILE *f, const struct or_publication *pub);
/* "2027-03-04 Th" in the department's language. */
void html_day(FILE *f, const struct or_publication *pub, or_day day);
/* Names separated by ", ", or "nobody"; `skip` (-1: none) left out. */
void html_names(FILE *f, const struct or_publication *pub, const int *list, int skip);
/* Why specialist s is outside a fair band, in words ("2 above the fair
 * range (8-10): range for 0.80 FTE; ..."); nothing when inside all. */
void html_fair_note(FILE *f, const struct or_publication *pub, const struct totals *t, size_t s);
/* A fair band as "8-10" (sessions for OR_COUNT_SESSIONS). */
void html_band(FILE *f, const struct or_publication *pub, const struct or_band *b, enum or_count k);
/* Whether specialist s holds occurrence o. */
bool html_holds(const struct or_publication *pub, size_t o, int s);

/* The codes and whom they stand for, and what red and the mark mean, in a
 * <p class="cls"> ("legend top", or "legend print" for printed pages). */
void html_legend(FILE *f, const struct or_publication *pub, html_code *code, const char *cls);

/* The overview's views (html_views.c). */
void html_week_view(FILE *f, const struct or_publication *pub, html_code *code);
void html_unfilled(FILE *f, const struct or_publication *pub);
/* The requests of specialist `only`, or of everyone (-1, a section of the
 * overview), with the roster's answers; nothing when there are none. */
void html_requests(FILE *f, const struct or_publication *pub, int only);

/* roster.html; with `slugs`, the names link to the specialists' pages. */
int html_write_overview(FILE *f, const struct or_publication *pub, const struct slugs *slugs);
/* specialists/<slug>.html: specialist s's month, totals and changes. */
/* `t`: totals_build() and `changed`: changed_occurrences() of the
 * publication, made once for every page. */
int html_write_person(FILE *f, const struct or_publication *pub, const struct slugs *slugs,
                      const struct totals *t, const bool *changed, size_t s);

#endif
