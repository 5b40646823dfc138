#include "assoc/trait_set.hpp"

#include <cmath>

#include <lapacke.h>

#include "linalg/orthonormal_basis.hpp"

namespace ridgeway {

namespace {

// A pivot this small means the covariates left on the samples are (nearly) collinear.
constexpr double kSingularPivot = 1e-7;

}  // namespace

Matrix downdate_gram(const TraitSet& set, const Matrix& gram, const std::vector<std::size_t>& rows) {
    Matrix result = gram;
    for (std::size_t a = 0; a < set.rank; ++a)
        for (std::size_t b = 0; b <= a; ++b) {
            double dot = 0;
            for (std::size_t row : rows) dot += set.basis(a)[row] * set.basis(b)[row];
            result(a, b) -= dot;
            result(b, a) = result(a, b);
        }
    return result;
}

// r is the handful of covariates, where a library call would cost more than the arithmetic.
void solve_with_factor(const Matrix& factor, double* b, std::size_t columns) {
    const std::size_t r = factor.rows();
    for (std::size_t k = 0; k < columns; ++k) {
        double* x = b + k * r;
        for (std::size_t i = 0; i < r; ++i) {
            for (std::size_t j = 0; j < i; ++j) x[i] -= factor(i, j) * x[j];
            x[i] /= factor(i, i);
        }
        for (std::size_t i = r; i-- > 0;) {
            for (std::size_t j = i + 1; j < r; ++j) x[i] -= factor(j, i) * x[j];
            x[i] /= factor(i, i);
        }
    }
}

bool factor_gram(const Matrix& gram, Matrix& factor) {
    factor = gram;
    const auto n = static_cast<lapack_int>(gram.rows());
    if (LAPACKE_dpotrf(LAPACK_COL_MAJOR, 'L', n, factor.data(), n) != 0) return false;
    for (std::size_t i = 0; i < gram.rows(); ++i)
        if (factor(i, i) < kSingularPivot) return false;
    return true;
}

TraitSet prepare_traits(const Matrix& traits, const Matrix& covariates) {
    const std::size_t n = traits.rows(), p = traits.cols();
    Matrix basis = intercept_and_covariates_basis(covariates);

    TraitSet set;
    set.rank = basis.cols();
    const std::size_t r = set.rank;
    set.basis_and_residuals = Matrix(n, r + p);
    std::copy(basis.data(), basis.data() + n * r, set.basis_and_residuals.data());
    for (std::size_t t = 0; t < p; ++t) {
        TraitCorrection correction;
        double* e = set.basis_and_residuals.column(r + t);
        for (std::size_t i = 0; i < n; ++i) {
            bool missing = std::isnan(traits(i, t));
            e[i] = missing ? 0.0 : traits(i, t);
            if (missing) correction.missing.push_back(i);
        }
        project_out(basis, e);
        correction.basis_residual.assign(r, 0.0);
        for (std::size_t c = 0; c < r; ++c)
            for (std::size_t row : correction.missing) correction.basis_residual[c] += basis(row, c) * e[row];
        for (std::size_t row : correction.missing) {
            for (std::size_t c = 0; c < r; ++c) correction.missing_rows.push_back(basis(row, c));
            correction.missing_rows.push_back(e[row]);
        }
        for (std::size_t i = 0; i < n; ++i) correction.residual_ss += e[i] * e[i];
        for (std::size_t row : correction.missing) correction.residual_ss -= e[row] * e[row];
        set.corrections.push_back(std::move(correction));
    }
    Matrix identity(r, r);
    for (std::size_t i = 0; i < r; ++i) identity(i, i) = 1.0;
    for (auto& correction : set.corrections) {
        correction.gram = downdate_gram(set, identity, correction.missing);
        correction.usable = factor_gram(correction.gram, correction.gram_factor);
        if (!correction.usable) continue;
        // Over the trait's samples S the residual is e_S minus its projection on Q_S, and Q_S'e_S = -Q_T'e_T.
        std::vector<double> solved = correction.basis_residual;
        solve_with_factor(correction.gram_factor, solved.data(), 1);
        correction.null_ss = correction.residual_ss;
        for (std::size_t c = 0; c < r; ++c) correction.null_ss -= correction.basis_residual[c] * solved[c];
    }
    for (std::size_t i = 0; i < n; ++i) {
        bool any = false;
        for (std::size_t t = 0; t < p && !any; ++t) any = !std::isnan(traits(i, t));
        if (!any) set.without_traits.push_back(i);
    }
    return set;
}

}  // namespace ridgeway
