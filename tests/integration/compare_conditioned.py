#!/usr/bin/python3
"""Compares a ridgeway result file of a conditional analysis (--condition-list) with the result file of the same run
given the conditioning genotypes as ordinary covariate columns (NA where a call is missing, so the sample is left out
as a sample with a missing covariate is), row by row.

The two fit the same model on the same samples, but by different arithmetic: the conditional run keeps the samples
without a conditioning genotype in its cohort, with their traits missing, so that its covariate basis spans more rows
and the tests downdate them, while the other run never sees them. Results agree to rounding (about 1e-12 relative),
so every number must agree to its printed precision: ridgeway prints six significant digits, so a relative 1e-5
(two units in the last digit) for each statistic, BETA measured against max(|BETA|, SE) as in compare_with_plink2.py
(a beta near zero is known only to a fraction of its standard error), and P through log10 P (absolute 1e-5). Counts,
frequencies and the TEST column must match exactly (run the corrections with --pThresh 1, so that no score-test p
lies within rounding of the threshold). The conditioning variants' rows must carry CONDITIONING_VARIANT in the first file and an error (their
genotype is a covariate: VIF_TOO_HIGH) in the second.
Usage: compare_conditioned.py CONDITIONED.tsv.gz COVARIATES.tsv.gz ID[,ID...]
"""
import sys

from compare_with_plink2 import log10_of_printed, read_rows, verdict


def main(conditioned_path, covariates_path, ids):
    conditioning = set(ids.split(","))
    ours, theirs = list(read_rows(conditioned_path)), list(read_rows(covariates_path))
    assert [r["ID"] for r in ours] == [r["ID"] for r in theirs], "the two files list different variants"
    failures, compared, worst = [], 0, 0.0
    for mine, other in zip(ours, theirs):
        variant = mine["ID"]
        if variant in conditioning:
            if mine["ERRCODE"] != "CONDITIONING_VARIANT" or other["ERRCODE"] == ".":
                failures.append(f"{variant}: ERRCODE {mine['ERRCODE']} vs {other['ERRCODE']} for a conditioning variant")
            continue
        if mine["ERRCODE"] != other["ERRCODE"]:
            failures.append(f"{variant}: ERRCODE {mine['ERRCODE']} vs {other['ERRCODE']}")
            continue
        for column in mine:
            a, b = mine[column], other[column]
            if a == b or a == "NA" or b == "NA":
                if a != b:
                    failures.append(f"{variant}: {column} {a} vs {b}")
                continue
            if column in ("BETA", "SE", "T_STAT", "Z_STAT"):
                scale = max(abs(float(mine["BETA"])), float(mine["SE"])) if column == "BETA" else abs(float(a))
                d = abs(float(a) - float(b)) / max(scale, 1e-300)
            elif column == "P":
                d = abs(log10_of_printed(a) - log10_of_printed(b))
            elif column == "LOG10P":
                d = abs(float(a) - float(b)) / max(1.0, abs(float(a)))
            else:
                failures.append(f"{variant}: {column} {a} vs {b}")
                continue
            worst = max(worst, d)
            if d > 1e-5:
                failures.append(f"{variant}: {column} {a} vs {b}")
        compared += 1
    print(f"{compared} variants compared; {len(conditioning)} conditioning variants marked; worst relative "
          f"difference {worst:.1e}")
    return verdict(failures, compared)


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
