#include "multicol/logistic_multicol_test.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include <cblas.h>
#include <lapacke.h>

#include "multicol/wald_rows.hpp"
#include "stats/distributions.hpp"
#include "stats/logistic_regression.hpp"

namespace ridgeway {

namespace {

// The trailing m x m block of a fit's covariance.
std::vector<double> variant_covariance(const Matrix& covariance, std::size_t r, std::size_t m) {
    std::vector<double> block(m * m);
    for (std::size_t a = 0; a < m; ++a)
        for (std::size_t b = 0; b < m; ++b) block[b * m + a] = covariance(r + a, r + b);
    return block;
}

void swap_columns(Matrix& x, std::size_t a, std::size_t b) {
    if (a != b) std::swap_ranges(x.column(a), x.column(a) + x.rows(), x.column(b));
}

}  // namespace

LogisticMulticolTest::LogisticMulticolTest(const LogisticNullSet& nulls, const VariantColumns& columns,
                                           VariantFilters filters, CaseControlSettings settings)
    : nulls_(nulls), columns_(columns), filters_(filters), settings_(settings) {
    const std::size_t m = columns_.count();
    for (const LogisticNull& null : nulls_.traits) {
        Matrix x(null.rows.size(), null.design.cols() + m);
        std::copy(null.design.data(), null.design.data() + null.design.rows() * null.design.cols(), x.data());
        designs_.push_back(std::move(x));
    }
    for (const std::vector<std::int8_t>& status : nulls_.status) {
        std::vector<std::uint8_t> in(status.size());
        for (std::size_t i = 0; i < status.size(); ++i) in[i] = status[i] >= 0;
        samples_.push_back(std::move(in));
    }
}

void LogisticMulticolTest::run(const TestedBlock& tested, BlockResults& out) {
    const GenotypeBlock& block = tested.additive;  // interaction and genotypic models take the additive genotype
    const std::size_t n = block.n_samples, b = block.n_variants, p = nulls_.traits.size();
    const std::size_t rows = columns_.count() + 1;
    if (values_.rows() != n) values_ = Matrix(n, 1);
    out.kept.assign(b, false);
    out.results.assign(b * p * rows, AssocResult{});
    GenotypeSums sums;
    for (std::size_t v = 0; v < b; ++v) {
        sum_genotypes(block, v, sums, values_.data());
        out.kept[v] = passes_filters(filters_, sums, n);
        if (!out.kept[v]) continue;
        for (std::size_t t = 0; t < p; ++t)
            test_trait(t, block.variant(v), values_.data(), sums.dosages, out.results.data() + (v * p + t) * rows);
    }
}

bool LogisticMulticolTest::too_collinear(const Matrix& x, std::size_t r, std::size_t m) const {
    const std::size_t n = x.rows();
    const auto nn = static_cast<int>(n), mm = static_cast<int>(m), rr = static_cast<int>(r);
    // R'R = V'V - (Q'V)'(Q'V) with Q the orthonormal basis; (R'R)^-1_jj is 1 / V_j's residual sum of squares.
    std::vector<double> gram(m * m), products(r * m);
    const double* v = x.column(r);
    cblas_dsyrk(CblasColMajor, CblasLower, CblasTrans, mm, nn, 1.0, v, nn, 0.0, gram.data(), mm);
    cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, rr, mm, nn, 1.0, x.data(), nn, v, nn, 0.0, products.data(), rr);
    cblas_dsyrk(CblasColMajor, CblasLower, CblasTrans, mm, rr, -1.0, products.data(), rr, 1.0, gram.data(), mm);
    if (LAPACKE_dpotrf(LAPACK_COL_MAJOR, 'L', mm, gram.data(), mm) != 0) return true;
    LAPACKE_dpotri(LAPACK_COL_MAJOR, 'L', mm, gram.data(), mm);
    for (std::size_t j = 0; j < m; ++j) {
        const double* column = x.column(r + j);
        double s = 0, ss = 0;
        for (std::size_t i = 0; i < n; ++i) s += column[i], ss += column[i] * column[i];
        const double centered = ss - s * s / static_cast<double>(n);
        if (!(gram[j * m + j] > 0) || centered * gram[j * m + j] > filters_.max_vif) return true;
    }
    return false;
}

