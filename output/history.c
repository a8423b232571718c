/*
 * history.c - the previous publication of a month, read back with libical
 * so that a new publication updates calendars in place: an unchanged event
 * keeps its SEQUENCE, DTSTAMP and LAST-MODIFIED (and so its bytes), a
 * changed one gets SEQUENCE + 1 and new stamps, and one that leaves a
 * calendar is published once more as STATUS:CANCELLED so subscribed
 * clients remove it, then dropped.
 *
 * The previous publication is untrusted input (people edit files, disks
 * fail): anything oncoroster would not have written is reported with the
 * file and line, and nothing is published until it is dealt with.
 */
#include "history.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libical/ical.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define HISTORY_MAX_BYTES OR_PUBLISHED_MAX_BYTES

struct history_file {
    char *path;          /* relative to the month folder: "specialists/x.ics" */
    icalcomponent *root; /* the VCALENDAR */
    bool used;           /* written again in this publication */
};

struct history {
    struct history_file *files;
    size_t nfiles;
};

void history_free(struct history *h)
{
    if (!h)
        return;
    for (size_t i = 0; i < h->nfiles; i++) {
        free(h->files[i].path);
        icalcomponent_free(h->files[i].root);
    }
    free(h->files);
    free(h);
}

/* Line (from 1) of the n-th (from 0) line starting with `start`, or 0. */
static int line_of(const char *text, const char *start, size_t n)
{
    int line = 1;
    size_t len = strlen(start), seen = 0;
    for (const char *p = text; *p; line++) {
        if (strncmp(p, start, len) == 0 && seen++ == n)
            return line;
        p = strchr(p, '\n');
        if (!p)
            break;
        p++;
    }
    return 0;
}

static void damaged(struct or_diags *diags, const char *file, int line, const char *what)
{
    or_diags_add(diags, OR_ERROR, (or_pos){file, line, line ? 1 : 0},
                 "the previous publication is damaged: %s; restore this file from a backup, "
                 "or move the month folder aside to publish the month afresh (subscribed "
                 "calendars may then keep stale events)",
                 what);
}

/* Checks that a calendar is one oncoroster could have written. */
static int check_calendar(icalcomponent *root, const char *text, const char *file,
                          struct or_diags *diags)
{
    if (!root || icalcomponent_isa(root) != ICAL_VCALENDAR_COMPONENT) {
        damaged(diags, file, 1, "it is not an iCalendar file (no BEGIN:VCALENDAR)");
        return -1;
    }
    if (icalcomponent_count_errors(root) > 0) {
        damaged(diags, file, 0, "libical cannot read parts of it");
        return -1;
    }
    /* SEQUENCE as written: libical reads "abc" as 0 and wraps large ones. */
    int line = 1;
    for (const char *p = text; *p; line++) {
        if (strncmp(p, "SEQUENCE", 8) == 0 && (p[8] == ':' || p[8] == ';')) {
            const char *v = strchr(p, ':');
            size_t digits = v ? strspn(v + 1, "0123456789") : 0;
            if (!v || digits == 0 || digits > 6 ||
                (v[1 + digits] != '\r' && v[1 + digits] != '\n')) {
                damaged(diags, file, line, "a SEQUENCE is not a whole number below 1000000");
                return -1;
            }
        }
        p = strchr(p, '\n');
        if (!p)
            break;
        p++;
    }
    /* libical iterates a component's children with one cursor: collect
     * the events first, then compare them. */
    size_t count = 0;
    for (icalcomponent *ev = icalcomponent_get_first_component(root, ICAL_VEVENT_COMPONENT); ev;
         ev = icalcomponent_get_next_component(root, ICAL_VEVENT_COMPONENT))
        count++;
    icalcomponent **events = calloc(count + 1, sizeof(*events));
    if (!events) {
        or_diags_add(diags, OR_ERROR, (or_pos){0}, "out of memory");
        return -1;
    }
    count = 0;
    for (icalcomponent *ev = icalcomponent_get_first_component(root, ICAL_VEVENT_COMPONENT); ev;
         ev = icalcomponent_get_next_component(root, ICAL_VEVENT_COMPONENT))
        events[count++] = ev;
    int rc = 0;
    for (size_t n = 0; n < count && rc == 0; n++) {
        icalcomponent *ev = events[n];
        const char *uid = icalcomponent_get_uid(ev);
        /* Two events with one UID would fight in every client. */
        for (size_t k = 0; k < n && uid && rc == 0; k++) {
            const char *other = icalcomponent_get_uid(events[k]);
            if (other && strcmp(other, uid) == 0) {
                damaged(diags, file, line_of(text, "BEGIN:VEVENT", n), "two events have one UID");
                rc = -1;
            }
        }
        if (rc != 0)
            break;
        icalproperty *seq = icalcomponent_get_first_property(ev, ICAL_SEQUENCE_PROPERTY);
        icalproperty *stamp = icalcomponent_get_first_property(ev, ICAL_DTSTAMP_PROPERTY);
        const char *what = !uid || !*uid ? "an event has no UID"
                           : !seq || icalproperty_get_sequence(seq) < 0
                               ? "an event has no SEQUENCE (or a negative one)"
                           : !stamp ? "an event has no DTSTAMP"
                                    : NULL;
        if (what) {
            damaged(diags, file, line_of(text, "BEGIN:VEVENT", n), what);
            rc = -1;
        }
    }
    free(events);
    return rc;
}

