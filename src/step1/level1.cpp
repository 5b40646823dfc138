#include "step1/level1.hpp"

#include <algorithm>
#include <cmath>

#include "core/parallel.hpp"
#include "step1/level1_shared.hpp"
#include "step1/ridge_cv.hpp"

namespace ridgeway {

void standardize_columns(Matrix& w, int threads) {
    const std::size_t n = w.rows();
    for_each_in_turn(w.cols(), threads, [&](std::size_t j) {
        double mean = 0, ss = 0;
        for (std::size_t i = 0; i < n; ++i) mean += w(i, j);
        mean /= static_cast<double>(n);
        for (std::size_t i = 0; i < n; ++i) ss += (w(i, j) - mean) * (w(i, j) - mean);
        const double sd = std::sqrt(ss / static_cast<double>(n));
        for (std::size_t i = 0; i < n; ++i) w(i, j) = sd > 0 ? (w(i, j) - mean) / sd : 0.0;
    });
}

void loco_from_fold_fits(const Matrix& predictors, const std::vector<Matrix>& coefficients,
                         const Level1Layout& layout, int threads, Level1Fit& fit) {
    const std::size_t n = predictors.rows(), c = predictors.cols(), k = layout.chromosomes.size();
    std::vector<std::size_t> slot(c);
    for (std::size_t j = 0; j < c; ++j)
        slot[j] = static_cast<std::size_t>(
            std::find(layout.chromosomes.begin(), layout.chromosomes.end(), layout.column_chromosome[j]) -
            layout.chromosomes.begin());
    Matrix& loco = fit.loco = Matrix(n, k);
    std::vector<double>& whole = fit.whole_genome;
    whole.assign(n, 0.0);
    constexpr std::size_t kRows = 4096;  // rows per task
    for_each_in_turn((n + kRows - 1) / kRows, threads, [&](std::size_t chunk) {
        const std::size_t begin = chunk * kRows, end = std::min(n, begin + kRows);
        std::size_t fold = 0;
        std::vector<double> own(k);
        for (std::size_t i = begin; i < end; ++i) {
            // Row i's fold's coefficients (one fit for leave-one-out).
            while (fold + 1 < layout.folds.size() && i >= layout.folds[fold].end) ++fold;
            const Matrix& beta = coefficients[layout.folds.empty() ? 0 : fold];
            std::fill(own.begin(), own.end(), 0.0);
            double total = 0;
            for (std::size_t j = 0; j < c; ++j) {
                const double part = predictors(i, j) * beta(j, 0);
                total += part;
                own[slot[j]] += part;
            }
            whole[i] = total;
            for (std::size_t m = 0; m < k; ++m) loco(i, m) = total - own[m];
        }
    });
}

Level1Fit fit_level1(Matrix w, const std::vector<double>& y, const std::vector<bool>& observed,
                     const Level1Layout& layout, Precision precision, int threads) {
    const std::vector<Fold>& folds = layout.folds;
    const std::size_t n = w.rows(), c = w.cols();
    standardize_columns(w, threads);
    const Matrix& predictors = w;
    // Rows without a trait value take no part in the fit: zero rows of both sides.
    Matrix train = predictors, response(n, 1);
    for (std::size_t i = 0; i < n; ++i) {
        if (observed[i]) response(i, 0) = y[i];
        else
            for (std::size_t j = 0; j < c; ++j) train(i, j) = 0.0;
    }
    Level1Fit fit;
    fit.penalties = heritability_penalties(c);
    RidgeCvResult cv;
    ridge_cv(train, response, folds, fit.penalties, precision, true, cv, {}, threads);
    fit.solves = cv.solves;

    double mean = 0, variance = 0, count = 0;
    for (std::size_t i = 0; i < n; ++i)
        if (observed[i]) mean += y[i], ++count;
    mean /= count;
    for (std::size_t i = 0; i < n; ++i)
        if (observed[i]) variance += (y[i] - mean) * (y[i] - mean);
    double best_mse = INFINITY;
    for (std::size_t l = 0; l < fit.penalties.size(); ++l) {
        double sse = 0;
        for (std::size_t i = 0; i < n; ++i)
            if (observed[i]) sse += (y[i] - cv.predictions[l](i, 0)) * (y[i] - cv.predictions[l](i, 0));
        fit.cv_r2.push_back(1.0 - sse / variance);
        if (sse < best_mse) best_mse = sse, fit.chosen = l;
    }

    // LOCO: the full prediction minus the chromosome's own columns.
    loco_from_fold_fits(predictors, cv.coefficients[fit.chosen], layout, threads, fit);
    return fit;
}

}  // namespace ridgeway
