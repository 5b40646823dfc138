#!/usr/bin/env bash
# ridgeway assoc against plink2 --glm hide-covar on 1000 Genomes Europeans (Debian's bolt-lmm-example): PHENO with
# QCOV1, QCOV2 and the categorical CAT_COV. PLINK 2 cannot read a categorical column holding NA, so it gets CAT_COV
# as a 0/1 indicator (the same model); ridgeway reads the original file and expands the category itself.
set -euo pipefail
ridgeway=$1 scratch=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch"
source "$here/eur_subset.bash"

plink2 --bfile EUR_subset --pheno EUR_subset.pheno2.covars --pheno-name PHENO --covar covars.numeric \
  --covar-name QCOV1,QCOV2,CAT_COV --glm hide-covar --threads 2 --out plink >/dev/null
"$ridgeway" assoc --bfile EUR_subset --pheno EUR_subset.pheno2.covars --pheno-name PHENO \
  --covar EUR_subset.pheno2.covars --covar-name QCOV1-QCOV2,CAT_COV --threads 2 --out ridgeway >/dev/null
/usr/bin/python3 "$here/compare_with_plink2.py" ridgeway.PHENO.linear.tsv.gz plink.PHENO.glm.linear

# The whole GWAS on the same data: 366 samples and blocks of 1,000 variants take step 1's dual (N x N) path.
"$ridgeway" gwas --bfile EUR_subset --pheno EUR_subset.pheno2.covars --pheno-name PHENO \
  --covar EUR_subset.pheno2.covars --covar-name QCOV1-QCOV2,CAT_COV --threads 2 --out gwas >/dev/null
grep -q "level 0 solves the N x N dual systems" gwas.log
rows=$(zcat gwas.PHENO.linear.tsv.gz | grep -vc '^#')
[ "$rows" -eq 54051 ] || { echo "gwas wrote $rows rows, expected 54051"; exit 1; }
echo "gwas on 1000 Genomes: $(grep 'level 1 cross-validated' gwas.log)"
