#!/usr/bin/python3
"""Step 1 on a simulated cohort with known truth (tolerances and why):

- the LOCO predictions (mean over chromosomes) correlate with the true genetic values at r >= 0.3 for the heritable
  traits (N = 5,000, M = 50,000, 100 causal variants, h2 = 0.5 reaches about 0.37-0.39; 0.3 leaves room for the seed);
- variants more than 100 variants (beyond the simulated LD) from every causal variant stay calibrated with step 1:
  lambda_GC in [0.97, 1.03] (the issue's bound; about 33,000 such variants);
- causal variants have a higher mean chi-square with step 1 than without;
- for the h2 = 0 trait nothing changes in calibration: lambda_GC with and without step 1 within 0.02 of each other,
  and the chi-squares correlate above 0.95. They cannot be identical: level 1 still fits a small cross-validated
  signal on pure noise (R2 about 0.006 here), because the level-0 predictions it trains on for the other folds were
  fitted with the held-out fold's phenotypes; regenie's stacking shares this.
"""
import gzip
import sys

import numpy as np
from scipy import stats


def read_table(path):
    with open(path) as handle:
        header = handle.readline().split()
        return header, [line.split() for line in handle]


def chi_squares(path):
    with gzip.open(path, "rt") as handle:
        header = handle.readline().lstrip("#").rstrip("\n").split("\t")
        column = {name: k for k, name in enumerate(header)}
        out = {}
        for line in handle:
            row = line.rstrip("\n").split("\t")
            if row[column["ERRCODE"]] == ".":
                out[row[column["ID"]]] = float(row[column["T_STAT"]]) ** 2
        return out


def main(prefix, with_step1, without, heritable, null_trait):
    failures = []
    bim = [line.split() for line in open(prefix + ".bim")]
    index = {row[1]: k for k, row in enumerate(bim)}
    gv_header, gv_rows = read_table(prefix + ".gv")
    pred_list = dict(line.split() for line in open(with_step1 + "_pred.list"))
    truth_header, truth_rows = read_table(prefix + ".truth")
    median_null = stats.chi2.ppf(0.5, 1)
    for trait in heritable:
        genetic = {row[1]: float(row[gv_header.index(trait)]) for row in gv_rows}
        with open(pred_list[trait]) as handle:
            ids = handle.readline().split()[1:]
            loco = np.array([[float(x) for x in line.split()[1:]] for line in handle])
        truth = np.array([genetic[i.split("_", 1)[1]] for i in ids])
        r = np.corrcoef(loco.mean(axis=0), truth)[0, 1]
        causal = np.array(sorted(index[row[1]] for row in truth_rows if row[0] == trait))

        def far_from_causal(k):
            j = np.searchsorted(causal, k)
            near = [causal[i] for i in (j - 1, j) if 0 <= i < len(causal)]
            return all(abs(k - c) > 100 or bim[c][0] != bim[k][0] for c in near)

        ours, plain = chi_squares(f"{with_step1}.{trait}.linear.tsv.gz"), chi_squares(f"{without}.{trait}.linear.tsv.gz")
        null = [chi2 for vid, chi2 in ours.items() if far_from_causal(index[vid])]
        lambda_gc = np.median(null) / median_null
        causal_ids = {bim[c][1] for c in causal}
        with_mean = np.mean([ours[v] for v in causal_ids if v in ours])
        without_mean = np.mean([plain[v] for v in causal_ids if v in plain])
        print(f"{trait}: r(LOCO prediction, true genetic value) {r:.3f}; lambda_GC away from causal variants "
              f"{lambda_gc:.4f} ({len(null)} variants); mean causal chi2 {with_mean:.2f} with step 1, {without_mean:.2f} without")
        if r < 0.3:
            failures.append(f"{trait}: prediction correlation {r:.3f} below 0.3")
        if not 0.97 <= lambda_gc <= 1.03:
            failures.append(f"{trait}: lambda_GC {lambda_gc:.4f} outside [0.97, 1.03]")
        if with_mean <= without_mean:
            failures.append(f"{trait}: step 1 did not raise the causal variants' chi-square")
    ours, plain = chi_squares(f"{with_step1}.{null_trait}.linear.tsv.gz"), chi_squares(f"{without}.{null_trait}.linear.tsv.gz")
    shared = sorted(set(ours) & set(plain))
    agreement = np.corrcoef([ours[v] for v in shared], [plain[v] for v in shared])[0, 1]
    lambda_with = np.median([ours[v] for v in shared]) / median_null
    lambda_without = np.median([plain[v] for v in shared]) / median_null
    print(f"{null_trait} (h2 = 0): lambda_GC {lambda_with:.4f} with step 1, {lambda_without:.4f} without; chi2 correlate "
          f"at {agreement:.4f}")
    if abs(lambda_with - lambda_without) > 0.02 or agreement < 0.95:
        failures.append(f"{null_trait}: step 1 changed the calibration of a trait without heritability")
    for failure in failures:
        print("FAIL", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4].split(","), sys.argv[5]))
