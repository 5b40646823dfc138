#include "multicol/hc3_kernel.hpp"

#include <algorithm>
#include <vector>

namespace ridgeway {

namespace {

constexpr std::size_t kRows = 256;  // rows per chunk: the chunk's columns and scratch stay in the first-level cache
constexpr std::size_t kLanes = 8;

}  // namespace

__attribute__((target_clones("avx512f", "avx2", "default")))
double hc3_meats(const Hc3Variant& variant, const double* const* residuals, const double* const* gammas,
                 std::size_t traits, double* const* meats) {
    const std::size_t n = variant.n, rank = variant.rank, m = variant.m;
    thread_local std::vector<double> scratch;
    scratch.resize((m + 2) * kRows);
    double* r = scratch.data();  // m x kRows
    double* h = r + m * kRows;
    double* w = h + kRows;
    // Lane sums: per trait and pair (a <= b) of columns, then the largest leverage.
    thread_local std::vector<double> lanes;
    const std::size_t pairs = m * (m + 1) / 2;
    lanes.assign((traits * pairs + 1) * kLanes, 0.0);
    double* highest = lanes.data() + traits * pairs * kLanes;
    for (std::size_t start = 0; start < n; start += kRows) {
        const std::size_t len = std::min(kRows, n - start);
        const std::size_t padded = (len + kLanes - 1) / kLanes * kLanes;
        for (std::size_t j = 0; j < m; ++j) {
            double* rj = r + j * kRows;
            const double* v = variant.columns + j * n + start;
            std::copy(v, v + len, rj);
            std::fill(rj + len, rj + padded, 0.0);
            for (std::size_t c = 0; c < rank; ++c) {
                const double p = variant.projection[j * rank + c];
                const double* q = variant.basis + c * n + start;
                for (std::size_t i = 0; i < len; ++i) rj[i] -= p * q[i];
            }
        }
        std::copy(variant.leverage + start, variant.leverage + start + len, h);
        std::fill(h + len, h + padded, 0.0);
        for (std::size_t a = 0; a < m; ++a)
            for (std::size_t b = 0; b <= a; ++b) {
                const double coefficient = (a == b ? 1.0 : 2.0) * variant.inverse[b * m + a];
                const double* ra = r + a * kRows;
                const double* rb = r + b * kRows;
                for (std::size_t i = 0; i < padded; ++i) h[i] += coefficient * ra[i] * rb[i];
            }
        for (std::size_t i = 0; i < padded; i += kLanes)
            for (std::size_t l = 0; l < kLanes; ++l) highest[l] = std::max(highest[l], h[i + l]);
        for (std::size_t t = 0; t < traits; ++t) {
            const double* e = residuals[t] + start;
            const double* gamma = gammas[t];
            std::copy(e, e + len, w);
            std::fill(w + len, w + padded, 0.0);
            for (std::size_t j = 0; j < m; ++j) {
                const double* rj = r + j * kRows;
                for (std::size_t i = 0; i < padded; ++i) w[i] -= gamma[j] * rj[i];
            }
            for (std::size_t i = 0; i < padded; ++i) {
                const double remaining = 1.0 - h[i];
                w[i] = w[i] * w[i] / (remaining * remaining);
            }
            double* sums = lanes.data() + t * pairs * kLanes;
            for (std::size_t a = 0; a < m; ++a)
                for (std::size_t b = 0; b <= a; ++b, sums += kLanes) {
                    const double* ra = r + a * kRows;
                    const double* rb = r + b * kRows;
                    for (std::size_t i = 0; i < padded; i += kLanes)
                        for (std::size_t l = 0; l < kLanes; ++l) sums[l] += w[i + l] * ra[i + l] * rb[i + l];
                }
        }
    }
    for (std::size_t t = 0; t < traits; ++t) {
        const double* sums = lanes.data() + t * pairs * kLanes;
        for (std::size_t a = 0; a < m; ++a)
            for (std::size_t b = 0; b <= a; ++b, sums += kLanes) {
                double total = 0;
                for (std::size_t l = 0; l < kLanes; ++l) total += sums[l];
                meats[t][b * m + a] = meats[t][a * m + b] = total;
            }
    }
    double largest = 0;
    for (std::size_t l = 0; l < kLanes; ++l) largest = std::max(largest, highest[l]);
    return largest;
}

}  // namespace ridgeway
