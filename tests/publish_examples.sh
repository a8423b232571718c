#!/bin/sh
# Publishes the bundled examples for the readers of the suite (read_back.py,
# html_render.py): the two-campus department in March and October (Dutch,
# the default for Belgium), the network in March, and the network once more
# in French and in English, each into a folder of its own; then March of
# the two-campus department re-planned with An Peeters kept off the ward and
# the nights, so that its overview marks what changed.  The two-campus
# department's feeds are kept as they were before the re-plan, in
# vilvoorde-mechelen-feeds-before/, for read_back.py to compare; and the
# re-plan is run once more with nothing new, in vilvoorde-mechelen-rerun/.
# The re-plan's messages to the people concerned go to
# vilvoorde-mechelen-notify/.
#
#   publish_examples.sh ONCOROSTER EXAMPLES OUT
set -eu
bin=$1 examples=$2 out=$3
rm -rf "$out"
mkdir -p "$out"
solve() { # FILE MONTH FOLDER [OPTION...]
    code=0 file=$1 month=$2 folder=$3
    shift 3
    # The feeds keep ten years back, so that March 2027 stays in them
    # whenever the suite runs.
    "$bin" solve "$file" --month "$month" --out "$out/$folder" --time-limit 5 -q \
        --feed-months 120 "$@" > /dev/null || code=$?
    [ "$code" -le 1 ] || [ "$code" -eq 6 ] ||
        { echo "publish_examples: $file $month: exit $code" >&2; exit 1; }
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
cp -r "$examples/requests" "$out/requests"
sed "s/^  must_not:\$/  must_not:\n    - {specialist: apeeters, activity: mech-ward, dates: 2027-03-01..2027-03-31}\n    - {specialist: apeeters, activity: oncall-night, dates: 2027-03-01..2027-03-31}/" \
    "$examples/vilvoorde-mechelen.yaml" > "$out/replan.yaml"
grep -q "apeeters, activity: oncall-night" "$out/replan.yaml"
cp -r "$out/vilvoorde-mechelen/feeds" "$out/vilvoorde-mechelen-feeds-before"
solve "$out/replan.yaml" 2027-03 vilvoorde-mechelen --replan-from 2027-03-01 \
    --notify "$out/vilvoorde-mechelen-notify"
grep -q '"changes": \[$' "$out/vilvoorde-mechelen/2027-03/summary.json" ||
    { echo "publish_examples: the re-plan changed nothing" >&2; exit 1; }
# The same re-plan once more, in a copy: nothing new, the history stays.
cp -r "$out/vilvoorde-mechelen" "$out/vilvoorde-mechelen-rerun"
solve "$out/replan.yaml" 2027-03 vilvoorde-mechelen-rerun --replan-from 2027-03-01
