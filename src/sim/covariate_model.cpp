#include "sim/covariate_model.hpp"

#include <cmath>
#include <limits>

namespace ridgeway {

namespace {

constexpr double kMissingRate = 0.005;

double maybe_missing(double value, Random& random) {
    return random.uniform() < kMissingRate ? std::numeric_limits<double>::quiet_NaN() : value;
}

}  // namespace

double SimulatedCovariates::effect(std::size_t i) const {
    static constexpr double kSiteEffect[3] = {0.0, 0.1, -0.1};
    double total = 0;
    if (!std::isnan(age[i])) total += 0.02 * (age[i] - 55.0);
    total += 0.1 * (sex[i] - 1.5);
    if (site[i] >= 0) total += kSiteEffect[site[i]];
    if (!std::isnan(pc1[i])) total += 0.1 * pc1[i];
    return total;
}

SimulatedCovariates draw_covariates(std::size_t n_samples, Random& random) {
    SimulatedCovariates c;
    for (std::size_t i = 0; i < n_samples; ++i) {
        c.age.push_back(maybe_missing(std::round(400.0 + 300.0 * random.uniform()) / 10.0, random));
        c.sex.push_back(random.uniform() < 0.5 ? 1.0 : 2.0);
        const int site = static_cast<int>(random.below(3));
        c.site.push_back(random.uniform() < kMissingRate ? -1 : site);
        c.pc1.push_back(maybe_missing(random.normal(), random));
        c.pc2.push_back(maybe_missing(random.normal(), random));
    }
    return c;
}

}  // namespace ridgeway
