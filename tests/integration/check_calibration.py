"""Calibration of case/control tests on null traits: lambda_GC over variants with MAF above 1%, and the count of
p < 1e-3 among variants with MAF 0.1-1% against the binomial 99% interval of its expectation.
Usage: check_calibration.py LABEL EXPECT [--reference RESULT.logistic.tsv.gz... --] RESULT.logistic.tsv.gz...
  EXPECT calibrated: lambda_GC within [0.95, 1.05] and the rare-variant count within the interval.
  EXPECT inflated: lambda_GC within [0.95, 1.05] and the rare-variant count above the interval (the uncorrected
         score test on a rare trait: what the corrections are for, and proof that the check can fail).
  --reference: for a run on a subset of variants (the slow exact modes). lambda_GC's sampling error is about
         2.3 / sqrt(tests) (0.005 over the 4 x 54,000 common-variant tests of the fast modes, 0.066 over the
         4 x 300 of a subset), so on a subset lambda_GC need only lie within 3 of those errors of 1. The sharp
         check is paired: the same variants' median chi-square relative to the reference run's (a mode checked
         on many more tests, at the same --pThresh) within [0.97, 1.03], and that ratio times the reference's
         own lambda_GC (this mode's lambda_GC implied over the reference's tests) within [0.95, 1.05].
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


def lambda_gc(rows):
    p = np.array([q for m, q in rows.values() if m > 0.01])
    return np.median(stats.chi2.isf(p, 1)) / stats.chi2.ppf(0.5, 1), len(p)


rows = read(paths)
maf = np.array([m for m, _ in rows.values()])
p = np.array([q for _, q in rows.values()])
lam, tests = lambda_gc(rows)
rare = p[(maf >= 0.001) & (maf <= 0.01)]
observed, expected = int((rare < 1e-3).sum()), 1e-3 * len(rare)
low, high = stats.binom.interval(0.99, len(rare), 1e-3)
line = (f"{label}: lambda_GC {lam:.4f} over {tests} tests with MAF > 1%; {observed} of {len(rare)} with "
        f"MAF 0.1-1% have p < 1e-3 (expected {expected:.1f}, 99% interval [{low:.0f}, {high:.0f}])")
if reference_paths:
    reference = read(reference_paths)
    keys = [k for k, (m, _) in rows.items() if m > 0.01 and k in reference]
    ratio = np.median(stats.chi2.isf([rows[k][1] for k in keys], 1)) / \
        np.median(stats.chi2.isf([reference[k][1] for k in keys], 1))
    implied = ratio * lambda_gc(reference)[0]
    line += f"; median chi-square {ratio:.4f} x the reference's, implied lambda_GC {implied:.4f}"
print(line)
allowed = max(0.05, 3 * 2.3 / np.sqrt(tests)) if reference_paths else 0.05
assert abs(lam - 1) <= allowed, f"{label}: lambda_GC {lam:.4f} outside [{1 - allowed:.3f}, {1 + allowed:.3f}]"
if expect == "calibrated":
    assert low <= observed <= high, f"{label}: {observed} rare variants with p < 1e-3, outside [{low:.0f}, {high:.0f}]"
elif expect == "inflated":
    assert observed > high, f"{label}: the uncorrected score test was expected to be inflated for rare variants"
if reference_paths:
    assert 0.97 <= ratio <= 1.03, f"{label}: median chi-square {ratio:.4f} x the reference's, outside [0.97, 1.03]"
    assert 0.95 <= implied <= 1.05, f"{label}: implied lambda_GC {implied:.4f} outside [0.95, 1.05]"
