#!/usr/bin/env bash
# Calibration of every case/control mode on null traits at 10% prevalence (binary_calibration.bash; the 1% case is
# binary_calibration_rare.sh): the corrections must be calibrated, and the uncorrected score test, even at 10%, must
# show the excess of small p-values among rare variants that they remove (43 of 21,368 below 1e-3 against 21.4
# expected). Then gwas --bt on a small heritable cohort must equal step1 --bt followed by
# assoc --bt --pred, and its LOCO predictions must carry the simulated genetic signal.
set -euo pipefail
ridgeway=$1 scratch=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch"
source "$here/binary_calibration.bash"
calibrate 0.1 inflated calibrated

"$ridgeway" simulate --n 3000 --m 8000 --h2 0.5 --quantitative 0 --binary 2 --prevalence 0.2 --causal 40 --seed 5 \
  --threads 2 --out small >/dev/null
inputs=(--bt --bfile small --pheno small.pheno --covar small.covar --bsize 500 --threads 2)
"$ridgeway" gwas "${inputs[@]}" --firth --approx --out gwas >/dev/null
"$ridgeway" step1 "${inputs[@]}" --out step1 >/dev/null
"$ridgeway" assoc --bt --bfile small --pheno small.pheno --covar small.covar --threads 2 --firth --approx \
  --pred step1_pred.list --out step2 >/dev/null
for trait in B1 B2; do
  cmp <(zcat gwas.$trait.logistic.tsv.gz) <(zcat step2.$trait.logistic.tsv.gz)
done
grep -q "ridge logistic, cross-validated deviance R2" gwas.log
/usr/bin/python3 "$here/check_loco_signal.py" small step1 B1 B2
echo "gwas --bt equals step1 --bt then assoc --bt --pred; $(grep -c FIRTH <(zcat gwas.B1.logistic.tsv.gz)) Firth rows for B1"
