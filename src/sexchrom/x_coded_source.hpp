#pragma once
// A genotype source whose sex-chromosome calls follow SexChromosomes' rules: every reader's blocks pass through it,
// so that a .bed with homozygous males, a VCF with haploid GT and a BGEN with ploidy-1 samples give the models the
// same values.
#include <memory>

#include "io/genotype_source.hpp"
#include "sexchrom/sex_chromosomes.hpp"

namespace ridgeway {

class XCodedSource final : public GenotypeSource {
public:
    XCodedSource(std::unique_ptr<GenotypeSource> inner, std::shared_ptr<const SexChromosomes> rules);

    const std::vector<SampleId>& samples() const override { return inner_->samples(); }
    bool has_family_ids() const override { return inner_->has_family_ids(); }
    const std::vector<Variant>& variants() const override { return inner_->variants(); }
    std::string describe() const override { return inner_->describe(); }
    bool has_dosages() const override { return inner_->has_dosages(); }
    const std::vector<Sex>& sexes() const override { return inner_->sexes(); }
    void read(std::span<const std::size_t> variant_indices, std::span<const std::size_t> sample_indices,
              GenotypeBlock& block) const override;

private:
    std::unique_ptr<GenotypeSource> inner_;
    std::shared_ptr<const SexChromosomes> rules_;
};

}  // namespace ridgeway
