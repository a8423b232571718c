#!/usr/bin/env bash
# Compares oncoroster with plain glpsol and cbc on the program oncoroster
# exports, for generated departments of several sizes and the bundled
# examples.  Prints one table row per instance and solver: objective, bound,
# gap, wall time (median of RUNS runs for oncoroster) and, for oncoroster,
# the peak memory of all its processes together (largest of the RUNS runs).
#
#   bench/compare.sh [SIZES...]        e.g. bench/compare.sh 12x2 30x4 60x8
#
# Environment: BUILD (build folder, default build), LIMIT (seconds per solve,
# default 60), RUNS (oncoroster runs per instance, default 3), MONTH (one
# month or several, space-separated: "2027-01 2027-03 2027-10"; default
# 2027-01), FLAGS (more options for oncoroster solve, such as
# --no-decompose), OUT (folder for models and logs, default a new temporary
# folder), REF_LIMIT (seconds for glpsol and cbc, default LIMIT; the network
# target compares with cbc at 600 s), PEERS (yes: also glpsol and cbc; no),
# EXAMPLES (yes: also the bundled examples; no; or a list of department
# files).  Needs glpsol (glpk-utils) and cbc (coinor-cbc) unless PEERS=no.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
LIMIT=${LIMIT:-60}
RUNS=${RUNS:-3}
MONTH=${MONTH:-2027-01}
REF_LIMIT=${REF_LIMIT:-$LIMIT}
EXAMPLES=${EXAMPLES:-yes}
FLAGS=${FLAGS:-}
PEERS=${PEERS:-yes}
OUT=${OUT:-$(mktemp -d)}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
[ -x "$BUILD/oncoroster" ] || { echo "build first: make build" >&2; exit 2; }
BIN="$OUT/oncoroster"            # a snapshot: rebuilding during a run changes nothing
cp "$BUILD/oncoroster" "$BIN"
if [ "$PEERS" = yes ]; then
  command -v glpsol >/dev/null || { echo "needs glpsol: apt-get install glpk-utils" >&2; exit 2; }
  command -v cbc >/dev/null || { echo "needs cbc: apt-get install coinor-cbc" >&2; exit 2; }
fi
# Without sizes: the three below, unless EXAMPLES lists department files.
if [ $# -eq 0 ]; then
  case $EXAMPLES in yes | no) set -- 12x2 30x4 60x8 ;; esac
fi

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

row() { printf '%-30s %-11s %12s %12s %9s %8s %9s\n' "$@"; }

peers=""
[ "$PEERS" = yes ] && peers=" (glpsol, cbc: ${REF_LIMIT} s)"
echo "limit ${LIMIT} s$peers; oncoroster ${FLAGS:-(default)}: median of ${RUNS} runs; files in $OUT"
row instance solver objective bound gap time peak_MiB
for month in $MONTH; do
instances=()
for size in "$@"; do
  ns=${size%x*}; nc=${size#*x}
  f="$OUT/net-$size.$month.yaml"
  python3 bench/gen_department.py --specialists "$ns" --campuses "$nc" --month "$month" > "$f"
  instances+=("$f")
done
case $EXAMPLES in
no) ;;
yes) instances+=(examples/vilvoorde-mechelen.yaml examples/regional-network.yaml) ;;
*) instances+=($EXAMPLES) ;;
esac

