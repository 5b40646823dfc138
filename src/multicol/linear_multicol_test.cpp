#include "multicol/linear_multicol_test.hpp"

#include <algorithm>
#include <cmath>

#include <cblas.h>
#include <lapacke.h>

#include "multicol/wald_rows.hpp"

namespace ridgeway {

namespace {

constexpr std::size_t kChunk = 16;  // variants residualized by one pair of matrix products

// (R'R)^-1 from R'R (m x m, lower triangle filled); false when R'R is not positive definite.
bool invert_gram(std::vector<double>& gram, std::size_t m, std::vector<double>& inverse) {
    inverse = gram;
    const auto size = static_cast<lapack_int>(m);
    if (LAPACKE_dpotrf(LAPACK_COL_MAJOR, 'L', size, inverse.data(), size) != 0) return false;
    for (std::size_t j = 0; j < m; ++j)
        if (!(inverse[j * m + j] > 0)) return false;
    LAPACKE_dpotri(LAPACK_COL_MAJOR, 'L', size, inverse.data(), size);
    for (std::size_t a = 0; a < m; ++a)
        for (std::size_t b = a + 1; b < m; ++b) inverse[b * m + a] = inverse[a * m + b];
    return true;
}

double dot(const double* a, const double* b, std::size_t n) {
    double sum = 0;
    for (std::size_t i = 0; i < n; ++i) sum += a[i] * b[i];
    return sum;
}

}  // namespace

LinearMulticolTest::LinearMulticolTest(const LinearModelData& data, const VariantColumns& columns,
                                       VariantFilters filters, LinearMulticolOptions options)
    : data_(data), columns_(columns), filters_(filters), options_(options) {}

void LinearMulticolTest::run(const TestedBlock& tested, BlockResults& out) {
    const GenotypeBlock& block = tested.additive;  // interaction and genotypic models take the additive genotype
    const std::size_t n = block.n_samples, b = block.n_variants, p = data_.residual_ss.size();
    const std::size_t rows = columns_.count() + 1;
    if (values_.rows() != n) {
        values_ = Matrix(n, kChunk);
        v_ = Matrix(n, kChunk * columns_.count());
    }
    out.kept.assign(b, false);
    out.results.assign(b * p * rows, AssocResult{});
    GenotypeSums sums[kChunk];
    std::vector<std::size_t> kept;
    for (std::size_t first = 0; first < b; first += kChunk) {
        kept.clear();
        for (std::size_t v = first; v < std::min(first + kChunk, b); ++v) {
            const std::size_t k = kept.size();
            sum_genotypes(block, v, sums[k], values_.column(k));
            out.kept[v] = passes_filters(filters_, sums[k], n);
            if (out.kept[v]) kept.push_back(v);
        }
        if (kept.empty()) continue;
        for (const LinearSampleSet& set : data_.sets) test_set(set, block, kept, sums, out);
    }
}

void LinearMulticolTest::test_set(const LinearSampleSet& set, const GenotypeBlock& block,
                                  const std::vector<std::size_t>& kept, const GenotypeSums* sums, BlockResults& out) {
    const std::size_t n = block.n_samples, m = columns_.count(), r = set.basis.cols(), count = kept.size();
    const std::size_t p = data_.residual_ss.size(), rows = m + 1;
    column_sums_.resize(kChunk * m);
    column_squares_.resize(kChunk * m);
    std::vector<CalledSums> called(count);
    for (std::size_t k = 0; k < count; ++k)
        called[k] = columns_.fill(block.variant(kept[k]), values_.column(k), set.in.data(), n, v_.column(k * m),
                                  column_sums_.data() + k * m, column_squares_.data() + k * m);
    const auto nn = static_cast<int>(n), cols = static_cast<int>(count * m), rank = static_cast<int>(r);
    if (products_.rows() != r || products_.cols() < count * m) products_ = Matrix(r, kChunk * m);
    if (r > 0) {
        cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, rank, cols, nn, 1.0, set.basis.data(), nn, v_.data(), nn,
                    0.0, products_.data(), rank);
        cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, nn, cols, rank, -1.0, set.basis.data(), nn,
                    products_.data(), rank, 1.0, v_.data(), nn);
    }
    for (std::size_t k = 0; k < count; ++k) {
        const std::size_t v = kept[k];
        const CalledSums& g = called[k];
        const double n_called = static_cast<double>(g.called);
        AssocResult common;
        common.n = set.rows;
        common.a1_freq = g.called > 0 ? g.sum / (2.0 * n_called) : 0.0;
        if (sums[k].dosages) common.info = mach_r2(n_called, g.sum, g.sum_squares);
        ErrorCode error = ErrorCode::none;
        const double* residualized = v_.column(k * m);
        if (!genotypes_vary(n_called, g.sum, g.sum_squares)) error = ErrorCode::constant_allele;
        else if (set.rows <= r + m) error = ErrorCode::too_few_samples;
        if (error == ErrorCode::none) {
            gram_.assign(m * m, 0.0);
            for (std::size_t a = 0; a < m; ++a)
                for (std::size_t b = 0; b <= a; ++b) gram_[b * m + a] = dot(residualized + a * n, residualized + b * n, n);
            if (!invert_gram(gram_, m, inverse_)) error = ErrorCode::vif_too_high;
            // Each column's variance inflation: its centered sum of squares over its residual one on the covariates
            // and the other variant columns, 1 / [(R'R)^-1]_jj.
            for (std::size_t j = 0; j < m && error == ErrorCode::none; ++j) {
                const double s = column_sums_[k * m + j], ss = column_squares_[k * m + j];
                const double centered = ss - s * s / static_cast<double>(set.rows);
                if (centered * inverse_[j * m + j] > filters_.max_vif) error = ErrorCode::vif_too_high;
            }
        }
        for (std::size_t t : set.traits) {
            AssocResult* result = out.results.data() + (v * p + t) * rows;
            std::fill(result, result + rows, common);
            if (error != ErrorCode::none) fill_error_rows(error, m, result);
            else test_trait(t, set, residualized, inverse_.data(), result);
        }
    }
}

