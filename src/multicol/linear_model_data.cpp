#include "multicol/linear_model_data.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "linalg/orthonormal_basis.hpp"

namespace ridgeway {

namespace {

void fill_products(LinearSampleSet& set, const Matrix& residuals) {
    const std::size_t n = set.basis.rows(), r = set.basis.cols(), p = set.traits.size();
    set.products = Matrix(n, r + p + 1);
    std::copy(set.basis.data(), set.basis.data() + n * r, set.products.data());
    for (std::size_t k = 0; k < p; ++k) {
        const double* e = residuals.column(set.traits[k]);
        std::copy(e, e + n, set.products.column(r + k));
    }
    std::copy(set.subset.in.begin(), set.subset.in.end(), set.products.column(r + p));
}

}  // namespace

LinearModelData prepare_linear_model(const Matrix& traits, const Matrix& covariates) {
    const std::size_t n = traits.rows(), p = traits.cols();
    LinearModelData data;
    data.set_of.resize(p);
    data.residuals = Matrix(n, p);
    data.residual_ss.resize(p);
    std::map<std::vector<std::uint8_t>, std::size_t> set_index;
    for (std::size_t t = 0; t < p; ++t) {
        std::vector<std::uint8_t> in(n);
        for (std::size_t i = 0; i < n; ++i) in[i] = !std::isnan(traits(i, t));
        auto [it, added] = set_index.emplace(in, data.sets.size());
        if (added) {
            LinearSampleSet set;
            std::vector<std::size_t> rows;
            for (std::size_t i = 0; i < n; ++i)
                if (in[i]) rows.push_back(i);
            const Matrix local = intercept_and_covariates_basis(covariates, rows);
            set.subset = make_subset(std::move(in));
            set.rows = rows.size();
            set.basis = Matrix(n, local.cols());
            set.leverage.assign(n, 0.0);
            for (std::size_t c = 0; c < local.cols(); ++c)
                for (std::size_t k = 0; k < rows.size(); ++k) {
                    set.basis(rows[k], c) = local(k, c);
                    set.leverage[rows[k]] += local(k, c) * local(k, c);
                }
            data.sets.push_back(std::move(set));
        }
        LinearSampleSet& set = data.sets[it->second];
        set.traits.push_back(t);
        data.set_of[t] = it->second;
        double* e = data.residuals.column(t);
        for (std::size_t i = 0; i < n; ++i) e[i] = set.subset.in[i] != 0 ? traits(i, t) : 0.0;
        project_out(set.basis, e);
        double ss = 0;
        for (std::size_t i = 0; i < n; ++i) ss += e[i] * e[i];
        data.residual_ss[t] = ss;
    }
    for (LinearSampleSet& set : data.sets) fill_products(set, data.residuals);
    return data;
}

}  // namespace ridgeway
