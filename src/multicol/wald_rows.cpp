#include "multicol/wald_rows.hpp"

#include <cmath>
#include <numbers>
#include <vector>

#include <lapacke.h>

#include "stats/distributions.hpp"

namespace ridgeway {

bool fill_wald_rows(const double* beta, const double* covariance, std::size_t m, const WaldReference& reference,
                    AssocResult* rows) {
    std::vector<double> factor(covariance, covariance + m * m), solved(beta, beta + m);
    const auto size = static_cast<lapack_int>(m);
    if (LAPACKE_dpotrf(LAPACK_COL_MAJOR, 'L', size, factor.data(), size) != 0) return false;
    LAPACKE_dpotrs(LAPACK_COL_MAJOR, 'L', size, 1, factor.data(), size, solved.data(), size);
    double chi_square = 0;
    for (std::size_t j = 0; j < m; ++j) chi_square += beta[j] * solved[j];
    for (std::size_t j = 0; j < m; ++j) {
        AssocResult& row = rows[j];
        row.beta = beta[j];
        row.se = std::sqrt(covariance[j * m + j]);
        row.t = row.beta / row.se;
        row.log10_p = (reference.t ? log_p_two_sided_t(row.t, reference.df) : log_p_two_sided_normal(row.t)) /
                      std::numbers::ln10;
    }
    AssocResult& joint = rows[m];
    const double df1 = static_cast<double>(m);
    joint.t = reference.t ? chi_square / df1 : chi_square;
    joint.log10_p = (reference.t ? log_p_f(joint.t, df1, reference.df)
                                 : log_p_chisq(std::max(chi_square, 0.0), static_cast<unsigned>(m))) /
                    std::numbers::ln10;
    return true;
}

void fill_error_rows(ErrorCode error, std::size_t m, AssocResult* rows) {
    for (std::size_t j = 0; j <= m; ++j) rows[j].error = error;
}

}  // namespace ridgeway
