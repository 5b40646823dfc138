#pragma once
// PLINK 1 .bed/.bim/.fam behind the genotype-source interface. The .bed is memory-mapped, never read whole, and
// validated strictly: magic bytes, variant-major mode, exact size, and zero padding bits (a .fam one sample short
// still matches the file size a quarter of the time; the padding bits give it away).
#include <cstdint>
#include <string>

#include "io/genotype_source.hpp"

namespace ridgeway {

class BedSource final : public GenotypeSource {
public:
    explicit BedSource(const std::string& prefix);
    ~BedSource() override;
    BedSource(const BedSource&) = delete;
    BedSource& operator=(const BedSource&) = delete;

    const std::vector<SampleId>& samples() const override { return samples_; }
    const std::vector<Variant>& variants() const override { return variants_; }
    std::string describe() const override;
    void read(std::span<const std::size_t> variant_indices, std::span<const std::size_t> sample_indices,
              GenotypeBlock& block) const override;

private:
    const std::uint8_t* variant_bytes(std::size_t variant) const;
    void check_padding(std::size_t variant) const;

    std::string bed_path_;
    std::vector<SampleId> samples_;
    std::vector<Variant> variants_;
    std::size_t bytes_per_variant_ = 0;
    const std::uint8_t* map_ = nullptr;
    std::size_t map_size_ = 0;
};

}  // namespace ridgeway
