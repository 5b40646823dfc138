#include "linalg/spd_solver.hpp"

#include <algorithm>
#include <cfloat>
#include <chrono>
#include <cmath>

#include <cblas.h>
#include <fmt/format.h>
#include <lapacke.h>

#include "core/error.hpp"
#include "core/parallel.hpp"

namespace ridgeway {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// FP64 level for a normwise backward error: sqrt(n) eps, the criterion of LAPACK's dsposv. FP64 Cholesky guarantees
// O(n eps) and in practice gives about sqrt(n) eps or less, its rounding errors adding up like a random walk; the
// floor of 2 eps leaves room for the rounding of the residual itself, which small systems would otherwise not get
// under. Above it, refinement must go on (or fall back).
double refinement_target(std::size_t n) {
    return std::sqrt(static_cast<double>(std::max<std::size_t>(n, 4))) * DBL_EPSILON;
}

// Below the target, the forward error is cond(A) times the backward error, and FP64 Cholesky often reaches well
// under sqrt(n) eps (5e-17 .. 5e-16 on test matrices): stopping at the first iterate under the target could leave
// a solution 10 to 100 times less accurate than FP64's. So refinement goes on while steps still halve the error,
// down to eps, where the FP64 residual has nothing more to tell.
constexpr double kResidualFloor = DBL_EPSILON;

// Each step multiplies the error by about cond(A) u_fp32. Above the target, a step that does not at least halve it
// means that factor is 1/2 or more: the iteration converges slowly or not at all, and one FP64 factorization is
// cheaper and certain.
constexpr double kRequiredDrop = 2.0;
// 30 halvings take an FP32-level backward error (1e-7) to FP64 level (1e-16): a sequence that keeps halving
// converges within the cap.
constexpr int kMaxRefinementSteps = 30;

// Up to this many right-hand sides, column-by-column triangular solves and matrix-vector products beat OpenBLAS's
// strsm/dsymm, which are tuned for wide panels (3-4x faster for n = 1000 and 3 columns), as long as the matrix stays
// in cache between columns; a larger one is better read once for all columns.
constexpr std::size_t kFewColumns = 4;
constexpr std::size_t kCachedOrder = 2048;

bool column_by_column(std::size_t n, std::size_t p) { return p <= kFewColumns && n <= kCachedOrder; }

lapack_int as_lapack(std::size_t value) { return static_cast<lapack_int>(value); }

double column_max(const double* x, std::size_t n) {
    double largest = 0;
    for (std::size_t i = 0; i < n; ++i) largest = std::max(largest, std::abs(x[i]));
    return largest;
}

// The infinity norm (largest absolute row sum) of the symmetric matrix whose lower triangle `a` holds.
double symmetric_inf_norm(const double* a, std::size_t n, std::size_t lda, std::vector<double>& row_sums) {
    row_sums.assign(n, 0.0);
    for (std::size_t j = 0; j < n; ++j) {
        const double* column = a + j * lda;
        row_sums[j] += std::abs(column[j]);
        for (std::size_t i = j + 1; i < n; ++i) {
            row_sums[i] += std::abs(column[i]);
            row_sums[j] += std::abs(column[i]);
        }
    }
    return n == 0 ? 0.0 : *std::max_element(row_sums.begin(), row_sums.end());
}

// Copies the strict lower triangle onto the strict upper one, in tiles so both sides stay in cache.
void mirror_lower(double* a, std::size_t n, std::size_t lda) {
    constexpr std::size_t kTile = 64;
    for (std::size_t jb = 0; jb < n; jb += kTile)
        for (std::size_t ib = jb; ib < n; ib += kTile)
            for (std::size_t j = jb; j < std::min(jb + kTile, n); ++j)
                for (std::size_t i = std::max(ib, j + 1); i < std::min(ib + kTile, n); ++i) a[i * lda + j] = a[j * lda + i];
}

}  // namespace

