#pragma once
// The products g_i.g_j of every pair of training samples, lower triangle packed, and the kernel matrices formed from
// it: fold systems, held-out cross kernels and the final system are filled from this one table instead of being
// multiplied again. Calls give exact int32 products (N(N+1)/2 of them: 3.2 GB for N = 40,000, half of a full
// matrix); dosages FP64 products (linalg/dosage_products.hpp), twice the memory. They are computed in column tiles
// of samples, each tile's products with every later sample; a distributed run (cli/distributed_gram.hpp) deals the
// tiles to its ranks, and each tile's values are the same bytes whichever process computed them.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "core/split_plan.hpp"

#include "linalg/precision.hpp"
#include "predict/genotype_table.hpp"
#include "predict/kernel.hpp"

namespace ridgeway {

class TrainingGram {
public:
    // Computes the products in column tiles through linalg/genotype_products (calls, routed by `precision`) or
    // linalg/dosage_products (dosages, FP64 whatever the precision).
    TrainingGram(const GenotypeTable& train, Precision precision, int threads);
    // The products of n samples from tiles computed elsewhere: `take(k)` gives the bytes write_tiles wrote for
    // `parts[k]` (the parts cover every tile, in order).
    TrainingGram(std::size_t n, bool dosage, const std::vector<PartRange>& parts,
                 const std::function<std::string(std::size_t)>& take);

    // The number of products in each tile of n samples: the work of each, the first tiles having the longest columns.
    static std::vector<std::size_t> tile_products(std::size_t n);
    // The number of training samples (columns) in each tile but the last.
    static std::size_t tile_width();
    // Computes the tiles `tiles` as the first constructor does and writes their packed values (int32 or double, in
    // tile order, then row order) to `out`; false when a write failed.
    static bool write_tiles(const GenotypeTable& train, Precision precision, int threads, PartRange tiles,
                            std::FILE* out);

    std::size_t size() const { return n_; }
    double operator()(std::size_t i, std::size_t j) const {  // any order of i and j
        const std::size_t at = i >= j ? i * (i + 1) / 2 + j : j * (j + 1) / 2 + i;
        return dosage_ ? dosage_packed_[at] : packed_[at];
    }
    // The lower median of ||g_i - g_j||^2 = g_i.g_i + g_j.g_j - 2 g_i.g_j over pairs i < j, exactly: by an integer
    // histogram for calls, by predict/pair_median for the FP64 distances of dosages.
    double median_squared_distance(int threads) const;

    // out (rows.size() squared, column-major, leading dimension ld) = K over `rows` (increasing training indices),
    // lower triangle only.
    void fill_lower(const KernelFunction& kernel, const std::vector<double>& terms, const std::vector<std::size_t>& rows,
                    double* out, std::size_t ld, int threads) const;
    // out (rows.size() x cols.size(), column-major) = K(rows, cols).
    void fill_cross(const KernelFunction& kernel, const std::vector<double>& terms, const std::vector<std::size_t>& rows,
                    const std::vector<std::size_t>& cols, double* out, std::size_t ld, int threads) const;

private:
    // use(packed) with the packed products: const std::int32_t* for calls, const double* for dosages.
    template <typename Use>
    void visit(Use&& use) const {
        if (dosage_) use(static_cast<const double*>(dosage_packed_.data()));
        else use(static_cast<const std::int32_t*>(packed_.data()));
    }
    double dosage_median_squared_distance(int threads) const;

    std::size_t n_ = 0;
    bool dosage_ = false;
    std::vector<std::int32_t> packed_;       // calls
    std::vector<double> dosage_packed_;      // dosages
};

}  // namespace ridgeway
