#include "predict/kernel_ridge.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include <cblas.h>

#include "core/progress.hpp"
#include "core/random.hpp"
#include "core/stopwatch.hpp"
#include "linalg/blas_threads.hpp"
#include "linalg/triangle_buffer.hpp"

namespace ridgeway {

namespace {

KernelFunction kernel_at(const KernelFunction& base, double bandwidth) {
    KernelFunction kernel = base;
    if (kernel.kind == KernelKind::gaussian) kernel.sigma2 = base.sigma2 * bandwidth * bandwidth;
    return kernel;
}

double penalty_for(double h2, double mean_diagonal) { return (1 - h2) / h2 * mean_diagonal; }

double mean_diagonal(const double* system, std::size_t n) {
    double sum = 0;
    for (std::size_t i = 0; i < n; ++i) sum += system[i * n + i];
    return sum / static_cast<double>(n);
}

std::vector<std::size_t> complement(const std::vector<std::size_t>& held, std::size_t n) {
    std::vector<bool> is_held(n, false);
    for (std::size_t i : held) is_held[i] = true;
    std::vector<std::size_t> rest;
    for (std::size_t i = 0; i < n; ++i)
        if (!is_held[i]) rest.push_back(i);
    return rest;
}

class CrossValidation {
public:
    CrossValidation(const TrainingGram& gram, const std::vector<double>& terms, const Matrix& y,
                    const KernelRidgeSettings& settings)
        : gram_(gram), terms_(terms), y_(y), settings_(settings), solver_(settings.precision) {}

    // Mean squared error of the held-out predictions, grid points x traits.
    Matrix run(const KernelFunction& base, const std::vector<GridPoint>& grid, SpdSolveTally& tally) {
        return cross_validated_errors(y_, grid.size(), settings_, [&](const auto& held, const auto& record) {
            const std::vector<std::size_t> train = complement(held, y_.rows());
            const Matrix y_train = take_rows(y_, train);
            Matrix cross(held.size(), train.size());
            for (std::size_t g = 0; g < grid.size(); ++g) {
                const KernelFunction kernel = kernel_at(base, grid[g].bandwidth);
                if (g == 0 || grid[g].bandwidth != grid[g - 1].bandwidth)
                    gram_.fill_cross(kernel, terms_, held, train, cross.data(), held.size(), settings_.threads);
                Matrix alpha = y_train;
                tally.add(solve(kernel, train, grid[g].h2, alpha));
                Matrix predicted(held.size(), y_.cols());
                const BlasThreads blas(settings_.threads);
                cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, static_cast<int>(held.size()),
                            static_cast<int>(y_.cols()), static_cast<int>(train.size()), 1.0, cross.data(),
                            static_cast<int>(held.size()), alpha.data(), static_cast<int>(train.size()), 0.0,
                            predicted.data(), static_cast<int>(held.size()));
                record(g, predicted);
            }
        });
    }

    // Solves (K(rows) + lambda I) alpha = alpha in place; the system is refilled from the Gram for every penalty
    // rather than copied, so that only one system-sized matrix is ever held.
    SpdSolveReport solve(const KernelFunction& kernel, const std::vector<std::size_t>& rows, double h2, Matrix& alpha,
                         double* penalty_out = nullptr) {
        const std::size_t n = rows.size();
        double* system = system_.resize(n);
        gram_.fill_lower(kernel, terms_, rows, system, n, settings_.threads);
        const double penalty = penalty_for(h2, mean_diagonal(system, n));
        for (std::size_t i = 0; i < n; ++i) system[i * n + i] += penalty;
        if (penalty_out) *penalty_out = penalty;
        const BlasThreads blas(settings_.threads);
        return solver_.solve(system, n, n, alpha.data(), alpha.cols(), n);
    }

    void release() { system_.release(); }

private:
    const TrainingGram& gram_;
    const std::vector<double>& terms_;
    const Matrix& y_;
    const KernelRidgeSettings& settings_;
    SpdSolver solver_;
    TriangleBuffer<double> system_;  // the lower triangle of each system
};

}  // namespace

std::vector<GridPoint> make_grid(const KernelRidgeSettings& settings) {
    std::vector<GridPoint> grid;
    const std::vector<double> bandwidths = settings.kind == KernelKind::linear ? std::vector<double>{0.0} : settings.bandwidths;
    for (double bandwidth : bandwidths)
        for (double h2 : settings.h2_grid) grid.push_back({bandwidth, h2});
    return grid;
}

