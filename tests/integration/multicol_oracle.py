#!/usr/bin/python3
"""Recomputes ridgeway's interaction or genotypic rows (TSV layout) with statsmodels' OLS, variant by variant, and
compares them.

Usage: multicol_oracle.py RESULT.tsv.gz BFILE PHENO TRAIT[:TRAITS] COVAR COVARIATES CATEGORICAL MODEL ERRORS REFERENCE
  [RESULT.tsv.gz ...]   (any number of groups of these ten, compared in one process)
  TRAITS: the comma-separated traits of the run (default TRAIT alone), whose samples' calls give the mean call;
  COVARIATES, CATEGORICAL: comma-separated columns of COVAR (CATEGORICAL: one indicator per level but the first in
  sorted order, as ridgeway expands them; '-' for none); MODEL: genotypic, or the interacting covariate's name;
  ERRORS: HC3 or nonrobust; REFERENCE: t (t and F with the residual degrees of freedom) or normal (normal, chi-square).

The model is ridgeway's: the trait's samples with a value and complete covariates, missing calls given the mean of
the called ones among the samples with a value of any trait of the run (as regenie), y ~ 1 + covariates + G (+ G x E_j,
or DOMDEV). Tolerances: ridgeway prints 6
significant digits (5e-6 relative), so BETA must agree to 2e-5 of max(|BETA|, SE), SE and the statistic to 2e-5
relative, log10 P to 2e-5 of max(1, |log10 P|). A variant ridgeway leaves without a result must have a variant
column whose variance inflation (centred sum of squares over the residual one given every other column) exceeds
ridgeway's --vif default of 50, or not vary; or, for HIGH_LEVERAGE, a sample of leverage 1 (to 1e-8). After the comparison passes, it is repeated with each of ridgeway's BETA,
SE, statistic and P moved by 0.01%, and each of those must fail.
"""
import gzip
import math
import sys

import numpy as np
import pandas as pd
import scipy.stats
import statsmodels.api as sm

TOLERANCE = 2e-5


def read_bed(prefix):
    fam = pd.read_csv(prefix + ".fam", sep=r"\s+", header=None, dtype=str)
    bim = pd.read_csv(prefix + ".bim", sep=r"\s+", header=None, dtype=str)
    n, m = len(fam), len(bim)
    raw = np.fromfile(prefix + ".bed", dtype=np.uint8)[3:]
    per_variant = (n + 3) // 4
    codes = np.unpackbits(raw.reshape(m, per_variant)[:, :, None], axis=2, bitorder="little")
    codes = codes.reshape(m, per_variant, 4, 2)
    pairs = (codes[..., 0] + 2 * codes[..., 1]).reshape(m, per_variant * 4)[:, :n]
    # .bed codes 0 = two copies of the .bim's fifth-column allele (A1), 1 missing, 2 heterozygous, 3 none.
    counts = np.choose(pairs, [2.0, np.nan, 1.0, 0.0])
    return fam[1].tolist(), bim[1].tolist(), counts


def read_rows(path):
    with gzip.open(path, "rt") as handle:
        header = handle.readline().lstrip("#").rstrip("\n").split("\t")
        return [dict(zip(header, line.rstrip("\n").split("\t"))) for line in handle]


def design(covar, columns, categorical):
    parts = [covar[c].astype(float).rename(c) for c in columns]
    for c in categorical:
        levels = sorted(covar[c].dropna().unique())
        for level in levels[1:]:
            parts.append((covar[c] == level).astype(float).where(covar[c].notna()).rename(f"{c}={level}"))
    return pd.concat(parts, axis=1)


def imputation_means(g):
    """The mean call and mean DOMDEV of the called genotypes g (the samples imputation averages over)."""
    called = g[~np.isnan(g)]
    return called.mean(), np.minimum(called, 2 - called).mean()


def variant_design(model_name, g, covariates, means, centred=False):
    called = ~np.isnan(g)
    g = np.where(called, g, means[0])
    if model_name == "genotypic":
        d = np.minimum(np.where(called, g, 0.0), 2 - np.where(called, g, 0.0))
        d = np.where(called, d, means[1])
        variant = np.column_stack([g, d])
    else:
        factors = covariates[[c for c in covariates.columns if c == model_name or c.startswith(model_name + "=")]]
        product = g - means[0] if centred else g
        variant = np.column_stack([g] + [product * factors[c].to_numpy() for c in factors.columns])
    return np.column_stack([np.ones(len(g)), covariates.to_numpy()]), variant


def collinear(model_name, g, covariates, means):
    base, variant = variant_design(model_name, g, covariates, means, centred=True)  # as ridgeway forms G x E: the same model
    for j in range(variant.shape[1]):
        column = variant[:, j]
        others = np.column_stack([base, np.delete(variant, j, axis=1)])
        residual = column - others @ np.linalg.lstsq(others, column, rcond=None)[0]
        centred = np.sum((column - column.mean()) ** 2)
        if centred == 0 or centred > 50 * np.sum(residual ** 2):
            return True
    return False


