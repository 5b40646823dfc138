#include "multicol/hc3_kernel.hpp"

#include <algorithm>
#include <vector>

namespace ridgeway {

namespace {

constexpr std::size_t kRows = 256;  // rows per chunk: the chunk's columns and scratch stay in the first-level cache
constexpr std::size_t kLanes = 8;

// The meat's lane sums of r0^2, r0 r1 and r1^2 weighted by u_i^2 / (1 - h_i)^2 (`factor`), u = e - g0 r0 - g1 r1, in one
// loop: G and one G x E, or ADD and DOMDEV, the most common models.
inline __attribute__((always_inline)) void two_column_meat(const double* e, const double* r0, const double* r1,
                                                           const double* factor, double g0, double g1,
                                                           std::size_t len, double* sums) {
    double s00[kLanes], s01[kLanes], s11[kLanes];  // local, so that they stay in registers
    std::copy(sums, sums + kLanes, s00);
    std::copy(sums + kLanes, sums + 2 * kLanes, s01);
    std::copy(sums + 2 * kLanes, sums + 3 * kLanes, s11);
    const auto add = [&](std::size_t i, std::size_t l) {
        const double a = r0[i], b = r1[i], u = e[i] - g0 * a - g1 * b, w = u * u * factor[i];
        s00[l] += w * a * a;
        s01[l] += w * a * b;
        s11[l] += w * b * b;
    };
    std::size_t i = 0;
    for (; i + kLanes <= len; i += kLanes)
        for (std::size_t l = 0; l < kLanes; ++l) add(i + l, l);
    for (std::size_t l = 0; i + l < len; ++l) add(i + l, l);
    std::copy(s00, s00 + kLanes, sums);
    std::copy(s01, s01 + kLanes, sums + kLanes);
    std::copy(s11, s11 + kLanes, sums + 2 * kLanes);
}

// Two columns' residuals r0, r1 = v - Q p over a chunk (both from the same loads of Q, up to four basis columns per
// pass), masked to the set's rows, and the leverages h = l + r'(R'R)^-1 r: G and one G x E, or ADD and DOMDEV.
inline __attribute__((always_inline)) void residualize_two(const Hc3Set& set, const Hc3Variant& variant,
                                                           std::size_t start, std::size_t len, double* r0,
                                                           double* r1, double* h) {
    const std::size_t n = set.n, rank = set.rank;
    const double* from0 = variant.columns + start;
    const double* from1 = variant.columns + n + start;
    const double* p0 = variant.projection;
    const double* p1 = variant.projection + rank;
    std::size_t c = 0;
    for (; c + 4 <= rank; c += 4) {
        const double* q0 = set.basis + c * n + start;
        const double* q1 = q0 + n;
        const double* q2 = q1 + n;
        const double* q3 = q2 + n;
        const double a0 = p0[c], a1 = p0[c + 1], a2 = p0[c + 2], a3 = p0[c + 3];
        const double b0 = p1[c], b1 = p1[c + 1], b2 = p1[c + 2], b3 = p1[c + 3];
        for (std::size_t i = 0; i < len; ++i) {
            const double x0 = q0[i], x1 = q1[i], x2 = q2[i], x3 = q3[i];
            r0[i] = from0[i] - (a0 * x0 + a1 * x1 + a2 * x2 + a3 * x3);
            r1[i] = from1[i] - (b0 * x0 + b1 * x1 + b2 * x2 + b3 * x3);
        }
        from0 = r0;
        from1 = r1;
    }
    for (; c < rank; ++c) {
        const double* q = set.basis + c * n + start;
        const double a = p0[c], b = p1[c];
        for (std::size_t i = 0; i < len; ++i) {
            r0[i] = from0[i] - a * q[i];
            r1[i] = from1[i] - b * q[i];
        }
        from0 = r0;
        from1 = r1;
    }
    const double* in = set.in + start;
    const double* leverage = set.leverage + start;
    const double i00 = variant.inverse[0], i01 = 2.0 * variant.inverse[1], i11 = variant.inverse[3];
    for (std::size_t i = 0; i < len; ++i) {
        const double a = r0[i] * in[i], b = r1[i] * in[i];
        r0[i] = a;
        r1[i] = b;
        h[i] = leverage[i] + a * (i00 * a + i01 * b) + i11 * b * b;
    }
}

// The same for any number m of columns, one column at a time.
inline __attribute__((always_inline)) void residualize_any(const Hc3Set& set, const Hc3Variant& variant, std::size_t m,
                                                           std::size_t start, std::size_t len, std::size_t padded,
                                                           double* r, double* h) {
    const std::size_t n = set.n, rank = set.rank;
    for (std::size_t j = 0; j < m; ++j) {
        // r_j = v_j - Q p_j on the set's rows (0 on the others), up to four basis columns per pass over the
        // chunk (fewer loads and stores of r).
        double* rj = r + j * kRows;
        const double* from = variant.columns + j * n + start;
        const double* projection = variant.projection + j * rank;
        std::size_t c = 0;
        for (; c + 4 <= rank; c += 4) {
            const double p0 = projection[c], p1 = projection[c + 1], p2 = projection[c + 2],
                         p3 = projection[c + 3];
            const double* q0 = set.basis + c * n + start;
            const double* q1 = q0 + n;
            const double* q2 = q1 + n;
            const double* q3 = q2 + n;
            for (std::size_t i = 0; i < len; ++i)
                rj[i] = from[i] - (p0 * q0[i] + p1 * q1[i] + p2 * q2[i] + p3 * q3[i]);
            from = rj;
        }
        for (; c + 2 <= rank; c += 2) {
            const double p0 = projection[c], p1 = projection[c + 1];
            const double* q0 = set.basis + c * n + start;
            const double* q1 = q0 + n;
            for (std::size_t i = 0; i < len; ++i) rj[i] = from[i] - (p0 * q0[i] + p1 * q1[i]);
            from = rj;
        }
        for (; c < rank; ++c) {
            const double p0 = projection[c];
            const double* q0 = set.basis + c * n + start;
            for (std::size_t i = 0; i < len; ++i) rj[i] = from[i] - p0 * q0[i];
            from = rj;
        }
        const double* in = set.in + start;
        for (std::size_t i = 0; i < len; ++i) rj[i] *= in[i];
        std::fill(rj + len, rj + padded, 0.0);
    }
    const double* leverage = set.leverage + start;
    for (std::size_t i = 0; i < len; ++i) h[i] = leverage[i] + variant.inverse[0] * r[i] * r[i];
    std::fill(h + len, h + padded, 0.0);
    for (std::size_t a = 1; a < m; ++a)
        for (std::size_t b = 0; b <= a; ++b) {
            const double coefficient = (a == b ? 1.0 : 2.0) * variant.inverse[b * m + a];
            const double* ra = r + a * kRows;
            const double* rb = r + b * kRows;
            for (std::size_t i = 0; i < len; ++i) h[i] += coefficient * ra[i] * rb[i];
        }

}

}  // namespace

__attribute__((target_clones("avx512f", "avx2", "default")))
void hc3_meats(const Hc3Set& set, std::size_t m, Hc3Variant* variants, std::size_t count) {
    const std::size_t n = set.n, traits = set.traits;
    thread_local std::vector<double> scratch;
    scratch.resize((m + 2) * kRows);
    double* r = scratch.data();  // m x kRows
    double* h = r + m * kRows;
    double* w = h + kRows;
    // Lane sums per variant: per trait and pair (a <= b) of columns, then the largest leverage.
    const std::size_t pairs = m * (m + 1) / 2, per_variant = (traits * pairs + 1) * kLanes;
    thread_local std::vector<double> lanes;
    lanes.assign(count * per_variant, 0.0);
    for (std::size_t start = 0; start < n; start += kRows) {
        const std::size_t len = std::min(kRows, n - start);
        const std::size_t padded = (len + kLanes - 1) / kLanes * kLanes;
        for (std::size_t v = 0; v < count; ++v) {
            const Hc3Variant& variant = variants[v];
            if (m == 2) {
                residualize_two(set, variant, start, len, r, r + kRows, h);
                std::fill(r + len, r + padded, 0.0);
                std::fill(r + kRows + len, r + kRows + padded, 0.0);
                std::fill(h + len, h + padded, 0.0);
            } else {
                residualize_any(set, variant, m, start, len, padded, r, h);
            }
            double* sums = lanes.data() + v * per_variant;
            double* highest = sums + traits * pairs * kLanes;
            double top[kLanes];  // local, so that it stays in registers
            std::copy(highest, highest + kLanes, top);
            for (std::size_t i = 0; i < padded; i += kLanes)
                for (std::size_t l = 0; l < kLanes; ++l) top[l] = std::max(top[l], h[i + l]);
            std::copy(top, top + kLanes, highest);
            for (std::size_t i = 0; i < padded; ++i) {  // from here on, 1 / (1 - h_i)^2
                const double remaining = 1.0 - h[i];
                h[i] = 1.0 / (remaining * remaining);
            }
            for (std::size_t t = 0; t < traits; ++t) {
                const double* e = set.residuals[t] + start;
                const double* gamma = variant.gammas + t * m;
                if (m == 2) {
                    two_column_meat(e, r, r + kRows, h, gamma[0], gamma[1], len, sums);
                    sums += 3 * kLanes;
                    continue;
                }
                for (std::size_t i = 0; i < len; ++i) w[i] = e[i] - gamma[0] * r[i];
                std::fill(w + len, w + padded, 0.0);
                for (std::size_t j = 1; j < m; ++j) {
                    const double* rj = r + j * kRows;
                    for (std::size_t i = 0; i < len; ++i) w[i] -= gamma[j] * rj[i];
                }
                for (std::size_t i = 0; i < padded; ++i) w[i] = w[i] * w[i] * h[i];
                for (std::size_t a = 0; a < m; ++a)
                    for (std::size_t b = 0; b <= a; ++b, sums += kLanes) {
                        const double* ra = r + a * kRows;
                        const double* rb = r + b * kRows;
                        double lane[kLanes];
                        std::copy(sums, sums + kLanes, lane);
                        for (std::size_t i = 0; i < padded; i += kLanes)
                            for (std::size_t l = 0; l < kLanes; ++l) lane[l] += w[i + l] * ra[i + l] * rb[i + l];
                        std::copy(lane, lane + kLanes, sums);
                    }
            }
        }
    }
    for (std::size_t v = 0; v < count; ++v) {
        const double* sums = lanes.data() + v * per_variant;
        for (std::size_t t = 0; t < traits; ++t) {
            double* meat = variants[v].meats + t * m * m;
            for (std::size_t a = 0; a < m; ++a)
                for (std::size_t b = 0; b <= a; ++b, sums += kLanes) {
                    double total = 0;
                    for (std::size_t l = 0; l < kLanes; ++l) total += sums[l];
                    meat[b * m + a] = meat[a * m + b] = total;
                }
        }
        double largest = 0;
        for (std::size_t l = 0; l < kLanes; ++l) largest = std::max(largest, sums[l]);
        variants[v].highest = largest;
    }
}

}  // namespace ridgeway
