#!/usr/bin/env bash
# `ridgeway predict` at --precision fp64, fp32 and mixed, and against an independent FP64 oracle (numpy).
#
# 1. N = 3000 (about 2300 training, 570 test), M = 5000, 4 traits, covariates: linear and gaussian kernels, fixed
#    hyper-parameters and a small cross-validated grid. Mixed must match fp64:
#    - predictions within 1e-8 relative (max |mixed - fp64| / max |fp64| per trait). Mixed computes the same integer
#      products exactly (INT8) and refines its FP32 Cholesky solution to FP64 backward error (~1e-16); the forward
#      error is at most the condition number times that, and with h2 <= 0.9 the penalty is >= 0.11 times the mean
#      diagonal, so the condition number is below ~N / 0.11 = 2e4: about 1e-12, leaving four orders of margin;
#    - MSPE and Pearson r to 6 significant digits (relative 1e-6), the chosen hyper-parameters identical, and every
#      cross-validated error within 1e-8 relative, for the reasons above.
#    fp32 (no refinement) is printed and only bounded by 1e-3: its unit roundoff 6e-8 times the condition bound 2e4.
# 2. N = 600 (470 training), M = 800 with 1% missing calls: predictions, SIGMA, PENALTY, MSPE and r of the dual and
#    primal linear, gaussian and cross-validated gaussian fits (fp64 and mixed) against numpy's FP64 solve of the
#    documented kernels (src/predict/kernel.hpp, genotype_table.hpp, kernel_ridge.hpp), within 1e-8 relative: both sides
#    are FP64 solutions of systems with condition numbers below 1e5 (checked), so they agree to ~1e-11 whatever the
#    operation order. (--form primal solves the variants x variants system; the predictions are the same.)
# 3. Ill-conditioned: gaussian at 20 times the median distance and h2 = 0.9999 (penalty 1e-4 on a kernel whose
#    entries all lie within ~1e-3 of each other); numpy confirms the condition number is >= 1e6. Mixed must still
#    match fp64 within 1e-8, or its log must report the fall-back to FP64 Cholesky. The oracle bound is looser here
#    (1e-6): two FP64 solutions of a system with condition number kappa may differ by kappa * 1e-16 in the
#    coefficients, and the predictions inherit part of that. At 1000 times the median distance the condition number
#    is about the same (the penalty caps it near N / 1e-4 = 4.7e6), but every kernel entry lies within ~1e-6 of 1,
#    a few FP32 roundoffs (6e-8), so the FP32 factor carries almost none of the system's structure and refinement
#    stalls: the same rule (1e-8, or a reported fall-back) catches a stalled refinement that is passed off as a
#    solution; fp64 is also checked against numpy at 1e-6.
set -euo pipefail
ridgeway=$1 scratch=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch"
python=/usr/bin/python3

"$ridgeway" simulate --n 3000 --m 5000 --seed 21 --quantitative 4 --binary 0 --threads 2 --out big >/dev/null
fit() {  # OUT PREFIX PRECISION ARGS...: predict on the cohort PREFIX
  local out=$1 data=$2 precision=$3
  shift 3
  "$ridgeway" predict --bfile "$data" --pheno "$data.pheno" --covar "$data.covar" --covar-name AGE,PC1 --seed 3 \
    --threads 2 --precision "$precision" --out "$out" "$@" >/dev/null
}
for precision in fp64 fp32 mixed; do
  fit "linear_$precision" big $precision --kernel linear --h2-grid 0.5
  fit "gaussian_$precision" big $precision --kernel gaussian --bandwidths 1 --h2-grid 0.5
  fit "linear_cv_$precision" big $precision --kernel linear --h2-grid 0.1,0.3,0.6,0.9 --cv 3
  fit "gaussian_cv_$precision" big $precision --kernel gaussian --bandwidths 0.5,1,2 --h2-grid 0.2,0.5,0.8 --cv 3
done

"$ridgeway" simulate --n 600 --m 800 --seed 22 --quantitative 2 --binary 0 --missing-rate 0.01 --out small >/dev/null
for precision in fp64 mixed; do
  fit "o_linear_$precision" small $precision --kernel linear --h2-grid 0.4 --form dual
  fit "o_primal_$precision" small $precision --kernel linear --h2-grid 0.4 --form primal
  fit "o_gaussian_$precision" small $precision --kernel gaussian --bandwidths 1.5 --h2-grid 0.6
  fit "o_gaussian_cv_$precision" small $precision --kernel gaussian --bandwidths 0.5,1,2 --h2-grid 0.3,0.7 --cv 4
  fit "o_ill_$precision" small $precision --kernel gaussian --bandwidths 20 --h2-grid 0.9999
  fit "o_worse_$precision" small $precision --kernel gaussian --bandwidths 1000 --h2-grid 0.9999
