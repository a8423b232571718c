/*
 * yaml.c - builds a position-keeping tree from libfyaml's event stream.
 * The document tree of libfyaml does not expose where collections start, and
 * the department reader needs a position for every node it may complain
 * about; events carry them.  Aliases, tags, several documents and duplicate
 * keys are refused here, so no later stage meets them.
 */
#include "input_internal.h"

#include <libfyaml.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define YAML_MAX_DEPTH 64
#define YAML_MAX_ITEMS 20000 /* keeps the duplicate-key check quadratic but small */

void ynode_free(struct ynode *node)
{
    if (!node)
        return;
    /* Iterative over the spine would be nicer, but depth is capped. */
    for (size_t i = 0; i < node->n; i++)
        ynode_free(node->items[i]);
    free(node->items);
    free(node->text);
    free(node);
}

struct ynode *ynode_get(const struct ynode *map, const char *key)
{
    if (!map || map->type != Y_MAP)
        return NULL;
    for (size_t i = 0; i + 1 < map->n; i += 2)
        if (map->items[i]->type == Y_SCALAR && strcmp(map->items[i]->text, key) == 0)
            return map->items[i + 1];
    return NULL;
}

const char *ynode_type_name(const struct ynode *node)
{
    switch (node->type) {
    case Y_SCALAR:
        return node->len ? "a value" : "an empty value";
    case Y_SEQ:
        return "a list";
    case Y_MAP:
        return "a mapping";
    }
    return "?";
}

static int append(struct ynode *parent, struct ynode *child)
{
    if (parent->n == parent->cap) {
        size_t cap = parent->cap ? parent->cap * 2 : 8;
        struct ynode **items = realloc(parent->items, cap * sizeof(*items));
        if (!items)
            return -1;
        parent->items = items;
        parent->cap = cap;
    }
    parent->items[parent->n++] = child;
    return 0;
}

static struct ynode *node_new(enum ynode_type type, struct fy_event *ev)
{
    struct ynode *node = calloc(1, sizeof(*node));
    if (!node)
        return NULL;
    node->type = type;
    const struct fy_mark *m = fy_event_start_mark(ev);
    node->line = m ? m->line + 1 : 1;
    node->col = m ? m->column + 1 : 1;
    return node;
}

static void discard_output(struct fy_diag *diag, void *user, const char *buf, size_t len)
{
    (void)diag;
    (void)user;
    (void)buf;
    (void)len;
}

/* Reports a duplicate key in the mapping just completed. */
static bool check_duplicate(const struct ynode *map, const char *file, struct or_diags *diags)
{
    size_t last = map->n - 2;
    const struct ynode *key = map->items[last];
    if (key->type != Y_SCALAR)
        return true;
    for (size_t i = 0; i < last; i += 2) {
        const struct ynode *other = map->items[i];
        if (other->type == Y_SCALAR && other->len == key->len &&
            memcmp(other->text, key->text, key->len) == 0) {
            or_diags_add(diags, OR_ERROR, (or_pos){file, key->line, key->col},
                         "duplicate key '%s' (first given at line %d); keep one of them", key->text,
                         other->line);
            return false;
        }
    }
    return true;
}

static struct fy_token *event_tag(struct fy_event *ev)
{
    switch (ev->type) {
    case FYET_SCALAR:
        return ev->scalar.tag;
    case FYET_SEQUENCE_START:
        return ev->sequence_start.tag;
    case FYET_MAPPING_START:
        return ev->mapping_start.tag;
    default:
        return NULL;
    }
}

/* Appends code point cp as UTF-8. */
static size_t put_utf8(char *out, unsigned long cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xc0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3f));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xe0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
        out[2] = (char)(0x80 | (cp & 0x3f));
        return 3;
    }
    out[0] = (char)(0xf0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
    out[3] = (char)(0x80 | (cp & 0x3f));
    return 4;
}

/* The value of a quoted scalar from the n bytes between its quotes (YAML
 * 1.2, 7.3.1 and 7.3.2): in single quotes '' is a quote; in double quotes
 * the backslash escapes, and a backslash before a line break joins the
 * lines.  A line break with the blanks around it folds to a space, and each
 * further empty line to a line break.  NULL when out of memory or for an
 * escape libfyaml would refuse (it reports that first). */
