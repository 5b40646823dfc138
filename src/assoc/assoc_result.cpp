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
    }
    return "?";
}

}  // namespace ridgeway
