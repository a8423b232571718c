/*
 * department_fuzzer.c - the department file reader, the resolver, the
 * month's calendar and the capacity forecast on arbitrary bytes.
 */
#include "fuzz.h"
#include "input.h"
#include "scheduler.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct or_diags diags = {0};
    struct or_department *dept = NULL;
    or_day first = or_day_from_ymd(2027, 3, 1), last = or_day_from_ymd(2027, 3, 31);
    /* Leave files named in the input are looked for in a folder that does
     * not exist: the fuzzer exercises the reader, not the file system. */
    int rc = or_input_read_department_text(&dept, "fuzz.yaml", "/nonexistent-oncoroster-fuzz",
                                           (const char *)data, size, first, last, &diags);
    if (dept && or_department_resolve(dept, &diags) == 0 && rc == 0) {
        struct or_calendar *cal = NULL;
        if (or_calendar_build(&cal, dept, first, last, &diags) == 0 &&
            or_calendar_check_pins(cal, &diags) == 0) {
            struct or_capacity *cap = NULL;
            if (or_capacity_forecast(&cap, dept, cal) == 0)
                or_capacity_free(cap);
        }
        or_calendar_free(cal);
    }
    for (size_t i = 0; i < diags.count; i++) {
        char *line = or_diag_format(&diags.items[i]);
        free(line);
    }
    or_department_free(dept);
    or_diags_clear(&diags);
    return 0;
}
