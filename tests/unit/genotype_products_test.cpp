// Every product of genotype calls, on every route, must equal a plain integer loop bit for bit: all routes sum
// small integers exactly. Shapes cover every inner length up to 70 (each SIMD padding width), row counts on both
// sides of the tile size, strides wider than the rows (with junk in the gap), and lengths long enough for the FP32
// route to sum in several chunks.
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "linalg/genotype_products.hpp"

namespace ridgeway {
namespace {

constexpr std::int32_t kUntouched = -123456;

// Random 0/1/2 calls with about a tenth zeroed as missing calls are; the gap between length and stride holds
// values a product must never read.
struct Calls {
    std::vector<std::int8_t> bytes;
    CallRows rows;
};

Calls random_calls(std::size_t rows, std::size_t length, std::size_t stride, unsigned seed) {
    std::mt19937 random(seed);
    Calls calls;
    calls.bytes.assign(rows * stride + 1, std::int8_t{-7});
    for (std::size_t r = 0; r < rows; ++r) {
        const bool has_missing = r % 3 == 1;
        for (std::size_t k = 0; k < length; ++k) {
            auto call = static_cast<std::int8_t>(random() % 3);
            if (has_missing && random() % 10 == 0) call = 0;
            calls.bytes[r * stride + k] = call;
        }
    }
    calls.rows = CallRows{calls.bytes.data(), rows, length, stride};
    return calls;
}

std::int64_t dot(CallRows a, std::size_t i, CallRows b, std::size_t j) {
    std::int64_t sum = 0;
    for (std::size_t k = 0; k < a.length; ++k)
        sum += std::int64_t{a.data[i * a.stride + k]} * std::int64_t{b.data[j * b.stride + k]};
    return sum;
}

std::int64_t distance(CallRows a, std::size_t i, CallRows b, std::size_t j) {
    std::int64_t sum = 0;
    for (std::size_t k = 0; k < a.length; ++k) {
        const std::int64_t difference = std::int64_t{a.data[i * a.stride + k]} - b.data[j * b.stride + k];
        sum += difference * difference;
    }
    return sum;
}

// The reference products of one pair of call matrices, computed once and checked against every route.
struct Reference {
    std::vector<std::int64_t> gram, cross, distances_aa, distances_ab;

