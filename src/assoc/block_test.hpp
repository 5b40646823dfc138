#pragma once
// What step 2 runs on each block of variants, whatever the model: one object per thread, results for every
// (variant, trait) pair of the block.
#include <functional>
#include <memory>
#include <vector>

#include "assoc/assoc_result.hpp"
#include "io/genotype_source.hpp"

namespace ridgeway {

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
    virtual void run(const GenotypeBlock& block, BlockResults& out) = 0;
};

// Makes the per-thread tests of one run of variants (a chromosome with step-1 predictions, else the whole file).
using BlockTestFactory = std::function<std::unique_ptr<BlockTest>()>;

}  // namespace ridgeway
