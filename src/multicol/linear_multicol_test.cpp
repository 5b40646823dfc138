#include "multicol/linear_multicol_test.hpp"

#include <algorithm>
#include <cmath>

#include <lapacke.h>

#include "linalg/genotype_kernels.hpp"
#include "multicol/hc3_kernel.hpp"
#include "multicol/wald_rows.hpp"

namespace ridgeway {

namespace {

// (R'R)^-1 from R'R (m x m, both triangles filled); false when R'R is not positive definite.
bool invert_gram(const std::vector<double>& gram, std::size_t m, std::vector<double>& inverse) {
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

// out = a b a (m x m, column-major, a symmetric): HC3's sandwich.
void sandwich(const double* a, const double* b, std::size_t m, std::vector<double>& half, double* out) {
    half.assign(m * m, 0.0);
    for (std::size_t i = 0; i < m; ++i)
        for (std::size_t j = 0; j < m; ++j)
            for (std::size_t c = 0; c < m; ++c) half[j * m + i] += a[c * m + i] * b[j * m + c];
    std::fill(out, out + m * m, 0.0);
    for (std::size_t i = 0; i < m; ++i)
        for (std::size_t j = 0; j < m; ++j)
            for (std::size_t c = 0; c < m; ++c) out[j * m + i] += half[c * m + i] * a[j * m + c];
}

}  // namespace

LinearMulticolTest::LinearMulticolTest(const LinearModelData& data, const VariantColumns& columns,
                                       VariantFilters filters, LinearMulticolOptions options)
    : data_(data), columns_(columns), filters_(filters), options_(options),
      group_(std::max<std::size_t>(1, kDotVariants / columns.count())) {}

void LinearMulticolTest::run(const GenotypeBlock& block, BlockResults& out) {
    const std::size_t n = block.n_samples, b = block.n_variants, p = data_.residual_ss.size();
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
        kept.clear();
        for (std::size_t v = first; v < std::min(first + group_, b); ++v) {
            const std::size_t k = kept.size();
            sum_genotypes(block, v, sums[k], values_.column(k));
            out.kept[v] = passes_filters(filters_, sums[k], n);
            if (out.kept[v]) kept.push_back(v);
        }
        if (kept.empty()) continue;
        for (const LinearSampleSet& set : data_.sets) test_set(set, block, kept, sums.data(), out);
    }
}

void LinearMulticolTest::test_set(const LinearSampleSet& set, const GenotypeBlock& block,
                                  const std::vector<std::size_t>& kept, const GenotypeSums* sums, BlockResults& out) {
    const std::size_t n = block.n_samples, m = columns_.count(), r = set.basis.cols(), count = kept.size();
    std::vector<CalledSums> called(count);
    column_pointers_.resize(count * m);
    const double** columns = column_pointers_.data();
    for (std::size_t k = 0; k < count; ++k) {
        called[k] = columns_.fill(block.variant(kept[k]), values_.column(k), sums[k], set.subset, v_.column(k * m));
        for (std::size_t j = 0; j < m; ++j) columns[k * m + j] = v_.column(k * m + j);
    }
    products_.resize(count * m * set.products.cols());
    column_products(columns, count * m, set.products, products_.data());
    grams_.resize(count * m * m);
    for (std::size_t k = 0; k < count; ++k)
        column_products(columns + k * m, m, v_.column(k * m), m, n, grams_.data() + k * m * m);
    for (std::size_t k = 0; k < count; ++k) {
        const CalledSums& g = called[k];
        const double n_called = static_cast<double>(g.called);
        AssocResult common;
        common.n = set.rows;
        common.a1_freq = g.called > 0 ? g.sum / (2.0 * n_called) : 0.0;
        if (sums[k].dosages) common.info = mach_r2(n_called, g.sum, g.sum_squares);
        ErrorCode error = ErrorCode::none;
        if (!genotypes_vary(n_called, g.sum, g.sum_squares)) error = ErrorCode::constant_allele;
        else if (set.rows <= r + m) error = ErrorCode::too_few_samples;
        else error = fit_columns(set, k);
        if (error == ErrorCode::none) {
            test_traits(set, k, kept[k], common, out);
            continue;
        }
        const std::size_t p = data_.residual_ss.size();
        for (std::size_t t : set.traits) {
            AssocResult* result = out.results.data() + (kept[k] * p + t) * (m + 1);
            std::fill(result, result + m + 1, common);
            fill_error_rows(error, m, result);
        }
    }
}

ErrorCode LinearMulticolTest::fit_columns(const LinearSampleSet& set, std::size_t k) {
    const std::size_t m = columns_.count(), r = set.basis.cols(), width = set.products.cols();
    const double* products = products_.data() + k * m * width;
    const double* gram = grams_.data() + k * m * m;
    projection_.resize(r * m);
    for (std::size_t j = 0; j < m; ++j)
        std::copy(products + j * width, products + j * width + r, projection_.begin() + j * r);
    // R'R = V'V - (Q'V)'(Q'V), symmetrized.
    gram_.resize(m * m);
    for (std::size_t a = 0; a < m; ++a)
        for (std::size_t b = 0; b <= a; ++b) {
            double value = 0.5 * (gram[a * m + b] + gram[b * m + a]);
            for (std::size_t c = 0; c < r; ++c) value -= projection_[a * r + c] * projection_[b * r + c];
            gram_[b * m + a] = gram_[a * m + b] = value;
        }
    if (!invert_gram(gram_, m, inverse_)) return ErrorCode::vif_too_high;
    // Each column's variance inflation: its centered sum of squares over its residual one on the covariates and the
    // other variant columns, 1 / [(R'R)^-1]_jj.
    for (std::size_t j = 0; j < m; ++j) {
        const double s = products[j * width + width - 1], ss = gram[j * m + j];
        const double centered = ss - s * s / static_cast<double>(set.rows);
        if (centered * inverse_[j * m + j] > filters_.max_vif) return ErrorCode::vif_too_high;
    }
    return ErrorCode::none;
}

void LinearMulticolTest::test_traits(const LinearSampleSet& set, std::size_t k, std::size_t v,
                                     const AssocResult& common, BlockResults& out) {
    const std::size_t m = columns_.count(), r = set.basis.cols(), width = set.products.cols();
    const std::size_t p = data_.residual_ss.size(), traits = set.traits.size();
    const double* products = products_.data() + k * m * width;
    const double df = static_cast<double>(set.rows - r - m);
    gammas_.assign(traits * m, 0.0);
    std::vector<ErrorCode> errors(traits, ErrorCode::none);
    std::vector<double> rss(traits);
    for (std::size_t s = 0; s < traits; ++s) {
        const std::size_t t = set.traits[s];
        double* gamma = gammas_.data() + s * m;
        double explained = 0;
        for (std::size_t a = 0; a < m; ++a) {
            for (std::size_t b = 0; b < m; ++b) gamma[a] += inverse_[b * m + a] * products[b * width + r + s];
        }
        for (std::size_t a = 0; a < m; ++a) explained += products[a * width + r + s] * gamma[a];
        rss[s] = data_.residual_ss[t] - explained;
        if (!(rss[s] > 1e-14 * data_.residual_ss[t])) errors[s] = ErrorCode::perfect_fit;
    }
    double highest = 0;
    if (options_.robust) {
        meats_.assign(traits * m * m, 0.0);
        std::vector<const double*> residuals(traits), gammas(traits);
        std::vector<double*> meats(traits);
        for (std::size_t s = 0; s < traits; ++s) {
            residuals[s] = data_.residuals.column(set.traits[s]);
            gammas[s] = gammas_.data() + s * m;
            meats[s] = meats_.data() + s * m * m;
        }
        const Hc3Variant variant{set.subset.in.size(), r, m, set.basis.data(), set.leverage.data(),
                                 v_.column(k * m), projection_.data(), inverse_.data()};
        highest = hc3_meats(variant, residuals.data(), gammas.data(), traits, meats.data());
    }
    for (std::size_t s = 0; s < traits; ++s) {
        AssocResult* rows = out.results.data() + (v * p + set.traits[s]) * (m + 1);
        std::fill(rows, rows + m + 1, common);
        if (errors[s] != ErrorCode::none) {
            fill_error_rows(errors[s], m, rows);
            continue;
        }
        covariance_.resize(m * m);
        if (!options_.robust) {
            for (std::size_t i = 0; i < m * m; ++i) covariance_[i] = inverse_[i] * rss[s] / df;
        } else if (!(highest < 1.0 - 1e-10)) {
            fill_error_rows(ErrorCode::high_leverage, m, rows);
            continue;
        } else {
            sandwich(inverse_.data(), meats_.data() + s * m * m, m, half_, covariance_.data());
        }
        if (!fill_wald_rows(gammas_.data() + s * m, covariance_.data(), m, {options_.t_reference, df}, rows))
            fill_error_rows(ErrorCode::vif_too_high, m, rows);
    }
}

}  // namespace ridgeway
