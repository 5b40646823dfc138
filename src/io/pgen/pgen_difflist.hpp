#pragma once
// PGEN difflists: sparse lists of increasing sample indices, optionally each with a 2-bit genotype category, which
// PGEN uses for rare genotypes, differences from an LD reference record, multiallelic patches and dosage lists.
// Layout: a varint length L; the first sample index of each group of 64 (1 to 4 bytes each, as many as the sample
// count needs); one byte per group but the last (the group's varint bytes minus 63); the categories (2 bits each)
// when present; then, per group, the varint gaps between consecutive indices.
#include <cstdint>
#include <vector>

#include "io/binary/byte_cursor.hpp"
#include "io/pgen/pgen_record_context.hpp"

namespace ridgeway {

struct Difflist {
    std::vector<std::uint32_t> samples;    // strictly increasing, below the sample count
    std::vector<std::uint8_t> categories;  // one per sample, or empty for a list of samples only
};

// A base-128 varint of at most 32 bits.
std::uint32_t read_varint(ByteCursor& cursor, const PgenRecordContext& context);

// Reads a difflist at the cursor into `list`, checking that its indices are in range and increasing.
void read_difflist(ByteCursor& cursor, std::uint32_t n_samples, bool with_categories, Difflist& list,
                   const PgenRecordContext& context);

// The 2-bit value `index` of a packed array (low bits first), as PGEN packs genotype categories.
inline std::uint8_t packed_pair(const std::uint8_t* bytes, std::size_t index) {
    return (bytes[index / 4] >> (2 * (index % 4))) & 3;
}

}  // namespace ridgeway
