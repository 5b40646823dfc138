#pragma once
// Traits as step 1 fits them and step 2 subtracts predictions from them: each trait's residual on the covariates
// (over its own samples) divided by its standard deviation. Step 1's LOCO predictions are on this scale, as
// regenie's are; step 2 multiplies them back by the same scale.
#include <vector>

#include "linalg/matrix.hpp"
#include "samples/cohort.hpp"

namespace ridgeway {

struct ScaledTraits {
    Matrix values;               // cohort rows x traits, 0 where missing
    std::vector<double> scales;  // per trait: the residual standard deviation
    std::vector<std::vector<bool>> observed;
};

ScaledTraits scale_traits(const Cohort& cohort);

}  // namespace ridgeway
