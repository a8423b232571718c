#!/usr/bin/env bash
# Runs a command and records the peak of the memory (resident set) that it
# and all its child processes use together, sampled every 0.1 s.  GNU time's
# %M gives the largest single process only, which understates a solver that
# searches in several processes at once.
#
#   bench/memtree.sh KIB_FILE COMMAND [ARGS...]
#
# The command's output and exit status pass through; KIB_FILE receives the
# peak in KiB.
set -uo pipefail
out=$1; shift
"$@" &
pid=$!
peak=0
while kill -0 "$pid" 2>/dev/null; do
  kib=$(ps -e -o pid=,ppid=,rss= | awk -v root="$pid" '
        { parent[$1] = $2; rss[$1] = $3 }
        END {
          for (p in parent) {
            q = p
            for (depth = 0; depth < 64 && q != root && q in parent; depth++) q = parent[q]
            if (q == root) total += rss[p]
          }
          print total + 0
        }')
  [ "$kib" -gt "$peak" ] && peak=$kib
  sleep 0.1
done
wait "$pid"
rc=$?
echo "$peak" > "$out"
exit "$rc"
