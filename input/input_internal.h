/*
 * input_internal.h - what the readers in input/ share: a YAML tree whose
 * every node keeps its file position.
 */
#ifndef ONCOROSTER_INPUT_INTERNAL_H
#define ONCOROSTER_INPUT_INTERNAL_H

#include "input.h"

enum ynode_type { Y_SCALAR, Y_SEQ, Y_MAP };

struct ynode {
    enum ynode_type type;
    int line;   /* 1-based */
    int col;    /* 1-based */
    char *text; /* scalar text, NUL-terminated (may hold NULs) */
    size_t len;
    bool plain;           /* an unquoted scalar */
    struct ynode **items; /* sequence items; mapping: key, value, key, value... */
    size_t n;             /* items used (twice the pairs for a mapping) */
    size_t cap;
};

/* Parses one YAML document from buf into a tree.  Syntax errors, duplicate
 * keys, aliases and tags are reported against `file`; returns -1 on error. */
/* The value of a single- or double-quoted scalar from the n bytes between
 * its quotes; NULL out of memory or for a bad escape. */
char *quoted_scalar(const char *raw, size_t n, bool doubled, size_t *out_len);

int yaml_load(struct ynode **out, const char *file, const char *buf, size_t len,
              struct or_diags *diags);
void ynode_free(struct ynode *node);
/* The value of `key` in a mapping, or NULL. */
struct ynode *ynode_get(const struct ynode *map, const char *key);
const char *ynode_type_name(const struct ynode *node);

/* Reports the first byte that is not UTF-8 (or a NUL) with its line and
 * column; returns whether the text is clean. */
bool input_check_utf8(const char *text, size_t len, const char *file, struct or_diags *diags);

/* Appends one zeroed item to *array of *n items of `size` bytes; returns
 * it, or NULL (the array unchanged) when memory runs out. */
void *input_grow(void **array, size_t *n, size_t size);

/* Reads a whole file into memory, refusing files larger than max_bytes. */
int input_slurp(char **out, size_t *len, const char *path, size_t max_bytes, or_pos where,
                struct or_diags *diags);

#endif
