"""Calibration of case/control tests on null traits: lambda_GC over variants with MAF above 1%, and the count of
p < 1e-3 among variants with MAF 0.1-1% against the binomial 99% interval of its expectation.
Usage: check_calibration.py LABEL EXPECT [--reference RESULT.logistic.tsv.gz... --] RESULT.logistic.tsv.gz...
  EXPECT calibrated: lambda_GC within [0.95, 1.05] and the rare-variant count within the interval.
  EXPECT inflated: lambda_GC within [0.95, 1.05] and the rare-variant count above the interval (the uncorrected
         score test on a rare trait: what the corrections are for, and proof that the check can fail).
  --reference: also the same variants' median chi-square relative to the reference run's (a calibrated mode on
         every variant) within [0.97, 1.03]: a paired check that stays sharp on the subsets the slow exact modes
         run on.
lambda_GC has sampling error about 0.75 / sqrt(tests) (0.005 over the 60,000 x 4 tests of the fast modes, 0.014
over the 2 x 1,500 of the exact ones); the paired ratio's is far smaller, since both runs see the same data.
"""
import gzip
import sys

import numpy as np
from scipy import stats


def read(paths):
    rows = {}
    for path in paths:
        trait = path.split(".")[-4]
        with gzip.open(path, "rt") as handle:
            header = handle.readline().lstrip("#").rstrip("\n").split("\t")
            col = {name: i for i, name in enumerate(header)}
            for line in handle:
                f = line.rstrip("\n").split("\t")
                if f[col["P"]] == "NA":
                    continue
                a = float(f[col["A1FREQ"]])
                rows[(trait, f[col["ID"]])] = (min(a, 1 - a), float(f[col["P"]]))
    return rows


label, expect, paths = sys.argv[1], sys.argv[2], sys.argv[3:]
reference_paths = []
if paths[0] == "--reference":
    split = paths.index("--")
    reference_paths, paths = paths[1:split], paths[split + 1:]
rows = read(paths)
maf = np.array([m for m, _ in rows.values()])
p = np.array([q for _, q in rows.values()])
common = p[maf > 0.01]
lam = np.median(stats.chi2.isf(common, 1)) / stats.chi2.ppf(0.5, 1)
rare = p[(maf >= 0.001) & (maf <= 0.01)]
observed, expected = int((rare < 1e-3).sum()), 1e-3 * len(rare)
low, high = stats.binom.interval(0.99, len(rare), 1e-3)
line = (f"{label}: lambda_GC {lam:.4f} over {len(common)} tests with MAF > 1%; {observed} of {len(rare)} with "
        f"MAF 0.1-1% have p < 1e-3 (expected {expected:.1f}, 99% interval [{low:.0f}, {high:.0f}])")
if reference_paths:
    reference = read(reference_paths)
    keys = [k for k, (m, _) in rows.items() if m > 0.01 and k in reference]
    ratio = np.median(stats.chi2.isf([rows[k][1] for k in keys], 1)) / \
        np.median(stats.chi2.isf([reference[k][1] for k in keys], 1))
    line += f"; median chi-square {ratio:.4f} x the reference's"
print(line)
assert 0.95 <= lam <= 1.05, f"{label}: lambda_GC {lam:.4f} outside [0.95, 1.05]"
if expect == "calibrated":
    assert low <= observed <= high, f"{label}: {observed} rare variants with p < 1e-3, outside [{low:.0f}, {high:.0f}]"
elif expect == "inflated":
    assert observed > high, f"{label}: the uncorrected score test was expected to be inflated for rare variants"
if reference_paths:
    assert 0.97 <= ratio <= 1.03, f"{label}: median chi-square {ratio:.4f} x the reference's, outside [0.97, 1.03]"
