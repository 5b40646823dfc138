#include "linalg/genotype_kernels.hpp"

#include <algorithm>
#include <cstring>
#include <vector>

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
    // Samples in chunks small enough that a chunk of every column and of the dosages stays in cache, so each column
    // chunk loaded serves all the variants; partial sums wait between chunks in `partial`, lane by lane, so the
    // order of additions is fixed.
    constexpr std::size_t kChunk = 1024;
    const double* d[kDotVariants];
    for (std::size_t v = 0; v < kDotVariants; ++v) d[v] = dosages[v < n_variants ? v : 0];
    const std::size_t whole = n - n % kLanes;
    // Plain doubles, moved through unaligned loads and stores: no over-aligned allocation to rely on.
    thread_local std::vector<double> partial;
    partial.assign(n_columns * kDotVariants * kLanes, 0.0);
    for (std::size_t chunk = 0; chunk < whole; chunk += kChunk) {
        const std::size_t chunk_end = std::min(chunk + kChunk, whole);
        for (std::size_t c = 0; c < n_columns; ++c) {
            const double* r = columns + c * n;
            Lanes lane[kDotVariants];
            for (std::size_t v = 0; v < kDotVariants; ++v) load(lane[v], &partial[(c * kDotVariants + v) * kLanes]);
            for (std::size_t i = chunk; i < chunk_end; i += kLanes) {
                Lanes x, g;
                load(x, r + i);
                for (std::size_t v = 0; v < kDotVariants; ++v) {
                    load(g, d[v] + i);
                    lane[v] += g * x;
                }
            }
            for (std::size_t v = 0; v < kDotVariants; ++v)
                std::memcpy(&partial[(c * kDotVariants + v) * kLanes], &lane[v], sizeof(Lanes));
        }
    }
    for (std::size_t c = 0; c < n_columns; ++c) {
        const double* r = columns + c * n;
        for (std::size_t v = 0; v < n_variants; ++v) {
            double sum = 0;
            for (std::size_t j = 0; j < kLanes; ++j) sum += partial[(c * kDotVariants + v) * kLanes + j];
            for (std::size_t i = whole; i < n; ++i) sum += d[v][i] * r[i];
            out[v * n_columns + c] = sum;
        }
    }
}

namespace {

// column_gram for M columns, M known when compiling: the lane sums stay in registers.
template <std::size_t M>
inline __attribute__((always_inline)) void column_gram_of(const double* columns, std::size_t n, const double* weights,
                                                          double* out) {
    constexpr std::size_t kPairs = M * (M + 1) / 2;
    Lanes sum[kPairs] = {};
    const std::size_t whole = n - n % kLanes;
    for (std::size_t i = 0; i < whole; i += kLanes) {
        Lanes x[M], wx[M];
        for (std::size_t a = 0; a < M; ++a) load(x[a], columns + a * n + i);
        if (weights) {
            Lanes w;
            load(w, weights + i);
            for (std::size_t a = 0; a < M; ++a) wx[a] = w * x[a];
        } else {
            for (std::size_t a = 0; a < M; ++a) wx[a] = x[a];
        }
        std::size_t pair = 0;
        for (std::size_t a = 0; a < M; ++a)
            for (std::size_t b = 0; b <= a; ++b) sum[pair++] += wx[b] * x[a];
    }
    std::size_t pair = 0;
    for (std::size_t a = 0; a < M; ++a)
        for (std::size_t b = 0; b <= a; ++b, ++pair) {
            double total = 0;
            for (std::size_t l = 0; l < kLanes; ++l) total += sum[pair][l];
            for (std::size_t i = whole; i < n; ++i)
                total += (weights ? weights[i] : 1.0) * columns[b * n + i] * columns[a * n + i];
            out[b * M + a] = out[a * M + b] = total;
        }
}

}  // namespace

__attribute__((target_clones("avx512f", "avx2", "default")))
void column_gram(const double* columns, std::size_t m, std::size_t n, const double* weights, double* out) {
    switch (m) {
        case 1: return column_gram_of<1>(columns, n, weights, out);
        case 2: return column_gram_of<2>(columns, n, weights, out);
        case 3: return column_gram_of<3>(columns, n, weights, out);
        case 4: return column_gram_of<4>(columns, n, weights, out);
        case 5: return column_gram_of<5>(columns, n, weights, out);
        case 6: return column_gram_of<6>(columns, n, weights, out);
        case 7: return column_gram_of<7>(columns, n, weights, out);
        default: return column_gram_of<8>(columns, n, weights, out);
    }
}

}  // namespace ridgeway
