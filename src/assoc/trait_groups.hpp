#pragma once
// Traits that are observed on exactly the same samples share one covariate basis, one set of residuals and one
// genotype product per block; most studies have one group, so many traits cost little more than one.
#include <vector>

#include "linalg/matrix.hpp"

namespace ridgeway {

struct TraitGroup {
    std::vector<std::size_t> traits;   // indices into the cohort's traits
    std::vector<std::size_t> members;  // cohort rows where every trait of the group is observed
    bool everyone = false;             // members are all cohort rows
    std::size_t rank = 0;              // columns of the covariate basis (intercept included)
    // [Q | E] over all cohort rows, zero outside members: Q an orthonormal basis of (1, covariates) on the members,
    // E the traits' residuals after projecting Q out.
    Matrix basis_and_residuals;
    std::vector<double> residual_ss;  // E'E per trait

    const double* basis(std::size_t column) const { return basis_and_residuals.column(column); }
    const double* residual(std::size_t trait) const { return basis_and_residuals.column(rank + trait); }
};

// Groups traits by their missingness pattern and residualizes each group on the covariates.
std::vector<TraitGroup> make_trait_groups(const Matrix& traits, const Matrix& covariates);

}  // namespace ridgeway
