#include "assoc/logistic_null.hpp"

#include <cmath>

#include <cblas.h>
#include <lapacke.h>

#include "linalg/orthonormal_basis.hpp"
#include "stats/logistic_regression.hpp"

namespace ridgeway {

namespace {

constexpr std::size_t kExtraColumns = 4;  // y - mu, w, case, observed

LogisticNull fit_one(const Matrix& traits, std::size_t t, const Matrix& covariates, const std::vector<double>* offset,
                     bool firth_start) {
    LogisticNull null;
    for (std::size_t i = 0; i < traits.rows(); ++i)
        if (!std::isnan(traits(i, t))) null.rows.push_back(i);
    const std::size_t n = null.rows.size();
    null.design = intercept_and_covariates_basis(covariates, null.rows);
    for (std::size_t row : null.rows) {
        null.y.push_back(traits(row, t));
        null.offset.push_back(offset != nullptr ? (*offset)[row] : 0.0);
        (traits(row, t) == 1.0 ? null.cases : null.controls) += 1;
    }
    const LogisticData data{null.design, null.y, null.offset};
    LogisticFit fit = fit_logistic(data, LogisticPenalty::none);
    if (!fit.converged) return null;
    null.beta = fit.beta;
    null.fitted = fit.fitted;
    null.log_likelihood = fit.log_likelihood;
    null.eta = null.offset;
    const std::size_t r = null.design.cols();
    cblas_dgemv(CblasColMajor, CblasNoTrans, n, r, 1.0, null.design.data(), n, null.beta.data(), 1, 1.0, null.eta.data(), 1);

    // C = X L^-T with L L' = X'WX.
    Matrix weighted(n, r);
    for (std::size_t i = 0; i < n; ++i) {
        const double w = null.fitted[i] * (1.0 - null.fitted[i]);
        null.weight_sum += w;
        for (std::size_t c = 0; c < r; ++c) weighted(i, c) = std::sqrt(w) * null.design(i, c);
    }
    Matrix factor(r, r);
    cblas_dsyrk(CblasColMajor, CblasLower, CblasTrans, r, n, 1.0, weighted.data(), n, 0.0, factor.data(), r);
    if (LAPACKE_dpotrf(LAPACK_COL_MAJOR, 'L', r, factor.data(), r) != 0) return null;
    null.adjust = null.design;
    cblas_dtrsm(CblasColMajor, CblasRight, CblasLower, CblasTrans, CblasNonUnit, n, r, 1.0, factor.data(), r,
                null.adjust.data(), n);
    null.usable = true;
    if (firth_start) {
        LogisticFit firth = fit_logistic(data, LogisticPenalty::firth, null.beta);
        null.firth_usable = firth.converged;
        null.firth_beta = firth.beta;
    }
    return null;
}

}  // namespace

LogisticNullSet fit_logistic_nulls(const Matrix& traits, const Matrix& covariates,
                                   const std::vector<std::vector<double>>& offsets, bool firth_start) {
    const std::size_t n = traits.rows(), p = traits.cols();
    LogisticNullSet set;
    std::size_t width = 0;
    for (std::size_t t = 0; t < p; ++t) {
        set.traits.push_back(fit_one(traits, t, covariates, offsets.empty() ? nullptr : &offsets[t], firth_start));
        set.first_column.push_back(width);
        width += set.traits.back().design.cols() + kExtraColumns;
    }
    set.columns = Matrix(n, width);
    for (std::size_t t = 0; t < p; ++t) {
        const LogisticNull& null = set.traits[t];
        std::vector<std::int8_t> status(n, -1);
        for (std::size_t k = 0; k < null.rows.size(); ++k) status[null.rows[k]] = static_cast<std::int8_t>(null.y[k]);
        set.status.push_back(std::move(status));
        if (!null.usable) continue;
        const std::size_t r = null.design.cols(), first = set.first_column[t];
        for (std::size_t k = 0; k < null.rows.size(); ++k) {
            const std::size_t row = null.rows[k];
            const double mu = null.fitted[k], w = mu * (1.0 - mu);
            for (std::size_t c = 0; c < r; ++c) set.columns(row, first + c) = w * null.adjust(k, c);
            set.columns(row, first + r) = null.y[k] - mu;
            set.columns(row, first + r + 1) = w;
            set.columns(row, first + r + 2) = null.y[k];
            set.columns(row, first + r + 3) = 1.0;
        }
    }
    return set;
}

}  // namespace ridgeway
