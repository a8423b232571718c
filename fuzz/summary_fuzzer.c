/*
 * summary_fuzzer.c - a published month's summary.json, read back as the
 * roster to re-plan against, on arbitrary bytes.
 */
#include "fuzz.h"
#include "input.h"
#include "scheduler.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct or_diags diags = {0};
    struct or_published *pub = NULL;
    or_input_read_published_text(&pub, "summary.json", (const char *)data, size, &diags);
    or_published_free(pub);
    or_diags_clear(&diags);
    return 0;
}
