#!/usr/bin/env bash
# Two builds of oncoroster against each other, alternating run by run so
# that both meet the same machine: the bundled example without `fair`
# without the keys older builds do not read (wall time to a proven optimum), the generated 60 x 8 and Instances of
# the public benchmark (cost at the time limit).  Each solve publishes into
# a new folder: a run into a folder that holds the month would re-plan it.
#
#   bench/versus.sh BEFORE_BINARY AFTER_BINARY
#
# Environment: LIMIT (seconds, default 60), RUNS (runs per binary of the
# example and of 60 x 8, default 3), INSTANCES (default "1 2 3 4 5 6 7 8"),
# CURTOIS (default ../shared/bench/curtois), MONTH (default 2027-01).
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 2 ] || { sed -n '2,13p' "$0" >&2; exit 2; }
LIMIT=${LIMIT:-60}
RUNS=${RUNS:-3}
INSTANCES=${INSTANCES:-1 2 3 4 5 6 7 8}
CURTOIS=${CURTOIS:-../shared/bench/curtois}
MONTH=${MONTH:-2027-01}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$1" "$tmp/before"
cp "$2" "$tmp/after"
# Without the keys older builds do not read (fair, parts of sessions).
sed -e '/^ *fair: true/d' -e '/^ *sessions: 0\.25/d' -e '/^ *language:/d' examples/vilvoorde-mechelen.yaml > "$tmp/example.yaml"
cp -r examples/leave "$tmp/"
python3 bench/gen_department.py --specialists 60 --campuses 8 --month "$MONTH" > "$tmp/net60x8.yaml"

echo "example $MONTH without fair, wall seconds to the end of the run"
for i in $(seq "$RUNS"); do
  for x in before after; do
    s=$(date +%s.%N) code=0
    "$tmp/$x" solve "$tmp/example.yaml" --month "$MONTH" --time-limit "$LIMIT" -q \
      --out "$(mktemp -d "$tmp/out.XXXX")" > /dev/null 2>&1 || code=$?
    printf '  %-6s %.2f%s\n' "$x" "$(echo "$(date +%s.%N) - $s" | bc)" \
      "$([ "$code" -le 1 ] || echo " (failed: exit $code)")"
  done
done
echo "60 x 8, $LIMIT s"
for i in $(seq "$RUNS"); do
  for x in before after; do
    line=$("$tmp/$x" solve "$tmp/net60x8.yaml" --month "$MONTH" --time-limit "$LIMIT" \
      --out "$(mktemp -d "$tmp/out.XXXX")" 2> /dev/null | tail -1)
    printf '  %-6s %s\n' "$x" "$(sed -E 's/.*: ([a-z ]+)( \(gap [0-9.]+ %\))?, cost (-?[0-9]+).*/\3 (\1\2)/' <<< "$line")"
  done
done
if [ -f "$CURTOIS/Instance1.txt" ]; then
  echo "Instances, $LIMIT s"
  for n in $INSTANCES; do
    for x in before after; do
      printf '  %-6s Instance%-3s %s\n' "$x" "$n" \
        "$("$tmp/$x" nrp "$CURTOIS/Instance$n.txt" --time-limit "$LIMIT" 2>/dev/null | tail -1)"
    done
  done
fi
