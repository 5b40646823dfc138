// The block test's downdating shortcut against a direct least-squares fit on exactly the samples each test uses.
#include <cmath>
#include <limits>
#include <random>

#include <gtest/gtest.h>
#include <lapacke.h>

#include "assoc/linear_block_test.hpp"
#include "assoc/trait_set.hpp"

namespace ridgeway {
namespace {

struct DirectFit {
    double beta, se;
    std::size_t n;
};

// (1, covariates) over `rows`, then `extra` columns of zeros for the caller to fill.
Matrix design(const Matrix& covariates, const std::vector<std::size_t>& rows, std::size_t extra) {
    Matrix x(rows.size(), covariates.cols() + 1 + extra);
    for (std::size_t r = 0; r < rows.size(); ++r) {
        x(r, 0) = 1.0;
        for (std::size_t c = 0; c < covariates.cols(); ++c) x(r, c + 1) = covariates(rows[r], c);
    }
    return x;
}

// m variants of n random calls 0/1/2; every variant but the first has about `missing_percent`% missing calls.
GenotypeBlock random_calls(std::size_t n, std::size_t m, unsigned missing_percent, std::mt19937& random) {
    GenotypeBlock block;
    block.n_variants = m;
    block.n_samples = n;
    block.calls.resize(n * m);
    for (std::size_t v = 0; v < m; ++v)
        for (std::size_t i = 0; i < n; ++i) {
            auto draw = random() % 100;
            block.variant(v)[i] =
                (v > 0 && draw < missing_percent) ? kMissingCall : static_cast<std::int8_t>(draw % 3);
        }
    return block;
}

// Regresses y on (1, covariates, g) over rows with y and g observed; returns g's coefficient and standard error.
DirectFit direct_fit(const Matrix& covariates, const std::vector<double>& y, const std::int8_t* g) {
    std::vector<std::size_t> rows;
    for (std::size_t i = 0; i < y.size(); ++i)
        if (!std::isnan(y[i]) && g[i] != kMissingCall) rows.push_back(i);
    const std::size_t n = rows.size(), k = covariates.cols() + 2;
    Matrix x = design(covariates, rows, 1);
    for (std::size_t r = 0; r < n; ++r) x(r, k - 1) = g[rows[r]];
    Matrix xtx(k, k);
    std::vector<double> xty(k, 0.0);
    for (std::size_t a = 0; a < k; ++a) {
        for (std::size_t r = 0; r < n; ++r) xty[a] += x(r, a) * y[rows[r]];
        for (std::size_t b = 0; b < k; ++b)
            for (std::size_t r = 0; r < n; ++r) xtx(a, b) += x(r, a) * x(r, b);
    }
    Matrix inverse(k, k);
    for (std::size_t a = 0; a < k; ++a) inverse(a, a) = 1.0;
    Matrix factor = xtx;
    EXPECT_EQ(LAPACKE_dposv(LAPACK_COL_MAJOR, 'L', k, k, factor.data(), k, inverse.data(), k), 0);
    std::vector<double> coef(k, 0.0);
    for (std::size_t a = 0; a < k; ++a)
        for (std::size_t b = 0; b < k; ++b) coef[a] += inverse(a, b) * xty[b];
    double rss = 0;
    for (std::size_t r = 0; r < n; ++r) {
        double fitted = 0;
        for (std::size_t a = 0; a < k; ++a) fitted += x(r, a) * coef[a];
        rss += (y[rows[r]] - fitted) * (y[rows[r]] - fitted);
    }
    double sigma2 = rss / static_cast<double>(n - k);
    return {coef[k - 1], std::sqrt(sigma2 * inverse(k - 1, k - 1)), n};
}

TEST(LinearBlockTest, MatchesDirectLeastSquaresWithMissingCallsAndTraits) {
    const std::size_t n = 80, m = 30, n_traits = 3;
    std::mt19937 random(17);
    std::normal_distribution<double> normal;
    Matrix covariates(n, 2);
    for (std::size_t i = 0; i < n; ++i) covariates(i, 0) = normal(random), covariates(i, 1) = (i % 3 == 0);
    Matrix traits(n, n_traits);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t t = 0; t < n_traits; ++t)
            traits(i, t) = (t > 0 && i % (t + 4) == 0) ? std::numeric_limits<double>::quiet_NaN() : normal(random);
    const GenotypeBlock block = random_calls(n, m, 8, random);

