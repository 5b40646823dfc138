#include "sim/trait_model.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "io/genotype_source.hpp"

namespace ridgeway {

namespace {

constexpr double kTraitMissingRate = 0.01;

double variance(const std::vector<double>& x) {
    double mean = 0, sum_of_squares = 0;
    for (double v : x) mean += v;
    mean /= static_cast<double>(x.size());
    for (double v : x) sum_of_squares += (v - mean) * (v - mean);
    return sum_of_squares / static_cast<double>(x.size());
}

// Adds effect * standardized genotype to `genetic_value`; a missing call (or a monomorphic variant) adds nothing.
void add_standardized(const std::vector<std::int8_t>& calls, double effect, std::vector<double>& genetic_value) {
    double sum = 0, sum_of_squares = 0, called = 0;
    for (auto g : calls)
        if (g != kMissingCall) sum += g, sum_of_squares += g * g, ++called;
    if (called == 0) return;
    const double mean = sum / called, var = sum_of_squares / called - mean * mean;
    if (var <= 0) return;
    const double scale = effect / std::sqrt(var);
    for (std::size_t i = 0; i < calls.size(); ++i)
        if (calls[i] != kMissingCall) genetic_value[i] += scale * (calls[i] - mean);
}

// Cases are the `prevalence` fraction of samples with the highest liability.
void threshold_liability(std::vector<double>& value, double prevalence) {
    std::vector<double> sorted = value;
    const std::size_t cut = std::min(value.size() - 1, static_cast<std::size_t>((1.0 - prevalence) * value.size()));
    std::nth_element(sorted.begin(), sorted.begin() + cut, sorted.end());
    const double threshold = sorted[cut];
    for (auto& v : value) v = v >= threshold ? 2.0 : 1.0;
}

}  // namespace

std::vector<SimulatedTrait> draw_trait_architecture(std::size_t n_quantitative, std::size_t n_binary,
                                                    std::size_t n_causal, const std::vector<std::size_t>& eligible,
                                                    std::uint64_t seed) {
    std::vector<SimulatedTrait> traits(n_quantitative + n_binary);
    for (std::size_t t = 0; t < traits.size(); ++t) {
        SimulatedTrait& trait = traits[t];
        trait.binary = t >= n_quantitative;
        trait.name = trait.binary ? fmt::format("B{}", t - n_quantitative + 1) : fmt::format("Q{}", t + 1);
        Random random(seed, random_stream::kCausal + t);
        std::vector<std::size_t> pool = eligible;
        const std::size_t count = std::min(n_causal, pool.size());
        for (std::size_t k = 0; k < count; ++k) {  // partial Fisher-Yates shuffle: a uniform random subset
            std::swap(pool[k], pool[k + random.below(pool.size() - k)]);
            trait.causal.push_back(pool[k]);
            trait.effects.push_back(random.normal());
        }
    }
    return traits;
}

void finish_trait(SimulatedTrait& trait, const std::vector<const std::vector<std::int8_t>*>& causal_calls,
                  const SimulatedCovariates& covariates, const TraitSettings& settings, Random& random) {
    const std::size_t n = covariates.age.size();
    trait.genetic_value.assign(n, 0.0);
    for (std::size_t k = 0; k < trait.causal.size(); ++k)
        add_standardized(*causal_calls[k], trait.effects[k], trait.genetic_value);
    const double genetic_variance = variance(trait.genetic_value);
    const double scale = genetic_variance > 0 ? std::sqrt(settings.h2 / genetic_variance) : 0.0;
    for (auto& g : trait.genetic_value) g *= scale;
    for (auto& effect : trait.effects) effect *= scale;

    const double noise_sd = std::sqrt(std::max(0.0, 1.0 - settings.h2));
    trait.value.resize(n);
    for (std::size_t i = 0; i < n; ++i)
        trait.value[i] = trait.genetic_value[i] + covariates.effect(i) + noise_sd * random.normal();
    if (trait.binary) threshold_liability(trait.value, settings.prevalence);
    for (auto& v : trait.value)
        if (random.uniform() < kTraitMissingRate) v = std::numeric_limits<double>::quiet_NaN();
}

}  // namespace ridgeway
