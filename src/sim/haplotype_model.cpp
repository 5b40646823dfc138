#include "sim/haplotype_model.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>

namespace ridgeway {

namespace {

constexpr std::uint64_t kNever = std::numeric_limits<std::uint64_t>::max();
constexpr std::uint32_t kMaskPrecision = 65536;
constexpr std::uint64_t kEvenBits = 0x5555555555555555ULL;

std::uint32_t upper_bits(std::uint64_t x) { return static_cast<std::uint32_t>(x >> 32); }

// .bed codes of 32 samples from their 64 haplotypes (bit h set when haplotype h carries A2; sample s owns bits 2s and
// 2s + 1). The code is 00 for two A1, 10 for one, 11 for none: its high bit is "any A2", its low bit "both A2".
std::uint64_t bed_codes(std::uint64_t a2) {
    const std::uint64_t both = a2 & (a2 >> 1) & kEvenBits;
    const std::uint64_t any = (a2 | (a2 >> 1)) & kEvenBits;
    return both | (any << 1);
}

// Bit h set when u[h] >= a1_threshold (haplotype h carries A2). Comparing into bytes first lets the compiler
// vectorize; a multiply then gathers each 8 flag bytes into one byte (flag i moves to bit 56 + i, and no two
// partial products overlap, so nothing carries).
std::uint64_t a2_bits(const std::uint32_t* u, std::uint32_t a1_threshold) {
    std::uint8_t flags[64];
    for (int h = 0; h < 64; ++h) flags[h] = u[h] >= a1_threshold;
    std::uint64_t bits = 0;
    static_assert(std::endian::native == std::endian::little, "flag i of each 8 must land in byte i");
    for (int k = 0; k < 8; ++k) {
        std::uint64_t eight;
        std::memcpy(&eight, flags + 8 * k, 8);
        bits |= ((eight * 0x0102040810204080ULL) >> 56) << (8 * k);
    }
    return bits;
}

}  // namespace

HaplotypeModel::HaplotypeModel(std::size_t n_samples, double rho, double missing_rate, Random random,
                               const std::vector<bool>& males)
    : n_samples_(n_samples),
      redraw_chance_(static_cast<std::uint32_t>(std::lround((1.0 - std::clamp(rho, 0.0, 1.0)) * kMaskPrecision))),
      missing_rate_(missing_rate),
      random_(random),
      latent_(64 * ((2 * n_samples + 63) / 64)),
      male_second_(latent_.size() / 64, 0) {
    for (std::size_t s = 0; s < std::min(n_samples, males.size()); ++s)
        if (males[s]) male_second_[s / 32] |= std::uint64_t{1} << (2 * (s % 32) + 1);
    for (auto& u : latent_) u = upper_bits(random_.next());
    next_missing_ = missing_rate_ > 0 ? random_.geometric(missing_rate_) : kNever;
}

void HaplotypeModel::next_variant(double a1_frequency, std::span<std::uint8_t> bytes, bool males_hemizygous) {
    const double scaled = std::clamp(a1_frequency, 0.0, 1.0) * 4294967296.0;
    draw_haplotypes(static_cast<std::uint32_t>(std::min(scaled, 4294967295.0)), males_hemizygous, bytes);
    set_missing_calls(bytes);
    calls_made_ += n_samples_;
}

// Each bit is 1 with probability redraw_chance_ / 65536 = 0.d1 d2 .. d16 in binary. Going from the last digit to the
// first, p <- (p + d) / 2 is what "OR with a fresh random word" (d = 1) or "AND with it" (d = 0) does to every bit.
std::uint64_t HaplotypeModel::redraw_mask() {
    if (redraw_chance_ >= kMaskPrecision) return ~std::uint64_t{0};
    std::uint64_t mask = 0;
    for (int digit = std::countr_zero(redraw_chance_); digit < 16; ++digit)
        mask = (redraw_chance_ >> digit) & 1 ? mask | random_.next() : mask & random_.next();
    return mask;
}

void HaplotypeModel::draw_haplotypes(std::uint32_t a1_threshold, bool males_hemizygous, std::span<std::uint8_t> bytes) {
    for (std::size_t block = 0; block < latent_.size() / 64; ++block) {
        std::uint32_t* u = latent_.data() + 64 * block;
        for (std::uint64_t redraw = redraw_mask(); redraw != 0; redraw &= redraw - 1)
            u[std::countr_zero(redraw)] = upper_bits(random_.next());
        std::uint64_t a2 = a2_bits(u, a1_threshold);
        if (males_hemizygous) {  // a male's second allele becomes a copy of his first
            const std::uint64_t second = male_second_[block];
            a2 = (a2 & ~second) | ((a2 << 1) & second);
        }
        const std::uint64_t codes = bed_codes(a2);
        const std::size_t first = 8 * block, count = std::min<std::size_t>(8, bytes.size() - first);
        for (std::size_t k = 0; k < count; ++k) bytes[first + k] = static_cast<std::uint8_t>(codes >> (8 * k));
    }
    if (n_samples_ % 4 != 0) bytes.back() &= static_cast<std::uint8_t>((1u << (2 * (n_samples_ % 4))) - 1);
}

// Missing calls fall at geometric gaps along the stream of all calls: the same as an independent coin per call, at
// one draw per missing call instead of one per call.
void HaplotypeModel::set_missing_calls(std::span<std::uint8_t> bytes) {
    while (next_missing_ < calls_made_ + n_samples_) {
        const std::size_t s = next_missing_ - calls_made_;
        const int shift = static_cast<int>(2 * (s % 4));
        bytes[s / 4] = static_cast<std::uint8_t>((bytes[s / 4] & ~(3u << shift)) | (1u << shift));
        next_missing_ += 1 + random_.geometric(missing_rate_);
    }
}

}  // namespace ridgeway
