/*
 * history_fuzzer.c - a previously published calendar on arbitrary bytes:
 * read back and checked, then used to update a calendar in place (the
 * calendar itself with every other event left out).
 */
#include "fuzz.h"
#include "history.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    struct or_diags diags = {0};
    icalcomponent *prev = NULL;
    if (history_parse(&prev, "calendar.ics", text, size, &diags) == 0) {
        icalcomponent *cal = icalcomponent_new_clone(prev);
        icalcomponent *ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
        for (int k = 0; ev; k++) {
            icalcomponent *next = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT);
            if (k % 2) {
                icalcomponent_remove_component(cal, ev);
                icalcomponent_free(ev);
            }
            ev = next;
        }
        history_apply(cal, prev, 1798761600);
        char *out = icalcomponent_as_ical_string_r(cal);
        free(out);
        icalcomponent_free(cal);
        icalcomponent_free(prev);
    }
    or_diags_clear(&diags);
    free(text);
    return 0;
}