    TraitSet set = prepare_traits(traits, covariates);
    LinearBlockTest test(set, VariantFilters{});
    BlockResults results;
    test.run(TestedBlock(block), results);
    for (std::size_t v = 0; v < m; ++v) {
        ASSERT_TRUE(results.kept[v]);
        for (std::size_t t = 0; t < n_traits; ++t) {
            std::vector<double> y(n);
            for (std::size_t i = 0; i < n; ++i) y[i] = traits(i, t);
            DirectFit expected = direct_fit(covariates, y, block.variant(v));
            const AssocResult& got = results.results[v * n_traits + t];
            ASSERT_EQ(got.error, ErrorCode::none);
            EXPECT_EQ(got.n, expected.n);
            // Both are double-precision solutions of the same small, well-conditioned problem.
            EXPECT_NEAR(got.beta, expected.beta, 1e-10 * std::max(1.0, std::abs(expected.beta)));
            EXPECT_NEAR(got.se, expected.se, 1e-10 * expected.se);
        }
    }
}

// `values` over `rows` minus their least-squares fit on (1, covariates) over those rows.
std::vector<double> residualize(const Matrix& covariates, const std::vector<std::size_t>& rows,
                                const std::vector<double>& values) {
    const std::size_t n = rows.size(), k = covariates.cols() + 1;
    const Matrix x = design(covariates, rows, 0);
    Matrix xtx(k, k), xtv(k, 1);
    for (std::size_t a = 0; a < k; ++a) {
        for (std::size_t r = 0; r < n; ++r) xtv(a, 0) += x(r, a) * values[r];
        for (std::size_t b = 0; b < k; ++b)
            for (std::size_t r = 0; r < n; ++r) xtx(a, b) += x(r, a) * x(r, b);
    }
    EXPECT_EQ(LAPACKE_dposv(LAPACK_COL_MAJOR, 'L', k, 1, xtx.data(), k, xtv.data(), k), 0);
    std::vector<double> residual(values);
    for (std::size_t r = 0; r < n; ++r)
        for (std::size_t a = 0; a < k; ++a) residual[r] -= x(r, a) * xtv(a, 0);
    return residual;
}

TEST(LinearBlockTest, NormalStatisticIsRegeniesWithMeanImputedCalls) {
    const std::size_t n = 90, m = 20, n_traits = 2;
    std::mt19937 random(5);
    std::normal_distribution<double> normal;
    Matrix covariates(n, 2);
    for (std::size_t i = 0; i < n; ++i) covariates(i, 0) = normal(random), covariates(i, 1) = (i % 4 == 0);
    Matrix traits(n, n_traits);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t t = 0; t < n_traits; ++t)
            // rows 0 and 1 have no trait at all: their calls stay out of the imputation mean
            traits(i, t) = (i < 2 || (t == 1 && i % 6 == 0)) ? std::numeric_limits<double>::quiet_NaN()
                                                              : normal(random);
    const GenotypeBlock block = random_calls(n, m, 10, random);

    TraitSet set = prepare_traits(traits, covariates);
    LinearBlockTest test(set, VariantFilters{}, LinearStatistic::normal);
    BlockResults results;
    test.run(TestedBlock(block), results);
    for (std::size_t v = 0; v < m; ++v) {
        const std::int8_t* g = block.variant(v);
        double sum = 0, called = 0;
        for (std::size_t i = 2; i < n; ++i)
            if (g[i] != kMissingCall) sum += g[i], called += 1;
        for (std::size_t t = 0; t < n_traits; ++t) {
            std::vector<std::size_t> rows;
            std::vector<double> y, imputed;
            std::size_t with_call = 0;
            for (std::size_t i = 0; i < n; ++i)
                if (!std::isnan(traits(i, t))) {
                    rows.push_back(i);
                    y.push_back(traits(i, t));
                    imputed.push_back(g[i] == kMissingCall ? sum / called : g[i]);
                    with_call += g[i] != kMissingCall;
                }
            const std::vector<double> ry = residualize(covariates, rows, y);
            const std::vector<double> rg = residualize(covariates, rows, imputed);
            double gy = 0, gg = 0, yy = 0;
            for (std::size_t r = 0; r < rows.size(); ++r) gy += rg[r] * ry[r], gg += rg[r] * rg[r], yy += ry[r] * ry[r];
            const double beta = gy / gg, se = std::sqrt(yy / static_cast<double>(rows.size() - 3) / gg);
            const AssocResult& got = results.results[v * n_traits + t];
            ASSERT_EQ(got.error, ErrorCode::none);
            EXPECT_EQ(got.n, with_call);
            EXPECT_NEAR(got.beta, beta, 1e-10 * std::max(1.0, std::abs(beta)));
            EXPECT_NEAR(got.se, se, 1e-10 * se);
            EXPECT_NEAR(got.log10_p, std::log10(std::erfc(std::abs(beta / se) / std::sqrt(2.0))), 1e-9);
        }
    }
}

TEST(LinearBlockTest, ReportsConstantVariantsAndAppliesFilters) {
    const std::size_t n = 20;
    Matrix covariates(n, 0), traits(n, 1);
    for (std::size_t i = 0; i < n; ++i) traits(i, 0) = static_cast<double>(i % 7);
    GenotypeBlock block;
    block.n_variants = 3;
    block.n_samples = n;
    block.calls.assign(3 * n, 1);                      // variant 0: all heterozygous, constant
    for (std::size_t i = 0; i < n; ++i) block.variant(1)[i] = i == 0 ? 1 : 0;  // variant 1: MAF 1/40
    for (std::size_t i = 0; i < n; ++i) block.variant(2)[i] = static_cast<std::int8_t>(i % 3);
    TraitSet set = prepare_traits(traits, covariates);
    VariantFilters filters;
    filters.maf = 0.05;
    LinearBlockTest test(set, filters);
    BlockResults results;
    test.run(TestedBlock(block), results);
    EXPECT_TRUE(results.kept[0]);  // MAF 0.5 as heterozygotes, but no variation
    EXPECT_EQ(results.results[0].error, ErrorCode::constant_allele);
    EXPECT_FALSE(results.kept[1]);
    EXPECT_TRUE(results.kept[2]);
    EXPECT_EQ(results.results[2].error, ErrorCode::none);
}

}  // namespace
}  // namespace ridgeway
