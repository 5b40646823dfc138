#include "linalg/blocked_products.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include <cblas.h>

#include "core/parallel.hpp"

namespace ridgeway {

namespace {

constexpr std::size_t kGramBlock = 256;
constexpr std::size_t kRowBlock = 8192;   // y = A x: 64 KB of y per block
constexpr std::size_t kColumnBlock = 16;  // y = A' x: 16 columns per block

int as_int(std::size_t value) { return static_cast<int>(value); }

}  // namespace

void gram_lower(ColumnMajor a, int threads, double* out, std::size_t ld_out) {
    const std::size_t blocks = (a.cols + kGramBlock - 1) / kGramBlock;
    // (first row, first column) of the blocks on and below the diagonal
    std::vector<std::pair<std::size_t, std::size_t>> lower;
    for (std::size_t column = 0; column < blocks; ++column)
        for (std::size_t row = column; row < blocks; ++row) lower.emplace_back(row * kGramBlock, column * kGramBlock);
    for_each_in_turn(lower.size(), threads, [&](std::size_t task) {
        const auto [i, j] = lower[task];
        const std::size_t height = std::min(kGramBlock, a.cols - i), width = std::min(kGramBlock, a.cols - j);
        if (i == j)
            cblas_dsyrk(CblasColMajor, CblasLower, CblasTrans, as_int(width), as_int(a.rows), 1.0, a.data + j * a.ld,
                        as_int(a.ld), 0.0, out + j + j * ld_out, as_int(ld_out));
        else
            cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, as_int(height), as_int(width), as_int(a.rows), 1.0,
                        a.data + i * a.ld, as_int(a.ld), a.data + j * a.ld, as_int(a.ld), 0.0, out + i + j * ld_out,
                        as_int(ld_out));
    });
}

void multiply(ColumnMajor a, const double* x, double beta, double* y, int threads) {
    for_each_in_turn((a.rows + kRowBlock - 1) / kRowBlock, threads, [&](std::size_t block) {
        const std::size_t first = block * kRowBlock, rows = std::min(kRowBlock, a.rows - first);
        cblas_dgemv(CblasColMajor, CblasNoTrans, as_int(rows), as_int(a.cols), 1.0, a.data + first, as_int(a.ld), x, 1,
                    beta, y + first, 1);
    });
}

void multiply_transposed(ColumnMajor a, const double* x, double* y, int threads) {
    for_each_in_turn((a.cols + kColumnBlock - 1) / kColumnBlock, threads, [&](std::size_t block) {
        const std::size_t first = block * kColumnBlock, cols = std::min(kColumnBlock, a.cols - first);
        cblas_dgemv(CblasColMajor, CblasTrans, as_int(a.rows), as_int(cols), 1.0, a.data + first * a.ld, as_int(a.ld),
                    x, 1, 0.0, y + first, 1);
    });
}

}  // namespace ridgeway
