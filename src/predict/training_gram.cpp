#include "predict/training_gram.hpp"

#include <algorithm>
#include <cstring>
#include <type_traits>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "linalg/dosage_products.hpp"
#include "linalg/genotype_products.hpp"
#include "predict/pair_median.hpp"

namespace ridgeway {

namespace {

constexpr std::size_t kTile = 1024;      // columns per product call: N x tile products of scratch
constexpr std::size_t kFillBlock = 64;   // square blocks keep both the packed reads and the column writes in cache

std::size_t tile_count(std::size_t n) { return (n + kTile - 1) / kTile; }

// visit(i, at, length) for each packed row segment of tile t of n samples, in row order: the tile holds the products
// of rows [begin, n) with columns [begin, end), begin = t x kTile, and row i's segment is their part in the lower
// triangle, at packed position i(i+1)/2 + begin.
template <typename Visit>
void for_each_segment(std::size_t n, std::size_t t, const Visit& visit) {
    const std::size_t begin = t * kTile, end = std::min(n, begin + kTile);
    for (std::size_t i = begin; i < n; ++i) visit(i, i * (i + 1) / 2 + begin, std::min(i + 1, end) - begin);
}

// Computes tiles `tiles` through multiply(begin, end, out, width) = rows [begin, n) times rows [begin, end),
// width = end - begin (each tile's rows are prepared for the product once), and hands each row segment to
// put(at, values, length), in tile order, then row order.
template <typename Product, typename Multiply, typename Put>
void compute_tiles(std::size_t n, PartRange tiles, const Multiply& multiply, const Put& put) {
    std::vector<Product> tile;
    for (std::size_t t = tiles.first; t < tiles.first + tiles.count; ++t) {
        const std::size_t begin = t * kTile, width = std::min(n, begin + kTile) - begin;
        tile.resize((n - begin) * width);
        multiply(begin, begin + width, tile.data(), width);
        for_each_segment(n, t, [&](std::size_t i, std::size_t at, std::size_t length) {
            put(at, tile.data() + (i - begin) * width, length);
        });
    }
}

// compute_tiles with the product of `train`'s coding: exact int32 products of calls (routed by `precision`), FP64
// products of dosages.
template <typename Put>
void compute_tiles_of(const GenotypeTable& train, Precision precision, int threads, PartRange tiles, const Put& put) {
    const std::size_t n = train.n_samples;
    if (train.dosage)
        compute_tiles<double>(n, tiles, [&](std::size_t begin, std::size_t end, double* out, std::size_t width) {
            dosage_cross_product(train.dosage_rows(begin, n), train.dosage_rows(begin, end), threads, out, width);
        }, put);
    else
        compute_tiles<std::int32_t>(n, tiles, [&](std::size_t begin, std::size_t end, std::int32_t* out,
                                                  std::size_t width) {
            cross_product(train.call_rows(begin, n), train.call_rows(begin, end), precision, threads, out, width);
        }, put);
}

// packed = the tiles of `parts`, part k's values being the bytes take(k) returns.
template <typename Product>
void assemble_tiles(std::size_t n, const std::vector<PartRange>& parts,
                    const std::function<std::string(std::size_t)>& take, std::vector<Product>& packed) {
    const std::vector<std::size_t> products = TrainingGram::tile_products(n);
    packed.resize(n * (n + 1) / 2);
    for (std::size_t k = 0; k < parts.size(); ++k) {
        const std::string bytes = take(k);
        const std::size_t expected = range_weight(products, parts[k]);
        if (bytes.size() != expected * sizeof(Product))
            throw Error(ErrorKind::inconsistent, fmt::format("part {} of the training products has {} bytes, not the "
                                                             "{} of its {} tiles", k, bytes.size(),
                                                             expected * sizeof(Product), parts[k].count));
        const char* from = bytes.data();
        for (std::size_t t = parts[k].first; t < parts[k].first + parts[k].count; ++t)
            for_each_segment(n, t, [&](std::size_t, std::size_t at, std::size_t length) {
                std::memcpy(packed.data() + at, from, length * sizeof(Product));
                from += length * sizeof(Product);
            });
    }
}

}  // namespace

TrainingGram::TrainingGram(const GenotypeTable& train, Precision precision, int threads)
    : n_(train.n_samples), dosage_(train.dosage) {
    if (dosage_) dosage_packed_.resize(n_ * (n_ + 1) / 2);
    else packed_.resize(n_ * (n_ + 1) / 2);
    compute_tiles_of(train, precision, threads, {0, tile_count(n_)},
                     [this](std::size_t at, const auto* values, std::size_t length) {
                         if constexpr (std::is_same_v<decltype(values), const double*>)
                             std::copy_n(values, length, dosage_packed_.data() + at);
                         else
                             std::copy_n(values, length, packed_.data() + at);
                     });
}

TrainingGram::TrainingGram(std::size_t n, bool dosage, const std::vector<PartRange>& parts,
                           const std::function<std::string(std::size_t)>& take)
    : n_(n), dosage_(dosage) {
    if (dosage_) assemble_tiles(n_, parts, take, dosage_packed_);
    else assemble_tiles(n_, parts, take, packed_);
}

std::vector<std::size_t> TrainingGram::tile_products(std::size_t n) {
    std::vector<std::size_t> products(tile_count(n), 0);
    for (std::size_t t = 0; t < products.size(); ++t)
        for_each_segment(n, t, [&](std::size_t, std::size_t, std::size_t length) { products[t] += length; });
    return products;
}

std::size_t TrainingGram::tile_width() { return kTile; }

bool TrainingGram::write_tiles(const GenotypeTable& train, Precision precision, int threads, PartRange tiles,
                               std::FILE* out) {
    bool written = true;
    compute_tiles_of(train, precision, threads, tiles, [&](std::size_t, const auto* values, std::size_t length) {
        written = written && std::fwrite(values, sizeof *values, length, out) == length;
    });
    return written;
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
