#pragma once
// The model of step 2's tests of non-PAR X variants, as PLINK 2 --glm fits it: the covariates plus sex (1 male, 0
// female), and the samples of unknown sex left out. Sex is not added when it is constant among the samples of known
// sex (--sex-specific) or already spanned by the covariates (a SEX covariate).
#include <string>
#include <vector>

#include "linalg/matrix.hpp"
#include "samples/cohort.hpp"

namespace ridgeway {

struct XTestDesign {
    Matrix covariates;           // cohort rows x (covariates [+ sex])
    std::vector<bool> excluded;  // per cohort row: sex unknown
    bool sex_added = false;
    std::string describe() const;
};

XTestDesign x_test_design(const Cohort& cohort);

// `traits` with the excluded rows missing (NaN).
Matrix without_excluded(const Matrix& traits, const std::vector<bool>& excluded);

}  // namespace ridgeway
