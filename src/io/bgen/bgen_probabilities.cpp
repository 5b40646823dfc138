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

// Bytes taken by `values` probabilities at `bits` bits each, packed without gaps.
std::uint64_t packed_bytes(std::uint64_t values, unsigned bits) { return (values * bits + 7) / 8; }

// 8-bit data: the dosage for every possible count 2a + b (or a + b, or 2a) of 1/255 units, as the general path
// computes it.
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

// The decoding loop shared by every bit depth: `value(k)` gives the k-th stored value, `to_dosage(count)` turns a
// count of 1/(2^B - 1) units into a dosage. A biallelic sample of ploidy Z stores Z values, phased or not: with
// every sample diploid (`starts` null) sample s's are at 2s and 2s + 1, otherwise from starts[s] on. A haploid
// sample's one value is P(allele 1), so its count is twice it: the diploid scale. Ploidy 0 is a missing sample.
template <typename Value, typename ToDosage>
void decode_samples(const std::uint8_t* ploidy, const std::uint64_t* starts, ProbabilityLayout layout,
                    std::span<const std::size_t> sample_indices, bool count_second_allele, float* out,
                    std::vector<std::size_t>& haploid, const BgenVariantContext& context, Value value,
                    ToDosage to_dosage) {
    const std::uint64_t max = (std::uint64_t{1} << layout.bits) - 1;
    for (std::size_t i = 0; i < sample_indices.size(); ++i) {
        const std::size_t s = sample_indices[i];
        const unsigned sample_ploidy = ploidy[s] & kPloidyBits;
        if ((ploidy[s] & kMissingBit) || sample_ploidy == 0) {
            out[i] = std::numeric_limits<float>::quiet_NaN();
            continue;
        }
        const std::uint64_t k = starts == nullptr ? 2 * std::uint64_t{s} : starts[s];
        std::uint64_t count = 0;
        if (sample_ploidy == 1) {
            count = 2 * value(k);
            haploid.push_back(i);
        } else {
            const std::uint64_t first = value(k), second = value(k + 1);
            if (!layout.phased && first + second > max)
                fail(context.where(s), fmt::format("the genotype probabilities {}/{} and {}/{} sum to more than 1",
                                                   first, max, second, max));
            count = layout.phased ? first + second : 2 * first + second;
        }
        if (count_second_allele) count = 2 * max - count;
        out[i] = to_dosage(count, max);
    }
}

float divide(std::uint64_t count, std::uint64_t max) {
    return static_cast<float>(static_cast<double>(count) / static_cast<double>(max));
}

}  // namespace

std::uint64_t min_probability_bytes(std::uint64_t n_samples) { return kFixedBytes + n_samples + 2; }
std::uint64_t max_probability_bytes(std::uint64_t n_samples) {
    return kFixedBytes + n_samples + 2 + packed_bytes(2 * n_samples, 32);
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
    ProbabilityLayout layout;
    std::uint64_t values = 0;
    for (std::size_t s = 0; s < n_samples; ++s) {
        const unsigned sample_ploidy = ploidy[s] & kPloidyBits;
        if (sample_ploidy > 2)
            fail(context.where(s), fmt::format("ploidy {}; only haploid and diploid samples are read", sample_ploidy));
        if (sample_ploidy < min_ploidy || sample_ploidy > max_ploidy)
            fail(context.where(s), fmt::format("ploidy {} lies outside the record's ploidy range {}-{}", sample_ploidy,
                                               min_ploidy, max_ploidy));
        layout.diploid = layout.diploid && sample_ploidy == 2;
        values += sample_ploidy;
    }
    const std::uint8_t phased = data[kFixedBytes + n_samples];
    layout.bits = data[kFixedBytes + n_samples + 1];
    if (phased > 1) fail(context.where(), fmt::format("the phased flag is {}, not 0 or 1", phased));
    layout.phased = phased == 1;
    if (layout.bits == 0 || layout.bits > 32)
        fail(context.where(), fmt::format("{} bits per probability; BGEN allows 1 to 32", layout.bits));
    const std::uint64_t expected = kFixedBytes + n_samples + 2 + packed_bytes(values, layout.bits);
    if (data.size() != expected)
        fail(context.where(), fmt::format("the probability data has {} bytes, but {} samples at {} bits need {}",
                                          data.size(), n_samples, layout.bits, expected));
    return layout;
}

void decode_dosages(std::span<const std::uint8_t> data, ProbabilityLayout layout,
                    std::span<const std::size_t> sample_indices, bool count_second_allele, GenotypeBlock& block,
                    std::size_t v, const BgenVariantContext& context) {
    const std::size_t n_samples = context.samples.size();
    const std::uint8_t* ploidy = data.data() + kFixedBytes;
    const std::uint8_t* values = ploidy + n_samples + 2;
    const std::size_t n_value_bytes = data.size() - (kFixedBytes + n_samples + 2);
    // Where each sample's values start, when not every sample is diploid.
    thread_local std::vector<std::uint64_t> starts;
    if (!layout.diploid) {
        starts.resize(n_samples);
        std::uint64_t next = 0;
        for (std::size_t s = 0; s < n_samples; ++s) {
            starts[s] = next;
            next += ploidy[s] & kPloidyBits;
        }
    }
    const std::uint64_t* start = layout.diploid ? nullptr : starts.data();
    thread_local std::vector<std::size_t> haploid;
    haploid.clear();
    float* out = block.dosage(v);
    switch (layout.bits) {
        case 8:  // the common depth: bytes read directly, dosages from a table
            decode_samples(
                ploidy, start, layout, sample_indices, count_second_allele, out, haploid, context,
                [&](std::uint64_t k) { return std::uint64_t{values[k]}; },
                [](std::uint64_t count, std::uint64_t) { return kByteDosages[count]; });
            break;
        case 16:
            decode_samples(
                ploidy, start, layout, sample_indices, count_second_allele, out, haploid, context,
                [&](std::uint64_t k) { return std::uint64_t{values[2 * k]} | std::uint64_t{values[2 * k + 1]} << 8; },
                divide);
            break;
        default: {
            const unsigned bits = layout.bits;
            decode_samples(
                ploidy, start, layout, sample_indices, count_second_allele, out, haploid, context,
                [&](std::uint64_t k) { return bits_at(values, n_value_bytes, k * bits, bits); }, divide);
        }
    }
    for (const std::size_t i : haploid) block.mark_haploid(v, i);
}

}  // namespace ridgeway
