/*
 * uuid.c - name-based UUIDs (RFC 4122 version 5, SHA-1), so that the same
 * slot of the same roster gets the same UID in every run and calendars that
 * re-import a publication update events instead of duplicating them.
 */
#include "output_internal.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct sha1 {
    uint32_t h[5];
    uint64_t length; /* bytes hashed so far */
    unsigned char block[64];
    size_t used;
};

static uint32_t rol(uint32_t x, int n)
{
    return (x << n) | (x >> (32 - n));
}

static void sha1_block(struct sha1 *c, const unsigned char *p)
{
    uint32_t w[80];
    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
               (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
    for (int i = 16; i < 80; i++)
        w[i] = rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
    uint32_t a = c->h[0], b = c->h[1], d3 = c->h[2], d = c->h[3], e = c->h[4];
    for (int i = 0; i < 80; i++) {
        uint32_t f, k;
        if (i < 20) {
            f = (b & d3) | (~b & d);
            k = 0x5a827999u;
        } else if (i < 40) {
            f = b ^ d3 ^ d;
            k = 0x6ed9eba1u;
        } else if (i < 60) {
            f = (b & d3) | (b & d) | (d3 & d);
            k = 0x8f1bbcdcu;
        } else {
            f = b ^ d3 ^ d;
            k = 0xca62c1d6u;
        }
        uint32_t t = rol(a, 5) + f + e + k + w[i];
        e = d;
        d = d3;
        d3 = rol(b, 30);
        b = a;
        a = t;
    }
    c->h[0] += a;
    c->h[1] += b;
    c->h[2] += d3;
    c->h[3] += d;
    c->h[4] += e;
}

static void sha1_init(struct sha1 *c)
{
    static const uint32_t h0[5] = {0x67452301u, 0xefcdab89u, 0x98badcfeu, 0x10325476u, 0xc3d2e1f0u};
    memcpy(c->h, h0, sizeof(h0));
    c->length = 0;
    c->used = 0;
}

static void sha1_add(struct sha1 *c, const void *data, size_t n)
{
    const unsigned char *p = data;
    c->length += n;
    while (n > 0) {
        size_t take = 64 - c->used < n ? 64 - c->used : n;
        memcpy(c->block + c->used, p, take);
        c->used += take;
        p += take;
        n -= take;
        if (c->used == 64) {
            sha1_block(c, c->block);
            c->used = 0;
        }
    }
}

static void sha1_end(struct sha1 *c, unsigned char out[20])
{
    uint64_t bits = c->length * 8;
    unsigned char pad = 0x80;
    sha1_add(c, &pad, 1);
    pad = 0;
    while (c->used != 56)
        sha1_add(c, &pad, 1);
    unsigned char len[8];
    for (int i = 0; i < 8; i++)
        len[i] = (unsigned char)(bits >> (56 - 8 * i));
    sha1_add(c, len, 8);
    for (int i = 0; i < 5; i++) {
        out[4 * i] = (unsigned char)(c->h[i] >> 24);
        out[4 * i + 1] = (unsigned char)(c->h[i] >> 16);
        out[4 * i + 2] = (unsigned char)(c->h[i] >> 8);
        out[4 * i + 3] = (unsigned char)c->h[i];
    }
}

void or_sha1(unsigned char out[20], const void *data, size_t n)
{
    struct sha1 c;
    sha1_init(&c);
    sha1_add(&c, data, n);
    sha1_end(&c, out);
}

char *or_uuid_v5(char out[37], const unsigned char ns[16], const char *name)
{
    struct sha1 c;
    unsigned char h[20];
    sha1_init(&c);
    sha1_add(&c, ns, 16);
    sha1_add(&c, name, strlen(name));
    sha1_end(&c, h);
    h[6] = (unsigned char)((h[6] & 0x0f) | 0x50);
    h[8] = (unsigned char)((h[8] & 0x3f) | 0x80);
    size_t n = 0;
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out[n++] = '-';
        snprintf(out + n, 3, "%02x", h[i]);
        n += 2;
    }
    out[n] = '\0';
    return out;
}
