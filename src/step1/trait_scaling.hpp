#pragma once
// Traits as step 1 fits them and step 2 subtracts predictions from them: each trait's residual on the covariates
// (over its own samples) divided by its residual standard deviation, sqrt(e'e / (N - K)) for N samples and K
// covariate columns (intercept included). Step 1's LOCO predictions are on this scale, as regenie's are (the same
// N - K), so that either tool's step 2 multiplies the other's predictions back by the same factor.
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
