#!/usr/bin/python3
"""Checks ridgeway's results on a dosage VCF against first principles.

  INFO: each row's INFO must be the MACH R2 of the dosages (in PLINK 2's 1/16384 units) over the samples in its test,
        var(d) / (2p(1-p)), to 2e-5 relative (INFO is printed to 6 digits, from float dosages).
  Firth: on the 20 variants with the smallest p-values, an independent Firth solver (logistic_oracle.py) on the same
         dosages must give ridgeway's log odds ratio and SE to 1e-5.
Usage: check_dosage_results.py DOSAGE.vcf.gz LINEAR.tsv.gz LOGISTIC.tsv.gz CASE.pheno COVARS TEST_FOLDER
(COVARS: FID IID then numeric covariate columns; the linear trait is PHENO, taken from COVARS' third column.)"""
import gzip
import math
import sys

import numpy as np

sys.path.insert(0, sys.argv[6])
import logistic_oracle  # noqa: E402
from vcf_dosages import read_ds  # noqa: E402


def rows(path):
    with gzip.open(path, "rt") as handle:
        header = handle.readline().lstrip("#").rstrip("\n").split("\t")
        return {fields[2]: dict(zip(header, fields)) for fields in (line.rstrip("\n").split("\t") for line in handle)}


def read_dosages(path):
    names, ids, values = read_ds(path)
    return [name.split("_", 1)[1] for name in names], dict(zip(ids, values))


def main(vcf, linear_path, logistic_path, case_path, covar_path):
    samples, dosages = read_dosages(vcf)
    table = {f[1]: f for f in (line.split() for line in open(covar_path)) if f[1] != "IID"}
    case = {f[1]: f[2] for f in (line.split() for line in open(case_path)) if f[1] != "IID"}
    complete = [s for s in samples if s in table and not {"NA", "-9"} & set(table[s][2:])]
    index = {s: k for k, s in enumerate(samples)}

    linear = rows(linear_path)
    worst_info = 0.0
    for variant, row in linear.items():
        d = dosages[variant][[index[s] for s in complete]]
        d = d[~np.isnan(d)]
        p = d.mean() / 2
        expected = d.var() / (2 * p * (1 - p)) if 2 * p * (1 - p) > 1e-9 else 1.0
        worst_info = max(worst_info, abs(float(row["INFO"]) / expected - 1))
    assert worst_info <= 2e-5, f"INFO differs from the MACH R2 of the dosages by {worst_info:.2e} relative"
    print(f"INFO equals the MACH R2 of the dosages within {worst_info:.1e} on {len(linear)} variants")

    logistic = rows(logistic_path)
    tested = sorted((float(r["P"]), v) for v, r in logistic.items() if r["ERRCODE"] == ".")[:20]
    cases = [s for s in samples if case.get(s, "NA") != "NA" and s in table and not {"NA", "-9"} & set(table[s][3:])]
    largest = 0.0
    for _, variant in tested:
        x, y = [], []
        for s in cases:
            d = dosages[variant][index[s]]
            if math.isnan(d):
                continue
            x.append([1.0, *map(float, table[s][3:]), d])
            y.append(float(case[s]) - 1)
        beta, se, _ = logistic_oracle.firth(np.array(x), np.array(y), np.zeros(len(y)))
        mine = logistic[variant]
        difference = max(abs(beta[-1] - float(mine["BETA"])), abs(se[-1] / float(mine["SE"]) - 1))
        largest = max(largest, difference)
        assert difference <= 1e-5, f"{variant}: reference Firth {beta[-1]:.7g} ({se[-1]:.7g}) vs {mine['BETA']} ({mine['SE']})"
    print(f"Firth on dosages: the reference solver matches ridgeway within {largest:.1e} on the {len(tested)} "
          "variants with the smallest p-values")


if __name__ == "__main__":
    main(*sys.argv[1:6])
