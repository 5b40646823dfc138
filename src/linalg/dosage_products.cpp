#include "linalg/dosage_products.hpp"

#include <algorithm>

#include <cblas.h>

#include "linalg/blas_threads.hpp"

namespace ridgeway {

namespace {

// Blocks of 1024 x 1024 results, the inner dimension in chunks of 1024: two 8 MB FP64 copies of float rows at a
// time, converted once per block and chunk (1/1024 of the block's multiply-adds).
constexpr std::size_t kTile = 1024;
constexpr std::size_t kChunk = 1024;

int as_int(std::size_t value) { return static_cast<int>(value); }

// copy (count x width, dense) = rows [first, first + count) of x, columns [k, k + width), in FP64.
void widen(DosageRows x, std::size_t first, std::size_t count, std::size_t k, std::size_t width,
           std::vector<double>& copy) {
    copy.resize(count * width);
    for (std::size_t r = 0; r < count; ++r) {
        const float* from = x.data + (first + r) * x.stride + k;
        std::copy(from, from + width, copy.begin() + static_cast<std::ptrdiff_t>(r * width));
    }
}

// The blocks of a b' that `wanted(row_tile, column_tile)` asks for, each accumulated over the inner chunks straight
// into `out`. A diagonal block of a Gram (a == b, same tile) is one dsyrk: its lower triangle only.
template <typename Wanted>
void multiply_blocks(DosageRows a, DosageRows b, bool gram, int threads, double* out, std::size_t out_stride,
                     const Wanted& wanted) {
    const BlasThreads blas(threads);
    std::vector<double> a_copy, b_copy;
    for (std::size_t j = 0; j < b.rows; j += kTile) {
        const std::size_t cols = std::min(kTile, b.rows - j);
        for (std::size_t k = 0; k < a.length; k += kChunk) {
            const std::size_t width = std::min(kChunk, a.length - k);
            const double beta = k == 0 ? 0.0 : 1.0;
            widen(b, j, cols, k, width, b_copy);
            for (std::size_t i = 0; i < a.rows; i += kTile) {
                if (!wanted(i, j)) continue;
                const std::size_t rows = std::min(kTile, a.rows - i);
                double* block = out + i * out_stride + j;
                if (gram && i == j) {
                    cblas_dsyrk(CblasRowMajor, CblasLower, CblasNoTrans, as_int(rows), as_int(width), 1.0,
                                b_copy.data(), as_int(width), beta, block, as_int(out_stride));
                    continue;
                }
                widen(a, i, rows, k, width, a_copy);
                cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, as_int(rows), as_int(cols), as_int(width), 1.0,
                            a_copy.data(), as_int(width), b_copy.data(), as_int(width), beta, block,
                            as_int(out_stride));
            }
        }
    }
    if (a.length == 0)  // no chunk ran: every product is an empty sum
        for (std::size_t i = 0; i < a.rows; ++i) std::fill_n(out + i * out_stride, b.rows, 0.0);
}

}  // namespace

void dosage_cross_product(DosageRows a, DosageRows b, int threads, double* out, std::size_t out_stride) {
    multiply_blocks(a, b, false, threads, out, out_stride, [](std::size_t, std::size_t) { return true; });
}

void dosage_gram_full(DosageRows a, int threads, std::vector<double>& out) {
    const std::size_t n = a.rows;
    out.resize(n * n);
    multiply_blocks(a, a, true, threads, out.data(), n, [](std::size_t i, std::size_t j) { return i >= j; });
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < i; ++j) out[j * n + i] = out[i * n + j];
}

std::string dosage_product_route() {
    return "FP64 BLAS dgemm/dsyrk on the dosages (exact INT8 products need whole calls)";
}

}  // namespace ridgeway
