#!/usr/bin/env bash
# What the solver's deterministic phases make of a set of departments and
# benchmark instances: the exported program's size and checksum (of its
# rows and columns in a canonical order: bench/canon_mps.py), the
# constructive roster's cost before and after the local search, and the
# root LP bound.  Two builds that print the same lines build the same
# program and the same first roster; used to show that a change to the
# solver's code keeps its behaviour.
#
#   bench/fingerprint.sh > before.txt; ...; bench/fingerprint.sh | diff before.txt -
#
# Environment: BUILD (default build), CURTOIS (the public instances' folder,
# default ../shared/bench/curtois), INSTANCES (default "1 2 3 4 5 6 7 8"),
# SIZES (generated departments, default "12x2 30x4 60x8"), MONTHS (default
# "2027-01 2027-03 2027-10").
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
CURTOIS=${CURTOIS:-../shared/bench/curtois}
INSTANCES=${INSTANCES:-1 2 3 4 5 6 7 8}
SIZES=${SIZES:-12x2 30x4 60x8}
MONTHS=${MONTHS:-2027-01 2027-03 2027-10}
BIN=$BUILD/oncoroster
[ -x "$BIN" ] || { echo "build first: make build" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The lines of a --verbose trace that do not depend on timing.
trace() {
    sed -n -e 's/^ *[0-9.]* s  //' \
        -e 's/^\(polish: constructive roster [-0-9]*, [-0-9]*\) after.*/\1/p' \
        -e '/^b&b: program of/p' -e '/^b&b: root LP bound/p'
}

one() { # name, then the command's arguments after the binary
    local name=$1; shift
    "$BIN" "$@" --time-limit 4 --verbose >/dev/null 2>"$tmp/log" || true
    printf '%s\n' "$(trace <"$tmp/log" | paste -sd '|')" | sed "s/^/$name: /"
}

for dept in examples/*.yaml; do
    for month in $MONTHS; do
        "$BIN" export-model "$dept" --month "$month" --format mps -o "$tmp/m.mps" 2>/dev/null
        echo "$(basename "$dept" .yaml) $month: model $(python3 bench/canon_mps.py "$tmp/m.mps" | md5sum | cut -c1-12)"
        one "$(basename "$dept" .yaml) $month" solve "$dept" --month "$month"
    done
done
for size in $SIZES; do
    python3 bench/gen_department.py --specialists "${size%x*}" --campuses "${size#*x}" >"$tmp/g.yaml"
    "$BIN" export-model "$tmp/g.yaml" --month 2027-01 --format mps -o "$tmp/m.mps" 2>/dev/null
    echo "generated $size: model $(python3 bench/canon_mps.py "$tmp/m.mps" | md5sum | cut -c1-12)"
    one "generated $size" solve "$tmp/g.yaml" --month 2027-01
done
for i in $INSTANCES; do
    f=$CURTOIS/Instance$i.txt
    [ -f "$f" ] || { echo "no $f; set CURTOIS" >&2; exit 2; }
    "$BIN" nrp "$f" -o "$tmp/m.mps" >/dev/null 2>&1
    echo "Instance$i: model $(python3 bench/canon_mps.py "$tmp/m.mps" | md5sum | cut -c1-12)"
    one "Instance$i" nrp "$f"
done
