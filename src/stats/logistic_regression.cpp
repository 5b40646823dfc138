#include "stats/logistic_regression.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include <cblas.h>
#include <lapacke.h>

#include "linalg/genotype_kernels.hpp"

namespace ridgeway {

namespace {

constexpr int kMaxIterations = 100;
constexpr int kMaxHalvings = 30;
constexpr double kMaxStep = 5.0;         // a Newton step moving any log-odds by more than this is shortened
constexpr double kStepTolerance = 1e-9;  // converged when no coefficient moves by more than this (relative)
// A fitted log-odds (beyond the offset) this large means the maximum is at infinity: without Firth's penalty, a
// probability of 1e-13 or closer to 0 or 1 is (quasi-)separation; with it, only a runaway iteration.
constexpr double kSeparation = 30.0;
constexpr double kRunaway = 1e3;

// Everything the Newton loop needs at one point.
struct Evaluation {
    bool ok = false;
    double log_likelihood = 0;
    std::vector<double> fitted;
    Matrix factor;               // Cholesky factor (lower) of X'WX
    std::vector<double> score;   // (penalized) score
    std::vector<double> step;    // (X'WX)^-1 score
    double largest_linear = 0;   // max |eta - offset|
};

void evaluate(const LogisticData& data, LogisticPenalty penalty, const std::vector<double>& beta, LogisticWorkspace& scratch,
              Evaluation& e) {
    const std::size_t n = data.x.rows(), p = data.x.cols();
    e.ok = false;
    e.log_likelihood = 0;
    e.largest_linear = 0;
    std::vector<double>& eta = scratch.eta;
    eta = data.offset;
    if (p > 0) cblas_dgemv(CblasColMajor, CblasNoTrans, n, p, 1.0, data.x.data(), n, beta.data(), 1, 1.0, eta.data(), 1);
    e.fitted.resize(n);
    Matrix& weighted = scratch.weighted;
    std::vector<double>& residual = scratch.residual;
    residual.resize(n);
    const bool one_pass =
        data.one_pass_information && penalty == LogisticPenalty::none && p > 0 && p <= kGramColumns;
    std::vector<double>& weights = scratch.weights;
    if (one_pass) weights.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        // One exponential gives both mu and log(1 + e^eta).
        const double decay = std::exp(-std::abs(eta[i]));
        const double mu = eta[i] >= 0 ? 1.0 / (1.0 + decay) : decay / (1.0 + decay);
        e.largest_linear = std::max(e.largest_linear, std::abs(eta[i] - data.offset[i]));
        e.fitted[i] = mu;
        e.log_likelihood += data.y[i] * eta[i] - (std::max(eta[i], 0.0) + std::log1p(decay));
        residual[i] = data.y[i] - mu;
        if (one_pass) {
            weights[i] = mu * (1.0 - mu);
            continue;
        }
        const double root_w = std::sqrt(mu * (1.0 - mu));
        for (std::size_t j = 0; j < p; ++j) weighted(i, j) = root_w * data.x(i, j);
    }
    if (e.factor.rows() != p) e.factor = Matrix(p, p);
    if (one_pass)
        column_gram(data.x.data(), p, n, weights.data(), e.factor.data());
    else
        cblas_dsyrk(CblasColMajor, CblasLower, CblasTrans, p, n, 1.0, weighted.data(), n, 0.0, e.factor.data(), p);
    if (LAPACKE_dpotrf(LAPACK_COL_MAJOR, 'L', p, e.factor.data(), p) != 0) return;
    for (std::size_t j = 0; j < p; ++j)
        if (!(e.factor(j, j) > 1e-150)) return;
    if (penalty == LogisticPenalty::firth) {
        for (std::size_t j = 0; j < p; ++j) e.log_likelihood += std::log(e.factor(j, j));
        // Hat values h_i = w_i x_i'(X'WX)^-1 x_i: squared row norms of W^1/2 X L^-T.
        cblas_dtrsm(CblasColMajor, CblasRight, CblasLower, CblasTrans, CblasNonUnit, n, p, 1.0, e.factor.data(), p,
                    weighted.data(), n);
        for (std::size_t i = 0; i < n; ++i) {
            double h = 0;
            for (std::size_t j = 0; j < p; ++j) h += weighted(i, j) * weighted(i, j);
            residual[i] += h * (0.5 - e.fitted[i]);
        }
    }
    // The free coefficients lead, and the leading block of the Cholesky factor is the factor of their own
    // information, so one factorization gives both the penalty and the step; fixed coefficients neither score nor move.
    const std::size_t free = p - data.fixed;
    e.score.assign(p, 0.0);
    if (free > 0)
        cblas_dgemv(CblasColMajor, CblasTrans, n, free, 1.0, data.x.data(), n, residual.data(), 1, 0.0, e.score.data(), 1);
    e.step = e.score;
    if (free > 0) LAPACKE_dpotrs(LAPACK_COL_MAJOR, 'L', free, 1, e.factor.data(), p, e.step.data(), p);
    e.ok = std::isfinite(e.log_likelihood);
}

// A workspace buffer in use by the fit, handed back however the fit ends.
class Lent {
public:
    Lent(std::vector<double>& user, std::vector<double>& owner) : user_(user), owner_(owner) { user_.swap(owner_); }
    ~Lent() { user_.swap(owner_); }
    Lent(const Lent&) = delete;
    Lent& operator=(const Lent&) = delete;

private:
    std::vector<double>& user_;
    std::vector<double>& owner_;
};

double max_abs(const std::vector<double>& v) {
    double m = 0;
    for (double x : v) m = std::max(m, std::abs(x));
    return m;
}

}  // namespace