done

PYTHONPATH="$here" $python - <<'EOF'
import math
import re

import numpy as np

from prediction_checks import check, finish, read_tsv


def as_number(text):
    return math.nan if text == "NA" else float(text)


def predictions(out):
    """{(SET, FID, IID): trait values} and the trait names."""
    header, rows = read_tsv(out + ".predictions.tsv")
    check(header[:3] == ["FID", "IID", "SET"], f"{out}.predictions.tsv header {header}")
    return {tuple(r[:3]): np.array([float(x) for x in r[3:]]) for r in rows}, header[3:]


def accuracy(out):
    header, rows = read_tsv(out + ".accuracy.tsv")
    expected = "TRAIT KERNEL BANDWIDTH SIGMA H2 PENALTY CV_MSE N_TRAIN N_TEST MSPE PEARSON_R".split()
    check(header == expected, f"{out}.accuracy.tsv header {header}")
    return {r[0]: dict(zip(header, r)) for r in rows}


def relative(a, b):
    scale = np.max(np.abs(b))
    return np.max(np.abs(a - b)) / scale if scale > 0 else np.max(np.abs(a - b))


def prediction_difference(out, reference):
    """Per trait, max |out - reference| / max |reference| over every predicted sample."""
    mine, traits = predictions(out)
    theirs, _ = predictions(reference)
    check(sorted(mine) == sorted(theirs), f"{out}: not the samples and sets of {reference}")
    keys = sorted(set(mine) & set(theirs))
    a = np.array([mine[k] for k in keys])
    b = np.array([theirs[k] for k in keys])
    return {t: relative(a[:, j], b[:, j]) for j, t in enumerate(traits)}


def log_text(out):
    with open(out + ".log") as handle:
        return handle.read()


def check_log(out, cross_validated):
    text = log_text(out)
    for phase in ["kernel build", "factorization", "solve", "prediction"] + (["cross-validation"] if cross_validated else []):
        check(re.search(rf"Phase {phase}: [0-9.]+ s", text), f"{out}.log: no 'Phase {phase}' line")
    if not cross_validated:
        check("Phase cross-validation" not in text, f"{out}.log: cross-validation with a single grid point")
    check(re.search(r"Final solves: .*(Cholesky)", text), f"{out}.log: no line about the solver route")


def fell_back(out):
    match = re.search(r"Final solves: .*fell back to FP64 Cholesky: (\d+)", log_text(out))
    return match is not None and int(match.group(1)) > 0


# 1. mixed and fp32 against fp64 on the larger cohort.
print(f"{'run':<14} {'trait':<5} {'mixed-fp64':>11} {'fp32-fp64':>11} {'MSPE fp64':>12} {'r fp64':>12} {'r mixed':>12} {'r fp32':>12}")
for run, cross_validated in [("linear", False), ("gaussian", False), ("linear_cv", True), ("gaussian_cv", True)]:
    reference = f"{run}_fp64"
    for precision in ["fp64", "fp32", "mixed"]:
        check_log(f"{run}_{precision}", cross_validated)
    mixed = prediction_difference(f"{run}_mixed", reference)
    single = prediction_difference(f"{run}_fp32", reference)
    acc = {p: accuracy(f"{run}_{p}") for p in ["fp64", "fp32", "mixed"]}
    for trait in mixed:
        a = {p: acc[p][trait] for p in acc}
        print(f"{run:<14} {trait:<5} {mixed[trait]:11.2e} {single[trait]:11.2e} {a['fp64']['MSPE']:>12} "
              f"{a['fp64']['PEARSON_R']:>12} {a['mixed']['PEARSON_R']:>12} {a['fp32']['PEARSON_R']:>12}")
        check(mixed[trait] <= 1e-8, f"{run} {trait}: mixed predictions differ from fp64 by {mixed[trait]:.3g} relative")
        check(single[trait] <= 1e-3, f"{run} {trait}: fp32 predictions differ from fp64 by {single[trait]:.3g} relative")
        for column in ["MSPE", "PEARSON_R"]:
            x, y = float(a["mixed"][column]), float(a["fp64"][column])
            check(abs(x - y) <= 1e-6 * abs(y), f"{run} {trait}: mixed {column} {x} vs fp64 {y}")
        for column in ["BANDWIDTH", "H2", "N_TRAIN", "N_TEST"]:
            check(a["mixed"][column] == a["fp64"][column], f"{run} {trait}: mixed {column} {a['mixed'][column]} vs fp64 {a['fp64'][column]}")
        # The test set is a fifth of the samples with every trait (about 96% of them with four traits 1% missing).
        n_train, n_test = int(a["fp64"]["N_TRAIN"]), int(a["fp64"]["N_TEST"])
        check(n_test == round(0.2 * (n_train + n_test)) and n_train + n_test > 2800, f"{run} {trait}: N_TRAIN {n_train}, N_TEST {n_test}")
        if cross_validated:
            check(a["fp64"]["CV_MSE"] != "NA", f"{run} {trait}: no CV_MSE after cross-validation")
        else:
            check(a["fp64"]["CV_MSE"] == "NA", f"{run} {trait}: CV_MSE without cross-validation")
    if cross_validated:
        cv = {}
        for precision in ["fp64", "mixed"]:
            header, rows = read_tsv(f"{run}_{precision}.cv.tsv")
            check(header == "TRAIT BANDWIDTH H2 CV_MSE".split(), f"{run}_{precision}.cv.tsv header {header}")
            cv[precision] = {tuple(r[:3]): float(r[header.index("CV_MSE")]) for r in rows}
        grid_points = 9 if run == "gaussian_cv" else 4
        check(len(cv["fp64"]) == 4 * grid_points, f"{run}: {len(cv['fp64'])} CV rows, expected 4 traits x {grid_points}")
        check(cv["fp64"].keys() == cv["mixed"].keys(), f"{run}: the CV grids differ")
        worst = max(abs(cv["mixed"][k] - v) / abs(v) for k, v in cv["fp64"].items() if k in cv["mixed"])
        print(f"{run}: worst CV_MSE difference mixed vs fp64 {worst:.2e} relative")
        check(worst <= 1e-8, f"{run}: CV_MSE of mixed differs from fp64 by {worst:.3g} relative")


