#pragma once
// Where the simulated variants are and how common they are: positions 1-10 kb apart along chromosomes 1..C, random
// distinct alleles, and A1 frequencies with a U-shaped (Beta(1/2, 1/2)) minor allele frequency spectrum on
// [min_maf, 0.5]. Kept compact (no strings) because it is held for every variant while the genotypes are made.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "io/genotype_source.hpp"

namespace ridgeway {

struct SimulatedVariant {
    long long pos = 0;
    double a1_frequency = 0;
    char allele1 = 'A';
    char allele2 = 'C';

    double maf() const { return a1_frequency < 0.5 ? a1_frequency : 1.0 - a1_frequency; }
};

struct SimulatedChromosome {
    int number = 0;
    std::size_t first_variant = 0;  // index of its first variant among all variants
    std::vector<SimulatedVariant> variants;

    // The .bim record of variant `v` of this chromosome; IDs are "rs<chrom>_<pos>", unique because positions increase.
    Variant record(std::size_t v) const;
};

// `n_variants` split evenly (the first chromosomes take the remainder) over chromosomes 1..n_chromosomes.
std::vector<SimulatedChromosome> lay_out_chromosomes(std::size_t n_variants, std::size_t n_chromosomes, double min_maf,
                                                     std::uint64_t seed);

// The chromosome holding global variant index `variant`.
const SimulatedChromosome& chromosome_of(const std::vector<SimulatedChromosome>& chromosomes, std::size_t variant);

}  // namespace ridgeway
