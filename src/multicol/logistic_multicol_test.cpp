#include "multicol/logistic_multicol_test.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include <lapacke.h>

#include "linalg/genotype_kernels.hpp"
#include "multicol/wald_rows.hpp"
#include "stats/distributions.hpp"

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

// The inverse of a symmetric m x m matrix in place (both triangles); false when it is not positive definite.
bool invert_positive(std::vector<double>& matrix, std::size_t m) {
    const auto size = static_cast<lapack_int>(m);
    if (LAPACKE_dpotrf(LAPACK_COL_MAJOR, 'L', size, matrix.data(), size) != 0) return false;
    for (std::size_t j = 0; j < m; ++j)
        if (!(matrix[j * m + j] > 0)) return false;
    LAPACKE_dpotri(LAPACK_COL_MAJOR, 'L', size, matrix.data(), size);
    for (std::size_t a = 0; a < m; ++a)
        for (std::size_t b = a + 1; b < m; ++b) matrix[b * m + a] = matrix[a * m + b];
    return true;
}

}  // namespace

LogisticMulticolTest::LogisticMulticolTest(const LogisticNullSet& nulls, const VariantColumns& columns,
                                           VariantFilters filters, CaseControlSettings settings)
    : nulls_(nulls), columns_(columns), filters_(filters), settings_(settings),
      group_(std::max<std::size_t>(1, kDotVariants / columns.count())) {
    const std::size_t m = columns_.count();
    for (std::size_t t = 0; t < nulls_.traits.size(); ++t) {
        const LogisticNull& null = nulls_.traits[t];
        const std::vector<std::int8_t>& status = nulls_.status[t];
        const std::size_t n = status.size(), r = null.design.cols(), first = nulls_.first_column[t];
        Matrix x(null.rows.size(), r + m);
        std::copy(null.design.data(), null.design.data() + null.design.rows() * r, x.data());
        designs_.push_back(std::move(x));
        TraitColumns trait;
        std::vector<std::uint8_t> in(n);
        for (std::size_t i = 0; i < n; ++i) in[i] = status[i] >= 0;
        trait.subset = make_subset(std::move(in));
        trait.products = Matrix(n, 2 * r + 3);
        std::copy(nulls_.columns.column(first), nulls_.columns.column(first + r + 1), trait.products.data());
        for (std::size_t c = 0; c < r; ++c)
            for (std::size_t k = 0; k < null.rows.size(); ++k) trait.products(null.rows[k], r + 1 + c) = null.design(k, c);
        std::copy(trait.subset.in.begin(), trait.subset.in.end(), trait.products.column(2 * r + 1));
        for (std::size_t i = 0; i < n; ++i) trait.products(i, 2 * r + 2) = status[i] == 1;
        trait.weights = nulls_.columns.column(first + r + 1);
        // A = D'C: C = D L^-T with L L' = D'WD, and D'D = I.
        trait.back.assign(r * r, 0.0);
        if (null.usable)
            for (std::size_t a = 0; a < r; ++a)
                for (std::size_t b = 0; b < r; ++b)
                    for (std::size_t k = 0; k < null.rows.size(); ++k)
                        trait.back[b * r + a] += null.design(k, a) * null.adjust(k, b);
        traits_.push_back(std::move(trait));
    }
}

void LogisticMulticolTest::run(const TestedBlock& tested, BlockResults& out) {
    const GenotypeBlock& block = tested.additive;  // interaction and genotypic models take the additive genotype
    const std::size_t n = block.n_samples, b = block.n_variants, p = nulls_.traits.size();
    const std::size_t rows = columns_.count() + 1;
    if (values_.rows() != n) {
        values_ = Matrix(n, group_);
        v_ = Matrix(n, group_ * columns_.count());
    }
    out.kept.assign(b, false);
    out.results.assign(b * p * rows, AssocResult{});
    std::vector<GenotypeSums> sums(group_);
    std::vector<std::size_t> kept;
    for (std::size_t first = 0; first < b; first += group_) {
        sum_and_filter_group(block, first, std::min(first + group_, b), filters_, sums, values_, out.kept, kept);
        if (kept.empty()) continue;
        for (std::size_t t = 0; t < p; ++t) test_group(t, block, kept, sums.data(), out);
    }
}

