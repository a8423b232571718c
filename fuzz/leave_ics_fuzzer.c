/*
 * leave_ics_fuzzer.c - a specialist's leave calendar (iCalendar, through
 * libical) on arbitrary bytes, expanded over a month.
 */
#include "fuzz.h"
#include "input.h"
#include "scheduler.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct or_diags diags = {0};
    struct or_department *dept = or_department_new();
    if (!dept)
        return 0;
    dept->specialists = calloc(1, sizeof(*dept->specialists));
    if (dept->specialists) {
        dept->nspecialists = 1;
        dept->specialists[0].id = strdup("s");
        dept->specialists[0].name = strdup("S");
        or_input_read_leave_ics_text(dept, &dept->specialists[0], "leave.ics", (const char *)data,
                                     size, (or_pos){0}, or_day_from_ymd(2027, 3, 1),
                                     or_day_from_ymd(2027, 3, 31), &diags);
    }
    or_department_free(dept);
    or_diags_clear(&diags);
    return 0;
}