void LogisticMulticolTest::test_trait(std::size_t trait, const std::int8_t* calls, const double* values,
                                      bool dosages, AssocResult* rows) {
    const LogisticNull& null = nulls_.traits[trait];
    const std::vector<std::int8_t>& status = nulls_.status[trait];
    const std::size_t n = status.size(), m = columns_.count(), r = null.design.cols();
    Matrix& x = designs_[trait];
    // The variant's columns over the trait's rows.
    const std::vector<std::uint8_t>& in = samples_[trait];
    full_.resize(n * m);
    sums_.resize(m);
    squares_.resize(m);
    const CalledSums g = columns_.fill(calls, values, in.data(), n, full_.data(), sums_.data(), squares_.data());
    for (std::size_t j = 0; j < m; ++j)
        for (std::size_t k = 0; k < null.rows.size(); ++k) x(k, r + j) = full_[j * n + null.rows[k]];
    AssocResult common;
    common.test = TestKind::wald;
    common.n = null.rows.size();
    common.n_cases = null.cases;
    common.n_controls = null.controls;
    double case_sum = 0;
    std::size_t called_cases = 0;
    for (std::size_t i = 0; i < n; ++i)
        if (status[i] == 1 && calls[i] >= 0) case_sum += values[i], ++called_cases;
    const std::size_t called_controls = g.called - called_cases;
    common.a1_freq = g.called > 0 ? g.sum / (2.0 * static_cast<double>(g.called)) : 0.0;
    common.a1_freq_cases = called_cases > 0 ? case_sum / (2.0 * static_cast<double>(called_cases)) : 0.0;
    common.a1_freq_controls =
        called_controls > 0 ? (g.sum - case_sum) / (2.0 * static_cast<double>(called_controls)) : 0.0;
    if (dosages) common.info = mach_r2(static_cast<double>(g.called), g.sum, g.sum_squares);
    std::fill(rows, rows + m + 1, common);
    if (!null.usable) return fill_error_rows(ErrorCode::null_fit_failed, m, rows);
    if (common.n <= r + m || null.cases == 0 || null.controls == 0)
        return fill_error_rows(ErrorCode::too_few_samples, m, rows);
    if (!genotypes_vary(static_cast<double>(g.called), g.sum, g.sum_squares))
        return fill_error_rows(ErrorCode::constant_allele, m, rows);
    if (too_collinear(x, r, m)) return fill_error_rows(ErrorCode::vif_too_high, m, rows);

    if (!score_rows(trait, rows)) return fill_error_rows(ErrorCode::vif_too_high, m, rows);
    bool below = false;
    for (std::size_t j = 0; j <= m; ++j) below |= rows[j].log10_p < std::log10(settings_.p_threshold);
    if (!below) return;
    if (settings_.correction == Correction::firth) return firth(trait, x, rows);
    std::vector<double> start = null.beta;
    start.resize(r + m, 0.0);
    const LogisticFit fit = fit_logistic({x, null.y, null.offset}, LogisticPenalty::none, start);
    for (std::size_t j = 0; j <= m; ++j) rows[j].test = TestKind::wald;
    const std::vector<double> covariance = fit.converged ? variant_covariance(fit.covariance, r, m) : std::vector<double>{};
    if (!fit.converged || !fill_wald_rows(fit.beta.data() + r, covariance.data(), m, {false, 0.0}, rows))
        fill_error_rows(ErrorCode::fit_failed, m, rows);
}

