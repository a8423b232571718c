/*
 * leave_ics_fuzzer.c - a specialist's leave calendar (iCalendar, through
 * libical) on arbitrary bytes, expanded over a month; inputs of odd size
 * are read as their requests calendar instead (days off hard when the size
 * is 3 modulo 4), in a department with a campus and two activities of the
 * same name for the titles to name.  One reading per input keeps the
 * hostile seeds within the fuzzer's time limit.
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
    dept->campuses = calloc(1, sizeof(*dept->campuses));
    dept->activities = calloc(2, sizeof(*dept->activities));
    if (dept->specialists && dept->campuses && dept->activities) {
        dept->nspecialists = 1;
        dept->specialists[0].id = strdup("s");
        dept->specialists[0].name = strdup("S");
        dept->ncampuses = 1;
        dept->campuses[0].id = strdup("mechelen");
        dept->campuses[0].name = strdup("AZ Sint-Maarten");
        dept->nactivities = 2;
        for (int a = 0; a < 2; a++) {
            dept->activities[a].id = strdup(a ? "ward-2" : "ward");
            dept->activities[a].name = strdup("Ward");
            dept->activities[a].campus.id = strdup(a ? "elsewhere" : "mechelen");
        }
        dept->rules.hard_off = size % 4 == 3;
        if (size % 2 == 0)
            or_input_read_leave_ics_text(
                dept, &dept->specialists[0], "leave.ics", (const char *)data, size, (or_pos){0},
                or_day_from_ymd(2027, 3, 1), or_day_from_ymd(2027, 3, 31), &diags);
        else
            or_input_read_requests_ics_text(
                dept, &dept->specialists[0], "requests.ics", (const char *)data, size, (or_pos){0},
                or_day_from_ymd(2027, 3, 1), or_day_from_ymd(2027, 3, 31), 4, &diags);
    }
    or_department_free(dept);
    or_diags_clear(&diags);
    return 0;
}
