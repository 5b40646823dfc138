#!/usr/bin/python3
"""Checks the case/control rows of an interaction model (y ~ 1 + AGE + PC1 + G + G x PC1, trait B1 coded 1/2) with
independent fits: statsmodels' null logistic model for the score rows (TEST column METHOD SCORE: per term the one-step
estimate I^-1 U with SE sqrt(diag I^-1), I the efficient information; the joint row U'I^-1U), statsmodels' full
fit for the rows refitted below --pThresh (WALD), and for the first 20 variants of a --firth --pThresh 1 run (regenie
layout) Firth's penalized likelihood ratios from logistic_oracle.py (BFGS, a different algorithm from ridgeway's).
Missing calls take the mean of the trait's called samples.

Usage: check_multicol_logistic.py SCORE.tsv.gz FIRTH.regenie BFILE PHENO COVAR

Tolerances: ridgeway prints 6 significant digits (5e-6 relative) and both fits converge far below that: BETA within
2e-5 of max(|BETA|, SE), SE and the statistics within 2e-5 relative (of max(|statistic|, 1)); the BFGS reference of
Firth's fits is converged to a modified score of 1e-5, so the Firth rows get 2e-4. The check must be able to fail:
it is repeated with ridgeway's statistics moved by ten times the tolerance, which must fail.
"""
import gzip
import sys

import numpy as np
import pandas as pd
import statsmodels.api as sm

from logistic_oracle import firth, firth_constrained
from multicol_oracle import read_bed


def model(bfile, pheno_path, covar_path):
    samples, ids, genotypes = read_bed(bfile)
    pheno = pd.read_csv(pheno_path, sep=r"\s+", dtype=str, na_values=["NA", "0", "-9"]).set_index("IID").reindex(samples)
    covar = pd.read_csv(covar_path, sep=r"\s+", dtype=str, na_values=["NA", "-9"]).set_index("IID").reindex(samples)
    z = covar[["AGE", "PC1"]].astype(float)
    y = pheno["B1"].astype(float) - 1
    keep = (y.notna() & z.notna().all(axis=1)).to_numpy()
    z = z.to_numpy()[keep]
    # Standardized covariates: the same model (the variant coefficients and likelihood ratios do not depend on how
    # the covariates are scaled), better conditioned for the BFGS reference; E is PC1 as given.
    x = np.column_stack([np.ones(keep.sum()), (z - z.mean(axis=0)) / z.std(axis=0)])
    return ids, genotypes[:, keep], x, y.to_numpy()[keep], z[:, 1]


def variant_columns(g, factor):
    called = ~np.isnan(g)
    g = np.where(called, g, g[called].mean())
    return np.column_stack([g, g * factor])


def null_fit(x, y):
    """The null model's fitted values, and x'Wx with its weights."""
    null = sm.GLM(y, x, family=sm.families.Binomial()).fit(tol=1e-14, maxiter=200)
    mu = null.fittedvalues
    w = mu * (1 - mu)
    return mu, w, x.T @ (w[:, None] * x)


def score_rows(x, y, v, null):
    mu, w, gram = null
    u = v.T @ (y - mu)
    cross = v.T @ (w[:, None] * x)
    information = v.T @ (w[:, None] * v) - cross @ np.linalg.solve(gram, cross.T)
    inverse = np.linalg.inv(information)
    estimate = inverse @ u
    return estimate, np.sqrt(np.diag(inverse)), float(u @ estimate)


def read_tsv(path):
    with gzip.open(path, "rt") as handle:
        header = handle.readline().lstrip("#").rstrip("\n").split("\t")
        return [dict(zip(header, line.rstrip("\n").split("\t"))) for line in handle]


def differences(beta, se, stat, row_beta, row_se, row_stat, scale):
    d = [abs(row_stat * scale - stat) / max(abs(stat), 1.0)]
    if beta is not None:
        d += [abs(row_beta * scale - beta) / max(abs(beta), se), abs(row_se * scale - se) / se]
    return max(d)