void LogisticMulticolTest::test_group(std::size_t trait, const GenotypeBlock& block,
                                      const std::vector<std::size_t>& kept, const GenotypeSums* sums,
                                      BlockResults& out) {
    const TraitColumns& columns = traits_[trait];
    const std::size_t n = block.n_samples, m = columns_.count(), count = kept.size(), p = nulls_.traits.size();
    called_.resize(count);
    column_pointers_.resize(count * m);
    for (std::size_t k = 0; k < count; ++k) {
        called_[k] = columns_.fill(block.variant(kept[k]), values_.column(k), sums[k], columns.subset,
                                   v_.column(k * m));
        for (std::size_t j = 0; j < m; ++j) column_pointers_[k * m + j] = v_.column(k * m + j);
    }
    products_.resize(count * m * columns.products.cols());
    column_products(column_pointers_.data(), count * m, columns.products, products_.data());
    grams_.resize(count * m * m);
    weighted_grams_.resize(count * m * m);
    for (std::size_t k = 0; k < count; ++k) {
        variant_gram(v_.column(k * m), m, n, nullptr, grams_.data() + k * m * m);
        variant_gram(v_.column(k * m), m, n, columns.weights, weighted_grams_.data() + k * m * m);
    }
    for (std::size_t k = 0; k < count; ++k)
        test_variant(trait, k, sums[k], out.results.data() + (kept[k] * p + trait) * (m + 1));
}

void LogisticMulticolTest::test_variant(std::size_t trait, std::size_t k, const GenotypeSums& all,
                                        AssocResult* rows) {
    const LogisticNull& null = nulls_.traits[trait];
    const std::vector<std::int8_t>& status = nulls_.status[trait];
    const std::size_t m = columns_.count(), r = null.design.cols(), width = traits_[trait].products.cols();
    const CalledSums& g = called_[k];
    const double mean = g.called > 0 ? g.sum / static_cast<double>(g.called) : 0.0;
    // Cases' calls: G (missing ones the mean) summed over the cases, less the means given to cases.
    std::size_t missing_cases = 0;
    for (std::size_t row : all.missing) missing_cases += status[row] == 1;
    const double case_sum = products_[k * m * width + 2 * r + 2] - mean * static_cast<double>(missing_cases);
    const std::size_t called_cases = null.cases - missing_cases, called_controls = g.called - called_cases;
    AssocResult common;
    common.test = TestKind::wald;
    common.n = null.rows.size();
    common.n_cases = null.cases;
    common.n_controls = null.controls;
    common.a1_freq = g.called > 0 ? g.sum / (2.0 * static_cast<double>(g.called)) : 0.0;
    common.a1_freq_cases = called_cases > 0 ? case_sum / (2.0 * static_cast<double>(called_cases)) : 0.0;
    common.a1_freq_controls =
        called_controls > 0 ? (g.sum - case_sum) / (2.0 * static_cast<double>(called_controls)) : 0.0;
    if (all.dosages) common.info = mach_r2(static_cast<double>(g.called), g.sum, g.sum_squares);
    std::fill(rows, rows + m + 1, common);
    if (!null.usable) return fill_error_rows(ErrorCode::null_fit_failed, m, rows);
    if (common.n <= r + m || null.cases == 0 || null.controls == 0)
        return fill_error_rows(ErrorCode::too_few_samples, m, rows);
    if (!genotypes_vary(static_cast<double>(g.called), g.sum, g.sum_squares))
        return fill_error_rows(ErrorCode::constant_allele, m, rows);
    if (too_collinear(trait, k)) return fill_error_rows(ErrorCode::vif_too_high, m, rows);
    if (!score_rows(trait, k, rows)) return fill_error_rows(ErrorCode::vif_too_high, m, rows);
    if (!(rows[m].log10_p < std::log10(settings_.p_threshold))) return;
    if (settings_.correction == Correction::firth) return firth(trait, design(trait, k), rows);
    maximum_likelihood(trait, k, rows);
}

bool LogisticMulticolTest::too_collinear(std::size_t trait, std::size_t k) const {
    const std::size_t m = columns_.count(), r = nulls_.traits[trait].design.cols();
    const std::size_t width = traits_[trait].products.cols();
    const double* products = products_.data() + k * m * width;
    const double* gram = grams_.data() + k * m * m;
    // R'R = V'V - (Q'V)'(Q'V) with Q the orthonormal basis; (R'R)^-1_jj is 1 / V_j's residual sum of squares.
    std::vector<double> inverse(m * m);
    for (std::size_t a = 0; a < m; ++a)
        for (std::size_t b = 0; b <= a; ++b) {
            double value = 0.5 * (gram[a * m + b] + gram[b * m + a]);
            for (std::size_t c = 0; c < r; ++c) value -= products[a * width + r + 1 + c] * products[b * width + r + 1 + c];
            inverse[b * m + a] = inverse[a * m + b] = value;
        }
    if (!invert_positive(inverse, m)) return true;
    const double n = static_cast<double>(nulls_.traits[trait].rows.size());
    for (std::size_t j = 0; j < m; ++j) {
        const double s = products[j * width + 2 * r + 1];
        const double centered = gram[j * m + j] - s * s / n;
        if (centered * inverse[j * m + j] > filters_.max_vif) return true;
    }
    return false;
}

