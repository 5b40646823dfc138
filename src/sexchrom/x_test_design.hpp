#pragma once
// The model of step 2's tests of non-PAR X variants, as PLINK 2 --glm fits it: the covariates plus sex (1 male, 0
// female), and the samples of unknown sex left out. Sex is not added when it is constant among the samples of known
// sex (--sex-specific) or already spanned by the covariates (a SEX covariate).
#include <optional>
#include <string>
#include <vector>

#include "linalg/matrix.hpp"
#include "samples/cohort.hpp"

namespace ridgeway {

class RunLog;

struct XTestDesign {
    Matrix covariates;           // cohort rows x (covariates [+ sex])
    std::vector<bool> excluded;  // per cohort row: sex unknown
    bool sex_added = false;
    std::string describe() const;
};

XTestDesign x_test_design(const Cohort& cohort);

// `traits` with the excluded rows missing (NaN).
Matrix without_excluded(const Matrix& traits, const std::vector<bool>& excluded);

// What one run of step 2's tests fits: the traits as given and the cohort's covariates, or for a run of non-PAR X
// variants x_test_design's covariates with its excluded samples' traits missing (its description logged).
struct RunDesign {
    Matrix traits;
    std::optional<XTestDesign> x;
    const Matrix& covariates(const Cohort& cohort) const { return x ? x->covariates : cohort.covariates; }
};
RunDesign run_design(Matrix traits, const Cohort& cohort, bool x_nonpar, RunLog& log);

}  // namespace ridgeway
