#pragma once
// Writes PLINK 1 .bed/.bim/.fam (variant-major), one variant at a time.
#include <cstdint>
#include <cstdio>
#include <span>
#include <string>
#include <vector>

#include "io/genotype_source.hpp"
#include "io/sample_sex.hpp"

namespace ridgeway {

class OutputSet;

class BedWriter {
public:
    // Files are registered with `outputs` and appear under their final names only when it commits. The .fam sex
    // column holds `sexes` (one per sample, 1 = male, 2 = female, 0 = unknown), or 0 throughout when it is empty.
    BedWriter(const std::string& prefix, const std::vector<SampleId>& samples, OutputSet& outputs,
              std::span<const Sex> sexes = {});
    ~BedWriter();
    BedWriter(const BedWriter&) = delete;
    BedWriter& operator=(const BedWriter&) = delete;

    // `calls` holds one A1 count (0, 1, 2) or kMissingCall per sample.
    void write_variant(const Variant& variant, std::span<const std::int8_t> calls);
    // `bytes` already packed with pack_bed_variant.
    void write_packed_variant(const Variant& variant, std::span<const std::uint8_t> bytes);
    void close();

private:
    std::size_t n_samples_;
    std::FILE* bed_ = nullptr;
    std::FILE* bim_ = nullptr;
    std::string bed_path_;
    std::vector<std::uint8_t> packed_;
};

// Packs A1 counts into .bed bytes (zero padding bits).
void pack_bed_variant(std::span<const std::int8_t> calls, std::vector<std::uint8_t>& bytes);

}  // namespace ridgeway
