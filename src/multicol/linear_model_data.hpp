#pragma once
// What the linear models of multicol/ prepare once per run of variants: traits that share their missing samples
// share one sample set, with an orthonormal basis Q of (1, covariates) over it (zero on the other rows) and each
// row's covariate leverage |Q_i|^2 (HC3's h_i is that plus the variant columns' share); each trait's residual on
// its set's basis; and per set the columns [Q | e_t for its traits | 1] whose products with a variant's columns give
// everything its fits need but the columns' own Gram.
#include <cstdint>
#include <vector>

#include "linalg/matrix.hpp"
#include "multicol/variant_columns.hpp"

namespace ridgeway {

struct LinearSampleSet {
    std::vector<std::size_t> traits;
    SampleSubset subset;           // the set's cohort rows
    std::size_t rows = 0;
    Matrix basis;                  // cohort rows x rank
    std::vector<double> leverage;  // per cohort row
    Matrix products;               // cohort rows x (rank + traits + 1): [Q | e_t | 1 on the set's rows]
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
