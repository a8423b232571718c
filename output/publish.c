/*
 * publish.c - atomic publication of a month under --out.
 *
 *   <out>/.oncoroster.lock       fcntl() lock: one run per --out at a time;
 *                                a private regular file, checked to be still
 *                                in place before anything is changed
 *   <out>/.YYYY-MM.new-XXXXXX/   the new publication while it is written
 *   <out>/YYYY-MM/               the publication readers see
 *
 * The new folder is written completely and synced, then swapped with the
 * old one in a single renameat2(RENAME_EXCHANGE), and the old one removed.
 * Where the file system cannot exchange, the old folder is first renamed to
 * .YYYY-MM.old-XXXXXX; a run killed between the two renames leaves it there
 * and the next run puts it back before anything else.  Leftover .new-
 * folders of killed runs are removed under the lock.
 */
#define _GNU_SOURCE /* renameat2 */
#include "history.h"
#include "html.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct or_lock {
    int fd;
    char *dir;        /* --out */
    char *path;       /* the lock file */
    struct stat held; /* the file locked, to see it is still the one in place */
};

/* What a department head can do about a failed write. */
static const char *hint(int err)
{
    switch (err) {
    case ENOSPC:
    case EDQUOT:
        return "; the disk is full: free some space or publish elsewhere with --out";
    case EACCES:
    case EPERM:
        return "; you may not write there: choose a folder you may write to with --out";
    case EROFS:
        return "; that disk is read-only: choose another folder with --out";
    case EFBIG:
        return "; a file size limit stops it (see 'ulimit -f' in the cron job)";
    case ENOLCK:
        return "; the folder is on a network share that cannot be locked: publish to a local "
               "folder";
    case ENAMETOOLONG:
        return "; choose a shorter --out path";
    default:
        return "";
    }
}

static void cannot(struct or_diags *diags, const char *what, const char *path, int err)
{
    or_diags_add(diags, OR_ERROR, (or_pos){0}, "cannot %s '%s': %s%s", what, path, strerror(err),
                 hint(err));
}

/* mkdir -p, with the user's umask. */
static int make_dirs(const char *path, struct or_diags *diags)
{
    char buf[PATH_MAX];
    if (snprintf(buf, sizeof(buf), "%s", path) >= (int)sizeof(buf)) {
        cannot(diags, "use output folder", path, ENAMETOOLONG);
        return -1;
    }
    for (char *p = buf + 1;; p++) {
        if (*p != '/' && *p != '\0')
            continue;
        char c = *p;
        *p = '\0';
        struct stat st;
        if (mkdir(buf, 0777) != 0 && errno != EEXIST) {
            cannot(diags, "create output folder", buf, errno);
            return -1;
        }
        if (stat(buf, &st) != 0 || !S_ISDIR(st.st_mode)) {
            or_diags_add(diags, OR_ERROR, (or_pos){0},
                         "cannot publish into '%s': '%s' is not a folder; give --out a folder",
                         path, buf);
            return -1;
        }
        *p = c;
        if (c == '\0')
            return 0;
    }
}

/* Why the file at the lock's name cannot be the lock, or NULL when it can:
 * a regular file of ours with no other name. */
static const char *lock_unfit(const struct stat *st)
{
    if (S_ISDIR(st->st_mode))
        return "it is a folder";
    if (!S_ISREG(st->st_mode))
        return "it is not a file";
    if (st->st_nlink != 1)
        return "it has other names (hard links), so writing it would change a file elsewhere";
    if (st->st_uid != geteuid())
        return "it belongs to another user, who could hold it to stop every publication";
    return NULL;
}

/* Opens the lock file: never through a link, never blocking on a FIFO,
 * created so that only this user can open it (and lock it). */