def expectations(score_path, firth_path, bfile, pheno, covar):
    """The independent fits' values beside ridgeway's, per row: (what, expected, ours, tolerance kind)."""
    ids, genotypes, x, y, factor = model(bfile, pheno, covar)
    null = null_fit(x, y)
    pairs = []  # (method, variant, [(beta, se, stat, row_beta, row_se, row_stat)])
    by_variant = {}
    for row in read_tsv(score_path):
        by_variant.setdefault(row["ID"], []).append(row)
    for v, variant in enumerate(ids):
        mine = by_variant[variant]
        if mine[0]["ERRCODE"] != ".":
            continue
        columns = variant_columns(genotypes[v], factor)
        method = mine[0]["METHOD"]
        if method == "SCORE":
            beta, se, chi_square = score_rows(x, y, columns, null)
        else:
            fit = sm.GLM(y, np.column_stack([x, columns]), family=sm.families.Binomial()).fit(tol=1e-14, maxiter=200)
            beta, se = fit.params[-2:], fit.bse[-2:]
            covariance = fit.cov_params()[-2:, -2:]
            chi_square = float(beta @ np.linalg.solve(covariance, beta))
        rows = [(beta[j], se[j], beta[j] / se[j], float(mine[j]["BETA"]), float(mine[j]["SE"]),
                 float(mine[j]["Z_OR_CHISQ_STAT"])) for j in range(2)]
        rows.append((None, None, chi_square, None, None, float(mine[2]["Z_OR_CHISQ_STAT"])))
        pairs.append((method, variant, rows))
    firth_rows = [line.split() for line in open(firth_path)][1:]
    checked = 0
    for v, variant in enumerate(ids):
        mine = [r for r in firth_rows if r[2] == variant]
        if checked == 20 or mine[0][-1] != "FIRTH":
            continue
        checked += 1
        design = np.column_stack([x, variant_columns(genotypes[v], factor)])
        offset = np.zeros(len(y))
        beta, _, full = firth(design, y, offset)
        rows = []
        for j, fixed in enumerate([[3], [4], [3, 4]]):
            chi_square = max(0.0, 2 * (full - firth_constrained(design, y, offset, fixed)))
            # regenie layout: ... TEST BETA SE CHISQ LOG10P EXTRA
            rows.append((beta[3 + j] if j < 2 else None, float(mine[j][-5]) if j < 2 else None, chi_square,
                         float(mine[j][-3])))
        pairs.append(("FIRTH", variant, rows))
    return pairs, len(ids), checked


def check(pairs, scale=1.0):
    worst = {"SCORE": 0.0, "WALD": 0.0, "FIRTH": 0.0}
    failures = []
    for method, variant, rows in pairs:
        if method == "FIRTH":
            for j, (beta, row_beta, chi_square, row_chi_square) in enumerate(rows):
                d = abs(row_chi_square * scale - chi_square) / max(chi_square, 1.0)
                if beta is not None:
                    d = max(d, abs(row_beta * scale - beta) / max(abs(beta), 1.0))
                worst["FIRTH"] = max(worst["FIRTH"], d)
                if d > 2e-4:
                    failures.append(f"{variant} Firth row {j}: differs by {d:.3g}")
            continue
        d = max(differences(*row, scale) for row in rows)
        worst[method] = max(worst[method], d)
        if d > 2e-5:
            failures.append(f"{variant} ({method}): differs by {d:.3g}")
    return failures, worst


def main(*arguments):
    pairs, variants, checked = expectations(*arguments)
    failures, worst = check(pairs)
    print(f"{variants} variants' score or Wald rows and {checked} variants' Firth likelihood-ratio rows recomputed; "
          "worst differences: " + ", ".join(f"{k} {v:.2e}" for k, v in worst.items()))
    for failure in failures[:20]:
        print("FAIL", failure)
    if failures:
        return 1
    if not check(pairs, scale=1.002)[0]:
        print("FAIL the check still passes with ridgeway's numbers moved by 0.2%")
        return 1
    print("the check fails with ridgeway's numbers moved by 0.2%")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