int history_parse(icalcomponent **out, const char *name, const char *text, size_t len,
                  struct or_diags *diags)
{
    *out = NULL;
    if (strlen(text) != len) {
        damaged(diags, name, 0, "it contains NUL bytes");
        return -1;
    }
    struct or_stderr_catch *caught = or_stderr_catch(); /* libical prints some errors */
    icalcomponent *root = icalparser_parse_string(text);
    char *complaint = or_stderr_release(caught);
    if (complaint) {
        char what[600];
        snprintf(what, sizeof(what), "libical reports '%s'", complaint);
        free(complaint);
        damaged(diags, name, 0, what);
        if (root)
            icalcomponent_free(root);
        return -1;
    }
    if (check_calendar(root, text, name, diags) != 0) {
        if (root)
            icalcomponent_free(root);
        return -1;
    }
    *out = root;
    return 0;
}

/* Loads `name` of the folder open as dir (rel: its name in the month, for
 * the record).  Only a regular file is read, opened without following a
 * link and without waiting on a FIFO: whoever can write into --out must
 * not make a run read a calendar from elsewhere, or hang it. */
static int load_file(struct history *h, int dir, const char *month_dir, const char *name,
                     const char *rel, struct or_diags *diags)
{
    char path[PATH_MAX];
    if (snprintf(path, sizeof(path), "%s/%s", month_dir, rel) >= (int)sizeof(path))
        return 0;
    int fd = openat(dir, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return 0; /* absent, or a link: not a calendar oncoroster wrote */
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return 0;
    }
    if (st.st_size > HISTORY_MAX_BYTES) {
        close(fd);
        damaged(diags, path, 0, "it is larger than oncoroster ever writes (64 MiB)");
        return -1;
    }
    char *text = NULL;
    size_t got = 0;
    FILE *f = fdopen(fd, "rb");
    if (!f)
        close(fd);
    if (f) {
        text = malloc((size_t)st.st_size + 1);
        got = text ? fread(text, 1, (size_t)st.st_size, f) : 0;
        if (text)
            text[got] = '\0';
        fclose(f);
    }
    if (!text) {
        or_diags_add(diags, OR_ERROR, (or_pos){path, 0, 0},
                     "cannot read the previous publication: %s", strerror(errno ? errno : EIO));
        return -1;
    }
    icalcomponent *root = NULL;
    int rc = history_parse(&root, path, text, got, diags);
    free(text);
    if (rc != 0)
        return -1;
    struct history_file *files = realloc(h->files, (h->nfiles + 1) * sizeof(*files));
    char *copy = strdup(rel);
    if (!files || !copy) {
        if (files)
            h->files = files;
        free(copy);
        icalcomponent_free(root);
        or_diags_add(diags, OR_ERROR, (or_pos){0}, "out of memory");
        return -1;
    }
    h->files = files;
    h->files[h->nfiles++] = (struct history_file){copy, root, false};
    return 0;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Loads the .ics files of one folder, in name order. */
static int load_folder(struct history *h, const char *month_dir, const char *folder,
                       struct or_diags *diags)
{
    char path[PATH_MAX];
    snprintf(path, sizeof(path), "%s/%s", month_dir, folder);
    /* The folder itself, never through a link (its files: load_file). */
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    if (!d) {
        if (fd >= 0)
            close(fd);
        return 0;
    }
    char **names = NULL;
    size_t n = 0;
    int rc = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len < 5 || strcmp(e->d_name + len - 4, ".ics") != 0 || e->d_name[0] == '.')
            continue;
        char **more = realloc(names, (n + 1) * sizeof(*names));
        if (!more || !(more[n] = strdup(e->d_name))) {
            names = more ? more : names;
            rc = -1;
            or_diags_add(diags, OR_ERROR, (or_pos){0}, "out of memory");
            break;
        }
        names = more;
        n++;
    }
    if (n)
        qsort(names, n, sizeof(*names), cmp_names);
    for (size_t i = 0; i < n; i++) {
        char rel[PATH_MAX];
        snprintf(rel, sizeof(rel), "%s/%s", folder, names[i]);
        if (rc == 0)
            rc = load_file(h, dirfd(d), month_dir, names[i], rel, diags);
        free(names[i]);
    }
    closedir(d);
    free(names);
    return rc;
}

