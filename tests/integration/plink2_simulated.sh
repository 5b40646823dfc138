#!/usr/bin/env bash
# ridgeway assoc against plink2 --glm hide-covar on a simulated cohort with missing genotype calls (each variant's
# test leaves out its own missing samples), two traits with different missing samples, and covariates with NA.
# The simulator makes A1 the major allele about half the time; `omit-ref` makes PLINK 2 test A1 (its ALT) as
# ridgeway does, instead of its default minor allele.
set -euo pipefail
ridgeway=$1 scratch=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch"
"$ridgeway" simulate --n 1500 --m 4000 --missing-rate 0.02 --seed 11 --out cohort >/dev/null
plink2 --bfile cohort --pheno cohort.pheno --pheno-name Q1,Q2 --covar cohort.covar --covar-name AGE,SEX,PC1,PC2 \
  --glm hide-covar omit-ref --threads 2 --out plink >/dev/null
"$ridgeway" assoc --bfile cohort --pheno cohort.pheno --pheno-name Q1-Q2 --covar cohort.covar \
  --covar-name AGE,SEX,PC1-PC2 --threads 2 --out ridgeway >/dev/null
for trait in Q1 Q2; do
  /usr/bin/python3 "$here/compare_with_plink2.py" ridgeway.$trait.linear.tsv.gz plink.$trait.glm.linear
done
