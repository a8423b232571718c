/*
 * notify.c - one ready-to-send message (RFC 5322, MIME) per specialist
 * whose sessions a publication changed: their address from the department
 * file, the changes in the department's language, and the changed events
 * as calendar invitations their mail program applies (RFC 6047: a
 * METHOD:REQUEST part for the sessions they hold, a METHOD:CANCEL part for
 * those taken from them), taken from their calendar as just published so
 * that UIDs and SEQUENCE agree with it.  oncoroster sends nothing: cron
 * hands the files to the local mail transfer agent (docs/publishing.md).
 */
#define _GNU_SOURCE /* renameat2 */
#include "history.h"
#include "words.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static void base64(FILE *f, const unsigned char *s, size_t n)
{
    static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t col = 0;
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)s[i] << 16 | (i + 1 < n ? (unsigned)s[i + 1] << 8 : 0) |
                     (i + 2 < n ? s[i + 2] : 0);
        char q[4] = {abc[v >> 18 & 63], abc[v >> 12 & 63], i + 1 < n ? abc[v >> 6 & 63] : '=',
                     i + 2 < n ? abc[v & 63] : '='};
        fwrite(q, 1, 4, f);
        if ((col += 4) >= 76) {
            fputs("\r\n", f);
            col = 0;
        }
    }
    if (col)
        fputs("\r\n", f);
}

/* A header value as an RFC 2047 encoded word when it is not plain ASCII
 * (names and subjects in Dutch and French). */
static void header_text(FILE *f, const char *s)
{
    bool plain = true;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        plain = plain && *p >= 0x20 && *p < 0x7f && *p != '"';
    if (plain) {
        fputs(s, f);
        return;
    }
    /* Encoded words of at most 45 input bytes, never inside a character. */
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        size_t take = n - i < 45 ? n - i : 45;
        while (i + take < n && ((unsigned char)s[i + take] & 0xc0) == 0x80)
            take--;
        fputs(i ? "\r\n =?UTF-8?B?" : "=?UTF-8?B?", f);
        char *line = NULL;
        size_t len = 0;
        FILE *m = open_memstream(&line, &len);
        if (m) {
            base64(m, (const unsigned char *)s + i, take);
            fclose(m);
            if (len >= 2 && line[len - 2] == '\r')
                line[len - 2] = '\0';
            fputs(line, f);
        }
        free(line);
        fputs("?=", f);
        i += take;
    }
}

static void names(FILE *f, const struct or_department *dept, const int *list)
{
    if (list[0] < 0)
        fputs(tr(dept, W_NOBODY), f);
    for (const int *p = list; *p >= 0; p++)
        fprintf(f, "%s%s", p == list ? "" : ", ", dept->specialists[*p].name);
}

static bool holds(const int *list, int who)
{
    for (const int *p = list; *p >= 0; p++)
        if (*p == who)
            return true;
    return false;
}

/* The sender without `mail_from` in the department file: the user running
 * oncoroster at this host, which is who the local mail transfer agent
 * sends as anyway. */
static void sender(char *out, size_t n)
{
    struct passwd *pw = getpwuid(geteuid());
    char host[256] = "localhost";
    if (gethostname(host, sizeof(host) - 1) != 0)
        strcpy(host, "localhost");
    host[sizeof(host) - 1] = '\0';
    snprintf(out, n, "%s@%s", pw && pw->pw_name ? pw->pw_name : "oncoroster", host);
}

struct notice {
    const struct or_publication *pub;
    int who;
    const size_t *occ; /* the changed occurrences they hold or held */
    size_t n;
    icalcomponent *published;
    const char *from;
    const char *slug; /* their calendar's file name, unique in the department */
};

