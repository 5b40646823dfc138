#pragma once
// A small seeded generator (xoshiro256**, seeded through splitmix64) with its own uniform, normal and geometric
// draws: std distributions differ between standard libraries, and simulated files must be the same everywhere.
#include <cmath>
#include <cstdint>
#include <numbers>

namespace ridgeway {

class Random {
public:
    // Independent streams for (seed, stream), e.g. one per chromosome, so threads never share a generator and the
    // draws of one chromosome do not depend on how many threads made the others.
    Random(std::uint64_t seed, std::uint64_t stream) {
        std::uint64_t x = splitmix64(seed) ^ (stream * 0xD1B54A32D192ED03ULL);
        for (auto& word : state_) word = splitmix64(x);
    }

    std::uint64_t next() {
        const std::uint64_t result = rotate(state_[1] * 5, 7) * 9;
        const std::uint64_t t = state_[1] << 17;
        state_[2] ^= state_[0];
        state_[3] ^= state_[1];
        state_[1] ^= state_[2];
        state_[0] ^= state_[3];
        state_[2] ^= t;
        state_[3] = rotate(state_[3], 45);
        return result;
    }
    // Uniform on [0, 1), 53 random bits.
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    // Uniform on {0, ..., n - 1}; the bias of at most n / 2^53 is immaterial here.
    std::uint64_t below(std::uint64_t n) { return static_cast<std::uint64_t>(uniform() * static_cast<double>(n)); }
    // Standard normal by Box-Muller (one value per call keeps the stream simple to reason about).
    double normal() {
        const double radius = std::sqrt(-2.0 * std::log(1.0 - uniform()));  // 1 - uniform() is never 0
        return radius * std::cos(2.0 * std::numbers::pi * uniform());
    }
    // Failures before the first success with success probability q in (0, 1].
    std::uint64_t geometric(double q) {
        if (q >= 1.0) return 0;
        const double failures = std::floor(std::log(1.0 - uniform()) / std::log1p(-q));
        return failures >= 1e18 ? std::uint64_t{1'000'000'000'000'000'000} : static_cast<std::uint64_t>(failures);
    }

private:
    static std::uint64_t rotate(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    static std::uint64_t splitmix64(std::uint64_t& x) {
        std::uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    std::uint64_t state_[4];
};

// Stream numbers, so that no two purposes ever share a generator.
namespace random_stream {
inline constexpr std::uint64_t kCovariates = 1;
inline constexpr std::uint64_t kLayout = 1'000;         // + chromosome index
inline constexpr std::uint64_t kGenotypes = 1'000'000;  // + chromosome index
inline constexpr std::uint64_t kCausal = 2'000'000;     // + trait index
inline constexpr std::uint64_t kNoise = 3'000'000;      // + trait index
inline constexpr std::uint64_t kInteractions = 4'000'000;  // + trait index
}  // namespace random_stream

}  // namespace ridgeway
