#pragma once
// What step 2 runs on each block of variants, whatever the model: one object per thread, results for every
// (variant, trait) pair of the block.
#include <functional>
#include <memory>
#include <vector>

#include "assoc/assoc_result.hpp"
#include "io/genotype_source.hpp"

namespace ridgeway {

// A block as the tests take it: `coded` in the genetic model tested (assoc/genetic_model.hpp), which the statistics
// use, and `additive`, the same genotypes coded additively, from which the filters and the reported allele
// frequencies and INFO come (AdditiveSummary). Under the additive model both are one block.
struct TestedBlock {
    const GenotypeBlock& coded;
    const GenotypeBlock& additive;
    explicit TestedBlock(const GenotypeBlock& block) : coded(block), additive(block) {}
    TestedBlock(const GenotypeBlock& coded_block, const GenotypeBlock& additive_block)
        : coded(coded_block), additive(additive_block) {}
    bool recoded() const { return &coded != &additive; }
};

struct BlockResults {
    std::vector<bool> kept;             // per variant: passed --maf/--mac/--geno
    // results[(variant * n_traits + trait) * terms + term]: one row per term of the model (1 for the additive test;
    // more for --interaction and --test genotypic, see multicol/).
    std::vector<AssocResult> results;
};

class BlockTest {
public:
    virtual ~BlockTest() = default;
    // `block` holds calls for the cohort rows, in cohort order.
    virtual void run(const TestedBlock& block, BlockResults& out) = 0;
};

// Makes the per-thread tests of one run of variants (a chromosome with step-1 predictions, else the whole file).
using BlockTestFactory = std::function<std::unique_ptr<BlockTest>()>;

}  // namespace ridgeway
