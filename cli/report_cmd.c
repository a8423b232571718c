/*
 * report_cmd.c - the report command: duties per specialist and month, read
 * back from the summaries published in a folder.
 */
#include "cli.h"
#include "input.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The months published in a folder, oldest first; NULL when none. */
static char **published_months(const char *dir, size_t *n)
{
    *n = 0;
    DIR *d = opendir(dir);
    if (!d)
        return NULL;
    char **months = NULL;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        or_day a, b;
        char path[PATH_MAX + 300];
        struct stat st;
        snprintf(path, sizeof(path), "%s/%s/summary.json", dir, e->d_name);
        if (strlen(e->d_name) != 7 || !or_month_parse(e->d_name, &a, &b) || stat(path, &st) != 0)
            continue;
        char **more = realloc(months, (*n + 1) * sizeof(*months));
        if (!more || !(more[*n] = strdup(e->d_name))) {
            months = more ? more : months;
            break;
        }
        months = more;
        (*n)++;
    }
    closedir(d);
    if (*n)
        qsort(months, *n, sizeof(*months), compare_names);
    return months;
}

/* Prints a UTF-8 name in `width` columns (characters, not bytes). */
static void print_padded(const char *name, int width)
{
    int used = 0;
    const unsigned char *p = (const unsigned char *)name;
    while (*p && used < width) {
        const unsigned char *start = p++;
        while ((*p & 0xc0) == 0x80)
            p++;
        fwrite(start, 1, (size_t)(p - start), stdout);
        used++;
    }
    printf("%*s", width - used, "");
}

/* Units of specialist `id` of fair activity `act` in one published month,
 * or -1 when that month does not show them. */
static int fair_units(const struct or_published *pub, const char *id, const char *act)
{
    for (size_t j = 0; j < pub->ncounts; j++) {
        if (strcmp(pub->counts[j].specialist, id) != 0)
            continue;
        for (size_t k = 0; k < pub->counts[j].nfair; k++)
            if (strcmp(pub->counts[j].fair_ids[k], act) == 0)
                return pub->counts[j].fair_units[k];
    }
    return -1;
}

/* One table per activity the latest month shares fairly: units per month
 * and over the fairness window, as the carry-over counts them. */
static void print_fair(const struct or_published *latest, struct or_published *const *pubs,
                       char *const *months, size_t n, size_t from, int window)
{
    if (latest->ncounts == 0)
        return;
    const struct or_published_counts *first = &latest->counts[0];
    for (size_t a = 0; a < first->nfair; a++) {
        const char *act = first->fair_ids[a];
        printf("\nShared fairly, '%s' (weeks of a week-long activity count one), per month:\n\n",
               act);
        printf("  %-28s", "specialist");
        for (size_t i = from; i < n; i++)
            printf(" %12s", months[i]);
        printf(" %14s\n", "window");
        for (size_t k = 0; k < latest->ncounts; k++) {
            const char *id = latest->counts[k].specialist;
            int total = 0;
            printf("  ");
            print_padded(latest->counts[k].name, 28);
            for (size_t i = 0; i < n; i++) {
                int u = fair_units(pubs[i], id, act);
                char cell[16] = "-";
                if (u >= 0)
                    snprintf(cell, sizeof(cell), "%d", u);
                if (i >= from)
                    printf(" %12s", cell);
                int ly = atoi(months[n - 1]), lm = atoi(months[n - 1] + 5);
                int back = (ly - atoi(months[i])) * 12 + lm - atoi(months[i] + 5);
                if (u > 0 && back < window)
                    total += u;
            }
            printf(" %14d\n", total);
        }
    }
}

/* Every change the publications of the months shown made, month by month
 * (history.json), in the order they were published. */
