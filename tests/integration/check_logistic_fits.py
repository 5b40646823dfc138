"""Random logistic problems: ridgeway's fit_logistic driver against statsmodels (maximum likelihood) and the numpy
Firth reference. Tolerance 1e-6 (relative to max(1, |value|)): both sides iterate to 1e-9 or tighter, so the
difference is rounding in the solves, far below 1e-6 for these condition numbers.
Usage: check_logistic_fits.py FIT_LOGISTIC_BINARY TEST_FOLDER"""
import subprocess
import sys

import numpy as np

sys.path.insert(0, sys.argv[2])
import logistic_oracle  # noqa: E402

driver = sys.argv[1]
rng = np.random.default_rng(2024)


def run(kind, x, y, offset):
    table = "\n".join(" ".join(repr(v) for v in [y[i], offset[i], *x[i]]) for i in range(len(y)))
    out = subprocess.run([driver, kind], input=table, capture_output=True, text=True, check=True).stdout.split("\n")
    converged = out[0] == "converged 1"
    rows = [list(map(float, line.split())) for line in out[1:1 + x.shape[1]]]
    return converged, np.array([r[0] for r in rows]), np.array([r[1] for r in rows]), float(out[1 + x.shape[1]].split()[1])


def close(a, b):
    return np.all(np.abs(np.asarray(a) - np.asarray(b)) <= 1e-6 * np.maximum(1, np.abs(b)))


worst = 0.0
cases = separated = 0
for n, p, prevalence in [(40, 2, 0.3), (200, 3, 0.1), (1000, 5, 0.05), (3000, 4, 0.01), (500, 6, 0.5), (80, 1, 0.2)]:
    for trial in range(5):
        x = np.column_stack([np.ones(n), rng.normal(size=(n, p - 1))]) if p > 1 else np.ones((n, 1))
        if trial % 2:  # a rare 0/1/2 genotype column
            x[:, -1] = rng.binomial(2, 0.02, size=n)
            if x[:, -1].sum() == 0:
                x[0, -1] = 1
        offset = rng.normal(scale=0.5, size=n) if trial % 3 else np.zeros(n)
        eta = np.log(prevalence / (1 - prevalence)) + offset + x[:, 1:] @ rng.normal(scale=0.5, size=p - 1)
        y = (rng.random(n) < 1 / (1 + np.exp(-eta))).astype(float)
        if y.sum() < 2:
            y[:2] = 1
        for kind, reference in [("firth", logistic_oracle.firth), ("mle", logistic_oracle.mle)]:
            beta, se, loglik = reference(x, y, offset)
            if kind == "mle" and np.max(np.abs(beta)) > 15:  # separation: no estimate, and ridgeway must say so
                converged, *_ = run(kind, x, y, offset)
                assert not converged, f"n={n} p={p} trial {trial}: separated data, yet ridgeway reports a maximum"
                separated += 1
                continue
            converged, b, s, ll = run(kind, x, y, offset)
            assert converged, f"n={n} p={p} trial {trial}: ridgeway's {kind} fit did not converge"
            for name, mine, theirs in [("beta", b, beta), ("se", s, se), ("loglik", [ll], [loglik])]:
                diff = np.max(np.abs(np.asarray(mine) - theirs) / np.maximum(1, np.abs(theirs)))
                worst = max(worst, diff)
                assert diff <= 1e-6, f"n={n} p={p} trial {trial} {kind} {name}: {mine} vs {theirs}"
            cases += 1

# Complete separation: maximum likelihood has no estimate, Firth has one.
x = np.column_stack([np.ones(60), np.r_[np.zeros(30), np.ones(30)]])
y = np.r_[np.zeros(30), np.ones(30)]
converged, *_ = run("mle", x, y, np.zeros(60))
assert not converged, "maximum likelihood under complete separation must report no convergence"
beta, se, loglik = logistic_oracle.firth(x, y, np.zeros(60))
converged, b, s, ll = run("firth", x, y, np.zeros(60))
assert converged and close(b, beta) and close(s, se), f"Firth under separation: {b} vs {beta}"
print(f"{cases} fits agree with the references (worst relative difference {worst:.2e}); {separated} separated "
      f"problems reported as non-convergent; "
      f"separation: maximum likelihood fails, Firth beta {b[1]:.6f} = reference {beta[1]:.6f}")
