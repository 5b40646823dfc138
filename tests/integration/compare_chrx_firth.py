"""Compares ridgeway's exact Firth results on chromosome X with plink2 --glm firth --xchr-model M, variant by variant.

PLINK 2 a3.5 stops its Firth iterations early (compare_firth_with_plink2.py), so a variant passes when it agrees with
plink2 (|log OR difference| <= 2e-3, SE within 1e-3 relative, |log10 P difference| <= 3e-3) or, where it does not,
when an independent Firth solver (logistic_oracle.py, BFGS) fitted to the model ridgeway documents agrees with
ridgeway to 1e-5: males coded 0/2 (M = 2) or 0/1 (M = 1) outside the hg38 PARs, sex (male 1) added as a covariate
there, everyone diploid in the PARs. The 10 variants differing most are checked against the solver in any case, and
N and the set of variants with results must be equal.
Usage: compare_chrx_firth.py RIDGEWAY.tsv.gz PLINK.glm.firth BED_PREFIX PHENO TRAIT COVARS COVAR,NAMES MODEL TEST_FOLDER
"""
import sys

import numpy as np

ours_path, theirs_path, prefix, pheno_path, trait, covar_path, covar_names, model, here = sys.argv[1:]
sys.path.insert(0, here)
import logistic_oracle  # noqa: E402
import plink2_firth_rows  # noqa: E402

PARS = ((10_001, 2_781_479), (155_701_383, 156_030_895))


def column(path, name):
    lines = [line.split() for line in open(path)]
    index = lines[0].index(name)
    return {f[1]: f[index] for f in lines[1:]}


ours, theirs = plink2_firth_rows.read_pair(ours_path, theirs_path)
fam = [line.split() for line in open(prefix + ".fam")]
position = {f[1]: int(f[3]) for f in (line.split() for line in open(prefix + ".bim"))}
cases = column(pheno_path, trait)
covariates = [column(covar_path, name) for name in covar_names.split(",")]


def reference(variant):
    g = logistic_oracle.read_bed(prefix, [variant])[variant]
    nonpar = not any(first <= position[variant] <= last for first, last in PARS)
    x, y = [], []
    for k, f in enumerate(fam):
        values = [c.get(f[1], "NA") for c in covariates]
        if cases.get(f[1], "NA") in ("NA", "-9") or "NA" in values or "-9" in values or np.isnan(g[k]):
            continue
        male = f[4] == "1"
        if nonpar and f[4] not in ("1", "2"):
            continue
        code = g[k] / 2 if nonpar and male and model == "1" else g[k]
        x.append([1.0, *map(float, values), *([1.0 if male else 0.0] if nonpar else []), code])
        y.append(float(cases[f[1]]) - 1)
    beta, se, _ = logistic_oracle.firth(np.array(x), np.array(y), np.zeros(len(y)))
    return beta[-1], se[-1]


checked, largest, differences = 0, 0.0, []
for d_beta, d_se, d_p, variant in plink2_firth_rows.differences(ours, theirs):
    differences.append((max(d_beta / 2e-3, d_se / 1e-3, d_p / 3e-3), variant))
both = len(differences)
differences.sort(reverse=True)
beyond = [v for d, v in differences if d > 1]
for variant in dict.fromkeys(beyond + [v for _, v in differences[:10]]):
    beta, se = reference(variant)
    mine = ours[variant]
    d = max(abs(beta - float(mine["BETA"])), abs(se / float(mine["SE"]) - 1))
    largest = max(largest, d)
    checked += 1
    assert d <= 1e-5, f"{variant}: reference Firth {beta:.7g} (SE {se:.7g}) vs ridgeway {mine['BETA']} ({mine['SE']})"
print(f"--xchr-model {model}: {both} variants with Firth results in both; {both - len(beyond)} within plink2's "
      f"tolerance; {checked} (those beyond it and the 10 differing most) match the reference solver within "
      f"{largest:.1e}")
