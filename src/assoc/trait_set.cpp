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
    }
    return set;
}

}  // namespace ridgeway