    Reference(CallRows a, CallRows b) {
        for (std::size_t i = 0; i < a.rows; ++i)
            for (std::size_t j = 0; j < a.rows; ++j) {
                gram.push_back(dot(a, i, a, j));
                distances_aa.push_back(distance(a, i, a, j));
            }
        for (std::size_t i = 0; i < a.rows; ++i)
            for (std::size_t j = 0; j < b.rows; ++j) {
                cross.push_back(dot(a, i, b, j));
                distances_ab.push_back(distance(a, i, b, j));
            }
    }
};

// Lower-triangle results: entries on and below the diagonal as the reference, those above untouched.
void expect_lower(const std::vector<std::int32_t>& out, std::size_t stride, const std::vector<std::int64_t>& expected,
                  std::size_t n, const std::string& label) {
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < stride; ++j) {
            const std::int64_t want = j <= i ? expected[i * n + j] : kUntouched;
            ASSERT_EQ(out[i * stride + j], want) << label << " at (" << i << ", " << j << ")";
        }
}

void expect_rectangle(const std::vector<std::int32_t>& out, std::size_t stride,
                      const std::vector<std::int64_t>& expected, std::size_t rows, std::size_t cols,
                      const std::string& label) {
    for (std::size_t i = 0; i < rows; ++i)
        for (std::size_t j = 0; j < stride; ++j) {
            const std::int64_t want = j < cols ? expected[i * cols + j] : kUntouched;
            ASSERT_EQ(out[i * stride + j], want) << label << " at (" << i << ", " << j << ")";
        }
}

void check_all(CallRows a, CallRows b, const std::vector<int>& thread_counts) {
    const Reference reference(a, b);
    const std::size_t lower_stride = a.rows + 2, cross_stride = b.rows + 3;
    for (Precision precision : {Precision::fp64, Precision::fp32, Precision::mixed})
        for (int threads : thread_counts) {
            const std::string label = std::string(precision_name(precision)) + " threads " + std::to_string(threads) +
                                      " rows " + std::to_string(a.rows) + " x " + std::to_string(b.rows) +
                                      " length " + std::to_string(a.length) + " stride " + std::to_string(a.stride);
            std::vector<std::int32_t> out(a.rows * lower_stride, kUntouched);
            gram_lower(a, precision, threads, out.data(), lower_stride);
            expect_lower(out, lower_stride, reference.gram, a.rows, "gram_lower " + label);

            std::fill(out.begin(), out.end(), kUntouched);
            squared_distances_lower(a, precision, threads, out.data(), lower_stride);
            expect_lower(out, lower_stride, reference.distances_aa, a.rows, "squared_distances_lower " + label);

            std::vector<std::int32_t> full;
            gram_full(a, precision, threads, full);
            expect_rectangle(full, a.rows, reference.gram, a.rows, a.rows, "gram_full " + label);

            out.assign(a.rows * cross_stride, kUntouched);
            cross_product(a, b, precision, threads, out.data(), cross_stride);
            expect_rectangle(out, cross_stride, reference.cross, a.rows, b.rows, "cross_product " + label);

            std::fill(out.begin(), out.end(), kUntouched);
            squared_distances(a, b, precision, threads, out.data(), cross_stride);
            expect_rectangle(out, cross_stride, reference.distances_ab, a.rows, b.rows, "squared_distances " + label);
        }
}

TEST(GenotypeProducts, EveryLengthUpTo70) {
    for (std::size_t length = 1; length <= 70; ++length) {
        const std::size_t rows = 1 + (length * 7) % 40, stride = length + length % 5;
        const Calls a = random_calls(rows, length, stride, static_cast<unsigned>(length));
        const Calls b = random_calls(1 + length % 13, length, length + 3, static_cast<unsigned>(length + 1000));
        check_all(a.rows, b.rows, {1});
    }
}

TEST(GenotypeProducts, EveryRowCountUpTo40) {
    for (std::size_t rows = 1; rows <= 40; ++rows) {
        const Calls a = random_calls(rows, 37, 37 + rows % 3, static_cast<unsigned>(rows));
        const Calls b = random_calls(41 - rows, 37, 40, static_cast<unsigned>(rows + 1000));
        check_all(a.rows, b.rows, {1, 2});
    }
}

TEST(GenotypeProducts, LongRowsSumInChunks) {
    for (std::size_t length : {1000, 4096, 4099, 70000}) {
        const Calls a = random_calls(9, length, length + 17, static_cast<unsigned>(length));
        const Calls b = random_calls(5, length, length, static_cast<unsigned>(length + 1));
        check_all(a.rows, b.rows, {1, 2});
    }
}

TEST(GenotypeProducts, RowCountsAboveTheTile) {
    for (std::size_t rows : {kProductTile + 1, 2 * kProductTile + 3}) {
        const Calls a = random_calls(rows, 19, 24, static_cast<unsigned>(rows));
        const Calls b = random_calls(kProductTile + 5, 19, 19, static_cast<unsigned>(rows + 1));
        check_all(a.rows, b.rows, {2});
    }
}

TEST(GenotypeProducts, AllZeroAndEmptyInputs) {
    const Calls zeros = random_calls(3, 0, 0, 1);
    check_all(zeros.rows, zeros.rows, {1});
    const Calls none = random_calls(0, 10, 10, 2);
    check_all(none.rows, none.rows, {1});
}

TEST(GenotypeProducts, RouteNamesTheArithmetic) {
    const std::string mixed = product_route(Precision::mixed);  // FP64 on builds without oneDNN
    EXPECT_TRUE(mixed.find("INT8") != std::string::npos || mixed.find("FP64") != std::string::npos) << mixed;
    EXPECT_NE(product_route(Precision::fp32).find("FP32"), std::string::npos);
    EXPECT_NE(product_route(Precision::fp64).find("FP64"), std::string::npos);
}

}  // namespace
}  // namespace ridgeway
