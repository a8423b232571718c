/*
 * msg.h - what the solving processes send their parent (solve.c) through a
 * pipe, and the parent forwards to a searching process over a socket.
 */
#ifndef ONCOROSTER_MSG_H
#define ONCOROSTER_MSG_H

#include "solver_internal.h"

#include <stdint.h>

enum { MSG_PROGRESS = 1, MSG_SOLUTION = 2, MSG_END = 3, MSG_LOG = 4 };
enum { END_OPTIMAL = 1, END_GAP = 2, END_TIME = 3, END_INFEASIBLE = 4, END_ERROR = 5 };

/* Every message starts so; n pairs of int32 (unit, specialist) follow a
 * MSG_SOLUTION, n bytes of text a MSG_LOG. */
struct msg {
    int32_t kind;
    int32_t n;    /* pairs (MSG_SOLUTION) or bytes (MSG_LOG) that follow */
    int32_t code; /* MSG_END: END_*; else open nodes */
    int32_t nodes;
    double obj;
    double bound;
    double seconds;
};

/* Sends one trace line to the parent, prefixed with the time since start. */
void solver_log(int fd, double start, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
bool solver_write_all(int fd, const void *buf, size_t len);
/* Sends the x columns at 1 in `values` (1-based column values). */
void solver_send_roster(int fd, const struct model *m, const double *values, double obj,
                        double bound, int nodes, double start);
/* A roster (nunits x ns) as one MSG_SOLUTION message of *len bytes; the
 * caller frees it.  NULL out of memory. */
char *msg_encode_roster(const struct rules *r, const unsigned char *x, double obj, size_t *len);
/* Sets in x (nunits x ns) the n (unit, specialist) pairs at p; pairs out of
 * range are ignored. */
void msg_decode_pairs(const char *p, int32_t n, const struct rules *r, unsigned char *x);

/* Rosters the parent forwards to a searching process: the best any process
 * has found so far. */
struct inbox {
    int fd; /* a socket, read without waiting; -1 = none */
    char *buf;
    size_t len;
    size_t cap;
};

/* Reads what has arrived; when a roster is among it, writes the newest into
 * x (nunits x ns) and its cost into *obj, and returns true. */
bool inbox_take_roster(struct inbox *in, const struct rules *r, unsigned char *x, double *obj);

#endif
