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

// `position(random)` gives each variant's position, drawn before its frequency and alleles.
template <typename Position>
std::vector<SimulatedVariant> draw_variants(std::size_t count, double min_maf, Random& random, Position position) {
    static constexpr char kBases[4] = {'A', 'C', 'G', 'T'};
    std::vector<SimulatedVariant> variants(count);
    for (auto& variant : variants) {
        variant.pos = position(random);
        const double maf = draw_maf(random, min_maf);
        variant.a1_frequency = random.uniform() < 0.5 ? maf : 1.0 - maf;  // A1 is the minor allele half the time
        const std::uint64_t first = random.below(4);
        variant.allele1 = kBases[first];
        variant.allele2 = kBases[(first + 1 + random.below(3)) % 4];
    }
    return variants;
}

std::vector<SimulatedVariant> draw_autosome(std::size_t count, double min_maf, Random& random) {
    long long position = static_cast<long long>(random.below(kSpacingRange));
    return draw_variants(count, min_maf, random, [&](Random& r) {
        return position += kMinimumSpacing + static_cast<long long>(r.below(kSpacingRange));
    });
}

// One part of chromosome X, [first, last], cut into `count` bins of (nearly) equal length with one variant at a
// random place in each: positions increase strictly as long as count <= last - first + 1.
struct XPart {
    long long first = 0, last = 0;
    std::size_t count = 0;
    long long bin_start(std::size_t k) const {
        return first + static_cast<long long>(k) * (last - first + 1) / static_cast<long long>(count);
    }
};

std::vector<SimulatedVariant> draw_chromosome_x(std::size_t count, double min_maf, Random& random) {
    const auto share = static_cast<std::size_t>(std::llround(0.03 * static_cast<double>(count)));
    const XPart parts[3] = {{kPar1First, kPar1Last, share},
                            {kPar1Last + 1, kPar2First - 1, count - 2 * share},
                            {kPar2First, kPar2Last, share}};
    std::size_t part = 0, k = 0;
    return draw_variants(count, min_maf, random, [&](Random& r) {
        while (k == parts[part].count) ++part, k = 0;
        const XPart& p = parts[part];
        const long long start = p.bin_start(k), end = p.bin_start(++k);
        return start + static_cast<long long>(r.below(static_cast<std::uint64_t>(end - start)));
    });
}

}  // namespace

Variant SimulatedChromosome::record(std::size_t v) const {
    const SimulatedVariant& variant = variants[v];
    const std::string chrom = number == kChromosomeX ? "X" : std::to_string(number);
    return {chrom, "rs" + chrom + "_" + std::to_string(variant.pos), 0.0, variant.pos,
            std::string(1, variant.allele1), std::string(1, variant.allele2)};
}

bool SimulatedChromosome::male_hemizygous(std::size_t v) const {
    return number == kChromosomeX && variants[v].pos > kPar1Last && variants[v].pos < kPar2First;
}

std::vector<SimulatedChromosome> lay_out_chromosomes(std::size_t n_variants, std::size_t n_chromosomes, double min_maf,
                                                     std::uint64_t seed, std::size_t n_chromosome_x) {
    std::vector<SimulatedChromosome> chromosomes(n_chromosomes);
    std::size_t first = 0;
    for (std::size_t c = 0; c < n_chromosomes; ++c) {
        const std::size_t count = n_variants / n_chromosomes + (c < n_variants % n_chromosomes ? 1 : 0);
        Random random(seed, random_stream::kLayout + c);
        chromosomes[c].number = static_cast<int>(c + 1);
        chromosomes[c].first_variant = first;
        chromosomes[c].variants = draw_autosome(count, min_maf, random);
        first += count;
    }
    if (n_chromosome_x > 0) {
        Random random(seed, random_stream::kLayout + kChromosomeX - 1);
        chromosomes.push_back({kChromosomeX, first, draw_chromosome_x(n_chromosome_x, min_maf, random)});
    }
    return chromosomes;
}

const SimulatedChromosome& chromosome_of(const std::vector<SimulatedChromosome>& chromosomes, std::size_t variant) {
    auto after = std::upper_bound(chromosomes.begin(), chromosomes.end(), variant,
                                  [](std::size_t v, const SimulatedChromosome& c) { return v < c.first_variant; });
    return *(after - 1);
}

}  // namespace ridgeway