static int lock_open(const char *path, struct stat *st, struct or_diags *diags)
{
    int fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0600);
    if (fd < 0) {
        int err = errno;
        if (err == ELOOP || err == EISDIR)
            or_diags_add(diags, OR_ERROR, (or_pos){0},
                         "cannot lock '%s': it is a %s, not the lock file oncoroster makes; "
                         "someone may have put it there: remove it and run again",
                         path, err == ELOOP ? "symbolic link" : "folder");
        else
            cannot(diags, "create the lock file", path, err);
        return -1;
    }
    const char *why = fstat(fd, st) == 0 ? lock_unfit(st) : strerror(errno);
    if (why) {
        or_diags_add(diags, OR_ERROR, (or_pos){0},
                     "cannot lock '%s': %s; someone may have put it there: remove it and run "
                     "again (oncoroster makes a new one that only its own user can open)",
                     path, why);
        close(fd);
        return -1;
    }
    return fd;
}

/* True when the lock file is still the file at its name: a lock on a file
 * someone removed or replaced keeps nobody else out. */
static bool lock_in_place(const char *path, const struct stat *held)
{
    struct stat now;
    return lstat(path, &now) == 0 && now.st_dev == held->st_dev && now.st_ino == held->st_ino;
}

enum or_publish_result or_lock_take(struct or_lock **out, const char *out_dir,
                                    struct or_diags *diags)
{
    *out = NULL;
    if (make_dirs(out_dir, diags) != 0)
        return OR_PUBLISH_FAILED;
    char path[PATH_MAX];
    if (snprintf(path, sizeof(path), "%s/.oncoroster.lock", out_dir) >= (int)sizeof(path)) {
        cannot(diags, "use output folder", out_dir, ENAMETOOLONG);
        return OR_PUBLISH_FAILED;
    }
    /* Oncoroster never removes the file, but a person might, between our
     * open and our lock: then the new one at that name is locked. */
    int fd = -1;
    struct stat st;
    for (int attempt = 0; fd < 0; attempt++) {
        fd = lock_open(path, &st, diags);
        if (fd < 0)
            return OR_PUBLISH_FAILED;
        struct flock fl = {0};
        fl.l_type = F_WRLCK;
        fl.l_whence = SEEK_SET;
        if (fcntl(fd, F_SETLK, &fl) != 0) {
            int err = errno;
            struct flock who = {0};
            who.l_type = F_WRLCK;
            who.l_whence = SEEK_SET;
            bool reader = fcntl(fd, F_GETLK, &who) == 0 && who.l_type == F_RDLCK;
            close(fd);
            if (reader) {
                or_diags_add(diags, OR_ERROR, (or_pos){0},
                             "cannot lock '%s': another program (process %ld) holds a read "
                             "lock on it, which oncoroster never takes; if that lasts, remove "
                             "the file (oncoroster makes a new one that only its own user can "
                             "open) and run again",
                             path, (long)who.l_pid);
                return OR_PUBLISH_BUSY;
            }
            if (err == EACCES || err == EAGAIN) {
                or_diags_add(diags, OR_ERROR, (or_pos){0},
                             "another oncoroster run is publishing into '%s'; try again when "
                             "it has finished",
                             out_dir);
                return OR_PUBLISH_BUSY;
            }
            cannot(diags, "lock", path, err);
            return OR_PUBLISH_FAILED;
        }
        if (!lock_in_place(path, &st)) {
            close(fd);
            fd = -1;
            if (attempt == 10) {
                or_diags_add(diags, OR_ERROR, (or_pos){0},
                             "cannot lock '%s': it is removed or replaced as soon as it is "
                             "locked; find what does that in '%s', stop it, and run again",
                             path, out_dir);
                return OR_PUBLISH_FAILED;
            }
        }
    }
    /* A lock file made readable by an earlier version: private from now on. */
    if ((st.st_mode & 07777) != 0600 && fchmod(fd, 0600) != 0) {
        int err = errno;
        close(fd);
        cannot(diags, "make private the lock file", path, err);
        return OR_PUBLISH_FAILED;
    }
    struct or_lock *lock = calloc(1, sizeof(*lock));
    if (!lock || !(lock->dir = strdup(out_dir)) || !(lock->path = strdup(path))) {
        if (lock)
            free(lock->dir);
        free(lock);
        close(fd);
        or_diags_add(diags, OR_ERROR, (or_pos){0}, "out of memory");
        return OR_PUBLISH_FAILED;
    }
    /* Who holds it, for a person who looks (the lock itself is fcntl's). */
    char pid[32];
    int n = snprintf(pid, sizeof(pid), "%ld\n", (long)getpid());
    if (ftruncate(fd, 0) == 0 && write(fd, pid, (size_t)n) < 0)
        (void)0;
    lock->fd = fd;
    lock->held = st;
    *out = lock;
    return OR_PUBLISH_OK;
}

