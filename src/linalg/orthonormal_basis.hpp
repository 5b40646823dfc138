#pragma once
#include "linalg/matrix.hpp"

namespace ridgeway {

// An orthonormal basis (n x rank) of the column space of `columns`, by QR with column pivoting; columns whose
// remaining norm falls below a relative tolerance are linearly dependent on the others and add nothing.
Matrix orthonormal_basis(const Matrix& columns);

}  // namespace ridgeway
