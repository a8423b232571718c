/*
 * tzfile_fuzzer.c - the reader of the tz database's zone files (TZif and
 * its POSIX TZ footer) on arbitrary bytes, and lookups at instants from
 * 1900 to 2199 in whatever zone it accepts.
 */
#include "fuzz.h"
#include "tzfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct or_tzfile *z = or_tzfile_parse(data, size);
    if (!z)
        return 0;
    char abbr[16];
    long sum = 0;
    for (int64_t t = -2208988800LL; t < 7258118400LL; t += 86400LL * 37 + 3607)
        sum += or_tzfile_offset(z, t, abbr, sizeof(abbr)) + abbr[0];
    or_tzfile_free(z);
    return sum == 1; /* keeps the lookups from being optimised away */
}
