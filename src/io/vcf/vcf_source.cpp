#include "io/vcf/vcf_source.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <memory>
#include <span>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <htslib/vcf.h>

#include "core/error.hpp"
#include "core/memory_budget.hpp"
#include "io/vcf/vcf_record_reader.hpp"

namespace ridgeway {

namespace {

constexpr float kDosageUnit = 16384;  // stored units per allele copy
constexpr std::uint16_t kMissingDosage = 0xffff;
// Dosages and probability sums this far outside their range are rounding in the writer, not errors.
constexpr double kRangeTolerance = 1e-3;

struct FileCloser {
    void operator()(htsFile* file) const { hts_close(file); }
};
struct HeaderFree {
    void operator()(bcf_hdr_t* header) const { bcf_hdr_destroy(header); }
};
struct RecordFree {
    void operator()(bcf1_t* record) const { bcf_destroy(record); }
};

const char* field_name(VcfField field) {
    switch (field) {
    case VcfField::ds: return "DS";
    case VcfField::gp: return "GP";
    case VcfField::gt: return "GT";
    case VcfField::automatic: break;
    }
    return "automatic";
}

bool header_has_format(const bcf_hdr_t* header, const char* name) {
    const int id = bcf_hdr_id2int(header, BCF_DT_ID, name);
    return id >= 0 && bcf_hdr_idinfo_exists(header, BCF_HL_FMT, id);
}

SampleId split_sample_id(const std::string& path, const std::string& name, char delimiter) {
    if (delimiter == 0) return {name, name};
    const auto at = name.find(delimiter);
    if (at == std::string::npos || name.find(delimiter, at + 1) != std::string::npos)
        throw Error(ErrorKind::malformed, fmt::format("{}: sample ID '{}' does not contain --id-delim '{}' exactly once",
                                                      path, name, delimiter));
    return {name.substr(0, at), name.substr(at + 1)};
}

std::string or_dot(const char* text) { return text == nullptr || *text == 0 ? "." : text; }

// How the regions asked for were read, for the log: the records an index led to, or a note that one would help.
std::string describe_reading(const GenomicRegions& regions, const VcfRecordReader& reader) {
    if (regions.whole_genome()) return "";
    if (reader.index_path().empty())
        return fmt::format("; {}: all {} records read, as the file has no index ({} would let only the regions be "
                           "read)",
                           regions.text(), reader.records_read(), reader.how_to_index());
    const auto total = reader.records_in_file();
    return fmt::format("; {}: {} records read through the index {}{}", regions.text(), reader.records_read(),
                       reader.index_path(), total ? fmt::format(" (the file holds {})", *total) : "");
}

std::uint16_t encode(double dosage) { return static_cast<std::uint16_t>(std::lround(std::clamp(dosage, 0.0, 2.0) * kDosageUnit)); }

// Decodes one record's genotypes into `out` (one value per sample).
class RecordDecoder {
public:
    RecordDecoder(const std::string& path, const bcf_hdr_t* header) : path_(path), header_(header) {}
    ~RecordDecoder() {
        std::free(ints_);
        std::free(floats_);
    }
    RecordDecoder(const RecordDecoder&) = delete;
    RecordDecoder& operator=(const RecordDecoder&) = delete;

    // Decodes the copies of ALT allele `allele` (1 for the first ALT). Returns false when the record lacks the field
    // (the caller falls back to GT).
    bool decode(bcf1_t* record, VcfField field, std::size_t record_number, int allele, std::uint16_t* out) {
        record_number_ = record_number;
        record_ = record;
        switch (field) {
        case VcfField::gt: return calls(allele, out);
        case VcfField::ds: return dosages(allele, out);
        case VcfField::gp: return probabilities(allele, out);
        case VcfField::automatic: break;
        }
        return false;
    }

private:
    [[noreturn]] void fail(std::size_t sample, const std::string& problem) const {
        throw Error(ErrorKind::malformed,
                    fmt::format("{}, record {} ({}:{}), sample {}: {}", path_, record_number_,
                                bcf_seqname_safe(header_, record_), record_->pos + 1, sample + 1, problem));
    }
    std::size_t samples() const { return static_cast<std::size_t>(bcf_hdr_nsamples(header_)); }

    bool calls(int allele, std::uint16_t* out) {
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
            // A haploid call (chrX in males) counts as a homozygous diploid one, as PLINK does.
            out[s] = missing || present == 0 ? kMissingDosage : encode(present == 1 ? 2 * copies : copies);
        }
        return true;
    }

