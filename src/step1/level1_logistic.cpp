#include <algorithm>
#include <cmath>
#include <numbers>

#include <lapacke.h>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "linalg/blocked_products.hpp"
#include "step1/level1.hpp"
#include "step1/level1_shared.hpp"
#include "step1/ridge_cv.hpp"
#include "stats/logistic_regression.hpp"

namespace ridgeway {

namespace {

constexpr int kMaxIterations = 50;
constexpr double kTolerance = 1e-8;  // on the largest coefficient change; predictions need no more

// Ridge logistic regression on the rows with weight 1 in `train`: minimizes -loglik + penalty |beta|^2 / 2 by Newton
// with step halving, from `beta` (warm start from the previous penalty). False when it does not converge. The passes
// over x (N x c: the linear predictor, the gradient and the Hessian, N c^2) are shared among `threads` threads in
// fixed blocks (linalg/blocked_products), so the fit is the same for any number.
bool fit_ridge_logistic(const Matrix& x, const std::vector<double>& y, const std::vector<double>& offset,
                        const std::vector<char>& train, double penalty, int threads, std::vector<double>& beta) {
    const std::size_t n = x.rows(), c = x.cols();
    const ColumnMajor all{x.data(), n, c, n};
    std::vector<double> eta(n), root_w(n), residual(n);
    Matrix weighted(n, c), hessian(c, c);
    std::vector<double> gradient(c);
    auto objective = [&](const std::vector<double>& b, bool derivatives) {
        eta = offset;
        multiply(all, b.data(), 1.0, eta.data(), threads);
        double value = 0;
        std::fill(residual.begin(), residual.end(), 0.0);
        if (derivatives) std::fill(root_w.begin(), root_w.end(), 0.0);  // rows outside `train` weigh nothing
        for (std::size_t i = 0; i < n; ++i) {
            if (!train[i]) continue;
            value -= y[i] * eta[i] - log_one_plus_exp(eta[i]);
            const double mu = logistic(eta[i]);
            residual[i] = y[i] - mu;
            if (derivatives) root_w[i] = std::sqrt(mu * (1.0 - mu));
        }
        for (double v : b) value += 0.5 * penalty * v * v;
        if (derivatives) {
            for_each_in_turn(c, threads, [&](std::size_t j) {
                for (std::size_t i = 0; i < n; ++i) weighted(i, j) = root_w[i] * x(i, j);
            });
            multiply_transposed(all, residual.data(), gradient.data(), threads);
            for (std::size_t j = 0; j < c; ++j) gradient[j] -= penalty * b[j];
            gram_lower({weighted.data(), n, c, n}, threads, hessian.data(), c);
            for (std::size_t j = 0; j < c; ++j) hessian(j, j) += penalty;
        }
        return value;
    };
    double current = objective(beta, true);
    std::vector<double> trial(c);
    for (int iteration = 0; iteration < kMaxIterations; ++iteration) {
        std::vector<double> step = gradient;
        if (LAPACKE_dposv(LAPACK_COL_MAJOR, 'L', c, 1, hessian.data(), c, step.data(), c) != 0) return false;
        double value = 0, largest = 0;
        for (int halving = 0; halving < 30; ++halving) {
            for (std::size_t j = 0; j < c; ++j) trial[j] = beta[j] + step[j];
            value = objective(trial, false);
            if (value <= current) break;
            for (double& s : step) s *= 0.5;
        }
        if (!(value <= current)) return false;
        for (double s : step) largest = std::max(largest, std::abs(s));
        beta = trial;
        current = objective(beta, true);
        if (largest <= kTolerance * (1.0 + largest)) return true;
    }
    return false;
}

double binomial_deviance(double y, double eta) { return 2.0 * (log_one_plus_exp(eta) - y * eta); }

}  // namespace

Level1Fit fit_level1_logistic(Matrix w, const std::vector<double>& y, const std::vector<bool>& observed,
                              const std::vector<double>& offset, const Level1Layout& layout, int threads) {
    const std::size_t n = w.rows(), c = w.cols();
    const std::vector<Fold>& folds = layout.folds;
    standardize_columns(w, threads);
    // The heritability grid on the liability scale: logistic residual variance pi^2 / 3 instead of 1 - h2.
    Level1Fit fit;
    fit.penalties = heritability_penalties(c);
    for (double& penalty : fit.penalties) penalty *= 3.0 / (std::numbers::pi * std::numbers::pi);

    // Penalties from the strongest down, each fold warm-started from the previous penalty's fit.
    std::vector<std::size_t> order(fit.penalties.size());
    for (std::size_t l = 0; l < order.size(); ++l) order[l] = l;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return fit.penalties[a] > fit.penalties[b]; });
    std::vector<std::vector<Matrix>> coefficients(fit.penalties.size(), std::vector<Matrix>(folds.size(), Matrix(c, 1)));
    std::vector<double> deviance(fit.penalties.size(), 0.0);
    double offset_deviance = 0;
    for (std::size_t i = 0; i < n; ++i)
        if (observed[i]) offset_deviance += binomial_deviance(y[i], offset[i]);
    for (std::size_t k = 0; k < folds.size(); ++k) {
        std::vector<char> train(n, 0);
        for (std::size_t i = 0; i < n; ++i) train[i] = observed[i] && (i < folds[k].begin || i >= folds[k].end);
        std::vector<double> beta(c, 0.0);
        for (std::size_t l : order) {
            if (!fit_ridge_logistic(w, y, offset, train, fit.penalties[l], threads, beta))
                throw Error(ErrorKind::numerical,
                            "level 1 ridge logistic regression did not converge (fold " + std::to_string(k + 1) + ")");
            std::copy(beta.begin(), beta.end(), coefficients[l][k].data());
            for (std::size_t i = folds[k].begin; i < folds[k].end; ++i) {
                if (!observed[i]) continue;
                double eta = offset[i];
                for (std::size_t j = 0; j < c; ++j) eta += w(i, j) * beta[j];
                deviance[l] += binomial_deviance(y[i], eta);
            }
        }
    }
    for (std::size_t l = 0; l < fit.penalties.size(); ++l) {
        fit.cv_r2.push_back(1.0 - deviance[l] / offset_deviance);
        if (deviance[l] < deviance[fit.chosen]) fit.chosen = l;
    }
    loco_from_fold_fits(w, coefficients[fit.chosen], layout, threads, fit);
    return fit;
}

}  // namespace ridgeway
