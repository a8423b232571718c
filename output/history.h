/*
 * history.h - the previous publication of a month, for updating calendars
 * in place (output/ internal; the only other header that brings libical).
 */
#ifndef ONCOROSTER_HISTORY_H
#define ONCOROSTER_HISTORY_H

#include "output_internal.h"

#include <libical/ical.h>

struct history;

/* Reads every calendar of a published month folder (none when it does not
 * exist).  Returns -1 with a diagnostic naming file and line when a file
 * is not one oncoroster could have written. */
int history_load(struct history **out, const char *month_dir, struct or_diags *diags);
void history_free(struct history *h);
/* The same for one calendar of the month, `rel` as "specialists/x.ics"
 * (none when there is no such file): what a feed needs of each month
 * without holding every month's calendars at once. */
int history_load_one(struct history **out, const char *month_dir, const char *rel,
                     struct or_diags *diags);
/* Appends the paths of the month's calendars (as history_load finds them,
 * without reading them) to *rels (*n of them, each malloc'ed); -1 out of
 * memory. */
int history_names(const char *month_dir, char ***rels, size_t *n);
/* Parses and checks one previous calendar from text (len bytes, NUL
 * terminated); -1 with a diagnostic when it is not one oncoroster could
 * have written. */
int history_parse(icalcomponent **out, const char *name, const char *text, size_t len,
                  struct or_diags *diags);
/* The previous calendar at a path relative to the month folder, marked as
 * written again; NULL when there is none. */
icalcomponent *history_calendar(struct history *h, const char *rel);
/* Paths of previous calendars not written again (at most max). */
size_t history_unused(const struct history *h, const char **paths, size_t max);
icalcomponent *history_root(const struct history *h, const char *rel);
/* Carries SEQUENCE and stamps of unchanged events over from `prev`, counts
 * up changed ones, and appends events that left the calendar as CANCELLED
 * (once: those already cancelled are dropped).  Returns -1 out of memory. */
int history_apply(icalcomponent *cal, icalcomponent *prev, time_t revision);

/* The path (relative to the month folder) of the i-th calendar read, or
 * NULL past the last. */
const char *history_path(const struct history *h, size_t i);

/* One feed from the calendars of one file in several months, newest first
 * (NULL where a month has none): the newest one's name, zone and header,
 * its description from description(), and every event once, oldest month
 * first.  NULL when out of memory or when every month is NULL. */
char *ics_feed(icalcomponent *const *months, size_t n,
               const char *(*description)(const char *name, void *user), void *user);

/* An iTIP message (RFC 5546) for specialist `who` about occurrences
 * occ[0..n): the events with those occurrences' UIDs from `published`,
 * their calendar as just published (so SEQUENCE agrees with it), each
 * with ORGANIZER (`organizer`, an e-mail address) and the specialist as
 * ATTENDEE; METHOD:CANCEL when `cancel`, else METHOD:REQUEST.  NULL when
 * none of the events is there (or out of memory). */
char *ics_notice(const struct or_publication *pub, int who, const size_t *occ, size_t n,
                 icalcomponent *published, bool cancel, const char *organizer);

#endif
