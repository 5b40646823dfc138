#pragma once
// Exact Gram matrices of genotype calls: for each row range (fold) of samples, G_k'G_k with G the 0/1/2 calls
// (missing counted as 0). Integer products are exact, so the result does not depend on the route: oneDNN's
// u8 x s8 -> s32 matmul (AVX-512 VNNI on this hardware) when the build has oneDNN, FP64 BLAS otherwise (exact too,
// since every partial sum is a small integer).
#include <cstdint>
#include <string>
#include <vector>

#include "linalg/matrix.hpp"

namespace ridgeway {

struct RowRange {
    std::size_t begin = 0, end = 0;
};

// `calls` is variant-major (n_variants x n_samples) with values 0, 1, 2 only. grams[k] becomes n_variants squared.
void exact_grams(const std::int8_t* calls, std::size_t n_variants, std::size_t n_samples,
                 const std::vector<RowRange>& ranges, std::vector<Matrix>& grams);

// The FP64 route alone: the reference the INT8 route must match bit for bit, and the route without oneDNN.
void exact_grams_fp64(const std::int8_t* calls, std::size_t n_variants, std::size_t n_samples,
                      const std::vector<RowRange>& ranges, std::vector<Matrix>& grams);

// Which route exact_grams takes, for the log.
std::string exact_gram_route();

}  // namespace ridgeway
