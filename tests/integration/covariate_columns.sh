#!/usr/bin/env bash
# Which columns become covariates, and how:
#  1. --covar-name without --covar reads the covariates from --pheno, as PLINK 2 does: the same results as the same
#     columns from a --covar file, a log line saying so, and the covariates left out of the default traits.
#  2. --cat-covar-name fits a numeric column as categorical: a numeric code gives byte-identical results to the same
#     levels written as text, and other results than the code fitted as a number.
#  3. --max-cat-levels raises the limit on levels that stops a run (bad_input.sh checks the error).
set -euo pipefail
ridgeway=$1 scratch=$2
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch"
"$ridgeway" simulate --n 600 --m 2000 --chromosomes 2 --seed 5 --out sim >/dev/null
run() { "$ridgeway" assoc --bfile sim --threads 2 --no-report "$@" >/dev/null; }
same() { cmp <(zcat "$1") <(zcat "$2") || { echo "FAIL: $1 differs from $2"; exit 1; }; }

# 1. Covariates from the trait table.
paste -d' ' sim.pheno <(cut -d' ' -f3- sim.covar) > both.pheno
run --pheno both.pheno --pheno-name Q1,Q2 --covar-name AGE,SEX,SITE --out from_pheno
run --pheno sim.pheno --pheno-name Q1,Q2 --covar sim.covar --covar-name AGE,SEX,SITE --out from_covar
for trait in Q1 Q2; do same from_pheno.$trait.linear.tsv.gz from_covar.$trait.linear.tsv.gz; done
grep -q "No --covar: the covariates AGE,SEX,SITE are read from the --pheno file both.pheno, as PLINK 2 does" \
  from_pheno.log || { echo "FAIL: no log line for covariates read from --pheno"; exit 1; }
run --pheno both.pheno --covar-name AGE,SEX,SITE,PC1,PC2 --force-qt --out default_traits  # B1 (1/2) as well
traits=$(ls default_traits.*.tsv.gz | sed 's/^default_traits\.\([^.]*\)\..*/\1/' | sort | tr '\n' ' ')
[ "$traits" = "B1 Q1 Q2 " ] || { echo "FAIL: the default traits beside covariates from --pheno are $traits"; exit 1; }
echo "ok   covariates from --pheno: results of --covar, and the traits are $traits"

# 2. A numeric code declared categorical, against the same levels as text (sorted alike: 1 east, 2 north, 3 south).
awk 'NR > 1 { $5 = ($5 == "east") ? 1 : ($5 == "north") ? 2 : ($5 == "south") ? 3 : $5 } { print }' sim.covar > coded.covar
run --pheno sim.pheno --pheno-name Q1 --covar coded.covar --covar-name AGE,SEX --cat-covar-name SITE --out declared
run --pheno sim.pheno --pheno-name Q1 --covar sim.covar --covar-name AGE,SEX,SITE --out text
same declared.Q1.linear.tsv.gz text.Q1.linear.tsv.gz
grep -q "Covariate SITE is categorical with 3 levels (1, 2, 3); reference level 1" declared.log
run --pheno sim.pheno --pheno-name Q1 --covar coded.covar --covar-name AGE,SEX,SITE --out linear
! cmp -s <(zcat linear.Q1.linear.tsv.gz) <(zcat declared.Q1.linear.tsv.gz) ||
  { echo "FAIL: the code fitted as a number gives the results of the categorical fit"; exit 1; }
echo "ok   --cat-covar-name: a numeric code fitted as its levels, as the same levels written as text"

# 3. More levels than the default 10, allowed by --max-cat-levels.
awk 'NR > 1 { $5 = $5 (NR % 12) } { print }' sim.covar > many.covar
run --pheno sim.pheno --pheno-name Q1 --covar many.covar --max-cat-levels 40 --out many
grep -q "Covariate SITE is categorical with 36 levels" many.log
echo "ok   --max-cat-levels 40 admits a covariate with 36 levels"
