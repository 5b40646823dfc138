#!/usr/bin/env bash
# Interaction and genotypic tests of quantitative traits recomputed with statsmodels (multicol_oracle.py states the
# tolerances) on a simulated cohort with missing calls and two traits with different missing samples (two sample
# sets): HC3 (the default) and model-based (--no-robust) standard errors, t/F and normal/chi-square references, a
# quantitative (PC1; centred, so that G x E is not collinear with G as G x AGE would be) and a categorical (SITE,
# its levels but the first) interacting covariate, and the genotypic
# model. Then the case/control modes that are not compared with PLINK 2 elsewhere (the score test, Firth's
# likelihood-ratio test) on a simulated case/control trait, and the same bytes from 1 and 2 threads and from a split
# run; GxG (--interaction-snp) against GxE with that variant's genotypes as the covariate.
set -euo pipefail
ridgeway=$1 scratch=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch"
"$ridgeway" simulate --n 500 --m 240 --chromosomes 2 --missing-rate 0.02 --seed 5 --out cohort >/dev/null
# Q2 missing for every seventh sample: the traits have different sample sets.
awk 'NR > 1 && NR % 7 == 0 { $4 = "NA" } { print }' cohort.pheno > traits.pheno
oracle() { /usr/bin/python3 "$here/multicol_oracle.py" "$@"; }
common=(--bfile cohort --pheno traits.pheno --pheno-name Q1,Q2 --covar cohort.covar --no-report --threads 2)

"$ridgeway" assoc "${common[@]}" --covar-name AGE,PC1,PC2 --interaction PC1 --out age >/dev/null
"$ridgeway" assoc "${common[@]}" --covar-name AGE,PC1,PC2 --interaction PC1 --no-robust --test-stat normal \
  --out age_plain >/dev/null
"$ridgeway" assoc "${common[@]}" --covar-name AGE,PC1,SITE --interaction SITE --out site >/dev/null
"$ridgeway" assoc "${common[@]}" --covar-name AGE,PC1 --test genotypic --test-stat normal --out geno >/dev/null
# (one oracle process for every comparison: its imports take longer than the fits)
comparisons=()
for trait in Q1 Q2; do
  comparisons+=(age.$trait.linear.tsv.gz cohort traits.pheno $trait:Q1,Q2 cohort.covar AGE,PC1,PC2 - PC1 HC3 t
                age_plain.$trait.linear.tsv.gz cohort traits.pheno $trait:Q1,Q2 cohort.covar AGE,PC1,PC2 - PC1 nonrobust normal
                site.$trait.linear.tsv.gz cohort traits.pheno $trait:Q1,Q2 cohort.covar AGE,PC1 SITE SITE HC3 t
                geno.$trait.linear.tsv.gz cohort traits.pheno $trait:Q1,Q2 cohort.covar AGE,PC1 - genotypic HC3 normal)
done

# GxG: the interacting variant's genotypes, missing ones given their mean over the analysed samples, as the
# covariate PARTNER: the oracle's GxE with it must match --interaction-snp.
partner=$(awk 'NR == 7 { print $2 }' cohort.bim)
/usr/bin/python3 - "$here" "$partner" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
import numpy as np
import pandas as pd
from multicol_oracle import read_bed
samples, ids, genotypes = read_bed("cohort")
g = genotypes[ids.index(sys.argv[2])]
covar = pd.read_csv("cohort.covar", sep=r"\s+", dtype=str).set_index("IID").reindex(samples)
pheno = pd.read_csv("traits.pheno", sep=r"\s+", dtype=str, na_values=["NA"]).set_index("IID").reindex(samples)
analysed = (pheno[["Q1", "Q2"]].notna().any(axis=1) & covar[["AGE", "PC1"]].notna().all(axis=1)).to_numpy()
mean = np.nanmean(g[analysed])
covar["PARTNER"] = np.where(np.isnan(g), mean, g)
covar.reset_index()[["FID", "IID", "AGE", "PC1", "PARTNER"]].to_csv("partner.covar", sep=" ", index=False)
PY
"$ridgeway" assoc "${common[@]}" --covar-name AGE,PC1 --interaction-snp "$partner" --out gxg >/dev/null
comparisons+=(gxg.Q1.linear.tsv.gz cohort traits.pheno Q1:Q1,Q2 partner.covar AGE,PC1,PARTNER - PARTNER HC3 t)
oracle "${comparisons[@]}"

# Case/control: the score rows (every variant) and Firth's likelihood-ratio rows (--pThresh 1) of a GxE model, the
# same bytes for 1 and 2 threads and from a split run of 2 parts.
# More variants than one block of 256, so that the split has two parts.
"$ridgeway" simulate --n 400 --m 600 --chromosomes 1 --quantitative 0 --binary 1 --prevalence 0.3 --missing-rate 0.02 \
  --seed 6 --out cc >/dev/null
bt=(assoc --bt --bfile cc --pheno cc.pheno --pheno-name B1 --covar cc.covar --covar-name AGE,PC1
    --interaction PC1 --no-report)
"$ridgeway" "${bt[@]}" --threads 1 --out score1 >/dev/null
"$ridgeway" "${bt[@]}" --threads 2 --out score2 >/dev/null
cmp <(zcat score1.B1.logistic.tsv.gz) <(zcat score2.B1.logistic.tsv.gz)
"$ridgeway" "${bt[@]}" --firth --pThresh 1 --threads 2 --format regenie --out firth >/dev/null
for part in split "run-part 1" "run-part 2" merge; do
  "$ridgeway" "${bt[@]}" --firth --pThresh 1 --threads 2 --format regenie --out parts --${part/split/split 2} >/dev/null
done
cmp firth_B1.regenie parts_B1.regenie
/usr/bin/python3 "$here/check_multicol_logistic.py" score1.B1.logistic.tsv.gz firth_B1.regenie cc cc.pheno cc.covar
