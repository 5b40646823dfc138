#include "linalg/orthonormal_basis.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include <lapacke.h>

#include "core/error.hpp"

namespace ridgeway {

Matrix orthonormal_basis(const Matrix& columns) {
    const lapack_int n = static_cast<lapack_int>(columns.rows());
    const lapack_int k = static_cast<lapack_int>(columns.cols());
    if (k == 0) return Matrix(columns.rows(), 0);
    Matrix qr = columns;
    std::vector<lapack_int> pivots(k, 0);
    std::vector<double> tau(std::min(n, k));
    if (LAPACKE_dgeqp3(LAPACK_COL_MAJOR, n, k, qr.data(), n, pivots.data(), tau.data()) != 0)
        throw Error(ErrorKind::numerical, "QR factorization of the covariates failed");
    // |R_jj| decreases with pivoting; a column is dependent when its diagonal is negligible next to the first.
    const double tolerance = std::max(n, k) * 1e-10 * std::abs(qr(0, 0));
    lapack_int rank = 0;
    while (rank < std::min(n, k) && std::abs(qr(rank, rank)) > tolerance) ++rank;
    if (rank == 0) throw Error(ErrorKind::numerical, "the covariates are all zero");
    if (LAPACKE_dorgqr(LAPACK_COL_MAJOR, n, rank, rank, qr.data(), n, tau.data()) != 0)
        throw Error(ErrorKind::numerical, "forming the covariate basis failed");
    Matrix basis(columns.rows(), rank);
    std::copy(qr.data(), qr.data() + static_cast<std::size_t>(n) * rank, basis.data());
    return basis;
}

Matrix intercept_and_covariates_basis(const Matrix& covariates, const std::vector<std::size_t>& rows) {
    Matrix design(rows.size(), covariates.cols() + 1, 1.0);
    for (std::size_t c = 0; c < covariates.cols(); ++c)
        for (std::size_t k = 0; k < rows.size(); ++k) design(k, c + 1) = covariates(rows[k], c);
    return orthonormal_basis(design);
}

Matrix intercept_and_covariates_basis(const Matrix& covariates) {
    std::vector<std::size_t> rows(covariates.rows());
    std::iota(rows.begin(), rows.end(), std::size_t{0});
    return intercept_and_covariates_basis(covariates, rows);
}

void project_out(const Matrix& basis, double* values) {
    for (std::size_t c = 0; c < basis.cols(); ++c) {
        const double* q = basis.column(c);
        double projection = 0;
        for (std::size_t i = 0; i < basis.rows(); ++i) projection += q[i] * values[i];
        for (std::size_t i = 0; i < basis.rows(); ++i) values[i] -= projection * q[i];
    }
}

OwnRowsResidual residual_over_own_rows(const Matrix& covariates, const double* column) {
    OwnRowsResidual residual;
    for (std::size_t i = 0; i < covariates.rows(); ++i)
        if (!std::isnan(column[i])) residual.rows.push_back(i), residual.values.push_back(column[i]);
    const Matrix basis = intercept_and_covariates_basis(covariates, residual.rows);
    project_out(basis, residual.values.data());
    residual.rank = basis.cols();
    return residual;
}

}  // namespace ridgeway
