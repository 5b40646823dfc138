#pragma once
// The traits of one association pass, prepared once for every variant: an orthonormal basis Q of (1, covariates)
// over all analysed samples, each trait's residual on it (missing values set to 0 first), and per trait the
// correction for its missing samples, which is the same for every variant. All traits then share one genotype
// product per block, so ten traits cost little more than one.
#include <vector>

#include "linalg/matrix.hpp"

namespace ridgeway {

struct TraitCorrection {
    std::vector<std::size_t> missing;  // cohort rows without a value for this trait (T), increasing
    Matrix gram;                       // I - Q_T'Q_T: the covariate Gram over the trait's samples
    Matrix gram_factor;                // its Cholesky factor (lower)
    bool usable = true;                // false when the covariates are collinear on the trait's samples
    std::vector<double> basis_residual;  // Q_T'e_T
    double residual_ss = 0;              // e'e over the trait's samples
    // For each row of T in turn: its r basis values, then its residual; read once per variant, so kept contiguous.
    std::vector<double> missing_rows;
    // The null model's residual sum of squares over the trait's samples, which the normal statistic divides by
    // N - K: prepare_traits sets that of `traits` on the covariates; with step-1 predictions, regenie's (the trait's
    // residual on the covariates minus the LOCO prediction, see linear_assoc.cpp) replaces it.
    double null_ss = 0;
};

struct TraitSet {
    std::size_t rank = 0;          // columns of Q (intercept included)
    Matrix basis_and_residuals;    // [Q | E] over all cohort rows
    std::vector<TraitCorrection> corrections;
    std::vector<std::size_t> without_traits;  // cohort rows without a value for any trait, increasing

    std::size_t n_traits() const { return corrections.size(); }
    const double* basis(std::size_t column) const { return basis_and_residuals.column(column); }
    const double* residual(std::size_t trait) const { return basis_and_residuals.column(rank + trait); }
};

// `traits` holds NaN where missing; `covariates` is complete.
TraitSet prepare_traits(const Matrix& traits, const Matrix& covariates);

// gram - Q_M'Q_M over the basis rows `rows`.
Matrix downdate_gram(const TraitSet& set, const Matrix& gram, const std::vector<std::size_t>& rows);
// Cholesky factor (lower) of `gram`; false when it is (near) singular.
bool factor_gram(const Matrix& gram, Matrix& factor);
// Solves L L' x = b in place for each of `columns` right-hand sides (r x columns), L = `factor` from factor_gram.
void solve_with_factor(const Matrix& factor, double* b, std::size_t columns);

}  // namespace ridgeway
