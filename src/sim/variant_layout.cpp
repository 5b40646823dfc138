#include "sim/variant_layout.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

#include "core/random.hpp"

namespace ridgeway {

namespace {

constexpr long long kMinimumSpacing = 1'000;
constexpr long long kSpacingRange = 9'000;

// sin^2(pi V / 2) with V uniform on [0, 1] is Beta(1/2, 1/2); V on [v_min, 1/2] gives the same shape folded onto
// [min_maf, 0.5] without piling the rarest variants onto the lower bound.
double draw_maf(Random& random, double min_maf) {
    const double v_min = 2.0 / std::numbers::pi * std::asin(std::sqrt(min_maf));
    const double v = v_min + (0.5 - v_min) * random.uniform();
    const double s = std::sin(0.5 * std::numbers::pi * v);
    return std::clamp(s * s, min_maf, 0.5);
}

std::vector<SimulatedVariant> draw_variants(std::size_t count, double min_maf, Random& random) {
    static constexpr char kBases[4] = {'A', 'C', 'G', 'T'};
    std::vector<SimulatedVariant> variants(count);
    long long position = static_cast<long long>(random.below(kSpacingRange));
    for (auto& variant : variants) {
        position += kMinimumSpacing + static_cast<long long>(random.below(kSpacingRange));
        variant.pos = position;
        const double maf = draw_maf(random, min_maf);
        variant.a1_frequency = random.uniform() < 0.5 ? maf : 1.0 - maf;  // A1 is the minor allele half the time
        const std::uint64_t first = random.below(4);
        variant.allele1 = kBases[first];
        variant.allele2 = kBases[(first + 1 + random.below(3)) % 4];
    }
    return variants;
}

}  // namespace

Variant SimulatedChromosome::record(std::size_t v) const {
    const SimulatedVariant& variant = variants[v];
    const std::string chrom = std::to_string(number);
    return {chrom, "rs" + chrom + "_" + std::to_string(variant.pos), 0.0, variant.pos,
            std::string(1, variant.allele1), std::string(1, variant.allele2)};
}

std::vector<SimulatedChromosome> lay_out_chromosomes(std::size_t n_variants, std::size_t n_chromosomes, double min_maf,
                                                     std::uint64_t seed) {
    std::vector<SimulatedChromosome> chromosomes(n_chromosomes);
    std::size_t first = 0;
    for (std::size_t c = 0; c < n_chromosomes; ++c) {
        const std::size_t count = n_variants / n_chromosomes + (c < n_variants % n_chromosomes ? 1 : 0);
        Random random(seed, random_stream::kLayout + c);
        chromosomes[c].number = static_cast<int>(c + 1);
        chromosomes[c].first_variant = first;
        chromosomes[c].variants = draw_variants(count, min_maf, random);
        first += count;
    }
    return chromosomes;
}

const SimulatedChromosome& chromosome_of(const std::vector<SimulatedChromosome>& chromosomes, std::size_t variant) {
    auto after = std::upper_bound(chromosomes.begin(), chromosomes.end(), variant,
                                  [](std::size_t v, const SimulatedChromosome& c) { return v < c.first_variant; });
    return *(after - 1);
}

}  // namespace ridgeway
