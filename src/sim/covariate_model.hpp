#pragma once
// Covariates of a simulated cohort: AGE uniform on 40-70 (one decimal), SEX 1 (male) or 2 (female) with equal
// chances (also the .fam sex of a cohort with chromosome X), SITE one of three named levels (a non-numeric column, to
// exercise categorical expansion), PC1 and PC2 standard normal; about 0.5% of AGE, SITE, PC1 and PC2 values are
// missing. Their fixed effects on every trait live here too, beside the values they apply to.
#include <cstddef>
#include <vector>

#include "core/random.hpp"

namespace ridgeway {

struct SimulatedCovariates {
    static constexpr const char* kSites[3] = {"east", "north", "south"};

    std::vector<double> age, sex, pc1, pc2;  // NaN where missing
    std::vector<int> site;                   // index into kSites; -1 where missing

    // The covariates' contribution to sample i's trait: 0.02 per year from 55, +-0.05 for sex, site offsets 0 / +0.1
    // / -0.1, 0.1 per unit of PC1 (PC2 has no effect); a missing value contributes nothing.
    double effect(std::size_t i) const;
};

SimulatedCovariates draw_covariates(std::size_t n_samples, Random& random);

}  // namespace ridgeway
