#!/usr/bin/env bash
# The shift-scheduling benchmark of Curtois & Qu (2014): solves instances
# with `oncoroster nrp`, checks each roster with the independent checker
# (tests/nrp_check.py) and compares with plain glpsol and cbc given the same
# time on the program `oncoroster nrp -o` writes.  One row per instance and
# solver: objective, best known value, gap to it, time, peak memory (for
# oncoroster, of all its processes together).
#
#   bench/nrp.sh [N...]          instance numbers, default 1 to 24
#
# Environment: CURTOIS (the instances' folder, default ../shared/bench/curtois
# beside the project), BUILD (default build), LIMIT (seconds, default 60;
# instances 20 to 24 get LIMIT_LARGE, default 600), RUNS (oncoroster runs per
# instance, default 1), FLAGS (more options for oncoroster, such as
# --no-decompose), SOLVERS (default "oncoroster glpsol cbc"), GRACE
# (seconds glpsol and cbc may run past the limit, default 120), OUT (logs,
# rosters and models; default a new temporary folder).
set -euo pipefail
cd "$(dirname "$0")/.."
CURTOIS=${CURTOIS:-../shared/bench/curtois}
BUILD=${BUILD:-build}
LIMIT=${LIMIT:-60}
LIMIT_LARGE=${LIMIT_LARGE:-600}
RUNS=${RUNS:-1}
FLAGS=${FLAGS:-}
SOLVERS=${SOLVERS:-oncoroster glpsol cbc}
# glpsol and cbc do not count all they do against their time limit (cbc's
# preprocessing ran 889 s of a 600-s limit on Instance21): they are stopped
# GRACE seconds after it, and a solver stopped so has found no roster.
# SIGTERM first (SIGKILL 10 s later): timeout then waits for the solver, so
# GNU time still sees its peak memory; killed with SIGKILL at once, the
# timeout process went down with it and the peak read 1 MiB.
GRACE=${GRACE:-120}
OUT=${OUT:-$(mktemp -d)}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
[ -f "$CURTOIS/best-known.csv" ] || { echo "no instances in $CURTOIS; set CURTOIS" >&2; exit 2; }
[ -x "$BUILD/oncoroster" ] || { echo "build first: make build" >&2; exit 2; }
BIN="$OUT/oncoroster"
cp "$BUILD/oncoroster" "$BIN"
[ $# -gt 0 ] || set -- $(seq 1 24)

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
row() { printf '%-11s %-11s %10s %10s %8s %8s %9s %10s\n' "$@"; }
gap() { awk -v o="$1" -v b="$2" 'BEGIN { if (o == "none") print "-"; else printf "%.2f%%", 100 * (o - b) / b }'; }
# Runs a command, recording wall time and peak memory (KiB) in the last line
# of $OUT/$1.time (GNU time writes a line before it when the command fails).
timed() {
  local tag=$1; shift
  /usr/bin/time -f '%e %M' -o "$OUT/$tag.time" "$@" || true
}

echo "files in $OUT"
row instance solver objective best gap time peak_MiB bound
for n in "$@"; do
  name=Instance$n
  inst="$CURTOIS/$name.txt"
  best=$(awk -F, -v n="$name" '$1 == n {print $10}' "$CURTOIS/best-known.csv")
  limit=$LIMIT
  [ "$n" -ge 20 ] && limit=$LIMIT_LARGE
  # The benchmark counts a shift-on request not granted; the program counts
  # a granted one as -weight: the difference is the sum of their weights.
  offset=$(awk -F, '/^SECTION_SHIFT_ON_REQUESTS/ {on = 1; next} /^SECTION_/ {on = 0}
                    on && NF == 4 && $1 !~ /^#/ {s += $4} END {print s + 0}' "$inst")
  label=$name   # on the instance's first row only
  for solver in $SOLVERS; do
    case $solver in
    oncoroster)
      objs=(); times=(); mems=(); bounds=()
      for r in $(seq "$RUNS"); do
        tag=$name.oncoroster.$r
        # oncoroster searches in two processes at once: memtree.sh counts
        # both (shared pages once), where GNU time reports the larger one.
        timed "$tag" bench/memtree.sh "$OUT/$tag.kib" \
          "$BIN" nrp "$inst" --time-limit "$limit" --roster-out "$OUT/$tag.roster" $FLAGS \
          > "$OUT/$tag.log" 2>&1
        read -r t _ < <(tail -1 "$OUT/$tag.time")
        m=$(cat "$OUT/$tag.kib")
        obj=$(python3 tests/nrp_check.py "$inst" "$OUT/$tag.roster" 2>&1 | tee "$OUT/$tag.check" |
              awk '/^objective/ {print $2}' || true)
        if ! grep -q '^objective' "$OUT/$tag.check" || [ "$(wc -l < "$OUT/$tag.check")" -ne 1 ]; then
          echo "  $tag: the checker rejects the roster, see $OUT/$tag.check" >&2
          obj=none
        fi
        # The bound oncoroster proves, in the benchmark's terms ("none").
        bound=$(sed -n 's/.*, bound \(-\{0,1\}[0-9][0-9]*\),.*/\1/p' "$OUT/$tag.log" | tail -1)
        objs+=("$obj"); times+=("$t"); mems+=("$((m / 1024))"); bounds+=("${bound:-none}")
      done
      obj=$(printf '%s\n' "${objs[@]}" | median)
      row "$label" oncoroster "$obj" "$best" "$(gap "$obj" "$best")" \
        "$(printf '%s\n' "${times[@]}" | median)" "$(printf '%s\n' "${mems[@]}" | median)" \
        "$(printf '%s\n' "${bounds[@]}" | median)"
      ;;
    glpsol)
      mps="$OUT/$name.mps"
      [ -f "$mps" ] || "$BIN" nrp "$inst" --format mps -o "$mps"
      timed "$name.glpsol" timeout -k 10 "$((limit + GRACE))" glpsol --freemps "$mps" --tmlim "$limit" --cuts > "$OUT/$name.glpsol.log" 2>&1
      read -r t m < <(tail -1 "$OUT/$name.glpsol.time")
      last=$(grep -E '^[+*] *[0-9]+: (>>>>>|mip =)' "$OUT/$name.glpsol.log" | tail -1 || true)
      obj=$(awk -v c="$offset" '{ line = $0; sub(/^[+*] *[0-9]+: (>>>>>|mip =) */, "", line)
                                  if (line ~ /^not found/) print "none"; else { split(line, f, /[ \t]+/); printf "%.0f", f[1] + c } }' <<<"${last:-}")
      [ -n "$last" ] || obj=none   # no progress line: the root LP did not finish
      row "$label" glpsol "${obj:-none}" "$best" "$(gap "${obj:-none}" "$best")" "$t" "$((m / 1024))"
      ;;
    cbc)
      mps="$OUT/$name.mps"
      [ -f "$mps" ] || "$BIN" nrp "$inst" --format mps -o "$mps"
      timed "$name.cbc" timeout -k 10 "$((limit + GRACE))" cbc "$mps" sec "$limit" threads 1 solve quit > "$OUT/$name.cbc.log" 2>&1
      read -r t m < <(tail -1 "$OUT/$name.cbc.time")
      # The program has no constant for these instances (see compare.sh otherwise).
      obj=$(grep -E '^Objective value:' "$OUT/$name.cbc.log" | awk -v c="$offset" '{printf "%.0f", $3 + c}' | tail -1 || true)
      grep -qE '^Result - (Optimal|Stopped on time)' "$OUT/$name.cbc.log" && grep -q 'Objective value' "$OUT/$name.cbc.log" || obj=none
      row "$label" cbc "${obj:-none}" "$best" "$(gap "${obj:-none}" "$best")" "$t" "$((m / 1024))"
      ;;
    esac
    label=""
  done
done