def expected_rows(model_name, g, covariates, means, y, robust, reference):
    base, variant = variant_design(model_name, g, covariates, means)
    x = np.column_stack([base, variant])
    fit = sm.OLS(y, x).fit(cov_type="HC3" if robust else "nonrobust")
    m = variant.shape[1]
    beta = fit.params[-m:]
    covariance = fit.cov_params()[-m:, -m:]
    se = np.sqrt(np.diag(covariance))
    df = fit.df_resid
    rows = []
    for j in range(m):
        z = beta[j] / se[j]
        tail = scipy.stats.t.logsf(abs(z), df) if reference == "t" else scipy.stats.norm.logsf(abs(z))
        rows.append((beta[j], se[j], z, (tail + math.log(2)) / math.log(10)))
    chi_square = float(beta @ np.linalg.solve(covariance, beta))
    if reference == "t":
        rows.append((None, None, chi_square / m, scipy.stats.f.logsf(chi_square / m, m, df) / math.log(10)))
    else:
        rows.append((None, None, chi_square, scipy.stats.chi2.logsf(chi_square, m) / math.log(10)))
    return rows


def compare(ours, expected, perturb=None):
    failures, worst = [], {"BETA": 0.0, "SE": 0.0, "STAT": 0.0, "LOG10P": 0.0}
    scale = {name: (1.0001 if perturb == name else 1.0) for name in worst}
    for key, (beta, se, stat, log10p) in expected.items():
        row = ours[key]
        d = {}
        if beta is not None:
            d["BETA"] = abs(float(row["BETA"]) * scale["BETA"] - beta) / max(abs(beta), se)
            d["SE"] = abs(float(row["SE"]) * scale["SE"] - se) / se
        statistic = float(row.get("T_OR_F_STAT", row.get("Z_OR_CHISQ_STAT"))) * scale["STAT"]
        d["STAT"] = abs(statistic - stat) / max(abs(stat), 1e-12)
        d["LOG10P"] = abs(-float(row["LOG10P"]) * scale["LOG10P"] - log10p) / max(1.0, abs(log10p))
        for column, value in d.items():
            worst[column] = max(worst[column], value)
            if value > TOLERANCE:
                failures.append(f"{key}: {column} differs by {value:.3g}")
    return failures, worst


_beds = {}


def main(result, bfile, pheno_path, trait, covar_path, columns, categorical, model_name, errors, reference):
    if bfile not in _beds:
        _beds[bfile] = read_bed(bfile)
    samples, ids, genotypes = _beds[bfile]
    columns = [] if columns == "-" else columns.split(",")
    categorical = [] if categorical == "-" else categorical.split(",")
    pheno = pd.read_csv(pheno_path, sep=r"\s+", dtype=str, na_values=["NA", "-9"]).set_index("IID")
    covar = pd.read_csv(covar_path, sep=r"\s+", dtype=str, na_values=["NA", "-9"]).set_index("IID")
    covariates = design(covar.reindex(samples), columns, categorical)
    trait, _, run_traits = trait.partition(":")
    run_traits = run_traits.split(",") if run_traits else [trait]
    y = pheno.reindex(samples)[trait].astype(float)
    complete = covariates.notna().all(axis=1)
    keep = (y.notna() & complete).to_numpy()
    imputed = (pheno.reindex(samples)[run_traits].notna().any(axis=1) & complete).to_numpy()
    ours = {}
    for row in read_rows(result):
        ours[(row["ID"], row["TEST"])] = row
    order = [t for t in dict.fromkeys(test for _, test in ours)]
    expected, errors_seen, failures_errors = {}, 0, []
    for v, variant in enumerate(ids):
        means = imputation_means(genotypes[v][imputed])
        if ours[(variant, order[0])]["ERRCODE"] != ".":
            errors_seen += 1
            if ours[(variant, order[0])]["ERRCODE"] == "HIGH_LEVERAGE":
                base, columns = variant_design(model_name, genotypes[v][keep], covariates[keep], means)
                x = np.column_stack([base, columns])
                leverage = np.einsum("ij,ji->i", x, np.linalg.pinv(x))
                if leverage.max() < 1 - 1e-8:
                    failures_errors.append(f"{variant}: HIGH_LEVERAGE but its largest leverage is {leverage.max()}")
            elif not collinear(model_name, genotypes[v][keep], covariates[keep], means):
                failures_errors.append(f"{variant}: {ours[(variant, order[0])]['ERRCODE']} but its columns are not collinear")
            continue
        rows = expected_rows(model_name, genotypes[v][keep], covariates[keep], means, y.to_numpy()[keep],
                             errors == "HC3", reference)
        for test, values in zip(order, rows):
            expected[(variant, test)] = values
    failures, worst = compare(ours, expected)
    failures += failures_errors
    print(f"{len(expected)} rows of {len(ids)} variants recomputed with statsmodels ({errors}, {reference}); "
          f"{errors_seen} variants with an ERRCODE; worst differences: " +
          ", ".join(f"{k} {v:.2e}" for k, v in worst.items()))
    for failure in failures[:20]:
        print("FAIL", failure)
    if failures:
        return 1
    for column in worst:
        if not compare(ours, expected, perturb=column)[0]:
            print(f"FAIL the comparison still passes with ridgeway's {column} moved by 0.01%")
            return 1
    print("each of BETA, SE, the statistic and P moved by 0.01% fails the comparison")
    return 0


if __name__ == "__main__":
    arguments = sys.argv[1:]
    if not arguments or len(arguments) % 10:
        sys.exit(__doc__)
    sys.exit(max(main(*arguments[k:k + 10]) for k in range(0, len(arguments), 10)))
