#include "io/pgen/pgen_dosages.hpp"

#include <bit>

#include <fmt/format.h>

#include "io/pgen/pgen_main_track.hpp"

namespace ridgeway {

namespace {

constexpr std::uint16_t kMaxDosage = 2 * kPgenDosageUnit;

std::size_t count_set_bits(const std::uint8_t* bytes, std::size_t n_bits) {
    std::size_t count = 0;
    for (std::size_t b = 0; b < n_bits / 8; ++b) count += static_cast<std::size_t>(std::popcount(bytes[b]));
    if (n_bits % 8 != 0) count += static_cast<std::size_t>(std::popcount(static_cast<std::uint8_t>(bytes[n_bits / 8] & ((1u << (n_bits % 8)) - 1))));
    return count;
}

// The samples with a stored dosage, for the sparse layouts (0x20 and 0x60), into `list`.
void read_dosage_samples(ByteCursor& cursor, std::uint8_t layout, std::uint32_t n_samples, Difflist& list,
                         const PgenRecordContext& context) {
    if (layout == 0x20) {
        read_difflist(cursor, n_samples, false, list, context);
        return;
    }
    const std::uint8_t* bits = cursor.bytes((n_samples + 7) / 8);
    if (bits == nullptr) context.fail("the record ends inside its dosage track");
    list.samples.clear();
    for (std::uint32_t s = 0; s < n_samples; ++s)
        if ((bits[s / 8] >> (s % 8)) & 1) list.samples.push_back(s);
}

std::uint16_t checked_dosage(ByteCursor& cursor, const PgenRecordContext& context) {
    const std::uint16_t value = cursor.u16();
    if (cursor.overrun()) context.fail("the record ends inside its dosages");
    if (value > kMaxDosage && value != kMissingPgenDosage)
        context.fail(fmt::format("corrupt dosage track: dosage {}/16384 is above 2", value));
    return value;
}

void skip_phased_dosages(ByteCursor& cursor, bool every_sample, std::size_t n_dosages, const PgenRecordContext& context) {
    std::size_t stored = n_dosages;
    if (!every_sample) {
        const std::uint8_t* bits = cursor.bytes((n_dosages + 7) / 8);
        if (bits == nullptr) context.fail("the record ends inside its phased-dosage track");
        stored = count_set_bits(bits, n_dosages);
    }
    if (cursor.bytes(2 * stored) == nullptr) context.fail("the record ends inside its phased dosages");
}

}  // namespace

void read_dosage_tracks(ByteCursor& cursor, std::uint8_t type, std::span<const std::uint8_t> categories,
                        std::vector<std::uint16_t>& dosages, Difflist& scratch, const PgenRecordContext& context) {
    const auto n_samples = static_cast<std::uint32_t>(categories.size());
    dosages.resize(n_samples);
    for (std::uint32_t s = 0; s < n_samples; ++s)
        dosages[s] = categories[s] == kMissingCategory ? kMissingPgenDosage
                                                      : static_cast<std::uint16_t>(categories[s] * kPgenDosageUnit);
    const std::uint8_t layout = type & 0x60;
    const bool every_sample = layout == 0x40;
    std::size_t n_dosages = n_samples;
    if (every_sample) {
        for (std::uint32_t s = 0; s < n_samples; ++s) dosages[s] = checked_dosage(cursor, context);
    } else {
        read_dosage_samples(cursor, layout, n_samples, scratch, context);
        for (const std::uint32_t sample : scratch.samples) {
            dosages[sample] = checked_dosage(cursor, context);
            if (dosages[sample] == kMissingPgenDosage) context.fail("corrupt dosage track: a stored dosage is missing");
        }
        n_dosages = scratch.samples.size();
    }
    if (type & 0x80) skip_phased_dosages(cursor, every_sample, n_dosages, context);
}

}  // namespace ridgeway