int history_load_one(struct history **out, const char *month_dir, const char *rel,
                     struct or_diags *diags)
{
    *out = calloc(1, sizeof(**out));
    if (!*out) {
        or_diags_add(diags, OR_ERROR, (or_pos){0}, "out of memory");
        return -1;
    }
    const char *slash = strchr(rel, '/');
    char path[PATH_MAX];
    if (slash)
        snprintf(path, sizeof(path), "%s/%.*s", month_dir, (int)(slash - rel), rel);
    else
        snprintf(path, sizeof(path), "%s", month_dir);
    /* The folder never through a link, as in history_load. */
    int dir = open(path, O_RDONLY | O_DIRECTORY | (slash ? O_NOFOLLOW : 0) | O_CLOEXEC);
    int rc = dir >= 0 ? load_file(*out, dir, month_dir, slash ? slash + 1 : rel, rel, diags) : 0;
    if (dir >= 0)
        close(dir);
    if (rc != 0) {
        history_free(*out);
        *out = NULL;
    }
    return rc;
}

static int add_name(char ***rels, size_t *n, const char *rel)
{
    char **more = realloc(*rels, (*n + 1) * sizeof(**rels));
    if (!more)
        return -1;
    *rels = more;
    if (!(more[*n] = strdup(rel)))
        return -1;
    (*n)++;
    return 0;
}

int history_names(const char *month_dir, char ***rels, size_t *n)
{
    char path[PATH_MAX];
    struct stat st;
    snprintf(path, sizeof(path), "%s/department.ics", month_dir);
    if (lstat(path, &st) == 0 && S_ISREG(st.st_mode) && add_name(rels, n, "department.ics") != 0)
        return -1;
    static const char *const folders[] = {"campuses", "specialists"};
    for (size_t k = 0; k < 2; k++) {
        snprintf(path, sizeof(path), "%s/%s", month_dir, folders[k]);
        int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
        if (!d) {
            if (fd >= 0)
                close(fd);
            continue;
        }
        int rc = 0;
        struct dirent *e;
        while (rc == 0 && (e = readdir(d)) != NULL) {
            size_t len = strlen(e->d_name);
            if (len < 5 || strcmp(e->d_name + len - 4, ".ics") != 0 || e->d_name[0] == '.')
                continue;
            char rel[PATH_MAX];
            snprintf(rel, sizeof(rel), "%s/%s", folders[k], e->d_name);
            rc = add_name(rels, n, rel);
        }
        closedir(d);
        if (rc != 0)
            return -1;
    }
    return 0;
}

