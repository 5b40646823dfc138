#!/usr/bin/python3
"""Compares ridgeway's rows of a model with several terms (--interaction, --test genotypic; TSV layout, TEST column)
with PLINK 2's --glm rows of the same terms, variant by variant.

Usage: compare_terms_with_plink2.py [--tolerance T] RIDGEWAY.tsv.gz PLINK.glm.{linear,logistic,firth} OURS=THEIRS ...
where each OURS=THEIRS maps one of ridgeway's TEST names to PLINK 2's (ADD-INT_SNP=ADD, ADD-INT_2DF=USER_2DF).

Tolerances: PLINK 2 prints 6 significant digits (a rounding error up to 5e-6 relative), and its logistic fits stop at
their own convergence tolerance, so BETA must agree to 1e-4 of max(|BETA|, SE) (logistic: BETA is log(OR) of PLINK
2's printed OR), SE to 1e-4 relative, the statistic to 1e-4 of max(|statistic|, 1), log10 P to 1e-4 absolute
(--tolerance T replaces 1e-4: PLINK 2's logistic Newton iterations stop earlier than ridgeway's, by up to 2.2e-4
relative in SE on these data, and its Firth iterations by up to 1e-3 in the log odds ratio, see
compare_firth_with_plink2.py); a joint test's statistic is
PLINK 2's T_OR_F_STAT (linear: F) or Z_OR_F_STAT (logistic: chi-square / df, so ridgeway's chi-square is divided by
df). PLINK 2 refers every joint statistic, linear (F) or logistic (chi-square / df), to F(df, N), where ridgeway uses
F(df, N - K - df) with the residual degrees of freedom (as statsmodels) and the chi-square with df degrees of freedom
for logistic models; so for joint rows P is compared with F(df, N)'s tail at ridgeway's statistic, which checks the
statistic to P's precision (ridgeway's own P of linear joint tests is checked against statsmodels in
multicol_oracle.py, and the chi-square tail is PLINK 2's for one degree of freedom). ridgeway checks the variance inflation of G and (G - mean G) x E, the same model, where PLINK 2 checks G x E, which for
a common A1 is nearly 2 E and so collinear with the covariate E: rows PLINK 2 leaves without a result for
VIF_TOO_HIGH or CORR_TOO_HIGH may have one in ridgeway's and are then not compared. Every other row PLINK 2 leaves without a result (NA) must carry an ERRCODE in ridgeway's file, and every row with a
PLINK 2 result must have one in ridgeway's.

The check must be able to fail: after the comparison passes, it is repeated with each of ridgeway's BETA, SE,
statistic and P moved by ten times the tolerance (0.1% at 1e-4), and each of those must fail.
"""
import math
import sys

import scipy.stats

from compare_with_plink2 import log10_of_printed, read_rows

TOLERANCE = 1e-4


def statistic_column(row):
    return next(name for name in ("T_OR_F_STAT", "Z_OR_CHISQ_STAT", "Z_OR_F_STAT") if name in row)


def joint_df(test):
    """Degrees of freedom of a joint test's name (ADD-INT_3DF, GENO_2DF, USER_2DF), else 1."""
    if test.endswith("DF"):
        digits = test[:-2].rsplit("_", 1)[-1]
        if digits.isdigit():
            return int(digits)
    return 1


def runs_off(theirs_rows, mapping):
    """Variants PLINK 2 could not fit to a finite maximum: UNFINISHED, or an odds ratio beyond e^+-10."""
    variants = set()
    for row in theirs_rows:
        if row["TEST"] in mapping and (row["ERRCODE"] == "UNFINISHED" or
                                       ("OR" in row and row["OR"] != "NA" and abs(math.log(float(row["OR"]))) > 10)):
            variants.add(row["ID"])
    return variants


