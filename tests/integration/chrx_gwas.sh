#!/usr/bin/env bash
# The whole gwas with chromosome X (ridgeway simulate --chrx: PAR1, non-PAR with males hemizygous, PAR2; sex in the
# .fam and as the covariate SEX):
# - a heritable trait with causal variants on X: step 1 fits X in its own blocks and writes X's own LOCO row (the
#   23rd), and step 2 finds the X causal variants of large effect;
# - null traits at 10,000 samples, quantitative (4) and case/control (4, --firth --approx): lambda_GC of the X
#   variants with MAF > 1% over the four traits within [0.97, 1.03] (its sampling error is about 0.01 over the 4 x
#   11,000 tests, somewhat more with the simulated LD), the autosomes' within [0.95, 1.05].
set -euo pipefail
ridgeway=$1 scratch=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch"

"$ridgeway" simulate --n 3000 --m 6000 --chrx --m-chrx 2000 --h2 0.5 --causal 30 --quantitative 1 --binary 0 \
  --seed 5 --threads 2 --out signal >/dev/null
"$ridgeway" gwas --bfile signal --pheno signal.pheno --covar signal.covar --threads 2 --no-report --out signal >/dev/null
grep -q "^Sex from PLINK 1 binary signal.bed" signal.log
/usr/bin/python3 - <<'PY'
import gzip
p = {}
with gzip.open("signal.Q1.linear.tsv.gz", "rt") as f:
    header = f.readline().lstrip("#").rstrip("\n").split("\t")
    for line in f:
        row = dict(zip(header, line.rstrip("\n").split("\t")))
        p[row["ID"]] = float(row["P"])
causal = [line.split() for line in open("signal.truth")][1:]
x = sorted((abs(float(c[5])), p[c[1]], c[1]) for c in causal if c[2] == "X")
strong = [v for v in x if v[0] >= 0.1]
found = [v for v in strong if v[1] < 5e-8]
print(f"{len(x)} causal variants on X; {len(found)} of the {len(strong)} with |beta| >= 0.1 have p < 5e-8")
assert strong and len(found) == len(strong), f"X signal not found: {strong}"
loco = [line.split() for line in open("signal_1.loco")]
assert loco[-1][0] == "23" and loco[-1][1:] != loco[-2][1:], "no LOCO prediction of its own for X"
PY

"$ridgeway" simulate --n 10000 --m 8000 --chrx --m-chrx 12000 --h2 0 --quantitative 4 --binary 4 --prevalence 0.2 \
  --seed 21 --threads 2 --out null >/dev/null
"$ridgeway" gwas --bfile null --pheno null.pheno --pheno-name Q1-Q4 --covar null.covar --threads 2 --no-report \
  --out q >/dev/null
"$ridgeway" gwas --bt --bfile null --pheno null.pheno --pheno-name B1-B4 --covar null.covar --firth --approx \
  --threads 2 --no-report --out b >/dev/null
/usr/bin/python3 - <<'PY'
import glob
import gzip

import numpy as np
from scipy import stats

for label, pattern in (("quantitative", "q.Q*.linear.tsv.gz"), ("case/control, --firth --approx", "b.B*.logistic.tsv.gz")):
    chi2 = {"X": [], "autosomes": []}
    for path in sorted(glob.glob(pattern)):
        with gzip.open(path, "rt") as f:
            header = f.readline().lstrip("#").rstrip("\n").split("\t")
            for line in f:
                row = dict(zip(header, line.rstrip("\n").split("\t")))
                frequency = float(row["A1FREQ"])
                if row["P"] == "NA" or min(frequency, 1 - frequency) <= 0.01:
                    continue
                chi2["X" if row["CHROM"] == "X" else "autosomes"].append(stats.chi2.isf(float(row["P"]), 1))
    lam = {k: np.median(v) / stats.chi2.ppf(0.5, 1) for k, v in chi2.items()}
    print(f"{label}: lambda_GC on X {lam['X']:.4f} over {len(chi2['X'])} tests, autosomes {lam['autosomes']:.4f} "
          f"over {len(chi2['autosomes'])}")
    assert 0.97 <= lam["X"] <= 1.03, f"{label}: lambda_GC on X {lam['X']:.4f} outside [0.97, 1.03]"
    assert 0.95 <= lam["autosomes"] <= 1.05, f"{label}: autosomes' lambda_GC {lam['autosomes']:.4f}"
PY