char *quoted_scalar(const char *raw, size_t n, bool doubled, size_t *out_len)
{
    char *out = malloc(n * 4 + 1); /* \xXX can grow to two bytes, \U.. to four */
    if (!out)
        return NULL;
    size_t o = 0, content = 0; /* content: end of what is not raw blank */
    for (size_t i = 0; i < n;) {
        char c = raw[i];
        if (!doubled && c == '\'' && i + 1 < n && raw[i + 1] == '\'') {
            out[o++] = '\'';
            content = o;
            i += 2;
        } else if (doubled && c == '\\' && i + 1 < n) {
            char e = raw[i + 1];
            static const char simple[] = "0\0a\ab\bt\t\t\tn\nv\vf\fr\re\x1b \x20\"\"//\\\\";
            const char *hit = NULL;
            for (size_t k = 0; k + 1 < sizeof(simple); k += 2)
                if (simple[k] == e) {
                    hit = &simple[k + 1];
                    break;
                }
            i += 2;
            if (hit) {
                out[o++] = *hit;
            } else if (e == 'N' || e == '_' || e == 'L' || e == 'P') {
                o += put_utf8(out + o, e == 'N'   ? 0x85
                                       : e == '_' ? 0xa0
                                       : e == 'L' ? 0x2028
                                                  : 0x2029);
            } else if (e == 'x' || e == 'u' || e == 'U') {
                size_t digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                unsigned long cp = 0;
                for (size_t k = 0; k < digits; k++, i++) {
                    char h = i < n ? raw[i] : 0;
                    int v = h >= '0' && h <= '9'   ? h - '0'
                            : h >= 'a' && h <= 'f' ? h - 'a' + 10
                            : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                                   : -1;
                    if (v < 0) {
                        free(out);
                        return NULL;
                    }
                    cp = cp * 16 + (unsigned long)v;
                }
                if (cp > 0x10ffff) {
                    free(out);
                    return NULL;
                }
                o += put_utf8(out + o, cp);
            } else if (e == '\n' || e == '\r') { /* escaped line break: join */
                if (e == '\r' && i < n && raw[i] == '\n')
                    i++;
                while (i < n && (raw[i] == ' ' || raw[i] == '\t'))
                    i++;
            } else {
                free(out);
                return NULL;
            }
            content = o;
        } else if (c == '\n' || c == '\r') {
            o = content; /* blanks before a line break are not content */
            size_t breaks = 0;
            while (i < n && (raw[i] == '\n' || raw[i] == '\r')) {
                i += raw[i] == '\r' && i + 1 < n && raw[i + 1] == '\n' ? 2 : 1;
                breaks++;
                while (i < n && (raw[i] == ' ' || raw[i] == '\t'))
                    i++;
            }
            if (breaks == 1)
                out[o++] = ' ';
            else
                for (size_t k = 1; k < breaks; k++)
                    out[o++] = '\n';
            content = o;
        } else {
            out[o++] = c;
            i++;
            if (c != ' ' && c != '\t')
                content = o;
        }
    }
    out[o] = '\0';
    *out_len = o;
    return out;
}

int yaml_load(struct ynode **out, const char *file, const char *buf, size_t len,
              struct or_diags *diags)
{
    struct ynode *stack[YAML_MAX_DEPTH + 1];
    size_t depth = 0;
    struct ynode *root = NULL;
    int documents = 0;
    size_t errors_before = diags->errors;
    *out = NULL;

    struct fy_diag_cfg dcfg;
    fy_diag_cfg_default(&dcfg);
    dcfg.fp = NULL;
    dcfg.output_fn = discard_output;
    dcfg.colorize = false;
    struct fy_diag *fdiag = fy_diag_create(&dcfg);
    if (!fdiag) {
        or_diags_add(diags, OR_ERROR, (or_pos){file, 0, 0}, "out of memory");
        return -1;
    }
    fy_diag_set_collect_errors(fdiag, true);
    struct fy_parse_cfg cfg = {0};
    cfg.flags = FYPCF_QUIET | FYPCF_DEFAULT_VERSION_1_2 | FYPCF_JSON_NONE;
    cfg.diag = fdiag;
    struct fy_parser *parser = fy_parser_create(&cfg);
    if (!parser || fy_parser_set_string(parser, buf, len) != 0) {
        or_diags_add(diags, OR_ERROR, (or_pos){file, 0, 0}, "out of memory");
        goto out_free_parser;
    }

