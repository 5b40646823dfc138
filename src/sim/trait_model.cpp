#include "sim/trait_model.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "io/genotype_source.hpp"

namespace ridgeway {

namespace {

constexpr double kNA = std::numeric_limits<double>::quiet_NaN();
constexpr double kCovariateMissingRate = 0.005;
constexpr double kTraitMissingRate = 0.01;

double maybe_missing(double value, Random& random) { return random.uniform() < kCovariateMissingRate ? kNA : value; }

double variance(const std::vector<double>& x) {
    double mean = 0, ss = 0;
    for (double v : x) mean += v;
    mean /= static_cast<double>(x.size());
    for (double v : x) ss += (v - mean) * (v - mean);
    return ss / static_cast<double>(x.size());
}

// Covariate effects on every trait: age, sex, site and the first principal component.
double covariate_effect(const SimulatedCovariates& c, std::size_t i) {
    static constexpr double kSiteEffect[3] = {0.0, 0.1, -0.1};
    double effect = 0;
    if (!std::isnan(c.age[i])) effect += 0.02 * (c.age[i] - 55.0);
    if (!std::isnan(c.sex[i])) effect += 0.1 * (c.sex[i] - 1.5);
    if (c.site[i] >= 0) effect += kSiteEffect[c.site[i]];
    if (!std::isnan(c.pc1[i])) effect += 0.1 * c.pc1[i];
    return effect;
}

}  // namespace

SimulatedCovariates draw_covariates(std::size_t n, Random& random) {
    SimulatedCovariates c;
    for (std::size_t i = 0; i < n; ++i) {
        c.age.push_back(maybe_missing(std::round(400.0 + 300.0 * random.uniform()) / 10.0, random));
        c.sex.push_back(random.uniform() < 0.5 ? 1.0 : 2.0);
        c.site.push_back(random.uniform() < kCovariateMissingRate ? -1 : static_cast<int>(random.below(3)));
        c.pc1.push_back(maybe_missing(random.normal(), random));
        c.pc2.push_back(maybe_missing(random.normal(), random));
    }
    return c;
}

void finish_trait(SimulatedTrait& trait, const std::vector<const std::vector<std::int8_t>*>& causal_calls,
                  const SimulatedCovariates& covariates, const TraitSettings& settings, Random& random) {
    const std::size_t n = covariates.age.size();
    trait.genetic_value.assign(n, 0.0);
    for (std::size_t k = 0; k < trait.causal.size(); ++k) {
        const auto& calls = *causal_calls[k];
        double sum = 0, ss = 0, called = 0;
        for (auto g : calls)
            if (g != kMissingCall) sum += g, ss += g * g, ++called;
        double mean = sum / called, sd = std::sqrt(std::max(ss / called - mean * mean, 1e-12));
        for (std::size_t i = 0; i < n; ++i)  // a missing call counts as the mean
            if (calls[i] != kMissingCall) trait.genetic_value[i] += trait.effects[k] * (calls[i] - mean) / sd;
    }
    double genetic_variance = variance(trait.genetic_value);
    double scale = genetic_variance > 0 ? std::sqrt(settings.h2 / genetic_variance) : 0.0;
    for (auto& g : trait.genetic_value) g *= scale;
    for (auto& effect : trait.effects) effect *= scale;

    std::vector<double> liability(n);
    for (std::size_t i = 0; i < n; ++i)
        liability[i] = trait.genetic_value[i] + covariate_effect(covariates, i) + std::sqrt(1.0 - settings.h2) * random.normal();
    trait.value = liability;
    if (trait.binary) {
        std::vector<double> sorted = liability;
        std::size_t cut = static_cast<std::size_t>((1.0 - settings.prevalence) * static_cast<double>(n));
        std::nth_element(sorted.begin(), sorted.begin() + std::min(cut, n - 1), sorted.end());
        double threshold = sorted[std::min(cut, n - 1)];
        for (auto& v : trait.value) v = v >= threshold ? 2.0 : 1.0;
    }
    for (auto& v : trait.value)
        if (random.uniform() < kTraitMissingRate) v = kNA;
}

}  // namespace ridgeway
