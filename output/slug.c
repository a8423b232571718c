/*
 * slug.c - safe, readable file names from names in any script.
 */
#include "output.h"

#include <string.h>

/* ASCII for the Latin letters with diacritics met in Belgian and Dutch
 * names (Latin-1 Supplement and Latin Extended-A, the latter generated from
 * the Unicode decompositions), by code point. */
static const char *fold_latin(unsigned cp)
{
    static const char *const latin1[64] = {
        "a", "a", "a", "a", "a", "a", "ae", "c",  "e", "e", "e", "e", "i", "i", "i",  "i",
        "d", "n", "o", "o", "o", "o", "o",  NULL, "o", "u", "u", "u", "u", "y", "th", "ss",
        "a", "a", "a", "a", "a", "a", "ae", "c",  "e", "e", "e", "e", "i", "i", "i",  "i",
        "d", "n", "o", "o", "o", "o", "o",  NULL, "o", "u", "u", "u", "u", "y", "th", "y"};
    static const char *const ext_a[128] = {
        "a", "a", "a",  "a",  "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
        "d", "d", "e",  "e",  "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
        "g", "g", "g",  "g",  "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
        "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
        "l", "l", "l",  "n",  "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
        "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
        "s", "s", "t",  "t",  "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
        "u", "u", "u",  "u",  "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
    };
    if (cp >= 0xc0 && cp <= 0xff)
        return latin1[cp - 0xc0];
    if (cp >= 0x100 && cp <= 0x17f)
        return ext_a[cp - 0x100];
    return NULL;
}

/* Decodes one UTF-8 sequence; returns its length (1 for a stray byte). */
static size_t decode(const unsigned char *s, unsigned *cp)
{
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    size_t n = (s[0] >> 5) == 6 ? 2 : (s[0] >> 4) == 14 ? 3 : (s[0] >> 3) == 30 ? 4 : 0;
    for (size_t k = 1; k < n; k++)
        if ((s[k] & 0xc0) != 0x80)
            n = 0;
    if (n == 0) {
        *cp = 0xfffd;
        return 1;
    }
    unsigned v = s[0] & (0x7f >> n);
    for (size_t k = 1; k < n; k++)
        v = (v << 6) | (s[k] & 0x3f);
    *cp = v;
    return n;
}

char *or_slug(const char *name, char *out)
{
    size_t n = 0;
    bool dash = false;
    const unsigned char *s = (const unsigned char *)(name ? name : "");
    while (*s && n < 64) {
        unsigned cp;
        s += decode(s, &cp);
        const char *add = NULL;
        char ascii[2] = {0, 0};
        if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
            ascii[0] = (char)cp;
            add = ascii;
        } else if (cp >= 'A' && cp <= 'Z') {
            ascii[0] = (char)(cp - 'A' + 'a');
            add = ascii;
        } else {
            add = fold_latin(cp);
        }
        if (!add) {
            /* Anything else separates words: spaces, punctuation, '/',
             * control and direction marks, other scripts. */
            dash = n > 0;
            continue;
        }
        size_t len = strlen(add);
        if (n + (dash ? 1 : 0) + len > 64)
            break;
        if (dash)
            out[n++] = '-';
        dash = false;
        memcpy(out + n, add, len);
        n += len;
    }
    if (n == 0) {
        strcpy(out, "unnamed");
        return out;
    }
    out[n] = '\0';
    return out;
}
