#pragma once
// FP64 products of a tall column-major matrix (level 1's N x c matrix of level-0 predictions) shared among threads in
// blocks fixed by the shape alone, each block one single-threaded BLAS call: every value is the same sum whatever the
// thread count, so a run's results do not depend on --threads, and a distributed or split run reproduces a single
// run's bit for bit.
#include <cstddef>

namespace ridgeway {

// A column-major matrix: `rows` x `cols`, column j at data + j * ld.
struct ColumnMajor {
    const double* data = nullptr;
    std::size_t rows = 0, cols = 0, ld = 0;
};

// The lower triangle of A'A (cols x cols) into out (leading dimension ld_out), in blocks of 256 x 256; the upper
// triangle is left as it was.
void gram_lower(ColumnMajor a, int threads, double* out, std::size_t ld_out);

// y = beta y + A x (A: rows x cols), in fixed blocks of rows.
void multiply(ColumnMajor a, const double* x, double beta, double* y, int threads);

// y = A' x (cols values), in fixed blocks of columns, each column's sum over every row in one call.
void multiply_transposed(ColumnMajor a, const double* x, double* y, int threads);

}  // namespace ridgeway
