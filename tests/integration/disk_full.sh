#!/usr/bin/env bash
# A run that fills its disk: gwas writing into a small tmpfs, nearly full, must fail with the out-of-resources exit
# code (7) and a one-line error, leave no temporary or partial file behind, and leave the earlier run's results in the
# same folder byte-identical (the level-0 checkpoint of the failed run may stay: --resume reads it). Needs root to mount the tmpfs (as CI runs); elsewhere it says so and passes.
set -uo pipefail
ridgeway=$(realpath "$1") scratch=$2
rm -rf "$scratch" && mkdir -p "$scratch/disk" && cd "$scratch" || exit 1
if ! mount -t tmpfs -o size=6m tmpfs disk 2>/dev/null; then
  echo "skipped: cannot mount a tmpfs here (not root?)"
  exit 0
fi
trap 'umount "$scratch/disk"' EXIT
"$ridgeway" simulate --n 1000 --m 4000 --quantitative 2 --binary 0 --seed 3 --out cohort >/dev/null || exit 1
gwas=(gwas --bfile cohort --pheno cohort.pheno --covar cohort.covar --bsize 500 --threads 2 --out disk/run)
"$ridgeway" "${gwas[@]}" >/dev/null || { echo "FAIL: the first run should fit on the disk"; exit 1; }
(cd disk && md5sum run* > ../before.md5)
# Leave less room than a second set of results needs.
free_kb=$(df -k --output=avail disk | tail -1)
fallocate -l $(( (free_kb - 150) * 1024 )) disk/filler 2>/dev/null || dd if=/dev/zero of=disk/filler bs=1k count=$((free_kb - 150)) status=none
stderr=$("$ridgeway" "${gwas[@]}" 2>&1 >/dev/null)
status=$?
rm -f disk/filler
failures=0
[ "$status" -eq 7 ] || { echo "FAIL: exit $status, expected 7 (out of resources): $stderr"; failures=1; }
errors=$(printf '%s\n' "$stderr" | grep -c '^Error:')
[ "$errors" -eq 1 ] || { echo "FAIL: expected one error line, got: $stderr"; failures=1; }
(cd disk && md5sum -c --quiet ../before.md5) || { echo "FAIL: the earlier results changed"; failures=1; }
leftovers=$(cd disk && { ls | grep -v -e '^run' -e 'lost+found'; ls | grep '\.tmp-'; })
[ -z "$leftovers" ] || { echo "FAIL: files left behind: $leftovers"; failures=1; }
[ "$failures" -eq 0 ] && echo "disk full: exit 7 with '$(printf '%s\n' "$stderr" | grep '^Error:')'; earlier results intact"
exit "$failures"
