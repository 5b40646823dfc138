#pragma once
// One variant's result for one trait, and the reasons a row can have no result.
#include <cstddef>

namespace ridgeway {

enum class ErrorCode {
    none,
    constant_allele,   // CONST_ALLELE: the variant does not vary among the trait's samples
    vif_too_high,      // VIF_TOO_HIGH: the covariates (nearly) determine the genotype
    too_few_samples,   // TOO_FEW_SAMPLES: no residual degrees of freedom
    perfect_fit,       // PERFECT_FIT: zero residual variance
    covariates_singular,  // COVAR_SINGULAR: dropping samples with missing calls left the covariates collinear
};

const char* error_code_name(ErrorCode code);

struct AssocResult {
    std::size_t n = 0;      // samples in the test
    double a1_freq = 0;     // frequency of the counted allele among them
    double beta = 0, se = 0, t = 0;
    double log10_p = 0;     // log10 of the p-value (<= 0)
    ErrorCode error = ErrorCode::none;
};

}  // namespace ridgeway
