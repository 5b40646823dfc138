// The runtime-dispatched kernels of the multicol models against plain loops: column_gram (weighted and not, 1 to 8
// columns, lengths that are and are not a multiple of the lanes) and hc3_meats (two columns, the fused path, and
// three, the general one; rows outside the set; several variants and traits in one pass), and VariantColumns::fill
// against columns formed one row at a time. Tolerance: 1e-12 relative to the sums' scale, for sums of a few hundred
// terms of order 1 added in another order.
#include <cmath>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "linalg/genotype_kernels.hpp"
#include "multicol/hc3_kernel.hpp"
#include "multicol/variant_columns.hpp"

namespace ridgeway {
namespace {

std::vector<double> normal_values(std::size_t count, unsigned seed) {
    std::mt19937 random(seed);
    std::normal_distribution<double> normal;
    std::vector<double> values(count);
    for (double& v : values) v = normal(random);
    return values;
}

TEST(MulticolKernels, ColumnGramMatchesPlainSums) {
    for (std::size_t n : {5u, 8u, 203u}) {
        for (std::size_t m = 1; m <= kGramColumns; ++m) {
            const std::vector<double> columns = normal_values(n * m, 7 + static_cast<unsigned>(m));
            std::vector<double> weights = normal_values(n, 99);
            for (double& w : weights) w = std::abs(w);
            const std::vector<const double*> weightings{nullptr, weights.data()};
            for (const double* w : weightings) {
                std::vector<double> out(m * m);
                column_gram(columns.data(), m, n, w, out.data());
                for (std::size_t a = 0; a < m; ++a)
                    for (std::size_t b = 0; b < m; ++b) {
                        double expected = 0;
                        for (std::size_t i = 0; i < n; ++i)
                            expected += (w ? w[i] : 1.0) * columns[a * n + i] * columns[b * n + i];
                        EXPECT_NEAR(out[b * m + a], expected, 1e-12 * (1.0 + static_cast<double>(n)))
                            << "n=" << n << " m=" << m << " a=" << a << " b=" << b;
                    }
            }
        }
    }
}

// HC3's meat computed row by row: r_i = in_i (v_i - P'q_i), h_i = l_i + r_i'A r_i, u_i = e_i - r_i'g.
std::vector<double> plain_meat(const Hc3Set& set, std::size_t m, const Hc3Variant& variant, std::size_t trait,
                               double& highest) {
    std::vector<double> meat(m * m, 0.0), r(m);
    highest = 0;
    for (std::size_t i = 0; i < set.n; ++i) {
        for (std::size_t j = 0; j < m; ++j) {
            double value = variant.columns[j * set.n + i];
            for (std::size_t c = 0; c < set.rank; ++c)
                value -= set.basis[c * set.n + i] * variant.projection[j * set.rank + c];
            r[j] = set.in[i] * value;
        }
        double h = set.leverage[i], u = set.residuals[trait][i];
        for (std::size_t a = 0; a < m; ++a) {
            u -= r[a] * variant.gammas[trait * m + a];
            for (std::size_t b = 0; b < m; ++b) h += r[a] * variant.inverse[b * m + a] * r[b];
        }
        highest = std::max(highest, h);
        const double w = u * u / ((1 - h) * (1 - h));
        for (std::size_t a = 0; a < m; ++a)
            for (std::size_t b = 0; b < m; ++b) meat[b * m + a] += w * r[a] * r[b];
    }
    return meat;
}

TEST(MulticolKernels, Hc3MeatsMatchRowByRowSums) {
    const std::size_t n = 601, rank = 5, traits = 2, count = 3;  // 601: chunks of 256 and a ragged end
    for (std::size_t m : {2u, 3u}) {
        const std::vector<double> basis = normal_values(n * rank, 1);
        std::vector<double> in(n, 1.0), leverage(n);
        for (std::size_t i = 0; i < n; i += 13) in[i] = 0.0;  // rows outside the set
        for (std::size_t i = 0; i < n; ++i) leverage[i] = in[i] * 0.01 * std::abs(basis[i]);
        std::vector<double> residuals = normal_values(n * traits, 2);
        for (std::size_t t = 0; t < traits; ++t)
            for (std::size_t i = 0; i < n; ++i) residuals[t * n + i] *= in[i];
        const std::vector<const double*> residual_columns{residuals.data(), residuals.data() + n};
        const Hc3Set set{n, rank, traits, in.data(), basis.data(), leverage.data(), residual_columns.data()};
        std::vector<std::vector<double>> columns, projections, inverses, gammas, meats(count);
        std::vector<Hc3Variant> variants;
        for (std::size_t v = 0; v < count; ++v) {
            const unsigned seed = 10 + static_cast<unsigned>(v);
            columns.push_back(normal_values(n * m, seed));
            projections.push_back(normal_values(rank * m, seed + 100));
            std::vector<double> inverse(m * m, 0.0);  // symmetric positive definite, small: leverages below 1
            for (std::size_t a = 0; a < m; ++a)
                for (std::size_t b = 0; b < m; ++b) inverse[b * m + a] = a == b ? 2e-4 : 5e-5;
            inverses.push_back(inverse);
            gammas.push_back(normal_values(traits * m, seed + 200));
            meats[v].assign(traits * m * m, 0.0);
        }
        for (std::size_t v = 0; v < count; ++v)
            variants.push_back({columns[v].data(), projections[v].data(), inverses[v].data(), gammas[v].data(),
                                meats[v].data()});
        hc3_meats(set, m, variants.data(), count);
        for (std::size_t v = 0; v < count; ++v)
            for (std::size_t t = 0; t < traits; ++t) {
                double highest = 0;
                const std::vector<double> expected = plain_meat(set, m, variants[v], t, highest);
                EXPECT_NEAR(variants[v].highest, highest, 1e-12) << "m=" << m << " variant " << v;
                for (std::size_t k = 0; k < m * m; ++k)
                    EXPECT_NEAR(meats[v][t * m * m + k], expected[k], 1e-12 * (1.0 + std::abs(expected[k])) * n)
                        << "m=" << m << " variant " << v << " trait " << t << " entry " << k;
            }
    }
}

TEST(MulticolKernels, FilledColumnsMatchRowByRowColumns) {
    const std::size_t n = 50;
    std::vector<std::int8_t> calls(n);
    std::vector<double> values(n);
    std::vector<std::uint8_t> in(n, 1);
    for (std::size_t i = 0; i < n; ++i) {
        calls[i] = static_cast<std::int8_t>(i % 7 == 3 ? -1 : i % 3);
        values[i] = calls[i] < 0 ? 0.0 : calls[i];
        if (i % 11 == 5) in[i] = 0;
    }
    GenotypeSums all;
    std::vector<double> converted(n);
    count_calls(calls.data(), n, all, converted.data());
    const SampleSubset subset = make_subset(in);
    Matrix factors(n, 1);
    for (std::size_t i = 0; i < n; ++i) factors(i, 0) = 0.1 * static_cast<double>(i) - 2.0;
    double sum = 0, called = 0, dominance = 0;
    for (std::size_t i = 0; i < n; ++i)
        if (in[i] && calls[i] >= 0) sum += values[i], dominance += calls[i] == 1, called += 1;
    const double mean = sum / called, dominance_mean = dominance / called;

    std::vector<double> out(2 * n);
    VariantColumns(MulticolModel::interaction, factors).fill(calls.data(), values.data(), all, subset, out.data());
    for (std::size_t i = 0; i < n; ++i) {
        const double g = !in[i] ? 0.0 : calls[i] < 0 ? mean : values[i];
        EXPECT_DOUBLE_EQ(out[i], g) << i;
        EXPECT_NEAR(out[n + i], in[i] ? (g - mean) * factors(i, 0) : 0.0, 1e-14) << i;
    }
    VariantColumns(MulticolModel::genotypic, Matrix()).fill(calls.data(), values.data(), all, subset, out.data());
    for (std::size_t i = 0; i < n; ++i)
        EXPECT_DOUBLE_EQ(out[n + i], !in[i] ? 0.0 : calls[i] < 0 ? dominance_mean : calls[i] == 1) << i;
}

}  // namespace
}  // namespace ridgeway
