#include "step1/ridge_cv.hpp"

#include <cblas.h>

#include "core/error.hpp"
#include "linalg/blocked_products.hpp"

namespace ridgeway {

namespace {

int as_int(std::size_t value) { return static_cast<int>(value); }

// C (rows x cols) = A' B over the row range [begin, end) of A (n x p) and B (n x q).
void cross_product(const Matrix& a, const Matrix& b, std::size_t begin, std::size_t end, Matrix& c, double beta = 0.0) {
    cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, as_int(a.cols()), as_int(b.cols()), as_int(end - begin), 1.0,
                a.data() + begin, as_int(a.rows()), b.data() + begin, as_int(b.rows()), beta, c.data(), as_int(c.rows()));
}

// Gram = A'A over the row range [begin, end), full symmetric matrix, shared among `threads` threads
// (linalg/blocked_products: the same values for any number).
Matrix gram(const Matrix& a, std::size_t begin, std::size_t end, int threads) {
    Matrix g(a.cols(), a.cols());
    gram_lower({a.data() + begin, end - begin, a.cols(), a.rows()}, threads, g.data(), a.cols());
    for (std::size_t j = 0; j < g.cols(); ++j)
        for (std::size_t i = j + 1; i < g.rows(); ++i) g(j, i) = g(i, j);
    return g;
}

// Solves (A + penalty I) X = B in place of B, through a copy `factor` of the shifted matrix that the solver may
// overwrite and that is reused across calls: fresh matrices of this size for every fold and penalty cost more in page
// faults than the copy.
void ridge_solve(const Matrix& a, double penalty, Matrix& b, Matrix& factor, SpdSolver& solver, SpdSolveTally& tally) {
    if (factor.rows() != a.rows()) factor = Matrix(a.rows(), a.cols());
    std::copy(a.data(), a.data() + a.rows() * a.cols(), factor.data());
    for (std::size_t i = 0; i < factor.rows(); ++i) factor(i, i) += penalty;
    try {
        tally.add(solver.solve(factor.data(), factor.rows(), factor.rows(), b.data(), b.cols(), b.rows()));
    } catch (const Error& error) {
        throw Error(error.kind(), std::string("ridge regression: ") + error.what() + "; is the penalty too small for the data?");
    }
}

void primal_kfold(const Matrix& x, const Matrix& y, const std::vector<Fold>& folds, const std::vector<double>& penalties,
                  SpdSolver& solver, bool keep_coefficients, RidgeCvResult& result, const FoldGramSource& source,
                  int threads) {
    const std::size_t p = x.cols(), q = y.cols();
    std::vector<Matrix> stored;  // fold Grams formed from x, kept for the second pass
    std::vector<Matrix> fold_cross;
    Matrix total_gram(p, p), total_cross(p, q);
    for (const Fold& fold : folds) {
        Matrix own = source ? source(fold) : gram(x, fold.begin, fold.end, threads);
        fold_cross.emplace_back(p, q);
        cross_product(x, y, fold.begin, fold.end, fold_cross.back());
        for (std::size_t i = 0; i < p * p; ++i) total_gram.data()[i] += own.data()[i];
        for (std::size_t i = 0; i < p * q; ++i) total_cross.data()[i] += fold_cross.back().data()[i];
        if (!source) stored.push_back(std::move(own));
    }
    Matrix factor;
    for (std::size_t k = 0; k < folds.size(); ++k) {
        // The fold's training Gram is the full Gram minus the fold's own, formed in place of the fold's Gram.
        Matrix train_gram = source ? source(folds[k]) : std::move(stored[k]);
        Matrix train_cross = total_cross;
        for (std::size_t i = 0; i < p * p; ++i) train_gram.data()[i] = total_gram.data()[i] - train_gram.data()[i];
        for (std::size_t i = 0; i < p * q; ++i) train_cross.data()[i] -= fold_cross[k].data()[i];
        for (std::size_t l = 0; l < penalties.size(); ++l) {
            Matrix beta = train_cross;
            ridge_solve(train_gram, penalties[l], beta, factor, solver, result.solves);
            const Fold& fold = folds[k];
            Matrix& out = result.predictions[l];
            cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, as_int(fold.size()), as_int(q), as_int(p), 1.0,
                        x.data() + fold.begin, as_int(x.rows()), beta.data(), as_int(p), 0.0, out.data() + fold.begin,
                        as_int(out.rows()));
            if (keep_coefficients) result.coefficients[l].push_back(std::move(beta));
        }
    }
}

// Rows outside the fold, as an index list (two contiguous runs).
std::vector<std::size_t> training_rows(std::size_t n, const Fold& fold) {
    std::vector<std::size_t> rows;
    for (std::size_t i = 0; i < n; ++i)
        if (i < fold.begin || i >= fold.end) rows.push_back(i);
    return rows;
}

