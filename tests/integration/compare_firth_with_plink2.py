"""Compares ridgeway's exact Firth results with plink2 --glm firth, variant by variant.

PLINK 2 a3.5 stops its Firth iterations earlier than ridgeway: about a third of variants differ beyond its six
printed digits, by up to 1e-3 in the log odds ratio. So the comparison has two parts:
  1. every variant: |log OR difference| <= 2e-3, SE within 1e-3 relative, |log10 P difference| <= 3e-3, and the
     same set of variants with results; N, cases and controls equal;
  2. the 25 variants where the two differ most: an independent Firth solver (logistic_oracle.py, BFGS to a
     modified score below 1e-5) agrees with ridgeway to 1e-6 and so shows the difference to be PLINK 2's.
Trailing NAME=VALUE arguments: bfile=BFILE and condition=IDS (comma-separated) take the genotypes from BFILE and
make the variants named covariates too (a sample missing one of them is left out), as plink2 --condition-list fits
them; model=MODEL (dominant or recessive, plink2 --glm's modifier and ridgeway's --test) codes the genotypes so.
Usage: compare_firth_with_plink2.py RIDGEWAY.tsv.gz PLINK.glm.firth TEST_FOLDER [bfile=B] [condition=IDS] [model=M]"""
import sys

import numpy as np

sys.path.insert(0, sys.argv[3])
import logistic_oracle  # noqa: E402
import plink2_firth_rows  # noqa: E402


ours, theirs = plink2_firth_rows.read_pair(sys.argv[1], sys.argv[2])
named = dict(argument.split("=", 1) for argument in sys.argv[4:])
model = named.get("model", "additive")
coding = {"additive": lambda g: g, "dominant": lambda g: np.minimum(g, 1), "recessive": lambda g: np.maximum(g - 1, 0)}
both, differences = 0, []
for d_beta, d_se, d_p, variant in plink2_firth_rows.differences(ours, theirs):
    assert d_beta <= 2e-3 and d_se <= 1e-3 and d_p <= 3e-3, \
        f"{variant}: ridgeway {ours[variant]} vs plink2 {theirs[variant]}"
    differences.append((d_beta, variant))
    both += 1
differences.sort(reverse=True)
exact = sum(1 for d, _ in differences if d <= 5e-6)
print(f"{both} variants with Firth results in both; {exact} agree to plink2's printed precision; "
      f"largest log OR difference {differences[0][0]:.2e}")

# Part 2: the independent solver on the variants where the two disagree most.
bfile = named.get("bfile", "EUR_subset")
conditions = named["condition"].split(",") if "condition" in named else []
fam = [line.split() for line in open(bfile + ".fam")]
case = {f[1]: f[2] for f in (line.split() for line in open("case.pheno")) if f[1] != "IID"}
covariates = {f[1]: f[3:6] for f in (line.split() for line in open("covars.numeric")) if f[1] != "IID"}
worst = [variant for _, variant in differences[:25]]
genotypes = {variant: coding[model](g) if variant in worst else g
             for variant, g in logistic_oracle.read_bed(bfile, worst + conditions).items()}
largest = 0.0
for variant in worst:
    x, y = [], []
    for k, f in enumerate(fam):
        c = covariates.get(f[1], ["NA"])
        conditioning = [genotypes[other][k] for other in conditions]
        if case.get(f[1], "NA") == "NA" or "NA" in c or "-9" in c or np.isnan(genotypes[variant][k]) or \
                np.isnan(conditioning).any():
            continue
        x.append([1.0, *map(float, c), *conditioning, genotypes[variant][k]])
        y.append(float(case[f[1]]) - 1)
    beta, se, _ = logistic_oracle.firth(np.array(x), np.array(y), np.zeros(len(y)))
    mine = ours[variant]
    d = max(abs(beta[-1] - float(mine["BETA"])), abs(se[-1] / float(mine["SE"]) - 1))
    largest = max(largest, d)
    assert d <= 1e-5, f"{variant}: reference Firth {beta[-1]:.7g} (SE {se[-1]:.7g}) vs ridgeway {mine['BETA']} ({mine['SE']})"
print(f"on the 25 variants differing most from plink2, the reference solver matches ridgeway within {largest:.1e}")
