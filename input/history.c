/*
 * history.c - reads a month's history.json back: every change the month's
 * publications made, so that the next publication keeps them and adds its
 * own.  Read with the YAML reader (JSON is YAML 1.2), each value with its
 * line and column; anything but what oncoroster writes is reported.
 */
#include "input_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int bad(struct or_diags *diags, const char *file, const struct ynode *n, const char *what)
{
    or_diags_add(diags, OR_ERROR, (or_pos){file, n ? n->line : 1, n ? n->col : 1},
                 "the month's history of changes is damaged: %s; restore the file from a "
                 "backup (or move it aside: the changes it holds are then no longer shown)",
                 what);
    return -1;
}

/* A string value (quoted, as JSON strings are). */
static const char *string(const struct ynode *map, const char *key)
{
    const struct ynode *v = ynode_get(map, key);
    return v && v->type == Y_SCALAR && !v->plain && strlen(v->text) == v->len ? v->text : NULL;
}

int or_input_read_history(struct or_history **out, const char *path, struct or_diags *diags)
{
    *out = NULL;
    struct stat st;
    if (stat(path, &st) != 0 && errno == ENOENT) {
        *out = calloc(1, sizeof(**out));
        if (!*out) {
            or_diags_add(diags, OR_ERROR, (or_pos){0}, "out of memory");
            return -1;
        }
        return 0;
    }
    char *text = NULL;
    size_t len = 0;
    if (input_slurp(&text, &len, path, (size_t)OR_PUBLISHED_MAX_BYTES, (or_pos){0}, diags) != 0)
        return -1;
    int rc = or_input_read_history_text(out, path, text, len, diags);
    free(text);
    return rc;
}

int or_input_read_history_text(struct or_history **out, const char *name, const char *text,
                               size_t len, struct or_diags *diags)
{
    *out = NULL;
    struct ynode *root = NULL;
    struct or_history *h = calloc(1, sizeof(*h));
    int rc = -1;
    if (!h || !(h->file = strdup(name))) {
        or_diags_add(diags, OR_ERROR, (or_pos){0}, "out of memory");
        goto out_free;
    }
    if (!input_check_utf8(text, len, h->file, diags) ||
        yaml_load(&root, h->file, text, len, diags) != 0)
        goto out_free;
    const char *kind = root && root->type == Y_MAP ? string(root, "oncoroster") : NULL;
    if (!kind || strcmp(kind, "history") != 0) {
        bad(diags, h->file, root,
            "it is not a history.json written by oncoroster (no \"oncoroster\": \"history\")");
        goto out_free;
    }
    const struct ynode *list = ynode_get(root, "changes");
    if (!list || list->type != Y_SEQ) {
        bad(diags, h->file, list ? list : root, "'changes' must be a list");
        goto out_free;
    }
    h->items = calloc(list->n + 1, sizeof(*h->items));
    if (!h->items) {
        or_diags_add(diags, OR_ERROR, (or_pos){0}, "out of memory");
        goto out_free;
    }
    static const char *const keys[] = {"published", "date",   "start", "activity",
                                       "what",      "before", "now",   "why"};
    for (size_t i = 0; i < list->n; i++) {
        const struct ynode *c = list->items[i];
        struct or_history_entry *e = &h->items[h->n];
        char **fields[] = {&e->published, &e->date,   &e->start, &e->activity,
                           &e->what,      &e->before, &e->now,   &e->why};
        h->n++; /* freed with the history, whole or not */
        for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
            const char *v = c->type == Y_MAP ? string(c, keys[k]) : NULL;
            or_day day;
            if (!v || (k == 1 && !or_day_parse(v, strlen(v), &day))) {
                char what[160];
                snprintf(what, sizeof(what),
                         k == 1 ? "a change needs a \"date\" written YYYY-MM-DD"
                                : "a change needs \"%s\" as a string",
                         keys[k]);
                bad(diags, h->file,
                    c->type == Y_MAP && ynode_get(c, keys[k]) ? ynode_get(c, keys[k]) : c, what);
                goto out_free;
            }
            if (!(*fields[k] = strdup(v))) {
                or_diags_add(diags, OR_ERROR, (or_pos){0}, "out of memory");
                goto out_free;
            }
        }
    }
    *out = h;
    h = NULL;
    rc = 0;
out_free:
    ynode_free(root);
    or_history_free(h);
    return rc;
}
