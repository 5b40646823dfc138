#pragma once
// A small seeded generator (xoshiro256**, seeded through splitmix64) with its own uniform, normal and geometric
// draws, so simulated files are the same on every platform and standard library.
#include <cmath>
#include <cstdint>

namespace ridgeway {

class Random {
public:
    // Independent streams for (seed, stream), e.g. one per chromosome, so threads never share a generator.
    Random(std::uint64_t seed, std::uint64_t stream) {
        std::uint64_t x = seed * 0x9E3779B97F4A7C15ULL + stream * 0xD1B54A32D192ED03ULL + 1;
        for (auto& word : state_) word = splitmix64(x);
    }

    std::uint64_t next() {
        std::uint64_t result = rotate(state_[1] * 5, 7) * 9;
        std::uint64_t t = state_[1] << 17;
        state_[2] ^= state_[0];
        state_[3] ^= state_[1];
        state_[1] ^= state_[2];
        state_[0] ^= state_[3];
        state_[2] ^= t;
        state_[3] = rotate(state_[3], 45);
        return result;
    }
    // Uniform on [0, 1).
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    // Uniform on {0, ..., n - 1}.
    std::uint64_t below(std::uint64_t n) { return static_cast<std::uint64_t>(uniform() * static_cast<double>(n)); }
    double normal() {
        // Box-Muller; 1 - uniform() is never 0.
        return std::sqrt(-2.0 * std::log(1.0 - uniform())) * std::cos(2.0 * M_PI * uniform());
    }
    // Failures before the first success, success probability q in (0, 1].
    std::uint64_t geometric(double q) {
        if (q >= 1.0) return 0;
        double draws = std::floor(std::log(1.0 - uniform()) / std::log1p(-q));
        return draws > 1e18 ? static_cast<std::uint64_t>(1e18) : static_cast<std::uint64_t>(draws);
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

}  // namespace ridgeway
