// SPD solves in the three precisions on matrices of chosen condition number: fp64 against the known solution, mixed
// against fp64 (or a bit-identical FP64 fallback), fp32 as the less accurate baseline, and the failure cases.
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <initializer_list>
#include <map>
#include <random>

#include <cblas.h>
#include <gtest/gtest.h>
#include <lapacke.h>

#include "core/error.hpp"
#include "linalg/matrix.hpp"
#include "linalg/spd_solver.hpp"

namespace ridgeway {
namespace {

constexpr std::size_t kSizes[] = {1, 2, 17, 200, 1000};
constexpr std::size_t kRightHandSides[] = {1, 4, 9};

Matrix gaussian(std::size_t rows, std::size_t cols, unsigned seed) {
    std::mt19937 random(seed);
    std::normal_distribution<double> normal;
    Matrix m(rows, cols);
    for (std::size_t i = 0; i < rows * cols; ++i) m.data()[i] = normal(random);
    return m;
}

// A random orthogonal n x n matrix (the Q of a Gaussian matrix's QR), one per size for the whole test run.
const Matrix& orthogonal(std::size_t n) {
    static std::map<std::size_t, Matrix> cache;
    auto found = cache.find(n);
    if (found != cache.end()) return found->second;
    Matrix q = gaussian(n, n, static_cast<unsigned>(n));
    std::vector<double> tau(n);
    const auto size = static_cast<lapack_int>(n);
    LAPACKE_dgeqrf(LAPACK_COL_MAJOR, size, size, q.data(), size, tau.data());
    LAPACKE_dorgqr(LAPACK_COL_MAJOR, size, size, size, q.data(), size, tau.data());
    return cache.emplace(n, std::move(q)).first->second;
}

// Q diag(s) Q' with eigenvalues s log-spaced from 1 down to 1 / cond, full symmetric; `negative` flips the sign of
// the smallest one.
Matrix spd_matrix(std::size_t n, double cond, bool negative = false) {
    const Matrix& q = orthogonal(n);
    Matrix scaled = q;
    for (std::size_t j = 0; j < n; ++j) {
        const double s = n == 1 ? 1.0 : std::pow(cond, -static_cast<double>(j) / static_cast<double>(n - 1));
        for (std::size_t i = 0; i < n; ++i) scaled(i, j) *= s;
    }
    Matrix a(n, n);
    const int size = static_cast<int>(n);
    cblas_dgemm(CblasColMajor, CblasNoTrans, CblasTrans, size, size, size, 1.0, scaled.data(), size, q.data(), size, 0.0,
                a.data(), size);
    if (negative) {
        const double smallest = n == 1 ? 1.0 : 1.0 / cond;
        cblas_dger(CblasColMajor, size, size, -2.0 * smallest, q.column(n - 1), 1, q.column(n - 1), 1, a.data(), size);
    }
    for (std::size_t j = 0; j < n; ++j)
        for (std::size_t i = j + 1; i < n; ++i) a(j, i) = a(i, j) = 0.5 * (a(i, j) + a(j, i));
    return a;
}

struct Problem {
    Matrix a, x, b;  // b = A x
};

Problem problem(std::size_t n, std::size_t p, double cond) {
    Problem made{spd_matrix(n, cond), gaussian(n, p, static_cast<unsigned>(7 * n + p)), Matrix(n, p)};
    cblas_dsymm(CblasColMajor, CblasLeft, CblasLower, static_cast<int>(n), static_cast<int>(p), 1.0, made.a.data(),
                static_cast<int>(n), made.x.data(), static_cast<int>(n), 0.0, made.b.data(), static_cast<int>(n));
    return made;
}

Matrix solve(Precision precision, const Matrix& a, const Matrix& b, SpdSolveReport& report) {
    Matrix work = a, x = b;
    report = SpdSolver(precision).solve(work.data(), a.rows(), a.rows(), x.data(), x.cols(), x.rows());
    return x;
}

// Largest over columns of max |x_j - y_j| / max |y_j|.
double relative_difference(const Matrix& x, const Matrix& y) {
    double worst = 0;
    for (std::size_t j = 0; j < x.cols(); ++j) {
        double difference = 0, size = 0;
        for (std::size_t i = 0; i < x.rows(); ++i) {
            difference = std::max(difference, std::abs(x(i, j) - y(i, j)));
            size = std::max(size, std::abs(y(i, j)));
        }
        worst = std::max(worst, difference / size);
    }
    return worst;
}

bool identical(const Matrix& x, const Matrix& y) {
    return std::equal(x.data(), x.data() + x.rows() * x.cols(), y.data());
}

// Runs `check(n, cond, made)` on the problem of every size, right-hand-side count and one of `conds`.
template <typename Check>
void for_each_problem(std::initializer_list<double> conds, Check check) {
    for (std::size_t n : kSizes)
        for (double cond : conds)
            for (std::size_t p : kRightHandSides) {
                SCOPED_TRACE(testing::Message() << "n " << n << ", cond " << cond << ", p " << p);
                check(n, cond, problem(n, p, cond));
            }
}

// FP64 Cholesky's forward error is about cond * eps (times a slowly growing function of n), and b = A x carries its
// own rounding, which adds about as much: 1000 cond eps leaves a wide margin, yet is far below FP32's cond * 6e-8.
TEST(SpdSolver, Fp64MatchesKnownSolution) {
    for_each_problem({1.0, 1e3, 1e6, 1e10}, [](std::size_t n, double cond, const Problem& made) {
        SpdSolveReport report;
        const Matrix x = solve(Precision::fp64, made.a, made.b, report);
        EXPECT_LT(relative_difference(x, made.x), 1e3 * cond * DBL_EPSILON);
        EXPECT_LT(report.backward_error, 10.0 * static_cast<double>(n) * DBL_EPSILON);
        EXPECT_FALSE(report.fell_back);
    });
}

// Up to cond 1e6 both answers are within about cond eps = 2e-10 of the truth, so they agree to 1e-8 with a margin of
// about 50; mixed must get there by refinement, without falling back.
TEST(SpdSolver, MixedMatchesFp64UpToCond1e6) {
    for_each_problem({1.0, 1e2, 1e4, 1e6}, [](std::size_t n, double, const Problem& made) {
        SpdSolveReport fp64, mixed;
        const Matrix reference = solve(Precision::fp64, made.a, made.b, fp64);
        const Matrix x = solve(Precision::mixed, made.a, made.b, mixed);
        EXPECT_LT(relative_difference(x, reference), 1e-8);
        EXPECT_TRUE(mixed.refined) << mixed.fallback_reason;
        EXPECT_FALSE(mixed.fell_back);
        EXPECT_LE(mixed.backward_error, std::sqrt(std::max(4.0, static_cast<double>(n))) * DBL_EPSILON);
    });
}

// Beyond cond 1e7 the FP32 factor is too poor for refinement (cond u_fp32 > 1/2): mixed must either still reach FP64
// accuracy (within 1000 cond eps of fp64's answer, both being about cond eps from the truth) or say it fell back and
// give fp64's answer exactly.
TEST(SpdSolver, MixedNeverReturnsAWorseAnswerSilently) {
    for_each_problem({1e7, 1e8, 1e10, 1e12}, [](std::size_t n, double cond, const Problem& made) {
        SpdSolveReport fp64, mixed;
        const Matrix reference = solve(Precision::fp64, made.a, made.b, fp64);
        const Matrix x = solve(Precision::mixed, made.a, made.b, mixed);
        if (mixed.fell_back) {
            EXPECT_TRUE(identical(x, reference));
            EXPECT_FALSE(mixed.fallback_reason.empty());
            EXPECT_EQ(mixed.backward_error, fp64.backward_error);
        } else {
            EXPECT_TRUE(mixed.refined);
            EXPECT_LT(relative_difference(x, reference), std::max(1e-8, 1e3 * cond * DBL_EPSILON));
        }
        // Eigenvalues below about 1e-8 ||A|| are lost in FP32: its factorization breaks down (n = 1 and 2 have no
        // small eigenvalue to lose).
        if (n >= 17 && cond >= 1e10) {
            EXPECT_TRUE(mixed.fell_back);
        }
    });
}

// At cond 1e6 unrefined FP32 is off by about cond u_fp32: measured 8e-3, 1e-2 and 3e-2 relative for n = 17, 200 and
// 1000, against 3e-11 to 5e-11 for fp64, with backward errors of 2e-8 to 4e-8 against 5e-17 to 7e-17.
TEST(SpdSolver, Fp32WithoutRefinementIsLessAccurate) {
    for (std::size_t n : {17, 200, 1000}) {
        SCOPED_TRACE(testing::Message() << "n " << n);
        const Problem made = problem(n, 4, 1e6);
        SpdSolveReport fp64, fp32;
        const double fp64_error = relative_difference(solve(Precision::fp64, made.a, made.b, fp64), made.x);
        const double fp32_error = relative_difference(solve(Precision::fp32, made.a, made.b, fp32), made.x);
        EXPECT_FALSE(fp32.fell_back);
        EXPECT_FALSE(fp32.refined);
        EXPECT_GT(fp32_error, 1e-5);
        EXPECT_GT(fp32_error, 1e4 * fp64_error);
        EXPECT_GT(fp32.backward_error, 1e3 * fp64.backward_error);
    }
}

TEST(SpdSolver, NotPositiveDefiniteThrowsInEveryPrecision) {
    for (std::size_t n : {1, 17, 200})
        for (Precision precision : {Precision::fp64, Precision::fp32, Precision::mixed}) {
            SCOPED_TRACE(testing::Message() << "n " << n << ", " << precision_name(precision));
            Matrix a = spd_matrix(n, 1e3, true), b(n, 2, 1.0);
            try {
                SpdSolver(precision).solve(a.data(), n, n, b.data(), 2, n);
                ADD_FAILURE() << "no error";
            } catch (const Error& error) {
                EXPECT_EQ(error.kind(), ErrorKind::numerical);
            }
        }
}

// Positive definite in FP64 but not representable in FP32: an underflowing pivot breaks the FP32 factorization down,
// an entry beyond FLT_MAX overflows; both fall back to FP64, with its answer.
TEST(SpdSolver, Fp32FailuresFallBackToFp64) {
    for (double big : {1e-50, 1e300})
        for (Precision precision : {Precision::fp32, Precision::mixed}) {
            Matrix a(2, 2);
            a(0, 0) = 1.0, a(1, 1) = big;
            Matrix b(2, 1);
            b(0, 0) = 2.0, b(1, 0) = 3.0 * big;
            SpdSolveReport report, fp64;
            const Matrix reference = solve(Precision::fp64, a, b, fp64);
            const Matrix x = solve(precision, a, b, report);
            EXPECT_TRUE(report.fell_back);
            EXPECT_FALSE(report.fallback_reason.empty());
            EXPECT_TRUE(identical(x, reference));
            EXPECT_DOUBLE_EQ(x(1, 0), 3.0);
        }
}

// With larger leading dimensions the padding is left alone and the answer is the same; the FP64 route leaves the
// Cholesky factor in the lower triangle, as ridge_cv's leave-one-out path relies on.
TEST(SpdSolver, LeadingDimensionsAndFactor) {
    const std::size_t n = 17, p = 4, lda = 20, ldb = 19;
    const Problem made = problem(n, p, 1e4);
    for (Precision precision : {Precision::fp64, Precision::fp32, Precision::mixed}) {
        SCOPED_TRACE(precision_name(precision));
        std::vector<double> a(lda * n, -7.0), b(ldb * p, -7.0);
        for (std::size_t j = 0; j < n; ++j)
            for (std::size_t i = j; i < n; ++i) a[j * lda + i] = made.a(i, j);  // lower triangle only
        for (std::size_t j = 0; j < p; ++j)
            for (std::size_t i = 0; i < n; ++i) b[j * ldb + i] = made.b(i, j);
        SpdSolver solver(precision);
        solver.solve(a.data(), n, lda, b.data(), p, ldb);
        SpdSolveReport compact;
        const Matrix expected = solve(precision, made.a, made.b, compact);
        for (std::size_t j = 0; j < p; ++j) {
            for (std::size_t i = 0; i < n; ++i) EXPECT_NEAR(b[j * ldb + i], expected(i, j), 1e-12 * std::abs(expected(i, j)));
            for (std::size_t i = n; i < ldb; ++i) EXPECT_EQ(b[j * ldb + i], -7.0);
        }
        for (std::size_t j = 0; j < n; ++j)
            for (std::size_t i = n; i < lda; ++i) EXPECT_EQ(a[j * lda + i], -7.0);
        if (precision != Precision::fp64) continue;
        Matrix factor = made.a;
        LAPACKE_dpotrf(LAPACK_COL_MAJOR, 'L', n, factor.data(), n);
        for (std::size_t j = 0; j < n; ++j)
            for (std::size_t i = j; i < n; ++i) EXPECT_NEAR(a[j * lda + i], factor(i, j), 1e-13);
    }
}

TEST(SpdSolver, EmptyProblemsAreNoOps) {
    SpdSolver solver(Precision::mixed);
    std::vector<double> a{4.0}, b{8.0};
    EXPECT_EQ(solver.solve(a.data(), 0, 1, b.data(), 1, 1).backward_error, 0.0);
    EXPECT_EQ(solver.solve(a.data(), 1, 1, b.data(), 0, 1).backward_error, 0.0);
    EXPECT_EQ(a[0], 4.0);
    EXPECT_EQ(b[0], 8.0);
}

TEST(SpdSolveTally, DescribesRoutes) {
    SpdSolveTally tally;
    SpdSolveReport refined{Precision::mixed, true, 2, false, "", 1e-16, 1.0, 0.25};
    SpdSolveReport fell_back{Precision::mixed, false, 3, true, "stalled", 3e-16, 0.5, 0.25};
    tally.add(refined);
    tally.add(refined);
    SpdSolveTally other;
    other.add(fell_back);
    tally.add(other);
    EXPECT_EQ(tally.describe(Precision::mixed),
              "3 solves (FP32 Cholesky refined to FP64: 2, 2.0 steps on average; fell back to FP64 Cholesky: 1); "
              "worst backward error 3.0e-16; factorization 2.50 s, solves 0.75 s");
    EXPECT_EQ(SpdSolveTally().describe(Precision::fp64), "no solves");
}

}  // namespace
}  // namespace ridgeway
