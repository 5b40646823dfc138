#pragma once
// Finds a model's variants in another genotype file by ID: the same two alleles in either order (the other order
// means the file counts the other allele), or absent. Any other allele pair is an error naming the variant: it is a
// different variant under the same ID, and quietly using it would corrupt every prediction.
#include <string>
#include <vector>

#include "io/genotype_source.hpp"

namespace ridgeway {

struct VariantMatch {
    std::vector<std::size_t> indices;  // into the file's variants; kAbsentVariant when absent
    std::vector<bool> swapped;
    std::size_t absent = 0, swapped_count = 0;
};

VariantMatch match_variants(const std::vector<Variant>& wanted, const GenotypeSource& file);

}  // namespace ridgeway
