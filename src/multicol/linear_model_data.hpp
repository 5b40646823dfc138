#pragma once
// What the linear models of multicol/ prepare once per run of variants. The rows with a value of any trait (their
// union) get one orthonormal basis Q of (1, covariates); traits that share their missing samples share a sample set.
// A set's missing rows M are taken out as the additive test takes them (assoc/trait_set.hpp): over the set, Q's rows
// have the Gram I - Q_M'Q_M, whose inverse G^-1 turns Q'V into the projection of V on the set's covariates, and each
// row's covariate leverage is q_i'G^-1 q_i (HC3's h_i is that plus the variant columns' share). Each trait's residual
// on the covariates is over its set. A variant's columns are formed once over the union, and one pass of them against
// [Q | e_t for every trait | 1] gives every set's products but those of its few missing rows.
#include <cstdint>
#include <vector>

#include "linalg/matrix.hpp"
#include "multicol/variant_columns.hpp"

namespace ridgeway {

struct LinearSampleSet {
    std::vector<std::size_t> traits;
    SampleSubset subset;              // the set's cohort rows
    std::vector<std::size_t> dropped; // rows of the union outside the set (M)
    std::size_t rows = 0;
    bool usable = true;               // false when the covariates are collinear over the set
    std::vector<double> inverse;      // rank x rank: G^-1 = (I - Q_M'Q_M)^-1
    std::vector<double> leverage;     // per cohort row: q_i'G^-1 q_i on the set's rows, else 0
};

struct LinearModelData {
    std::vector<LinearSampleSet> sets;
    std::vector<std::size_t> set_of;  // per trait
    SampleSubset all;                 // the union of the sets' rows
    Matrix basis;                     // cohort rows x rank: Q over the union, 0 elsewhere
    Matrix residuals;                 // cohort rows x traits, 0 off the trait's set
    std::vector<double> residual_ss;  // per trait
    Matrix products;                  // cohort rows x (rank + traits + 1): [Q | e_t | 1 on the union]
};

// `traits`: cohort rows x traits, NaN where missing; `covariates` complete.
LinearModelData prepare_linear_model(const Matrix& traits, const Matrix& covariates);

}  // namespace ridgeway
