#pragma once
// PLINK 1 .bed/.bim/.fam behind the genotype-source interface. The .bed is read block by block with pread (memory
// stays independent of the file's size, and threads read concurrently), and validated strictly: magic bytes, variant-major mode, exact size, and zero padding bits (a .fam one sample short
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
    bool has_family_ids() const override { return true; }
    const std::vector<Variant>& variants() const override { return variants_; }
    std::string describe() const override;
    // .fam column 5.
    const std::vector<Sex>& sexes() const override { return sexes_; }
    void read(std::span<const std::size_t> variant_indices, std::span<const std::size_t> sample_indices,
              GenotypeBlock& block) const override;

private:
    // Reads `count` consecutive variants' bytes starting at `first` into `buffer`.
    void read_bytes(std::size_t first, std::size_t count, std::vector<std::uint8_t>& buffer) const;
    void check_padding(std::size_t variant, const std::uint8_t* bytes) const;
    // One variant's bytes to A1 counts for the chosen samples.
    void decode(const std::uint8_t* bytes, bool all_samples, std::span<const std::size_t> sample_indices,
                std::int8_t* out) const;

    std::string bed_path_;
    std::vector<SampleId> samples_;
    std::vector<Sex> sexes_;
    std::vector<Variant> variants_;
    std::size_t bytes_per_variant_ = 0;
    int fd_ = -1;
};

}  // namespace ridgeway
