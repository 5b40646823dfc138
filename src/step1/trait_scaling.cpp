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
        const OwnRowsResidual residual = residual_over_own_rows(covariates, traits.column(t));
        const std::vector<std::size_t>& rows = residual.rows;
        std::vector<bool> observed(n, false);
        for (std::size_t row : rows) observed[row] = true;
        double ss = 0;
        for (double v : residual.values) ss += v * v;
        if (rows.size() <= residual.rank || !(ss > 0)) throw Error(ErrorKind::inconsistent,
                        "trait " + cohort.trait_names[t] + " has no variance left after the covariates");
        const double scale = std::sqrt(ss / static_cast<double>(rows.size() - residual.rank));
        for (std::size_t k = 0; k < rows.size(); ++k) scaled.values(rows[k], t) = residual.values[k] / scale;
        scaled.scales.push_back(scale);
        scaled.observed.push_back(std::move(observed));
    }
    return scaled;
}

}  // namespace ridgeway
