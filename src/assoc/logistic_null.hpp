#pragma once
// The null models of step 2 for case/control traits, fitted once per run of variants (per chromosome with step-1
// predictions): logistic regression of each trait on an intercept and the covariates, with the run's LOCO
// prediction as offset. Everything a variant's score test needs is precomputed from the fit, so that a test costs
// one product of the genotype with a few columns per trait.
#include <cstdint>
#include <vector>

#include "linalg/matrix.hpp"

namespace ridgeway {

struct LogisticNull {
    bool usable = false;              // the null fit converged
    std::vector<std::size_t> rows;    // cohort rows with a trait value, increasing
    Matrix design;                    // rows x rank: orthonormal basis of (1, covariates) over those rows
    std::vector<double> y, offset;    // over rows: 0/1 trait, LOCO offset (0 without step 1)
    std::vector<double> beta;         // null coefficients on `design`
    std::vector<double> fitted, eta;  // over rows: mu and the linear predictor
    double log_likelihood = 0;
    Matrix adjust;                    // rows x rank: C with C C' = design (design' W design)^-1 design'
    std::size_t cases = 0, controls = 0;
    double weight_sum = 0;            // sum of mu (1 - mu)
    // Covariates-only Firth fit: where the exact Firth fits of the variants (the full model and, for the
    // likelihood-ratio test, the one with the variant's coefficient held at 0) start.
    std::vector<double> firth_beta;
    bool firth_usable = false;
};

struct LogisticNullSet {
    std::vector<LogisticNull> traits;
    // cohort rows x sum over traits of (rank + 4): per trait [W C | y - mu | w | case | observed], 0 on rows
    // without a value; a genotype's product with these gives its score, variance and allele counts.
    Matrix columns;
    std::vector<std::size_t> first_column;  // per trait
    std::vector<std::vector<std::int8_t>> status;  // per trait, per cohort row: -1 no value, 0 control, 1 case

    std::size_t rank(std::size_t trait) const { return traits[trait].design.cols(); }
};

// `traits` is cohort rows x traits coded 0/1 with NaN where missing; `offsets` the LOCO column per trait (or
// empty); `firth_start` fits the covariates-only Firth model too.
LogisticNullSet fit_logistic_nulls(const Matrix& traits, const Matrix& covariates,
                                   const std::vector<std::vector<double>>& offsets, bool firth_start);

}  // namespace ridgeway