    struct fy_event *ev;
    bool failed = false;
    while (!failed && (ev = fy_parser_parse(parser)) != NULL) {
        struct ynode *node = NULL;
        const struct fy_mark *m = fy_event_start_mark(ev);
        or_pos pos = {file, m ? m->line + 1 : 0, m ? m->column + 1 : 0};
        if (event_tag(ev)) {
            or_diags_add(diags, OR_ERROR, pos,
                         "YAML tags ('!...') are not supported; remove the tag");
            failed = true;
        }
        switch (failed ? FYET_NONE : ev->type) {
        case FYET_DOCUMENT_START:
            if (++documents > 1) {
                or_diags_add(diags, OR_ERROR, pos,
                             "a second YAML document ('---'); a department file holds one");
                failed = true;
            }
            break;
        case FYET_ALIAS:
            or_diags_add(diags, OR_ERROR, pos,
                         "YAML aliases ('*name') are not supported; write the value out");
            failed = true;
            break;
        case FYET_SCALAR: {
            node = node_new(Y_SCALAR, ev);
            size_t n = 0;
            enum fy_scalar_style style = fy_token_scalar_style(ev->scalar.value);
            const struct fy_mark *a = fy_token_start_mark(ev->scalar.value);
            const struct fy_mark *b = fy_token_end_mark(ev->scalar.value);
            /* The marks of a quoted scalar enclose what is between the quotes. */
            char quote = style == FYSS_SINGLE_QUOTED ? '\'' : '"';
            bool source = node && (style == FYSS_SINGLE_QUOTED || style == FYSS_DOUBLE_QUOTED) &&
                          a && b && a->input_pos > 0 && a->input_pos <= b->input_pos &&
                          b->input_pos < len && buf[a->input_pos - 1] == quote &&
                          buf[b->input_pos] == quote;
            /* libfyaml 0.8 leaks the text it formats for a quoted scalar of
             * many pieces ('' escapes, line breaks): decode single-quoted
             * ones, and double-quoted ones over several lines, here. */
            if (source && style == FYSS_DOUBLE_QUOTED &&
                !memchr(buf + a->input_pos, '\n', b->input_pos - a->input_pos) &&
                !memchr(buf + a->input_pos, '\r', b->input_pos - a->input_pos))
                source = false;
            if (source) {
                node->text = quoted_scalar(buf + a->input_pos, b->input_pos - a->input_pos,
                                           style == FYSS_DOUBLE_QUOTED, &node->len);
            } else if (node) {
                const char *text = fy_token_get_text(ev->scalar.value, &n);
                if ((node->text = malloc(n + 1)) != NULL) {
                    if (n)
                        memcpy(node->text, text, n);
                    node->text[n] = '\0';
                    node->len = n;
                }
            }
            if (node)
                node->plain = style == FYSS_PLAIN;
            if (!node || !node->text) {
                ynode_free(node);
                node = NULL;
                failed = true;
            }
            break;
        }
        case FYET_SEQUENCE_START:
        case FYET_MAPPING_START:
            node = node_new(ev->type == FYET_MAPPING_START ? Y_MAP : Y_SEQ, ev);
            failed = node == NULL;
            break;
        case FYET_SEQUENCE_END:
        case FYET_MAPPING_END:
            if (depth > 0)
                depth--;
            break;
        default:
            break;
        }
        fy_parser_event_free(parser, ev);
        if (!node)
            continue;
        /* Attach the new node to its parent, or make it the root. */
        if (depth == 0) {
            root = node;
        } else if (append(stack[depth - 1], node) != 0) {
            ynode_free(node);
            failed = true;
            break;
        } else if (stack[depth - 1]->type == Y_MAP && stack[depth - 1]->n % 2 == 0 &&
                   !check_duplicate(stack[depth - 1], file, diags)) {
            failed = true;
        } else if (stack[depth - 1]->n > 2 * YAML_MAX_ITEMS) {
            or_diags_add(diags, OR_ERROR, pos,
                         "more than %d entries in one list or mapping; this is not a "
                         "department file",
                         YAML_MAX_ITEMS);
            failed = true;
        }
        if (node->type != Y_SCALAR) {
            if (depth == YAML_MAX_DEPTH) {
                or_diags_add(diags, OR_ERROR, pos, "the YAML is nested more than %d levels deep",
                             YAML_MAX_DEPTH);
                failed = true;
            } else {
                stack[depth++] = node;
            }
        }
    }
    /* Syntax errors collected by libfyaml, with their own positions. */
    void *iter = NULL;
    struct fy_diag_error *err;
    while ((err = fy_diag_errors_iterate(fdiag, &iter)) != NULL)
        or_diags_add(diags, OR_ERROR, (or_pos){file, err->line + 1, err->column + 1},
                     "YAML syntax: %s; check the indentation, colons and brackets here", err->msg);
    if (fy_parser_get_stream_error(parser) && diags->errors == errors_before)
        or_diags_add(diags, OR_ERROR, (or_pos){file, 0, 0}, "YAML syntax error");
    if (failed && diags->errors == errors_before)
        or_diags_add(diags, OR_ERROR, (or_pos){file, 0, 0}, "out of memory");

out_free_parser:
    fy_parser_destroy(parser);
    fy_diag_destroy(fdiag);
    if (diags->errors != errors_before) {
        ynode_free(root);
        return -1;
    }
    *out = root;
    return 0;
}

