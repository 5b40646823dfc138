"""Independent reference fits for ridgeway's logistic models.

Maximum likelihood comes from statsmodels (GLM, binomial family, with offset). Firth's penalized likelihood is
maximized here with scipy's BFGS on its exact gradient (a different algorithm from ridgeway's Newton iteration),
then checked by the size of the modified score itself. Also reads PLINK 1 .bed genotypes for the comparisons with PLINK 2.
"""
import numpy as np


def _penalized(x, y, offset, beta):
    eta = offset + x @ beta
    mu = 1 / (1 + np.exp(-eta))
    w = mu * (1 - mu)
    information = x.T @ (w[:, None] * x)
    inverse = np.linalg.inv(information)
    h = np.einsum("ij,jk,ik->i", x, inverse, x) * w
    loglik = np.sum(y * eta - np.logaddexp(0, eta)) + 0.5 * np.linalg.slogdet(information)[1]
    return loglik, x.T @ (y - mu + h * (0.5 - mu)), inverse


def firth(x, y, offset):
    """Firth estimate, Wald standard errors from (X'WX)^-1 and the penalized log-likelihood, by quasi-Newton (BFGS)
    minimization of the negative penalized log-likelihood with its exact gradient, the modified score."""
    from scipy.optimize import minimize

    def objective(beta):
        loglik, score, _ = _penalized(x, y, offset, beta)
        return -loglik, -score

    result = minimize(objective, np.zeros(x.shape[1]), jac=True, method="BFGS", options={"gtol": 1e-12, "maxiter": 10000})
    loglik, score, inverse = _penalized(x, y, offset, result.x)
    # BFGS stops where rounding hides further progress, with the modified score near 1e-7; the information (>= 1
    # here) turns that into coefficient errors below 1e-7.
    assert np.max(np.abs(score)) < 1e-5, f"reference Firth fit did not converge (score {np.max(np.abs(score))})"
    return result.x, np.sqrt(np.diag(inverse)), loglik


def firth_constrained(x, y, offset, fixed):
    """Firth's penalized log-likelihood maximized with the coefficients of the columns in `fixed` held at 0, the
    penalty still log|X'WX| / 2 of the whole design: the reference of Firth's likelihood-ratio test (the profile
    penalized likelihood). BFGS over the free coefficients on their modified scores, which are the exact gradient."""
    from scipy.optimize import minimize

    free = [j for j in range(x.shape[1]) if j not in fixed]

    def whole(b):
        beta = np.zeros(x.shape[1])
        beta[free] = b
        return beta

    def objective(b):
        loglik, score, _ = _penalized(x, y, offset, whole(b))
        return -loglik, -score[free]

    result = minimize(objective, np.zeros(len(free)), jac=True, method="BFGS", options={"gtol": 1e-12, "maxiter": 10000})
    loglik, score, _ = _penalized(x, y, offset, whole(result.x))
    assert np.max(np.abs(score[free])) < 1e-5, f"reference constrained Firth fit did not converge ({score[free]})"
    return loglik


def firth_lrt(x, y, offset):
    """Firth's penalized likelihood-ratio test of the last column: (chi-square, p, full log-likelihood, constrained
    log-likelihood)."""
    from scipy import stats

    _, _, full = firth(x, y, offset)
    constrained = firth_constrained(x, y, offset, [x.shape[1] - 1])
    chi_square = max(0.0, 2 * (full - constrained))
    return chi_square, stats.chi2.sf(chi_square, 1), full, constrained


def firth_approximate(z, g, y):
    """The approximate Firth test of genotype g given covariates z: the null model fitted once by maximum likelihood,
    g adjusted for z in the null weights' metric, then one coefficient on the adjusted genotype with the null linear
    predictor as offset, its penalized likelihood maximized by Brent's method. Returns (chi-square, p)."""
    from scipy import optimize, stats

    _, _, null_loglik = mle(z, y, np.zeros(len(y)))
    eta = z @ mle(z, y, np.zeros(len(y)))[0]
    mu = 1 / (1 + np.exp(-eta))
    w = mu * (1 - mu)
    adjusted = g - z @ np.linalg.solve(z.T @ (w[:, None] * z), z.T @ (w * g))

    def penalized(b):
        e = eta + b * adjusted
        m = 1 / (1 + np.exp(-e))
        return np.sum(y * e - np.logaddexp(0, e)) + 0.5 * np.log(np.sum(m * (1 - m) * adjusted**2))

    best = optimize.minimize_scalar(lambda b: -penalized(b), bounds=(-30, 30), method="bounded",
                                    options={"xatol": 1e-12})
    reference = null_loglik + 0.5 * np.log(np.sum(w * adjusted**2))
    chi_square = max(0.0, 2 * (-best.fun - reference))
    return chi_square, stats.chi2.sf(chi_square, 1)


def mle(x, y, offset):
    import statsmodels.api as sm

    fit = sm.GLM(y, x, family=sm.families.Binomial(), offset=offset).fit(tol=1e-14, maxiter=200)
    return fit.params, fit.bse, fit.llf


def read_bed(prefix, variant_ids):
    """A1 counts (NaN where missing) per sample for the named variants."""
    bim = [line.split() for line in open(prefix + ".bim")]
    n = sum(1 for _ in open(prefix + ".fam"))
    stride = (n + 3) // 4
    data = np.fromfile(prefix + ".bed", dtype=np.uint8)[3:].reshape(len(bim), stride)
    row_of = {fields[1]: i for i, fields in enumerate(bim)}
    out = {}
    for variant in variant_ids:
        bits = np.unpackbits(data[row_of[variant]][:, None], axis=1, bitorder="little").reshape(-1, 2)[:n]
        code = bits[:, 0] + 2 * bits[:, 1]
        out[variant] = np.select([code == 0, code == 1, code == 2, code == 3], [2.0, np.nan, 1.0, 0.0])
    return out
