/*
 * fuzz.h - what every harness in fuzz/ defines: libFuzzer's entry point.
 * The same harness runs under libFuzzer (ONCOROSTER_FUZZ=ON, clang) and,
 * through replay.c, as an ordinary test over its corpus.
 */
#ifndef ONCOROSTER_FUZZ_H
#define ONCOROSTER_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
