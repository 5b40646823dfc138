#pragma once
// Where the simulated variants are and how common they are: positions 1-10 kb apart along chromosomes 1..C, random
// distinct alleles, and A1 frequencies with a U-shaped (Beta(1/2, 1/2)) minor allele frequency spectrum on
// [min_maf, 0.5]. An optional chromosome X (code "X", number 23) follows the autosomes, its variants at hg38
// positions: 3% in PAR1, 94% in the non-pseudoautosomal part, where males carry one copy, and 3% in PAR2. Kept compact
// (no strings) because it is held for every variant while the genotypes are made.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "io/genotype_source.hpp"

namespace ridgeway {

inline constexpr int kChromosomeX = 23;
// hg38 bounds (inclusive) of chromosome X's parts.
inline constexpr long long kPar1First = 10'001, kPar1Last = 2'781'479;
inline constexpr long long kPar2First = 155'701'383, kPar2Last = 156'030'895;
// Enough that 3% of them fit PAR2 one per base.
inline constexpr std::size_t kMaxChromosomeXVariants = 10'000'000;

struct SimulatedVariant {
    long long pos = 0;
    double a1_frequency = 0;
    char allele1 = 'A';
    char allele2 = 'C';

    double maf() const { return a1_frequency < 0.5 ? a1_frequency : 1.0 - a1_frequency; }
};

struct SimulatedChromosome {
    int number = 0;  // 1..22, or kChromosomeX
    std::size_t first_variant = 0;  // index of its first variant among all variants
    std::vector<SimulatedVariant> variants;

    // The .bim record of variant `v` of this chromosome; IDs are "rs<chrom>_<pos>", unique because positions increase.
    Variant record(std::size_t v) const;
    // True on chromosome X outside the pseudoautosomal regions, where males have one haplotype.
    bool male_hemizygous(std::size_t v) const;
};

// `n_variants` split evenly (the first chromosomes take the remainder) over chromosomes 1..n_chromosomes, then
// `n_chromosome_x` variants on chromosome X (none: no chromosome X). Each chromosome draws from its own stream
// (seed, number), so the autosomes are the same with and without chromosome X.
std::vector<SimulatedChromosome> lay_out_chromosomes(std::size_t n_variants, std::size_t n_chromosomes, double min_maf,
                                                     std::uint64_t seed, std::size_t n_chromosome_x = 0);

// The chromosome holding global variant index `variant`.
const SimulatedChromosome& chromosome_of(const std::vector<SimulatedChromosome>& chromosomes, std::size_t variant);

}  // namespace ridgeway