int history_load(struct history **out, const char *month_dir, struct or_diags *diags)
{
    *out = NULL;
    struct history *h = calloc(1, sizeof(*h));
    if (!h) {
        or_diags_add(diags, OR_ERROR, (or_pos){0}, "out of memory");
        return -1;
    }
    int root = open(month_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int loaded =
        root >= 0 ? load_file(h, root, month_dir, "department.ics", "department.ics", diags) : 0;
    if (root >= 0)
        close(root);
    if (loaded != 0 || load_folder(h, month_dir, "campuses", diags) != 0 ||
        load_folder(h, month_dir, "specialists", diags) != 0) {
        history_free(h);
        return -1;
    }
    *out = h;
    return 0;
}

/* The previous calendar at `rel`, marked as written again; NULL if none. */
static icalcomponent *history_take(struct history *h, const char *rel)
{
    for (size_t i = 0; h && i < h->nfiles; i++) {
        if (strcmp(h->files[i].path, rel) == 0) {
            h->files[i].used = true;
            return h->files[i].root;
        }
    }
    return NULL;
}

/* An event as text without what changes with every revision. */
static char *content(icalcomponent *ev)
{
    icalcomponent *c = icalcomponent_new_clone(ev);
    static const icalproperty_kind volatile_props[] = {
        ICAL_DTSTAMP_PROPERTY, ICAL_LASTMODIFIED_PROPERTY, ICAL_SEQUENCE_PROPERTY};
    for (size_t i = 0; i < 3; i++) {
        icalproperty *p;
        while ((p = icalcomponent_get_first_property(c, volatile_props[i])) != NULL) {
            icalcomponent_remove_property(c, p);
            icalproperty_free(p);
        }
    }
    char *text = icalcomponent_as_ical_string_r(c);
    icalcomponent_free(c);
    return text;
}

static void set_stamps(icalcomponent *ev, struct icaltimetype stamp, struct icaltimetype modified,
                       int sequence)
{
    icalcomponent_set_dtstamp(ev, stamp);
    icalproperty *p = icalcomponent_get_first_property(ev, ICAL_LASTMODIFIED_PROPERTY);
    if (p)
        icalproperty_set_lastmodified(p, modified);
    else
        icalcomponent_add_property(ev, icalproperty_new_lastmodified(modified));
    icalcomponent_set_sequence(ev, sequence);
}

/* Events dropped after their cancellation was published are remembered
 * in the calendar as "X-ONCOROSTER-RETIRED:<uid> <sequence>", so that a
 * session coming back later continues its SEQUENCE instead of restarting
 * at 0 (which importing clients would ignore). */
#define RETIRED "X-ONCOROSTER-RETIRED"

struct retired {
    char uid[64];
    int sequence;
    bool revived;
};

/* The retired events of a calendar; *n set, NULL when none (or no memory). */
static struct retired *retired_read(icalcomponent *cal, size_t *n)
{
    *n = 0;
    struct retired *list = NULL;
    for (icalproperty *x = icalcomponent_get_first_property(cal, ICAL_X_PROPERTY); x;
         x = icalcomponent_get_next_property(cal, ICAL_X_PROPERTY)) {
        const char *name = icalproperty_get_x_name(x), *value = icalproperty_get_x(x);
        struct retired r = {{0}, 0, false};
        if (!name || strcmp(name, RETIRED) != 0 || !value ||
            sscanf(value, "%63s %d", r.uid, &r.sequence) != 2 || r.sequence < 0 ||
            r.sequence > 999999)
            continue;
        struct retired *more = realloc(list, (*n + 1) * sizeof(*list));
        if (!more)
            break;
        list = more;
        list[(*n)++] = r;
    }
    return list;
}

static void retired_write(icalcomponent *cal, const char *uid, int sequence)
{
    char value[96];
    snprintf(value, sizeof(value), "%s %d", uid, sequence);
    icalproperty *x = icalproperty_new_x(value);
    icalproperty_set_x_name(x, RETIRED);
    icalcomponent_add_property(cal, x);
}

int history_apply(icalcomponent *cal, icalcomponent *prev, time_t revision)
{
    if (!prev)
        return 0;
    size_t nretired = 0;
    struct retired *retired = retired_read(prev, &nretired);
    /* An orphan calendar inherits the old list: it is written anew below. */
    for (;;) {
        icalproperty *drop = NULL;
        for (icalproperty *x = icalcomponent_get_first_property(cal, ICAL_X_PROPERTY); x;
             x = icalcomponent_get_next_property(cal, ICAL_X_PROPERTY)) {
            const char *name = icalproperty_get_x_name(x);
            if (name && strcmp(name, RETIRED) == 0) {
                drop = x;
                break;
            }
        }
        if (!drop)
            break;
        icalcomponent_remove_property(cal, drop);
        icalproperty_free(drop);
    }
    size_t n = 0;
    for (icalcomponent *p = icalcomponent_get_first_component(prev, ICAL_VEVENT_COMPONENT); p;
         p = icalcomponent_get_next_component(prev, ICAL_VEVENT_COMPONENT))
        n++;
    icalcomponent **old = calloc(n + 1, sizeof(*old));
    bool *matched = calloc(n + 1, sizeof(bool));
    if (!old || !matched) {
        free(old);
        free(matched);
        return -1;
    }
    n = 0;
    for (icalcomponent *p = icalcomponent_get_first_component(prev, ICAL_VEVENT_COMPONENT); p;
         p = icalcomponent_get_next_component(prev, ICAL_VEVENT_COMPONENT))
        old[n++] = p;
    struct icaltimetype now =
        icaltime_from_timet_with_zone(revision, 0, icaltimezone_get_utc_timezone());
    int rc = 0;
    for (icalcomponent *ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
         ev && rc == 0; ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
        const char *uid = icalcomponent_get_uid(ev);
        size_t k;
        for (k = 0; k < n; k++)
            if (!matched[k] && strcmp(icalcomponent_get_uid(old[k]), uid) == 0)
                break;
        if (k == n) { /* new: SEQUENCE 0 as written, unless it comes back */
            for (size_t r = 0; r < nretired; r++)
                if (!retired[r].revived && strcmp(retired[r].uid, uid) == 0) {
                    retired[r].revived = true;
                    set_stamps(ev, now, now, retired[r].sequence + 1);
                }
            continue;
        }
        matched[k] = true;
        int seq = icalcomponent_get_sequence(old[k]);
        char *a = content(ev), *b = content(old[k]);
        if (!a || !b) {
            rc = -1;
        } else if (strcmp(a, b) == 0) {
            icalproperty *lm = icalcomponent_get_first_property(old[k], ICAL_LASTMODIFIED_PROPERTY);
            struct icaltimetype stamp = icalcomponent_get_dtstamp(old[k]);
            set_stamps(ev, stamp, lm ? icalproperty_get_lastmodified(lm) : stamp, seq);
        } else {
            set_stamps(ev, now, now, seq + 1);
        }
        free(a);
        free(b);
    }
    /* Gone from this calendar: cancelled once, then dropped (retired). */
    for (size_t r = 0; r < nretired && rc == 0; r++)
        if (!retired[r].revived)
            retired_write(cal, retired[r].uid, retired[r].sequence);
    for (size_t k = 0; k < n && rc == 0; k++) {
        if (!matched[k] && icalcomponent_get_status(old[k]) == ICAL_STATUS_CANCELLED)
            retired_write(cal, icalcomponent_get_uid(old[k]), icalcomponent_get_sequence(old[k]));
    }
    for (size_t k = 0; k < n && rc == 0; k++) {
        if (matched[k] || icalcomponent_get_status(old[k]) == ICAL_STATUS_CANCELLED)
            continue;
        icalcomponent *c = icalcomponent_new_clone(old[k]);
        icalcomponent_set_status(c, ICAL_STATUS_CANCELLED);
        set_stamps(c, now, now, icalcomponent_get_sequence(old[k]) + 1);
        icalcomponent_add_component(cal, c);
    }
    free(old);
    free(matched);
    free(retired);
    return rc;
}

icalcomponent *history_calendar(struct history *h, const char *rel)
{
    return history_take(h, rel);
}

size_t history_unused(const struct history *h, const char **paths, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; h && i < h->nfiles; i++)
        if (!h->files[i].used && n < max)
            paths[n++] = h->files[i].path;
    return n;
}

const char *history_path(const struct history *h, size_t i)
{
    return h && i < h->nfiles ? h->files[i].path : NULL;
}

icalcomponent *history_root(const struct history *h, const char *rel)
{
    for (size_t i = 0; h && i < h->nfiles; i++)
        if (strcmp(h->files[i].path, rel) == 0)
            return h->files[i].root;
    return NULL;
}