SpdSolveReport SpdSolver::solve(double* a, std::size_t n, std::size_t lda, double* b, std::size_t p, std::size_t ldb) {
    SpdSolveReport report;
    report.precision = precision_;
    if (n == 0 || p == 0) return report;
    original_b_.resize(n * p);
    residual_.resize(n * p);
    for (std::size_t j = 0; j < p; ++j) std::copy(b + j * ldb, b + j * ldb + n, original_b_.data() + j * n);
    const double a_norm = symmetric_inf_norm(a, n, lda, row_sums_);
    if (precision_ == Precision::fp64) {
        solve_fp64(a, n, lda, b, p, ldb, a_norm, report);
        return report;
    }
    auto start = Clock::now();
    const std::string failure = factor_fp32(a, n, lda, a_norm);
    report.factor_seconds = seconds_since(start);
    if (!failure.empty()) {
        fall_back(failure, a, n, lda, b, p, ldb, a_norm, report);
        return report;
    }
    start = Clock::now();
    solve_fp32(original_b_.data(), n, p, b, ldb, false);
    double error = backward_error(a, n, lda, CblasLower, b, p, ldb, a_norm);
    if (precision_ == Precision::fp32) {
        report.backward_error = error;
        report.solve_seconds = seconds_since(start);
        return report;
    }
    const double target = refinement_target(n);
    double previous = INFINITY;
    for (int step = 0;; ++step) {
        report.backward_error = error;
        report.refinement_steps = step;
        const bool halved = error <= previous / kRequiredDrop;
        if (error <= kResidualFloor || (error <= target && (!halved || step == kMaxRefinementSteps))) break;
        std::string stall;
        if (!halved)
            stall = fmt::format("refinement stalled at backward error {:.1e} after {} step(s)", error, step);
        else if (step == kMaxRefinementSteps)
            stall = fmt::format("refinement reached only backward error {:.1e} in {} steps", error, step);
        if (!stall.empty()) {
            report.solve_seconds = seconds_since(start);
            fall_back(stall, a, n, lda, b, p, ldb, a_norm, report);
            return report;
        }
        previous = error;
        solve_fp32(residual_.data(), n, p, b, ldb, true);
        error = backward_error(a, n, lda, CblasLower, b, p, ldb, a_norm);
    }
    report.refined = true;
    report.solve_seconds = seconds_since(start);
    return report;
}

void SpdSolver::solve_fp64(double* a, std::size_t n, std::size_t lda, double* b, std::size_t p, std::size_t ldb,
                           double a_norm, SpdSolveReport& report) {
    auto start = Clock::now();
    // dpotrf leaves the strict upper triangle alone: A survives there, with its diagonal set aside, for the residual.
    mirror_lower(a, n, lda);
    diagonal_.resize(n);
    for (std::size_t i = 0; i < n; ++i) diagonal_[i] = a[i * lda + i];
    const lapack_int info = LAPACKE_dpotrf_work(LAPACK_COL_MAJOR, 'L', as_lapack(n), a, as_lapack(lda));
    if (info != 0)
        throw Error(ErrorKind::numerical,
                    fmt::format("a {0} x {0} system is not positive definite (FP64 Cholesky breaks down at column {1})",
                                n, info));
    report.factor_seconds += seconds_since(start);
    start = Clock::now();
    LAPACKE_dpotrs_work(LAPACK_COL_MAJOR, 'L', as_lapack(n), as_lapack(p), a, as_lapack(lda), b, as_lapack(ldb));
    for (std::size_t i = 0; i < n; ++i) std::swap(diagonal_[i], a[i * lda + i]);
    report.backward_error = backward_error(a, n, lda, CblasUpper, b, p, ldb, a_norm);
    for (std::size_t i = 0; i < n; ++i) std::swap(diagonal_[i], a[i * lda + i]);
    report.solve_seconds += seconds_since(start);
}

void SpdSolver::fall_back(const std::string& reason, double* a, std::size_t n, std::size_t lda, double* b,
                          std::size_t p, std::size_t ldb, double a_norm, SpdSolveReport& report) {
    report.fell_back = true;
    report.fallback_reason = reason;
    for (std::size_t j = 0; j < p; ++j) std::copy(original_b_.data() + j * n, original_b_.data() + (j + 1) * n, b + j * ldb);
    solve_fp64(a, n, lda, b, p, ldb, a_norm, report);
}

std::string SpdSolver::factor_fp32(const double* a, std::size_t n, std::size_t lda, double a_norm) {
    // No entry is larger than the norm, so below FP32's range every entry converts without overflow.
    if (!(a_norm <= FLT_MAX)) return fmt::format("A's norm {:.3g} is beyond FP32's range", a_norm);
    float* factor = factor_.resize(n);
    // As many workers as the factorization gets (the caller's BlasThreads), on interleaved columns: the copy touches
    // the factor's pages for the first time, which costs more than the conversion.
    const auto workers = static_cast<std::size_t>(std::max(openblas_get_num_threads(), 1));
    run_in_parallel(workers, [&](std::size_t worker) {
        for (std::size_t j = worker; j < n; j += workers)
            for (std::size_t i = j; i < n; ++i) factor[j * n + i] = static_cast<float>(a[j * lda + i]);
    });
    const lapack_int info = LAPACKE_spotrf_work(LAPACK_COL_MAJOR, 'L', as_lapack(n), factor, as_lapack(n));
    return info == 0 ? std::string()
                     : fmt::format("FP32 Cholesky breaks down at column {} of {}", info, n);
}

