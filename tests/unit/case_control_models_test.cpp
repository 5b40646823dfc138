// The numerical pieces of the case/control tests checked against exact answers computed here: the saddle-point
// tail against the exact distribution of a small score statistic (enumerated by convolution), the normal quantile
// against its inverse, and the one-parameter Firth fit against the general Firth fit.
#include <cmath>
#include <map>
#include <random>

#include <gtest/gtest.h>

#include "linalg/matrix.hpp"
#include "stats/distributions.hpp"
#include "stats/firth_single.hpp"
#include "stats/logistic_regression.hpp"
#include "stats/saddle_point.hpp"

namespace ridgeway {
namespace {

// Exact P(S >= s) + P(S <= -s) for S = sum g_i (y_i - mu_i) with integer g_i: the distribution of sum g_i y_i by
// convolution over its integer support.
double exact_two_sided(const std::vector<double>& g, const std::vector<double>& mu, double s) {
    std::map<int, double> distribution{{0, 1.0}};
    for (std::size_t i = 0; i < g.size(); ++i) {
        std::map<int, double> next;
        for (const auto& [value, probability] : distribution) {
            next[value] += probability * (1.0 - mu[i]);
            next[value + static_cast<int>(g[i])] += probability * mu[i];
        }
        distribution = std::move(next);
    }
    double mean = 0;
    for (std::size_t i = 0; i < g.size(); ++i) mean += g[i] * mu[i];
    double p = 0;
    for (const auto& [value, probability] : distribution)
        if (std::abs(value - mean) >= std::abs(s) - 1e-9) p += probability;
    return p;
}

TEST(SaddlePoint, FollowsTheSkewOfARareVariantWithFewCases) {
    // 2,000 samples at 2% risk, 300 carriers of one copy (6 cases expected among them): S is skewed.
    std::vector<double> g(2000, 0.0), mu(2000, 0.02);
    for (std::size_t i = 0; i < 300; ++i) g[i] = 1.0;
    double variance = 0;
    for (std::size_t i = 0; i < g.size(); ++i) variance += g[i] * g[i] * mu[i] * (1 - mu[i]);
    std::vector<std::size_t> all(g.size());
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
    for (int cases_among_carriers : {14, 17, 20, 24}) {
        const double s = cases_among_carriers - 300 * 0.02;
        const double exact = exact_two_sided(g, mu, s);
        // S lives on a lattice of step 1: the continuous approximations are compared half a step inside the tail.
        const double spa = std::exp(log_p_saddle_point(g, mu, s - 0.5, variance, all));
        const double normal = std::exp(log_p_two_sided_normal((s - 0.5) / std::sqrt(variance)));
        // The saddle point is within 10% of the exact tail where the normal is off by orders of magnitude.
        EXPECT_NEAR(spa / exact, 1.0, 0.1) << cases_among_carriers << " cases: exact " << exact << ", spa " << spa;
        if (cases_among_carriers >= 20) {
            EXPECT_LT(normal / exact, 0.1) << "the normal tail should be far too thin";
        }
    }
}

TEST(NormalQuantile, InvertsTheTwoSidedTail) {
    for (double z : {0.0, 0.5, 1.96, 5.0, 12.0, 40.0, 300.0}) {
        const double log_p = log_p_two_sided_normal(z);
        EXPECT_NEAR(normal_quantile_two_sided(log_p), z, 1e-12 * std::max(1.0, z)) << z;
    }
}

TEST(FirthSingle, AgreesWithTheGeneralFit) {
    std::mt19937_64 random(3);
    std::normal_distribution<double> normal;
    std::bernoulli_distribution rare(0.02);
    const std::size_t n = 3000;
    std::vector<double> x(n), y(n), offset(n);
    for (std::size_t i = 0; i < n; ++i) {
        x[i] = rare(random) ? 1.0 - 0.02 : -0.02;  // an adjusted rare genotype
        offset[i] = -3.0 + 0.5 * normal(random);
        y[i] = std::bernoulli_distribution(1.0 / (1.0 + std::exp(-offset[i] - 1.2 * x[i])))(random) ? 1.0 : 0.0;
    }
    Matrix design(n, 1);
    std::copy(x.begin(), x.end(), design.data());
    const LogisticFit general = fit_logistic({design, y, offset}, LogisticPenalty::firth);
    const SingleFirthFit single = fit_firth_single(x, y, offset, 0.0);
    ASSERT_TRUE(general.converged && single.converged);
    EXPECT_NEAR(single.beta, general.beta[0], 1e-7);
    EXPECT_NEAR(single.log_likelihood, general.log_likelihood, 1e-8);
    EXPECT_NEAR(1.0 / std::sqrt(single.information), std::sqrt(general.covariance(0, 0)), 1e-7);
}

}  // namespace
}  // namespace ridgeway
