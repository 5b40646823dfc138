#include "linalg/orthonormal_basis.hpp"

#include <algorithm>
#include <cmath>
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

}  // namespace ridgeway
