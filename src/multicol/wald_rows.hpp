#pragma once
// A model's result rows from its variant coefficients and their covariance: one Wald test per coefficient and the
// joint test of all of them, against Student's t and F (linear models with residual degrees of freedom) or the
// normal and chi-square. Shared by the linear and logistic models of multicol/.
#include <cstddef>

#include "assoc/assoc_result.hpp"

namespace ridgeway {

struct WaldReference {
    bool t = false;   // t and F with `df` degrees of freedom; else normal and chi-square
    double df = 0;
};

// rows[j], j < m: beta[j], its SE and t (or z) and p; rows[m]: the joint statistic in `t` (F = chi-square / m for the
// t reference, the chi-square otherwise) and its p. `covariance` is m x m, column-major. False when it is not
// positive definite (the rows are then left unset).
bool fill_wald_rows(const double* beta, const double* covariance, std::size_t m, const WaldReference& reference,
                    AssocResult* rows);

// The same error on all m + 1 rows.
void fill_error_rows(ErrorCode error, std::size_t m, AssocResult* rows);

}  // namespace ridgeway
