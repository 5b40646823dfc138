#!/usr/bin/env bash
# Rank-based inverse normal transforms against scipy (rank_normal_oracle.py: scipy.stats.rankdata, ties at their mean
# rank, and norm.ppf((rank - 3/8) / (n + 1/4))) on 1000 Genomes Europeans (Debian's bolt-lmm-example):
# - the transform itself (the rank_normal driver, built beside fit_logistic) on values with ties and missing ones;
# - assoc and gwas (step 1 and step 2) with --apply-rint equal the same commands on the traits transformed by scipy,
#   for PHENO and a copy rounded to 0.1 (ties) with more missing values (chromosome 22; gwas on 21 and 22);
# - assoc --apply-rerint equals assoc on the covariate residuals transformed by scipy (t test), and so does
#   --apply-rerint-cov with --test-stat normal; --apply-rerint's normal statistic differs only by the SE factor
#   sqrt(z'z / residual sum of squares of z), z the transformed residual; with step-1 predictions (--pred) the
#   residual ranked is regenie's: the trait's scaled covariate residual minus its LOCO prediction; a split run of it
#   gives the single run's bytes.
# Results are compared to 1e-5 relative: one unit of their 6th printed digit (the transforms agree to 1e-13).
set -euo pipefail
ridgeway=$1 scratch=$2 driver=$3
rank_normal=$(dirname "$driver")/rank_normal
here=$(cd "$(dirname "$0")" && pwd)
oracle=(/usr/bin/python3 "$here/rank_normal_oracle.py")
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch"
source "$here/eur_subset.bash"

"${oracle[@]}" values values.txt
"$rank_normal" < values.txt > transformed.txt
echo -n "rank_normal against scipy: "
"${oracle[@]}" check-values values.txt transformed.txt

"${oracle[@]}" traits traits.pheno
"${oracle[@]}" rint traits.pheno rint.pheno
inputs=(--bfile EUR_subset --covar EUR_subset.pheno2.covars --covar-name QCOV1-QCOV2,CAT_COV --threads 2)
common=("${inputs[@]}" --no-report --chr 22)  # gwas and step 1 add chromosome 21
"$ridgeway" assoc "${common[@]}" --pheno traits.pheno --apply-rint --out mine >/dev/null
grep -q -- "--apply-rint: 2 traits replaced by the rank-based inverse normal transform" mine.log
"$ridgeway" assoc "${common[@]}" --pheno rint.pheno --out scipy >/dev/null
for trait in PHENO TIED; do
  echo -n "assoc --apply-rint, $trait: "
  "${oracle[@]}" compare mine.$trait.linear.tsv.gz scipy.$trait.linear.tsv.gz
done
"$ridgeway" gwas "${inputs[@]}" --no-report --chr 21-22 --pheno traits.pheno --apply-rint --out gmine >/dev/null
"$ridgeway" gwas "${inputs[@]}" --no-report --chr 21-22 --pheno rint.pheno --out gscipy >/dev/null
echo -n "gwas --apply-rint, TIED: "
"${oracle[@]}" compare gmine.TIED.linear.tsv.gz gscipy.TIED.linear.tsv.gz

"${oracle[@]}" rerint traits.pheno rerint.pheno > ratios.txt
"$ridgeway" assoc "${common[@]}" --pheno rerint.pheno --out rscipy >/dev/null
"$ridgeway" assoc "${common[@]}" --pheno rerint.pheno --test-stat normal --out nscipy >/dev/null
"$ridgeway" assoc "${common[@]}" --pheno traits.pheno --apply-rerint --out rmine >/dev/null
grep -q -- "--apply-rerint: each trait replaced by the rank-based inverse normal transform of its residual" rmine.log
"$ridgeway" assoc "${common[@]}" --pheno traits.pheno --apply-rerint-cov --test-stat normal --out cmine >/dev/null
"$ridgeway" assoc "${common[@]}" --pheno traits.pheno --apply-rerint --test-stat normal --out nmine >/dev/null
for trait in PHENO TIED; do
  echo -n "assoc --apply-rerint, $trait: "
  "${oracle[@]}" compare rmine.$trait.linear.tsv.gz rscipy.$trait.linear.tsv.gz
  echo -n "assoc --apply-rerint-cov --test-stat normal, $trait: "
  "${oracle[@]}" compare cmine.$trait.linear.tsv.gz nscipy.$trait.linear.tsv.gz
  echo -n "assoc --apply-rerint --test-stat normal, $trait (SE x $(awk -v t=$trait '$1 == t { print $2 }' ratios.txt)): "
  "${oracle[@]}" compare nmine.$trait.linear.tsv.gz nscipy.$trait.linear.tsv.gz \
    "$(awk -v t=$trait '$1 == t { print $2 }' ratios.txt)"
done

"$ridgeway" step1 "${inputs[@]}" --chr 21-22 --pheno traits.pheno --out s1 >/dev/null
"$ridgeway" assoc "${common[@]}" --pheno traits.pheno --pred s1_pred.list --apply-rerint --out pmine >/dev/null
"${oracle[@]}" rerint traits.pheno loco22.pheno s1 22 >/dev/null
"$ridgeway" assoc "${common[@]}" --pheno loco22.pheno --out pscipy >/dev/null
for trait in PHENO TIED; do
  echo -n "assoc --pred --apply-rerint, $trait: "
  "${oracle[@]}" compare pmine.$trait.linear.tsv.gz pscipy.$trait.linear.tsv.gz
done

# A split run of --apply-rerint with predictions gives the single run's bytes.
split_run=("$ridgeway" assoc "${inputs[@]}" --no-report --chr 21-22 --pheno traits.pheno --pred s1_pred.list
           --apply-rerint)
"${split_run[@]}" --out single >/dev/null
"${split_run[@]}" --split 2 --out split >/dev/null
for part in 2 1; do "${split_run[@]}" --run-part $part --out split >/dev/null; done
"${split_run[@]}" --merge --out split >/dev/null
cmp <(zcat split.TIED.linear.tsv.gz) <(zcat single.TIED.linear.tsv.gz)
echo "--apply-rerint with --pred, --split 2 / --run-part / --merge: the single run's bytes"
