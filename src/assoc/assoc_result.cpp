#include "assoc/assoc_result.hpp"

namespace ridgeway {

const char* error_code_name(ErrorCode code) {
    switch (code) {
        case ErrorCode::none: return ".";
        case ErrorCode::constant_allele: return "CONST_ALLELE";
        case ErrorCode::vif_too_high: return "VIF_TOO_HIGH";
        case ErrorCode::too_few_samples: return "TOO_FEW_SAMPLES";
        case ErrorCode::perfect_fit: return "PERFECT_FIT";
        case ErrorCode::covariates_singular: return "COVAR_SINGULAR";
        case ErrorCode::null_fit_failed: return "NULL_FIT_FAILED";
        case ErrorCode::firth_failed: return "FIRTH_FAILED";
        case ErrorCode::spa_failed: return "SPA_FAILED";
        case ErrorCode::conditioning_variant: return "CONDITIONING_VARIANT";
        case ErrorCode::fit_failed: return "FIT_FAILED";
        case ErrorCode::high_leverage: return "HIGH_LEVERAGE";
    }
    return "?";
}

const char* test_kind_name(TestKind kind) {
    switch (kind) {
        case TestKind::linear: return "LINEAR";
        case TestKind::score: return "SCORE";
        case TestKind::firth: return "FIRTH";
        case TestKind::spa: return "SPA";
        case TestKind::wald: return "WALD";
    }
    return "?";
}

}  // namespace ridgeway
