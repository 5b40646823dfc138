#pragma once
// BGEN v1.2 and v1.3 (layout 2; uncompressed, zlib or zstd; 1 to 32 bits; phased or unphased; diploid or haploid
// samples (bgen_probabilities.hpp); biallelic)
// behind the genotype-source interface, with dosages. The variants are listed from FILE.bgen.bgi when that index
// exists, else by scanning the file once; genotype blocks are then read with pread, so threads read concurrently
// and memory stays independent of the file's size. With --chr or --range only the variants in those regions are
// listed: from the index by a search on chromosome and position, without reading the .bgen (bgi_index.hpp), or else
// by the scan, filtered.
//
// Alleles follow regenie and PLINK 2 ("ref-last"): the first allele is counted (Variant::allele1) and the last is
// the reference (allele2). With ref_first, the second allele is counted and the first is the reference.
//
// Samples come from the Oxford .sample file when one is given (FID = ID_1, IID = ID_2), else from the identifiers
// stored in the .bgen, which become both FID and IID, so that trait files keyed by FID and IID match them when both
// columns hold the same identifier (PLINK's --double-id convention).
#include <cstdint>
#include <string>

#include "io/bgen/bgen_header.hpp"
#include "io/bgen/bgen_probabilities.hpp"
#include "io/bgen/oxford_sample_file.hpp"
#include "io/binary/read_only_file.hpp"
#include "io/genotype_source.hpp"
#include "qc/genomic_regions.hpp"

namespace ridgeway {

class BgenSource final : public GenotypeSource {
public:
    // `sample_path` empty: use the sample identifiers stored in the .bgen (an error when it stores none).
    // `bgi_path` empty: the index is bgen_path + ".bgi" when that file exists; given, it must exist.
    BgenSource(const std::string& bgen_path, const std::string& sample_path, bool ref_first,
               const GenomicRegions& regions = GenomicRegions(), const std::string& bgi_path = "");

    const std::vector<SampleId>& samples() const override { return samples_; }
    bool has_family_ids() const override { return has_fid_; }
    const std::vector<Variant>& variants() const override { return variants_; }
    std::string describe() const override;
    // The .sample file's sex column; empty without one, or without a .sample file.
    const std::vector<Sex>& sexes() const override { return sexes_; }
    bool has_dosages() const override { return true; }
    void read(std::span<const std::size_t> variant_indices, std::span<const std::size_t> sample_indices,
              GenotypeBlock& block) const override;

private:
    struct Location {
        std::uint64_t offset;
        std::uint64_t size;
    };
    struct Probabilities {
        std::span<const std::uint8_t> data;
        ProbabilityLayout layout;
    };

    OxfordSamples load_samples(const std::string& sample_path) const;
    // Reads variant `index`'s record into `record`, checks that it is the variant listed, and returns its checked
    // probability data (in `record`, or decompressed into `scratch`).
    Probabilities load(std::size_t index, std::vector<std::uint8_t>& record, std::vector<std::uint8_t>& scratch) const;
    BgenVariantContext context(std::size_t index) const { return {file_.path(), index, variants_[index].id, samples_}; }

    ReadOnlyFile file_;
    BgenHeader header_;
    bool ref_first_;
    std::string sample_origin_;
    std::string bgi_path_;  // empty when the variants were scanned
    std::string regions_text_;  // --chr/--range as given; empty for the whole file
    std::vector<SampleId> samples_;
    bool has_fid_ = true;
    std::vector<Sex> sexes_;
    std::vector<Variant> variants_;
    std::vector<Location> locations_;
    unsigned first_variant_bits_ = 0;
};

}  // namespace ridgeway
