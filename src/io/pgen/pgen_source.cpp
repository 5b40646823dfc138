#include "io/pgen/pgen_source.hpp"

#include <filesystem>
#include <limits>
#include <utility>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/text_reader.hpp"
#include "io/pgen/pgen_dosages.hpp"
#include "io/pgen/pgen_main_track.hpp"
#include "io/pgen/psam_reader.hpp"

namespace ridgeway {

std::string pvar_path(const std::string& prefix) {
    std::error_code ignored;
    const std::string plain = prefix + ".pvar", compressed = plain + ".zst";
    return !std::filesystem::exists(plain, ignored) && std::filesystem::exists(compressed, ignored) ? compressed : plain;
}

PgenSource::PgenSource(const std::string& prefix, Multiallelic multiallelic)
    : file_(prefix + ".pgen"), pvar_path_(pvar_path(prefix)), multiallelic_(multiallelic) {
    const std::string psam_path = prefix + ".psam";
    auto psam = read_psam(psam_path);
    samples_ = std::move(psam.ids);
    sexes_ = std::move(psam.sexes);
    auto records = read_pvar(pvar_path_);
    index_ = read_pgen_index(file_, static_cast<std::uint32_t>(samples_.ids.size()),
                             static_cast<std::uint32_t>(records.size()));
    if (index_.n_samples != samples_.ids.size())
        throw Error(ErrorKind::inconsistent, fmt::format("{}: holds {} samples, but {} lists {}; the .psam does not "
                                                         "belong to this .pgen",
                                                         file_.path(), index_.n_samples, psam_path, samples_.ids.size()));
    if (index_.n_variants != records.size())
        throw Error(ErrorKind::inconsistent, fmt::format("{}: holds {} variants, but {} lists {}; the .pvar does not "
                                                         "belong to this .pgen",
                                                         file_.path(), index_.n_variants, pvar_path_, records.size()));
    check_allele_counts(records);
    dosages_ = index_.has_dosages();
    add_rows(records);
    if (rows_.empty())
        throw Error(ErrorKind::inconsistent, fmt::format("{}: all {} variants are multiallelic; read them with "
                                                         "--multiallelic split",
                                                         pvar_path_, records.size()));
    // The first variant is decoded now, as BedSource checks padding at open: a corrupt file shows at once.
    GenotypeBlock block;
    const std::size_t first = 0, sample = 0;
    read({&first, 1}, {&sample, 1}, block);
}

void PgenSource::check_allele_counts(const std::vector<PvarVariant>& records) const {
    for (std::size_t r = 0; r < records.size(); ++r) {
        const std::uint32_t n_alleles = records[r].n_alleles;
        const auto where = [&] { return fmt::format("{}, variant {} ({})", file_.path(), r + 1, records[r].variant.id); };
        if (!index_.allele_counts.empty() && index_.allele_counts[r] != n_alleles)
            throw Error(ErrorKind::inconsistent, fmt::format("{}: the header gives {} alleles, but {} lists {}; the "
                                                             ".pvar does not belong to this .pgen",
                                                             where(), index_.allele_counts[r], pvar_path_, n_alleles));
        if (n_alleles > kMaxPgenAlleles)
            throw Error(ErrorKind::malformed, fmt::format("{}: {} alleles; at most {} are read", where(), n_alleles,
                                                          kMaxPgenAlleles));
        if (n_alleles > 2 && multiallelic_ == Multiallelic::split && has_dosage_track(index_.type(r)))
            throw Error(ErrorKind::malformed, fmt::format("{}: dosages of multiallelic variants are not supported; "
                                                          "leave them out with --multiallelic skip",
                                                          where()));
    }
}

void PgenSource::add_rows(std::vector<PvarVariant>& records) {
    first_rows_.assign(records.size(), kNoRow);
    allele_counts_.reserve(records.size());
    for (std::size_t r = 0; r < records.size(); ++r) {
        allele_counts_.push_back(records[r].n_alleles);
        Variant& variant = records[r].variant;
        if (records[r].n_alleles <= 2) {
            first_rows_[r] = static_cast<std::uint32_t>(rows_.size());
            rows_.push_back({static_cast<std::uint32_t>(r), 1});
            variants_.push_back(std::move(variant));
            continue;
        }
        ++multiallelic_records_;
        if (multiallelic_ == Multiallelic::skip) continue;
        first_rows_[r] = static_cast<std::uint32_t>(rows_.size());
        std::uint32_t alt = 0;
        for (const std::string_view allele : split_on(variant.allele1, ',')) {
            rows_.push_back({static_cast<std::uint32_t>(r), ++alt});
            Variant split = variant;
            split.allele1 = allele;
            variants_.push_back(std::move(split));
        }
    }
}

PgenRecordContext PgenSource::context(std::size_t record) const {
    const std::uint32_t row = first_rows_[record];
    return {file_.path(), record, row == kNoRow ? std::string_view("a skipped multiallelic variant") : variants_[row].id};
}

PgenRecordFormat PgenSource::format(std::size_t record) const {
    return {index_.n_samples, allele_counts_[record], index_.type(record), index_.plink1()};
}

std::string PgenSource::describe() const {
    std::string text = fmt::format("PLINK 2 {} ({}, {}), {} samples, {} variants from {}", file_.path(),
                                   index_.describe(), dosages_ ? "dosages" : "hard calls", samples_.ids.size(),
                                   index_.n_variants, pvar_path_);
    if (multiallelic_records_ > 0 && multiallelic_ == Multiallelic::skip)
        text += fmt::format("; {} multiallelic variants skipped (--multiallelic split reads each ALT allele as a "
                            "biallelic variant)",
                            multiallelic_records_);
    if (multiallelic_records_ > 0 && multiallelic_ == Multiallelic::split)
        text += fmt::format("; {} multiallelic variants split, one biallelic variant per ALT allele",
                            multiallelic_records_);
    return text;
}

void PgenSource::load_reference(std::size_t reference, Decoded& decoded) const {
    if (decoded.reference_record == reference) return;
    const std::uint64_t offset = index_.offset(reference);
    decoded.reference_bytes.resize(index_.offset(reference + 1) - offset);
    const PgenRecordContext where = context(reference);
    file_.read_at(offset, decoded.reference_bytes.size(), decoded.reference_bytes.data(), where.where());
    ByteCursor cursor(decoded.reference_bytes.data(), decoded.reference_bytes.size());
    decode_main_track(cursor, index_.type(reference), false, index_.n_samples, {}, decoded.reference, decoded.scratch,
                      where);
    decoded.reference_record = reference;
}

void PgenSource::decode(std::size_t record, std::span<const std::uint8_t> bytes, Decoded& decoded) const {
    const std::uint8_t type = index_.type(record);
    const bool ld = is_ld_compressed(type);
    if (ld) load_reference(index_.reference(record), decoded);
    decode_record(bytes, format(record), ld ? std::span<const std::uint8_t>(decoded.reference) : std::span<const std::uint8_t>(),
                  decoded.genotypes, decoded.scratch, context(record));
    decoded.record = record;
    // A record that the next ones refer to becomes the reference now, which saves decoding it again.
    if (!ld && record + 1 < index_.n_variants && is_ld_compressed(index_.type(record + 1))) {
        decoded.reference = decoded.genotypes.categories;
        decoded.reference_record = record;
    }
}

void PgenSource::fill(const Row& row, const PgenGenotypes& genotypes, std::span<const std::size_t> sample_indices,
                      GenotypeBlock& block, std::size_t v) const {
    thread_local std::vector<std::int8_t> counts;
    count_alt_copies(genotypes, row.alt, counts);
    if (!dosages_) {
        std::int8_t* out = block.variant(v);
        for (std::size_t k = 0; k < sample_indices.size(); ++k) out[k] = counts[sample_indices[k]];
        return;
    }
    constexpr float kMissing = std::numeric_limits<float>::quiet_NaN();
    float* out = block.dosage(v);
    if (genotypes.dosages.empty()) {
        for (std::size_t k = 0; k < sample_indices.size(); ++k) {
            const std::int8_t count = counts[sample_indices[k]];
            out[k] = count == kMissingCall ? kMissing : static_cast<float>(count);
        }
        return;
    }
    for (std::size_t k = 0; k < sample_indices.size(); ++k) {
        const std::uint16_t dosage = genotypes.dosages[sample_indices[k]];
        out[k] = dosage == kMissingPgenDosage ? kMissing : static_cast<float>(dosage) / kPgenDosageUnit;
    }
}

void PgenSource::read(std::span<const std::size_t> variant_indices, std::span<const std::size_t> sample_indices,
                      GenotypeBlock& block) const {
    // Storage reused across calls; what was decoded belongs to this call only (another source may share the thread).
    thread_local Decoded decoded;
    thread_local std::vector<std::uint8_t> run_bytes;
    decoded.record = decoded.reference_record = SIZE_MAX;
    block.resize(variant_indices.size(), sample_indices.size(), dosages_);
    for (std::size_t run_start = 0; run_start < variant_indices.size();) {
        // One read for each run of rows whose records follow one another (the rows of a split variant share one).
        std::size_t run_end = run_start + 1;
        while (run_end < variant_indices.size()) {
            const std::uint32_t previous = rows_[variant_indices[run_end - 1]].record;
            const std::uint32_t next = rows_[variant_indices[run_end]].record;
            if (next != previous && next != previous + 1) break;
            ++run_end;
        }
        const std::size_t first = rows_[variant_indices[run_start]].record;
        const std::size_t last = rows_[variant_indices[run_end - 1]].record;
        const std::uint64_t start = index_.offset(first);
        run_bytes.resize(index_.offset(last + 1) - start);
        file_.read_at(start, run_bytes.size(), run_bytes.data(), context(first).where());
        for (std::size_t v = run_start; v < run_end; ++v) {
            const Row row = rows_[variant_indices[v]];
            if (row.record != decoded.record) {
                const std::uint64_t offset = index_.offset(row.record);
                decode(row.record, std::span<const std::uint8_t>(run_bytes).subspan(offset - start, index_.offset(row.record + 1) - offset), decoded);
            }
            fill(row, decoded.genotypes, sample_indices, block, v);
        }
        run_start = run_end;
    }
    if (dosages_) block.round_dosages();
}

}  // namespace ridgeway
