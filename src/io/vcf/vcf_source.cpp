#include "io/vcf/vcf_source.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <memory>
#include <span>

#include <fmt/format.h>
#include <htslib/vcf.h>

#include "core/error.hpp"
#include "core/memory_budget.hpp"
#include "io/vcf/vcf_record_decoder.hpp"
#include "io/vcf/vcf_record_reader.hpp"

namespace ridgeway {

namespace {

struct FileCloser {
    void operator()(htsFile* file) const { hts_close(file); }
};
struct HeaderFree {
    void operator()(bcf_hdr_t* header) const { bcf_hdr_destroy(header); }
};
struct RecordFree {
    void operator()(bcf1_t* record) const { bcf_destroy(record); }
};

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
    if (field_ != VcfField::gt && !header_has_format(header.get(), vcf_field_name(field_)))
        throw Error(ErrorKind::inconsistent, fmt::format("{}: --dosage {}, but the header defines no FORMAT/{}", path_,
                                                         vcf_field_name(field_), vcf_field_name(field_)));

    std::unique_ptr<bcf1_t, RecordFree> record(bcf_init());
    VcfRecordDecoder decoder(path_, header.get());
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
            if (!decoder.decode(record.get(), field_, record_number, allele, out)) {
                fell_back = true;
                if (field_ == VcfField::gt || !decoder.decode(record.get(), VcfField::gt, record_number, allele, out))
                    throw Error(ErrorKind::malformed, fmt::format("{}, record {} ({}:{}): no {} and no GT values",
                                                                  path_, record_number, variants_.back().chrom,
                                                                  variants_.back().pos, vcf_field_name(field_)));
            }
            keep_haploid_flags(decoder);
        }
        records_with_gt_fallback_ += fell_back;
        records_with_haploid_calls_ += decoder.any_haploid();
    }
    if (status < -1)
        throw Error(ErrorKind::malformed, fmt::format("{}, after record {}: the next record cannot be read (a line without one "
                                                      "column per sample, or a truncated or corrupt file)", path_,
                                                      record_number));
    region_reading_ = describe_reading(settings.regions, reader);
}

std::string VcfSource::describe() const {
    std::string text = fmt::format("{} ({} from FORMAT/{}), {} samples, {} biallelic variants", path_,
                                   field_ == VcfField::gt ? "hard calls" : "dosages", vcf_field_name(field_),
                                   samples_.size(), variants_.size());
    if (multiallelic_ > 0)
        text += multiallelic_mode_ == Multiallelic::split
                    ? fmt::format("; {} multiallelic records split into one variant per ALT allele", multiallelic_)
                    : fmt::format("; {} multiallelic records skipped (--multiallelic split reads them)", multiallelic_);
    if (records_with_gt_fallback_ > 0)
        text += fmt::format("; {} records without {} read from GT", records_with_gt_fallback_, vcf_field_name(field_));
    if (records_with_haploid_calls_ > 0)
        text += fmt::format("; {} records with haploid calls, counted on the diploid scale (0 or 2)",
                            records_with_haploid_calls_);
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
    mark_haploid(variant_indices, sample_indices, block);
}

void VcfSource::keep_haploid_flags(const VcfRecordDecoder& decoder) {
    if (!decoder.any_haploid()) {
        haploid_rows_.push_back(kNoHaploidRow);
        return;
    }
    const std::size_t n = samples_.size(), words = (n + 63) / 64;
    haploid_rows_.push_back(static_cast<std::uint32_t>(haploid_bits_.size() / words));
    haploid_bits_.resize(haploid_bits_.size() + words);
    std::uint64_t* row = haploid_bits_.data() + haploid_bits_.size() - words;
    for (std::size_t s = 0; s < n; ++s)
        if (decoder.haploid()[s]) row[s / 64] |= std::uint64_t{1} << (s % 64);
}

void VcfSource::mark_haploid(std::span<const std::size_t> variant_indices, std::span<const std::size_t> sample_indices,
                             GenotypeBlock& block) const {
    const std::size_t words = (samples_.size() + 63) / 64;
    for (std::size_t v = 0; v < variant_indices.size(); ++v) {
        const std::uint32_t row = haploid_rows_[variant_indices[v]];
        if (row == kNoHaploidRow) continue;
        const std::uint64_t* bits = haploid_bits_.data() + std::size_t{row} * words;
        for (std::size_t k = 0; k < sample_indices.size(); ++k)
            if ((bits[sample_indices[k] / 64] >> (sample_indices[k] % 64)) & 1) block.mark_haploid(v, k);
    }
}

}  // namespace ridgeway
