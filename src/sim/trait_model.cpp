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

// Mean and SD of a variant's called genotypes; SD 0 for a monomorphic (or never called) variant, whose standardized
// genotype is then 0 throughout, as is a missing call's.
struct Standardization {
    double mean = 0, sd = 0;
    double operator()(std::int8_t call) const { return call == kMissingCall || sd == 0 ? 0.0 : (call - mean) / sd; }
};

Standardization standardization(const std::vector<std::int8_t>& calls) {
    double sum = 0, sum_of_squares = 0, called = 0;
    for (auto g : calls)
        if (g != kMissingCall) sum += g, sum_of_squares += g * g, ++called;
    if (called == 0) return {};
    const double mean = sum / called, var = sum_of_squares / called - mean * mean;
    return var > 0 ? Standardization{mean, std::sqrt(var)} : Standardization{};
}

// Adds effect * standardized genotype to `genetic_value`; a missing call (or a monomorphic variant) adds nothing.
void add_standardized(const std::vector<std::int8_t>& calls, double effect, std::vector<double>& genetic_value) {
    const Standardization z = standardization(calls);
    if (z.sd == 0) return;
    const double scale = effect / z.sd;
    for (std::size_t i = 0; i < calls.size(); ++i)
        if (calls[i] != kMissingCall) genetic_value[i] += scale * (calls[i] - z.mean);
}

// The interaction part: sum over pairs of effect * (z_a z_b - mean of z_a z_b), z the standardized genotypes.
std::vector<double> interaction_part(const SimulatedTrait& trait,
                                     const std::vector<const std::vector<std::int8_t>*>& causal_calls, std::size_t n) {
    std::vector<Standardization> z;
    for (const auto* calls : causal_calls) z.push_back(standardization(*calls));
    std::vector<double> part(n, 0.0), product(n);
    for (const InteractionPair& pair : trait.interactions) {
        const auto &a = *causal_calls[pair.first], &b = *causal_calls[pair.second];
        double mean = 0;
        for (std::size_t i = 0; i < n; ++i) mean += product[i] = z[pair.first](a[i]) * z[pair.second](b[i]);
        mean /= static_cast<double>(n);
        for (std::size_t i = 0; i < n; ++i) part[i] += pair.effect * (product[i] - mean);
    }
    return part;
}

// Multiplies `values` by the factor that gives them variance `target` in the sample and returns the factor (0 when
// they have no variance).
double scale_to_variance(std::vector<double>& values, double target) {
    const double current = variance(values);
    const double scale = current > 0 ? std::sqrt(target / current) : 0.0;
    for (auto& v : values) v *= scale;
    return scale;
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
                                                    std::uint64_t seed, bool epistatic) {
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
        if (!epistatic || trait.binary || count < 2) continue;
        Random pair_random(seed, random_stream::kInteractions + t);
        for (std::size_t k = 0; k < count; ++k) {  // two distinct causal variants, uniformly
            InteractionPair pair;
            pair.first = pair_random.below(count);
            pair.second = pair_random.below(count - 1);
            pair.second += pair.second >= pair.first;
            pair.effect = pair_random.normal();
            trait.interactions.push_back(pair);
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
    if (settings.epistasis > 0 && !trait.interactions.empty()) {
        std::vector<double> interactions = interaction_part(trait, causal_calls, n);
        const double additive_weight = std::sqrt(1.0 - settings.epistasis);
        const double interaction_weight = std::sqrt(settings.epistasis);
        const double additive_scale = additive_weight * scale_to_variance(trait.genetic_value, 1.0);
        const double interaction_scale = interaction_weight * scale_to_variance(interactions, 1.0);
        for (std::size_t i = 0; i < n; ++i)
            trait.genetic_value[i] = additive_weight * trait.genetic_value[i] + interaction_weight * interactions[i];
        for (auto& effect : trait.effects) effect *= additive_scale;
        for (auto& pair : trait.interactions) pair.effect *= interaction_scale;
    }
    // The additive part alone takes this step unchanged without epistasis, so such traits keep their exact values.
    const double scale = scale_to_variance(trait.genetic_value, settings.h2);
    for (auto& effect : trait.effects) effect *= scale;
    for (auto& pair : trait.interactions) pair.effect *= scale;

    const double noise_sd = std::sqrt(std::max(0.0, 1.0 - settings.h2));
    trait.value.resize(n);
    for (std::size_t i = 0; i < n; ++i)
        trait.value[i] = trait.genetic_value[i] + covariates.effect(i) + noise_sd * random.normal();
    if (trait.binary) threshold_liability(trait.value, settings.prevalence);
    for (auto& v : trait.value)
        if (random.uniform() < kTraitMissingRate) v = std::numeric_limits<double>::quiet_NaN();
}

}  // namespace ridgeway
