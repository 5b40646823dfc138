#pragma once
// Cross-validated ridge regression for several penalties and many right-hand sides at once: the held-out
// predictions of every sample for every penalty, and optionally each fold's coefficients.
//
// K folds: the fold matrices are the full Gram minus each fold's own Gram, one Cholesky per (fold, penalty) shared
// by all right-hand sides; the N x N dual system is used when a training set has fewer samples than predictors.
// No folds means leave-one-out, exact through the hat-matrix identity (one factorization per penalty).
// The systems are solved in the arithmetic of `precision` (spd_solver.hpp), except leave-one-out's, which stay FP64.
// Rows that must not take part in training are passed as zero rows of both x and y.
#include <functional>
#include <vector>

#include "linalg/matrix.hpp"
#include "linalg/precision.hpp"
#include "linalg/spd_solver.hpp"
#include "step1/folds.hpp"

namespace ridgeway {

struct RidgeCvResult {
    std::vector<Matrix> predictions;                // per penalty: rows x right-hand sides, held out
    std::vector<std::vector<Matrix>> coefficients;  // per penalty, per fold (one "fold" for leave-one-out)
    SpdSolveTally solves;                           // how the systems were solved
};

// The penalties of the heritability grid h2 = 0.01, 0.25, 0.5, 0.75, 0.99 for `predictors` standardized predictors:
// predictors * (1 - h2) / h2, the ridge penalty under which each predictor's effect has variance h2 / predictors.
std::vector<double> heritability_penalties(std::size_t predictors);

// Whether K-fold fits take the N x N dual form: some training set has fewer samples than predictors.
bool uses_dual_form(const std::vector<Fold>& folds, std::size_t rows, std::size_t predictors);

// Gives X_k'X_k for a fold. When ridge_cv has one, it asks for each fold's Gram twice (for the total, then for the
// training Gram) instead of forming and keeping all of them from x: memory for one fold instead of K.
using FoldGramSource = std::function<Matrix(const Fold&)>;

// `threads` share the Grams formed from x (level 1 has the whole step to itself; level 0 runs a block per thread and
// gives 1); the results do not depend on it.
void ridge_cv(const Matrix& x, const Matrix& y, const std::vector<Fold>& folds, const std::vector<double>& penalties,
              Precision precision, bool keep_coefficients, RidgeCvResult& result, const FoldGramSource& fold_gram = {},
              int threads = 1);

}  // namespace ridgeway
