#include "assoc/trait_groups.hpp"

#include <cmath>
#include <map>

#include "linalg/orthonormal_basis.hpp"

namespace ridgeway {

namespace {

TraitGroup residualize(std::vector<std::size_t> traits, std::vector<std::size_t> members, const Matrix& trait_values,
                       const Matrix& covariates) {
    TraitGroup group;
    group.traits = std::move(traits);
    group.members = std::move(members);
    group.everyone = group.members.size() == trait_values.rows();
    const std::size_t m = group.members.size();

    Matrix design(m, covariates.cols() + 1, 1.0);
    for (std::size_t c = 0; c < covariates.cols(); ++c)
        for (std::size_t i = 0; i < m; ++i) design(i, c + 1) = covariates(group.members[i], c);
    Matrix basis = orthonormal_basis(design);
    group.rank = basis.cols();

    const std::size_t n = trait_values.rows(), p = group.traits.size();
    group.basis_and_residuals = Matrix(n, group.rank + p);
    for (std::size_t c = 0; c < group.rank; ++c)
        for (std::size_t i = 0; i < m; ++i) group.basis_and_residuals(group.members[i], c) = basis(i, c);
    for (std::size_t t = 0; t < p; ++t) {
        std::vector<double> y(m);
        for (std::size_t i = 0; i < m; ++i) y[i] = trait_values(group.members[i], group.traits[t]);
        for (std::size_t c = 0; c < group.rank; ++c) {
            double projection = 0;
            for (std::size_t i = 0; i < m; ++i) projection += basis(i, c) * y[i];
            for (std::size_t i = 0; i < m; ++i) y[i] -= projection * basis(i, c);
        }
        double ss = 0;
        for (std::size_t i = 0; i < m; ++i) {
            group.basis_and_residuals(group.members[i], group.rank + t) = y[i];
            ss += y[i] * y[i];
        }
        group.residual_ss.push_back(ss);
    }
    return group;
}

}  // namespace

std::vector<TraitGroup> make_trait_groups(const Matrix& traits, const Matrix& covariates) {
    std::map<std::vector<bool>, std::vector<std::size_t>> by_pattern;
    std::vector<std::vector<bool>> order;
    for (std::size_t t = 0; t < traits.cols(); ++t) {
        std::vector<bool> observed(traits.rows());
        for (std::size_t i = 0; i < traits.rows(); ++i) observed[i] = !std::isnan(traits(i, t));
        auto [it, inserted] = by_pattern.try_emplace(observed);
        if (inserted) order.push_back(observed);
        it->second.push_back(t);
    }
    std::vector<TraitGroup> groups;
    for (const auto& pattern : order) {
        std::vector<std::size_t> members;
        for (std::size_t i = 0; i < pattern.size(); ++i)
            if (pattern[i]) members.push_back(i);
        groups.push_back(residualize(by_pattern[pattern], std::move(members), traits, covariates));
    }
    return groups;
}

}  // namespace ridgeway
