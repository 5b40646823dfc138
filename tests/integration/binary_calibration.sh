#!/usr/bin/env bash
# Case/control tests on simulated null traits (h2 = 0; N = 10,000; four traits per prevalence, 10% and 1%): for each
# of the score test, --spa and --firth --approx, lambda_GC over variants with MAF above 1% within [0.95, 1.05], and
# among variants with MAF 0.1-1% the count with p < 1e-3 at most twice its expectation with SPA and with Firth. At 1%
# prevalence the uncorrected score test must show the inflation the corrections remove, and the report's lambda_GC of
# the corrected variants must lie within [0.95, 1.05].
# Then gwas --bt on a small heritable cohort must equal step1 --bt followed by assoc --bt --pred, and its LOCO
# predictions must carry the simulated genetic signal.
set -euo pipefail
ridgeway=$1 scratch=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch"
check=(/usr/bin/python3 "$here/check_calibration.py")

for prevalence in 0.1 0.01; do
  "$ridgeway" simulate --n 10000 --m 60000 --min-maf 0.001 --h2 0 --quantitative 0 --binary 4 \
    --prevalence "$prevalence" --seed 11 --threads 2 --out "null$prevalence" >/dev/null
  inputs=(--bt --bfile "null$prevalence" --pheno "null$prevalence.pheno" --covar "null$prevalence.covar" --threads 2)
  "$ridgeway" assoc "${inputs[@]}" --out "score$prevalence" >/dev/null
  "$ridgeway" assoc "${inputs[@]}" --spa --out "spa$prevalence" >/dev/null
  "$ridgeway" assoc "${inputs[@]}" --firth --approx --out "firth$prevalence" >/dev/null
  "${check[@]}" "SPA, prevalence $prevalence" 1 spa$prevalence.B*.logistic.tsv.gz
  "${check[@]}" "Firth, prevalence $prevalence" 1 firth$prevalence.B*.logistic.tsv.gz
done
"${check[@]}" "score test, prevalence 0.1" 0 score0.1.B*.logistic.tsv.gz
"${check[@]}" "score test, prevalence 0.01" inflated score0.01.B*.logistic.tsv.gz
# The report's lambda_GC of the corrected variants (their median chi-square over qchisq(1 - t/2, 1), the median for
# null p-values selected below --pThresh t) must be near 1 on these null traits, for every trait of every run.
for log in spa0.1.log spa0.01.log firth0.1.log firth0.01.log; do
  values=$(grep -oP 'lambda_GC \K[0-9.]+(?= over the \d+ variants corrected by)' "$log" | tr '\n' ' ')
  echo "$log: lambda_GC of the corrected variants per trait: $values"
  echo "$values" | awk '{ if (NF != 4) exit 1; for (i = 1; i <= NF; i++) if ($i < 0.95 || $i > 1.05) exit 1 }' ||
    { echo "FAIL: $log: lambda_GC of the corrected variants outside [0.95, 1.05] or missing"; exit 1; }
done

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
