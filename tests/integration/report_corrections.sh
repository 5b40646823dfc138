#!/usr/bin/env bash
# The report's lambda_GC of the variants a case/control correction (Firth or SPA below --pThresh) was applied to,
# and the QQ plot's marks for them (check_corrections.py). Fabricated result files (make_corrected_results.py) in
# ridgeway's three layouts: corrected p-values deflated (too significant) must give a value far above 1, calibrated
# ones a value near 1, while lambda_GC over all variants is the same for both (the miscalibration it hides); a file
# corrected below 0.01 needs --pThresh 0.01 (plot's default 0.05 makes it look inflated). Then real runs, --firth
# --approx in the regenie layout and --spa in the TSV, must mark their corrected rows and report on them.
set -euo pipefail
ridgeway=$1 scratch=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch"
make=(/usr/bin/python3 "$here/make_corrected_results.py")
check=(/usr/bin/python3 "$here/check_corrections.py")

"${make[@]}" fab.INFL.logistic.tsv tsv inflated 0.05 FIRTH 3 100000
"${make[@]}" fab_CAL.regenie regenie calibrated 0.05 FIRTH 3 100000
"${make[@]}" fab.SPAI.ssf.tsv ssf inflated 0.05 SPA 8 50000
"$ridgeway" plot fab.INFL.logistic.tsv fab_CAL.regenie fab.SPAI.ssf.tsv --out fab >/dev/null
"${check[@]}" fab fab.log 0.05 yes fab.INFL.logistic.tsv INFL inflated fab_CAL.regenie CAL calibrated \
  fab.SPAI.ssf.tsv SPAI inflated
overall() { grep -oP "^$1: lambda_GC \K[0-9.]+(?= over \d+ variants;)" fab.log; }
[ "$(overall INFL)" = "$(overall CAL)" ] ||
  { echo "FAIL: lambda_GC over all variants differs: $(overall INFL) and $(overall CAL)"; exit 1; }
echo "lambda_GC over all variants: $(overall INFL) with inflated and with calibrated corrections"

"${make[@]}" fab.T01.logistic.tsv tsv calibrated 0.01 FIRTH 5 100000
"$ridgeway" plot fab.T01.logistic.tsv --pThresh 0.01 --out t01 >/dev/null
"${check[@]}" t01 t01.log 0.01 yes fab.T01.logistic.tsv T01 calibrated
"$ridgeway" plot fab.T01.logistic.tsv --out t01default >/dev/null
"${check[@]}" t01default t01default.log 0.05 no fab.T01.logistic.tsv T01 inflated

"$ridgeway" simulate --n 2000 --m 6000 --min-maf 0.005 --h2 0.3 --causal 20 --quantitative 0 --binary 1 \
  --prevalence 0.1 --seed 9 --threads 2 --out cohort >/dev/null
inputs=(--bt --bfile cohort --pheno cohort.pheno --covar cohort.covar --threads 2)
"$ridgeway" assoc "${inputs[@]}" --firth --approx --pThresh 0.1 --format regenie --out firth >/dev/null
"${check[@]}" firth firth.log 0.1 no firth_B1.regenie B1 any
"$ridgeway" assoc "${inputs[@]}" --spa --out spa >/dev/null
"${check[@]}" spa spa.log 0.05 no spa.B1.logistic.tsv.gz B1 any
"$ridgeway" assoc "${inputs[@]}" --out score >/dev/null
! grep -q "variants corrected by" score.log || { echo "FAIL: a run without a correction reports corrected variants"; exit 1; }
! grep -q "lambda_GC of the corrected" score.report.html || { echo "FAIL: the report shows a correction"; exit 1; }
echo "the score test alone: no corrected variants reported"