void SpdSolver::solve_fp32(const double* rhs, std::size_t n, std::size_t p, double* x, std::size_t ldx, bool add) {
    // Each column goes to FP32 scaled by a power of two to a largest entry near 1, exactly, so that neither a large
    // right-hand side overflows nor a small residual underflows.
    step_.resize(n * p);
    scales_.resize(p);
    for (std::size_t j = 0; j < p; ++j) {
        const double largest = column_max(rhs + j * n, n);
        scales_[j] = largest > 0 && std::isfinite(largest) ? std::ldexp(1.0, std::ilogb(largest)) : 1.0;
        for (std::size_t i = 0; i < n; ++i) step_[j * n + i] = static_cast<float>(rhs[j * n + i] / scales_[j]);
    }
    if (column_by_column(n, p)) {
        for (std::size_t j = 0; j < p; ++j) {
            float* column = step_.data() + j * n;
            cblas_strsv(CblasColMajor, CblasLower, CblasNoTrans, CblasNonUnit, as_lapack(n), factor_.data(), as_lapack(n),
                        column, 1);
            cblas_strsv(CblasColMajor, CblasLower, CblasTrans, CblasNonUnit, as_lapack(n), factor_.data(), as_lapack(n),
                        column, 1);
        }
    } else {
        LAPACKE_spotrs_work(LAPACK_COL_MAJOR, 'L', as_lapack(n), as_lapack(p), factor_.data(), as_lapack(n),
                            step_.data(), as_lapack(n));
    }
    for (std::size_t j = 0; j < p; ++j)
        for (std::size_t i = 0; i < n; ++i) {
            const double value = static_cast<double>(step_[j * n + i]) * scales_[j];
            x[j * ldx + i] = add ? x[j * ldx + i] + value : value;
        }
}

double SpdSolver::backward_error(const double* a, std::size_t n, std::size_t lda, CBLAS_UPLO stored, const double* x,
                                 std::size_t p, std::size_t ldx, double a_norm) {
    std::copy(original_b_.begin(), original_b_.begin() + static_cast<std::ptrdiff_t>(n * p), residual_.begin());
    if (column_by_column(n, p)) {
        for (std::size_t j = 0; j < p; ++j)
            cblas_dsymv(CblasColMajor, stored, as_lapack(n), -1.0, a, as_lapack(lda), x + j * ldx, 1, 1.0,
                        residual_.data() + j * n, 1);
    } else {
        cblas_dsymm(CblasColMajor, CblasLeft, stored, as_lapack(n), as_lapack(p), -1.0, a, as_lapack(lda), x,
                    as_lapack(ldx), 1.0, residual_.data(), as_lapack(n));
    }
    double worst = 0;
    for (std::size_t j = 0; j < p; ++j) {
        const double r = column_max(residual_.data() + j * n, n);
        const double scale = a_norm * column_max(x + j * ldx, n) + column_max(original_b_.data() + j * n, n);
        const double error = scale > 0 ? r / scale : (r > 0 ? INFINITY : 0.0);
        if (std::isnan(error) || error > worst) worst = error;  // NaN wins: a non-finite solution must not pass
    }
    return worst;
}

void SpdSolveTally::add(const SpdSolveReport& report) {
    ++solves;
    if (report.fell_back) ++fell_back;
    else if (report.precision == Precision::fp64) ++fp64;
    else if (report.precision == Precision::fp32) ++unrefined;
    else ++refined, refinement_steps += static_cast<std::size_t>(report.refinement_steps);
    if (std::isnan(report.backward_error) || report.backward_error > worst_backward_error)
        worst_backward_error = report.backward_error;
    factor_seconds += report.factor_seconds;
    solve_seconds += report.solve_seconds;
}

void SpdSolveTally::add(const SpdSolveTally& other) {
    solves += other.solves;
    refined += other.refined;
    fell_back += other.fell_back;
    fp64 += other.fp64;
    unrefined += other.unrefined;
    refinement_steps += other.refinement_steps;
    if (std::isnan(other.worst_backward_error) || other.worst_backward_error > worst_backward_error)
        worst_backward_error = other.worst_backward_error;
    factor_seconds += other.factor_seconds;
    solve_seconds += other.solve_seconds;
}

std::string SpdSolveTally::describe(Precision precision) const {
    if (solves == 0) return "no solves";
    std::string routes;
    switch (fp64 == solves ? Precision::fp64 : precision) {
        case Precision::fp64: routes = "FP64 Cholesky"; break;
        case Precision::fp32:
            routes = fmt::format("FP32 Cholesky, not refined: {}; fell back to FP64 Cholesky: {}", unrefined, fell_back);
            break;
        case Precision::mixed:
            routes = fmt::format("FP32 Cholesky refined to FP64: {}", refined);
            if (refined > 0)
                routes += fmt::format(", {:.1f} steps on average",
                                      static_cast<double>(refinement_steps) / static_cast<double>(refined));
            routes += fmt::format("; fell back to FP64 Cholesky: {}", fell_back);
            break;
    }
    // Callers that use the factor itself (not just the solution) keep an FP64 solver whatever the run's precision.
    if (precision != Precision::fp64 && fp64 > 0 && fp64 < solves)
        routes += fmt::format("; FP64 Cholesky where the factor itself is used: {}", fp64);
    return fmt::format("{} solves ({}); worst backward error {:.1e}; factorization {:.2f} s, solves {:.2f} s", solves,
                       routes, worst_backward_error, factor_seconds, solve_seconds);
}

}  // namespace ridgeway
