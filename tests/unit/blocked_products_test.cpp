// Products in fixed blocks (level 1's Grams, linear predictors and gradients) against plain loops in long double,
// within the FP64 dot-product bound k * 2^-53 * sum |a_i b_i|, and bit for bit the same for 1, 2 and 3 threads.
// Shapes cross the 256-column Gram blocks, the 8,192-row blocks of A x and the 16-column blocks of A' x, with a
// leading dimension wider than the rows.
#include <cfloat>
#include <cmath>
#include <cstring>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "linalg/blocked_products.hpp"

namespace ridgeway {
namespace {

constexpr std::size_t kRows = 8300, kCols = 530, kLd = 8303;

std::vector<double> random_values(std::size_t count, unsigned seed) {
    std::mt19937 random(seed);
    std::normal_distribution<double> normal;
    std::vector<double> values(count);
    for (double& value : values) value = normal(random);
    return values;
}

struct Expected {
    double value, tolerance;
};

// sum over k of a[k * a_step] * b[k * b_step], with its error bound.
Expected dot(const double* a, std::size_t a_step, const double* b, std::size_t b_step, std::size_t length) {
    long double sum = 0, magnitude = 0;
    for (std::size_t k = 0; k < length; ++k) {
        const long double term = static_cast<long double>(a[k * a_step]) * b[k * b_step];
        sum += term;
        magnitude += std::fabs(term);
    }
    return {static_cast<double>(sum), static_cast<double>(length * DBL_EPSILON * magnitude) + 1e-300};
}

class BlockedProducts : public ::testing::Test {
protected:
    std::vector<double> values = random_values(kLd * kCols, 1);
    ColumnMajor a{values.data(), kRows, kCols, kLd};
};

TEST_F(BlockedProducts, GramLowerTriangleIsExactToRoundoffAndIgnoresTheThreadCount) {
    std::vector<double> one(kCols * kCols, -7.0), other(kCols * kCols, -7.0);
    gram_lower(a, 1, one.data(), kCols);
    for (std::size_t j = 0; j < kCols; j += 37)
        for (std::size_t i = j; i < kCols; i += 11) {
            const Expected e = dot(values.data() + i * kLd, 1, values.data() + j * kLd, 1, kRows);
            ASSERT_NEAR(one[i + j * kCols], e.value, e.tolerance) << i << "," << j;
        }
    EXPECT_EQ(one[0 + 300 * kCols], -7.0) << "wrote above the diagonal, outside a diagonal block";
    for (int threads : {2, 3}) {
        gram_lower(a, threads, other.data(), kCols);
        ASSERT_EQ(std::memcmp(one.data(), other.data(), one.size() * sizeof(double)), 0) << threads << " threads";
    }
}

TEST_F(BlockedProducts, MultiplyAndItsTransposeIgnoreTheThreadCount) {
    const std::vector<double> x = random_values(kCols, 2), r = random_values(kRows, 3), start = random_values(kRows, 4);
    std::vector<double> y_one = start, y_other = start, g_one(kCols), g_other(kCols);
    multiply(a, x.data(), 1.0, y_one.data(), 1);
    multiply_transposed(a, r.data(), g_one.data(), 1);
    for (std::size_t i = 0; i < kRows; i += 97) {
        const Expected e = dot(values.data() + i, kLd, x.data(), 1, kCols);
        ASSERT_NEAR(y_one[i], start[i] + e.value, e.tolerance + 4 * DBL_EPSILON * std::fabs(start[i])) << i;
    }
    for (std::size_t j = 0; j < kCols; ++j) {
        const Expected e = dot(values.data() + j * kLd, 1, r.data(), 1, kRows);
        ASSERT_NEAR(g_one[j], e.value, e.tolerance) << j;
    }
    for (int threads : {2, 3}) {
        y_other = start;
        multiply(a, x.data(), 1.0, y_other.data(), threads);
        multiply_transposed(a, r.data(), g_other.data(), threads);
        ASSERT_EQ(std::memcmp(y_one.data(), y_other.data(), kRows * sizeof(double)), 0) << threads << " threads";
        ASSERT_EQ(std::memcmp(g_one.data(), g_other.data(), kCols * sizeof(double)), 0) << threads << " threads";
    }
}

}  // namespace
}  // namespace ridgeway
