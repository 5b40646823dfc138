#pragma once
// Exact Gram matrices of genotype calls: G_k'G_k over a range of samples, with G the 0/1/2 calls (missing counted
// as 0), as 32-bit integers. Integer products are exact, so the result does not depend on the route: oneDNN's
// u8 x s8 -> s32 matmul (AVX-512 VNNI on this hardware) when the build has oneDNN, FP64 BLAS otherwise (exact too,
// since every partial sum is a small integer).
#include <cstdint>
#include <string>
#include <vector>

namespace ridgeway {

struct RowRange {
    std::size_t begin = 0, end = 0;
};

// `calls` is variant-major (n_variants x n_samples) with values 0, 1, 2 only; `gram` becomes n_variants squared,
// symmetric.
void exact_gram(const std::int8_t* calls, std::size_t n_variants, std::size_t n_samples, RowRange range,
                std::vector<std::int32_t>& gram);

// The FP64 route alone: the reference the INT8 route must match, and the route without oneDNN.
void exact_gram_fp64(const std::int8_t* calls, std::size_t n_variants, std::size_t n_samples, RowRange range,
                     std::vector<std::int32_t>& gram);

// Which route exact_gram takes, for the log.
std::string exact_gram_route();

}  // namespace ridgeway