def compare(ours, theirs_rows, mapping, logistic, tolerance, perturb=None):
    failures, compared, without_result = [], 0, 0
    separated = runs_off(theirs_rows, mapping) if logistic else set()
    worst = {"BETA": 0.0, "SE": 0.0, "STAT": 0.0, "LOG10P": 0.0}
    for theirs in theirs_rows:
        if theirs["TEST"] not in mapping:
            continue
        key = (theirs["ID"], mapping[theirs["TEST"]])
        row = ours.get(key)
        if row is None:
            failures.append(f"{key}: in PLINK 2's output but not in ridgeway's")
            continue
        if theirs["ID"] in separated and (row["ERRCODE"] in ("FIT_FAILED", "FIRTH_FAILED") or
                                          theirs["ERRCODE"] == "UNFINISHED"):
            continue
        if theirs["P"] == "NA" and theirs["ERRCODE"] in ("VIF_TOO_HIGH", "CORR_TOO_HIGH") and row["ERRCODE"] == ".":
            continue  # collinear as PLINK 2 forms G x E, not as ridgeway does (see above)
        if theirs["P"] == "NA":
            without_result += 1
            if row["ERRCODE"] == ".":
                failures.append(f"{key}: PLINK 2 has no result ({theirs['ERRCODE']}) but ridgeway has no ERRCODE")
            continue
        if row["ERRCODE"] != ".":
            failures.append(f"{key}: ridgeway reports {row['ERRCODE']} where PLINK 2 has a result")
            continue
        compared += 1
        scale = {name: (1.0 + 10 * tolerance if perturb == name else 1.0) for name in worst}
        df = joint_df(row["TEST"])
        differences = {}
        if df == 1:
            beta = math.log(float(theirs["OR"])) if logistic else float(theirs["BETA"])
            se = float(theirs["LOG(OR)_SE"] if logistic else theirs["SE"])
            differences["BETA"] = abs(float(row["BETA"]) * scale["BETA"] - beta) / max(abs(beta), se, 1e-300)
            differences["SE"] = abs(float(row["SE"]) * scale["SE"] - se) / se
        ours_stat = float(row[statistic_column(row)]) * scale["STAT"] / (df if logistic else 1)
        theirs_stat = float(theirs[statistic_column(theirs)])
        differences["STAT"] = abs(ours_stat - theirs_stat) / max(abs(theirs_stat), 1.0)
        ours_log10p = log10_of_printed(row["P"]) * scale["LOG10P"]
        if df > 1:
            n = int(theirs["OBS_CT"])
            ours_log10p = scipy.stats.f.logsf(ours_stat, df, n) / math.log(10) * scale["LOG10P"]
        differences["LOG10P"] = abs(ours_log10p - log10_of_printed(theirs["P"]))
        if perturb == "LOG10P" and differences["LOG10P"] < 1e-12:
            differences["LOG10P"] = 0.0  # p = 1: nothing to move
        for column, d in differences.items():
            worst[column] = max(worst[column], d)
            if d > tolerance:
                failures.append(f"{key}: {column} differs by {d:.3g}")
        if perturb and failures:
            break  # a moved comparison needs only to fail
    if compared == 0:
        failures.append("no row compared")
    return failures, compared, without_result, worst, len(separated)


def main(*arguments):
    tolerance = TOLERANCE
    if arguments[0] == "--tolerance":
        tolerance, arguments = float(arguments[1]), arguments[2:]
    ridgeway_path, plink_path, *pairs = arguments
    mapping = {}
    for pair in pairs:
        ours_name, theirs_name = pair.rsplit("=", 1)
        mapping[theirs_name] = ours_name
    ours = {(row["ID"], row["TEST"]): row for row in read_rows(ridgeway_path)}
    theirs_rows = list(read_rows(plink_path))
    logistic = "OR" in theirs_rows[0]
    failures, compared, without_result, worst, separated = compare(ours, theirs_rows, mapping, logistic, tolerance)
    print(f"{compared} rows compared ({', '.join(sorted(set(mapping.values())))}), {without_result} without a "
          f"PLINK 2 result, {separated} variants without a finite fit; worst differences: " +
          ", ".join(f"{k} {v:.2e}" for k, v in worst.items()))
    for failure in failures[:20]:
        print("FAIL", failure)
    if failures:
        return 1
    for column in worst:
        if not compare(ours, theirs_rows, mapping, logistic, tolerance, perturb=column)[0]:
            print(f"FAIL the comparison still passes with ridgeway's {column} moved by {10 * tolerance:.1%}")
            return 1
    print(f"each of BETA, SE, the statistic and P moved by {10 * tolerance:.1%} fails the comparison")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
