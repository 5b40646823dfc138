#include "multicol/linear_model_data.hpp"

#include <algorithm>
#include <cmath>

#include <lapacke.h>

#include "assoc/trait_set.hpp"
#include "linalg/orthonormal_basis.hpp"

namespace ridgeway {

namespace {

// G^-1 and the leverages of a set from its missing rows' part of Q.
void downdate(const Matrix& basis, LinearSampleSet& set) {
    const std::size_t n = basis.rows(), r = basis.cols();
    Matrix gram(r, r);
    for (std::size_t a = 0; a < r; ++a) {
        gram(a, a) = 1.0;
        for (std::size_t b = 0; b < r; ++b)
            for (std::size_t row : set.dropped) gram(a, b) -= basis(row, a) * basis(row, b);
    }
    Matrix factor;
    set.leverage.assign(n, 0.0);
    set.usable = factor_gram(gram, factor);
    if (!set.usable) return;
    set.inverse.assign(factor.data(), factor.data() + r * r);
    const auto size = static_cast<lapack_int>(r);
    LAPACKE_dpotri(LAPACK_COL_MAJOR, 'L', size, set.inverse.data(), size);
    for (std::size_t a = 0; a < r; ++a)
        for (std::size_t b = a + 1; b < r; ++b) set.inverse[b * r + a] = set.inverse[a * r + b];
    for (std::size_t i = 0; i < n; ++i) {
        if (set.subset.in[i] == 0) continue;
        double h = 0;
        for (std::size_t a = 0; a < r; ++a)
            for (std::size_t b = 0; b < r; ++b) h += basis(i, a) * set.inverse[b * r + a] * basis(i, b);
        set.leverage[i] = h;
    }
}

bool same_rows(const std::vector<std::uint8_t>& in, const SampleSubset& subset) {
    for (std::size_t i = 0; i < in.size(); ++i)
        if ((in[i] != 0) != (subset.in[i] != 0)) return false;
    return true;
}

}  // namespace

LinearModelData prepare_linear_model(const Matrix& traits, const Matrix& covariates) {
    const std::size_t n = traits.rows(), p = traits.cols();
    LinearModelData data;
    data.set_of.resize(p);
    data.residuals = Matrix(n, p);
    data.residual_ss.resize(p);
    std::vector<std::uint8_t> any(n, 0);
    for (std::size_t t = 0; t < p; ++t)
        for (std::size_t i = 0; i < n; ++i) any[i] |= !std::isnan(traits(i, t));
    std::vector<std::size_t> union_rows;
    for (std::size_t i = 0; i < n; ++i)
        if (any[i]) union_rows.push_back(i);
    const Matrix local = intercept_and_covariates_basis(covariates, union_rows);
    const std::size_t r = local.cols();
    data.basis = Matrix(n, r);
    for (std::size_t c = 0; c < r; ++c)
        for (std::size_t k = 0; k < union_rows.size(); ++k) data.basis(union_rows[k], c) = local(k, c);
    data.all = make_subset(any);
    for (std::size_t t = 0; t < p; ++t) {
        std::vector<std::uint8_t> in(n);
        for (std::size_t i = 0; i < n; ++i) in[i] = !std::isnan(traits(i, t));
        // The set of the traits with the same samples (few sets: a linear search).
        std::size_t index = 0;
        while (index < data.sets.size() && !same_rows(in, data.sets[index].subset)) ++index;
        if (index == data.sets.size()) {
            LinearSampleSet set;
            for (std::size_t i = 0; i < n; ++i) {
                set.rows += in[i];
                if (any[i] && !in[i]) set.dropped.push_back(i);
            }
            set.subset = make_subset(std::move(in));
            downdate(data.basis, set);
            data.sets.push_back(std::move(set));
        }
        LinearSampleSet& set = data.sets[index];
        set.traits.push_back(t);
        data.set_of[t] = index;
        // The trait's residual over its own samples, on their own basis of the covariates.
        std::vector<std::size_t> rows;
        for (std::size_t i = 0; i < n; ++i)
            if (set.subset.in[i] != 0) rows.push_back(i);
        const Matrix own = intercept_and_covariates_basis(covariates, rows);
        std::vector<double> y(rows.size());
        for (std::size_t k = 0; k < rows.size(); ++k) y[k] = traits(rows[k], t);
        project_out(own, y.data());
        double* e = data.residuals.column(t);
        double ss = 0;
        for (std::size_t k = 0; k < rows.size(); ++k) e[rows[k]] = y[k], ss += y[k] * y[k];
        data.residual_ss[t] = ss;
    }
    data.products = Matrix(n, r + p + 1);
    std::copy(data.basis.data(), data.basis.data() + n * r, data.products.data());
    std::copy(data.residuals.data(), data.residuals.data() + n * p, data.products.column(r));
    std::copy(data.all.in.begin(), data.all.in.end(), data.products.column(r + p));
    return data;
}

}  // namespace ridgeway
