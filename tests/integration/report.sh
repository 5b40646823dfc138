#!/usr/bin/env bash
# The plots and HTML report: gwas writes them for its own results, and `ridgeway plot` for PLINK 2's and regenie's.
# lambda_GC, the significant loci and the 5e-8 line's pixel row are checked by check_report.py against numpy; the
# report is opened in headless Chromium, whose screenshot must show the plots (the Manhattan colours), not a blank
# page.
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

# Headless Chromium, no network: the page must render with its images.
timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --hide-scrollbars \
  --window-size=1700,1400 --screenshot="$PWD/shot.png" "file://$PWD/gwas.report.html" >/dev/null 2>&1
/usr/bin/python3 - shot.png <<'PY'
import sys
import numpy as np
from PIL import Image
pixels = np.asarray(Image.open(sys.argv[1]).convert("RGB")).astype(int)
dark_blue = np.sum((abs(pixels[..., 0] - 28) < 30) & (abs(pixels[..., 1] - 79) < 30) & (abs(pixels[..., 2] - 138) < 30))
non_white = np.sum(pixels.sum(axis=2) < 700)
print(f"Chromium screenshot: {non_white} non-white pixels, {dark_blue} in the Manhattan plot's dark blue")
assert non_white > 20000 and dark_blue > 2000, "the rendered report looks blank or lacks its plots"
PY
