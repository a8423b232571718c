#!/bin/sh
# cmake --install into a temporary prefix, and what a department head then
# finds: the program, man 1 oncoroster and man 5 oncoroster-department (with
# every key of the department file), the docs --help names, the examples.
#   install_tree.sh BUILD_DIR SOURCE_DIR
set -eu
build=$1 src=$2
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" > /dev/null
fail() { echo "install_tree: $*" >&2; exit 1; }
[ -x "$prefix/bin/oncoroster" ] || fail "no bin/oncoroster"
for page in man1/oncoroster.1 man5/oncoroster-department.5; do
  [ -s "$prefix/share/man/$page" ] || fail "no share/man/$page"
done
podchecker "$build/oncoroster-department.pod" > /dev/null 2>&1 || fail "oncoroster-department.pod: $(podchecker "$build/oncoroster-department.pod" 2>&1 | head -3)"
# Every key of the tables of docs/department-file.md ("| `key` | ...").
keys=$(sed -n 's/^| `\([a-z_]*\)` |.*/\1/p' "$src/docs/department-file.md" | sort -u)
[ -n "$keys" ] || fail "no keys found in docs/department-file.md"
for k in $keys; do
  grep -qF "C<< $k >>" "$build/oncoroster-department.pod" || fail "key '$k' is not in oncoroster-department(5)"
done
# --help names the installed docs (the binary in the build carries the
# install prefix it was configured with, so check the names only).
help=$("$build/oncoroster" --help)
for f in department-file.md cron.md; do
  printf '%s\n' "$help" | grep -q "/$f" || fail "--help does not name $f"
  [ -s "$prefix/share/doc/oncoroster/$f" ] || fail "no share/doc/oncoroster/$f"
done
printf '%s\n' "$help" | grep -q "130" || fail "--help leaves out exit code 130"
[ -s "$prefix/share/doc/oncoroster/examples/vilvoorde-mechelen.yaml" ] || fail "no examples"
"$prefix/bin/oncoroster" check "$prefix/share/doc/oncoroster/examples/vilvoorde-mechelen.yaml" \
  --month 2027-01 -q > /dev/null || fail "the installed example does not check"
echo "install_tree: $(echo "$keys" | wc -l) keys in oncoroster-department(5)"
