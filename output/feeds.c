/*
 * feeds.c - the calendars people subscribe to once: one per specialist, per
 * campus and for the department, at a path that never changes
 * (<out>/feeds/specialists/<slug>.ics, ...), holding every month published
 * under --out within a window: a few past months for reference and every
 * month from the current one on.
 *
 * A feed is made from the month folders themselves, after the month is
 * published: each month's calendar already keeps its events' UIDs, counts
 * SEQUENCE up for changed events and carries removed ones once as
 * CANCELLED (history.c), so the feed does the same across every month and
 * every re-plan.  publish.c writes the feeds folder and swaps it into place.
 */
#include "history.h"
#include "words.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* True for "YYYY-MM"; its first day into *first. */
static bool month_name(const char *name, or_day *first)
{
    or_day last;
    return strlen(name) == 7 && or_month_parse(name, first, &last);
}

static int cmp_day_desc(const void *a, const void *b)
{
    or_day x = *(const or_day *)a, y = *(const or_day *)b;
    return (x < y) - (x > y);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The first month the feeds hold: `past` months before the one of the
 * publication's time in the department's zone. */
static or_day window_start(const struct or_publication *pub, int past)
{
    or_day today;
    int minute, y, m, d;
    if (or_zone_from_utc(pub->dept->timezone, pub->revision, &today, &minute) != 0)
        today = (or_day)(pub->revision / 86400);
    or_day_to_ymd(today, &y, &m, &d);
    int index = y * 12 + (m - 1) - (past > 0 ? past : 0);
    return or_day_from_ymd(index / 12, index % 12 + 1, 1);
}

struct feed_words {
    const struct or_department *dept;
    or_day from;
    char text[1024];
};

static const char *feed_description(const char *name, void *user)
{
    struct feed_words *fw = user;
    int y, m, d;
    or_day_to_ymd(fw->from, &y, &m, &d);
    snprintf(fw->text, sizeof(fw->text), tr(fw->dept, W_ICS_FEED), name, tr_month(fw->dept, m), y);
    return fw->text;
}

int feeds_build(const char *out_dir, const struct or_publication *pub,
                int (*save)(const char *rel, const char *text, void *user), void *user,
                struct or_diags *diags)
{
    or_day from = window_start(pub, pub->feed_past);
    /* The month folders in the window, newest first. */
    DIR *dir = opendir(out_dir);
    if (!dir) {
        or_diags_add(diags, OR_ERROR, (or_pos){0}, "cannot read the output folder '%s'", out_dir);
        return -1;
    }
    or_day months[240];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL && n < sizeof(months) / sizeof(months[0])) {
        or_day first;
        char path[PATH_MAX];
        struct stat st;
        if (month_name(e->d_name, &first) && first >= from &&
            snprintf(path, sizeof(path), "%s/%s", out_dir, e->d_name) < (int)sizeof(path) &&
            lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
            months[n++] = first;
    }
    closedir(dir);
    qsort(months, n, sizeof(*months), cmp_day_desc);

    /* Every calendar any month of the window has, then each feed from
     * that calendar of each month, read one at a time: a feed never needs
     * more than its own months in memory. */
    char **rels = NULL;
    size_t nrels = 0;
    char names[240][11];
    int rc = 0;
    for (size_t j = 0; j < n && rc == 0; j++) {
        char path[PATH_MAX];
        or_day_format(months[j], names[j]);
        names[j][7] = '\0';
        snprintf(path, sizeof(path), "%s/%s", out_dir, names[j]);
        rc = history_names(path, &rels, &nrels);
    }
    if (rc == 0)
        qsort(rels, nrels, sizeof(*rels), cmp_str);
    struct history **hs = calloc(n ? n : 1, sizeof(*hs));
    icalcomponent **roots = calloc(n ? n : 1, sizeof(*roots));
    if (!hs || !roots)
        rc = -1;
    struct feed_words fw = {pub->dept, n ? months[n - 1] : from, ""};
    for (size_t i = 0; i < nrels && rc == 0; i++) {
        if (i > 0 && strcmp(rels[i], rels[i - 1]) == 0)
            continue;
        for (size_t j = 0; j < n && rc == 0; j++) {
            char path[PATH_MAX];
            snprintf(path, sizeof(path), "%s/%s", out_dir, names[j]);
            if (history_load_one(&hs[j], path, rels[i], diags) != 0)
                rc = -2; /* a damaged month: history_load_one said which file */
            roots[j] = rc == 0 ? history_root(hs[j], rels[i]) : NULL;
        }
        char *text = rc == 0 ? ics_feed(roots, n, feed_description, &fw) : NULL;
        if (rc == 0)
            rc = text ? save(rels[i], text, user) : -1;
        free(text);
        for (size_t j = 0; j < n; j++) {
            history_free(hs[j]);
            hs[j] = NULL;
        }
    }
    if (rc == -1 && diags->errors == 0)
        or_diags_add(diags, OR_ERROR, (or_pos){0}, "out of memory while writing the feeds");
    for (size_t i = 0; i < nrels; i++)
        free(rels[i]);
    free(rels);
    free(hs);
    free(roots);
    return rc;
}
