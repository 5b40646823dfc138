#pragma once
// Exact products of genotype call matrices: Gram matrices A A', cross products A B' and squared distances
// ||a_i - b_j||^2, for rows of 0/1/2 calls (a missing call must be imputed or zeroed by the caller first). Every
// partial sum is a small integer, so every route gives the same int32 result bit for bit; the precision only picks
// the route:
//   mixed  INT8 u8 x s8 -> s32 (oneDNN matmul primitive, AVX-512 VNNI where the CPU has it; FP64 BLAS when the build
//          has no oneDNN)
//   fp32   FP32 BLAS (exact while partial sums stay below 2^24; longer rows are summed in chunks)
//   fp64   FP64 BLAS
// Symmetric results are computed in row tiles below and on the diagonal only.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "linalg/precision.hpp"

namespace ridgeway {

// A row-major matrix of calls: `rows` rows of `length` calls, row r starting at data + r * stride.
struct CallRows {
    const std::int8_t* data = nullptr;
    std::size_t rows = 0;
    std::size_t length = 0;
    std::size_t stride = 0;
};

// Results are computed in square blocks of this many rows and columns; symmetric ones only on and below the
// diagonal.
inline constexpr std::size_t kProductTile = 1024;

// out[i * out_stride + j] = a_i . a_j for j <= i; entries above the diagonal are left as they were.
void gram_lower(CallRows a, Precision precision, int threads, std::int32_t* out, std::size_t out_stride);

// The full symmetric Gram, a.rows x a.rows row-major.
void gram_full(CallRows a, Precision precision, int threads, std::vector<std::int32_t>& out);

// out[i * out_stride + j] = a_i . b_j (a.length == b.length).
void cross_product(CallRows a, CallRows b, Precision precision, int threads, std::int32_t* out,
                   std::size_t out_stride);

// out[i * out_stride + j] = ||a_i - a_j||^2 for j <= i.
void squared_distances_lower(CallRows a, Precision precision, int threads, std::int32_t* out, std::size_t out_stride);

// out[i * out_stride + j] = ||a_i - b_j||^2.
void squared_distances(CallRows a, CallRows b, Precision precision, int threads, std::int32_t* out,
                       std::size_t out_stride);

// One line for the log: the route `precision` takes on this build and CPU (e.g. the oneDNN ISA).
std::string product_route(Precision precision);

}  // namespace ridgeway
