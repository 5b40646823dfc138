#pragma once
// VCF and BCF genotypes through htslib, behind the genotype-source interface. The file is decoded once when opened,
// into 2 bytes per genotype (dosages in units of 1/16384, as PLINK 2 stores them), so reads are memory copies that
// any number of threads can make at once. That suits sequencing cohorts; biobank-scale imputed data belongs in BGEN.
// The decoded genotypes count against --memory as they grow. The counted allele is ALT; REF is allele2. Multiallelic
// records are counted and skipped, or split (--multiallelic split): ALT allele k becomes a biallelic variant whose
// genotype is the copies of k (from GT, DS's k-th value, or GP summed over the genotypes holding k). Haploid calls are
// read on the diploid scale and marked haploid in the blocks read (vcf_record_decoder.hpp).
// With --chr or --range only the records in those regions are decoded, so memory holds only theirs; a bgzipped VCF
// with a .tbi or .csi index, or a BCF with a .csi, is read through it and the rest of the file is never decompressed
// (vcf_record_reader.hpp).
#include <cstdint>
#include <string>
#include <vector>

#include "io/genotype_source.hpp"
#include "io/multiallelic.hpp"
#include "io/vcf/vcf_record_decoder.hpp"
#include "qc/genomic_regions.hpp"

namespace ridgeway {

VcfField parse_vcf_field(const std::string& name);

struct VcfSettings {
    std::string path;
    VcfField field = VcfField::automatic;
    char id_delimiter = 0;  // 0: the whole sample ID is the IID, and stands in the FID's place (no family IDs)
    std::size_t memory_mib = 0;  // --memory: decoding stops with an error before the genotypes outgrow it (0: none)
    GenomicRegions regions;      // only the records whose POS lies here are decoded
    Multiallelic multiallelic = Multiallelic::skip;
};

class VcfSource final : public GenotypeSource {
public:
    explicit VcfSource(const VcfSettings& settings);

    const std::vector<SampleId>& samples() const override { return samples_; }
    // Only --id-delim splits family IDs off the VCF's sample names.
    bool has_family_ids() const override { return has_fid_; }
    const std::vector<Variant>& variants() const override { return variants_; }
    std::string describe() const override;
    bool has_dosages() const override { return field_ != VcfField::gt; }
    void read(std::span<const std::size_t> variant_indices, std::span<const std::size_t> sample_indices,
              GenotypeBlock& block) const override;

    // Records with more than one ALT allele, skipped or split.
    std::size_t multiallelic_records() const { return multiallelic_; }

private:
    static constexpr std::uint32_t kNoHaploidRow = UINT32_MAX;

    // Keeps the decoder's haploid samples for the variant just decoded.
    void keep_haploid_flags(const VcfRecordDecoder& decoder);
    void mark_haploid(std::span<const std::size_t> variant_indices, std::span<const std::size_t> sample_indices,
                      GenotypeBlock& block) const;

    std::string path_;
    VcfField field_;
    Multiallelic multiallelic_mode_;
    std::vector<SampleId> samples_;
    bool has_fid_ = false;
    std::vector<Variant> variants_;
    std::vector<std::uint16_t> dosages_;  // variant-major, kDosageUnit per allele copy, kMissingDosage when missing
    // Per variant, its row of haploid_bits_ (a bit per sample, set for haploid calls), or kNoHaploidRow: memory for
    // haploid calls only where a record has some.
    std::vector<std::uint32_t> haploid_rows_;
    std::vector<std::uint64_t> haploid_bits_;
    std::size_t multiallelic_ = 0;
    std::size_t records_with_gt_fallback_ = 0;
    std::size_t records_with_haploid_calls_ = 0;
    std::string region_reading_;  // for describe(): how --chr/--range was read, through an index or not
};

}  // namespace ridgeway