# 2. The oracle: the documented kernels and ridge solve, in numpy FP64.
def read_bed(prefix):
    """Sample IDs and A1 counts (samples x variants, NaN for missing)."""
    with open(prefix + ".fam") as handle:
        ids = [tuple(line.split()[:2]) for line in handle]
    with open(prefix + ".bim") as handle:
        m = sum(1 for _ in handle)
    raw = np.fromfile(prefix + ".bed", dtype=np.uint8)
    check(raw[:3].tolist() == [0x6C, 0x1B, 0x01], f"{prefix}.bed: not variant-major PLINK 1")
    per_variant = (len(ids) + 3) // 4
    packed = raw[3:].reshape(m, per_variant)
    codes = np.stack([(packed >> (2 * k)) & 3 for k in range(4)], axis=2).reshape(m, 4 * per_variant)[:, : len(ids)]
    counts = np.array([2.0, np.nan, 1.0, 0.0])[codes]  # 00 = two A1 alleles, 01 = missing, 10 = one, 11 = none
    return ids, counts.T


def read_columns(path, ids, names):
    with open(path) as handle:
        header = handle.readline().split()
        rows = {tuple(r[:2]): r for r in (line.split() for line in handle)}
    return np.array([[as_number(rows[i][header.index(n)]) for n in names] for i in ids])


ids, genotypes = read_bed("small")
row_of = {i: k for k, i in enumerate(ids)}


