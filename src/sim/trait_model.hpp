#pragma once
// Covariates and traits for a simulated cohort: additive genetic values with a chosen heritability from a few causal
// variants, covariate effects, and noise; case/control traits by a liability threshold.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/random.hpp"

namespace ridgeway {

struct SimulatedCovariates {
    std::vector<double> age, sex, pc1, pc2;  // NaN where written as NA
    std::vector<int> site;                   // index into kSites; -1 where NA
    static constexpr const char* kSites[3] = {"east", "north", "south"};
};

SimulatedCovariates draw_covariates(std::size_t n, Random& random);

struct SimulatedTrait {
    std::string name;
    bool binary = false;
    std::vector<std::size_t> causal;  // variant indices
    std::vector<double> effects;      // per causal variant, on the standardized genotype, after scaling to h2
    std::vector<double> genetic_value;
    std::vector<double> value;  // NaN where written as NA; binary: 1 control, 2 case
};

struct TraitSettings {
    double h2 = 0.5;
    double prevalence = 0.1;
};

// `causal_calls[k]` holds the calls of trait.causal[k]; `trait.causal` and the raw effects are already drawn.
void finish_trait(SimulatedTrait& trait, const std::vector<const std::vector<std::int8_t>*>& causal_calls,
                  const SimulatedCovariates& covariates, const TraitSettings& settings, Random& random);

}  // namespace ridgeway
