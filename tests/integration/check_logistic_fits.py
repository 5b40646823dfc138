"""Random logistic problems: ridgeway's fit_logistic driver against statsmodels (maximum likelihood) and the numpy
Firth reference. Tolerance 1e-6 (relative to max(1, |value|)): both sides iterate to 1e-9 or tighter, so the
difference is rounding in the solves, far below 1e-6 for these condition numbers.
Then Firth's penalized likelihood-ratio test of a genotype column, the constrained fit held at 0 under the whole
design's penalty, against the numpy reference on random problems with common and rare genotypes (down to one
carrier) and with carriers that are all cases (separation): p-values within 1e-6 relative.
Usage: check_logistic_fits.py FIT_LOGISTIC_BINARY TEST_FOLDER"""
import subprocess
import sys

import numpy as np

sys.path.insert(0, sys.argv[2])
import logistic_oracle  # noqa: E402

driver = sys.argv[1]
rng = np.random.default_rng(2024)


def call(kind, x, y, offset):
    table = "\n".join(" ".join(repr(v) for v in [y[i], offset[i], *x[i]]) for i in range(len(y)))
    return subprocess.run([driver, kind], input=table, capture_output=True, text=True, check=True).stdout.split("\n")


def run(kind, x, y, offset):
    out = call(kind, x, y, offset)
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


# Firth's penalized likelihood-ratio test of the last column.
lrt_cases = lrt_separated = 0
lrt_worst = 0.0
for n, p, prevalence in [(300, 3, 0.2), (1000, 4, 0.05), (2000, 5, 0.01), (500, 2, 0.5), (150, 4, 0.3)]:
    for trial in range(8):
        x = np.column_stack([np.ones(n), rng.normal(size=(n, p - 2)), np.zeros(n)])
        offset = rng.normal(scale=0.5, size=n) if trial % 2 else np.zeros(n)
        eta = np.log(prevalence / (1 - prevalence)) + offset + x[:, 1:-1] @ rng.normal(scale=0.5, size=p - 2)
        y = (rng.random(n) < 1 / (1 + np.exp(-eta))).astype(float)
        if y.sum() < 3:
            y[:3] = 1
        kind = trial % 4
        if kind == 0:  # common
            x[:, -1] = rng.binomial(2, 0.3, size=n)
        elif kind == 1:  # rare, one to a few carriers anywhere
            x[rng.choice(n, size=1 + trial % 3, replace=False), -1] = 1
        elif kind == 2:  # separation: every carrier a case
            cases = np.flatnonzero(y == 1)
            x[rng.choice(cases, size=min(len(cases), 1 + trial % 5), replace=False), -1] = 1
            lrt_separated += 1
        else:  # low frequency, with a true effect
            x[:, -1] = rng.binomial(2, 0.02, size=n)
            x[0, -1] = max(x[0, -1], 1)
        chi_square, p_value, full, constrained = logistic_oracle.firth_lrt(x, y, offset)
        out = call("firth-lrt", x, y, offset)
        assert out[0] == "converged 1", f"LRT n={n} trial {trial}: the full Firth fit did not converge"
        ll = float(out[1 + p].split()[1])
        _, ok, ll0 = out[2 + p].split()
        assert ok == "1", f"LRT n={n} trial {trial}: the constrained Firth fit did not converge"
        mine_chi = max(0.0, 2 * (ll - float(ll0)))
        from scipy import stats as _stats
        mine_p = _stats.chi2.sf(mine_chi, 1)
        d_chi = abs(mine_chi - chi_square) / max(1.0, chi_square)
        d_p = abs(mine_p - p_value) / p_value
        lrt_worst = max(lrt_worst, d_p)
        assert abs(float(ll0) - constrained) <= 1e-6 * max(1, abs(constrained)), \
            f"LRT n={n} trial {trial}: constrained log-likelihood {ll0} vs {constrained}"
        assert d_chi <= 1e-6 and d_p <= 1e-6, \
            f"LRT n={n} trial {trial}: chi-square {mine_chi} p {mine_p} vs reference {chi_square} p {p_value}"
        lrt_cases += 1
print(f"Firth likelihood-ratio tests: {lrt_cases} problems ({lrt_separated} with separation) agree with the "
      f"reference, worst relative p difference {lrt_worst:.2e}")