// The score test of all m columns against the null model, U' I^-1 U with U = V'(y - mu) and the efficient
// information I = V'WV - (C'WV)'(C'WV), and per column the one-step estimate I^-1 U with SE from I^-1: the Wald
// form of the same quadratic, so the joint row is exactly the score test.
bool LogisticMulticolTest::score_rows(std::size_t trait, std::size_t k, AssocResult* rows) {
    const std::size_t m = columns_.count(), r = nulls_.traits[trait].design.cols();
    const std::size_t width = traits_[trait].products.cols();
    const double* products = products_.data() + k * m * width;
    const double* weighted = weighted_grams_.data() + k * m * m;
    information_.resize(m * m);
    for (std::size_t a = 0; a < m; ++a)
        for (std::size_t b = 0; b <= a; ++b) {
            double value = 0.5 * (weighted[a * m + b] + weighted[b * m + a]);
            for (std::size_t c = 0; c < r; ++c) value -= products[a * width + c] * products[b * width + c];
            information_[b * m + a] = information_[a * m + b] = value;
        }
    if (!invert_positive(information_, m)) return false;
    estimate_.assign(m, 0.0);
    for (std::size_t a = 0; a < m; ++a)
        for (std::size_t b = 0; b < m; ++b) estimate_[a] += information_[b * m + a] * products[b * width + r];
    for (std::size_t j = 0; j <= m; ++j) rows[j].test = TestKind::score;
    return fill_wald_rows(estimate_.data(), information_.data(), m, {false, 0.0}, rows);
}

Matrix& LogisticMulticolTest::design(std::size_t trait, std::size_t k) {
    const std::vector<std::size_t>& trait_rows = nulls_.traits[trait].rows;
    const std::size_t m = columns_.count(), r = nulls_.traits[trait].design.cols();
    Matrix& x = designs_[trait];
    for (std::size_t j = 0; j < m; ++j) {
        const double* v = v_.column(k * m + j);
        double* column = x.column(r + j);
        for (std::size_t i = 0; i < trait_rows.size(); ++i) column[i] = v[trait_rows[i]];
    }
    return x;
}

// Started from the null model's Newton step: the one-step estimate for V and, for the covariates,
// -(D'WD)^-1 D'WV times it.
void LogisticMulticolTest::maximum_likelihood(std::size_t trait, std::size_t k, AssocResult* rows) {
    const LogisticNull& null = nulls_.traits[trait];
    const TraitColumns& columns = traits_[trait];
    const std::size_t m = columns_.count(), r = null.design.cols(), width = columns.products.cols();
    const double* products = products_.data() + k * m * width;
    std::vector<double> start = null.beta;
    start.resize(r + m, 0.0);
    for (std::size_t a = 0; a < r; ++a)
        for (std::size_t b = 0; b < r; ++b) {
            double moved = 0;
            for (std::size_t j = 0; j < m; ++j) moved += products[j * width + b] * estimate_[j];
            start[a] -= columns.back[b * r + a] * moved;
        }
    std::copy(estimate_.begin(), estimate_.end(), start.begin() + r);
    const Matrix& x = design(trait, k);
    const LogisticFit fit =
        fit_logistic({x, null.y, null.offset, 0, true}, LogisticPenalty::none, start, &workspace_);
    for (std::size_t j = 0; j <= m; ++j) rows[j].test = TestKind::wald;
    const std::vector<double> covariance = fit.converged ? variant_covariance(fit.covariance, r, m) : std::vector<double>{};
    if (!fit.converged || !fill_wald_rows(fit.beta.data() + r, covariance.data(), m, {false, 0.0}, rows))
        fill_error_rows(ErrorCode::fit_failed, m, rows);
}

void LogisticMulticolTest::firth(std::size_t trait, Matrix& x, AssocResult* rows) {
    const LogisticNull& null = nulls_.traits[trait];
    const std::size_t m = columns_.count(), r = null.design.cols();
    std::vector<double> start = null.firth_usable ? null.firth_beta : null.beta;
    start.resize(r + m, 0.0);
    for (std::size_t j = 0; j <= m; ++j) rows[j].test = TestKind::firth;
    const LogisticFit fit = fit_logistic({x, null.y, null.offset}, LogisticPenalty::firth, start, &workspace_);
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
        const LogisticFit constrained = fit_logistic({x, null.y, null.offset, fixed}, LogisticPenalty::firth,
                                                     constrained_start, &workspace_);
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