static int write_message(FILE *f, const struct notice *nt)
{
    const struct or_publication *pub = nt->pub;
    const struct or_department *dept = pub->dept;
    const struct or_specialist *sp = &dept->specialists[nt->who];
    int y, m, d;
    or_day_to_ymd(pub->cal->first, &y, &m, &d);
    char subject[512], date[64], stamp[32];
    snprintf(subject, sizeof(subject), tr(dept, W_MAIL_SUBJECT), tr_month(dept, m), y, (int)nt->n);
    struct tm tm;
    gmtime_r(&pub->revision, &tm);
    strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
    strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", &tm);
    /* Who holds each now, and the events for the two invitations. */
    size_t *held = malloc((nt->n + 1) * sizeof(*held)), *lost = malloc((nt->n + 1) * sizeof(*lost));
    int *before = malloc((dept->nspecialists + 1) * sizeof(int));
    size_t nheld = 0, nlost = 0;
    if (!held || !lost || !before) {
        free(held);
        free(lost);
        free(before);
        return -1;
    }
    fputs("From: ", f);
    header_text(f, dept->name);
    fprintf(f, " <%s>\r\nTo: ", nt->from);
    header_text(f, sp->name);
    fprintf(f, " <%s>\r\nSubject: ", sp->email);
    header_text(f, subject);
    fprintf(f,
            "\r\nDate: %s\r\nMessage-ID: <%s.%s@oncoroster>\r\nMIME-Version: 1.0\r\n"
            "Auto-Submitted: auto-generated\r\n"
            "Content-Type: multipart/mixed; boundary=\"oncoroster-%s\"\r\n\r\n",
            date, stamp, nt->slug, stamp);
    fprintf(f,
            "--oncoroster-%s\r\nContent-Type: text/plain; charset=UTF-8\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\n",
            stamp);
    char *text = NULL;
    size_t len = 0;
    FILE *t = open_memstream(&text, &len);
    if (!t) {
        free(held);
        free(lost);
        free(before);
        return -1;
    }
    fprintf(t, tr(dept, W_MAIL_OPENING), sp->name, tr_month(dept, m), y);
    for (size_t i = 0; i < nt->n; i++) {
        size_t o = nt->occ[i];
        const struct or_occurrence *occ = &pub->cal->occ[o];
        const struct or_activity *a = &dept->activities[occ->activity];
        change_of(pub, o, before);
        int od, om, oy;
        or_day_to_ymd(occ->day, &oy, &om, &od);
        or_day day = occ->day;
        int minute = a->start;
        or_zone_from_utc(dept->timezone, occ->start, &day, &minute);
        char at[6];
        fprintf(t, "  %s %d %s %s %s (%s): ", tr_weekday(dept, or_day_weekday(occ->day)), od,
                tr_month(dept, om), clock_format(minute, at), a->name,
                dept->campuses[a->campus.index].name);
        names(t, dept, before);
        fputs(" -> ", t);
        names(t, dept, pub->roster->staff[o]);
        fputc('\n', t);
        if (holds(pub->roster->staff[o], nt->who))
            held[nheld++] = o;
        else
            lost[nlost++] = o;
    }
    fputs(tr(dept, W_MAIL_ATTACHED), t);
    fprintf(t, "\n-- \n%s\n", dept->name);
    int rc = fclose(t) == 0 ? 0 : -1;
    /* RFC 5322 text: CRLF line ends, also inside the encoding. */
    char *crlf = rc == 0 ? malloc(2 * len + 1) : NULL;
    size_t n = 0;
    for (size_t i = 0; crlf && i < len; i++) {
        if (text[i] == '\n')
            crlf[n++] = '\r';
        crlf[n++] = text[i];
    }
    if (crlf)
        base64(f, (const unsigned char *)crlf, n);
    else
        rc = -1;
    free(crlf);
    free(text);
    for (int part = 0; part < 2 && rc == 0; part++) {
        bool cancel = part == 1;
        char *ics = ics_notice(pub, nt->who, cancel ? lost : held, cancel ? nlost : nheld,
                               nt->published, cancel, nt->from);
        if (!ics)
            continue;
        fprintf(f,
                "--oncoroster-%s\r\nContent-Type: text/calendar; charset=UTF-8; method=%s; "
                "name=\"%s.ics\"\r\nContent-Disposition: attachment; filename=\"%s.ics\"\r\n"
                "Content-Transfer-Encoding: base64\r\n\r\n",
                stamp, cancel ? "CANCEL" : "REQUEST", cancel ? "cancelled" : "sessions",
                cancel ? "cancelled" : "sessions");
        base64(f, (const unsigned char *)ics, strlen(ics));
        free(ics);
    }
    fprintf(f, "--oncoroster-%s--\r\n", stamp);
    free(held);
    free(lost);
    free(before);
    return rc == 0 && !ferror(f) ? 0 : -1;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *s = NULL;
    size_t cap = 0;
    FILE *m = open_memstream(&s, &cap);
    char buf[65536];
    size_t n;
    while (m && (n = fread(buf, 1, sizeof(buf), f)) > 0)
        fwrite(buf, 1, n, m);
    fclose(f);
    if (!m || fclose(m) != 0) {
        free(s);
        return NULL;
    }
    *len = cap;
    return s;
}