    // DS holds one dosage per ALT allele (Number=A).
    bool dosages(int allele, std::uint16_t* out) {
        const int total = bcf_get_format_float(header_, record_, "DS", &floats_, &float_capacity_);
        if (total <= 0) return false;
        const std::size_t n = samples(), per_sample = static_cast<std::size_t>(total) / n;
        const auto alts = static_cast<std::size_t>(record_->n_allele - 1);
        if (per_sample != alts)
            fail(0, fmt::format("DS has {} values per sample; a record with {} ALT alleles has {}", per_sample, alts, alts));
        for (std::size_t s = 0; s < n; ++s) {
            const float value = floats_[s * per_sample + static_cast<std::size_t>(allele - 1)];
            if (bcf_float_is_missing(value) || bcf_float_is_vector_end(value)) {
                out[s] = kMissingDosage;
                continue;
            }
            if (!(value >= -kRangeTolerance && value <= 2 + kRangeTolerance))
                fail(s, fmt::format("DS {} is outside [0, 2]", value));
            out[s] = encode(value);
        }
        return true;
    }

    // GP holds one probability per diploid genotype (Number=G), in VCF order: genotype j/k (j <= k) at
    // k(k + 1)/2 + j, so 0/0, 0/1, 1/1, 0/2, 1/2, 2/2, ...; the dosage of `allele` is the expected count of it.
    bool probabilities(int allele, std::uint16_t* out) {
        const int total = bcf_get_format_float(header_, record_, "GP", &floats_, &float_capacity_);
        if (total <= 0) return false;
        const std::size_t n = samples(), per_sample = static_cast<std::size_t>(total) / n;
        const auto alleles = static_cast<std::size_t>(record_->n_allele);
        const std::size_t genotypes = alleles * (alleles + 1) / 2;
        if (per_sample != genotypes)
            fail(0, fmt::format("GP has {} values per sample; a diploid record with {} alleles has {}", per_sample,
                                alleles, genotypes));
        copies_.clear();
        for (std::size_t k = 0; k < alleles; ++k)
            for (std::size_t j = 0; j <= k; ++j) copies_.push_back((j == std::size_t(allele)) + (k == std::size_t(allele)));
        for (std::size_t s = 0; s < n; ++s) {
            const float* p = floats_ + genotypes * s;
            double sum = 0, expected = 0;
            bool absent = false, negative = false;
            for (std::size_t g = 0; g < genotypes; ++g) {
                absent = absent || bcf_float_is_missing(p[g]) || bcf_float_is_vector_end(p[g]);
                negative = negative || p[g] < 0;
                sum += p[g];
                expected += copies_[g] * double(p[g]);
            }
            if (absent) {
                out[s] = kMissingDosage;
                continue;
            }
            if (negative || !(std::abs(sum - 1) <= 0.01 + kRangeTolerance))
                fail(s, fmt::format("GP {} are not probabilities summing to 1",
                                    fmt::join(std::span<const float>(p, genotypes), ",")));
            out[s] = encode(expected / sum);
        }
        return true;
    }

    static const char* bcf_seqname_safe(const bcf_hdr_t* header, const bcf1_t* record) {
        const char* name = bcf_seqname(header, record);
        return name == nullptr ? "?" : name;
    }

    const std::string& path_;
    const bcf_hdr_t* header_;
    bcf1_t* record_ = nullptr;
    std::size_t record_number_ = 0;
    std::vector<int> copies_;  // per GP genotype: copies of the allele decoded
    int32_t* ints_ = nullptr;
    float* floats_ = nullptr;
    int int_capacity_ = 0, float_capacity_ = 0;
};

}  // namespace

VcfField parse_vcf_field(const std::string& name) {
    if (name == "DS") return VcfField::ds;
    if (name == "GP") return VcfField::gp;
    if (name == "GT") return VcfField::gt;
    throw Error(ErrorKind::usage, fmt::format("--dosage: '{}' is not one of DS, GP, GT", name));
}

