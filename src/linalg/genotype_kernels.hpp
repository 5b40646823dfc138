#pragma once
// Hot loops of the association pass, compiled for AVX-512, AVX2 and plain x86-64 and picked at run time (GCC
// target_clones). Sums use fixed lanes in a fixed order, so results do not depend on the thread count.
#include <cstddef>
#include <cstdint>

namespace ridgeway {

struct CallCounts {
    std::size_t n1 = 0, n2 = 0, missing = 0;
};

// Counts the calls and writes them as doubles, missing as 0.
CallCounts count_and_convert_calls(const std::int8_t* calls, std::size_t n, double* dosage);

// Variants one call of dot_products handles together.
inline constexpr std::size_t kDotVariants = 8;

// out[v * n_columns + c] = dosage_v . column_c for `n_variants` (1 to kDotVariants) dosage vectors of length n;
// `columns` is n x n_columns, column-major.
void dot_products(const double* const* dosages, std::size_t n_variants, const double* columns, std::size_t n_columns,
                  std::size_t n, double* out);

// Columns that column_gram takes at once.
inline constexpr std::size_t kGramColumns = 8;

// out (m x m, column-major, both triangles) = the products of m (1 to kGramColumns) columns of length n with each
// other, each weighted by `weights` (n values) when given; one pass over the rows.
void column_gram(const double* columns, std::size_t m, std::size_t n, const double* weights, double* out);

}  // namespace ridgeway
