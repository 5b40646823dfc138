#include "io/pgen/pgen_main_track.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#include <fmt/format.h>

namespace ridgeway {

namespace {

using ByteCategories = std::array<std::array<std::uint8_t, 4>, 256>;

// The four categories of each possible byte, so that a 2-bit record decodes with one copy per byte.
ByteCategories make_byte_table(const std::uint8_t (&code_to_category)[4]) {
    ByteCategories table{};
    for (int byte = 0; byte < 256; ++byte)
        for (int k = 0; k < 4; ++k) table[byte][k] = code_to_category[(byte >> (2 * k)) & 3];
    return table;
}
constexpr std::uint8_t kPgenCodes[4] = {0, 1, 2, 3};
constexpr std::uint8_t kBedCodes[4] = {2, kMissingCategory, 1, 0};  // .bed: 00 two A1 (ALT), 01 missing, 10 het, 11 REF
const ByteCategories kPgenTable = make_byte_table(kPgenCodes);
const ByteCategories kBedTable = make_byte_table(kBedCodes);

void decode_two_bit(ByteCursor& cursor, bool plink1, std::uint32_t n_samples, std::vector<std::uint8_t>& categories,
                    const PgenRecordContext& context) {
    const std::uint8_t* bytes = cursor.bytes((n_samples + 3) / 4);
    if (bytes == nullptr) context.fail("the record ends inside its 2-bit genotypes");
    const ByteCategories& table = plink1 ? kBedTable : kPgenTable;
    const std::size_t whole = n_samples / 4;
    for (std::size_t b = 0; b < whole; ++b) std::memcpy(categories.data() + 4 * b, table[bytes[b]].data(), 4);
    for (std::size_t s = 4 * whole; s < n_samples; ++s) categories[s] = table[bytes[whole]][s % 4];
}

void apply_difflist(const Difflist& list, std::vector<std::uint8_t>& categories) {
    for (std::size_t k = 0; k < list.samples.size(); ++k) categories[list.samples[k]] = list.categories[k];
}

void decode_one_bit(ByteCursor& cursor, std::uint32_t n_samples, std::vector<std::uint8_t>& categories,
                    Difflist& rare, const PgenRecordContext& context) {
    // The byte is 4 x (lower category) + (higher - lower): 1, 2, 3, 5, 6 or 9.
    const std::uint8_t pair = cursor.u8();
    const std::uint8_t* bits = cursor.bytes((n_samples + 7) / 8);
    if (bits == nullptr) context.fail("the record ends inside its 1-bit genotypes");
    const std::uint8_t low = pair / 4, step = pair % 4;
    if (step == 0 || low + step > 3) context.fail(fmt::format("corrupt 1-bit record: category pair code {}", pair));
    for (std::uint32_t s = 0; s < n_samples; ++s)
        categories[s] = static_cast<std::uint8_t>(low + step * ((bits[s / 8] >> (s % 8)) & 1));
    read_difflist(cursor, n_samples, true, rare, context);
    apply_difflist(rare, categories);
}

}  // namespace

void decode_main_track(ByteCursor& cursor, std::uint8_t type, bool plink1, std::uint32_t n_samples,
                       std::span<const std::uint8_t> reference, std::vector<std::uint8_t>& categories,
                       Difflist& scratch, const PgenRecordContext& context) {
    categories.resize(n_samples);
    const std::uint8_t storage = type & 7;
    switch (storage) {
    case 0: decode_two_bit(cursor, plink1, n_samples, categories, context); return;
    case 1: decode_one_bit(cursor, n_samples, categories, scratch, context); return;
    case 2:
    case 3:
        if (reference.size() != n_samples) context.fail("LD-compressed record without a reference record");
        std::copy(reference.begin(), reference.end(), categories.begin());
        read_difflist(cursor, n_samples, true, scratch, context);
        apply_difflist(scratch, categories);
        if (storage == 3)
            for (auto& category : categories)
                if (category != kMissingCategory) category = static_cast<std::uint8_t>(2 - category);
        return;
    case 5: std::fill(categories.begin(), categories.end(), std::uint8_t{0}); return;
    default:  // 4, 6, 7: the common category is 0, 2 or 3
        std::fill(categories.begin(), categories.end(), static_cast<std::uint8_t>(storage & 3));
        read_difflist(cursor, n_samples, true, scratch, context);
        apply_difflist(scratch, categories);
        return;
    }
}

}  // namespace ridgeway
