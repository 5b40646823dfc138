#include "io/vcf/vcf_record_decoder.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <span>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <htslib/vcf.h>

#include "core/error.hpp"

namespace ridgeway {

namespace {

// Dosages and probability sums this far outside their range are rounding in the writer, not errors.
constexpr double kRangeTolerance = 1e-3;

std::uint16_t encode(double dosage) {
    return static_cast<std::uint16_t>(std::lround(std::clamp(dosage, 0.0, 2.0) * kDosageUnit));
}

const char* sequence_name(const bcf_hdr_t* header, const bcf1_t* record) {
    const char* name = bcf_seqname(header, record);
    return name == nullptr ? "?" : name;
}

}  // namespace

const char* vcf_field_name(VcfField field) {
    switch (field) {
    case VcfField::ds: return "DS";
    case VcfField::gp: return "GP";
    case VcfField::gt: return "GT";
    case VcfField::automatic: break;
    }
    return "automatic";
}

VcfRecordDecoder::VcfRecordDecoder(const std::string& path, const bcf_hdr_t* header) : path_(path), header_(header) {}

VcfRecordDecoder::~VcfRecordDecoder() {
    std::free(ints_);
    std::free(floats_);
}

bool VcfRecordDecoder::decode(bcf1_t* record, VcfField field, std::size_t record_number, int allele,
                              std::uint16_t* out) {
    record_number_ = record_number;
    record_ = record;
    haploid_.assign(samples(), 0);
    any_haploid_ = false;
    switch (field) {
    case VcfField::gt: return calls(allele, out);
    case VcfField::ds: return dosages(allele, out);
    case VcfField::gp: return probabilities(allele, out);
    case VcfField::automatic: break;
    }
    return false;
}

void VcfRecordDecoder::fail(std::size_t sample, const std::string& problem) const {
    throw Error(ErrorKind::malformed, fmt::format("{}, record {} ({}:{}), sample {}: {}", path_, record_number_,
                                                  sequence_name(header_, record_), record_->pos + 1, sample + 1,
                                                  problem));
}

std::size_t VcfRecordDecoder::samples() const { return static_cast<std::size_t>(bcf_hdr_nsamples(header_)); }

void VcfRecordDecoder::mark_haploid(std::size_t sample) {
    haploid_[sample] = 1;
    any_haploid_ = true;
}

bool VcfRecordDecoder::calls(int allele, std::uint16_t* out) {
    const int total = bcf_get_genotypes(header_, record_, &ints_, &int_capacity_);
    if (total <= 0) return false;
    const std::size_t n = samples(), ploidy = static_cast<std::size_t>(total) / n;
    for (std::size_t s = 0; s < n; ++s) {
        const int32_t* alleles = ints_ + s * ploidy;
        int copies = 0, present = 0;
        bool missing = false;
        for (std::size_t k = 0; k < ploidy && alleles[k] != bcf_int32_vector_end; ++k) {
            if (bcf_gt_is_missing(alleles[k])) missing = true;
            else copies += bcf_gt_allele(alleles[k]) == allele;
            ++present;
        }
        if (present > 2) fail(s, fmt::format("ploidy {} (only haploid and diploid calls are read)", present));
        if (missing || present == 0) {
            out[s] = kMissingDosage;
            continue;
        }
        // A haploid call (chrX in males) counts as a homozygous diploid one, as PLINK does.
        if (present == 1) mark_haploid(s);
        out[s] = encode(present == 1 ? 2 * copies : copies);
    }
    return true;
}

bool VcfRecordDecoder::haploid_genotypes() {
    const int total = bcf_get_genotypes(header_, record_, &ints_, &int_capacity_);
    if (total <= 0) return false;
    const std::size_t n = samples(), ploidy = static_cast<std::size_t>(total) / n;
    for (std::size_t s = 0; s < n; ++s) {
        const int32_t* alleles = ints_ + s * ploidy;
        const bool one = ploidy == 1 || alleles[1] == bcf_int32_vector_end;
        if (one && alleles[0] != bcf_int32_vector_end && !bcf_gt_is_missing(alleles[0])) haploid_[s] = 1;
    }
    return true;
}

// DS holds one dosage per ALT allele (Number=A).
bool VcfRecordDecoder::dosages(int allele, std::uint16_t* out) {
    const int total = bcf_get_format_float(header_, record_, "DS", &floats_, &float_capacity_);
    if (total <= 0) return false;
    const std::size_t n = samples(), per_sample = static_cast<std::size_t>(total) / n;
    const auto alts = static_cast<std::size_t>(record_->n_allele - 1);
    if (per_sample != alts)
        fail(0, fmt::format("DS has {} values per sample; a record with {} ALT alleles has {}", per_sample, alts,
                            alts));
    const bool with_gt = haploid_genotypes();
    for (std::size_t s = 0; s < n; ++s) {
        const float value = floats_[s * per_sample + static_cast<std::size_t>(allele - 1)];
        const bool haploid = with_gt && haploid_[s];
        haploid_[s] = 0;
        if (bcf_float_is_missing(value) || bcf_float_is_vector_end(value)) {
            out[s] = kMissingDosage;
            continue;
        }
        if (!(value >= -kRangeTolerance && value <= 2 + kRangeTolerance))
            fail(s, fmt::format("DS {} is outside [0, 2]", value));
        if (haploid) mark_haploid(s);
        out[s] = encode(haploid ? 2 * double(value) : value);
    }
    return true;
}

// GP holds one probability per genotype (Number=G), in VCF order: for a diploid sample genotype j/k (j <= k) at
// k(k + 1)/2 + j, so 0/0, 0/1, 1/1, 0/2, 1/2, 2/2, ...; for a haploid sample one per allele. The dosage of `allele`
// is the expected count of it, twice the probability of the allele for a haploid sample.
bool VcfRecordDecoder::probabilities(int allele, std::uint16_t* out) {
    const int total = bcf_get_format_float(header_, record_, "GP", &floats_, &float_capacity_);
    if (total <= 0) return false;
    const std::size_t n = samples(), per_sample = static_cast<std::size_t>(total) / n;
    const auto alleles = static_cast<std::size_t>(record_->n_allele);
    const std::size_t genotypes = alleles * (alleles + 1) / 2;
    // A record whose samples are all haploid has one value per allele.
    if (per_sample != genotypes && per_sample != alleles)
        fail(0, fmt::format("GP has {} values per sample; a diploid record with {} alleles has {}", per_sample,
                            alleles, genotypes));
    copies_.clear();
    for (std::size_t k = 0; k < alleles; ++k)
        for (std::size_t j = 0; j <= k; ++j) copies_.push_back((j == std::size_t(allele)) + (k == std::size_t(allele)));
    for (std::size_t s = 0; s < n; ++s) {
        const float* p = floats_ + per_sample * s;
        std::size_t given = 0;
        while (given < per_sample && !bcf_float_is_vector_end(p[given])) ++given;
        const bool haploid = given == alleles && alleles < genotypes;
        const std::size_t values = haploid ? alleles : genotypes;
        double sum = 0, expected = 0;
        bool absent = given < values, negative = false;
        for (std::size_t g = 0; g < values && !absent; ++g) {
            absent = bcf_float_is_missing(p[g]);
            negative = negative || p[g] < 0;
            sum += p[g];
            expected += (haploid ? 2 * (g == std::size_t(allele)) : copies_[g]) * double(p[g]);
        }
        if (absent) {
            out[s] = kMissingDosage;
            continue;
        }
        if (negative || !(std::abs(sum - 1) <= 0.01 + kRangeTolerance))
            fail(s, fmt::format("GP {} are not probabilities summing to 1",
                                fmt::join(std::span<const float>(p, values), ",")));
        if (haploid) mark_haploid(s);
        out[s] = encode(expected / sum);
    }
    return true;
}

}  // namespace ridgeway
