#include "io/bgen/bgen_records.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/error.hpp"

namespace ridgeway {

namespace {

// Bytes read at a time while scanning: enough for the identifying data of most records, so that a scan of records
// with small genotype blocks reads the file in large pieces, and one of large blocks skips them.
constexpr std::size_t kScanWindow = 64 * 1024;

}  // namespace

bool parse_record_header(ByteCursor& cursor, BgenRecordHeader& header) {
    header.snp_id = cursor.text(cursor.u16());
    header.rsid = cursor.text(cursor.u16());
    header.chrom = cursor.text(cursor.u16());
    header.pos = cursor.u32();
    header.n_alleles = cursor.u16();
    if (cursor.overrun()) return false;
    if (header.n_alleles != 2) return true;
    for (auto& allele : header.alleles) allele = cursor.text(cursor.u32());
    header.genotype_bytes = cursor.u32();
    header.header_bytes = cursor.position();
    return !cursor.overrun();
}

std::string record_position(const std::string& path, std::size_t index, std::string_view id) {
    return fmt::format("{}, variant {} ({})", path, index + 1, id);
}

std::string_view record_id(const BgenRecordHeader& header) {
    return header.rsid.empty() || header.rsid == "." ? header.snp_id : header.rsid;
}

void reject_allele_count(const std::string& where, unsigned n_alleles) {
    throw Error(ErrorKind::malformed,
                fmt::format("{}: {} alleles; only biallelic variants are supported (split multiallelic variants, e.g. "
                            "with bcftools norm -m- before converting, or remove them)",
                            where, n_alleles));
}

BgenRecordHeader read_record_header(const ReadOnlyFile& file, std::uint64_t offset, std::uint64_t size,
                                    FileWindow& window, const std::string& where) {
    // Parsed from the window when it holds the record's start; otherwise from a fresh window at the record, grown
    // while the header runs past it (long alleles). Sizes never exceed what the file holds, whatever a record claims.
    bool fresh = offset < window.start || offset >= window.start + window.bytes.size();
    std::uint64_t length = std::min<std::uint64_t>(size, kScanWindow);
    for (;;) {
        if (fresh) {
            window.bytes.resize(length);
            file.read_at(offset, length, window.bytes.data(), where);
            window.start = offset;
        }
        const std::uint64_t skip = offset - window.start;
        ByteCursor cursor(window.bytes.data() + skip, std::min<std::uint64_t>(window.bytes.size() - skip, size));
        BgenRecordHeader header;
        if (parse_record_header(cursor, header)) return header;
        if (fresh && length >= size)
            throw Error(ErrorKind::malformed, fmt::format("{}: the record ends inside its identifying data (byte {})",
                                                          where, offset + length));
        if (fresh) length = std::min(size, 4 * length);
        fresh = true;
    }
}

std::vector<BgenRecord> scan_bgen_records(const ReadOnlyFile& file, const BgenHeader& header) {
    std::vector<BgenRecord> records;
    records.reserve(header.n_variants);  // bounded by the file's size in read_bgen_header
    FileWindow window;
    std::uint64_t offset = header.first_variant_offset;
    for (std::size_t v = 0; v < header.n_variants; ++v) {
        const std::string where = fmt::format("{}, variant {}", file.path(), v + 1);
        if (offset >= file.size())
            throw Error(ErrorKind::malformed, fmt::format("{}: the file ends after {} of the {} variants its header "
                                                          "announces; it is truncated",
                                                          where, v, header.n_variants));
        const std::uint64_t left = file.size() - offset;
        const auto parsed = read_record_header(file, offset, left, window, where);
        const std::string position = record_position(file.path(), v, record_id(parsed));
        if (parsed.n_alleles != 2) reject_allele_count(position, parsed.n_alleles);
        const std::uint64_t size = parsed.header_bytes + std::uint64_t{parsed.genotype_bytes};
        if (size > left)
            throw Error(ErrorKind::malformed, fmt::format("{}: the genotype block of {} bytes runs past the end of the "
                                                          "file; it is truncated",
                                                          position, parsed.genotype_bytes));
        records.push_back({std::string(parsed.chrom), std::string(record_id(parsed)), parsed.pos,
                           std::string(parsed.alleles[0]), std::string(parsed.alleles[1]), offset, size});
        offset += size;
    }
    if (offset != file.size())
        throw Error(ErrorKind::malformed, fmt::format("{}: {} bytes follow the last of the {} variants the header "
                                                      "announces",
                                                      file.path(), file.size() - offset, header.n_variants));
    return records;
}

}  // namespace ridgeway
