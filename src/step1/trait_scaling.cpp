#include "step1/trait_scaling.hpp"

#include <cmath>

#include "core/error.hpp"
#include "linalg/orthonormal_basis.hpp"

namespace ridgeway {

ScaledTraits scale_traits(const Cohort& cohort) {
    const Matrix& traits = cohort.traits;
    const Matrix& covariates = cohort.covariates;
    const std::size_t n = traits.rows();
    ScaledTraits scaled{Matrix(n, traits.cols()), {}, {}};
    for (std::size_t t = 0; t < traits.cols(); ++t) {
        std::vector<std::size_t> rows;
        std::vector<bool> observed(n, false);
        for (std::size_t i = 0; i < n; ++i)
            if (!std::isnan(traits(i, t))) rows.push_back(i), observed[i] = true;
        Matrix basis = intercept_and_covariates_basis(covariates, rows);
        std::vector<double> e(rows.size());
        for (std::size_t k = 0; k < rows.size(); ++k) e[k] = traits(rows[k], t);
        project_out(basis, e.data());
        double ss = 0;
        for (double v : e) ss += v * v;
        if (rows.size() <= basis.cols() || !(ss > 0)) throw Error(ErrorKind::inconsistent,
                        "trait " + cohort.trait_names[t] + " has no variance left after the covariates");
        const double scale = std::sqrt(ss / static_cast<double>(rows.size() - basis.cols()));
        for (std::size_t k = 0; k < rows.size(); ++k) scaled.values(rows[k], t) = e[k] / scale;
        scaled.scales.push_back(scale);
        scaled.observed.push_back(std::move(observed));
    }
    return scaled;
}

}  // namespace ridgeway
