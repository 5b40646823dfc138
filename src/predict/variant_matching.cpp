#include "predict/variant_matching.hpp"

#include <unordered_map>

#include "core/error.hpp"
#include "predict/genotype_table.hpp"

namespace ridgeway {

VariantMatch match_variants(const std::vector<Variant>& wanted, const GenotypeSource& file) {
    std::unordered_map<std::string, std::size_t> by_id;
    const auto& variants = file.variants();
    for (std::size_t v = 0; v < variants.size(); ++v) by_id.emplace(variants[v].id, v);
    VariantMatch match;
    for (const Variant& variant : wanted) {
        auto it = by_id.find(variant.id);
        if (it == by_id.end()) {
            match.indices.push_back(kAbsentVariant);
            match.swapped.push_back(false);
            ++match.absent;
            continue;
        }
        const Variant& found = variants[it->second];
        const bool same = found.allele1 == variant.allele1 && found.allele2 == variant.allele2;
        const bool swapped = found.allele1 == variant.allele2 && found.allele2 == variant.allele1;
        if (!same && !swapped)
            throw Error(ErrorKind::inconsistent,
                        file.describe() + ": variant " + variant.id + " has alleles " + found.allele1 + "/" +
                            found.allele2 + ", the model's are " + variant.allele1 + "/" + variant.allele2);
        match.indices.push_back(it->second);
        match.swapped.push_back(swapped);
        match.swapped_count += swapped;
    }
    return match;
}

}  // namespace ridgeway
