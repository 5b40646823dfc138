#pragma once
// Symmetric positive-definite solves A X = B with many right-hand sides at once, in the arithmetic of a Precision:
//   fp64   LAPACK dpotrf/dpotrs;
//   fp32   spotrf/spotrs on an FP32 copy, no refinement (FP32 accuracy);
//   mixed  spotrf on an FP32 copy, then FP64 iterative refinement: r = B - A X in FP64, X += A^-1 r through the FP32
//          factor, until every column's normwise backward error is at FP64 level. When the FP32 factorization breaks
//          down, or refinement stops converging (the FP32 factor is too poor for the condition number, roughly
//          cond(A) > 1e7), it falls back to FP64 Cholesky, so it never returns a worse answer than fp64 silently.
// A solver keeps its work buffers between calls: fold-by-penalty loops solve many systems of one size.
#include <cblas.h>

#include <cstddef>
#include <string>
#include <vector>

#include "linalg/precision.hpp"
#include "linalg/triangle_buffer.hpp"

namespace ridgeway {

struct SpdSolveReport {
    Precision precision = Precision::fp64;  // the solver's
    bool refined = false;         // mixed: refinement reached FP64 accuracy
    int refinement_steps = 0;     // mixed: correction steps taken
    bool fell_back = false;       // mixed or fp32: FP64 Cholesky did the solve
    std::string fallback_reason;  // why, when fell_back
    double backward_error = 0;    // max over columns of ||B - A X|| / (||A|| ||X|| + ||B||), infinity norms, FP64
    double factor_seconds = 0;    // factorization(s)
    double solve_seconds = 0;     // triangular solves and refinement
};

class SpdSolver {
public:
    explicit SpdSolver(Precision precision) : precision_(precision) {}

    // `a` is n x n column-major with leading dimension lda, of which the lower triangle is read; it may be
    // overwritten (by the FP64 factor). `b` is n x p column-major with leading dimension ldb and becomes X.
    // Throws a numerical Error when A is not positive definite even in FP64. n = 0 or p = 0 leaves both untouched.
    // After an FP64 factorization (precision fp64, or report.fell_back) the lower triangle of `a` holds the Cholesky
    // factor L and its strict upper triangle A's strict lower one, transposed; otherwise `a` is unchanged.
    SpdSolveReport solve(double* a, std::size_t n, std::size_t lda, double* b, std::size_t p, std::size_t ldb);

    Precision precision() const { return precision_; }

private:
    void solve_fp64(double* a, std::size_t n, std::size_t lda, double* b, std::size_t p, std::size_t ldb,
                    double a_norm, SpdSolveReport& report);
    // Restores B and solves in FP64.
    void fall_back(const std::string& reason, double* a, std::size_t n, std::size_t lda, double* b, std::size_t p,
                   std::size_t ldb, double a_norm, SpdSolveReport& report);
    // FP32 Cholesky of A's lower triangle into factor_; empty, or why it failed.
    std::string factor_fp32(const double* a, std::size_t n, std::size_t lda, double a_norm);
    // x = A32^-1 rhs, or x += A32^-1 rhs when `add`; rhs is n x p with leading dimension n.
    void solve_fp32(const double* rhs, std::size_t n, std::size_t p, double* x, std::size_t ldx, bool add);
    // residual_ = B - A X for the B kept in original_b_, A as stored in the `stored` triangle of `a`; returns the
    // largest column backward error.
    double backward_error(const double* a, std::size_t n, std::size_t lda, CBLAS_UPLO stored, const double* x,
                          std::size_t p, std::size_t ldx, double a_norm);

    Precision precision_;
    TriangleBuffer<float> factor_;
    std::vector<float> step_;
    std::vector<double> residual_, original_b_;
    std::vector<double> row_sums_, diagonal_, scales_;
};

// Counts of how a run's solves went, for the log.
struct SpdSolveTally {
    std::size_t solves = 0, refined = 0, fell_back = 0, refinement_steps = 0;  // steps: of the refined solves
    std::size_t fp64 = 0, unrefined = 0;  // by an FP64 solver; by an FP32 one without falling back
    double worst_backward_error = 0;
    double factor_seconds = 0, solve_seconds = 0;  // summed over solves (over threads, when they ran at once)
    void add(const SpdSolveReport& report);
    void add(const SpdSolveTally& other);
    // "40 solves (FP32 Cholesky refined to FP64: 38, 2.0 steps on average; fell back to FP64 Cholesky: 2); worst
    // backward error 2.1e-16; factorization 1.20 s, solves 0.30 s"
    std::string describe(Precision precision) const;
};

}  // namespace ridgeway
