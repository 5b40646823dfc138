#pragma once
// Traits of a simulated cohort. Each trait has its own causal variants with N(0, 1) effects on the standardized
// genotype, rescaled so that the genetic value has variance exactly h2 in the sample; the trait adds the covariate
// effects and N(0, 1 - h2) noise. Case/control traits threshold this liability at its (1 - prevalence) quantile and
// are coded 1 = control, 2 = case (PLINK's convention). About 1% of trait values are missing.
// Causal variants may lie on chromosome X; a male's call outside its pseudoautosomal regions is 0 or 2 (one copy,
// written as a homozygote), so it counts twice a female's heterozygote, the coding of regenie and of PLINK 2's
// --xchr-model 2.
// With epistasis F > 0 a quantitative trait's genetic value is sqrt(1 - F) A + sqrt(F) I, rescaled to variance h2,
// where A is the additive part above and I a sum over random pairs of the trait's causal variants of N(0, 1) effects
// times the product of the two standardized genotypes (each product centred in the sample), both A and I scaled to
// unit variance in the sample first.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/random.hpp"
#include "sim/covariate_model.hpp"

namespace ridgeway {

// An interaction term: `effect` times the centred product of the standardized genotypes of causal[first] and
// causal[second].
struct InteractionPair {
    std::size_t first = 0, second = 0;  // positions in SimulatedTrait::causal
    double effect = 0;                  // scaled to h2 with the additive effects by finish_trait
};

struct SimulatedTrait {
    std::string name;  // Q1.. or B1..
    bool binary = false;
    std::vector<std::size_t> causal;    // global variant indices
    std::vector<double> effects;        // per causal variant, on the standardized genotype (scaled to h2 by finish_trait)
    std::vector<InteractionPair> interactions;  // empty without epistasis
    std::vector<double> genetic_value;  // per sample (the liability scale for case/control traits)
    std::vector<double> value;          // per sample, NaN where missing
};

// Names the traits and draws their causal variants among `eligible` (global indices) and raw effects; with
// `epistatic`, also as many interaction pairs as causal variants for each quantitative trait, from streams of their
// own so that the additive architecture is the same with and without them.
std::vector<SimulatedTrait> draw_trait_architecture(std::size_t n_quantitative, std::size_t n_binary,
                                                    std::size_t n_causal, const std::vector<std::size_t>& eligible,
                                                    std::uint64_t seed, bool epistatic);

struct TraitSettings {
    double h2 = 0.5;
    double prevalence = 0.1;
    double epistasis = 0;  // F: the share of the genetic variance from trait.interactions (ignored when there are none)
};

// Fills genetic values and trait values. `causal_calls[k]` holds the A1 counts (or kMissingCall, counted as the mean)
// of trait.causal[k] for every sample.
void finish_trait(SimulatedTrait& trait, const std::vector<const std::vector<std::int8_t>*>& causal_calls,
                  const SimulatedCovariates& covariates, const TraitSettings& settings, Random& random);

}  // namespace ridgeway
