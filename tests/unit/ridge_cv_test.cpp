// Cross-validated ridge: the three ways of computing held-out predictions must agree with each other and with a
// direct solve, and the thread count must change no bit of them.
#include <cmath>
#include <cstring>
#include <random>

#include <gtest/gtest.h>
#include <lapacke.h>

#include "step1/ridge_cv.hpp"

namespace ridgeway {
namespace {

Matrix random_matrix(std::size_t rows, std::size_t cols, unsigned seed) {
    std::mt19937 random(seed);
    std::normal_distribution<double> normal;
    Matrix m(rows, cols);
    for (std::size_t i = 0; i < rows * cols; ++i) m.data()[i] = normal(random);
    return m;
}

// Held-out predictions of rows [begin, end) from a ridge fit on the other rows, by the normal equations.
Matrix direct_holdout(const Matrix& x, const Matrix& y, std::size_t begin, std::size_t end, double penalty) {
    const std::size_t p = x.cols(), q = y.cols();
    Matrix a(p, p), b(p, q);
    for (std::size_t i = 0; i < x.rows(); ++i) {
        if (i >= begin && i < end) continue;
        for (std::size_t j = 0; j < p; ++j) {
            for (std::size_t k = 0; k < p; ++k) a(j, k) += x(i, j) * x(i, k);
            for (std::size_t t = 0; t < q; ++t) b(j, t) += x(i, j) * y(i, t);
        }
    }
    for (std::size_t j = 0; j < p; ++j) a(j, j) += penalty;
    LAPACKE_dposv(LAPACK_COL_MAJOR, 'L', p, q, a.data(), p, b.data(), p);
    Matrix out(end - begin, q);
    for (std::size_t i = begin; i < end; ++i)
        for (std::size_t t = 0; t < q; ++t)
            for (std::size_t j = 0; j < p; ++j) out(i - begin, t) += x(i, j) * b(j, t);
    return out;
}

void expect_close(const Matrix& a, const Matrix& b, double tolerance) {
    ASSERT_EQ(a.rows(), b.rows());
    for (std::size_t i = 0; i < a.rows() * a.cols(); ++i)
        EXPECT_NEAR(a.data()[i], b.data()[i], tolerance * (1.0 + std::abs(b.data()[i])));
}

// Tolerance 1e-9: double-precision solves of systems with condition numbers below 1e4.
constexpr double kTolerance = 1e-9;

// Grams of more than one 256-column block (the unit the threads share), K-fold and leave-one-out, 1 to 3 threads.
TEST(RidgeCv, ThreadsChangeNoBit) {
    const Matrix x = random_matrix(900, 600, 5), y = random_matrix(900, 1, 6);
    const std::vector<double> penalties{50.0, 500.0};
    for (const std::vector<Fold>& folds : {make_folds(900, 5), std::vector<Fold>{}}) {
        RidgeCvResult one, other;
        ridge_cv(x, y, folds, penalties, Precision::fp64, true, one, {}, 1);
        for (int threads : {2, 3}) {
            ridge_cv(x, y, folds, penalties, Precision::fp64, true, other, {}, threads);
            for (std::size_t l = 0; l < penalties.size(); ++l)
                ASSERT_EQ(std::memcmp(one.predictions[l].data(), other.predictions[l].data(), 900 * sizeof(double)), 0)
                    << threads << " threads, " << folds.size() << " folds";
        }
    }
}

TEST(RidgeCv, PrimalKFoldMatchesDirectSolve) {
    Matrix x = random_matrix(60, 8, 1), y = random_matrix(60, 3, 2);
    std::vector<double> penalties{0.5, 10.0};
    RidgeCvResult result;
    auto folds = make_folds(60, 5);
    ridge_cv(x, y, folds, penalties, Precision::fp64, true, result);
    for (std::size_t l = 0; l < penalties.size(); ++l)
        for (const Fold& fold : folds) {
            Matrix expected = direct_holdout(x, y, fold.begin, fold.end, penalties[l]);
            Matrix got(fold.size(), 3);
            for (std::size_t i = 0; i < fold.size(); ++i)
                for (std::size_t t = 0; t < 3; ++t) got(i, t) = result.predictions[l](fold.begin + i, t);
            expect_close(got, expected, kTolerance);
        }
    EXPECT_EQ(result.coefficients[0].size(), folds.size());
}

TEST(RidgeCv, DualFormMatchesPrimalForm) {
    // 30 samples, 50 predictors: training sets of 24 < 50 take the dual path.
    Matrix x = random_matrix(30, 50, 3), y = random_matrix(30, 2, 4);
    std::vector<double> penalties{1.0, 25.0};
    auto folds = make_folds(30, 5);
    RidgeCvResult dual;
    ridge_cv(x, y, folds, penalties, Precision::fp64, true, dual);
    for (std::size_t l = 0; l < penalties.size(); ++l)
        for (const Fold& fold : folds) {
            Matrix expected = direct_holdout(x, y, fold.begin, fold.end, penalties[l]);
            for (std::size_t i = 0; i < fold.size(); ++i)
                for (std::size_t t = 0; t < 2; ++t)
                    EXPECT_NEAR(dual.predictions[l](fold.begin + i, t), expected(i, t), kTolerance * (1 + std::abs(expected(i, t))));
        }
}

TEST(RidgeCv, LeaveOneOutShortcutMatchesExplicitFolds) {
    Matrix x = random_matrix(25, 6, 5), y = random_matrix(25, 2, 6);
    std::vector<double> penalties{0.3, 3.0};
    RidgeCvResult shortcut, explicit_folds;
    ridge_cv(x, y, {}, penalties, Precision::fp64, false, shortcut);
    ridge_cv(x, y, make_folds(25, 25), penalties, Precision::fp64, false, explicit_folds);
    for (std::size_t l = 0; l < penalties.size(); ++l) expect_close(shortcut.predictions[l], explicit_folds.predictions[l], kTolerance);
}

// Mixed precision refines to FP64 accuracy: with condition numbers below 1e4 both agree far inside 1e-10, on the
// primal and the dual path; leave-one-out is FP64 whatever the precision.
TEST(RidgeCv, MixedPrecisionAgreesWithFp64) {
    for (std::size_t predictors : {8, 50}) {
        SCOPED_TRACE(testing::Message() << predictors << " predictors");
        Matrix x = random_matrix(40, predictors, 7), y = random_matrix(40, 3, 8);
        std::vector<double> penalties{0.5, 10.0};
        for (const auto& folds : {make_folds(40, 5), std::vector<Fold>{}}) {
            RidgeCvResult fp64, mixed;
            ridge_cv(x, y, folds, penalties, Precision::fp64, true, fp64);
            ridge_cv(x, y, folds, penalties, Precision::mixed, true, mixed);
            for (std::size_t l = 0; l < penalties.size(); ++l) {
                expect_close(mixed.predictions[l], fp64.predictions[l], 1e-10);
                for (std::size_t k = 0; k < fp64.coefficients[l].size(); ++k)
                    expect_close(mixed.coefficients[l][k], fp64.coefficients[l][k], 1e-10);
            }
            EXPECT_EQ(mixed.solves.solves, folds.empty() ? penalties.size() : penalties.size() * folds.size());
            EXPECT_EQ(mixed.solves.refined, folds.empty() ? 0 : mixed.solves.solves);
            EXPECT_EQ(mixed.solves.fp64, folds.empty() ? mixed.solves.solves : 0);
        }
    }
}

}  // namespace
}  // namespace ridgeway
