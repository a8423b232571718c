#!/usr/bin/env bash
# Two builds of oncoroster over several seeds of the search, alternating run
# by run: the cost each reaches on Instances of the public benchmark in
# LIMIT seconds, and the median per build.  The neighbourhood search's path
# depends on its seed and on GLPK's pivoting (the order of the program's
# rows), so one run of each build is one draw: compare medians.
#
#   bench/seeds.sh BEFORE_BINARY AFTER_BINARY
#
# Environment: LIMIT (seconds, default 60), SEEDS (default "1 2 3 4"),
# INSTANCES (default "7 8"), CURTOIS (default ../shared/bench/curtois).
# A binary that does not read ONCOROSTER_SEED runs the same draw each time.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 2 ] || { sed -n '2,12p' "$0" >&2; exit 2; }
LIMIT=${LIMIT:-60}
SEEDS=${SEEDS:-1 2 3 4}
INSTANCES=${INSTANCES:-7 8}
CURTOIS=${CURTOIS:-../shared/bench/curtois}
[ -f "$CURTOIS/Instance1.txt" ] || { echo "no benchmark instances in $CURTOIS (set CURTOIS)" >&2; exit 2; }
median() { sort -n | awk '{v[NR]=$1} END {print NR % 2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
for n in $INSTANCES; do
  declare -A got=([before]="" [after]="")
  for seed in $SEEDS; do
    for x in before after; do
      bin=$1; [ "$x" = after ] && bin=$2
      cost=$(ONCOROSTER_SEED=$seed "$bin" nrp "$CURTOIS/Instance$n.txt" --time-limit "$LIMIT" 2>/dev/null | tail -1)
      printf '  Instance%-3s seed %-3s %-6s %s\n' "$n" "$seed" "$x" "$cost"
      got[$x]+="$cost "
    done
  done
  for x in before after; do
    printf '  Instance%-3s median %-6s %s   (%s)\n' "$n" "$x" \
      "$(tr ' ' '\n' <<< "${got[$x]}" | grep . | median)" "${got[$x]% }"
  done
done
