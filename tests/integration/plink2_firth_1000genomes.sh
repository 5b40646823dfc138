#!/usr/bin/env bash
# ridgeway's exact Firth regression against plink2 --glm firth hide-covar on 1000 Genomes Europeans (Debian's
# bolt-lmm-example): a case/control trait made from PHENO (cases above 0.78, about a fifth), with QCOV1, QCOV2 and
# CAT_COV as in plink2_1000genomes.sh, every variant through Firth (--pThresh 1) with Wald p-values as plink2 gives.
set -euo pipefail
ridgeway=$1 scratch=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch"
source "$here/eur_subset.bash"

plink2 --bfile EUR_subset --pheno case.pheno --pheno-name CASE --covar covars.numeric --covar-name QCOV1,QCOV2,CAT_COV \
  --glm firth hide-covar --threads 2 --out plink >/dev/null
"$ridgeway" assoc --bt --firth --firth-wald --pThresh 1 --bfile EUR_subset --pheno case.pheno \
  --covar EUR_subset.pheno2.covars --covar-name QCOV1-QCOV2,CAT_COV --threads 2 --out ridgeway >/dev/null
/usr/bin/python3 "$here/compare_firth_with_plink2.py" ridgeway.CASE.logistic.tsv.gz plink.CASE.glm.firth "$here"