static int print_history(const char *dir, char *const *months, size_t n, size_t from,
                         struct or_diags *diags)
{
    int rc = 0;
    bool any = false;
    for (size_t i = from; i < n && rc == 0; i++) {
        char path[PATH_MAX + 32];
        snprintf(path, sizeof(path), "%s/%s/history.json", dir, months[i]);
        struct or_history *h = NULL;
        if (or_input_read_history(&h, path, diags) != 0) {
            rc = -1;
            break;
        }
        if (h->n && !any)
            printf("\nChanges after publication (when published, the session, before -> now, "
                   "why):\n");
        if (h->n)
            printf("\n  %s: %zu change%s\n", months[i], h->n, h->n == 1 ? "" : "s");
        any = any || h->n;
        for (size_t k = 0; k < h->n; k++) {
            const struct or_history_entry *e = &h->items[k];
            printf("    %.10s %.5s  %s %s %s: %s -> %s (%s)\n", e->published,
                   e->published + (strlen(e->published) > 11 ? 11 : strlen(e->published)), e->date,
                   e->start, e->what, *e->before ? e->before : "nobody",
                   *e->now ? e->now : "nobody", e->why);
        }
        or_history_free(h);
    }
    return rc;
}

int cli_cmd_report(const struct options *opt)
{
    if (!opt->file)
        return cli_usage_error("%s needs the folder rosters are published in", "report");
    size_t n = 0;
    char **months = published_months(opt->file, &n);
    struct or_diags diags = {0};
    struct or_published **pubs = calloc(n + 1, sizeof(*pubs));
    int code = EXIT_OK;
    if (n == 0) {
        fprintf(stderr,
                "oncoroster: nothing is published in '%s'; give the folder that "
                "'solve --out' publishes into\n",
                opt->file);
        code = EXIT_INVALID;
        goto out_free;
    }
    for (size_t i = 0; i < n && code == EXIT_OK; i++) {
        char path[PATH_MAX + 32];
        snprintf(path, sizeof(path), "%s/%s/summary.json", opt->file, months[i]);
        if (!pubs || or_input_read_published(&pubs[i], path, &diags) != 0)
            code = EXIT_INVALID;
    }
    cli_print_diags(&diags, opt->quiet);
    if (code != EXIT_OK)
        goto out_free;
    int window = opt->window > 0 ? (int)opt->window : 3;
    size_t shown = n < 6 ? n : 6, from = n - shown;
    printf("Duties published in %s, per month: on-call/weekends/holidays, then sessions\n"
           "above (+) or below (-) the fair range; the last column sums the %d calendar\n"
           "months up to the latest (the fairness window).\n\n",
           opt->file, window);
    printf("  %-28s", "specialist");
    for (size_t i = from; i < n; i++)
        printf(" %12s", months[i]);
    printf(" %14s\n", "window");
    /* Everyone in the latest month, in its order. */
    const struct or_published *latest = pubs[n - 1];
    for (size_t k = 0; k < latest->ncounts; k++) {
        const char *id = latest->counts[k].specialist;
        struct or_carry total = {0};
        printf("  ");
        print_padded(latest->counts[k].name, 28);
        for (size_t i = 0; i < n; i++) {
            const struct or_carry *c = NULL;
            for (size_t j = 0; j < pubs[i]->ncounts && !c; j++)
                if (strcmp(pubs[i]->counts[j].specialist, id) == 0)
                    c = &pubs[i]->counts[j].carry;
            char cell[48] = "-";
            if (c)
                snprintf(cell, sizeof(cell), "%d/%d/%d %+g", c->on_call, c->weekends, c->holidays,
                         c->sessions / 4.0);
            if (i >= from)
                printf(" %12s", cell);
            /* Calendar months, as the carry-over counts them. */
            int ly = atoi(months[n - 1]), lm = atoi(months[n - 1] + 5);
            int back = (ly - atoi(months[i])) * 12 + lm - atoi(months[i] + 5);
            if (c && back < window) {
                total.on_call += c->on_call;
                total.weekends += c->weekends;
                total.holidays += c->holidays;
                total.sessions += c->sessions;
            }
        }
        char cell[48];
        snprintf(cell, sizeof(cell), "%d/%d/%d %+g", total.on_call, total.weekends, total.holidays,
                 total.sessions / 4.0);
        printf(" %14s\n", cell);
    }
    print_fair(latest, pubs, months, n, from, window);
    if (print_history(opt->file, months, n, from, &diags) != 0)
        code = EXIT_INVALID;
    cli_print_diags(&diags, opt->quiet);
out_free:
    for (size_t i = 0; i < n; i++) {
        free(months[i]);
        if (pubs)
            or_published_free(pubs[i]);
    }
    free(months);
    free(pubs);
    or_diags_clear(&diags);
    return code;
}
