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

void LinearMulticolTest::run(const TestedBlock& tested, BlockResults& out) {
    const GenotypeBlock& block = tested.additive;  // interaction and genotypic models take the additive genotype
    const std::size_t n = block.n_samples, b = block.n_variants, p = data_.residual_ss.size(), m = columns_.count();
    if (values_.rows() != n) {
        values_ = Matrix(n, group_);
        v_ = Matrix(n, group_ * m);
    }
    out.kept.assign(b, false);
    out.results.assign(b * p * (m + 1), AssocResult{});
    std::vector<GenotypeSums> sums(group_);
    std::vector<std::size_t> kept;
    for (std::size_t first = 0; first < b; first += group_) {
        sum_and_filter_group(block, first, std::min(first + group_, b), filters_, sums, values_, out.kept, kept);
        if (kept.empty()) continue;
        // The columns over the union of the sets, their products with every set's [Q | e | 1], and their Gram.
        const std::size_t count = kept.size();
        column_pointers_.resize(count * m);
        for (std::size_t k = 0; k < count; ++k) {
            columns_.fill(block.variant(kept[k]), values_.column(k), sums[k], data_.all, v_.column(k * m));
            for (std::size_t j = 0; j < m; ++j) column_pointers_[k * m + j] = v_.column(k * m + j);
        }
        products_.resize(count * m * data_.products.cols());
        column_products(column_pointers_.data(), count * m, data_.products, products_.data());
        all_grams_.resize(count * m * m);
        for (std::size_t k = 0; k < count; ++k)
            variant_gram(v_.column(k * m), m, n, nullptr, all_grams_.data() + k * m * m);
        for (const LinearSampleSet& set : data_.sets) test_set(set, block, kept, sums.data(), out);
    }
}

void LinearMulticolTest::test_set(const LinearSampleSet& set, const GenotypeBlock& block,
                                  const std::vector<std::size_t>& kept, const GenotypeSums* sums, BlockResults& out) {
    const std::size_t n = block.n_samples, m = columns_.count(), r = data_.basis.cols(), count = kept.size();
    fits_.resize(count);
    std::vector<CalledSums> called(count);
    std::vector<Hc3Variant> robust;
    for (std::size_t k = 0; k < count; ++k) {
        called[k] = called_sums(block.variant(kept[k]), values_.column(k), sums[k], set.subset);
        const CalledSums& g = called[k];
        Fit& fit = fits_[k];
        if (!set.usable) fit.error = ErrorCode::covariates_singular;
        else if (!genotypes_vary(static_cast<double>(g.called), g.sum, g.sum_squares)) fit.error = ErrorCode::constant_allele;
        else if (set.rows <= r + m) fit.error = ErrorCode::too_few_samples;
        else fit.error = fit_columns(set, k);
        if (fit.error != ErrorCode::none) continue;
        fit_traits(set, k);
        if (options_.robust) {
            fit.meats.resize(set.traits.size() * m * m);
            robust.push_back({v_.column(k * m), fit.projection.data(), fit.inverse.data(), fit.gammas.data(),
                              fit.meats.data()});
        }
    }
    if (!robust.empty()) {
        std::vector<const double*> residuals;
        for (std::size_t t : set.traits) residuals.push_back(data_.residuals.column(t));
        const Hc3Set shared{n,        r, set.traits.size(), set.subset.in.data(), data_.basis.data(), set.leverage.data(),
                            residuals.data()};
        hc3_meats(shared, m, robust.data(), robust.size());
        std::size_t next = 0;
        for (Fit& fit : fits_)
            if (fit.error == ErrorCode::none) fit.highest = robust[next++].highest;
    }
    for (std::size_t k = 0; k < count; ++k) {
        const CalledSums& g = called[k];
        const double n_called = static_cast<double>(g.called);
        AssocResult common;
        common.n = set.rows;
        common.a1_freq = g.called > 0 ? g.sum / (2.0 * n_called) : 0.0;
        if (sums[k].dosages) common.info = mach_r2(n_called, g.sum, g.sum_squares);
        write_rows(set, k, kept[k], common, out);
    }
}

