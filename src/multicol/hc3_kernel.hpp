#pragma once
// HC3's meat for one variant's fits against the traits of a sample set, in one pass over the rows: each row's
// residualized variant columns r_i = v_i - P'q_i (P = Q'V), its leverage h_i = |q_i|^2 + r_i'(R'R)^-1 r_i, and per
// trait the residual u_i = e_i - r_i'gamma and the sum of r_i r_i' u_i^2 / (1 - h_i)^2. Rows are taken in chunks that
// stay in cache; sums run in fixed lanes and order, so results do not depend on the thread count. Compiled for
// AVX-512, AVX2 and plain x86-64, picked at run time.
#include <cstddef>

namespace ridgeway {

struct Hc3Variant {
    std::size_t n = 0, rank = 0, m = 0;
    const double* basis = nullptr;       // n x rank, Q (0 off the set)
    const double* leverage = nullptr;    // n, |q_i|^2
    const double* columns = nullptr;     // n x m, V (0 off the set)
    const double* projection = nullptr;  // rank x m, Q'V
    const double* inverse = nullptr;     // m x m, (R'R)^-1
};

// meats[t] (m x m, column-major) for residual columns residuals[t] (n each, 0 off the set) and coefficients
// gammas[t] (m each), t < traits; returns the largest leverage.
double hc3_meats(const Hc3Variant& variant, const double* const* residuals, const double* const* gammas,
                 std::size_t traits, double* const* meats);

}  // namespace ridgeway
