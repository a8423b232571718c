#!/bin/sh
# Publishes the bundled examples for the readers of the suite (read_back.py,
# html_render.py): the two-campus department in March and October (Dutch,
# the default for Belgium), the network in March, and the network once more
# in French and in English, each into a folder of its own; then March of
# the two-campus department re-planned with An Peeters kept off the ward and
# the nights, so that its overview marks what changed.
#
#   publish_examples.sh ONCOROSTER EXAMPLES OUT
set -eu
bin=$1 examples=$2 out=$3
rm -rf "$out"
mkdir -p "$out"
solve() { # FILE MONTH FOLDER
    code=0
    "$bin" solve "$1" --month "$2" --out "$out/$3" --time-limit 5 -q > /dev/null || code=$?
    [ "$code" -le 1 ] || { echo "publish_examples: $1 $2: exit $code" >&2; exit 1; }
}
solve "$examples/vilvoorde-mechelen.yaml" 2027-03 vilvoorde-mechelen
solve "$examples/vilvoorde-mechelen.yaml" 2027-10 vilvoorde-mechelen
solve "$examples/regional-network.yaml" 2027-03 regional-network
for lang in fr en; do
    sed "s/^  holidays: BE\$/  holidays: BE\n  language: $lang/" \
        "$examples/regional-network.yaml" > "$out/network-$lang.yaml"
    grep -q "^  language: $lang\$" "$out/network-$lang.yaml"
    solve "$out/network-$lang.yaml" 2027-03 "network-$lang"
done
cp -r "$examples/leave" "$out/leave"
sed "s/^  must_not:\$/  must_not:\n    - {specialist: apeeters, activity: mech-ward, dates: 2027-03-01..2027-03-31}\n    - {specialist: apeeters, activity: oncall-night, dates: 2027-03-01..2027-03-31}/" \
    "$examples/vilvoorde-mechelen.yaml" > "$out/replan.yaml"
grep -q "apeeters, activity: oncall-night" "$out/replan.yaml"
solve "$out/replan.yaml" 2027-03 vilvoorde-mechelen
grep -q '"changes": \[$' "$out/vilvoorde-mechelen/2027-03/summary.json" ||
    { echo "publish_examples: the re-plan changed nothing" >&2; exit 1; }