// Over the set: Q_S'V = Q'V - Q_M'V_M, V_S'V_S = V'V - V_M'V_M and the sums less M's rows; the projection of V on the
// set's covariates is Q G^-1 Q_S'V, and R'R = V_S'V_S - (Q_S'V)' G^-1 (Q_S'V).
ErrorCode LinearMulticolTest::fit_columns(const LinearSampleSet& set, std::size_t k) {
    const std::size_t n = data_.basis.rows(), m = columns_.count(), r = data_.basis.cols();
    const std::size_t width = data_.products.cols(), ones = width - 1;
    const double* products = products_.data() + k * m * width;
    const double* v = v_.column(k * m);
    Fit& fit = fits_[k];
    basis_products_.resize(r * m);
    column_sums_.resize(m);
    gram_.assign(all_grams_.begin() + k * m * m, all_grams_.begin() + (k + 1) * m * m);
    for (std::size_t j = 0; j < m; ++j) {
        std::copy(products + j * width, products + j * width + r, basis_products_.begin() + j * r);
        column_sums_[j] = products[j * width + ones];
    }
    for (std::size_t row : set.dropped)
        for (std::size_t j = 0; j < m; ++j) {
            const double value = v[j * n + row];
            column_sums_[j] -= value;
            for (std::size_t c = 0; c < r; ++c) basis_products_[j * r + c] -= data_.basis(row, c) * value;
            for (std::size_t a = 0; a < m; ++a) gram_[j * m + a] -= v[a * n + row] * value;
        }
    fit.projection = basis_products_;
    if (!set.dropped.empty()) {
        std::fill(fit.projection.begin(), fit.projection.end(), 0.0);
        for (std::size_t j = 0; j < m; ++j)
            for (std::size_t a = 0; a < r; ++a)
                for (std::size_t b = 0; b < r; ++b)
                    fit.projection[j * r + a] += set.inverse[b * r + a] * basis_products_[j * r + b];
    }
    const std::vector<double> own_gram = gram_;
    for (std::size_t a = 0; a < m; ++a)
        for (std::size_t b = 0; b <= a; ++b) {
            double value = 0.5 * (own_gram[a * m + b] + own_gram[b * m + a]);
            for (std::size_t c = 0; c < r; ++c) value -= basis_products_[a * r + c] * fit.projection[b * r + c];
            gram_[b * m + a] = gram_[a * m + b] = value;
        }
    if (!invert_gram(gram_, m, fit.inverse)) return ErrorCode::vif_too_high;
    // Each column's variance inflation: its centered sum of squares over its residual one on the covariates and the
    // other variant columns, 1 / [(R'R)^-1]_jj.
    for (std::size_t j = 0; j < m; ++j) {
        const double s = column_sums_[j], ss = own_gram[j * m + j];
        const double centered = ss - s * s / static_cast<double>(set.rows);
        if (centered * fit.inverse[j * m + j] > filters_.max_vif) return ErrorCode::vif_too_high;
    }
    return ErrorCode::none;
}

void LinearMulticolTest::fit_traits(const LinearSampleSet& set, std::size_t k) {
    const std::size_t m = columns_.count(), r = data_.basis.cols(), width = data_.products.cols();
    const std::size_t traits = set.traits.size();
    const double* products = products_.data() + k * m * width;
    Fit& fit = fits_[k];
    fit.gammas.assign(traits * m, 0.0);
    fit.rss.resize(traits);
    fit.errors.assign(traits, ErrorCode::none);
    // R'e = V_S'e: e is 0 on M's rows and orthogonal to the set's covariates.
    for (std::size_t s = 0; s < traits; ++s) {
        const std::size_t t = set.traits[s];
        const double ss = data_.residual_ss[t];
        double* gamma = fit.gammas.data() + s * m;
        double explained = 0;
        for (std::size_t a = 0; a < m; ++a)
            for (std::size_t b = 0; b < m; ++b) gamma[a] += fit.inverse[b * m + a] * products[b * width + r + t];
        for (std::size_t a = 0; a < m; ++a) explained += products[a * width + r + t] * gamma[a];
        fit.rss[s] = ss - explained;
        if (!(fit.rss[s] > 1e-14 * ss)) fit.errors[s] = ErrorCode::perfect_fit;
    }
}

void LinearMulticolTest::write_rows(const LinearSampleSet& set, std::size_t k, std::size_t v,
                                    const AssocResult& common, BlockResults& out) {
    const std::size_t m = columns_.count(), p = data_.residual_ss.size();
    const double df = static_cast<double>(set.rows) - static_cast<double>(data_.basis.cols() + m);
    const Fit& fit = fits_[k];
    for (std::size_t s = 0; s < set.traits.size(); ++s) {
        AssocResult* rows = out.results.data() + (v * p + set.traits[s]) * (m + 1);
        std::fill(rows, rows + m + 1, common);
        const ErrorCode error = fit.error != ErrorCode::none ? fit.error : fit.errors[s];
        if (error != ErrorCode::none) {
            fill_error_rows(error, m, rows);
            continue;
        }
        covariance_.resize(m * m);
        if (!options_.robust) {
            for (std::size_t i = 0; i < m * m; ++i) covariance_[i] = fit.inverse[i] * fit.rss[s] / df;
        } else if (!(fit.highest < 1.0 - 1e-10)) {
            fill_error_rows(ErrorCode::high_leverage, m, rows);
            continue;
        } else {
            sandwich(fit.inverse.data(), fit.meats.data() + s * m * m, m, half_, covariance_.data());
        }
        if (!fill_wald_rows(fit.gammas.data() + s * m, covariance_.data(), m, {options_.t_reference, df}, rows))
            fill_error_rows(ErrorCode::vif_too_high, m, rows);
    }
}

}  // namespace ridgeway
