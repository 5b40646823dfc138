#include "io/pgen/pgen_index.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/error.hpp"
#include "io/binary/byte_cursor.hpp"
#include "io/pgen/pgen_dosages.hpp"
#include "io/pgen/pgen_main_track.hpp"

namespace ridgeway {

namespace {

constexpr std::uint8_t kMagic[2] = {0x6c, 0x1b};
constexpr std::uint64_t kCountsHeaderBytes = 12;  // magic, mode, variant count, sample count, control byte
constexpr std::uint32_t kBlockVariants = 1u << 16;
constexpr std::uint8_t kMultiallelicType = 0x08;

[[noreturn]] void fail(const ReadOnlyFile& file, const std::string& problem) {
    throw Error(ErrorKind::malformed, file.path() + ", header: " + problem);
}

// How the control byte of mode 0x10 stores record types and lengths.
struct RecordFields {
    unsigned type_bits;     // 4 or 8; 0 when the type follows from the length (single-sample files)
    unsigned length_bytes;  // 1 to 4; 0 when a 2- or 4-bit count of bytes beyond the 2-bit genotypes is stored
    unsigned extra_bits;    // 2 or 4 with length_bytes 0
};

RecordFields record_fields(const ReadOnlyFile& file, std::uint8_t code) {
    if (code < 4) return {4, code + 1u, 0};
    if (code < 8) return {8, code - 3u, 0};
    if (code == 8) return {0, 0, 2};
    if (code == 9) return {0, 0, 4};
    fail(file, fmt::format("unknown record type/length code {} in the control byte", code));
}

struct BlockLayout {
    std::uint64_t types, lengths, allele_counts, flags;
    std::uint64_t total() const { return types + lengths + allele_counts + flags; }
};

BlockLayout block_layout(const RecordFields& fields, unsigned allele_count_bytes, bool flags, std::uint64_t records) {
    return {fields.type_bits == 0 ? 0 : (records * fields.type_bits + 7) / 8,
            fields.length_bytes != 0 ? records * fields.length_bytes : (records * fields.extra_bits + 7) / 8,
            records * allele_count_bytes, flags ? (records + 7) / 8 : 0};
}

std::uint32_t packed_field(const std::uint8_t* bytes, std::size_t index, unsigned bits) {
    const std::size_t bit = index * bits;
    return (bytes[bit / 8] >> (bit % 8)) & ((1u << bits) - 1);
}

void read_variable_layout(const ReadOnlyFile& file, std::uint8_t control, PgenIndex& index) {
    const RecordFields fields = record_fields(file, control & 15);
    const unsigned allele_count_bytes = (control >> 4) & 3;
    const bool flags = (control >> 6) == 3;
    const std::uint64_t n_blocks = (std::uint64_t{index.n_variants} + kBlockVariants - 1) / kBlockVariants;
    // The header's size follows from the counts alone; it must fit in the file before anything is allocated.
    std::uint64_t header_end = kCountsHeaderBytes + 8 * n_blocks;
    for (std::uint64_t block = 0; block < n_blocks; ++block)
        header_end += block_layout(fields, allele_count_bytes, flags,
                                   std::min<std::uint64_t>(kBlockVariants, index.n_variants - block * kBlockVariants))
                          .total();
    if (header_end > file.size())
        fail(file, fmt::format("{} variants need a header of {} bytes, but the file has {} bytes; it is truncated",
                               index.n_variants, header_end, file.size()));
    const auto block_offsets = file.read_bytes(kCountsHeaderBytes, 8 * n_blocks, file.path() + ", header");
    index.types.resize(index.n_variants);
    index.offsets.resize(std::size_t{index.n_variants} + 1);
    index.references.resize(index.n_variants);
    if (allele_count_bytes != 0) index.allele_counts.resize(index.n_variants);
    const std::uint64_t genotype_bytes = (std::uint64_t{index.n_samples} + 3) / 4;
    std::uint64_t position = kCountsHeaderBytes + 8 * n_blocks, offset = header_end;
    for (std::uint64_t block = 0; block < n_blocks; ++block) {
        const std::size_t first = block * kBlockVariants;
        const std::size_t records = std::min<std::uint64_t>(kBlockVariants, index.n_variants - first);
        const BlockLayout layout = block_layout(fields, allele_count_bytes, flags, records);
        const auto bytes = file.read_bytes(position, layout.total(), file.path() + ", header");
        position += layout.total();
        const std::uint64_t stated = ByteCursor(block_offsets.data() + 8 * block, 8).u64();
        if (stated != offset)
            fail(file, fmt::format("variant block {} should start at byte {}, but the header says {}", block + 1,
                                   offset, stated));
        const std::uint8_t* lengths = bytes.data() + layout.types;
        ByteCursor counts(lengths + layout.lengths, layout.allele_counts);
        for (std::size_t k = 0; k < records; ++k) {
            const std::size_t record = first + k;
            std::uint64_t length = 0;
            if (fields.length_bytes != 0) {
                length = ByteCursor(lengths + k * fields.length_bytes, fields.length_bytes).uint(fields.length_bytes);
            } else {
                const std::uint32_t extra = packed_field(lengths, k, fields.extra_bits);
                length = genotype_bytes + extra;
                index.types[record] = extra == 0 ? 0 : kMultiallelicType;
            }
            if (fields.type_bits != 0) index.types[record] = static_cast<std::uint8_t>(packed_field(bytes.data(), k, fields.type_bits));
            if (allele_count_bytes != 0) index.allele_counts[record] = static_cast<std::uint32_t>(counts.uint(allele_count_bytes));
            index.offsets[record] = offset;
            offset += length;
            if (offset > file.size())
                throw Error(ErrorKind::malformed,
                            fmt::format("{}, variant {}: the record ({} bytes at byte {}) runs past the end of the "
                                        "file ({} bytes); the file is truncated",
                                        file.path(), record + 1, length, offset - length, file.size()));
            const bool ld = is_ld_compressed(index.types[record]);
            if (ld && k == 0)
                throw Error(ErrorKind::malformed, fmt::format("{}, variant {}: the first record of a block of 65536 "
                                                              "is LD-compressed, with no record to refer to",
                                                              file.path(), record + 1));
            index.references[record] = ld ? index.references[record - 1] : static_cast<std::uint32_t>(record);
        }
    }
    index.offsets[index.n_variants] = offset;
}

void read_fixed_layout(const ReadOnlyFile& file, std::uint8_t control, PgenIndex& index) {
    if ((control & 0x3f) != 0)
        fail(file, fmt::format("control byte 0x{:02x}: fixed-width storage stores no record types, lengths or allele "
                               "counts",
                               control));
    const std::uint64_t n = index.n_samples;
    index.fixed_type = index.storage == 0x02 ? 0 : index.storage == 0x03 ? 0x40 : 0xc0;
    index.fixed_width = (n + 3) / 4 + (index.storage == 0x02 ? 0 : index.storage == 0x03 ? 2 * n : 4 * n);
    index.first_offset = kCountsHeaderBytes + ((control >> 6) == 3 ? (index.n_variants + 7) / 8 : 0);
}

void check_fixed_size(const ReadOnlyFile& file, const PgenIndex& index) {
    const std::uint64_t room = file.size() > index.first_offset ? file.size() - index.first_offset : 0;
    const bool fits = index.n_variants <= room / index.fixed_width;
    if (!fits || index.first_offset + index.n_variants * index.fixed_width != file.size())
        throw Error(ErrorKind::malformed,
                    fmt::format("{}: size {} bytes, but {} variants of {} bytes each after a {}-byte header need {}; "
                                "the file is truncated or does not belong to this .psam/.pvar",
                                file.path(), file.size(), index.n_variants, index.fixed_width, index.first_offset,
                                fits ? fmt::format("{} bytes", index.first_offset + index.n_variants * index.fixed_width)
                                     : std::string("more")));
}

}  // namespace

bool PgenIndex::has_dosages() const {
    if (types.empty()) return has_dosage_track(fixed_type);
    return std::any_of(types.begin(), types.end(), has_dosage_track);
}

std::string PgenIndex::describe() const {
    switch (storage) {
    case 0x01: return "PLINK 1 .bed storage";
    case 0x02: return "fixed-width hard calls";
    case 0x03: return "fixed-width dosages";
    case 0x04: return "fixed-width phased dosages";
    default: return "variable-width records";
    }
}

PgenIndex read_pgen_index(const ReadOnlyFile& file, std::uint32_t psam_samples, std::uint32_t pvar_variants) {
    if (file.size() < 3) fail(file, fmt::format("the file is too short to be a .pgen ({} bytes)", file.size()));
    const auto start = file.read_bytes(0, std::min<std::uint64_t>(file.size(), kCountsHeaderBytes), file.path() + ", header");
    if (start[0] != kMagic[0] || start[1] != kMagic[1]) fail(file, "not a PLINK 2 .pgen file (wrong magic bytes)");
    PgenIndex index;
    index.storage = start[2];
    if (index.storage == 0x01) {
        index.n_samples = psam_samples;
        index.n_variants = pvar_variants;
        index.first_offset = 3;
        index.fixed_width = (std::uint64_t{psam_samples} + 3) / 4;
        check_fixed_size(file, index);
        return index;
    }
    if (index.storage == 0x00)
        fail(file, "a sample-major PLINK 1 .bed is not supported; convert it with plink2 --make-pgen");
    if (index.storage != 0x10 && (index.storage < 0x02 || index.storage > 0x04))
        fail(file, fmt::format("unknown storage mode 0x{:02x} (known: 0x01-0x04 and 0x10)", index.storage));
    if (start.size() < kCountsHeaderBytes)
        fail(file, fmt::format("the file is too short to be a .pgen ({} bytes)", file.size()));
    ByteCursor cursor(start.data() + 3, kCountsHeaderBytes - 3);
    index.n_variants = cursor.u32();
    index.n_samples = cursor.u32();
    const std::uint8_t control = cursor.u8();
    if (index.n_variants == 0) fail(file, "the file holds no variants");
    if (index.n_samples == 0) fail(file, "the file holds no samples");
    if (index.storage == 0x10) {
        read_variable_layout(file, control, index);
    } else {
        read_fixed_layout(file, control, index);
        check_fixed_size(file, index);
    }
    return index;
}

}  // namespace ridgeway