/* Checks, before anything under the lock is changed, that the lock still
 * keeps other runs out. */
static enum or_publish_result lock_still_held(const struct or_lock *lock, struct or_diags *diags)
{
    if (lock_in_place(lock->path, &lock->held))
        return OR_PUBLISH_OK;
    or_diags_add(diags, OR_ERROR, (or_pos){0},
                 "the lock file '%s' was removed or replaced while this run held it, so "
                 "another run may be publishing into '%s'; this one publishes nothing: leave "
                 "the lock file in place and run again",
                 lock->path, lock->dir);
    return OR_PUBLISH_BUSY;
}

void or_lock_release(struct or_lock *lock)
{
    if (!lock)
        return;
    close(lock->fd);
    free(lock->dir);
    free(lock->path);
    free(lock);
}

typedef void (*remove_hook)(int at, const char *name, void *arg);

/* Deeper than oncoroster ever writes (two levels): a planted tree that
 * deep is left alone rather than holding a descriptor per level. */
#define REMOVE_MAX_DEPTH 16

static int remove_at(int at, const char *name, int depth, remove_hook entering, void *arg);

/* Empties the open folder `dfd` (closed on return). */
static int remove_entries(int dfd, int depth, remove_hook entering, void *arg)
{
    DIR *d = fdopendir(dfd);
    if (!d) {
        close(dfd);
        return -1;
    }
    int rc = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        /* A file or a link goes at once (a link itself, never where it
         * points); only a folder is entered. */
        if (unlinkat(dfd, e->d_name, 0) == 0 || errno == ENOENT)
            continue;
        if (errno != EISDIR && errno != EPERM)
            rc = -1;
        else
            rc |= remove_at(dfd, e->d_name, depth + 1, entering, arg);
    }
    closedir(d);
    return rc;
}

/* Removes the folder `name` in the folder `at`, opened without following
 * a link: one swapped in for it meanwhile is removed itself. */
static int remove_at(int at, const char *name, int depth, remove_hook entering, void *arg)
{
    if (depth > REMOVE_MAX_DEPTH)
        return -1;
    if (entering)
        entering(at, name, arg);
    int fd = openat(at, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT)
            return 0;
        if (errno == ELOOP || errno == ENOTDIR)
            return unlinkat(at, name, 0) == 0 || errno == ENOENT ? 0 : -1;
        return -1;
    }
    int rc = remove_entries(fd, depth, entering, arg);
    if (unlinkat(at, name, AT_REMOVEDIR) != 0 && errno != ENOENT)
        rc = -1;
    return rc;
}

int publish_remove_tree(const char *path, remove_hook entering, void *arg)
{
    if (unlink(path) == 0 || errno == ENOENT)
        return 0;
    if (errno != EISDIR && errno != EPERM)
        return -1;
    return remove_at(AT_FDCWD, path, 0, entering, arg);
}

/* Removes a folder that oncoroster wrote, or a leftover of a killed run. */
static int remove_tree(const char *path)
{
    return publish_remove_tree(path, NULL, NULL);
}

