#pragma once
// HC3's meat for a few variants' fits against the traits of a sample set, in one pass over the rows: each row's
// residualized variant columns r_i = v_i - P'q_i (P the projection of V on the set's covariates, in the coordinates
// of the basis Q), its leverage h_i = l_i + r_i'(R'R)^-1 r_i (l_i the covariates' share), and per
// trait the residual u_i = e_i - r_i'gamma and the sum of r_i r_i' u_i^2 / (1 - h_i)^2. Rows are taken in chunks that
// stay in the first-level cache while every variant of the group uses them; sums run in fixed lanes and order, so
// results do not depend on the thread count. Compiled for AVX-512, AVX2 and plain x86-64, picked at run time.
#include <cstddef>

namespace ridgeway {

// What the pass shares between the variants: the set's basis, leverages and trait residuals.
struct Hc3Set {
    std::size_t n = 0, rank = 0, traits = 0;  // rank >= 1: Q holds the intercept
    const double* in = nullptr;               // n: 1 on the set's rows, else 0
    const double* basis = nullptr;            // n x rank, Q
    const double* leverage = nullptr;         // n: the covariates' share of each leverage, 0 off the set
    const double* const* residuals = nullptr; // per trait: n values, 0 off the set
};

// One variant's part: its m columns and fit, and where its meats go.
struct Hc3Variant {
    const double* columns = nullptr;     // n x m, V (taken as 0 off the set)
    const double* projection = nullptr;  // rank x m: V's projection on the set's covariates is Q times it
    const double* inverse = nullptr;     // m x m, (R'R)^-1
    const double* gammas = nullptr;      // traits x m: per trait its coefficients
    double* meats = nullptr;             // traits x m x m: per trait its meat, column-major
    double highest = 0;                  // out: the largest leverage
};

void hc3_meats(const Hc3Set& set, std::size_t m, Hc3Variant* variants, std::size_t count);

}  // namespace ridgeway
