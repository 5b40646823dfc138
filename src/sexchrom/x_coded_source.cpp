#include "sexchrom/x_coded_source.hpp"

namespace ridgeway {

XCodedSource::XCodedSource(std::unique_ptr<GenotypeSource> inner, std::shared_ptr<const SexChromosomes> rules)
    : inner_(std::move(inner)), rules_(std::move(rules)) {}

void XCodedSource::read(std::span<const std::size_t> variant_indices, std::span<const std::size_t> sample_indices,
                        GenotypeBlock& block) const {
    inner_->read(variant_indices, sample_indices, block);
    for (std::size_t v = 0; v < variant_indices.size(); ++v) {
        const ChromosomeClass cls = rules_->variant_class(variant_indices[v]);
        if (cls == ChromosomeClass::x_nonpar || !block.haploid.empty())
            rules_->code_variant(block, v, cls, sample_indices);
    }
}

}  // namespace ridgeway
