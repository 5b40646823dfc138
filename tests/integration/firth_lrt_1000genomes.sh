#!/usr/bin/env bash
# Firth regression on 1000 Genomes Europeans (Debian's bolt-lmm-example) with a permuted case/control trait: 90
# cases drawn at random (fixed seed) among the 379 samples, so no variant is associated. Every variant goes through
# Firth (--pThresh 1) in the three modes: exact with the penalized likelihood-ratio test (the default), --approx, and
# --firth-wald. check_firth_eur.py checks calibration and compares p-values with independent numpy/scipy fits.
set -euo pipefail
ridgeway=$1 scratch=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch"
source "$here/eur_subset.bash"

/usr/bin/python3 - <<'PY'
import numpy as np
ids = [line.split()[:2] for line in open("EUR_subset.fam")]
cases = set(np.random.default_rng(24).choice(len(ids), 90, replace=False))
with open("perm.pheno", "w") as out:
    out.write("FID IID PERM\n")
    for k, (fid, iid) in enumerate(ids):
        out.write(f"{fid} {iid} {2 if k in cases else 1}\n")
PY
inputs=(--bt --pThresh 1 --bfile EUR_subset --pheno perm.pheno --covar EUR_subset.pheno2.covars
        --covar-name QCOV1-QCOV2,CAT_COV --threads 2 --no-report)
"$ridgeway" assoc "${inputs[@]}" --firth --out exact >/dev/null
"$ridgeway" assoc "${inputs[@]}" --firth --approx --out approx >/dev/null
"$ridgeway" assoc "${inputs[@]}" --firth --firth-wald --out wald >/dev/null
/usr/bin/python3 "$here/check_firth_eur.py" exact.PERM.logistic.tsv.gz approx.PERM.logistic.tsv.gz \
  wald.PERM.logistic.tsv.gz "$here"