/* Syncs a folder's entries to disk.  File systems that cannot sync a
 * folder (EINVAL) are taken as they are. */
static int sync_dir(const char *path, struct or_diags *diags)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        cannot(diags, "open folder", path, errno);
        return -1;
    }
    int rc = 0;
    if (fsync(fd) != 0 && errno != EINVAL && errno != ENOTSUP) {
        cannot(diags, "save to disk", path, errno);
        rc = -1;
    }
    close(fd);
    return rc;
}

/* True for ".YYYY-MM.new-...", ".YYYY-MM.old-..." and the same with
 * "feeds" for the month (kind "new" or "old"); the folder's final name
 * ("YYYY-MM" or "feeds") goes to `final`. */
static bool leftover(const char *name, const char *kind, char final[8])
{
    size_t k = strncmp(name, ".feeds.", 7) == 0 ? 5 : 7;
    if (name[0] != '.' || strlen(name) < k + 7 || name[k + 1] != '.' ||
        strncmp(name + k + 2, kind, 3) != 0 || name[k + 5] != '-')
        return false;
    for (size_t i = 1; k == 7 && i <= 7; i++)
        if (i == 5 ? name[i] != '-' : (name[i] < '0' || name[i] > '9'))
            return false;
    memcpy(final, name + 1, k);
    final[k] = '\0';
    return true;
}

/* Removes a leftover-named entry that is not a folder (oncoroster leaves
 * only folders there: someone who may write into --out put it), the entry
 * itself, never what a link points to, and says so. */
static void remove_planted(const char *path, const struct stat *st, struct or_diags *diags)
{
    if (unlink(path) != 0 && errno != ENOENT) {
        or_diags_add(diags, OR_WARNING, (or_pos){0},
                     "'%s' is a %s where oncoroster only leaves folders, and cannot be removed "
                     "(%s); remove it by hand",
                     path, S_ISLNK(st->st_mode) ? "symbolic link" : "file", strerror(errno));
        return;
    }
    or_diags_add(diags, OR_WARNING, (or_pos){0},
                 "removed '%s': it was a %s where oncoroster only leaves folders; someone who "
                 "may write into the output folder put it there",
                 path, S_ISLNK(st->st_mode) ? "symbolic link" : "file");
}

/* Puts back every publication a killed run had moved aside (whatever the
 * month), then removes the half-written folders of killed runs.  Only real
 * folders are put back; anything else under those names is removed. */
static void recover(const char *dir, struct or_diags *diags)
{
    for (int pass = 0; pass < 2; pass++) {
        DIR *d = opendir(dir);
        if (!d)
            return;
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            char month[8], path[PATH_MAX], final[PATH_MAX]; /* month: or "feeds" */
            if (!leftover(e->d_name, pass == 0 ? "old" : "new", month) ||
                snprintf(path, sizeof(path), "%s/%s", dir, e->d_name) >= (int)sizeof(path) ||
                snprintf(final, sizeof(final), "%s/%s", dir, month) >= (int)sizeof(final))
                continue;
            struct stat st, now;
            if (lstat(path, &st) != 0)
                continue;
            if (!S_ISDIR(st.st_mode)) {
                remove_planted(path, &st, diags);
                continue;
            }
            if (pass == 0 && lstat(final, &now) != 0 && errno == ENOENT &&
                rename(path, final) == 0) {
                /* Swapped for something else between lstat and rename? */
                if (lstat(final, &now) == 0 && !S_ISDIR(now.st_mode))
                    remove_planted(final, &now, diags);
                continue;
            }
            remove_tree(path);
        }
        closedir(d);
    }
}

struct writing {
    struct history *prev; /* the publication it replaces */
    const char *root;     /* the new folder */
    const char *shown;    /* the folder it becomes, for messages */
    struct or_diags *diags;
    volatile sig_atomic_t *stop;
    bool unbounded; /* the feeds: never read back, so no size limit */
};

