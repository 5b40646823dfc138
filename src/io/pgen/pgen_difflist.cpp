#include "io/pgen/pgen_difflist.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace ridgeway {

namespace {

constexpr std::uint32_t kGroupSize = 64;
// A group of 64 indices has 63 gaps of at least one byte each, so its stored size is offset by 63.
constexpr std::uint32_t kGroupBytesOffset = kGroupSize - 1;

// Bytes per group-leading sample index: as many as the sample count needs.
std::size_t index_width(std::uint32_t n_samples) {
    if (n_samples < (1u << 8)) return 1;
    if (n_samples < (1u << 16)) return 2;
    if (n_samples < (1u << 24)) return 3;
    return 4;
}

}  // namespace

std::uint32_t read_varint(ByteCursor& cursor, const PgenRecordContext& context) {
    std::uint64_t value = 0;
    for (unsigned shift = 0; shift < 35; shift += 7) {
        const std::uint8_t byte = cursor.u8();
        if (cursor.overrun()) context.fail("the record ends inside a varint");
        value |= std::uint64_t{byte & 0x7fu} << shift;
        if ((byte & 0x80) == 0) {
            if (value > UINT32_MAX) break;
            return static_cast<std::uint32_t>(value);
        }
    }
    context.fail("corrupt varint (longer than 32 bits)");
}

void read_difflist(ByteCursor& cursor, std::uint32_t n_samples, bool with_categories, Difflist& list,
                   const PgenRecordContext& context) {
    list.samples.clear();
    list.categories.clear();
    const std::uint32_t length = read_varint(cursor, context);
    if (length == 0) return;
    if (length > n_samples)
        context.fail(fmt::format("corrupt difflist: {} entries for {} samples", length, n_samples));
    const std::uint32_t groups = (length + kGroupSize - 1) / kGroupSize;
    const std::size_t width = index_width(n_samples);
    const std::uint8_t* firsts = cursor.bytes(groups * width);
    const std::uint8_t* group_bytes = cursor.bytes(groups - 1);
    const std::uint8_t* categories = with_categories ? cursor.bytes((length + 3) / 4) : nullptr;
    if (cursor.overrun()) context.fail("the record ends inside a difflist");
    list.samples.resize(length);
    if (with_categories) list.categories.resize(length);
    for (std::uint32_t group = 0; group < groups; ++group) {
        ByteCursor first(firsts + group * width, width);
        std::uint64_t sample = first.uint(width);
        if (group > 0 && sample <= list.samples[group * kGroupSize - 1])
            context.fail("corrupt difflist: sample indices do not increase");
        const std::size_t gaps_start = cursor.position();
        const std::uint32_t end = std::min(length, (group + 1) * kGroupSize);
        for (std::uint32_t k = group * kGroupSize; k < end; ++k) {
            if (k > group * kGroupSize) {
                const std::uint32_t gap = read_varint(cursor, context);
                if (gap == 0) context.fail("corrupt difflist: sample indices do not increase");
                sample += gap;
            }
            if (sample >= n_samples)
                context.fail(fmt::format("corrupt difflist: sample index {} for {} samples", sample, n_samples));
            list.samples[k] = static_cast<std::uint32_t>(sample);
            if (with_categories) list.categories[k] = packed_pair(categories, k);
        }
        if (group + 1 < groups && cursor.position() - gaps_start != group_bytes[group] + std::size_t{kGroupBytesOffset})
            context.fail("corrupt difflist: a group's size disagrees with its gaps");
    }
}

}  // namespace ridgeway
