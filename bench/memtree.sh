#!/usr/bin/env bash
# Runs a command and records the peak of the memory that it and all its
# child processes use together, sampled every 0.1 s.  GNU time's %M gives
# the largest single process only, which understates a solver that searches
# in several processes at once; adding up their resident sets overstates it,
# because pages shared since fork (code, libraries, the data built before
# the search) count in each.  So each process counts with its proportional
# set size (Pss: shared pages divided among those sharing them).
#
#   bench/memtree.sh KIB_FILE COMMAND [ARGS...]
#
# The command's output and exit status pass through; KIB_FILE receives the
# peak in KiB.
set -uo pipefail
out=$1; shift
"$@" &
pid=$!
trap 'kill "$pid" 2>/dev/null' TERM INT HUP
peak=0
sample() {
  local kib=0 p pss
  for p in $(ps -e -o pid=,ppid= | awk -v root="$pid" '
        { parent[$1] = $2 }
        END {
          for (p in parent) {
            q = p
            for (depth = 0; depth < 64 && q != root && q in parent; depth++) q = parent[q]
            if (q == root) print p
          }
        }'); do
    pss=$(awk '/^Pss:/ {print $2; exit}' "/proc/$p/smaps_rollup" 2>/dev/null) || pss=0
    kib=$((kib + ${pss:-0}))
  done
  [ "$kib" -gt "$peak" ] && peak=$kib
  return 0
}
while kill -0 "$pid" 2>/dev/null; do
  sample
  sleep 0.1
done
wait "$pid"
rc=$?
echo "$peak" > "$out"
exit "$rc"
