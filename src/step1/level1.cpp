#include "step1/level1.hpp"

#include <algorithm>
#include <cmath>

#include "step1/ridge_cv.hpp"

namespace ridgeway {

namespace {

// Columns centred and scaled to unit variance over all rows, in place; constant columns (a block whose variants
// were all dropped) become zero.
void standardize_columns(Matrix& w) {
    const std::size_t n = w.rows();
    for (std::size_t j = 0; j < w.cols(); ++j) {
        double mean = 0, ss = 0;
        for (std::size_t i = 0; i < n; ++i) mean += w(i, j);
        mean /= static_cast<double>(n);
        for (std::size_t i = 0; i < n; ++i) ss += (w(i, j) - mean) * (w(i, j) - mean);
        const double sd = std::sqrt(ss / static_cast<double>(n));
        for (std::size_t i = 0; i < n; ++i) w(i, j) = sd > 0 ? (w(i, j) - mean) / sd : 0.0;
    }
}

// Which coefficients predict row i: its fold's (one fit for leave-one-out).
std::size_t fit_for_row(const std::vector<Fold>& folds, std::size_t row) {
    for (std::size_t k = 0; k < folds.size(); ++k)
        if (row >= folds[k].begin && row < folds[k].end) return k;
    return 0;
}

}  // namespace

Level1Fit fit_level1(Matrix w, const std::vector<double>& y, const std::vector<bool>& observed,
                     const std::vector<int>& column_chromosome, const std::vector<int>& chromosomes,
                     const std::vector<Fold>& folds) {
    const std::size_t n = w.rows(), c = w.cols();
    standardize_columns(w);
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
    ridge_cv(train, response, folds, fit.penalties, true, cv);

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
    const auto& coefficients = cv.coefficients[fit.chosen];
    std::vector<std::size_t> slot(c);
    for (std::size_t j = 0; j < c; ++j)
        slot[j] = static_cast<std::size_t>(std::find(chromosomes.begin(), chromosomes.end(), column_chromosome[j]) -
                                           chromosomes.begin());
    fit.loco = Matrix(n, chromosomes.size());
    for (std::size_t i = 0; i < n; ++i) {
        const Matrix& beta = coefficients[fit_for_row(folds, i)];
        std::vector<double> own(chromosomes.size(), 0.0);
        double total = 0;
        for (std::size_t j = 0; j < c; ++j) {
            const double part = predictors(i, j) * beta(j, 0);
            total += part;
            own[slot[j]] += part;
        }
        for (std::size_t k = 0; k < chromosomes.size(); ++k) fit.loco(i, k) = total - own[k];
    }
    return fit;
}

}  // namespace ridgeway
