#!/usr/bin/env bash
# --interaction-prs (G x PRS, the trait's whole-genome step-1 prediction, as regenie's) on a simulated cohort: its
# rows are the bytes of --interaction PRS with the same values in a covariate column and no --pred (the PRS joins the
# covariates and the tests are not conditioned on step 1 otherwise), for the .prs row of --use-prs and for the
# prediction recovered from the .loco rows (their sum over their number less one), for a quantitative trait (HC3 with
# t references, model-based with normal ones) and a case/control one (score rows with maximum-likelihood refits,
# Firth's likelihood ratios, Firth's Wald tests); and they differ from a run whose PRS is the first LOCO row instead.
set -euo pipefail
ridgeway=$1 scratch=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch"
fail() { echo "FAIL: $*"; exit 1; }
rows() { zcat "$1" | grep -v '^##'; }  # the header line and the result rows, without the metadata

"$ridgeway" simulate --n 500 --m 600 --chromosomes 3 --quantitative 1 --binary 1 --prevalence 0.3 --h2 0.5 \
  --causal 30 --seed 8 --threads 2 --out sim >/dev/null
inputs=(--bfile sim --pheno sim.pheno --threads 2)
"$ridgeway" step1 "${inputs[@]}" --covar sim.covar --covar-name AGE,PC1 --pheno-name Q1 --bsize 200 --print-prs \
  --out qt >/dev/null
"$ridgeway" step1 "${inputs[@]}" --covar sim.covar --covar-name AGE,PC1 --pheno-name B1 --bt --bsize 200 \
  --print-prs --out bt >/dev/null
inputs+=(--no-report)

# with_prs PREDICTION_FILE OUT: sim.covar plus a column PRS, the file's whole-genome prediction (a .prs row, or the
# .loco rows summed over their number less one; 17 significant digits, which read back as the same doubles).
with_prs() {
  awk -v out="$2" 'FNR == 1 && NR == 1 { for (i = 2; i <= NF; ++i) id[i] = $i; next }
       NR == FNR { rows++; for (i = 2; i <= NF; ++i) sum[id[i]] += $i; next }
       FNR == 1 { print $0, "PRS"; next }
       { print $0, sprintf("%.17g", sum[$1 "_" $2] / (rows > 1 ? rows - 1 : 1)) }' "$1" sim.covar > "$2"
}
compare() {  # OURS THEIRS WHAT
  cmp <(rows "$1") <(rows "$2") >/dev/null || fail "$3: $1 differs from $2"
  [ "$(rows "$1" | wc -l)" -gt 1000 ] || fail "$3: $1 has too few rows"
  echo "ok   $3"
}

with_prs qt_1.prs qt_prs.covar
with_prs qt_1.loco qt_loco.covar
with_prs bt_1.prs bt_prs.covar
qt=("${inputs[@]}" --pheno-name Q1)
bt=("${inputs[@]}" --pheno-name B1 --bt)
for mode in hc3 plain; do
  extra=()
  [ $mode = plain ] && extra=(--no-robust --test-stat normal)
  "$ridgeway" assoc "${qt[@]}" "${extra[@]}" --covar sim.covar --covar-name AGE,PC1 --interaction-prs \
    --pred qt_prs.list --use-prs --out q_$mode >/dev/null
  "$ridgeway" assoc "${qt[@]}" "${extra[@]}" --covar qt_prs.covar --covar-name AGE,PC1,PRS --interaction PRS \
    --out q_${mode}_cov >/dev/null
  compare q_$mode.Q1.linear.tsv.gz q_${mode}_cov.Q1.linear.tsv.gz "quantitative ($mode), .prs row (--use-prs)"
done
"$ridgeway" assoc "${qt[@]}" --covar sim.covar --covar-name AGE,PC1 --interaction-prs --pred qt_pred.list \
  --out q_loco >/dev/null
"$ridgeway" assoc "${qt[@]}" --covar qt_loco.covar --covar-name AGE,PC1,PRS --interaction PRS --out q_loco_cov >/dev/null
compare q_loco.Q1.linear.tsv.gz q_loco_cov.Q1.linear.tsv.gz "quantitative, from the .loco rows"
grep -q "Interaction with PRS, the whole-genome step-1 prediction of Q1 (the sum of its 23" q_loco.log ||
  fail "q_loco.log does not say how the PRS was formed"

for mode in score firth firth_wald; do
  extra=()
  [ $mode = firth ] && extra=(--firth)
  [ $mode = firth_wald ] && extra=(--firth --firth-wald --pThresh 0.2)
  "$ridgeway" assoc "${bt[@]}" "${extra[@]}" --covar sim.covar --covar-name AGE,PC1 --interaction-prs \
    --pred bt_prs.list --use-prs --out b_$mode >/dev/null
  "$ridgeway" assoc "${bt[@]}" "${extra[@]}" --covar bt_prs.covar --covar-name AGE,PC1,PRS --interaction PRS \
    --out b_${mode}_cov >/dev/null
  compare b_$mode.B1.logistic.tsv.gz b_${mode}_cov.B1.logistic.tsv.gz "case/control ($mode), .prs row"
done
[ "$(zcat b_score.B1.logistic.tsv.gz | grep -c $'\tWALD\t')" -gt 0 ] || fail "no case/control row was refitted"

# The comparison can fail: a PRS from the chromosome-1 LOCO row alone gives other rows.
awk 'FNR == 1 && NR == 1 { for (i = 2; i <= NF; ++i) id[i] = $i; next }
     NR == FNR { if (FNR == 2) for (i = 2; i <= NF; ++i) v[id[i]] = $i; next }
     FNR == 1 { print $0, "PRS"; next } { k = $1 "_" $2; print $0, (k in v) ? v[k] : 0 }' qt_1.loco sim.covar > qt_wrong.covar
"$ridgeway" assoc "${qt[@]}" --covar qt_wrong.covar --covar-name AGE,PC1,PRS --interaction PRS --out q_wrong >/dev/null
if cmp <(rows q_loco.Q1.linear.tsv.gz) <(rows q_wrong.Q1.linear.tsv.gz) >/dev/null; then
  fail "the rows do not depend on which prediction is the PRS"
fi
echo "ok   a different PRS gives different rows"