/* Writes one file of the new publication (write_all syncs them all). */
static int save_file(const struct writing *w, const char *folder, const char *name,
                     int (*fill)(FILE *f, const void *arg), const void *arg)
{
    char path[PATH_MAX], shown[PATH_MAX];
    int n = folder ? snprintf(path, sizeof(path), "%s/%s/%s", w->root, folder, name)
                   : snprintf(path, sizeof(path), "%s/%s", w->root, name);
    if (folder)
        snprintf(shown, sizeof(shown), "%s/%s/%s", w->shown, folder, name);
    else
        snprintf(shown, sizeof(shown), "%s/%s", w->shown, name);
    if (n >= (int)sizeof(path)) {
        cannot(w->diags, "write", shown, ENAMETOOLONG);
        return -1;
    }
    if (w->stop && *w->stop)
        return -1;
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
    if (!f) {
        cannot(w->diags, "write", shown, errno);
        if (fd >= 0)
            close(fd);
        return -1;
    }
    int rc = fill(f, arg);
    int err = errno;
    long size = rc == 0 ? ftell(f) : 0, max = OR_PUBLISHED_MAX_BYTES;
    /* tests/check_cli.c stands in for a department that large with this;
     * nothing else reads it. */
    const char *fault = getenv("ONCOROSTER_TEST_FAULT");
    if (fault && strcmp(fault, "publication-limit-4k") == 0)
        max = 4096;
    if (size > max && !w->unbounded) {
        /* The next run would refuse it as damaged: publish nothing. */
        fclose(f);
        or_diags_add(w->diags, OR_ERROR, (or_pos){0},
                     "%s would be %ld MiB, more than the %ld MiB oncoroster reads back from a "
                     "publication; nothing was published (shorten the names, or roster fewer "
                     "days or a smaller department at once)",
                     shown, (size + (1L << 20) - 1) >> 20, max >> 20);
        return -1;
    }
    if (rc == 0 && (fflush(f) != 0 || ferror(f))) {
        rc = -1;
        err = errno;
    }
    if (fclose(f) != 0 && rc == 0) {
        rc = -1;
        err = errno;
    }
    if (rc != 0)
        cannot(w->diags, "write", shown, err ? err : EIO);
    return rc;
}

static int fill_text(FILE *f, const void *arg)
{
    const char *text = arg;
    return fputs(text, f) < 0 ? -1 : 0;
}

struct html_page {
    const struct or_publication *pub;
    const struct slugs *slugs;
    const struct totals *totals; /* for the specialists' pages */
    const bool *changed;         /* changed_occurrences(), for the same */
    size_t specialist;           /* SIZE_MAX: the overview */
};

static int fill_html(FILE *f, const void *arg)
{
    const struct html_page *page = arg;
    return page->specialist == SIZE_MAX ? html_write_overview(f, page->pub, page->slugs)
                                        : html_write_person(f, page->pub, page->slugs, page->totals,
                                                            page->changed, page->specialist);
}

static int fill_csv(FILE *f, const void *arg)
{
    return or_write_csv(f, arg);
}

static int fill_csv_spreadsheet(FILE *f, const void *arg)
{
    return or_write_csv_spreadsheet(f, arg);
}

static int fill_json(FILE *f, const void *arg)
{
    return or_write_summary_json(f, arg);
}

static int fill_history(FILE *f, const void *arg)
{
    return or_write_history_json(f, arg);
}

static int save_calendar(const char *folder, const char *slug, const char *text, void *user)
{
    char name[96];
    snprintf(name, sizeof(name), "%s.ics", slug);
    return save_file(user, folder, name, fill_text, text);
}

static const char *const subfolders[] = {"specialists", "campuses"};

