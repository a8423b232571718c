/*
 * tzfile.h - a zone of the tz database, read from its TZif file.  Private
 * to the scheduler layer: the rest of the product converts through the
 * or_zone_* functions of scheduler.h.
 */
#ifndef ONCOROSTER_TZFILE_H
#define ONCOROSTER_TZFILE_H

#include "scheduler.h"

#include <stdint.h>

struct or_tzfile;

/* The zone named `zone` (e.g. "Europe/Brussels"), read once and kept for
 * the life of the process; NULL when the tz database has no such zone. */
const struct or_tzfile *or_tzfile_get(const char *zone);

/* Parses a TZif file held in memory; NULL when it is not a valid one (or
 * carries leap seconds, as the "right/" zones do: oncoroster keeps civil
 * time only).  The zone has no name; free it with or_tzfile_free. */
struct or_tzfile *or_tzfile_parse(const unsigned char *buf, size_t len);
void or_tzfile_free(struct or_tzfile *z);

/* The offset from UTC (seconds east) at instant t, and the zone's
 * abbreviation then in `abbr` (room for n bytes; may be NULL). */
long or_tzfile_offset(const struct or_tzfile *z, int64_t t, char *abbr, size_t n);

#endif
