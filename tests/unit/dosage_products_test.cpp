// FP64 products of dosage rows against a plain loop in long double, within the standard error bound of an FP64 dot
// product of k terms, k * 2^-53 * sum |a_i b_i| (any summation order meets it; a wrong tile, chunk or stride is off by
// whole products, which are at least 1e-4 here). Integral dosages must give the exact integer products of the calls.
// Shapes cross the 1024-row tiles and the 1024-long inner chunks, with strides wider than the rows. The thread count
// must not change a bit of any product (a split run's parts and the ranks of a distributed run may run other
// --threads than a single run whose files they must reproduce).
#include <cfloat>
#include <cmath>
#include <cstring>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "linalg/dosage_products.hpp"
#include "linalg/genotype_products.hpp"

namespace ridgeway {
namespace {

// Fractional dosages in [0, 2] (a few exactly 0 or 2); the gap between length and stride holds NaN, which a product
// must never read.
struct Dosages {
    std::vector<float> values;
    DosageRows rows;
};

Dosages random_dosages(std::size_t rows, std::size_t length, std::size_t stride, unsigned seed) {
    std::mt19937 random(seed);
    std::uniform_real_distribution<float> uniform(0.0f, 2.0f);
    Dosages d;
    d.values.assign(rows * stride + 1, NAN);
    for (std::size_t r = 0; r < rows; ++r)
        for (std::size_t k = 0; k < length; ++k) {
            const float value = uniform(random);
            d.values[r * stride + k] = value < 0.1f ? 0.0f : value > 1.9f ? 2.0f : value;
        }
    d.rows = DosageRows{d.values.data(), rows, length, stride};
    return d;
}

// The product and the bound on its FP64 error.
struct Expected {
    double value, tolerance;
};

Expected dot(DosageRows a, std::size_t i, DosageRows b, std::size_t j) {
    long double sum = 0, magnitude = 0;
    for (std::size_t k = 0; k < a.length; ++k) {
        const long double term = static_cast<long double>(a.data[i * a.stride + k]) * b.data[j * b.stride + k];
        sum += term;
        magnitude += std::fabs(term);
    }
    return {static_cast<double>(sum), static_cast<double>(a.length * DBL_EPSILON / 2 * magnitude) + 1e-300};
}

void check_cross(std::size_t rows_a, std::size_t rows_b, std::size_t length, int threads) {
    const Dosages a = random_dosages(rows_a, length, length + 3, 1), b = random_dosages(rows_b, length, length + 5, 2);
    const std::size_t stride = rows_b + 2;
    std::vector<double> out(rows_a * stride, -1.0);
    dosage_cross_product(a.rows, b.rows, threads, out.data(), stride);
    for (std::size_t i = 0; i < rows_a; ++i) {
        for (std::size_t j = 0; j < rows_b; ++j) {
            const Expected e = dot(a.rows, i, b.rows, j);
            ASSERT_NEAR(out[i * stride + j], e.value, e.tolerance) << i << "," << j << " length " << length;
        }
        EXPECT_EQ(out[i * stride + rows_b], -1.0) << "wrote past the row";
    }
}

void check_gram(std::size_t rows, std::size_t length, int threads) {
    const Dosages a = random_dosages(rows, length, length + 1, 3);
    std::vector<double> out;
    dosage_gram_full(a.rows, threads, out);
    ASSERT_EQ(out.size(), rows * rows);
    for (std::size_t i = 0; i < rows; ++i)
        for (std::size_t j = 0; j < rows; ++j) {
            const Expected e = dot(a.rows, i, a.rows, j);
            ASSERT_NEAR(out[i * rows + j], e.value, e.tolerance) << i << "," << j << " length " << length;
        }
}

TEST(DosageProducts, CrossProductsOfEveryShortLength) {
    for (std::size_t length = 0; length <= 20; ++length) check_cross(7, 5, length, 1);
}

TEST(DosageProducts, InnerChunksAccumulate) {
    check_cross(9, 11, 2500, 2);
    check_gram(13, 2100, 1);
}

TEST(DosageProducts, RowsAcrossTheTiles) {
    check_cross(1030, 3, 17, 2);
    check_cross(3, 1100, 17, 1);
    check_gram(1100, 9, 2);
}

TEST(DosageProducts, TheThreadCountChangesNoBit) {
    const Dosages a = random_dosages(1300, 2100, 2100, 5), b = random_dosages(1100, 2100, 2101, 6);
    std::vector<double> one(1300 * 1100), other(1300 * 1100);
    dosage_cross_product(a.rows, b.rows, 1, one.data(), 1100);
    for (int threads : {2, 3}) {
        dosage_cross_product(a.rows, b.rows, threads, other.data(), 1100);
        ASSERT_EQ(std::memcmp(one.data(), other.data(), one.size() * sizeof(double)), 0) << threads << " threads";
    }
    std::vector<double> gram_one, gram_three;
    dosage_gram_full(a.rows, 1, gram_one);
    dosage_gram_full(a.rows, 3, gram_three);
    ASSERT_EQ(std::memcmp(gram_one.data(), gram_three.data(), gram_one.size() * sizeof(double)), 0);
}

TEST(DosageProducts, IntegralDosagesGiveTheExactCallProducts) {
    const std::size_t rows = 40, length = 1500;
    std::mt19937 random(4);
    std::vector<std::int8_t> calls(rows * length);
    for (auto& call : calls) call = static_cast<std::int8_t>(random() % 3);
    const std::vector<float> dosages(calls.begin(), calls.end());
    const CallRows call_rows{calls.data(), rows, length, length};
    const DosageRows dosage_rows{dosages.data(), rows, length, length};
    std::vector<std::int32_t> exact;
    gram_full(call_rows, Precision::mixed, 1, exact);
    std::vector<double> gram, cross(rows * rows);
    dosage_gram_full(dosage_rows, 1, gram);
    dosage_cross_product(dosage_rows, dosage_rows, 2, cross.data(), rows);
    for (std::size_t i = 0; i < rows * rows; ++i) {
        ASSERT_EQ(gram[i], exact[i]) << i;
        ASSERT_EQ(cross[i], exact[i]) << i;
    }
}

}  // namespace
}  // namespace ridgeway
