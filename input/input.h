/*
 * input.h - reads a department file (YAML, with libfyaml) and the leave
 * calendars it names (iCalendar, with libical) into the domain model.
 * Every error is reported with file, line and column; nothing is printed.
 */
#ifndef ONCOROSTER_INPUT_H
#define ONCOROSTER_INPUT_H

#include "scheduler.h"

/* Largest department file accepted. */
#define OR_INPUT_MAX_FILE (8u << 20)

/* Reads the department file at `path`.  Leave calendars it names are read
 * too, their recurrences expanded over [first, last] (the horizon about to
 * be rostered).  Returns -1 when errors were reported.  When the file is
 * YAML at all, *out is the department read, even with errors, so that
 * or_department_resolve() can report the remaining problems in the same run;
 * otherwise *out is NULL.  The caller frees *out either way. */
int or_input_read_department(struct or_department **out, const char *path, or_day first,
                             or_day last, struct or_diags *diags);

/* The same from text in memory; `name` is the file name used in messages and
 * `base_dir` the folder that relative leave-file paths start from. */
int or_input_read_department_text(struct or_department **out, const char *name,
                                  const char *base_dir, const char *text, size_t len, or_day first,
                                  or_day last, struct or_diags *diags);

/* Reads the events of an iCalendar file as leave of specialist `s`:
 * timed events as exact intervals, all-day events as whole days, recurring
 * events expanded over [first, last] with their exceptions.  `where` is the
 * place in the department file that names the calendar. */
int or_input_read_leave_ics(struct or_department *dept, struct or_specialist *s, const char *path,
                            or_pos where, or_day first, or_day last, struct or_diags *diags);

/* The same from text in memory; `name` is used in messages. */
int or_input_read_leave_ics_text(struct or_department *dept, struct or_specialist *s,
                                 const char *name, const char *text, size_t len, or_pos where,
                                 or_day first, or_day last, struct or_diags *diags);

/* Reads the events of an iCalendar file a specialist keeps as their
 * requests (or_request): each event's category, or the first word of its
 * title, says off, prefer or avoid; the rest of the title may name an
 * activity or a campus.  Each request weighs `weight` (S4); a day off is
 * leave when the department's rules make it hard. */
int or_input_read_requests_ics(struct or_department *dept, struct or_specialist *s,
                               const char *path, or_pos where, or_day first, or_day last,
                               int weight, struct or_diags *diags);
int or_input_read_requests_ics_text(struct or_department *dept, struct or_specialist *s,
                                    const char *name, const char *text, size_t len, or_pos where,
                                    or_day first, or_day last, int weight, struct or_diags *diags);

/* Reads the roster a month's summary.json holds (as `solve --out` wrote
 * it).  A file that is not one oncoroster wrote is reported with line and
 * column; returns -1 then. */
int or_input_read_published(struct or_published **out, const char *path, struct or_diags *diags);
/* The same from text in memory; `name` is used in messages. */
int or_input_read_published_text(struct or_published **out, const char *name, const char *text,
                                 size_t len, struct or_diags *diags);

/* Reads a month's history.json (as `solve --out` writes it): every change
 * its publications made.  A missing file is an empty history; one that
 * oncoroster could not have written is reported with line and column, and
 * -1 returned. */
int or_input_read_history(struct or_history **out, const char *path, struct or_diags *diags);
int or_input_read_history_text(struct or_history **out, const char *name, const char *text,
                               size_t len, struct or_diags *diags);

/* Reads a shift-scheduling instance in the text format of Curtois and Qu
 * (2014) into a department whose horizon starts on `first` (a Monday);
 * *last is its last day.  Errors name the line and column; returns -1 then,
 * with *out NULL. */
int or_input_read_nrp(struct or_department **out, or_day *last, const char *path, or_day first,
                      struct or_diags *diags);
/* The same from text in memory; `name` is used in messages. */
int or_input_read_nrp_text(struct or_department **out, or_day *last, const char *name,
                           const char *text, size_t len, or_day first, struct or_diags *diags);
/* The benchmark's objective of a roster is its cost plus this: the weights
 * of all shift-on requests (granted ones count -weight in the cost). */
long or_nrp_offset(const struct or_department *dept);

#endif