void LinearMulticolTest::test_trait(std::size_t trait, const LinearSampleSet& set, const double* r,
                                    const double* inverse, AssocResult* rows) {
    const std::size_t n = set.in.size(), m = columns_.count(), k = set.basis.cols();
    const double* e = data_.residuals.column(trait);
    re_.assign(m, 0.0);
    for (std::size_t j = 0; j < m; ++j) re_[j] = dot(r + j * n, e, n);
    gamma_.assign(m, 0.0);
    for (std::size_t a = 0; a < m; ++a)
        for (std::size_t b = 0; b < m; ++b) gamma_[a] += inverse[b * m + a] * re_[b];
    double explained = 0;
    for (std::size_t j = 0; j < m; ++j) explained += re_[j] * gamma_[j];
    const double rss = data_.residual_ss[trait] - explained;
    const double df = static_cast<double>(set.rows - k - m);
    if (!(rss > 1e-14 * data_.residual_ss[trait])) return fill_error_rows(ErrorCode::perfect_fit, m, rows);
    covariance_.assign(inverse, inverse + m * m);
    if (!options_.robust) {
        for (double& c : covariance_) c *= rss / df;
    } else {
        std::vector<double> meat(m * m, 0.0);
        const double highest = m == 2 ? hc3_meat2(set, r, e, inverse, meat.data()) : hc3_meat(set, r, e, inverse, meat);
        if (!(highest < 1.0 - 1e-10)) return fill_error_rows(ErrorCode::high_leverage, m, rows);
        // (R'R)^-1 meat (R'R)^-1
        std::vector<double> half(m * m, 0.0);
        for (std::size_t a = 0; a < m; ++a)
            for (std::size_t b = 0; b < m; ++b)
                for (std::size_t c = 0; c < m; ++c) half[b * m + a] += inverse[c * m + a] * meat[b * m + c];
        std::fill(covariance_.begin(), covariance_.end(), 0.0);
        for (std::size_t a = 0; a < m; ++a)
            for (std::size_t b = 0; b < m; ++b)
                for (std::size_t c = 0; c < m; ++c) covariance_[b * m + a] += half[c * m + a] * inverse[b * m + c];
    }
    if (!fill_wald_rows(gamma_.data(), covariance_.data(), m, {options_.t_reference, df}, rows))
        fill_error_rows(ErrorCode::vif_too_high, m, rows);
}

// HC3's meat R' diag(u_i^2 / (1 - h_i)^2) R in one pass over the rows, u = e - R gamma, h_i = |Q_i|^2 +
// r_i'(R'R)^-1 r_i; returns the largest leverage. Any number of columns.
double LinearMulticolTest::hc3_meat(const LinearSampleSet& set, const double* r, const double* e,
                                    const double* inverse, std::vector<double>& meat) const {
    const std::size_t n = set.in.size(), m = columns_.count();
    double highest = 0;
    std::vector<double> row(m);
    for (std::size_t i = 0; i < n; ++i) {
        if (!set.in[i]) continue;
        double u = e[i], h = set.leverage[i];
        for (std::size_t j = 0; j < m; ++j) row[j] = r[j * n + i], u -= row[j] * gamma_[j];
        for (std::size_t a = 0; a < m; ++a)
            for (std::size_t b = 0; b < m; ++b) h += row[a] * inverse[b * m + a] * row[b];
        highest = std::max(highest, h);
        const double w = u * u / ((1.0 - h) * (1.0 - h));
        for (std::size_t a = 0; a < m; ++a)
            for (std::size_t b = 0; b < m; ++b) meat[b * m + a] += w * row[a] * row[b];
    }
    return highest;
}

// The same for two columns (G and one G x E, or ADD and DOMDEV), unrolled so that the loop vectorizes. Rows outside
// the set have r = e = leverage = 0 and add nothing.
double LinearMulticolTest::hc3_meat2(const LinearSampleSet& set, const double* r, const double* e,
                                     const double* inverse, double* meat) const {
    const std::size_t n = set.in.size();
    const double* r0 = r;
    const double* r1 = r + n;
    const double* leverage = set.leverage.data();
    const double g0 = gamma_[0], g1 = gamma_[1], p00 = inverse[0], p01 = inverse[2], p11 = inverse[3];
    double highest = 0, m00 = 0, m01 = 0, m11 = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double a = r0[i], b = r1[i];
        const double u = e[i] - a * g0 - b * g1;
        const double h = leverage[i] + a * a * p00 + 2.0 * a * b * p01 + b * b * p11;
        highest = std::max(highest, h);
        const double remaining = 1.0 - h;
        const double w = u * u / (remaining * remaining);
        m00 += w * a * a;
        m01 += w * a * b;
        m11 += w * b * b;
    }
    meat[0] = m00;
    meat[1] = meat[2] = m01;
    meat[3] = m11;
    return highest;
}

}  // namespace ridgeway
