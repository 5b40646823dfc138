#!/usr/bin/env bash
# The plots and HTML report: gwas writes them for its own results, and `ridgeway plot` for PLINK 2's and regenie's.
# lambda_GC, the significant loci and the 5e-8 line's pixel row are checked by check_report.py against numpy; the
# report is opened in headless Chromium at two window sizes (render_report.py), where it must fit the width and its
# screenshot must show the plots (the Manhattan colours), not a blank page.
set -euo pipefail
ridgeway=$1 scratch=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch"
"$ridgeway" simulate --n 2000 --m 20000 --h2 0.6 --causal 30 --quantitative 2 --binary 0 --seed 4 --threads 2 \
  --out cohort >/dev/null
"$ridgeway" gwas --bfile cohort --pheno cohort.pheno --covar cohort.covar --bsize 500 --threads 2 --out gwas >/dev/null
/usr/bin/python3 "$here/check_report.py" gwas gwas.log gwas.Q1.linear.tsv.gz Q1 gwas.Q2.linear.tsv.gz Q2
grep -q "<h2>Step 1 cross-validation</h2>" gwas.report.html || { echo "the gwas report lacks step 1's cross-validation"; exit 1; }

plink2 --bfile cohort --pheno cohort.pheno --pheno-name Q1 --covar cohort.covar --covar-name AGE,SEX,PC1,PC2 \
  --glm hide-covar --threads 2 --out peer >/dev/null
"$ridgeway" assoc --bfile cohort --pheno cohort.pheno --pheno-name Q2 --covar cohort.covar --format regenie \
  --no-report --threads 2 --out regenie >/dev/null
[ ! -e regenie.report.html ] || { echo "--no-report wrote a report"; exit 1; }
"$ridgeway" plot peer.Q1.glm.linear regenie_Q2.regenie --out peers >/dev/null
/usr/bin/python3 "$here/check_report.py" peers peers.log peer.Q1.glm.linear Q1 regenie_Q2.regenie Q2

# Headless Chromium, no network: at a laptop's 1280 x 800 and a phone's 390 x 844 the page must render with its
# images, scaled to fit: no horizontal overflow, sharp PNGs, the Manhattan plot whole inside the window.
for size in "1280 800" "390 844"; do
  /usr/bin/python3 "$here/render_report.py" gwas.report.html $size "$PWD/shot-${size% *}.png"
done
