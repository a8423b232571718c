#!/bin/sh
# Runs the libFuzzer harnesses for a long time (not part of the test suite).
#
#   fuzz/run.sh [SECONDS] [HARNESS...]     default: 1800 s each, all six
#
# Builds them with clang into build-fuzz/ (-DONCOROSTER_FUZZ=ON: ASan, UBSan
# and coverage), starts each from its seed corpus in fuzz/corpus/<name>/
# (copied to build-fuzz/work/<name>/, so the repository's corpus only grows
# by hand), and stops at the first crash, leak or input slower than 3 s
# (1 s was tripped by machine load alone: those inputs replay in 0.5 s).
# Findings go to build-fuzz/findings/<name>/: add them to fuzz/corpus/<name>/
# once fixed, and the suite replays them from then on.
set -eu
cd "$(dirname "$0")/.."
seconds=${1:-1800}
[ $# -gt 0 ] && shift
harnesses=${*:-department leave_ics summary history nrp tzfile}
CC=${CC:-clang} cmake -S . -B build-fuzz -DONCOROSTER_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
for h in $harnesses; do
  cmake --build build-fuzz -j "$(nproc)" --target "${h}_fuzzer" >/dev/null
done
status=0
for h in $harnesses; do
  mkdir -p "build-fuzz/work/$h" "build-fuzz/findings/$h"
  cp -n "fuzz/corpus/$h"/* "build-fuzz/work/$h/" 2>/dev/null || true
  echo "== $h: $seconds s"
  ASAN_OPTIONS=detect_leaks=1 "./build-fuzz/${h}_fuzzer" "build-fuzz/work/$h" \
    -max_total_time="$seconds" -timeout=3 -rss_limit_mb=2048 -max_len=65536 \
    -artifact_prefix="build-fuzz/findings/$h/" -print_final_stats=1 \
    2>"build-fuzz/findings/$h.log" || status=1
  grep -E "stat::number_of_executed_units|cov: .*ft:" "build-fuzz/findings/$h.log" | tail -2
done
exit $status
