"""Firth regression on a permuted (null) case/control trait of 1000 Genomes Europeans, every variant corrected
(--pThresh 1), against independent numpy/scipy fits (logistic_oracle.py).

1. Calibration: for each mode, lambda_GC over variants with MAF above 5% and the count of p < 1e-3 over all
   variants are printed; the likelihood-ratio modes (exact and --approx) must have lambda_GC within [0.9, 1.1] and
   the count within the binomial 99.9% interval of its expectation (the variants are in LD, so the interval is
   wider than a binomial one would need; an inflated test such as the pre-fix statistic, lambda 7.4, fails it by far).
2. Exact Firth p-values equal the reference's, which refits the covariates with the variant's coefficient held at 0
   under the whole design's penalty, on every variant with p < 1e-3, every variant with a minor allele count of 10
   or less (up to 40), and 150 others drawn at random; --approx p-values equal its reference on 150 variants
   without missing calls. The result files print p to 6 significant digits, so the tolerance is 1e-5 relative
   (plus 1e-12 absolute for p near 1), well above printing and solver error and far below any modelling difference.
Usage: check_firth_eur.py EXACT.tsv.gz APPROX.tsv.gz WALD.tsv.gz TEST_FOLDER (run in the folder holding
EUR_subset.*, covars.numeric and perm.pheno)"""
import gzip
import sys

import numpy as np
from scipy import stats

sys.path.insert(0, sys.argv[4])
import logistic_oracle  # noqa: E402


def table(path):
    with gzip.open(path, "rt") as handle:
        header = handle.readline().lstrip("#").rstrip("\n").split("\t")
        rows = {}
        for line in handle:
            f = line.rstrip("\n").split("\t")
            rows[f[header.index("ID")]] = dict(zip(header, f))
    return rows


def calibration(label, rows, strict):
    p = np.array([float(r["P"]) for r in rows.values() if r["P"] != "NA"])
    maf = np.array([min(float(r["A1FREQ"]), 1 - float(r["A1FREQ"])) for r in rows.values() if r["P"] != "NA"])
    lam = np.median(stats.chi2.isf(p[maf > 0.05], 1)) / stats.chi2.ppf(0.5, 1)
    count = int((p < 1e-3).sum())
    low, high = stats.binom.interval(0.999, len(p), 1e-3)
    print(f"{label}: lambda_GC {lam:.3f} over {(maf > 0.05).sum()} variants with MAF > 5%; {count} of {len(p)} "
          f"p < 1e-3 (expected {1e-3 * len(p):.1f}, 99.9% interval [{low:.0f}, {high:.0f}])")
    if strict:
        assert 0.9 <= lam <= 1.1, f"{label}: lambda_GC {lam:.3f} outside [0.9, 1.1]"
        assert low <= count <= high, f"{label}: {count} variants with p < 1e-3, outside [{low:.0f}, {high:.0f}]"


exact, approx, wald = (table(path) for path in sys.argv[1:4])
calibration("exact Firth, likelihood-ratio", exact, True)
calibration("Firth --approx, likelihood-ratio", approx, True)
calibration("exact Firth --firth-wald", wald, False)

fam = [line.split() for line in open("EUR_subset.fam")]
case = {f[1]: f[2] for f in (line.split() for line in open("perm.pheno")) if f[1] != "IID"}
covariates = {f[1]: f[3:6] for f in (line.split() for line in open("covars.numeric")) if f[1] != "IID"}
missing = ("NA", "-9")  # as ridgeway and PLINK read covariate tables
analysed = [k for k, f in enumerate(fam)
            if case.get(f[1], "NA") != "NA" and not set(missing) & set(covariates.get(f[1], ["NA"]))]
z_all = np.array([[1.0, *map(float, covariates[fam[k][1]])] for k in analysed])
y_all = np.array([float(case[fam[k][1]]) - 1 for k in analysed])

rng = np.random.default_rng(7)
usable = sorted(v for v, r in exact.items() if r["P"] != "NA")
mac = {v: min(float(exact[v]["A1FREQ"]), 1 - float(exact[v]["A1FREQ"])) * 2 * int(exact[v]["N"]) for v in usable}
strong = [v for v in usable if float(exact[v]["P"]) < 1e-3]
rare = [v for v in usable if mac[v] < 10.5][:40]
chosen = sorted(set(strong) | set(rare) | set(rng.choice(usable, 150, replace=False)))
genotypes = logistic_oracle.read_bed("EUR_subset", chosen)


def relative(ours, reference):
    return abs(ours - reference) / max(reference, 1e-12)


worst = 0.0
for variant in chosen:
    g = genotypes[variant][analysed]
    called = ~np.isnan(g)
    x = np.column_stack([z_all[called], g[called]])
    _, p, _, _ = logistic_oracle.firth_lrt(x, y_all[called], np.zeros(called.sum()))
    ours = float(exact[variant]["P"])
    worst = max(worst, relative(ours, p))
    assert relative(ours, p) <= 1e-5 or abs(ours - p) <= 1e-12, f"{variant}: exact Firth p {ours} vs reference {p:.6g}"
print(f"exact Firth: {len(chosen)} variants ({len(strong)} with p < 1e-3, {len(rare)} with minor allele count <= 10) "
      f"match the constrained-fit reference within {worst:.1e} relative")

complete = [v for v in chosen if not np.isnan(genotypes[v]).any()]
sample = sorted(rng.choice(complete, 150, replace=False))
worst = 0.0
for variant in sample:
    _, p = logistic_oracle.firth_approximate(z_all, genotypes[variant][analysed], y_all)
    ours = float(approx[variant]["P"])
    worst = max(worst, relative(ours, p))
    assert relative(ours, p) <= 1e-5 or abs(ours - p) <= 1e-12, f"{variant}: --approx p {ours} vs reference {p:.6g}"
print(f"Firth --approx: {len(sample)} variants match the one-parameter reference within {worst:.1e} relative")
