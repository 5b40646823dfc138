"""An independent computation of regenie's quantitative step-2 test (ridgeway's --test-stat normal), written from
the formula, checked against ridgeway's --format regenie output to the printed digits.

The formula, for a trait y on N samples with K covariate columns X (intercept included) and, per chromosome c, the
step-1 LOCO prediction l_c (on the scale of y's covariate residual divided by s = sqrt(|r|^2 / (N - K)), r the
residual of y on X):
    missing calls take the mean call of the samples; g~ = g residualized on X;
    beta = g~'(r - s l_c) / g~'g~;  sigma^2 = |r - s l_c|^2 / (N - K);  SE = sigma / |g~|;
    Z = beta / SE;  CHISQ = Z^2;  LOG10P = -log10 of the 1-df chi-square upper tail (standard normal, two-sided).

Usage: normal_test_oracle.py BFILE PHENO_FILE TRAIT COVAR_FILE COVARIATES RESULTS.regenie [PRED_LIST]
The tables have a header FID IID ...; NA and -9 are missing in the trait, NA in covariates; non-numeric covariates
are categorical.
"""
import math
import sys

import numpy as np
from scipy import stats

from logistic_oracle import read_bed
from regenie_layout import fail, last_digit_units, read_loco, read_pred_list, read_results


def is_number(text):
    try:
        float(text)
        return True
    except ValueError:
        return False


def read_table(path, columns, missing):
    """Rows without a missing value, by FID_IID; a column that is not all numbers becomes indicators of its levels
    but the first (sorted)."""
    lines = [line.split() for line in open(path)]
    index = [lines[0].index(column) for column in columns]
    rows = [row for row in lines[1:] if not any(row[i] in missing for i in index)]
    encode = []
    for i in index:
        levels = sorted({row[i] for row in rows})
        if all(is_number(level) for level in levels):
            encode.append(lambda text: [float(text)])
        else:
            encode.append(lambda text, levels=levels: [float(text == level) for level in levels[1:]])
    return {f"{row[0]}_{row[1]}": [v for i, code in zip(index, encode) for v in code(row[i])] for row in rows}


def main(bfile, pheno_file, trait, covar_file, covariates, results_path, pred_list=None):
    fam = [f"{f[0]}_{f[1]}" for f in (line.split() for line in open(bfile + ".fam"))]
    bim = [line.split() for line in open(bfile + ".bim")]
    trait_values = read_table(pheno_file, [trait], {"NA", "-9"})
    covariate_values = read_table(covar_file, covariates.split(","), {"NA"})
    rows = [i for i, sample in enumerate(fam) if sample in trait_values and sample in covariate_values]
    samples = [fam[i] for i in rows]
    y = np.array([trait_values[s][0] for s in samples])
    x = np.column_stack([np.ones(len(samples)), np.array([covariate_values[s] for s in samples])])
    q, _ = np.linalg.qr(x)
    n, k = x.shape
    residual = y - q @ (q.T @ y)
    scale = math.sqrt(residual @ residual / (n - k))

    loco = None
    if pred_list:
        ids, values = read_loco(read_pred_list(pred_list)[trait])
        column = {sample: j for j, sample in enumerate(ids)}
        loco = values[:, [column[s] for s in samples]]

    results = {row["ID"]: row for row in read_results(results_path)}
    genotypes = read_bed(bfile, [fields[1] for fields in bim])
    worst = {name: (0.0, None) for name in ("BETA", "SE", "CHISQ", "LOG10P")}
    compared = 0
    for fields in bim:
        variant, chromosome = fields[1], int(fields[0])
        row = results.get(variant)
        if row is None or row["BETA"] == "NA":
            continue
        g = genotypes[variant][rows]
        g = np.where(np.isnan(g), np.nanmean(g), g)
        g_residual = g - q @ (q.T @ g)
        adjusted = residual - scale * loco[chromosome - 1] if loco is not None else residual
        gg = g_residual @ g_residual
        beta = g_residual @ adjusted / gg
        se = math.sqrt(adjusted @ adjusted / (n - k) / gg)
        z = beta / se
        expected = {"BETA": beta, "SE": se, "CHISQ": z * z,
                    "LOG10P": -(math.log(2) + stats.norm.logsf(abs(z))) / math.log(10)}
        compared += 1
        for name, value in expected.items():
            # ridgeway prints six significant digits of its own double, which may differ from this one by about
            # 1e-12 relative: half a unit of the last digit, plus a margin for that.
            units = last_digit_units(float(row[name]), value)
            if units > worst[name][0]:
                worst[name] = (units, variant)
    if compared == 0:
        fail(f"{results_path}: no results to compare")
    print(f"{results_path}: {compared} variants against the formula of regenie's quantitative test"
          f"{' with the LOCO predictions of ' + pred_list if pred_list else ''}:")
    for name, (units, variant) in worst.items():
        print(f"  {name}: at most {units:.3f} units of the sixth significant digit from the formula")
        if units > 0.501:
            fail(f"{name} of {variant}: {results[variant][name]}, the formula gives a value {units:.2f} units of the "
                 "last printed digit away")


if __name__ == "__main__":
    main(*sys.argv[1:])
