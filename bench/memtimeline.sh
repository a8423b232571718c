#!/usr/bin/env bash
# Runs a command and records, every INTERVAL seconds (default 2), the
# resident size of it and of each process it started: where a solve's
# memory goes over time (the program's build, the completion of the
# constructive roster, the root LP), per searching process.  At the end it
# prints each process's peak and the peak of their sum to standard error.
# Resident sizes count pages shared since fork in each process, so the sum
# overstates the machine's use; bench/memtree.sh gives that figure.
#
#   bench/memtimeline.sh LOG COMMAND [ARGS...]
#   e.g. bench/memtimeline.sh /tmp/i24.mem build/oncoroster nrp Instance24.txt --time-limit 300 -v
#
# LOG receives one line per sample: seconds since the start, then pid:MiB
# for each process.  The command's output and exit status pass through.
set -uo pipefail
log=$1; shift
interval=${INTERVAL:-2}
: > "$log"
"$@" &
pid=$!
trap 'kill "$pid" 2>/dev/null' TERM INT HUP
start=$(date +%s.%N)
while kill -0 "$pid" 2>/dev/null; do
  now=$(date +%s.%N)
  line=$(ps -e -o pid=,ppid=,rss= | awk -v root="$pid" '
        { parent[$1] = $2; rss[$1] = $3 }
        END {
          for (p in parent) {
            q = p
            for (depth = 0; depth < 64 && q != root && q in parent; depth++) q = parent[q]
            if (q == root) printf " %s:%d", p, rss[p] / 1024
          }
        }')
  awk -v a="$start" -v b="$now" -v l="$line" 'BEGIN { printf "%.1f%s\n", b - a, l }' >> "$log"
  sleep "$interval"
done
wait "$pid"
rc=$?
awk '{ sum = 0
       for (i = 2; i <= NF; i++) { split($i, f, ":"); sum += f[2]; if (f[2] > peak[f[1]]) peak[f[1]] = f[2] }
       if (sum > most) most = sum }
     END { for (p in peak) printf "peak of process %s: %d MiB\n", p, peak[p]
           printf "peak of their sum: %d MiB\n", most }' "$log" >&2
exit "$rc"
