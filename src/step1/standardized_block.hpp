#pragma once
// A block of step-1 variants as regenie's level 0 sees them: the dosages when the block has them, else the calls;
// missing values imputed with the mean, the covariates (intercept included) projected out, and each column scaled to
// unit variance (x'x = n). Variants left with (near) zero variance are dropped, never fatal.
#include <vector>

#include "io/genotype_source.hpp"
#include "linalg/matrix.hpp"

namespace ridgeway {

struct StandardizedBlock {
    Matrix x;                         // cohort rows x kept variants
    std::size_t dropped = 0;          // near-constant variants left out
    std::vector<std::size_t> kept;    // block columns of x's columns
    std::vector<double> means;        // per block column: the mean imputed for missing values
    std::vector<double> scales;       // per kept column: 1 / standard deviation after the covariates
    Matrix projection;                // S = Q'A over every block column (A the imputed calls)
};

// `basis` is the orthonormal covariate basis over the cohort rows (n x r).
void standardize_block(const GenotypeBlock& block, const Matrix& basis, StandardizedBlock& out);

}  // namespace ridgeway
