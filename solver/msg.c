/*
 * msg.c - what the solving processes and their parent say to each other
 * (msg.h): progress, rosters as (unit, specialist) pairs, trace lines and
 * the end of a search, written whole to a pipe; and the rosters the parent
 * forwards to a searching process over a socket, read without waiting.
 */
#include "msg.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

bool solver_write_all(int fd, const void *buf, size_t len)
{
    const char *p = buf;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        p += n;
        len -= (size_t)n;
    }
    return true;
}

void solver_log(int fd, double start, const char *fmt, ...)
{
    char line[256];
    int n = snprintf(line, sizeof(line), "%7.2f s  ", solver_now() - start);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line + n, sizeof(line) - (size_t)n, fmt, ap);
    va_end(ap);
    struct msg msg = {MSG_LOG, (int32_t)strlen(line), 0, 0, 0, 0, 0};
    solver_write_all(fd, &msg, sizeof(msg));
    solver_write_all(fd, line, strlen(line));
}

/* Encodes a roster (nunits x ns) as one MSG_SOLUTION message; caller frees. */
char *msg_encode_roster(const struct rules *r, const unsigned char *x, double obj, size_t *len)
{
    size_t ns = r->ns, n = 0;
    for (size_t i = 0; i < r->nunits * ns; i++)
        n += x[i];
    char *buf = malloc(sizeof(struct msg) + n * 2 * sizeof(int32_t));
    if (!buf)
        return NULL;
    struct msg msg = {MSG_SOLUTION, (int32_t)n, 0, 0, obj, -HUGE_VAL, 0};
    memcpy(buf, &msg, sizeof(msg));
    size_t k = 0;
    for (size_t u = 0; u < r->nunits; u++)
        for (size_t s = 0; s < ns; s++)
            if (x[u * ns + s]) {
                int32_t pair[2] = {(int32_t)u, (int32_t)s};
                memcpy(buf + sizeof(msg) + k++ * sizeof(pair), pair, sizeof(pair));
            }
    *len = sizeof(msg) + n * 2 * sizeof(int32_t);
    return buf;
}

/* Decodes the n (unit, specialist) pairs at p into x (nunits x ns). */
void msg_decode_pairs(const char *p, int32_t n, const struct rules *r, unsigned char *x)
{
    size_t ns = r->ns;
    memset(x, 0, r->nunits * ns);
    for (int32_t i = 0; i < n; i++) {
        int32_t pair[2];
        memcpy(pair, p + (size_t)i * sizeof(pair), sizeof(pair));
        if (pair[0] >= 0 && (size_t)pair[0] < r->nunits && pair[1] >= 0 && (size_t)pair[1] < ns)
            x[(size_t)pair[0] * ns + (size_t)pair[1]] = 1;
    }
}

void solver_send_roster(int fd, const struct model *m, const double *values, double obj,
                        double bound, int nodes, double start)
{
    const struct rules *r = m->r;
    size_t len;
    unsigned char *x = calloc(nz(r->nunits * r->ns), 1);
    if (!x)
        return;
    for (size_t i = 0; i < r->nunits * r->ns; i++)
        x[i] = m->xcol[i] && values[m->xcol[i]] > 0.5;
    char *buf = msg_encode_roster(r, x, obj, &len);
    if (buf) {
        struct msg msg;
        memcpy(&msg, buf, sizeof(msg));
        msg.bound = bound;
        msg.nodes = nodes;
        msg.seconds = solver_now() - start;
        memcpy(buf, &msg, sizeof(msg));
        solver_write_all(fd, buf, len);
    }
    free(buf);
    free(x);
}

bool inbox_take_roster(struct inbox *in, const struct rules *r, unsigned char *x, double *obj)
{
    if (!in || in->fd < 0)
        return false;
    for (;;) {
        if (in->len == in->cap) {
            size_t cap = in->cap ? in->cap * 2 : 1 << 16;
            char *grown = realloc(in->buf, cap);
            if (!grown)
                return false;
            in->buf = grown;
            in->cap = cap;
        }
        ssize_t n = recv(in->fd, in->buf + in->len, in->cap - in->len, MSG_DONTWAIT);
        if (n <= 0)
            break;
        in->len += (size_t)n;
    }
    bool found = false;
    size_t ns = r->ns;
    while (in->len >= sizeof(struct msg)) {
        struct msg msg;
        memcpy(&msg, in->buf, sizeof(msg));
        if (msg.kind != MSG_SOLUTION || msg.n < 0 ||
            (size_t)msg.n > r->nunits * ns) { /* not from our parent: give up */
            in->len = 0;
            return found;
        }
        size_t need = sizeof(msg) + (size_t)msg.n * 2 * sizeof(int32_t);
        if (in->len < need)
            break;
        msg_decode_pairs(in->buf + sizeof(msg), msg.n, r, x);
        *obj = msg.obj;
        found = true;
        memmove(in->buf, in->buf + need, in->len - need);
        in->len -= need;
    }
    return found;
}
