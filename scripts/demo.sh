#!/usr/bin/env bash
# Installs, builds, simulates a cohort of 2,000 samples x 50,000 variants on 10 chromosomes, plus 2,500 on chromosome
# X (males hemizygous outside the PARs), and runs the GWAS (step 1, then step 2):
# the quantitative traits Q1 and Q2, then the case/control trait B1 with Firth regression where p < 0.05; then
# predicts Q1 and Q2 from the genotypes with Gaussian-kernel ridge regression and measures it on held-out samples.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh -DRIDGEWAY_TESTS=OFF
out=demo-output
mkdir -p "$out"
./build/ridgeway simulate --n 2000 --m 50000 --chrx --seed 7 --out "$out/cohort"
./build/ridgeway gwas --bfile "$out/cohort" --pheno "$out/cohort.pheno" --pheno-name Q1,Q2 \
  --covar "$out/cohort.covar" --covar-name AGE,SEX,SITE,PC1,PC2 --out "$out/gwas"
./build/ridgeway gwas --bt --firth --approx --bfile "$out/cohort" --pheno "$out/cohort.pheno" --pheno-name B1 \
  --covar "$out/cohort.covar" --covar-name AGE,SEX,SITE,PC1,PC2 --out "$out/gwas_bt"
./build/ridgeway predict --kernel gaussian --bfile "$out/cohort" --pheno "$out/cohort.pheno" --pheno-name Q1,Q2 \
  --covar "$out/cohort.covar" --covar-name AGE,SEX,PC1,PC2 --out "$out/predict"
echo
echo "Demo results are in $out/: gwas.Q1.linear.tsv.gz and gwas.Q2.linear.tsv.gz (tabix-indexed), step 1's"
echo "gwas_pred.list and gwas_1.loco, gwas_2.loco, and the log gwas.log; for the case/control trait"
echo "gwas_bt.B1.logistic.tsv.gz, gwas_bt_1.loco and gwas_bt.log. Manhattan and QQ plots (PNG, SVG) and the loci"
echo "tables sit beside them; open the reports:"
echo "  $PWD/$out/gwas.report.html"
echo "  $PWD/$out/gwas_bt.report.html"
echo "Genomic prediction of Q1 and Q2 (Gaussian kernel, mixed precision): predict.accuracy.tsv (test-set MSPE and"
echo "Pearson r), predict.predictions.tsv, the model predict.model and the log predict.log."