def oracle(out, check_oracle_tolerance=1e-8):
    """numpy's predictions for every sample of the run, with each trait's chosen hyper-parameters; returns the
    condition number of the final (largest) system."""
    mine, traits = predictions(out)
    acc = accuracy(out)
    train = sorted((k for k in mine if k[2] == "train"), key=lambda k: row_of[k[:2]])
    others = [k for k in mine if k[2] != "train"]
    g_train = genotypes[[row_of[k[:2]] for k in train]]
    observed = ~np.isnan(g_train)
    mean = np.where(observed, g_train, 0).sum(0) / observed.sum(0)
    fill = np.floor(mean + 0.5)  # the whole call nearest the mean (halves away from zero, as lround)
    centre = np.where(observed, g_train, fill).mean(0)

    def coded(keys):
        g = genotypes[[row_of[k[:2]] for k in keys]]
        return np.where(np.isnan(g), fill, g)

    x_train, x_other = coded(train), coded(others)
    covariates = np.column_stack([np.ones(len(ids)), read_columns("small.covar", ids, ["AGE", "PC1"])])
    y = read_columns("small.pheno", [k[:2] for k in train], traits)
    design_train = covariates[[row_of[k[:2]] for k in train]]
    design_other = covariates[[row_of[k[:2]] for k in others]]
    effects = np.linalg.solve(design_train.T @ design_train, design_train.T @ y)
    residuals = y - design_train @ effects

    squared_norms = (x_train**2).sum(1)
    distances = squared_norms[:, None] + squared_norms[None, :] - 2 * x_train @ x_train.T
    pairs = np.sort(distances[np.tril_indices(len(train), -1)])
    median = pairs[(len(pairs) + 1) // 2 - 1]  # the lower median over pairs i < j
    worst_condition = 0
    for t, trait in enumerate(traits):
        a = acc[trait]
        if a["KERNEL"] == "linear":
            scale = (centre * (2 - centre) / 2).sum()  # sum of 2p(1 - p), p = centre / 2
            k_train = (x_train - centre) @ (x_train - centre).T / scale
            k_other = (x_other - centre) @ (x_train - centre).T / scale
            sigma = math.nan
        else:
            sigma2 = median * float(a["BANDWIDTH"]) ** 2
            other_norms = (x_other**2).sum(1)
            k_train = np.exp(-distances / (2 * sigma2))
            k_other = np.exp(-(other_norms[:, None] + squared_norms[None, :] - 2 * x_other @ x_train.T) / (2 * sigma2))
            sigma = math.sqrt(sigma2)
        h2 = float(a["H2"])
        penalty = (1 - h2) / h2 * np.mean(np.diag(k_train))
        system = k_train + penalty * np.eye(len(train))
        worst_condition = max(worst_condition, np.linalg.cond(system))
        alpha = np.linalg.solve(system, residuals[:, t])
        expected = {k: design_train[r] @ effects[:, t] + k_train[r] @ alpha for r, k in enumerate(train)}
        expected.update({k: design_other[r] @ effects[:, t] + k_other[r] @ alpha for r, k in enumerate(others)})
        keys = sorted(expected)
        difference = relative(np.array([mine[k][t] for k in keys]), np.array([expected[k] for k in keys]))
        print(f"{out:<22} {trait}: predictions vs numpy {difference:.2e} relative")
        check(difference <= check_oracle_tolerance, f"{out} {trait}: predictions differ from numpy by {difference:.3g} relative")
        for column, value in [("PENALTY", penalty), ("SIGMA", sigma)]:
            if not math.isnan(value):
                stated = float(a[column])
                check(abs(stated - value) <= 1e-9 * value, f"{out} {trait}: {column} {stated}, numpy {value}")
        test = [k for k in keys if k[2] == "test"]
        observed_y = read_columns("small.pheno", [k[:2] for k in test], [trait])[:, 0]
        known = ~np.isnan(observed_y)
        predicted = np.array([expected[k] for k in test])[known]
        mspe = np.mean((observed_y[known] - predicted) ** 2)
        r = np.corrcoef(observed_y[known], predicted)[0, 1]
        for column, value in [("MSPE", mspe), ("PEARSON_R", r)]:
            stated = float(a[column])
            check(abs(stated - value) <= 1e-8 * abs(value), f"{out} {trait}: {column} {stated}, numpy {value}")
    return worst_condition


for precision in ["fp64", "mixed"]:
    for run in ["o_linear", "o_primal", "o_gaussian", "o_gaussian_cv"]:
        condition = oracle(f"{run}_{precision}")
        check(condition < 1e5, f"{run}_{precision}: condition number {condition:.3g}, meant to be well conditioned")
    check_log(f"o_gaussian_cv_{precision}", True)
    check_log(f"o_ill_{precision}", False)
    check_log(f"o_worse_{precision}", False)

# 3. The ill-conditioned system.
condition = oracle("o_ill_fp64", 1e-6)
oracle("o_ill_mixed", 1e-6)
check(condition >= 1e6, f"o_ill: condition number {condition:.3g}, meant to be >= 1e6")
difference = prediction_difference("o_ill_mixed", "o_ill_fp64")
fallback = fell_back("o_ill_mixed")
for trait, value in difference.items():
    print(f"ill-conditioned (condition {condition:.2e}) {trait}: mixed vs fp64 {value:.2e} relative; "
          f"mixed fell back to FP64: {fallback}")
    check(value <= 1e-8 or fallback, f"o_ill {trait}: mixed differs from fp64 by {value:.3g} and did not fall back")
condition = oracle("o_worse_fp64", 1e-6)
difference = prediction_difference("o_worse_mixed", "o_worse_fp64")
fallback = fell_back("o_worse_mixed")
for trait, value in difference.items():
    print(f"kernel entries within 1e-6 of 1 (condition {condition:.2e}) {trait}: mixed vs fp64 {value:.2e} relative; mixed fell back to FP64: {fallback}")
    check(value <= 1e-8 or fallback, f"o_worse {trait}: mixed differs from fp64 by {value:.3g} and did not fall back")

finish()
print("predict precision: mixed = fp64 within 1e-8, and both match numpy")
EOF