/* The new folder's sub-folders for calendars. */
static int make_subfolders(const struct writing *w)
{
    for (size_t i = 0; i < 2; i++) {
        char path[PATH_MAX];
        if (snprintf(path, sizeof(path), "%s/%s", w->root, subfolders[i]) >= (int)sizeof(path) ||
            mkdir(path, 0777) != 0) {
            cannot(w->diags, "create folder", path, errno);
            return -1;
        }
    }
    return 0;
}

/* Every file on disk before the swap: one syncfs() for the two thousand
 * files of a large department, where a sync per file took seconds; it
 * reports a write the disk failed as fsync() would.  Then the folders. */
static int sync_all(const struct writing *w)
{
    int fd = open(w->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0 || syncfs(fd) != 0) {
        cannot(w->diags, "save to disk", w->shown, errno);
        if (fd >= 0)
            close(fd);
        return -1;
    }
    close(fd);
    for (size_t i = 0; i < 2; i++) {
        char path[PATH_MAX];
        snprintf(path, sizeof(path), "%s/%s", w->root, subfolders[i]);
        if (sync_dir(path, w->diags) != 0)
            return -1;
    }
    return sync_dir(w->root, w->diags);
}

/* Writes every file of the publication into w->root. */
static int write_all(const struct writing *w, const struct or_publication *pub)
{
    struct slugs slugs;
    if (slugs_build(&slugs, pub->dept, pub->published) != 0) {
        or_diags_add(w->diags, OR_ERROR, (or_pos){0}, "out of memory");
        return -1;
    }
    int rc = make_subfolders(w);
    if (rc == 0)
        rc = or_ics_write_all(pub, save_calendar, &slugs, w->prev, (void *)w);
    struct totals *totals = rc == 0 ? totals_build(pub->dept, pub->cal, pub->roster) : NULL;
    bool *changed = rc == 0 ? changed_occurrences(pub) : NULL;
    struct html_page page = {pub, &slugs, totals, changed, SIZE_MAX};
    if (rc == 0 && (!totals || !changed)) {
        or_diags_add(w->diags, OR_ERROR, (or_pos){0}, "out of memory");
        rc = -1;
    }
    if (rc == 0)
        rc = save_file(w, NULL, "roster.html", fill_html, &page);
    for (page.specialist = 0; page.specialist < pub->dept->nspecialists && rc == 0;
         page.specialist++) {
        char name[96];
        snprintf(name, sizeof(name), "%s.html", slugs.specialists[page.specialist]);
        rc = save_file(w, "specialists", name, fill_html, &page);
    }
    totals_free(totals, pub->dept->nspecialists);
    free(changed);
    if (rc == 0)
        rc = save_file(w, NULL, "roster.csv", fill_csv, pub);
    if (rc == 0)
        rc = save_file(w, NULL, "roster-excel.csv", fill_csv_spreadsheet, pub);
    if (rc == 0)
        rc = save_file(w, NULL, "summary.json", fill_json, pub);
    if (rc == 0)
        rc = save_file(w, NULL, "history.json", fill_history, pub);
    if (rc == 0)
        rc = sync_all(w);
    slugs_free(&slugs);
    if (rc != 0 && w->diags->errors == 0 && !(w->stop && *w->stop))
        or_diags_add(w->diags, OR_ERROR, (or_pos){0}, "out of memory while publishing");
    return rc;
}

