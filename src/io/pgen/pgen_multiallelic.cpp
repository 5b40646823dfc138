#include "io/pgen/pgen_multiallelic.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace ridgeway {

namespace {

constexpr std::uint8_t kNoPatch = 15;

// Bits per ALT index of a category-1 patch, and per allele of a category-2 pair (two of them per call).
unsigned heterozygous_width(std::uint32_t n_alleles) {
    if (n_alleles <= 3) return 0;
    if (n_alleles == 4) return 1;
    if (n_alleles <= 6) return 2;
    if (n_alleles <= 18) return 4;
    return 8;
}
unsigned pair_allele_width(std::uint32_t n_alleles) {
    if (n_alleles <= 5) return 2;
    if (n_alleles <= 17) return 4;
    return 8;
}

// The value `index` of a packed array of `width`-bit values (1, 2, 4 or 8 bits: none crosses a byte).
std::uint32_t packed_value(const std::uint8_t* bytes, std::size_t index, unsigned width) {
    const std::size_t bit = index * width;
    return (bytes[bit / 8] >> (bit % 8)) & ((1u << width) - 1);
}

// The samples of `category` that the patch in `format` selects, in increasing order.
void patched_samples(ByteCursor& cursor, std::uint8_t format, std::uint8_t category,
                     std::span<const std::uint8_t> categories, std::vector<std::uint32_t>& samples, Difflist& scratch,
                     const PgenRecordContext& context) {
    samples.clear();
    if (format == 1) {
        read_difflist(cursor, static_cast<std::uint32_t>(categories.size()), false, scratch, context);
        for (const std::uint32_t sample : scratch.samples)
            if (categories[sample] != category)
                context.fail(fmt::format("corrupt multiallelic track: sample {} is patched but not in category {}",
                                         sample + 1, category));
        samples = scratch.samples;
        return;
    }
    std::vector<std::uint32_t>& members = scratch.samples;
    members.clear();
    for (std::uint32_t s = 0; s < categories.size(); ++s)
        if (categories[s] == category) members.push_back(s);
    const std::uint8_t* bits = cursor.bytes((members.size() + 7) / 8);
    if (bits == nullptr) context.fail("the record ends inside its multiallelic track");
    for (std::size_t k = 0; k < members.size(); ++k)
        if ((bits[k / 8] >> (k % 8)) & 1) samples.push_back(members[k]);
}

const std::uint8_t* packed_values(ByteCursor& cursor, std::size_t count, unsigned width,
                                  const PgenRecordContext& context) {
    const std::uint8_t* bytes = cursor.bytes((count * width + 7) / 8);
    if (bytes == nullptr) context.fail("the record ends inside its multiallelic track");
    return bytes;
}

void check_allele(std::uint32_t allele, std::uint32_t n_alleles, const PgenRecordContext& context) {
    if (allele >= n_alleles)
        context.fail(fmt::format("corrupt multiallelic track: ALT{} of a variant with {} ALT alleles", allele,
                                 n_alleles - 1));
}

}  // namespace

void read_multiallelic_track(ByteCursor& cursor, std::uint32_t n_alleles, std::span<const std::uint8_t> categories,
                             std::vector<RareCall>& rare, Difflist& scratch, const PgenRecordContext& context) {
    rare.clear();
    if (n_alleles < 3) context.fail("multiallelic track in the record of a biallelic variant");
    const std::uint8_t formats = cursor.u8();
    if (cursor.overrun()) context.fail("the record ends before its multiallelic track");
    const std::uint8_t het_format = formats & 15, hom_format = formats >> 4;
    for (const std::uint8_t format : {het_format, hom_format})
        if (format > 1 && format != kNoPatch)
            context.fail(fmt::format("unknown multiallelic patch format {}", format));
    std::vector<std::uint32_t> samples;
    if (het_format != kNoPatch) {
        patched_samples(cursor, het_format, 1, categories, samples, scratch, context);
        const unsigned width = heterozygous_width(n_alleles);
        const std::uint8_t* values = width == 0 ? nullptr : packed_values(cursor, samples.size(), width, context);
        for (std::size_t k = 0; k < samples.size(); ++k) {
            const std::uint32_t alt = 2 + (width == 0 ? 0 : packed_value(values, k, width));
            check_allele(alt, n_alleles, context);
            rare.push_back({samples[k], 0, static_cast<std::uint8_t>(alt)});
        }
    }
    if (hom_format != kNoPatch) {
        patched_samples(cursor, hom_format, 2, categories, samples, scratch, context);
        if (n_alleles == 3) {
            const std::uint8_t* values = packed_values(cursor, samples.size(), 1, context);
            for (std::size_t k = 0; k < samples.size(); ++k)
                rare.push_back({samples[k], static_cast<std::uint8_t>(packed_value(values, k, 1) ? 2 : 1), 2});
        } else {
            const unsigned width = pair_allele_width(n_alleles);
            const std::uint8_t* values = packed_values(cursor, samples.size(), 2 * width, context);
            for (std::size_t k = 0; k < samples.size(); ++k) {
                const std::uint32_t first = 1 + packed_value(values, 2 * k, width);
                const std::uint32_t second = 1 + packed_value(values, 2 * k + 1, width);
                check_allele(second, n_alleles, context);
                if (first > second) context.fail("corrupt multiallelic track: a call's alleles are out of order");
                rare.push_back({samples[k], static_cast<std::uint8_t>(first), static_cast<std::uint8_t>(second)});
            }
        }
    }
    std::sort(rare.begin(), rare.end(), [](const RareCall& a, const RareCall& b) { return a.sample < b.sample; });
}

}  // namespace ridgeway
