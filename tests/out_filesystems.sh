#!/bin/sh
# --out on a read-only file system and on a full one (real tmpfs mounts in a
# private mount namespace): exit code 3, a message that says why, and the
# previous publication intact.  Skipped (77) where mounts are not allowed.
#
#   tests/out_filesystems.sh ONCOROSTER DEPARTMENT.yaml
set -u
bin=$1 dept=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
unshare -m true 2>/dev/null || unshare -rm true 2>/dev/null || { echo "no mount namespaces here"; exit 77; }
ns="unshare -m"
unshare -m true 2>/dev/null || ns="unshare -rm"
export bin dept dir
$ns sh -eu <<'INNER'
fail() { echo "FAIL: $*"; exit 1; }
mkdir -p "$dir/ro" "$dir/full"
# A read-only file system.
mount -t tmpfs -o ro,size=1m none "$dir/ro"
set +e
"$bin" solve "$dept" --month 2027-03 --time-limit 2 --out "$dir/ro" -q 2>"$dir/ro.err"
code=$?
set -e
[ "$code" = 3 ] || fail "read-only: exit $code, expected 3"
grep -q "read-only" "$dir/ro.err" || fail "read-only: the message does not say so: $(cat "$dir/ro.err")"
# A full one: a first publication fits, then a filler takes the rest.
mount -t tmpfs -o size=256k none "$dir/full"
"$bin" solve "$dept" --month 2027-03 --time-limit 2 --out "$dir/full" -q >/dev/null
before=$(cd "$dir/full/2027-03" && find . -type f | sort | xargs cat | md5sum)
feeds_before=$(cd "$dir/full/feeds" && find . -type f | sort | xargs cat | md5sum)
head -c 1000000 /dev/zero > "$dir/full/filler" 2>/dev/null || true
set +e
SOURCE_DATE_EPOCH=1800000000 "$bin" solve "$dept" --month 2027-03 --time-limit 2 --out "$dir/full" \
  --previous none -q 2>"$dir/full.err"
code=$?
set -e
[ "$code" = 3 ] || fail "full: exit $code, expected 3"
grep -q "disk is full" "$dir/full.err" || fail "full: the message does not say so: $(cat "$dir/full.err")"
after=$(cd "$dir/full/2027-03" && find . -type f | sort | xargs cat | md5sum)
[ "$before" = "$after" ] || fail "full: the previous publication changed"
feeds_after=$(cd "$dir/full/feeds" && find . -type f | sort | xargs cat | md5sum)
[ "$feeds_before" = "$feeds_after" ] || fail "full: the feeds changed"
left=$(ls -A "$dir/full" | grep -v -e '^2027-03$' -e '^feeds$' -e '^filler$' -e '^\.oncoroster\.lock$' || true)
[ -z "$left" ] || fail "full: left behind: $left"
echo "read-only: exit 3, said so; full: exit 3, said so, previous publication intact, nothing left"
INNER
