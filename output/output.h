/*
 * output.h - what oncoroster makes from a solved roster: the roster as text
 * for the terminal, iCalendar files for every specialist, campus and the
 * department, an HTML overview, a CSV table and summary.json, and their
 * atomic publication into a folder per month under --out.  The only module
 * that writes iCalendar (through libical).
 */
#ifndef ONCOROSTER_OUTPUT_H
#define ONCOROSTER_OUTPUT_H

#include "scheduler.h"

#include <signal.h>
#include <stdio.h>
#include <time.h>

/* The roster day by day: time, activity, campus, specialists, unfilled
 * places marked.  Returns -1 when writing failed. */
int or_write_roster_text(FILE *f, const struct or_department *dept, const struct or_calendar *cal,
                         const struct or_roster *roster);

/* Every unfilled place and, per specialist who could otherwise take it,
 * what stopped them.  Returns -1 when writing failed. */
int or_write_shortfall_text(FILE *f, const struct or_department *dept,
                            const struct or_calendar *cal, const struct or_roster *roster);
/* How many requests the roster grants, and each one it does not, with why. */
int or_write_requests_text(FILE *f, const struct or_department *dept,
                           const struct or_roster *roster);

/* A file name made from any name (UTF-8): lower-case ASCII letters and
 * digits joined by single '-', accents dropped ("Dr. Hélène Van den Broeck"
 * gives "dr-helene-van-den-broeck"), never empty, never '.' or '..', no
 * path separators, at most 64 bytes.  `out` holds at least 65 bytes. */
char *or_slug(const char *name, char *out);

/* A solved month and when it was published. */
struct or_publication {
    const struct or_department *dept;
    const struct or_calendar *cal;
    const struct or_roster *roster;
    time_t revision;   /* DTSTAMP, LAST-MODIFIED and "published" of this run */
    bool reproducible; /* SOURCE_DATE_EPOCH: leave out the solve's time and nodes */
    const struct or_previous *previous;   /* the roster re-planned against, or NULL */
    const struct or_published *published; /* the same as published: its file names */
    int feed_past;                        /* months before the current one that the feeds keep */
    const struct or_history *history;     /* the month's changes before this run, or NULL */
    const char *why;                      /* why every change was made ("swap"), or NULL */
};

/* Sessions whose staff differs from the published roster's (from the
 * re-plan date on, and before it where the published specialist could no
 * longer take it); 0 without a published roster. */
size_t or_changes_count(const struct or_publication *pub);
/* Each of them: date, session, who before -> who now. */
int or_write_changes_text(FILE *f, const struct or_publication *pub);

/* One calendar as iCalendar text: the sessions of a specialist (index >= 0,
 * campus -1), of a campus (specialist -1, campus >= 0), or of the whole
 * department (both -1).  The caller frees it; NULL when out of memory. */
char *or_ics_calendar(const struct or_publication *pub, int specialist, int campus);

/* The month overview as one self-contained HTML page. */
int or_write_html(FILE *f, const struct or_publication *pub);
/* One RFC 4180 row per assignment: date, start, end, campus, activity,
 * specialist, then the ids. */
int or_write_csv(FILE *f, const struct or_publication *pub);
/* roster-excel.csv: the same for a spreadsheet in a Belgian or Dutch
 * locale (UTF-8 with a byte-order mark, ';', CRLF), with a row for each
 * place left unfilled (its "Unfilled" column: how many are missing). */
int or_write_csv_spreadsheet(FILE *f, const struct or_publication *pub);
/* history.json: every change of the month, the earlier publications'
 * (pub->history) and then this one's, each with when, who before, who now
 * and why. */
int or_write_history_json(FILE *f, const struct or_publication *pub);
/* summary.json: status, objective, bound, gap, time, soft-rule values,
 * shortfall with reasons, per-specialist totals and every assignment. */
int or_write_summary_json(FILE *f, const struct or_publication *pub);

/* After a re-plan is published in month_folder: one message file
 * (RFC 5322, "<YYYY-MM>-<name>-<time>.eml") in `dir` per specialist whose
 * sessions it changed, to their address in the department file, with the
 * changes in words and the changed events as invitations (METHOD:REQUEST
 * and METHOD:CANCEL parts).  Specialists without an address get a warning.
 * *written says how many; -1 with a diagnostic when one cannot be
 * written. */
int or_write_notices(const struct or_publication *pub, const char *month_folder, const char *dir,
                     size_t *written, struct or_diags *diags);

/* Results of publishing. */
enum or_publish_result {
    OR_PUBLISH_OK = 0,
    OR_PUBLISH_FAILED = -1,   /* cannot write: see the diagnostics */
    OR_PUBLISH_BUSY = -2,     /* another run holds the lock on that folder */
    OR_PUBLISH_STOPPED = -3,  /* a stop was requested: nothing was published */
    OR_PUBLISH_DAMAGED = -4,  /* the previous publication is damaged: see the diagnostics */
    OR_PUBLISH_NO_FEEDS = -5, /* the month is published, the feeds could not be updated */
};

/* The lock that keeps two runs from publishing into one --out at once.  It
 * is an fcntl() lock, so it goes away with the process that held it. */
struct or_lock;
enum or_publish_result or_lock_take(struct or_lock **out, const char *out_dir,
                                    struct or_diags *diags);
void or_lock_release(struct or_lock *lock);

/* Checks, before solving, that the month's earlier publication under the
 * lock (if any) can be updated: OR_PUBLISH_DAMAGED with diagnostics when
 * a calendar in it is not one oncoroster could have written. */
enum or_publish_result or_publish_check(const struct or_lock *lock, or_day first,
                                        struct or_diags *diags);

/* Publishes the month into <out_dir>/<YYYY-MM>/ (under the lock): writes a
 * complete new folder beside it, then swaps it into place in one rename, so
 * readers and a run killed at any moment see either the old publication or
 * the new one, complete.  When *stop is set before the swap, nothing is
 * published.  Calendars already published there are updated in place
 * (docs/publishing.md): unchanged events keep their bytes, changed ones get
 * SEQUENCE + 1, removed ones are published once as CANCELLED.  Then the
 * feeds (<out_dir>/feeds/, output/feeds.c) are rewritten from the month
 * folders and swapped into place the same way; when that fails the month
 * stays published and OR_PUBLISH_NO_FEEDS says so, the feeds as they were.
 * Fills `folder_out` (room for PATH_MAX) with the folder. */
enum or_publish_result or_publish(const struct or_lock *lock, const struct or_publication *pub,
                                  volatile sig_atomic_t *stop, char *folder_out,
                                  struct or_diags *diags);

#endif