std::vector<std::vector<std::size_t>> random_folds(std::size_t n, std::size_t k, std::uint64_t seed) {
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    Random random(seed, 0x666f6c6473);  // a stream of its own: the test-set draw uses another
    for (std::size_t i = n; i > 1; --i) std::swap(order[i - 1], order[random.below(i)]);
    std::vector<std::vector<std::size_t>> folds(k);
    for (std::size_t f = 0; f < k; ++f) {
        folds[f].assign(order.begin() + static_cast<std::ptrdiff_t>(f * n / k),
                        order.begin() + static_cast<std::ptrdiff_t>((f + 1) * n / k));
        std::sort(folds[f].begin(), folds[f].end());
    }
    return folds;
}

Matrix cross_validated_errors(const Matrix& y, std::size_t grid_points, const KernelRidgeSettings& settings,
                              const FoldFit& fold) {
    const std::size_t n = y.rows(), traits = y.cols();
    Matrix sse(grid_points, traits);
    const auto folds = random_folds(n, settings.folds, settings.seed);
    Progress progress("Cross-validation", grid_points * folds.size());
    std::size_t done = 0;
    for (const auto& held : folds)
        fold(held, [&](std::size_t g, const Matrix& predicted) {
            for (std::size_t t = 0; t < traits; ++t)
                for (std::size_t r = 0; r < held.size(); ++r) {
                    const double error = y(held[r], t) - predicted(r, t);
                    sse(g, t) += error * error;
                }
            progress.update(++done);
        });
    for (std::size_t i = 0; i < grid_points * traits; ++i) sse.data()[i] /= static_cast<double>(n);
    return sse;
}

std::vector<std::size_t> best_points(const Matrix& cv_mse, std::size_t traits) {
    std::vector<std::size_t> best(traits, 0);
    for (std::size_t t = 0; t < traits && cv_mse.rows(); ++t)
        for (std::size_t g = 1; g < cv_mse.rows(); ++g)
            if (cv_mse(g, t) < cv_mse(best[t], t)) best[t] = g;
    return best;
}

KernelRidgeFit fit_kernel_ridge(const TrainingGram& gram, const KernelFunction& base, const std::vector<double>& terms,
                                const Matrix& y, const KernelRidgeSettings& settings) {
    KernelRidgeFit fit;
    fit.grid = make_grid(settings);
    const std::size_t n = y.rows(), traits = y.cols();
    CrossValidation cv(gram, terms, y, settings);
    std::vector<std::size_t> best(traits, 0);
    if (fit.grid.size() > 1) {
        Stopwatch start;
        fit.cv_mse = cv.run(base, fit.grid, fit.cv_solves);
        best = best_points(fit.cv_mse, traits);
        fit.seconds.cross_validation = start.seconds();
    }
    fit.alpha = Matrix(n, traits);
    fit.choices.resize(traits);
    std::vector<std::size_t> all(n);
    std::iota(all.begin(), all.end(), 0);
    // One solve per grid point that some trait chose, for all of those traits at once.
    for (std::size_t g = 0; g < fit.grid.size(); ++g) {
        std::vector<std::size_t> chosen;
        for (std::size_t t = 0; t < traits; ++t)
            if (best[t] == g) chosen.push_back(t);
        if (chosen.empty()) continue;
        Matrix alpha = take_columns(y, chosen);
        const KernelFunction kernel = kernel_at(base, fit.grid[g].bandwidth);
        double penalty = 0;
        Stopwatch start;
        const SpdSolveReport report = cv.solve(kernel, all, fit.grid[g].h2, alpha, &penalty);
        fit.seconds.kernel_build += start.seconds() - report.factor_seconds - report.solve_seconds;
        fit.seconds.factorization += report.factor_seconds;
        fit.seconds.solve += report.solve_seconds;
        fit.final_solves.add(report);
        for (std::size_t k = 0; k < chosen.size(); ++k) {
            std::copy_n(alpha.column(k), n, fit.alpha.column(chosen[k]));
            const double mse = fit.cv_mse.rows() ? fit.cv_mse(g, chosen[k]) : std::numeric_limits<double>::quiet_NaN();
            fit.choices[chosen[k]] = {fit.grid[g], kernel, penalty, mse};
        }
    }
    cv.release();
    return fit;
}

}  // namespace ridgeway
