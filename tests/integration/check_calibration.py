"""Calibration of case/control tests on null traits: lambda_GC over variants with MAF above 1%, and the count of
p < 1e-3 among variants with MAF 0.1-1% against its expectation.
Usage: check_calibration.py LABEL MUST_BE_CALIBRATED(0|1|inflated) RESULT.logistic.tsv.gz...
  1: lambda_GC within [0.95, 1.05] and rare-variant count at most twice its expectation.
  inflated: the rare-variant count must exceed twice its expectation (shows what the corrections fix).
"""
import gzip
import sys

import numpy as np
from scipy import stats


def read(paths):
    maf, p = [], []
    for path in paths:
        with gzip.open(path, "rt") as handle:
            header = handle.readline().lstrip("#").rstrip("\n").split("\t")
            col = {name: i for i, name in enumerate(header)}
            for line in handle:
                f = line.rstrip("\n").split("\t")
                if f[col["P"]] == "NA":
                    continue
                a = float(f[col["A1FREQ"]])
                maf.append(min(a, 1 - a))
                p.append(float(f[col["P"]]))
    return np.array(maf), np.array(p)


label, mode, paths = sys.argv[1], sys.argv[2], sys.argv[3:]
maf, p = read(paths)
common = p[maf > 0.01]
lam = np.median(stats.chi2.isf(common, 1)) / stats.chi2.ppf(0.5, 1)
rare = p[(maf >= 0.001) & (maf <= 0.01)]
observed, expected = int((rare < 1e-3).sum()), 1e-3 * len(rare)
print(f"{label}: lambda_GC {lam:.4f} over {len(common)} variants with MAF > 1%; "
      f"{observed} of {len(rare)} variants with MAF 0.1-1% have p < 1e-3 (expected {expected:.1f})")
if mode == "1":
    assert 0.95 <= lam <= 1.05, f"{label}: lambda_GC {lam:.4f} outside [0.95, 1.05]"
    assert observed <= 2 * expected, f"{label}: {observed} rare variants with p < 1e-3, more than twice {expected:.1f}"
elif mode == "inflated":
    assert observed > 2 * expected, f"{label}: the uncorrected score test was expected to be inflated for rare variants"
