#pragma once
// One VCF/BCF record's genotypes, for one ALT allele, as 2-byte dosages (kDosageUnit per copy of the allele, as
// PLINK 2 stores them), from GT, DS or GP.
//
// Haploid calls (a GT of one allele, as chrX of males is written by PLINK 2, Beagle and Minimac) are put on the
// diploid scale, as a .bed stores a hemizygous male: a GT allele counts twice; the DS of a sample whose GT is
// haploid is doubled (to at most 2); a GP of as many values as alleles (P(0), P(1) for a biallelic record) gives
// twice the probability of the allele. Such samples are flagged haploid(); a missing one is just missing. DS is read
// on the diploid scale when the record has no GT, or the sample's GT is missing.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

// htslib's record and header types, declared so that this header does not bring in htslib's.
struct bcf1_t;
struct bcf_hdr_t;

namespace ridgeway {

// Which FORMAT field gives the genotype.
enum class VcfField {
    automatic,  // DS when the header defines it, else GT
    ds,         // dosage of ALT
    gp,         // genotype probabilities P(0/0), P(0/1), P(1/1)
    gt,         // hard calls
};

const char* vcf_field_name(VcfField field);

inline constexpr float kDosageUnit = 16384;  // stored units per allele copy
inline constexpr std::uint16_t kMissingDosage = 0xffff;

class VcfRecordDecoder {
public:
    VcfRecordDecoder(const std::string& path, const bcf_hdr_t* header);
    ~VcfRecordDecoder();
    VcfRecordDecoder(const VcfRecordDecoder&) = delete;
    VcfRecordDecoder& operator=(const VcfRecordDecoder&) = delete;

    // Decodes the copies of ALT allele `allele` (1 for the first ALT) of every sample into `out`. Returns false when
    // the record lacks the field (the caller falls back to GT).
    bool decode(bcf1_t* record, VcfField field, std::size_t record_number, int allele, std::uint16_t* out);

    // After decode(): 1 for each sample whose value is a haploid one put on the diploid scale.
    const std::vector<std::uint8_t>& haploid() const { return haploid_; }
    bool any_haploid() const { return any_haploid_; }

private:
    [[noreturn]] void fail(std::size_t sample, const std::string& problem) const;
    std::size_t samples() const;
    void mark_haploid(std::size_t sample);

    bool calls(int allele, std::uint16_t* out);
    // Flags the samples whose GT is one called allele; false when the record has no GT.
    bool haploid_genotypes();
    bool dosages(int allele, std::uint16_t* out);
    bool probabilities(int allele, std::uint16_t* out);

    const std::string& path_;
    const bcf_hdr_t* header_;
    bcf1_t* record_ = nullptr;
    std::size_t record_number_ = 0;
    std::vector<int> copies_;  // per GP genotype: copies of the allele decoded
    std::vector<std::uint8_t> haploid_;
    bool any_haploid_ = false;
    std::int32_t* ints_ = nullptr;
    float* floats_ = nullptr;
    int int_capacity_ = 0, float_capacity_ = 0;
};

}  // namespace ridgeway
