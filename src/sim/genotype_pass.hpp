#pragma once
// Makes every chromosome's genotypes and writes them to the .bed/.bim, chromosomes in parallel but written in
// chromosome order. Each chromosome draws from its own stream (seed, chromosome number), so the bytes are the same for
// any thread count and an autosome's are the same with or without chromosome X. Memory stays at about one chromosome's
// packed genotypes per thread: the thread whose chromosome is next in order writes each variant as it is made; the
// others hold theirs until their turn.
#include <cstddef>
#include <cstdint>
#include <map>
#include <vector>

#include "sim/variant_layout.hpp"

namespace ridgeway {

class BedWriter;

struct GenotypePassSettings {
    std::size_t n_samples = 0;
    double rho = 0.9;  // chance that a haplotype keeps its latent state from one variant to the next
    double missing_rate = 0;
    std::uint64_t seed = 0;
    unsigned threads = 1;
    std::vector<bool> males;  // per sample; males are hemizygous outside chromosome X's pseudoautosomal regions
};

// The calls of the variants a trait model needs, by global variant index: A1 counts or kMissingCall per sample. The
// caller creates the entries; the pass fills them.
using CausalCalls = std::map<std::size_t, std::vector<std::int8_t>>;

void write_genotypes(const std::vector<SimulatedChromosome>& chromosomes, const GenotypePassSettings& settings,
                     BedWriter& writer, CausalCalls& causal_calls);

}  // namespace ridgeway
