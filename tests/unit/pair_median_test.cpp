// The exact pair median against a brute-force sort of every pair value: equal bit for bit, for continuous values,
// for heavy ties, for all-equal values and for values a few ulps apart, with select limits small enough that the
// histogram has to narrow its range several times, and for one and three threads.
#include <algorithm>
#include <cmath>
#include <functional>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "predict/pair_median.hpp"

namespace ridgeway {
namespace {

// value(i, j) for every pair j < i.
using PairValue = std::function<double(std::size_t, std::size_t)>;

double sorted_median(std::size_t n, const PairValue& value) {
    std::vector<double> values;
    for (std::size_t i = 1; i < n; ++i)
        for (std::size_t j = 0; j < i; ++j) values.push_back(value(i, j));
    std::sort(values.begin(), values.end());
    return values[(values.size() + 1) / 2 - 1];
}

void check(std::size_t n, const PairValue& value) {
    const double expected = sorted_median(n, value);
    const PairRowValues rows = [&](std::size_t i, double* out) {
        for (std::size_t j = 0; j < i; ++j) out[j] = value(i, j);
    };
    for (int threads : {1, 3})
        for (std::size_t limit : {kPairSelectLimit, std::size_t{40}, std::size_t{1}})
            EXPECT_EQ(pair_lower_median(n, rows, threads, limit), expected)
                << "n " << n << ", threads " << threads << ", select limit " << limit;
}

// A deterministic pseudo-random value per pair (the callback must give the same values on every pass).
double noise(std::size_t i, std::size_t j, unsigned salt) {
    std::mt19937 random(static_cast<unsigned>(i * 7919 + j * 104729 + salt));
    return std::uniform_real_distribution<double>(0.0, 1.0)(random);
}

TEST(PairMedian, ContinuousValues) {
    for (std::size_t n : {2, 3, 4, 5, 17, 60, 121})
        check(n, [](std::size_t i, std::size_t j) { return 500.0 + 100.0 * noise(i, j, 1); });
}

TEST(PairMedian, HeavyTiesAndEqualValues) {
    check(90, [](std::size_t i, std::size_t j) { return std::floor(4 * noise(i, j, 2)); });
    check(90, [](std::size_t, std::size_t) { return 3.25; });
    check(91, [](std::size_t i, std::size_t) { return i < 70 ? 1.0 : 2.0; });
}

TEST(PairMedian, ValuesUlpsApartAndFarOutliers) {
    check(80, [](std::size_t i, std::size_t j) {
        return std::nextafter(1.0, 2.0) + (noise(i, j, 3) < 0.5 ? 0.0 : 4e-16) + (i == 79 && j == 0 ? 1e300 : 0.0);
    });
    check(80, [](std::size_t i, std::size_t j) { return noise(i, j, 4) < 0.01 ? -1e200 : noise(i, j, 5) * 1e-300; });
}

}  // namespace
}  // namespace ridgeway