/* Moves the new folder into place; the old one ends up at `tmp`. */
static int swap_into_place(const char *tmp, const char *final, const char *dir, const char *month,
                           struct or_diags *diags)
{
    if (renameat2(AT_FDCWD, tmp, AT_FDCWD, final, RENAME_NOREPLACE) == 0)
        return 0;
    if (errno == EEXIST && renameat2(AT_FDCWD, tmp, AT_FDCWD, final, RENAME_EXCHANGE) == 0)
        return 0;
    if (errno != EINVAL && errno != ENOSYS && errno != EEXIST && errno != ENOTSUP) {
        cannot(diags, "publish", final, errno);
        return -1;
    }
    /* No exchange here: move the old one aside, the new one in. */
    struct stat st;
    if (stat(final, &st) != 0) {
        if (rename(tmp, final) == 0)
            return 0;
        cannot(diags, "publish", final, errno);
        return -1;
    }
    char aside[PATH_MAX];
    snprintf(aside, sizeof(aside), "%s/.%s.old-%ld", dir, month, (long)getpid());
    if (rename(final, aside) != 0) {
        cannot(diags, "move aside the previous publication", final, errno);
        return -1;
    }
    if (rename(tmp, final) != 0) {
        int err = errno;
        rename(aside, final);
        cannot(diags, "publish", final, err);
        return -1;
    }
    if (rename(aside, tmp) != 0)
        remove_tree(aside);
    return 0;
}

/* mkdtemp() makes a folder only its owner may read: give it the user's
 * usual permissions, as the folder it becomes had. */
static int open_up(const char *folder, struct or_diags *diags)
{
    mode_t mask = umask(0);
    umask(mask);
    if (chmod(folder, 0777 & ~mask) != 0) {
        cannot(diags, "set permissions of", folder, errno);
        return -1;
    }
    return 0;
}

static int save_feed(const char *rel, const char *text, void *user)
{
    const char *slash = strchr(rel, '/');
    if (!slash)
        return save_file(user, NULL, rel, fill_text, text);
    char folder[32];
    snprintf(folder, sizeof(folder), "%.*s", (int)(slash - rel), rel);
    return save_file(user, folder, slash + 1, fill_text, text);
}

/* Rewrites <out>/feeds from the month folders (output/feeds.c): written
 * beside it and swapped into place as a month is, so a calendar program
 * that reads a feed while it changes gets the old one or the new one.
 * Not stopped by a stop request: the month is already published, and the
 * feeds take a moment.  On failure the feeds stay as they were. */
static int publish_feeds(const struct or_lock *lock, const struct or_publication *pub,
                         struct or_diags *diags)
{
    char tmp[PATH_MAX], final[PATH_MAX];
    if (snprintf(final, sizeof(final), "%s/feeds", lock->dir) >= (int)sizeof(final) ||
        snprintf(tmp, sizeof(tmp), "%s/.feeds.new-XXXXXX", lock->dir) >= (int)sizeof(tmp)) {
        cannot(diags, "write the feeds into", lock->dir, ENAMETOOLONG);
        return -1;
    }
    struct stat st;
    if (lstat(final, &st) == 0 && !S_ISDIR(st.st_mode)) {
        or_diags_add(diags, OR_ERROR, (or_pos){0},
                     "cannot write the feeds into '%s': it is a %s, not a folder oncoroster "
                     "wrote; move it away and run again",
                     final, S_ISLNK(st.st_mode) ? "symbolic link" : "file");
        return -1;
    }
    if (!mkdtemp(tmp)) {
        cannot(diags, "create a folder in", lock->dir, errno);
        return -1;
    }
    struct writing w = {NULL, tmp, final, diags, NULL, true};
    int rc = open_up(tmp, diags);
    if (rc == 0)
        rc = make_subfolders(&w);
    if (rc == 0)
        rc = feeds_build(lock->dir, pub, save_feed, &w, diags) == 0 ? 0 : -1;
    if (rc == 0)
        rc = sync_all(&w);
    if (rc == 0 && lock_still_held(lock, diags) != OR_PUBLISH_OK)
        rc = -1;
    if (rc == 0)
        rc = swap_into_place(tmp, final, lock->dir, "feeds", diags);
    if (rc == 0) {
        struct or_diags later = {0};
        if (sync_dir(lock->dir, &later) != 0 && later.count)
            or_diags_add(diags, OR_WARNING, (or_pos){0}, "%s", later.items[0].message);
        or_diags_clear(&later);
    }
    remove_tree(tmp);
    return rc;
}

