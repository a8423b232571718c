/*
 * uuid.c - name-based UUIDs (RFC 4122 version 5, SHA-1), so that the same
 * slot of the same roster gets the same UID in every run and calendars that
 * re-import a publication update events instead of duplicating them.  The
 * hashing is libuuid's (util-linux).
 */
#include "output_internal.h"

#include <string.h>
#include <uuid/uuid.h>

char *or_uuid_v5(char out[37], const unsigned char ns[16], const char *name)
{
    uuid_t space, id;
    memcpy(space, ns, sizeof(space));
    uuid_generate_sha1(id, space, name, strlen(name));
    uuid_unparse_lower(id, out);
    return out;
}
