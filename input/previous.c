/*
 * previous.c - reads the summary.json of a published month back, as the
 * roster to re-plan against.  JSON is read with the YAML reader (YAML 1.2
 * holds JSON), so every value keeps its line and column.  The file is
 * untrusted: anything but what oncoroster writes is reported, never
 * guessed at.
 */
#include "input_internal.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static int bad(struct or_diags *diags, const char *file, const struct ynode *n, const char *what)
{
    or_diags_add(diags, OR_ERROR, (or_pos){file, n ? n->line : 1, n ? n->col : 1},
                 "the published roster is damaged: %s; restore the file from a backup (to "
                 "roster the month afresh instead, the past included, add --previous none)",
                 what);
    return -1;
}

/* A string value (quoted, as JSON strings are; never null or a number). */
static const char *scalar(const struct ynode *map, const char *key)
{
    const struct ynode *v = ynode_get(map, key);
    return v && v->type == Y_SCALAR && !v->plain && strlen(v->text) == v->len ? v->text : NULL;
}

/* A number value (plain). */
static const char *number(const struct ynode *map, const char *key)
{
    const struct ynode *v = ynode_get(map, key);
    return v && v->type == Y_SCALAR && v->plain && strlen(v->text) == v->len ? v->text : NULL;
}

/* An integer value of a mapping, within [lo, hi]. */
static bool integer(const struct ynode *map, const char *key, long lo, long hi, int *out)
{
    const char *text = number(map, key);
    char *end;
    if (!text || !*text)
        return false;
    long v = strtol(text, &end, 10);
    if (*end || v < lo || v > hi)
        return false;
    *out = (int)v;
    return true;
}

/* A count of sessions (2, 2.5, -0.75) as quarter-sessions, rounded to the
 * nearest quarter. */
static bool quarters(const struct ynode *map, const char *key, long lo, long hi, int *out)
{
    const char *text = number(map, key);
    char *end;
    if (!text || !*text)
        return false;
    errno = 0;
    double v = strtod(text, &end);
    if (*end || errno || !(v >= lo && v <= hi))
        return false;
    *out = (int)lround(v * 4);
    return true;
}

/* Remembers the calendar file of one specialist or campus. */
static int add_file(struct or_published *pub, const struct ynode *entry, bool campus,
                    struct or_diags *diags)
{
    const char *id = scalar(entry, "id"), *calendar = scalar(entry, "calendar");
    if (!id || !calendar)
        return 0; /* older summaries: the names decide */
    struct or_published_file *more = realloc(pub->files, (pub->nfiles + 1) * sizeof(*more));
    if (!more) {
        or_diags_add(diags, OR_ERROR, (or_pos){0}, "out of memory");
        return -1;
    }
    pub->files = more;
    struct or_published_file *f = &pub->files[pub->nfiles];
    f->campus = campus;
    f->id = strdup(id);
    f->calendar = strdup(calendar);
    pub->nfiles++;
    if (!f->id || !f->calendar) {
        or_diags_add(diags, OR_ERROR, (or_pos){0}, "out of memory");
        return -1;
    }
    return 0;
}

/* Per-specialist duty counts, and sessions against the fair range. */
static int read_counts(struct or_published *pub, const struct ynode *root, struct or_diags *diags)
{
    const struct ynode *list = ynode_get(root, "specialists");
    if (!list || list->type != Y_SEQ)
        return bad(diags, pub->file, list ? list : root, "'specialists' must be a list");
    pub->counts = calloc(list->n + 1, sizeof(*pub->counts));
    if (!pub->counts) {
        or_diags_add(diags, OR_ERROR, (or_pos){0}, "out of memory");
        return -1;
    }
    for (size_t i = 0; i < list->n; i++) {
        const struct ynode *sp = list->items[i];
        const char *id = sp->type == Y_MAP ? scalar(sp, "id") : NULL;
        struct or_published_counts *c = &pub->counts[pub->ncounts];
        int sessions = 0;
        if (!id || !*id || !integer(sp, "on_call", 0, 10000, &c->carry.on_call) ||
            !integer(sp, "weekends", 0, 10000, &c->carry.weekends) ||
            !integer(sp, "holidays", 0, 10000, &c->carry.holidays) ||
            !quarters(sp, "sessions", 0, 100000, &sessions))
            return bad(diags, pub->file, sp,
                       "a specialist needs an 'id' and the counts 'on_call', 'weekends', "
                       "'holidays' and 'sessions'");
        /* Above or below the fair range of that month, without carry-over
         * (older summaries: against the range as it was). */
        if (!quarters(sp, "sessions_over", -100000, 100000, &c->carry.sessions)) {
            const struct ynode *fair = ynode_get(sp, "fair_sessions");
            char *end1 = NULL, *end2 = NULL;
            if (fair && fair->type == Y_SEQ && fair->n == 2 && fair->items[0]->type == Y_SCALAR &&
                fair->items[1]->type == Y_SCALAR) {
                double a = strtod(fair->items[0]->text, &end1);
                double b = strtod(fair->items[1]->text, &end2);
                if (!*end1 && !*end2 && a >= 0 && b >= a && b <= 100000) {
                    int lo = (int)lround(a * 4), hi = (int)lround(b * 4);
                    c->carry.sessions = sessions > hi   ? sessions - hi
                                        : sessions < lo ? sessions - lo
                                                        : 0;
                }
            }
        }
        const char *name = scalar(sp, "name");
        if (!(c->specialist = strdup(id)) || !(c->name = strdup(name ? name : id))) {
            or_diags_add(diags, OR_ERROR, (or_pos){0}, "out of memory");
            return -1;
        }
        pub->ncounts++;
        /* Units of the activities shared fairly (summaries of departments
         * without them have none). */
        const struct ynode *fair = ynode_get(sp, "fair");
        if (fair && fair->type != Y_MAP)
            return bad(diags, pub->file, fair, "'fair' must map activity ids to counts");
        size_t pairs = fair ? fair->n / 2 : 0;
        c->fair_ids = calloc(pairs + 1, sizeof(char *));
        c->fair_units = calloc(pairs + 1, sizeof(int));
        if (!c->fair_ids || !c->fair_units) {
            or_diags_add(diags, OR_ERROR, (or_pos){0}, "out of memory");
            return -1;
        }
        for (size_t k = 0; k < pairs; k++) {
            const struct ynode *key = fair->items[2 * k], *value = fair->items[2 * k + 1];
            char *end = NULL;
            long n = value->type == Y_SCALAR ? strtol(value->text, &end, 10) : -1;
            if (key->type != Y_SCALAR || value->type != Y_SCALAR || !*value->text || *end ||
                n < 0 || n > 10000)
                return bad(diags, pub->file, value, "a 'fair' count must be a whole number from 0");
            if (!(c->fair_ids[c->nfair] = strdup(key->text))) {
                or_diags_add(diags, OR_ERROR, (or_pos){0}, "out of memory");
                return -1;
            }
            c->fair_units[c->nfair++] = (int)n;
        }
        if (add_file(pub, sp, false, diags) != 0)
            return -1;
    }
    const struct ynode *campuses = ynode_get(root, "campuses");
    for (size_t i = 0; campuses && campuses->type == Y_SEQ && i < campuses->n; i++)
        if (campuses->items[i]->type == Y_MAP && add_file(pub, campuses->items[i], true, diags))
            return -1;
    return 0;
}

