// The fold Grams of a standardized block, built from exact genotype products on each route, must equal X_k'X_k
// formed directly from the standardized block; blocks with dosages are standardized from the dosages.
#include <algorithm>
#include <cmath>
#include <random>

#include <cblas.h>
#include <gtest/gtest.h>

#include "linalg/orthonormal_basis.hpp"
#include "linalg/precision.hpp"
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

TEST(StandardizedGram, EqualsGramOfTheStandardizedBlock) {
    const std::size_t n = 300, b = 40;
    std::mt19937 random(3);
    std::normal_distribution<double> normal;
    Matrix design(n, 3, 1.0);
    for (std::size_t i = 0; i < n; ++i) design(i, 1) = normal(random), design(i, 2) = i % 2;
    const Matrix basis = orthonormal_basis(design);
    for (Precision precision : {Precision::fp64, Precision::fp32, Precision::mixed}) {
        GenotypeBlock calls = random_calls(n, b, 0.03, 2);
        // One constant variant: it must be dropped from both sides.
        for (std::size_t i = 0; i < n; ++i) calls.calls[5 * n + i] = 1;
        StandardizedBlock block;
        standardize_block(calls, basis, block);
        ASSERT_EQ(block.dropped, 1u);
        const auto folds = make_folds(n, 5);
        const StandardizedGram exact(std::move(calls), block, basis, precision);
        const std::size_t p = block.x.cols();
        for (const Fold& fold : folds) {
            const Matrix gram = exact.fold_gram(fold);
            Matrix direct(p, p);
            cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, p, p, fold.size(), 1.0, block.x.data() + fold.begin, n,
                        block.x.data() + fold.begin, n, 0.0, direct.data(), p);
            // Both are FP64 sums of the same quantities in different orders: agreement to 1e-10 of the diagonal
            // scale.
            for (std::size_t i = 0; i < p * p; ++i)
                EXPECT_NEAR(gram.data()[i], direct.data()[i], 1e-10 * fold.size()) << precision_name(precision);
        }
    }
}

// A block with dosages is standardized from the dosages, a missing one (NaN) taking the mean of the others: here the
// intercept-only basis leaves x = (d - mean) / sd, so the column is known in closed form.
TEST(StandardizedBlock, UsesTheDosagesWhenTheBlockHasThem) {
    const std::size_t n = 5;
    GenotypeBlock block;
    block.resize(1, n, true);
    const std::vector<float> dosages{0.25f, 1.5f, std::nanf(""), 2.0f, 0.25f};
    std::copy(dosages.begin(), dosages.end(), block.dosages.begin());
    block.round_dosages();
    const Matrix basis = orthonormal_basis(Matrix(n, 1, 1.0));
    StandardizedBlock x;
    standardize_block(block, basis, x);
    ASSERT_EQ(x.x.cols(), 1u);
    const double mean = (0.25 + 1.5 + 2.0 + 0.25) / 4;
    EXPECT_DOUBLE_EQ(x.means[0], mean);
    std::vector<double> centred;
    double ss = 0;
    for (float d : dosages) centred.push_back((std::isnan(d) ? mean : d) - mean), ss += centred.back() * centred.back();
    // Centring is one FP64 projection, so agreement is to rounding: 1e-12 on values of order 1.
    for (std::size_t i = 0; i < n; ++i) EXPECT_NEAR(x.x(i, 0), centred[i] * std::sqrt(n / ss), 1e-12) << i;
}

}  // namespace
}  // namespace ridgeway
