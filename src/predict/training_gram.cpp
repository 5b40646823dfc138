#include "predict/training_gram.hpp"

#include <algorithm>

#include "core/parallel.hpp"
#include "linalg/dosage_products.hpp"
#include "linalg/genotype_products.hpp"
#include "predict/pair_median.hpp"

namespace ridgeway {

namespace {

constexpr std::size_t kTile = 1024;      // columns per product call: N x tile products of scratch
constexpr std::size_t kFillBlock = 64;   // square blocks keep both the packed reads and the column writes in cache

// packed = the lower triangle of the products, computed by multiply(begin, end, out, width) = rows [begin, n) times
// rows [begin, end), width = end - begin. Column tiles: each tile's rows are prepared for the product once (the
// lower triangle plus the diagonal block), and each packed row receives one segment.
template <typename Product, typename Multiply>
void pack_products(std::size_t n, std::vector<Product>& packed, const Multiply& multiply) {
    packed.resize(n * (n + 1) / 2);
    std::vector<Product> tile;
    for (std::size_t begin = 0; begin < n; begin += kTile) {
        const std::size_t end = std::min(n, begin + kTile), width = end - begin;
        tile.resize((n - begin) * width);
        multiply(begin, end, tile.data(), width);
        for (std::size_t i = begin; i < n; ++i)
            std::copy_n(tile.data() + (i - begin) * width, std::min(i + 1, end) - begin,
                        packed.data() + i * (i + 1) / 2 + begin);
    }
}

}  // namespace

TrainingGram::TrainingGram(const GenotypeTable& train, Precision precision, int threads)
    : n_(train.n_samples), dosage_(train.dosage) {
    if (dosage_)
        pack_products(n_, dosage_packed_, [&](std::size_t begin, std::size_t end, double* out, std::size_t width) {
            dosage_cross_product(train.dosage_rows(begin, n_), train.dosage_rows(begin, end), threads, out, width);
        });
    else
        pack_products(n_, packed_, [&](std::size_t begin, std::size_t end, std::int32_t* out, std::size_t width) {
            cross_product(train.call_rows(begin, n_), train.call_rows(begin, end), precision, threads, out, width);
        });
}

double TrainingGram::median_squared_distance(int threads) const {
    if (dosage_) return dosage_median_squared_distance(threads);
    // ||g_i - g_j||^2 = g_i.g_i + g_j.g_j - 2 g_i.g_j lies in [0, 2 max g_i.g_i]: one histogram of that size per
    // worker over interleaved rows (the triangle's rows differ in length), summed at the end.
    std::vector<std::int64_t> norms(n_);
    for (std::size_t i = 0; i < n_; ++i) norms[i] = packed_[i * (i + 1) / 2 + i];
    const std::size_t bins = n_ == 0 ? 1 : 2 * static_cast<std::size_t>(*std::max_element(norms.begin(), norms.end())) + 1;
    const auto workers = static_cast<std::size_t>(std::max(threads, 1));
    std::vector<std::vector<std::uint64_t>> histograms(workers, std::vector<std::uint64_t>(bins, 0));
    run_in_parallel(workers, [&](std::size_t worker) {
        std::uint64_t* histogram = histograms[worker].data();
        for (std::size_t i = 1 + worker; i < n_; i += workers) {
            const std::int32_t* row = packed_.data() + i * (i + 1) / 2;
            for (std::size_t j = 0; j < i; ++j) ++histogram[norms[i] + norms[j] - 2 * static_cast<std::int64_t>(row[j])];
        }
    });
    const std::uint64_t pairs = n_ * (n_ - 1) / 2, half = (pairs + 1) / 2;
    std::uint64_t seen = 0;
    for (std::size_t d = 0; d < bins; ++d) {
        for (const auto& histogram : histograms) seen += histogram[d];
        if (seen >= half) return static_cast<double>(d);
    }
    return 0;
}

double TrainingGram::dosage_median_squared_distance(int threads) const {
    if (n_ < 2) return 0;
    std::vector<double> norms(n_);
    for (std::size_t i = 0; i < n_; ++i) norms[i] = dosage_packed_[i * (i + 1) / 2 + i];
    return pair_lower_median(n_, [&](std::size_t i, double* values) {
        const double* row = dosage_packed_.data() + i * (i + 1) / 2;
        for (std::size_t j = 0; j < i; ++j) values[j] = norms[i] + norms[j] - 2 * row[j];
    }, threads);
}

void TrainingGram::fill_lower(const KernelFunction& kernel, const std::vector<double>& terms,
                              const std::vector<std::size_t>& rows, double* out, std::size_t ld, int threads) const {
    const std::size_t n = rows.size(), blocks = (n + kFillBlock - 1) / kFillBlock;
    const auto workers = static_cast<std::size_t>(std::max(threads, 1));
    visit([&](const auto* packed) {
        run_in_parallel(workers, [&](std::size_t worker) {
            for (std::size_t cb = worker; cb < blocks; cb += workers)
                for (std::size_t rb = cb; rb < blocks; ++rb)
                    for (std::size_t c = cb * kFillBlock; c < std::min(n, (cb + 1) * kFillBlock); ++c) {
                        // rows increase, so rows[r] >= rows[c] below the diagonal: row rows[r] of the packed triangle.
                        const std::size_t column = rows[c];
                        const double term = terms[column];
                        for (std::size_t r = std::max(c, rb * kFillBlock); r < std::min(n, (rb + 1) * kFillBlock); ++r) {
                            const std::size_t row = rows[r];
                            out[c * ld + r] = kernel(packed[row * (row + 1) / 2 + column], terms[row], term);
                        }
                    }
        });
    });
}

void TrainingGram::fill_cross(const KernelFunction& kernel, const std::vector<double>& terms,
                              const std::vector<std::size_t>& rows, const std::vector<std::size_t>& cols, double* out,
                              std::size_t ld, int threads) const {
    const std::size_t col_blocks = (cols.size() + kFillBlock - 1) / kFillBlock;
    const auto workers = static_cast<std::size_t>(std::max(threads, 1));
    visit([&](const auto* packed) {
        const auto product = [packed](std::size_t i, std::size_t j) {
            return i >= j ? packed[i * (i + 1) / 2 + j] : packed[j * (j + 1) / 2 + i];
        };
        run_in_parallel(workers, [&](std::size_t worker) {
            for (std::size_t cb = worker; cb < col_blocks; cb += workers)
                for (std::size_t rb = 0; rb < rows.size(); rb += kFillBlock)
                    for (std::size_t c = cb * kFillBlock; c < std::min(cols.size(), (cb + 1) * kFillBlock); ++c)
                        for (std::size_t r = rb; r < std::min(rows.size(), rb + kFillBlock); ++r)
                            out[c * ld + r] = kernel(product(rows[r], cols[c]), terms[rows[r]], terms[cols[c]]);
        });
    });
}

}  // namespace ridgeway
