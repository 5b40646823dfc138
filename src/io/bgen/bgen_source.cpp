#include "io/bgen/bgen_source.hpp"

#include <filesystem>

#include <fmt/format.h>

#include "core/error.hpp"
#include "io/bgen/bgen_decompression.hpp"
#include "io/bgen/bgen_records.hpp"
#include "io/bgen/bgi_index.hpp"
#include "io/binary/byte_cursor.hpp"
#include "io/bgen/oxford_sample_file.hpp"

namespace ridgeway {

BgenSource::BgenSource(const std::string& bgen_path, const std::string& sample_path, bool ref_first,
                       const GenomicRegions& regions, const std::string& bgi_path)
    : file_(bgen_path), header_(read_bgen_header(file_)), ref_first_(ref_first), regions_text_(regions.text()) {
    OxfordSamples samples = load_samples(sample_path);
    samples_ = std::move(samples.ids.ids);
    has_fid_ = samples.ids.has_fid;
    sexes_ = std::move(samples.sexes);
    sample_origin_ = sample_path.empty() ? "the .bgen" : sample_path;
    header_.sample_ids = {};

    std::error_code ignored;
    if (!bgi_path.empty()) {
        if (!std::filesystem::is_regular_file(bgi_path, ignored))
            throw Error(ErrorKind::cannot_open, bgi_path + ": cannot open the file (--bgi)");
        bgi_path_ = bgi_path;
    } else if (std::filesystem::is_regular_file(bgen_path + ".bgi", ignored)) {
        bgi_path_ = bgen_path + ".bgi";
    }
    auto records = bgi_path_.empty() ? scan_bgen_records(file_, header_) : read_bgi_index(bgi_path_, file_, header_, regions);
    if (bgi_path_.empty())
        std::erase_if(records, [&](const BgenRecord& record) { return !regions.contains(record.chrom, record.pos); });
    variants_.reserve(records.size());
    locations_.reserve(records.size());
    for (auto& record : records) {
        auto& counted = ref_first_ ? record.second_allele : record.first_allele;
        auto& other = ref_first_ ? record.first_allele : record.second_allele;
        variants_.push_back(
            {std::move(record.chrom), std::move(record.id), 0, record.pos, std::move(counted), std::move(other)});
        locations_.push_back({record.offset, record.size});
    }

    // The first variant is decoded now, as BedSource checks padding at open: a .sample file from another .bgen or
    // a corrupt file shows at once rather than in the middle of a run. A region with no variant leaves nothing to
    // decode; the selection then reports that no variant remains.
    std::vector<std::uint8_t> record, scratch;
    if (!variants_.empty()) first_variant_bits_ = load(0, record, scratch).layout.bits;
}

OxfordSamples BgenSource::load_samples(const std::string& sample_path) const {
    if (!sample_path.empty()) {
        auto samples = read_oxford_sample_file(sample_path);
        if (samples.ids.ids.size() != header_.n_samples)
            throw Error(ErrorKind::inconsistent,
                        fmt::format("{}: lists {} samples, but {} holds {}; the .sample file does not belong to this "
                                    ".bgen",
                                    sample_path, samples.ids.ids.size(), file_.path(), header_.n_samples));
        return samples;
    }
    if (header_.sample_ids.empty())
        throw Error(ErrorKind::usage, fmt::format("{}: the file stores no sample identifiers; give its Oxford .sample "
                                                  "file as well (--sample)",
                                                  file_.path()));
    OxfordSamples samples{{{}, false}, {}};
    samples.ids.ids.reserve(header_.sample_ids.size());
    for (const auto& id : header_.sample_ids) samples.ids.ids.push_back({id, id});
    return samples;
}

std::string BgenSource::describe() const {
    std::string listing = bgi_path_.empty() ? "" : " from the index " + bgi_path_;
    if (!regions_text_.empty())
        listing = bgi_path_.empty()
                      ? fmt::format(" of the {} scanned for {} (an index, made with bgenix -g {} -index, would list "
                                    "only the regions without a scan)",
                                    header_.n_variants, regions_text_, file_.path())
                      : fmt::format(" of the file's {} in {}, listed from the index {} without reading the .bgen",
                                    header_.n_variants, regions_text_, bgi_path_);
    return fmt::format("BGEN v{} {} (layout 2, {}, {} bits, {} samples from {}, {} variants{}; {} allele counted)",
                       header_.compression == BgenCompression::zstd ? "1.3" : "1.2", file_.path(),
                       compression_name(header_.compression), first_variant_bits_, samples_.size(), sample_origin_,
                       variants_.size(), listing, ref_first_ ? "second" : "first");
}

BgenSource::Probabilities BgenSource::load(std::size_t index, std::vector<std::uint8_t>& record,
                                           std::vector<std::uint8_t>& scratch) const {
    const Location location = locations_[index];
    const BgenVariantContext where = context(index);
    const std::string place = where.where();
    record.resize(location.size);
    file_.read_at(location.offset, location.size, record.data(), place);
    ByteCursor cursor(record.data(), record.size());
    BgenRecordHeader header;
    if (!parse_record_header(cursor, header))
        throw Error(ErrorKind::malformed, place + ": the record ends inside its identifying data");
    if (header.n_alleles != 2) reject_allele_count(place, header.n_alleles);
    // Always true for a scanned file; with an index, a record that differs means the index is out of date.
    const Variant& variant = variants_[index];
    const auto& counted = header.alleles[ref_first_ ? 1 : 0];
    const auto& other = header.alleles[ref_first_ ? 0 : 1];
    if (header.chrom != variant.chrom || record_id(header) != variant.id || header.pos != variant.pos ||
        counted != variant.allele1 || other != variant.allele2 ||
        header.header_bytes + std::uint64_t{header.genotype_bytes} != location.size)
        throw Error(ErrorKind::inconsistent,
                    fmt::format("{}: the record ({} {}:{} {}/{}, {} bytes) differs from the index {} ({}:{} {}/{}, {} "
                                "bytes); rebuild the index with bgenix -index -clobber, or delete it",
                                place, record_id(header), header.chrom, header.pos, header.alleles[0],
                                header.alleles[1], header.header_bytes + std::uint64_t{header.genotype_bytes},
                                bgi_path_, variant.chrom, variant.pos, ref_first_ ? variant.allele2 : variant.allele1,
                                ref_first_ ? variant.allele1 : variant.allele2, location.size));
    const auto stored = std::span<const std::uint8_t>(record).subspan(header.header_bytes);
    const auto data = unpack_genotype_block(stored, header_.compression, min_probability_bytes(samples_.size()),
                                            max_probability_bytes(samples_.size()), scratch, place);
    return {data, check_probability_data(data, where)};
}

void BgenSource::read(std::span<const std::size_t> variant_indices, std::span<const std::size_t> sample_indices,
                      GenotypeBlock& block) const {
    thread_local std::vector<std::uint8_t> record, scratch;
    block.resize(variant_indices.size(), sample_indices.size(), true);
    for (std::size_t v = 0; v < variant_indices.size(); ++v) {
        const std::size_t index = variant_indices[v];
        const auto probabilities = load(index, record, scratch);
        decode_dosages(probabilities.data, probabilities.layout, sample_indices, ref_first_, block, v,
                       context(index));
    }
    block.round_dosages();
}

}  // namespace ridgeway
