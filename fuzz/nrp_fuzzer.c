/*
 * nrp_fuzzer.c - the shift-scheduling benchmark reader (Curtois & Qu
 * format), the resolver and the calendar of the instance's horizon on
 * arbitrary bytes.
 */
#include "fuzz.h"
#include "input.h"
#include "scheduler.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct or_diags diags = {0};
    struct or_department *dept = NULL;
    or_day first = or_day_from_ymd(2024, 1, 1), last = first;
    if (or_input_read_nrp_text(&dept, &last, "fuzz.txt", (const char *)data, size, first,
                               &diags) == 0) {
        struct or_calendar *cal = NULL;
        if (or_calendar_build(&cal, dept, first, last, &diags) == 0)
            (void)or_nrp_offset(dept);
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
