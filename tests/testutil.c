/* testutil.c - see testutil.h. */
#include "testutil.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Resolves what a reader returned; NULL when either reported errors. */
static struct or_department *resolved(struct or_department *dept, int read_rc,
                                      struct or_diags *diags)
{
    if (!dept)
        return NULL;
    if (or_department_resolve(dept, diags) != 0 || read_rc != 0) {
        or_department_free(dept);
        return NULL;
    }
    return dept;
}

struct or_department *tu_load_range(const char *yaml, or_day first, or_day last,
                                    struct or_diags *diags)
{
    struct or_department *dept = NULL;
    int rc = or_input_read_department_text(&dept, "dept.yaml", TEST_DATA_DIR, yaml, strlen(yaml),
                                           first, last, diags);
    return resolved(dept, rc, diags);
}

struct or_department *tu_load_file(const char *path, or_day first, or_day last,
                                   struct or_diags *diags)
{
    struct or_department *dept = NULL;
    int rc = or_input_read_department(&dept, path, first, last, diags);
    return resolved(dept, rc, diags);
}

struct or_department *tu_load(const char *yaml, struct or_diags *diags)
{
    return tu_load_range(yaml, tu_day("2027-01-01"), tu_day("2027-01-31"), diags);
}

bool tu_has_diag(const struct or_diags *diags, int line, const char *needle)
{
    for (size_t i = 0; i < diags->count; i++)
        if (strstr(diags->items[i].message, needle) && (line <= 0 || diags->items[i].line == line))
            return true;
    return false;
}

char *tu_diags_text(const struct or_diags *diags)
{
    char *s = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&s, &len);
    for (size_t i = 0; f && i < diags->count; i++) {
        char *line = or_diag_format(&diags->items[i]);
        fprintf(f, "%s\n", line ? line : "?");
        free(line);
    }
    if (f)
        fclose(f);
    return s;
}

int tu_solve(struct or_roster **roster, struct or_calendar **cal, const struct or_department *dept,
             or_day first, or_day last, double time_limit, struct or_diags *diags)
{
    *roster = NULL;
    *cal = NULL;
    if (or_calendar_build(cal, dept, first, last, diags) != 0)
        return -2;
    struct or_solve_options opt = {time_limit, 0, NULL, NULL, NULL, NULL, NULL, false, false};
    return or_solve(roster, dept, *cal, &opt, diags);
}

or_day tu_day(const char *iso)
{
    or_day d = 0;
    if (!or_day_parse(iso, strlen(iso), &d))
        abort();
    return d;
}

time_t tu_utc(int y, int mo, int d, int h, int mi)
{
    return (time_t)or_day_from_ymd(y, mo, d) * 86400 + h * 3600 + mi * 60;
}

static char *slurp_fd(int fd)
{
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    for (;;) {
        if (n + 1 >= cap) {
            cap *= 2;
            buf = realloc(buf, cap);
        }
        ssize_t got = read(fd, buf + n, cap - n - 1);
        if (got <= 0)
            break;
        n += (size_t)got;
    }
    buf[n] = '\0';
    return buf;
}

/* Starts the oncoroster binary in `cwd` with its standard output and error
 * on these descriptors, closing `close_fd` in it; returns its pid once the
 * binary runs (or failed to), not while the child is still this program. */