void *input_grow(void **array, size_t *n, size_t size)
{
    void *bigger = realloc(*array, (*n + 1) * size);
    if (!bigger)
        return NULL;
    *array = bigger;
    void *item = (char *)bigger + *n * size;
    memset(item, 0, size);
    (*n)++;
    return item;
}

/* What a file that is not a regular file is, for messages. */
static const char *file_kind(mode_t mode)
{
    if (S_ISDIR(mode))
        return "a folder";
    if (S_ISFIFO(mode))
        return "a named pipe (FIFO)";
    if (S_ISSOCK(mode))
        return "a socket";
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return "a device";
    return "a special file";
}

int input_slurp(char **out, size_t *len, const char *path, size_t max_bytes, or_pos where,
                struct or_diags *diags)
{
    *out = NULL;
    *len = 0;
    /* Non-blocking, so that opening a FIFO with no writer returns at once;
     * only a regular file is read, so nothing can block a cron run. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        or_diags_add(diags, OR_ERROR, where, "cannot open '%s': %s; check the name and the folder",
                     path, strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        or_diags_add(diags, OR_ERROR, where, "cannot read '%s': %s", path, strerror(errno));
        close(fd);
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        or_diags_add(diags, OR_ERROR, where,
                     "'%s' is %s, not a regular file; give the path of the file itself "
                     "(oncoroster reads only regular files, so that a run never waits on one)",
                     path, file_kind(st.st_mode));
        close(fd);
        return -1;
    }
    if ((unsigned long long)st.st_size > max_bytes) {
        or_diags_add(diags, OR_ERROR, where,
                     "'%s' is larger than %zu MiB; this cannot be a valid input", path,
                     max_bytes >> 20);
        close(fd);
        return -1;
    }
    int flags = fcntl(fd, F_GETFL);
    FILE *f = flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0 ? NULL : fdopen(fd, "rb");
    if (!f) {
        or_diags_add(diags, OR_ERROR, where, "cannot read '%s': %s", path, strerror(errno));
        close(fd);
        return -1;
    }
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap + 1);
    while (buf) {
        if (n == cap) {
            if (cap >= max_bytes) {
                or_diags_add(diags, OR_ERROR, where,
                             "'%s' is larger than %zu MiB; this cannot be a valid input", path,
                             max_bytes >> 20);
                free(buf);
                fclose(f);
                return -1;
            }
            cap *= 2;
            char *grown = realloc(buf, cap + 1);
            if (!grown) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = grown;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    if (!buf || ferror(f)) {
        or_diags_add(diags, OR_ERROR, where, "cannot read '%s': %s", path,
                     buf ? strerror(errno) : "out of memory");
        free(buf);
        fclose(f);
        return -1;
    }
    fclose(f);
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return 0;
}

bool input_check_utf8(const char *text, size_t len, const char *file, struct or_diags *diags)
{
    const unsigned char *s = (const unsigned char *)text;
    int line = 1, col = 1;
    for (size_t i = 0; i < len; col++) {
        unsigned c = s[i];
        size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        bool ok = n > 0 && c != 0 && i + n <= len && !(n == 2 && c < 0xc2);
        for (size_t k = 1; ok && k < n; k++)
            ok = (s[i + k] & 0xc0) == 0x80;
        if (ok && n == 3)
            ok = !(c == 0xe0 && s[i + 1] < 0xa0) && !(c == 0xed && s[i + 1] >= 0xa0);
        if (ok && n == 4)
            ok = c <= 0xf4 && !(c == 0xf0 && s[i + 1] < 0x90) && !(c == 0xf4 && s[i + 1] >= 0x90);
        if (!ok) {
            or_diags_add(diags, OR_ERROR, (or_pos){file, line, col},
                         c == 0 ? "the file holds a NUL byte: it is not a text file; save the "
                                  "department file as UTF-8 text"
                                : "byte 0x%02x is not UTF-8 text; save the department file as "
                                  "UTF-8",
                         c);
            return false;
        }
        if (c == '\n') {
            line++;
            col = 0;
        }
        i += n;
    }
    return true;
}
