#pragma once
#include <vector>

#include "linalg/matrix.hpp"

namespace ridgeway {

// An orthonormal basis (n x rank) of the column space of `columns`, by QR with column pivoting; columns whose
// remaining norm falls below a relative tolerance are linearly dependent on the others and add nothing.
Matrix orthonormal_basis(const Matrix& columns);

// An orthonormal basis of an intercept and the covariates, over the rows `rows` of `covariates` (rows.size() x rank),
// or over every row.
Matrix intercept_and_covariates_basis(const Matrix& covariates, const std::vector<std::size_t>& rows);
Matrix intercept_and_covariates_basis(const Matrix& covariates);

// values <- values - basis basis' values, for an orthonormal basis with one row per value.
void project_out(const Matrix& basis, double* values);

// One column's residual on an intercept and the covariates over its own rows, those where it is not NaN.
struct OwnRowsResidual {
    std::vector<std::size_t> rows;  // increasing
    std::vector<double> values;     // the residual at each of `rows`
    std::size_t rank = 0;           // columns of the basis (intercept included)
};
OwnRowsResidual residual_over_own_rows(const Matrix& covariates, const double* column);

}  // namespace ridgeway