enum or_publish_result or_publish_check(const struct or_lock *lock, or_day first,
                                        struct or_diags *diags)
{
    char month[11], final[PATH_MAX];
    or_day_format(first, month);
    month[7] = '\0';
    if (snprintf(final, sizeof(final), "%s/%s", lock->dir, month) >= (int)sizeof(final)) {
        cannot(diags, "publish into", lock->dir, ENAMETOOLONG);
        return OR_PUBLISH_FAILED;
    }
    if (lock_still_held(lock, diags) != OR_PUBLISH_OK)
        return OR_PUBLISH_BUSY;
    recover(lock->dir, diags);
    struct history *prev = NULL;
    if (history_load(&prev, final, diags) != 0)
        return OR_PUBLISH_DAMAGED;
    history_free(prev);
    return OR_PUBLISH_OK;
}

enum or_publish_result or_publish(const struct or_lock *lock, const struct or_publication *pub,
                                  volatile sig_atomic_t *stop, char *folder_out,
                                  struct or_diags *diags)
{
    char month[11], tmp[PATH_MAX], final[PATH_MAX];
    or_day_format(pub->cal->first, month);
    month[7] = '\0';
    if (snprintf(final, sizeof(final), "%s/%s", lock->dir, month) >= (int)sizeof(final) ||
        snprintf(tmp, sizeof(tmp), "%s/.%s.new-XXXXXX", lock->dir, month) >= (int)sizeof(tmp)) {
        cannot(diags, "publish into", lock->dir, ENAMETOOLONG);
        return OR_PUBLISH_FAILED;
    }
    snprintf(folder_out, PATH_MAX, "%s", final);
    if (lock_still_held(lock, diags) != OR_PUBLISH_OK)
        return OR_PUBLISH_BUSY;
    recover(lock->dir, diags);
    struct stat st;
    if (lstat(final, &st) == 0 && !S_ISDIR(st.st_mode)) {
        or_diags_add(diags, OR_ERROR, (or_pos){0},
                     "cannot publish into '%s': it is a %s, not a folder oncoroster wrote; "
                     "move it away and run again",
                     final, S_ISLNK(st.st_mode) ? "symbolic link" : "file");
        return OR_PUBLISH_FAILED;
    }
    struct history *prev = NULL;
    if (history_load(&prev, final, diags) != 0)
        return OR_PUBLISH_DAMAGED;
    if (!mkdtemp(tmp)) {
        cannot(diags, "create a folder in", lock->dir, errno);
        history_free(prev);
        return OR_PUBLISH_FAILED;
    }
    struct writing w = {prev, tmp, final, diags, stop, false};
    enum or_publish_result result = OR_PUBLISH_FAILED;
    if (open_up(tmp, diags) != 0)
        goto out_remove;
    if (write_all(&w, pub) != 0)
        goto out_remove;
    if (stop && *stop) {
        result = OR_PUBLISH_STOPPED;
        goto out_remove;
    }
    if (lock_still_held(lock, diags) != OR_PUBLISH_OK) {
        result = OR_PUBLISH_BUSY;
        goto out_remove;
    }
    if (swap_into_place(tmp, final, lock->dir, month, diags) != 0)
        goto out_remove;
    /* Published; a failed sync of the parent only risks the rename on a
     * power cut, and is reported as a warning. */
    struct or_diags later = {0};
    if (sync_dir(lock->dir, &later) != 0 && later.count)
        or_diags_add(diags, OR_WARNING, (or_pos){0}, "%s", later.items[0].message);
    or_diags_clear(&later);
    result = OR_PUBLISH_OK;
out_remove:
    if (stop && *stop && result == OR_PUBLISH_FAILED)
        result = OR_PUBLISH_STOPPED;
    remove_tree(tmp);
    history_free(prev);
    if (result == OR_PUBLISH_OK && publish_feeds(lock, pub, diags) != 0)
        result = OR_PUBLISH_NO_FEEDS;
    return result;
}
