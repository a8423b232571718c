/*
 * diag.c - the diagnostics list every reader and check reports into, and the
 * "did you mean" suggestion for misspelt ids and keys.
 */
#include "scheduler.h"

#include <fcntl.h>
#include <unistd.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *vformat(const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0)
        return NULL;
    char *s = malloc((size_t)n + 1);
    if (s)
        vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

void or_diags_vadd(struct or_diags *d, enum or_severity sev, or_pos pos, const char *fmt,
                   va_list ap)
{
    if (sev == OR_ERROR)
        d->errors++;
    else if (sev == OR_WARNING)
        d->warnings++;
    if (d->count == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 16;
        struct or_diag *items = realloc(d->items, cap * sizeof(*items));
        if (!items)
            return;
        d->items = items;
        d->cap = cap;
    }
    struct or_diag *item = &d->items[d->count];
    item->severity = sev;
    item->line = pos.line;
    item->col = pos.col;
    item->file = pos.file ? strdup(pos.file) : NULL;
    item->message = vformat(fmt, ap);
    if (!item->message || (pos.file && !item->file)) {
        free(item->file);
        free(item->message);
        return;
    }
    d->count++;
}

void or_diags_add(struct or_diags *d, enum or_severity sev, or_pos pos, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    or_diags_vadd(d, sev, pos, fmt, ap);
    va_end(ap);
}

static int compare_pos(const struct or_diag *a, const struct or_diag *b)
{
    if (!a->file || !b->file)
        return (a->file == NULL) - (b->file == NULL); /* file-less last */
    int c = strcmp(a->file, b->file);
    if (c)
        return c;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    if (a->col != b->col)
        return a->col < b->col ? -1 : 1;
    return 0;
}

void or_diags_sort(struct or_diags *d)
{
    /* Insertion sort: stable, and lists are short. */
    for (size_t i = 1; i < d->count; i++) {
        struct or_diag item = d->items[i];
        size_t j = i;
        while (j > 0 && compare_pos(&d->items[j - 1], &item) > 0) {
            d->items[j] = d->items[j - 1];
            j--;
        }
        d->items[j] = item;
    }
}

char *or_diag_format(const struct or_diag *diag)
{
    static const char *const names[] = {"note", "warning", "error"};
    const char *sev = names[diag->severity];
    char *s = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&s, &len);
    if (!f)
        return NULL;
    if (diag->file && diag->line > 0)
        fprintf(f, "%s:%d:%d: ", diag->file, diag->line, diag->col > 0 ? diag->col : 1);
    else if (diag->file)
        fprintf(f, "%s: ", diag->file);
    fprintf(f, "%s: %s", sev, diag->message);
    if (fclose(f) != 0) {
        free(s);
        return NULL;
    }
    return s;
}

void or_diags_clear(struct or_diags *d)
{
    for (size_t i = 0; i < d->count; i++) {
        free(d->items[i].file);
        free(d->items[i].message);
    }
    free(d->items);
    memset(d, 0, sizeof(*d));
}

static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64)
        return (size_t)-1;
    size_t row[65];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t cost = (a[i - 1] | 0x20) == (b[j - 1] | 0x20) ? 0 : 1;
            size_t best = diag + cost;
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

const char *or_suggest(const char *word, const char *const *candidates, size_t n)
{
    const char *best = NULL;
    size_t best_d = (size_t)-1;
    size_t len = strlen(word);
    size_t limit = len <= 3 ? 1 : len <= 6 ? 2 : 3;
    for (size_t i = 0; i < n; i++) {
        if (!candidates[i])
            continue;
        size_t dist = edit_distance(word, candidates[i]);
        if (dist < best_d) {
            best_d = dist;
            best = candidates[i];
        }
    }
    return best_d <= limit ? best : NULL;
}

struct or_stderr_catch {
    int saved;
    FILE *file;
};

struct or_stderr_catch *or_stderr_catch(void)
{
    struct or_stderr_catch *c = calloc(1, sizeof(*c));
    if (!c)
        return NULL;
    fflush(stderr);
    c->file = tmpfile(); /* not a pipe: a flood of messages cannot block */
    c->saved = dup(STDERR_FILENO);
    if (!c->file || c->saved < 0 || dup2(fileno(c->file), STDERR_FILENO) < 0) {
        if (c->saved >= 0)
            close(c->saved);
        if (c->file)
            fclose(c->file);
        free(c);
        return NULL;
    }
    return c;
}

char *or_stderr_release(struct or_stderr_catch *c)
{
    if (!c)
        return NULL;
    fflush(stderr);
    dup2(c->saved, STDERR_FILENO);
    close(c->saved);
    char line[512], *out = NULL;
    rewind(c->file);
    if (fgets(line, sizeof(line), c->file)) {
        line[strcspn(line, "\r\n")] = '\0';
        /* "./src/libical/icalparser.c:786: Encountered END before BEGIN" */
        const char *text = line;
        const char *colon = strstr(line, ".c:");
        if (colon && (colon = strchr(colon + 3, ':')) != NULL)
            text = colon + 1 + (colon[1] == ' ');
        if (*text)
            out = strdup(text);
    }
    fclose(c->file);
    free(c);
    return out;
}
