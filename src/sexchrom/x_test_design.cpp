#include "sexchrom/x_test_design.hpp"

#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "core/run_log.hpp"
#include "linalg/orthonormal_basis.hpp"

namespace ridgeway {

namespace {

// Whether `values` (over `rows`) lies, to rounding, in the span of an intercept and the covariates.
bool spanned(const Matrix& covariates, const std::vector<std::size_t>& rows, std::vector<double> values) {
    const Matrix basis = intercept_and_covariates_basis(covariates, rows);
    double before = 0, after = 0;
    for (double v : values) before += v * v;
    project_out(basis, values.data());
    for (double v : values) after += v * v;
    return after <= 1e-10 * before;
}

}  // namespace

std::string XTestDesign::describe() const {
    std::size_t left_out = 0;
    for (bool e : excluded) left_out += e;
    return fmt::format("non-PAR chromosome X tested with {}{}",
                       sex_added ? "sex added as a covariate" : "no sex covariate (sex constant or already a covariate)",
                       left_out ? fmt::format("; {} samples of unknown sex left out", left_out) : "");
}

XTestDesign x_test_design(const Cohort& cohort) {
    XTestDesign design;
    const std::size_t n = cohort.sample_indices.size();
    design.excluded.assign(n, true);
    std::vector<std::size_t> known;
    std::vector<double> sex;
    for (std::size_t i = 0; i < n && i < cohort.sexes.size(); ++i) {
        if (cohort.sexes[i] == Sex::unknown) continue;
        design.excluded[i] = false;
        known.push_back(i);
        sex.push_back(cohort.sexes[i] == Sex::male ? 1.0 : 0.0);
    }
    design.sex_added = !known.empty() && !spanned(cohort.covariates, known, sex);
    design.covariates = Matrix(n, cohort.covariates.cols() + design.sex_added);
    std::copy(cohort.covariates.data(), cohort.covariates.data() + n * cohort.covariates.cols(),
              design.covariates.data());
    if (design.sex_added)
        for (std::size_t i = 0; i < n; ++i)
            design.covariates(i, cohort.covariates.cols()) = cohort.sexes[i] == Sex::male ? 1.0 : 0.0;
    return design;
}

Matrix without_excluded(const Matrix& traits, const std::vector<bool>& excluded) {
    Matrix out = traits;
    for (std::size_t i = 0; i < out.rows(); ++i)
        if (excluded[i])
            for (std::size_t t = 0; t < out.cols(); ++t) out(i, t) = std::numeric_limits<double>::quiet_NaN();
    return out;
}

}  // namespace ridgeway

namespace ridgeway {

RunDesign run_design(Matrix traits, const Cohort& cohort, bool x_nonpar, RunLog& log) {
    RunDesign design{std::move(traits), std::nullopt};
    if (!x_nonpar) return design;
    design.x = x_test_design(cohort);
    log.info(design.x->describe());
    design.traits = without_excluded(design.traits, design.x->excluded);
    return design;
}

}  // namespace ridgeway