VcfSource::VcfSource(const VcfSettings& settings)
    : path_(settings.path), field_(settings.field), multiallelic_mode_(settings.multiallelic),
      has_fid_(settings.id_delimiter != 0) {
    hts_set_log_level(HTS_LOG_OFF);  // problems are reported as ridgeway's one-line errors, not htslib's messages
    std::unique_ptr<htsFile, FileCloser> file(hts_open(path_.c_str(), "r"));
    if (!file) throw Error(ErrorKind::cannot_open, path_ + ": cannot open for reading");
    const htsFormat* format = hts_get_format(file.get());
    if (format->format != vcf && format->format != bcf)
        throw Error(ErrorKind::malformed, path_ + ": not a VCF or BCF file");
    std::unique_ptr<bcf_hdr_t, HeaderFree> header(bcf_hdr_read(file.get()));
    if (!header) throw Error(ErrorKind::malformed, path_ + ": the header cannot be read");
    const auto n = static_cast<std::size_t>(bcf_hdr_nsamples(header.get()));
    if (n == 0) throw Error(ErrorKind::malformed, path_ + ": the file has no samples");
    for (std::size_t s = 0; s < n; ++s)
        samples_.push_back(split_sample_id(path_, header->samples[s], settings.id_delimiter));
    if (field_ == VcfField::automatic) field_ = header_has_format(header.get(), "DS") ? VcfField::ds : VcfField::gt;
    if (field_ != VcfField::gt && !header_has_format(header.get(), field_name(field_)))
        throw Error(ErrorKind::inconsistent, fmt::format("{}: --dosage {}, but the header defines no FORMAT/{}", path_,
                                                         field_name(field_), field_name(field_)));

    std::unique_ptr<bcf1_t, RecordFree> record(bcf_init());
    RecordDecoder decoder(path_, header.get());
    VcfRecordReader reader(path_, file.get(), header.get(), settings.regions);
    std::size_t record_number = 0;
    int status = 0;
    while ((status = reader.next(record.get())) == 0) {
        record_number = reader.records_read();
        if (record->errcode != 0)
            throw Error(ErrorKind::malformed, fmt::format("{}, record {}: malformed (htslib error code {})", path_,
                                                          record_number, record->errcode));
        bcf_unpack(record.get(), BCF_UN_ALL);
        if (record->n_allele > 2) {
            ++multiallelic_;
            if (multiallelic_mode_ == Multiallelic::skip) continue;
        }
        const char* chrom = bcf_seqname(header.get(), record.get());
        if (record->n_allele == 0 || record->d.allele == nullptr || record->d.allele[0] == nullptr)
            throw Error(ErrorKind::malformed, fmt::format("{}, record {}: no REF allele", path_, record_number));
        // One variant per ALT allele; a record without ALT ("." ) is one variant whose ALT is "."
        bool fell_back = false;
        for (int allele = 1; allele < std::max(2, static_cast<int>(record->n_allele)); ++allele) {
            const char* alt = allele < record->n_allele ? record->d.allele[allele] : nullptr;
            variants_.push_back({or_dot(chrom), or_dot(record->d.id), 0, static_cast<long long>(record->pos + 1),
                                 or_dot(alt), record->d.allele[0]});
            if (dosages_.size() + n > dosages_.capacity()) {
                const std::size_t grown = std::max(2 * dosages_.capacity(), dosages_.size() + n);
                require_memory(settings.memory_mib, grown * sizeof(std::uint16_t),
                               fmt::format("decoding {} (2 bytes per genotype) beyond record {}", path_, record_number));
                dosages_.reserve(grown);
            }
            dosages_.resize(dosages_.size() + n);
            std::uint16_t* out = dosages_.data() + dosages_.size() - n;
            if (decoder.decode(record.get(), field_, record_number, allele, out)) continue;
            fell_back = true;
            if (field_ == VcfField::gt || !decoder.decode(record.get(), VcfField::gt, record_number, allele, out))
                throw Error(ErrorKind::malformed, fmt::format("{}, record {} ({}:{}): no {} and no GT values", path_,
                                                              record_number, variants_.back().chrom,
                                                              variants_.back().pos, field_name(field_)));
        }
        records_with_gt_fallback_ += fell_back;
    }
    if (status < -1)
        throw Error(ErrorKind::malformed, fmt::format("{}, after record {}: the next record cannot be read (a line without one "
                                                      "column per sample, or a truncated or corrupt file)", path_,
                                                      record_number));
    region_reading_ = describe_reading(settings.regions, reader);
}

std::string VcfSource::describe() const {
    std::string text = fmt::format("{} ({} from FORMAT/{}), {} samples, {} biallelic variants", path_,
                                   field_ == VcfField::gt ? "hard calls" : "dosages", field_name(field_),
                                   samples_.size(), variants_.size());
    if (multiallelic_ > 0)
        text += multiallelic_mode_ == Multiallelic::split
                    ? fmt::format("; {} multiallelic records split into one variant per ALT allele", multiallelic_)
                    : fmt::format("; {} multiallelic records skipped (--multiallelic split reads them)", multiallelic_);
    if (records_with_gt_fallback_ > 0)
        text += fmt::format("; {} records without {} read from GT", records_with_gt_fallback_, field_name(field_));
    return text + region_reading_;
}

void VcfSource::read(std::span<const std::size_t> variant_indices, std::span<const std::size_t> sample_indices,
                     GenotypeBlock& block) const {
    const bool dosages = has_dosages();
    block.resize(variant_indices.size(), sample_indices.size(), dosages);
    const std::size_t n = samples_.size();
    for (std::size_t v = 0; v < variant_indices.size(); ++v) {
        const std::uint16_t* stored = dosages_.data() + variant_indices[v] * n;
        if (dosages) {
            float* out = block.dosage(v);
            for (std::size_t k = 0; k < sample_indices.size(); ++k) {
                const std::uint16_t value = stored[sample_indices[k]];
                out[k] = value == kMissingDosage ? std::numeric_limits<float>::quiet_NaN() : value / kDosageUnit;
            }
        } else {
            std::int8_t* out = block.variant(v);
            for (std::size_t k = 0; k < sample_indices.size(); ++k) {
                const std::uint16_t value = stored[sample_indices[k]];
                out[k] = value == kMissingDosage ? kMissingCall : static_cast<std::int8_t>(value / kDosageUnit);
            }
        }
    }
    if (dosages) block.round_dosages();
}

}  // namespace ridgeway
