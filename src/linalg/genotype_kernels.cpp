#include "linalg/genotype_kernels.hpp"

#include <cstring>

namespace ridgeway {

namespace {

constexpr std::size_t kLanes = 8;
// Eight doubles as one value: one AVX-512 register, two AVX2 or four SSE2 registers, whichever clone runs.
typedef double Lanes __attribute__((vector_size(kLanes * sizeof(double))));

// Through a reference rather than a return value: a vector return type would differ between the clones' ABIs.
inline void load(Lanes& value, const double* p) { std::memcpy(&value, p, sizeof value); }

}  // namespace

__attribute__((target_clones("avx512f", "avx2", "default")))
CallCounts count_and_convert_calls(const std::int8_t* calls, std::size_t n, double* dosage) {
    // Two simple loops vectorize where one fused loop does not: byte counters in 32-bit lanes, then the conversion.
    std::uint32_t n1 = 0, n2 = 0, missing = 0;
    for (std::size_t i = 0; i < n; ++i) {
        n1 += calls[i] == 1;
        n2 += calls[i] == 2;
        missing += calls[i] < 0;
    }
    for (std::size_t i = 0; i < n; ++i) dosage[i] = static_cast<double>(calls[i] & ~(calls[i] >> 7));
    return {n1, n2, missing};
}

__attribute__((target_clones("avx512f", "avx2", "default")))
void dot_products(const double* const* dosages, std::size_t n_variants, const double* columns, std::size_t n_columns,
                  std::size_t n, double* out) {
    // Each column is read once for up to four variants, so [Q | E] streams from cache a quarter as often.
    const double* d[4];
    for (std::size_t v = 0; v < 4; ++v) d[v] = dosages[v < n_variants ? v : 0];
    const std::size_t whole = n - n % kLanes;
    for (std::size_t c = 0; c < n_columns; ++c) {
        const double* r = columns + c * n;
        Lanes lane[4] = {};
        for (std::size_t i = 0; i < whole; i += kLanes) {
            Lanes x, g0, g1, g2, g3;
            load(x, r + i);
            load(g0, d[0] + i);
            load(g1, d[1] + i);
            load(g2, d[2] + i);
            load(g3, d[3] + i);
            lane[0] += g0 * x;
            lane[1] += g1 * x;
            lane[2] += g2 * x;
            lane[3] += g3 * x;
        }
        for (std::size_t v = 0; v < n_variants; ++v) {
            double sum = 0;
            for (std::size_t j = 0; j < kLanes; ++j) sum += lane[v][j];
            for (std::size_t i = whole; i < n; ++i) sum += d[v][i] * r[i];
            out[v * n_columns + c] = sum;
        }
    }
}

}  // namespace ridgeway