int or_input_read_published(struct or_published **out, const char *path, struct or_diags *diags)
{
    *out = NULL;
    char *text = NULL;
    size_t len = 0;
    if (input_slurp(&text, &len, path, (size_t)OR_PUBLISHED_MAX_BYTES, (or_pos){0}, diags) != 0)
        return -1;
    int rc = or_input_read_published_text(out, path, text, len, diags);
    free(text);
    return rc;
}

int or_input_read_published_text(struct or_published **out, const char *name, const char *text,
                                 size_t len, struct or_diags *diags)
{
    *out = NULL;
    struct ynode *root = NULL;
    struct or_published *pub = calloc(1, sizeof(*pub));
    int rc = -1;
    if (!pub || !(pub->file = strdup(name))) {
        or_diags_add(diags, OR_ERROR, (or_pos){0}, "out of memory");
        goto out_free;
    }
    if (!input_check_utf8(text, len, pub->file, diags) ||
        yaml_load(&root, pub->file, text, len, diags) != 0)
        goto out_free;
    if (!root || root->type != Y_MAP || !scalar(root, "oncoroster") ||
        !scalar(root, "department") || !scalar(root, "month")) {
        bad(diags, pub->file, root,
            "it is not a summary.json written by oncoroster (no 'oncoroster', 'department' "
            "and 'month')");
        goto out_free;
    }
    const char *from = scalar(root, "from"), *to = scalar(root, "to");
    if (!from || !to || !or_day_parse(from, strlen(from), &pub->first) ||
        !or_day_parse(to, strlen(to), &pub->last) || pub->last < pub->first) {
        bad(diags, pub->file, ynode_get(root, "from") ? ynode_get(root, "from") : root,
            "'from' and 'to' must be the month's first and last dates");
        goto out_free;
    }
    const struct ynode *list = ynode_get(root, "assignments");
    if (!list || list->type != Y_SEQ) {
        bad(diags, pub->file, list ? list : root, "'assignments' must be a list");
        goto out_free;
    }
    pub->items = calloc(list->n + 1, sizeof(*pub->items));
    if (!pub->items) {
        or_diags_add(diags, OR_ERROR, (or_pos){0}, "out of memory");
        goto out_free;
    }
    for (size_t i = 0; i < list->n; i++) {
        const struct ynode *a = list->items[i];
        const char *date = a->type == Y_MAP ? scalar(a, "date") : NULL;
        const char *act = a->type == Y_MAP ? scalar(a, "activity") : NULL;
        const char *who = a->type == Y_MAP ? scalar(a, "specialist") : NULL;
        struct or_published_item *it = &pub->items[pub->n];
        if (!date || !act || !who || !*act || !*who ||
            !or_day_parse(date, strlen(date), &it->day)) {
            bad(diags, pub->file, a,
                "an assignment needs a 'date' (YYYY-MM-DD), an 'activity' and a 'specialist'");
            goto out_free;
        }
        if (it->day < pub->first || it->day > pub->last) {
            bad(diags, pub->file, ynode_get(a, "date"), "an assignment lies outside the month");
            goto out_free;
        }
        it->activity = strdup(act);
        it->specialist = strdup(who);
        it->pos = (or_pos){pub->file, a->line, a->col};
        pub->n++;
        if (!it->activity || !it->specialist) {
            or_diags_add(diags, OR_ERROR, (or_pos){0}, "out of memory");
            goto out_free;
        }
    }
    if (read_counts(pub, root, diags) != 0)
        goto out_free;
    *out = pub;
    pub = NULL;
    rc = 0;
out_free:
    ynode_free(root);
    or_published_free(pub);
    return rc;
}