// The score test of all m columns against the null model, U' I^-1 U with U = V'(y - mu) and the efficient
// information I = V'WV - (C'WV)'(C'WV), and per column the one-step estimate I^-1 U with SE from I^-1: the Wald
// form of the same quadratic, so the joint row is exactly the score test.
bool LogisticMulticolTest::score_rows(std::size_t trait, AssocResult* rows) {
    const LogisticNull& null = nulls_.traits[trait];
    const std::size_t n = nulls_.status[trait].size(), m = columns_.count(), r = null.design.cols();
    const std::size_t first = nulls_.first_column[trait];
    const auto nn = static_cast<int>(n), mm = static_cast<int>(m), width = static_cast<int>(r + 1);
    // [C'WV ; U'] in one product with the null model's columns [W C | y - mu].
    std::vector<double> products((r + 1) * m);
    cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, width, mm, nn, 1.0, nulls_.columns.column(first), nn,
                full_.data(), nn, 0.0, products.data(), width);
    const double* w = nulls_.columns.column(first + r + 1);
    std::vector<double> information(m * m), score(m);
    for (std::size_t a = 0; a < m; ++a) {
        score[a] = products[a * (r + 1) + r];
        for (std::size_t b = 0; b <= a; ++b) {
            const double* va = full_.data() + a * n;
            const double* vb = full_.data() + b * n;
            double sum = 0;
            for (std::size_t i = 0; i < n; ++i) sum += w[i] * va[i] * vb[i];
            for (std::size_t c = 0; c < r; ++c) sum -= products[a * (r + 1) + c] * products[b * (r + 1) + c];
            information[a * m + b] = information[b * m + a] = sum;
        }
    }
    std::vector<double> inverse = information;
    if (LAPACKE_dpotrf(LAPACK_COL_MAJOR, 'L', mm, inverse.data(), mm) != 0) return false;
    LAPACKE_dpotri(LAPACK_COL_MAJOR, 'L', mm, inverse.data(), mm);
    for (std::size_t a = 0; a < m; ++a)
        for (std::size_t b = a + 1; b < m; ++b) inverse[b * m + a] = inverse[a * m + b];
    std::vector<double> estimate(m, 0.0);
    for (std::size_t a = 0; a < m; ++a)
        for (std::size_t b = 0; b < m; ++b) estimate[a] += inverse[b * m + a] * score[b];
    for (std::size_t j = 0; j <= m; ++j) rows[j].test = TestKind::score;
    return fill_wald_rows(estimate.data(), inverse.data(), m, {false, 0.0}, rows);
}

void LogisticMulticolTest::firth(std::size_t trait, Matrix& x, AssocResult* rows) {
    const LogisticNull& null = nulls_.traits[trait];
    const std::size_t m = columns_.count(), r = null.design.cols();
    std::vector<double> start = null.firth_usable ? null.firth_beta : null.beta;
    start.resize(r + m, 0.0);
    for (std::size_t j = 0; j <= m; ++j) rows[j].test = TestKind::firth;
    const LogisticFit fit = fit_logistic({x, null.y, null.offset}, LogisticPenalty::firth, start);
    if (!fit.converged) return fill_error_rows(ErrorCode::firth_failed, m, rows);
    if (settings_.firth_wald) {
        const std::vector<double> covariance = variant_covariance(fit.covariance, r, m);
        if (!fill_wald_rows(fit.beta.data() + r, covariance.data(), m, {false, 0.0}, rows))
            fill_error_rows(ErrorCode::firth_failed, m, rows);
        return;
    }
    // Penalized likelihood ratios: each term held at 0 (moved to the last column, which `fixed` holds), then all.
    auto chi_square = [&](std::size_t fixed, const std::vector<double>& beta) {
        std::vector<double> constrained_start = beta;
        for (std::size_t j = r + m - fixed; j < r + m; ++j) constrained_start[j] = 0.0;
        const LogisticFit constrained =
            fit_logistic({x, null.y, null.offset, fixed}, LogisticPenalty::firth, constrained_start);
        return constrained.converged ? std::max(0.0, 2.0 * (fit.log_likelihood - constrained.log_likelihood))
                                     : std::nan("");
    };
    for (std::size_t j = 0; j < m; ++j) {
        const std::size_t last = r + m - 1;
        swap_columns(x, r + j, last);
        std::vector<double> beta = fit.beta;
        std::swap(beta[r + j], beta[last]);
        const double statistic = chi_square(1, beta);
        swap_columns(x, r + j, last);
        AssocResult& row = rows[j];
        if (std::isnan(statistic)) {
            row.error = ErrorCode::firth_failed;
            continue;
        }
        row.beta = fit.beta[r + j];
        row.t = std::copysign(std::sqrt(statistic), row.beta);
        row.se = statistic > 0 ? std::abs(row.beta) / std::sqrt(statistic) : std::sqrt(fit.covariance(r + j, r + j));
        row.log10_p = log_p_chisq1(statistic) / std::numbers::ln10;
    }
    const double joint = chi_square(m, fit.beta);
    if (std::isnan(joint)) {
        rows[m].error = ErrorCode::firth_failed;
        return;
    }
    rows[m].t = joint;
    rows[m].log10_p = log_p_chisq(joint, static_cast<unsigned>(m)) / std::numbers::ln10;
}

}  // namespace ridgeway
