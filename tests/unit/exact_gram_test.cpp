// The exact genotype Gram: the INT8 route must equal FP64 bit for bit (integer products), and the fold Grams of a
// standardized block built from it must equal X_k'X_k formed directly from the standardized block.
#include <cmath>
#include <random>

#include <cblas.h>
#include <gtest/gtest.h>

#include "linalg/exact_gram.hpp"
#include "linalg/orthonormal_basis.hpp"
#include "step1/standardized_block.hpp"
#include "step1/standardized_gram.hpp"

namespace ridgeway {
namespace {

GenotypeBlock random_calls(std::size_t n, std::size_t b, double missing_rate, unsigned seed) {
    std::mt19937 random(seed);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    GenotypeBlock block;
    block.n_samples = n;
    block.n_variants = b;
    block.calls.resize(n * b);
    for (std::size_t v = 0; v < b; ++v) {
        const double p = 0.02 + 0.48 * uniform(random);
        for (std::size_t i = 0; i < n; ++i) {
            std::int8_t g = static_cast<std::int8_t>((uniform(random) < p) + (uniform(random) < p));
            block.calls[v * n + i] = uniform(random) < missing_rate ? kMissingCall : g;
        }
    }
    return block;
}

TEST(ExactGram, FastRouteEqualsFp64BitForBit) {
    // 203 samples split unevenly, so ranges start and end at every offset within a byte; values 0..2 only.
    GenotypeBlock block = random_calls(203, 37, 0.0, 1);
    for (RowRange range : {RowRange{0, 41}, RowRange{41, 122}, RowRange{122, 203}}) {
        std::vector<std::int32_t> fast, reference;
        exact_gram(block.calls.data(), 37, 203, range, fast);
        exact_gram_fp64(block.calls.data(), 37, 203, range, reference);
        ASSERT_EQ(fast, reference) << exact_gram_route();
    }
}

TEST(StandardizedGram, EqualsGramOfTheStandardizedBlock) {
    const std::size_t n = 300, b = 40;
    GenotypeBlock calls = random_calls(n, b, 0.03, 2);
    // One constant variant: it must be dropped from both sides.
    for (std::size_t i = 0; i < n; ++i) calls.calls[5 * n + i] = 1;
    std::mt19937 random(3);
    std::normal_distribution<double> normal;
    Matrix design(n, 3, 1.0);
    for (std::size_t i = 0; i < n; ++i) design(i, 1) = normal(random), design(i, 2) = i % 2;
    Matrix basis = orthonormal_basis(design);
    StandardizedBlock block;
    standardize_block(calls, basis, block);
    ASSERT_EQ(block.dropped, 1u);
    auto folds = make_folds(n, 5);
    StandardizedGram exact(std::move(calls), block, basis);
    const std::size_t p = block.x.cols();
    for (std::size_t k = 0; k < folds.size(); ++k) {
        const Matrix gram = exact.fold_gram(folds[k]);
        Matrix direct(p, p);
        cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, p, p, folds[k].size(), 1.0, block.x.data() + folds[k].begin,
                    n, block.x.data() + folds[k].begin, n, 0.0, direct.data(), p);
        // Both are FP64 sums of the same quantities in different orders: agreement to 1e-10 of the diagonal scale.
        for (std::size_t i = 0; i < p * p; ++i) EXPECT_NEAR(gram.data()[i], direct.data()[i], 1e-10 * folds[k].size());
    }
}

}  // namespace
}  // namespace ridgeway