int or_write_notices(const struct or_publication *pub, const char *month_folder, const char *dir,
                     size_t *written, struct or_diags *diags)
{
    const struct or_department *dept = pub->dept;
    *written = 0;
    if (!pub->previous)
        return 0;
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        or_diags_add(diags, OR_ERROR, (or_pos){0}, "cannot create the folder '%s' for messages: %s",
                     dir, strerror(errno));
        return -1;
    }
    struct slugs slugs;
    if (slugs_build(&slugs, dept, pub->published) != 0) {
        or_diags_add(diags, OR_ERROR, (or_pos){0}, "out of memory");
        return -1;
    }
    bool *changed = changed_occurrences(pub);
    size_t *occ = malloc((pub->cal->nocc + 1) * sizeof(*occ));
    int *before = malloc((dept->nspecialists + 1) * sizeof(int));
    char from[320];
    if (dept->mail_from)
        snprintf(from, sizeof(from), "%s", dept->mail_from);
    else
        sender(from, sizeof(from));
    struct tm tm;
    char stamp[32];
    gmtime_r(&pub->revision, &tm);
    strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", &tm);
    int rc = changed && occ && before ? 0 : -1;
    for (size_t s = 0; s < dept->nspecialists && rc == 0; s++) {
        size_t n = 0;
        for (size_t o = 0; o < pub->cal->nocc; o++) {
            if (!changed[o])
                continue;
            change_of(pub, o, before);
            if (holds(before, (int)s) || holds(pub->roster->staff[o], (int)s))
                occ[n++] = o;
        }
        if (n == 0)
            continue;
        if (!dept->specialists[s].email || !*dept->specialists[s].email) {
            or_diags_add(diags, OR_WARNING, dept->specialists[s].pos,
                         "%s has no 'email' in the department file: no message tells them of "
                         "their %zu changed session%s",
                         dept->specialists[s].name, n, n == 1 ? "" : "s");
            continue;
        }
        char path[PATH_MAX], tmp[PATH_MAX + 8];
        snprintf(path, sizeof(path), "%s/specialists/%s.ics", month_folder, slugs.specialists[s]);
        size_t len = 0;
        char *text = slurp(path, &len);
        icalcomponent *published = NULL;
        if (!text || history_parse(&published, path, text, len, diags) != 0) {
            free(text);
            or_diags_add(diags, OR_ERROR, (or_pos){0}, "cannot read '%s' back for the messages",
                         path);
            rc = -1;
            break;
        }
        free(text);
        char month[11];
        or_day_format(pub->cal->first, month);
        month[7] = '\0';
        snprintf(path, sizeof(path), "%s/%s-%s-%s.eml", dir, month, slugs.specialists[s], stamp);
        snprintf(tmp, sizeof(tmp), "%s.tmp", path);
        int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
        FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
        struct notice nt = {pub, (int)s, occ, n, published, from, slugs.specialists[s]};
        int w = f ? write_message(f, &nt) : -1;
        if (f && (fflush(f) != 0 || fsync(fileno(f)) != 0))
            w = -1;
        if (f)
            fclose(f);
        else if (fd >= 0)
            close(fd);
        icalcomponent_free(published);
        /* Never over a message not yet sent (two runs in one second). */
        int moved = w == 0 ? renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE) : -1;
        for (int k = 2; w == 0 && moved != 0 && errno == EEXIST && k < 100; k++) {
            snprintf(path, sizeof(path), "%s/%s-%s-%s-%d.eml", dir, month, slugs.specialists[s],
                     stamp, k);
            moved = renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE);
        }
        if (w != 0 || moved != 0) {
            or_diags_add(diags, OR_ERROR, (or_pos){0}, "cannot write the message '%s': %s", path,
                         strerror(errno ? errno : EIO));
            unlink(tmp);
            rc = -1;
            break;
        }
        (*written)++;
    }
    if (rc != 0 && diags->errors == 0)
        or_diags_add(diags, OR_ERROR, (or_pos){0}, "out of memory while writing the messages");
    free(changed);
    free(occ);
    free(before);
    slugs_free(&slugs);
    return rc;
}
