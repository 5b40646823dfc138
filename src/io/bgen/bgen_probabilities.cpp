#include "io/bgen/bgen_probabilities.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <limits>
#include <utility>

#include <fmt/format.h>

#include "core/error.hpp"
#include "io/binary/byte_cursor.hpp"

namespace ridgeway {

namespace {

static_assert(std::endian::native == std::endian::little, "probabilities are loaded as little-endian words");

constexpr std::size_t kFixedBytes = 8;  // N, K, minimum and maximum ploidy
constexpr std::uint8_t kMissingBit = 0x80;
constexpr std::uint8_t kPloidyBits = 0x3f;

[[noreturn]] void fail(const std::string& where, const std::string& problem) {
    throw Error(ErrorKind::malformed, where + ": " + problem);
}

// Bytes taken by 2 probabilities for each of n samples at `bits` bits each, packed without gaps.
std::uint64_t packed_bytes(std::uint64_t n_samples, unsigned bits) { return (2 * n_samples * bits + 7) / 8; }

// 8-bit data: the dosage for every possible count 2a + b (or a + b) of 1/255 units, as the general path computes it.
std::array<float, 511> make_byte_dosages() {
    std::array<float, 511> table{};
    for (std::size_t count = 0; count < table.size(); ++count)
        table[count] = static_cast<float>(static_cast<double>(count) / 255.0);
    return table;
}
const auto kByteDosages = make_byte_dosages();

// The `width`-bit value starting at bit `bit` of the packed probabilities (least significant bit first).
std::uint64_t bits_at(const std::uint8_t* bytes, std::size_t n_bytes, std::uint64_t bit, unsigned width) {
    const std::size_t byte = bit / 8;
    std::uint64_t word = 0;
    std::memcpy(&word, bytes + byte, std::min<std::size_t>(8, n_bytes - byte));
    return (word >> (bit % 8)) & ((std::uint64_t{1} << width) - 1);
}

// The decoding loop shared by every bit depth: `pair(s)` gives sample s's two stored values, `to_dosage(count)`
// turns a count of 1/(2^B - 1) units into a dosage.
template <typename Pair, typename ToDosage>
void decode_samples(const std::uint8_t* ploidy, ProbabilityLayout layout, std::span<const std::size_t> sample_indices,
                    bool count_second_allele, float* out, const BgenVariantContext& context, Pair pair,
                    ToDosage to_dosage) {
    const std::uint64_t max = (std::uint64_t{1} << layout.bits) - 1;
    for (std::size_t i = 0; i < sample_indices.size(); ++i) {
        const std::size_t s = sample_indices[i];
        if (ploidy[s] & kMissingBit) {
            out[i] = std::numeric_limits<float>::quiet_NaN();
            continue;
        }
        const auto [first, second] = pair(s);
        if (!layout.phased && first + second > max)
            fail(context.where(s),
                 fmt::format("the genotype probabilities {}/{} and {}/{} sum to more than 1", first, max, second, max));
        std::uint64_t count = layout.phased ? first + second : 2 * first + second;
        if (count_second_allele) count = 2 * max - count;
        out[i] = to_dosage(count, max);
    }
}

float divide(std::uint64_t count, std::uint64_t max) {
    return static_cast<float>(static_cast<double>(count) / static_cast<double>(max));
}

}  // namespace

std::uint64_t min_probability_bytes(std::uint64_t n_samples) {
    return kFixedBytes + n_samples + 2 + packed_bytes(n_samples, 1);
}
std::uint64_t max_probability_bytes(std::uint64_t n_samples) {
    return kFixedBytes + n_samples + 2 + packed_bytes(n_samples, 32);
}

std::string BgenVariantContext::where() const { return fmt::format("{}, variant {} ({})", path, index + 1, id); }

std::string BgenVariantContext::where(std::size_t sample) const {
    return fmt::format("{}, sample {} ({})", where(), sample + 1, samples[sample].iid);
}

ProbabilityLayout check_probability_data(std::span<const std::uint8_t> data, const BgenVariantContext& context) {
    const std::size_t n_samples = context.samples.size();
    ByteCursor cursor(data.data(), data.size());
    const std::uint32_t block_samples = cursor.u32();
    const std::uint16_t n_alleles = cursor.u16();
    const unsigned min_ploidy = cursor.u8(), max_ploidy = cursor.u8();
    if (cursor.overrun() || data.size() < kFixedBytes + n_samples + 2)
        fail(context.where(),
             fmt::format("the probability data has {} bytes, too few for {} samples", data.size(), n_samples));
    if (block_samples != n_samples)
        fail(context.where(),
             fmt::format("the genotype block holds {} samples, but the header says {}", block_samples, n_samples));
    if (n_alleles != 2)
        fail(context.where(), fmt::format("the genotype block has {} alleles, but the variant's record 2", n_alleles));
    const std::uint8_t* ploidy = data.data() + kFixedBytes;
    for (std::size_t s = 0; s < n_samples; ++s)
        if ((ploidy[s] & kPloidyBits) != 2)
            fail(context.where(s),
                 fmt::format("ploidy {}; only diploid samples are supported", ploidy[s] & kPloidyBits));
    if (min_ploidy != 2 || max_ploidy != 2)
        fail(context.where(),
             fmt::format("the ploidy range {}-{} disagrees with the samples' ploidy 2", min_ploidy, max_ploidy));
    ProbabilityLayout layout;
    const std::uint8_t phased = data[kFixedBytes + n_samples];
    layout.bits = data[kFixedBytes + n_samples + 1];
    if (phased > 1) fail(context.where(), fmt::format("the phased flag is {}, not 0 or 1", phased));
    layout.phased = phased == 1;
    if (layout.bits == 0 || layout.bits > 32)
        fail(context.where(), fmt::format("{} bits per probability; BGEN allows 1 to 32", layout.bits));
    const std::uint64_t expected = kFixedBytes + n_samples + 2 + packed_bytes(n_samples, layout.bits);
    if (data.size() != expected)
        fail(context.where(), fmt::format("the probability data has {} bytes, but {} samples at {} bits need {}",
                                          data.size(), n_samples, layout.bits, expected));
    return layout;
}

void decode_dosages(std::span<const std::uint8_t> data, ProbabilityLayout layout,
                    std::span<const std::size_t> sample_indices, bool count_second_allele, float* out,
                    const BgenVariantContext& context) {
    const std::size_t n_samples = context.samples.size();
    const std::uint8_t* ploidy = data.data() + kFixedBytes;
    const std::uint8_t* values = ploidy + n_samples + 2;
    const std::size_t n_value_bytes = data.size() - (kFixedBytes + n_samples + 2);
    using Values = std::pair<std::uint64_t, std::uint64_t>;
    switch (layout.bits) {
        case 8:  // the common depth: bytes read directly, dosages from a table
            decode_samples(
                ploidy, layout, sample_indices, count_second_allele, out, context,
                [&](std::size_t s) {
                    return Values{values[2 * s], values[2 * s + 1]};
                },
                [](std::uint64_t count, std::uint64_t) { return kByteDosages[count]; });
            break;
        case 16: {
            auto value16 = [&](std::size_t k) {
                return std::uint64_t{values[2 * k]} | std::uint64_t{values[2 * k + 1]} << 8;
            };
            decode_samples(
                ploidy, layout, sample_indices, count_second_allele, out, context,
                [&](std::size_t s) {
                    return Values{value16(2 * s), value16(2 * s + 1)};
                },
                divide);
            break;
        }
        default: {
            const unsigned bits = layout.bits;
            decode_samples(
                ploidy, layout, sample_indices, count_second_allele, out, context,
                [&](std::size_t s) {
                    const std::uint64_t bit = 2 * std::uint64_t{s} * bits;
                    return Values{bits_at(values, n_value_bytes, bit, bits),
                                  bits_at(values, n_value_bytes, bit + bits, bits)};
                },
                divide);
        }
    }
}

}  // namespace ridgeway
