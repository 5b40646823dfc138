#!/usr/bin/env bash
# Whole-genome predictions (--print-prs, --use-prs) on a simulated cohort (chromosomes 1-3):
#  1. step1 --print-prs writes regenie's .prs layout, and each .prs file is the whole-genome prediction W its .loco
#     file implies (regenie_layout.py prs-list: the fitted chromosomes' parts W - LOCO_c add up to W, and the rows
#     of chromosomes 4-23, which had no step-1 variants, are W), for quantitative traits, for a case/control trait
#     (log-odds scale) with --gz, and for a step 1 on chromosome 1 alone (whose LOCO row is then 0).
#  2. The .prs files are the same bytes from gwas, from a split step 1 (--print-prs given to the merge only) and
#     with 1 or 2 threads.
#  3. assoc --pred <out>_prs.list --use-prs gives the bytes of assoc --pred on a .loco list whose 23 rows all hold
#     the whole-genome prediction, in every step-2 mode: t and normal tests, and the case/control score test, exact
#     and approximate Firth and SPA (--pThresh 1, so that every variant is corrected; exact Firth on chromosome 1
#     only, for time), and in a split run; and differs from the LOCO results.
set -euo pipefail
ridgeway=$1 scratch=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch"
layout() { /usr/bin/python3 "$here/regenie_layout.py" "$@"; }
fail() { echo "FAIL: $*"; exit 1; }

"$ridgeway" simulate --n 600 --m 3000 --chromosomes 3 --quantitative 2 --binary 1 --prevalence 0.3 --h2 0.6 \
  --causal 40 --seed 21 --threads 2 --out sim >/dev/null
inputs=(--bfile sim --pheno sim.pheno --covar sim.covar --covar-name AGE,SEX,PC1,PC2 --bsize 250)
qt=("${inputs[@]}" --pheno-name Q1,Q2)
bt=("${inputs[@]}" --pheno-name B1 --bt)

# 1. The layout and the identity.
"$ridgeway" step1 "${qt[@]}" --print-prs --threads 2 --out qt >/dev/null
[ "$(cat qt_prs.list)" = "$(printf 'Q1 qt_1.prs\nQ2 qt_2.prs')" ] || fail "qt_prs.list: $(cat qt_prs.list)"
layout prs-list qt_prs.list qt_pred.list 1,2,3
"$ridgeway" step1 "${bt[@]}" --print-prs --gz --threads 2 --out bt >/dev/null
layout prs-list bt_prs.list bt_pred.list 1,2,3
"$ridgeway" step1 "${qt[@]}" --chr 1 --print-prs --threads 2 --out one >/dev/null
layout prs-list one_prs.list one_pred.list 1
awk 'NR == 2 { for (i = 2; i <= NF; ++i) if ($i != 0) exit 1 }' one_1.loco ||
  fail "one_1.loco: the LOCO row of the only fitted chromosome is not 0"
grep -q "Whole-genome predictions (--print-prs" qt.log || fail "qt.log does not name the .prs files"

# 2. Same bytes from gwas, a split step 1 and one thread.
"$ridgeway" gwas "${qt[@]}" --print-prs --no-report --threads 2 --out gwas >/dev/null
# (--print-prs changes no part, so the plan and parts may be run without it)
"$ridgeway" step1 "${qt[@]}" --split 2 --out parts >/dev/null
for part in 2 1; do "$ridgeway" step1 "${qt[@]}" --run-part $part --out parts >/dev/null; done
"$ridgeway" step1 "${qt[@]}" --print-prs --merge --out parts >/dev/null
"$ridgeway" step1 "${qt[@]}" --print-prs --threads 1 --out single >/dev/null
for k in 1 2; do
  for run in gwas parts single; do cmp qt_$k.prs ${run}_$k.prs || fail "${run}_$k.prs differs from qt_$k.prs"; done
done
echo "ok   .prs files: layout, W = LOCO_c + chromosome c's part, same bytes from gwas, a split run and 1 thread"

# 3. --use-prs against .loco files whose every row is the whole-genome prediction.
expand() {  # PRS_LIST PREFIX: a pred list PREFIX_pred.list of .loco files with rows 1-23 all the .prs row
  local trait path
  : > "$2_pred.list"
  while read -r trait path; do
    zcat -f "$path" | awk 'NR == 1 { print; next } { for (c = 1; c <= 23; ++c) { $1 = c; print } }' > "$2_$trait.loco"
    echo "$trait $2_$trait.loco" >> "$2_pred.list"
  done < "$1"
}
expand qt_prs.list qt_flat
expand bt_prs.list bt_flat
check_mode() {  # NAME PRS_LIST FLAT_LIST LOCO_LIST TRAITS ARGS...: --use-prs equals the flat .loco files, not LOCO
  local name=$1 prs=$2 flat=$3 loco=$4 traits=$5 trait
  shift 5
  "$ridgeway" assoc "$@" --pred "$prs" --use-prs --format regenie --no-report --threads 2 --out "prs_$name" >/dev/null
  "$ridgeway" assoc "$@" --pred "$flat" --format regenie --no-report --threads 2 --out "flat_$name" >/dev/null
  "$ridgeway" assoc "$@" --pred "$loco" --format regenie --no-report --threads 2 --out "loco_$name" >/dev/null
  for trait in $traits; do
    cmp "prs_${name}_$trait.regenie" "flat_${name}_$trait.regenie" ||
      fail "$name: --use-prs differs from .loco rows all equal to the whole-genome prediction ($trait)"
    if cmp -s "prs_${name}_$trait.regenie" "loco_${name}_$trait.regenie"; then
      fail "$name: --use-prs gives the LOCO results ($trait)"
    fi
  done
  grep -q "whole-genome (--use-prs)" "prs_$name.log" || fail "prs_$name.log does not say --use-prs"
  echo "ok   $name: --use-prs equals flat .loco files, and differs from LOCO"
}
check_mode t qt_prs.list qt_flat_pred.list qt_pred.list "Q1 Q2" "${qt[@]}"
check_mode normal qt_prs.list qt_flat_pred.list qt_pred.list "Q1 Q2" "${qt[@]}" --test-stat normal
check_mode score bt_prs.list bt_flat_pred.list bt_pred.list B1 "${bt[@]}"
check_mode firth bt_prs.list bt_flat_pred.list bt_pred.list B1 "${bt[@]}" --firth --pThresh 1 --chr 1
check_mode approx bt_prs.list bt_flat_pred.list bt_pred.list B1 "${bt[@]}" --firth --approx --pThresh 1
check_mode spa bt_prs.list bt_flat_pred.list bt_pred.list B1 "${bt[@]}" --spa --pThresh 1

split_args=("${qt[@]}" --pred qt_prs.list --use-prs --format regenie --no-report)
"$ridgeway" assoc "${split_args[@]}" --split 2 --out split >/dev/null
for part in 1 2; do "$ridgeway" assoc "${split_args[@]}" --run-part $part --out split >/dev/null; done
"$ridgeway" assoc "${split_args[@]}" --merge --out split >/dev/null
for trait in Q1 Q2; do cmp prs_t_$trait.regenie split_$trait.regenie || fail "split --use-prs differs ($trait)"; done
echo "ok   a split assoc --use-prs gives the single run's bytes"