void dual_kfold(const Matrix& x, const Matrix& y, const std::vector<Fold>& folds, const std::vector<double>& penalties,
                SpdSolver& solver, bool keep_coefficients, RidgeCvResult& result) {
    const std::size_t n = x.rows(), q = y.cols();
    Matrix kernel(n, n);
    cblas_dsyrk(CblasColMajor, CblasLower, CblasNoTrans, as_int(n), as_int(x.cols()), 1.0, x.data(), as_int(n), 0.0,
                kernel.data(), as_int(n));
    for (std::size_t j = 0; j < n; ++j)
        for (std::size_t i = j + 1; i < n; ++i) kernel(j, i) = kernel(i, j);
    for (std::size_t k = 0; k < folds.size(); ++k) {
        const Fold& fold = folds[k];
        std::vector<std::size_t> train = training_rows(n, fold);
        const std::size_t m = train.size();
        Matrix train_kernel(m, m), train_y(m, q), cross_kernel(fold.size(), m);
        for (std::size_t b = 0; b < m; ++b) {
            for (std::size_t a = 0; a < m; ++a) train_kernel(a, b) = kernel(train[a], train[b]);
            for (std::size_t i = 0; i < fold.size(); ++i) cross_kernel(i, b) = kernel(fold.begin + i, train[b]);
        }
        for (std::size_t c = 0; c < q; ++c)
            for (std::size_t a = 0; a < m; ++a) train_y(a, c) = y(train[a], c);
        Matrix factor;
        for (std::size_t l = 0; l < penalties.size(); ++l) {
            Matrix alpha = train_y;
            ridge_solve(train_kernel, penalties[l], alpha, factor, solver, result.solves);
            Matrix& out = result.predictions[l];
            cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, as_int(fold.size()), as_int(q), as_int(m), 1.0,
                        cross_kernel.data(), as_int(fold.size()), alpha.data(), as_int(m), 0.0, out.data() + fold.begin,
                        as_int(out.rows()));
            if (keep_coefficients) {
                Matrix train_x(m, x.cols()), beta(x.cols(), q);
                for (std::size_t c = 0; c < x.cols(); ++c)
                    for (std::size_t a = 0; a < m; ++a) train_x(a, c) = x(train[a], c);
                cross_product(train_x, alpha, 0, m, beta);
                result.coefficients[l].push_back(std::move(beta));
            }
        }
    }
}

// Leave-one-out: held-out prediction = (fitted_i - h_ii y_i) / (1 - h_ii), with h_ii = x_i'(X'X + penalty I)^-1 x_i.
void primal_leave_one_out(const Matrix& x, const Matrix& y, const std::vector<double>& penalties, bool keep_coefficients,
                          RidgeCvResult& result, int threads) {
    const std::size_t n = x.rows(), p = x.cols(), q = y.cols();
    Matrix total_gram = gram(x, 0, n, threads), total_cross(p, q);
    cross_product(x, y, 0, n, total_cross);
    // The hat-matrix diagonals come from the Cholesky factor itself, not from a solution that refinement could correct:
    // an FP32 factor would leave them, and the 1 / (1 - h_ii) that amplifies their error, at FP32 accuracy.
    SpdSolver solver(Precision::fp64);
    Matrix factor;
    for (std::size_t l = 0; l < penalties.size(); ++l) {
        Matrix beta = total_cross;
        ridge_solve(total_gram, penalties[l], beta, factor, solver, result.solves);
        // Z = L^-1 X' gives h_ii as the squared norm of column i (the FP64 solver leaves L in factor's lower triangle).
        Matrix z(p, n);
        for (std::size_t c = 0; c < p; ++c)
            for (std::size_t i = 0; i < n; ++i) z(c, i) = x(i, c);
        cblas_dtrsm(CblasColMajor, CblasLeft, CblasLower, CblasNoTrans, CblasNonUnit, as_int(p), as_int(n), 1.0,
                    factor.data(), as_int(p), z.data(), as_int(p));
        Matrix& out = result.predictions[l];
        cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, as_int(n), as_int(q), as_int(p), 1.0, x.data(), as_int(n),
                    beta.data(), as_int(p), 0.0, out.data(), as_int(n));
        for (std::size_t i = 0; i < n; ++i) {
            double h = 0;
            for (std::size_t c = 0; c < p; ++c) h += z(c, i) * z(c, i);
            for (std::size_t t = 0; t < q; ++t) out(i, t) = (out(i, t) - h * y(i, t)) / (1.0 - h);
        }
        if (keep_coefficients) result.coefficients[l].push_back(std::move(beta));
    }
}

}  // namespace

std::vector<double> heritability_penalties(std::size_t predictors) {
    std::vector<double> penalties;
    for (double h2 : {0.01, 0.25, 0.5, 0.75, 0.99}) penalties.push_back(static_cast<double>(predictors) * (1.0 - h2) / h2);
    return penalties;
}

bool uses_dual_form(const std::vector<Fold>& folds, std::size_t rows, std::size_t predictors) {
    std::size_t largest_fold = 0;
    for (const Fold& fold : folds) largest_fold = std::max(largest_fold, fold.size());
    return !folds.empty() && rows - largest_fold < predictors;
}

void ridge_cv(const Matrix& x, const Matrix& y, const std::vector<Fold>& folds, const std::vector<double>& penalties,
              Precision precision, bool keep_coefficients, RidgeCvResult& result, const FoldGramSource& fold_gram,
              int threads) {
    result.predictions.assign(penalties.size(), Matrix(x.rows(), y.cols()));
    result.coefficients.assign(penalties.size(), {});
    result.solves = SpdSolveTally();
    if (folds.empty()) return primal_leave_one_out(x, y, penalties, keep_coefficients, result, threads);
    SpdSolver solver(precision);  // one per call: its buffers serve every fold and penalty
    if (uses_dual_form(folds, x.rows(), x.cols()))
        dual_kfold(x, y, folds, penalties, solver, keep_coefficients, result);
    else
        primal_kfold(x, y, folds, penalties, solver, keep_coefficients, result, fold_gram, threads);
}

}  // namespace ridgeway
