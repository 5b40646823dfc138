#include "linalg/dosage_products.hpp"

#include <algorithm>

#include <cblas.h>

#include "core/parallel.hpp"

namespace ridgeway {

namespace {

// Results in column tiles of 1024, the inner dimension in chunks of 1024 (an 8 MB FP64 copy of float rows at a
// time, converted once per tile and chunk: 1/1024 of the multiply-adds), and rows in blocks of 256. Each block is
// one single-threaded dgemm, and the blocks of a tile and chunk are shared among the threads: every result is the
// same sum whatever the thread count, so products computed by a split run's part or a rank with another --threads
// are the same bytes.
constexpr std::size_t kTile = 1024;
constexpr std::size_t kChunk = 1024;
constexpr std::size_t kRowBlock = 256;

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

// out = a b', each row block accumulated over the inner chunks straight into `out`. For a Gram (a == b, lower
// triangle wanted) a row block stops at its last row's column: blocks above the diagonal are skipped, and the few
// values above it in a diagonal block are computed and left for the caller to overwrite.
void multiply_blocks(DosageRows a, DosageRows b, bool gram, int threads, double* out, std::size_t out_stride) {
    const auto workers = static_cast<std::size_t>(std::max(threads, 1));
    std::vector<std::vector<double>> a_copies(workers);
    std::vector<double> b_copy;
    for (std::size_t j = 0; j < b.rows; j += kTile) {
        const std::size_t cols = std::min(kTile, b.rows - j);
        const std::size_t first_block = gram ? j / kRowBlock : 0;  // for a Gram, the block of row j
        const std::size_t blocks = (a.rows + kRowBlock - 1) / kRowBlock - first_block;
        if (blocks == 0) continue;
        for (std::size_t k = 0; k < a.length; k += kChunk) {
            const std::size_t width = std::min(kChunk, a.length - k);
            const double beta = k == 0 ? 0.0 : 1.0;
            widen(b, j, cols, k, width, b_copy);
            run_in_parallel(std::min(workers, blocks), [&](std::size_t worker) {
                for (std::size_t block = first_block + worker; block < first_block + blocks; block += workers) {
                    const std::size_t i = block * kRowBlock, rows = std::min(kRowBlock, a.rows - i);
                    const std::size_t used_cols = gram ? std::min(cols, i + rows - j) : cols;
                    widen(a, i, rows, k, width, a_copies[worker]);
                    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, as_int(rows), as_int(used_cols),
                                as_int(width), 1.0, a_copies[worker].data(), as_int(width), b_copy.data(),
                                as_int(width), beta, out + i * out_stride + j, as_int(out_stride));
                }
            });
        }
    }
    if (a.length == 0)  // no chunk ran: every product is an empty sum
        for (std::size_t i = 0; i < a.rows; ++i) std::fill_n(out + i * out_stride, b.rows, 0.0);
}

}  // namespace

void dosage_cross_product(DosageRows a, DosageRows b, int threads, double* out, std::size_t out_stride) {
    multiply_blocks(a, b, false, threads, out, out_stride);
}

void dosage_gram_full(DosageRows a, int threads, std::vector<double>& out) {
    const std::size_t n = a.rows;
    out.resize(n * n);
    multiply_blocks(a, a, true, threads, out.data(), n);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < i; ++j) out[j * n + i] = out[i * n + j];
}

std::string dosage_product_route() {
    return "FP64 BLAS dgemm on the dosages (exact INT8 products need whole calls)";
}

}  // namespace ridgeway
