#pragma once
// The exact products g_i.g_j of every pair of training samples, lower triangle packed (N(N+1)/2 int32: 3.2 GB for
// N = 40,000, half of a full matrix), and the kernel matrices formed from it: fold systems, held-out cross kernels
// and the final system are filled from this one table instead of being multiplied again.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "linalg/precision.hpp"
#include "predict/call_table.hpp"
#include "predict/kernel.hpp"

namespace ridgeway {

class TrainingGram {
public:
    // Computes the products in row tiles through linalg/genotype_products.
    TrainingGram(const CallTable& train, Precision precision, int threads);

    std::size_t size() const { return n_; }
    std::int32_t operator()(std::size_t i, std::size_t j) const {  // any order of i and j
        return i >= j ? packed_[i * (i + 1) / 2 + j] : packed_[j * (j + 1) / 2 + i];
    }
    // The median of ||g_i - g_j||^2 over pairs i < j, exactly (the distances are integers, so a histogram finds it).
    double median_squared_distance(int threads) const;

    // out (rows.size() squared, column-major, leading dimension ld) = K over `rows` (increasing training indices),
    // lower triangle only.
    void fill_lower(const KernelFunction& kernel, const std::vector<double>& terms, const std::vector<std::size_t>& rows,
                    double* out, std::size_t ld, int threads) const;
    // out (rows.size() x cols.size(), column-major) = K(rows, cols).
    void fill_cross(const KernelFunction& kernel, const std::vector<double>& terms, const std::vector<std::size_t>& rows,
                    const std::vector<std::size_t>& cols, double* out, std::size_t ld, int threads) const;

private:
    std::size_t n_ = 0;
    std::vector<std::int32_t> packed_;
};

}  // namespace ridgeway
