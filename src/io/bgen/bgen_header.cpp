#include "io/bgen/bgen_header.hpp"

#include <cstring>
#include <unordered_set>

#include <fmt/format.h>

#include "core/error.hpp"
#include "io/binary/byte_cursor.hpp"

namespace ridgeway {

namespace {

constexpr std::uint32_t kHeaderFixedBytes = 20;  // L_H, M, N, magic, flags
constexpr std::uint32_t kSampleIdsFlag = 1u << 31;
// The fewest bytes a layout-2 variant can take: three empty identifiers, a position, two empty alleles and the
// genotype block's length. Bounds the header's variant count by the file's size before anything is allocated.
constexpr std::uint64_t kMinimumVariantBytes = 2 + 2 + 2 + 4 + 2 + 4 + 4 + 4;

[[noreturn]] void fail(const ReadOnlyFile& file, const std::string& problem) {
    throw Error(ErrorKind::malformed, file.path() + ", header: " + problem);
}

std::vector<std::uint8_t> read_bytes(const ReadOnlyFile& file, std::uint64_t offset, std::size_t count) {
    return file.read_bytes(offset, count, file.path() + ", header");
}

std::vector<std::string> read_sample_ids(const ReadOnlyFile& file, std::uint64_t offset, std::uint64_t room,
                                         std::uint32_t n_samples) {
    const auto head = read_bytes(file, offset, 8);
    ByteCursor cursor(head.data(), head.size());
    const std::uint32_t block_bytes = cursor.u32();
    const std::uint32_t n_ids = cursor.u32();
    if (block_bytes < 8 || block_bytes > room)
        fail(file, fmt::format("the sample identifier block claims {} bytes, but {} bytes lie before the first variant",
                               block_bytes, room));
    if (n_ids != n_samples)
        fail(file,
             fmt::format("the sample identifier block lists {} samples, but the header says {}", n_ids, n_samples));
    if (n_ids > (block_bytes - 8) / 2)
        fail(file,
             fmt::format("the sample identifier block ({} bytes) is too short for {} identifiers", block_bytes, n_ids));
    const auto bytes = read_bytes(file, offset + 8, block_bytes - 8);
    ByteCursor ids(bytes.data(), bytes.size());
    std::vector<std::string> samples;
    samples.reserve(n_ids);
    std::unordered_set<std::string_view> seen;
    for (std::uint32_t s = 0; s < n_ids; ++s) {
        const std::string_view id = ids.text(ids.u16());
        if (ids.overrun())
            fail(file, fmt::format("the sample identifier block ends inside identifier {} of {}", s + 1, n_ids));
        if (!seen.insert(id).second) fail(file, fmt::format("sample identifier '{}' appears twice", id));
        samples.emplace_back(id);
    }
    if (ids.remaining() != 0)
        fail(file, fmt::format("{} bytes left in the sample identifier block after its {} identifiers", ids.remaining(),
                               n_ids));
    return samples;
}

}  // namespace

const char* compression_name(BgenCompression compression) {
    switch (compression) {
        case BgenCompression::none: return "uncompressed";
        case BgenCompression::zlib: return "zlib";
        case BgenCompression::zstd: return "zstd";
    }
    return "?";
}

BgenHeader read_bgen_header(const ReadOnlyFile& file) {
    if (file.size() < 4 + kHeaderFixedBytes)
        fail(file, fmt::format("the file is too short to be a BGEN file ({} bytes)", file.size()));
    const auto fixed = read_bytes(file, 0, 4 + 16);
    ByteCursor cursor(fixed.data(), fixed.size());
    BgenHeader header;
    const std::uint32_t offset = cursor.u32();
    const std::uint32_t header_bytes = cursor.u32();
    header.n_variants = cursor.u32();
    header.n_samples = cursor.u32();
    const std::string_view magic = cursor.text(4);
    if (magic != "bgen" && magic != std::string_view("\0\0\0\0", 4))
        fail(file, "not a BGEN file (the magic bytes are not 'bgen')");
    if (header_bytes < kHeaderFixedBytes || header_bytes > offset)
        fail(file, fmt::format("header length {} is not between {} and the first variant's offset {}", header_bytes,
                               kHeaderFixedBytes, offset));
    header.first_variant_offset = std::uint64_t{offset} + 4;
    if (header.first_variant_offset > file.size())
        fail(file, fmt::format("the first variant should start at byte {}, past the end of the file ({} bytes)",
                               header.first_variant_offset, file.size()));

    const auto flag_bytes = read_bytes(file, header_bytes, 4);  // the header block's last field
    const std::uint32_t flags = ByteCursor(flag_bytes.data(), 4).u32();
    const unsigned compression = flags & 3u;
    const unsigned layout = (flags >> 2) & 15u;
    if (compression == 3) fail(file, "unknown compression type 3 in the flags");
    header.compression = static_cast<BgenCompression>(compression);
    if (layout == 1)
        fail(file,
             "layout 1 (BGEN v1.1) is not supported; convert the file to BGEN v1.2, e.g. with "
             "plink2 --bgen FILE ref-last --export bgen-1.2");
    if (layout != 2)
        fail(file, fmt::format("unknown layout {} in the flags; only layout 2 (BGEN v1.2/v1.3) is read", layout));

    if (header.n_samples == 0) fail(file, "the file holds no samples");
    if (header.n_variants == 0) fail(file, "the file holds no variants");
    const std::uint64_t variant_room = file.size() - header.first_variant_offset;
    if (header.n_variants > variant_room / kMinimumVariantBytes)
        fail(file, fmt::format("the header announces {} variants, but the {} bytes after the header hold at most {}; "
                               "the file is truncated or not BGEN",
                               header.n_variants, variant_room, variant_room / kMinimumVariantBytes));
    if (flags & kSampleIdsFlag) {
        const std::uint64_t ids_offset = 4 + std::uint64_t{header_bytes};
        header.sample_ids =
            read_sample_ids(file, ids_offset, header.first_variant_offset - ids_offset, header.n_samples);
    }
    return header;
}

}  // namespace ridgeway
