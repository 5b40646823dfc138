#pragma once
// Consecutive selected variants grouped by chromosome: step 1's blocks (at most B variants, never across a
// chromosome) and step 2's per-chromosome runs (no size limit).
#include <cstddef>
#include <limits>
#include <vector>

#include "io/genotype_source.hpp"

namespace ridgeway {

struct VariantBlock {
    int chromosome = 0;  // pseudo-autosomal codes (XY, PAR1, PAR2) count as X (23), as in step 1's LOCO rows
    std::size_t first = 0, count = 0;  // range in the selected-variant list
    bool x_nonpar = false;  // step 2: a run of non-PAR X variants (sexchrom/x_test_design)
};

std::vector<VariantBlock> make_blocks(const GenotypeSource& genotypes, const std::vector<std::size_t>& variants,
                                      std::size_t size = std::numeric_limits<std::size_t>::max());

}  // namespace ridgeway
