#pragma once
// What the linear models of multicol/ prepare once per run of variants: traits that share their missing samples
// share one sample set, with an orthonormal basis Q of (1, covariates) over it (zero on the other rows) and each
// row's covariate leverage |Q_i|^2 (HC3's h_i is that plus the variant columns' share); each trait's residual on
// its set's basis.
#include <cstdint>
#include <vector>

#include "linalg/matrix.hpp"

namespace ridgeway {

struct LinearSampleSet {
    std::vector<std::size_t> traits;
    std::vector<std::uint8_t> in;  // per cohort row: 1 in the set
    std::size_t rows = 0;
    Matrix basis;                  // cohort rows x rank
    std::vector<double> leverage;  // per cohort row
};

struct LinearModelData {
    std::vector<LinearSampleSet> sets;
    std::vector<std::size_t> set_of;  // per trait
    Matrix residuals;                 // cohort rows x traits, 0 off the trait's set
    std::vector<double> residual_ss;  // per trait
};

// `traits`: cohort rows x traits, NaN where missing; `covariates` complete.
LinearModelData prepare_linear_model(const Matrix& traits, const Matrix& covariates);

}  // namespace ridgeway
