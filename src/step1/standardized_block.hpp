#pragma once
// A block of step-1 variants as regenie's level 0 sees them: missing calls imputed with the mean, the covariates
// (intercept included) projected out, and each column scaled to unit variance (x'x = n). Variants left with (near)
// zero variance are dropped, never fatal.
#include <vector>

#include "io/genotype_source.hpp"
#include "linalg/matrix.hpp"

namespace ridgeway {

struct StandardizedBlock {
    Matrix x;                       // cohort rows x kept variants
    std::size_t dropped = 0;        // near-constant variants left out
};

// `basis` is the orthonormal covariate basis over the cohort rows (n x r).
void standardize_block(const GenotypeBlock& block, const Matrix& basis, StandardizedBlock& out);

}  // namespace ridgeway
