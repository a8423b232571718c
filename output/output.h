/*
 * output.h - what oncoroster makes from a solved roster: for now the roster
 * and its unfilled places as text, and the safe file names that publishing
 * will give calendars.  Writes only to the streams and buffers it is given.
 */
#ifndef ONCOROSTER_OUTPUT_H
#define ONCOROSTER_OUTPUT_H

#include "scheduler.h"
#include "solver.h"

#include <stdio.h>

/* The roster day by day: time, activity, campus, specialists, unfilled
 * places marked.  Returns -1 when writing failed. */
int or_write_roster_text(FILE *f, const struct or_department *dept, const struct or_calendar *cal,
                         const struct or_roster *roster);

/* Every unfilled place and, per specialist who could otherwise take it,
 * what stopped them.  Returns -1 when writing failed. */
int or_write_shortfall_text(FILE *f, const struct or_department *dept,
                            const struct or_calendar *cal, const struct or_roster *roster);

/* A file name made from any name (UTF-8): lower-case ASCII letters and
 * digits joined by single '-', accents dropped ("Dr. Hélène Van den Broeck"
 * gives "dr-helene-van-den-broeck"), never empty, never '.' or '..', no
 * path separators, at most 64 bytes.  `out` holds at least 65 bytes. */
char *or_slug(const char *name, char *out);

#endif