static pid_t start(const char *cwd, const char *const *argv, int out_fd, int err_fd, int close_fd)
{
    int exec_fd[2];
    if (pipe(exec_fd) != 0 || fcntl(exec_fd[1], F_SETFD, FD_CLOEXEC) != 0)
        abort();
    pid_t pid = fork();
    if (pid < 0)
        abort();
    if (pid == 0) {
        close(exec_fd[0]);
        /* Whatever the test runner does with these, the program starts
         * with the defaults, as from a shell. */
        signal(SIGINT, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
        if (cwd && chdir(cwd) != 0)
            _exit(126);
        dup2(out_fd, 1);
        dup2(err_fd, 2);
        if (close_fd >= 0)
            close(close_fd);
        int devnull = open("/dev/null", O_RDONLY);
        dup2(devnull, 0);
        execv(ONCOROSTER_BIN, (char *const *)argv);
        _exit(127);
    }
    /* The write end closes on exec: end of file then. */
    close(exec_fd[1]);
    char c;
    while (read(exec_fd[0], &c, 1) < 0 && errno == EINTR)
        ;
    close(exec_fd[0]);
    return pid;
}

/* What was written to the temporary file `fd`, which goes. */
static char *slurp_back(int fd, const char *path)
{
    lseek(fd, 0, SEEK_SET);
    char *text = slurp_fd(fd);
    close(fd);
    unlink(path);
    return text;
}

int tu_run(const char *cwd, const char *const *argv, char **out, char **err)
{
    char out_path[] = "/tmp/oncoroster-test-out-XXXXXX";
    char err_path[] = "/tmp/oncoroster-test-err-XXXXXX";
    int ofd = mkstemp(out_path), efd = mkstemp(err_path);
    pid_t pid = start(cwd, argv, ofd, efd, -1);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    *out = slurp_back(ofd, out_path);
    *err = slurp_back(efd, err_path);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Processor seconds used by process `pid` and its children, the living and
 * the ended; 0 for what /proc does not show. */
static double tree_cpu(pid_t pid)
{
    char path[64], buf[1024];
    snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
    double ticks = 0;
    FILE *f = fopen(path, "r");
    if (f) {
        size_t n = fread(buf, 1, sizeof(buf) - 1, f);
        buf[n] = '\0';
        fclose(f);
        /* Fields 14 to 17 (utime, stime, cutime, cstime); the name, the
         * second, may hold anything but ends at the last parenthesis. */
        const char *p = strrchr(buf, ')');
        unsigned long long u, s, cu, cs;
        if (p && sscanf(p + 2, "%*c %*s %*s %*s %*s %*s %*s %*s %*s %*s %*s %llu %llu %llu %llu",
                        &u, &s, &cu, &cs) == 4)
            ticks = (double)(u + s + cu + cs);
    }
    double cpu = ticks / (double)sysconf(_SC_CLK_TCK);
    snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
    DIR *tasks = opendir(path);
    for (struct dirent *t; tasks && (t = readdir(tasks)) != NULL;) {
        if (t->d_name[0] == '.')
            continue;
        char children[300];
        snprintf(children, sizeof(children), "/proc/%d/task/%.32s/children", (int)pid, t->d_name);
        f = fopen(children, "r");
        int child;
        while (f && fscanf(f, "%d", &child) == 1)
            cpu += tree_cpu(child);
        if (f)
            fclose(f);
    }
    if (tasks)
        closedir(tasks);
    return cpu;
}

/* Whether process `pid` has a handler for `sig` (SigCgt in /proc). */
static bool catches(pid_t pid, int sig)
{
    char path[64], line[256];
    snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
    FILE *f = fopen(path, "r");
    bool yes = false;
    unsigned long long mask;
    while (f && fgets(line, sizeof(line), f))
        if (sscanf(line, "SigCgt: %llx", &mask) == 1)
            yes = (mask >> (sig - 1)) & 1;
    if (f)
        fclose(f);
    return yes;
}

static double rusage_cpu(int who)
{
    struct rusage ru;
    getrusage(who, &ru);
    return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
           (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

static double children_cpu(void)
{
    return rusage_cpu(RUSAGE_CHILDREN);
}

double tu_cpu(void)
{
    return rusage_cpu(RUSAGE_SELF) + rusage_cpu(RUSAGE_CHILDREN);
}

int tu_run_stopped(const char *cwd, const char *const *argv, char **out, char **err,
                   struct tu_stop *stop)
{
    char out_path[] = "/tmp/oncoroster-test-out-XXXXXX";
    char err_path[] = "/tmp/oncoroster-test-err-XXXXXX";
    int ofd = mkstemp(out_path), efd = mkstemp(err_path);
    int pipe_fd[2] = {-1, -1};
    if (stop->when_stderr_has && pipe(pipe_fd) != 0)
        abort();
    /* The processes this one reaped so far, to tell the run's share. */
    double cpu_before = children_cpu(), cpu_at_signal = 0;
    pid_t pid = start(cwd, argv, ofd, stop->when_stderr_has ? pipe_fd[1] : efd, pipe_fd[0]);
    stop->sent = false;
    int status = 0;
    bool reaped = false;
    if (stop->when_stderr_has) {
        /* Standard error through a pipe, kept whole, read to its end. */
        close(pipe_fd[1]);
        size_t cap = 4096, len = 0;
        char *text = malloc(cap);
        text[0] = '\0';
        for (;;) {
            if (len + 1024 >= cap)
                text = realloc(text, cap *= 2);
            ssize_t got = read(pipe_fd[0], text + len, cap - len - 1);
            if (got < 0 && errno == EINTR)
                continue;
            if (got <= 0)
                break;
            len += (size_t)got;
            text[len] = '\0';
            if (!stop->sent && strstr(text, stop->when_stderr_has)) {
                cpu_at_signal = tree_cpu(pid);
                kill(pid, stop->sig);
                stop->sent = true;
            }
        }
        close(pipe_fd[0]);
        if (write(efd, text, len) != (ssize_t)len)
            abort();
        free(text);
    } else {
        /* The program installs its handler when it starts solving; a
         * signal before that would end it as the default action does. */
        while (!reaped) {
            pid_t w = waitpid(pid, &status, WNOHANG);
            if (w == pid) {
                reaped = true;
            } else if (catches(pid, stop->sig)) {
                cpu_at_signal = tree_cpu(pid);
                kill(pid, stop->sig);
                stop->sent = true;
                break;
            } else {
                struct timespec ms = {0, 1000000};
                nanosleep(&ms, NULL);
            }
        }
    }
    while (!reaped && waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    /* What the run used in all (with the solving processes it reaped),
     * less what it had used when it was signalled. */
    stop->cpu_after = stop->sent ? children_cpu() - cpu_before - cpu_at_signal : 0;
    *out = slurp_back(ofd, out_path);
    *err = slurp_back(efd, err_path);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

double tu_slowdown(void)
{
#ifdef TU_SANITIZED
    return 3;
#else
    return 1;
#endif
}

char *tu_read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    int fd = fileno(f);
    char *s = slurp_fd(fd);
    fclose(f);
    return s;
}