double logistic(double eta) {
    return eta >= 0 ? 1.0 / (1.0 + std::exp(-eta)) : std::exp(eta) / (1.0 + std::exp(eta));
}

double log_one_plus_exp(double eta) { return eta > 0 ? eta + std::log1p(std::exp(-eta)) : std::log1p(std::exp(eta)); }

LogisticFit fit_logistic(const LogisticData& data, LogisticPenalty penalty, const std::vector<double>& start,
                         LogisticWorkspace* workspace) {
    const std::size_t p = data.x.cols();
    LogisticFit fit;
    fit.beta = start.empty() ? std::vector<double>(p, 0.0) : start;
    LogisticWorkspace own;
    LogisticWorkspace& scratch = workspace ? *workspace : own;
    scratch.weighted.reshape(data.x.rows(), p);
    Evaluation current, candidate;
    // The evaluations' fitted values live in the workspace's buffers, lent for the fit; it returns a copy.
    const Lent lent_current(current.fitted, scratch.current_fitted);
    const Lent lent_candidate(candidate.fitted, scratch.candidate_fitted);
    evaluate(data, penalty, fit.beta, scratch, current);
    if (!current.ok) return fit;
    std::vector<double> trial(p), previous_step(p, 0.0);
    std::vector<double>& change = scratch.change;
    change.resize(data.x.rows());
    for (fit.iterations = 1; fit.iterations <= kMaxIterations; ++fit.iterations) {
        std::vector<double> step = current.step;
        // The cap applies to the change of the linear predictor, not of the coefficients: on an orthonormal design
        // the intercept's coefficient is logit(prevalence) * sqrt(n), hundreds for a rare trait in a large cohort.
        cblas_dgemv(CblasColMajor, CblasNoTrans, data.x.rows(), p, 1.0, data.x.data(), data.x.rows(), step.data(), 1,
                    0.0, change.data(), 1);
        const double longest = max_abs(change);
        if (!std::isfinite(longest) || !std::isfinite(max_abs(step))) return fit;
        if (longest > kMaxStep)
            for (double& s : step) s *= kMaxStep / longest;
        // Firth's iteration uses X'WX, not the penalized Hessian, and can bounce between two points around the
        // optimum along a poorly determined direction: a step that reverses the last one is halved first.
        double reversal = 0;
        for (std::size_t j = 0; j < p; ++j) reversal += step[j] * previous_step[j];
        if (reversal < 0)
            for (double& s : step) s *= 0.5;
        bool accepted = false;
        const double slack = 1e-12 * (1.0 + std::abs(current.log_likelihood));
        for (int halving = 0; halving <= kMaxHalvings && !accepted; ++halving) {
            for (std::size_t j = 0; j < p; ++j) trial[j] = fit.beta[j] + step[j];
            evaluate(data, penalty, trial, scratch, candidate);
            accepted = candidate.ok && candidate.log_likelihood >= current.log_likelihood - slack;
            if (!accepted)
                for (double& s : step) s *= 0.5;
        }
        if (!accepted) break;  // no step improves: at the optimum to rounding, judged below
        fit.beta = trial;
        previous_step = step;
        std::swap(current, candidate);
        if (current.largest_linear > (penalty == LogisticPenalty::none ? kSeparation : kRunaway)) return fit;
        if (max_abs(step) <= kStepTolerance * std::max(1.0, max_abs(fit.beta))) {
            fit.converged = true;
            break;
        }
    }
    if (!fit.converged) fit.converged = max_abs(current.step) <= 1e-6 * std::max(1.0, max_abs(fit.beta));
    fit.fitted = current.fitted;
    fit.log_likelihood = current.log_likelihood;
    fit.covariance = current.factor;
    LAPACKE_dpotri(LAPACK_COL_MAJOR, 'L', p, fit.covariance.data(), p);
    for (std::size_t a = 0; a < p; ++a)
        for (std::size_t b = a + 1; b < p; ++b) fit.covariance(a, b) = fit.covariance(b, a);
    return fit;
}

}  // namespace ridgeway
