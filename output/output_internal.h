/*
 * output_internal.h - what the writers of output/ share: per-specialist
 * totals, name-based UUIDs, slugs for every calendar file, and small text
 * helpers for JSON, HTML and CSV.
 */
#ifndef ONCOROSTER_OUTPUT_INTERNAL_H
#define ONCOROSTER_OUTPUT_INTERNAL_H

#include "output.h"

#include <stdio.h>

/* What one specialist does in the roster. */
struct totals {
    int sessions;    /* load units (activity 'sessions:') */
    int occurrences; /* occurrences taken */
    int counts[OR_NCOUNTS];
    int *campus_sessions; /* per campus */
    int series;           /* distinct series served (S1) */
};

/* Totals of every specialist; NULL when out of memory. */
struct totals *totals_build(const struct or_department *dept, const struct or_calendar *cal,
                            const struct or_roster *roster);
void totals_free(struct totals *t, size_t n);

/* RFC 4122 version 5 UUID of `name` in namespace `ns`, lower-case. */
char *or_uuid_v5(char out[37], const unsigned char ns[16], const char *name);

/* File names of every calendar: unique within their folder, from names
 * (a name shared by two gets the id appended).  Each has 65+ bytes room. */
struct slugs {
    char (*specialists)[80];
    char (*campuses)[80];
};
/* `hints` (may be NULL): the published month's files by id, kept where
 * they are still safe and unique, so that renaming keeps the address. */
int slugs_build(struct slugs *out, const struct or_department *dept,
                const struct or_published *hints);
void slugs_free(struct slugs *s);

/* Writes s as a JSON string, quotes included. */
void json_string(FILE *f, const char *s);
/* Writes s with & < > " ' as HTML entities. */
void html_text(FILE *f, const char *s);
/* Writes s as one RFC 4180 field: quoted when it holds , " CR or LF, and
 * after a ' when it starts like a spreadsheet formula (= + - @ TAB CR). */
void csv_field(FILE *f, const char *s);
/* The same with another separator (';' for spreadsheets). */
void csv_cell(FILE *f, const char *s, char sep);

/* Writes every calendar through save(): specialists/<slug>, campuses/<slug>,
 * and (folder NULL) department.  Stops at the first failure. */
struct history;
/* With `prev` (may be NULL), the previous publication: unchanged events
 * keep their stamps, changed ones count SEQUENCE up, removed ones are
 * published once as CANCELLED, also in calendars nobody owns any more. */
int or_ics_write_all(const struct or_publication *pub,
                     int (*save)(const char *folder, const char *slug, const char *text,
                                 void *user),
                     const struct slugs *slugs, struct history *prev, void *user);

/* Who held occurrence o in the published roster (into `before`, room for
 * nspecialists + 1, -1 terminated); true when it is re-planned to others. */
bool change_of(const struct or_publication *pub, size_t o, int *before);
/* change_of() of every occurrence, as flags (the caller frees; NULL when
 * out of memory): for pages that ask many times. */
bool *changed_occurrences(const struct or_publication *pub);

/* pub->history (may be NULL) with this publication's changes after it,
 * each with its time, words and why; the caller frees it (NULL when out
 * of memory). */
struct or_history *history_with_changes(const struct or_publication *pub);
/* The occurrences that pub->history names (by activity and date), as
 * flags; NULL when out of memory. */
bool *history_occurrences(const struct or_publication *pub);

/* Why nobody took an unfilled place: calls each() with a specialist's name
 * and the words of what stopped them, for everyone not on the place who
 * could work there by skills and campus, then once per reason for the
 * others, with their names (a few, then how many more). */
/* The specialists who cannot work an unfilled place by skill or campus,
 * one call per reason with their indices, in the order reasons first
 * appear. */
void shortfall_groups(const struct or_department *dept, const struct or_shortfall *sf,
                      void (*each)(const char *why, const size_t *who, size_t n, void *user),
                      void *user);
/* At most `cap` are named one by one (the output stays bounded whatever the
 * department's size); returns how many more could work there. */
size_t shortfall_reasons(const struct or_department *dept, const struct or_shortfall *sf,
                         const int *staff, size_t cap,
                         void (*each)(const char *who, const char *why, void *user), void *user);
/* Specialists named one by one under an unfilled place, and places listed
 * with their reasons, in the text, the calendars and the overview. */
enum { REASONS_NAMED = 12, PLACES_EXPLAINED = 400 };

/* Removes a folder oncoroster wrote, relative to open folders, never
 * following a link, even one swapped in for a folder while it works (a
 * link is removed itself).  Returns 0, or -1 when something stays.
 * `entering` (NULL but in tests) is called before each folder is opened,
 * with the folder holding it (AT_FDCWD for `path` itself) and its name. */
int publish_remove_tree(const char *path, void (*entering)(int at, const char *name, void *arg),
                        void *arg);

/* Every feed (output/feeds.c) through save(), with its path relative to
 * the feeds folder ("specialists/<slug>.ics", "department.ics"), from the
 * month folders under out_dir within the publication's window.  Returns
 * -1 when out of memory or a save failed, -2 when a month folder holds a
 * calendar oncoroster could not have written (diagnostics name it). */
int feeds_build(const char *out_dir, const struct or_publication *pub,
                int (*save)(const char *rel, const char *text, void *user), void *user,
                struct or_diags *diags);

/* "08:30" from minutes after midnight (wrapping past 24:00). */
char *clock_format(int minutes, char buf[6]);

#endif