for f in "${instances[@]}"; do
  name=$(basename "$f" .yaml)
  name=${name%."$month"}@$month
  # oncoroster: the summary line gives objective, bound, gap and time.
  objs=(); times=(); bounds=(); peak=0
  for i in $(seq "$RUNS"); do
    # Without --quiet and without a terminal, solve prints the roster and
    # then one summary line with objective, bound, gap and time.
    bench/memtree.sh "$OUT/$name.$i.kib" \
      "$BIN" solve "$f" --month "$month" --time-limit "$LIMIT" $FLAGS > "$OUT/$name.$i.out" 2>/dev/null || true
    line=$(grep -E '^.*: (optimal|time limit|gap reached|interrupted|optimiser failed), objective' \
             "$OUT/$name.$i.out" | tail -1 || true)
    objs+=("$(sed -E 's/.*objective (-?[0-9.]+).*/\1/' <<<"$line")")
    bounds+=("$(sed -E 's/.*bound (-?[0-9.]+|none).*/\1/' <<<"$line")")
    times+=("$(sed -E 's/.* ([0-9.]+) s, .*/\1/' <<<"$line")")
    kib=$(cat "$OUT/$name.$i.kib"); [ "$kib" -gt "$peak" ] && peak=$kib
  done
  obj=$(printf '%s\n' "${objs[@]}" | median)
  t=$(printf '%s\n' "${times[@]}" | median)
  b=${bounds[-1]}
  gap=$(awk -v o="$obj" -v b="$b" 'BEGIN { if (b == "none") print "-"; else { d = o < 0 ? -o : o; if (d < 1) d = 1; printf "%.2f%%", 100 * (o - b) / d } }')
  row "$name" oncoroster "$obj" "$b" "$gap" "$t" "$((peak / 1024))"
  [ "$PEERS" = yes ] || continue

  mps="$OUT/$name.mps"
  "$BIN" export-model "$f" --month "$month" --format mps -o "$mps" 2> "$OUT/$name.export.log"

  # glpsol: the last progress line holds the incumbent and the bound.
  start=$(date +%s.%N)
  glpsol --freemps "$mps" --tmlim "$REF_LIMIT" --cuts > "$OUT/$name.glpsol.log" 2>&1 || true
  t=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
  last=$(grep -E '^[+*] *[0-9]+: (>>>>>|mip =)' "$OUT/$name.glpsol.log" | tail -1 || true)
  read -r obj b gap < <(awk '{
      line = $0; sub(/^[+*] *[0-9]+: (>>>>>|mip =) */, "", line)
      n = split(line, f, /[ \t]+/)
      if (line ~ /^not found/) { o = "none"; bi = 5 } else { o = sprintf("%.1f", f[1]); bi = 3 }
      bd = f[bi]; if (bd ~ /^[-+0-9]/) bd = sprintf("%.1f", bd)
      g = "-"; for (i = bi + 1; i <= n; i++) if (f[i] ~ /%$/) g = f[i]
      print o, bd, g }' <<<"${last:-}")
  [ -n "${obj:-}" ] || { obj=none; b=-; gap=-; }
  row "" glpsol "$obj" "$b" "$gap" "$t"

  # GLPK writes the objective's constant c0 as the objective row's RHS; cbc
  # reads an objective RHS as -c0, so its values are 2 c0 off ours.
  objrow=$(awk '/^ROWS/ {r = 1; next} r && $1 == "N" {print $2; exit}' "$mps")
  offset=$(awk -v row="$objrow" '/^RHS/ {r = 1; next} /^(BOUNDS|RANGES|ENDATA)/ {r = 0}
                r { for (i = 2; i < NF; i += 2) if ($i == row) c = 2 * $(i + 1) }
                END { print c + 0 }' "$mps")
  start=$(date +%s.%N)
  cbc "$mps" sec "$REF_LIMIT" threads 1 solve quit > "$OUT/$name.cbc.log" 2>&1 || true
  t=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
  obj=$(grep -E '^Objective value:' "$OUT/$name.cbc.log" | awk -v c="$offset" '{printf "%.1f", $3 + c}' | tail -1 || true)
  b=$(grep -E '^Lower bound:' "$OUT/$name.cbc.log" | awk -v c="$offset" '{printf "%.1f", $3 + c}' | tail -1 || true)
  grep -q '^Result - Optimal' "$OUT/$name.cbc.log" && b=$obj
  [ -n "$obj" ] || obj=none
  [ -n "$b" ] || b=-
  gap=$(awk -v o="$obj" -v b="$b" 'BEGIN { if (o == "none" || b == "-") print "-"; else { d = o < 0 ? -o : o; if (d < 1) d = 1; printf "%.2f%%", 100 * (o - b) / d } }')
  row "" cbc "$obj" "$b" "$gap" "$t"
done
done
