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
    null_fit_failed,   // NULL_FIT_FAILED: the covariate-only logistic model has no maximum (covariates separate the trait)
    firth_failed,      // FIRTH_FAILED: the Firth fit did not converge
    spa_failed,        // SPA_FAILED: the saddle-point equation has no solution
    conditioning_variant,  // CONDITIONING_VARIANT: a covariate of the tests (--condition-list), not tested itself
    fit_failed,        // FIT_FAILED: the logistic model with the variant's terms did not converge (separation?)
    high_leverage,     // HIGH_LEVERAGE: a sample fitted exactly (leverage 1), for which HC3 is undefined
};

const char* error_code_name(ErrorCode code);

// The quantitative test's statistic (--test-stat): beta / se with the residual variance of the fit with the variant
// and Student's t with N - K - 1 degrees of freedom (plink2 --glm), or with the residual variance of the null model
// (no variant; LOCO prediction subtracted) and a standard normal reference (regenie's step 2). K counts the
// covariate columns, intercept included.
enum class LinearStatistic { t, normal };

// How a row's p-value was obtained (the TEST column of case/control results; METHOD in models with several terms,
// whose case/control p-values are Wald tests of the logistic fit unless Firth's correction replaced them).
enum class TestKind { linear, score, firth, spa, wald };

const char* test_kind_name(TestKind kind);

struct AssocResult {
    std::size_t n = 0;      // samples in the test
    double a1_freq = 0;     // frequency of the counted allele among them
    double info = 1;        // imputation quality of dosages among them (MACH R2); 1 for hard calls
    double beta = 0, se = 0, t = 0;  // beta / se: a t statistic (linear t test) or a z statistic (the other tests)
    double log10_p = 0;     // log10 of the p-value (<= 0)
    ErrorCode error = ErrorCode::none;
    // Case/control traits only; beta is on the log-odds scale (log odds ratio per counted allele).
    TestKind test = TestKind::linear;
    std::size_t n_cases = 0, n_controls = 0;
    double a1_freq_cases = 0, a1_freq_controls = 0;
};

}  // namespace ridgeway
