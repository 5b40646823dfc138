#pragma once
// Genotypes with realistic allele frequencies and LD between neighbours. Each haplotype carries a latent uniform u
// that it keeps from one variant to the next with probability rho and redraws otherwise; its allele at variant j is
// A1 when u < p_j. Every marginal frequency is exactly p_j, and LD decays with distance as rho^distance.
#include <cstdint>
#include <span>
#include <vector>

#include "io/genotype_source.hpp"
#include "sim/random.hpp"

namespace ridgeway {

struct SimulatedVariantInfo {
    Variant variant;
    double a1_frequency = 0;
};

// Positions, IDs, alleles and A1 frequencies (MAF from a U-shaped distribution, at least 0.005) of one chromosome.
std::vector<SimulatedVariantInfo> draw_chromosome_variants(int chromosome, std::size_t count, Random& random);

class HaplotypeModel {
public:
    HaplotypeModel(std::size_t n_samples, double rho, double missing_rate, Random& random);
    // The next variant's A1 counts (kMissingCall where missing) for every sample.
    void next_variant(double a1_frequency, std::span<std::int8_t> calls);

private:
    std::size_t n_samples_;
    double rho_;
    double missing_rate_;
    Random& random_;
    std::uint64_t variant_ = 0;
    std::vector<double> latent_;              // per haplotype
    std::vector<std::uint64_t> next_redraw_;  // per haplotype: the variant at which u is redrawn
    std::uint64_t next_missing_ = 0;          // position of the next missing call, counting calls across variants
    std::uint64_t calls_made_ = 0;
};

}  // namespace ridgeway
