#pragma once
// The rank-based inverse normal transformation (RINT) of quantitative traits (--apply-rint, and of their covariate
// residuals for --apply-rerint): each of the n non-missing values becomes Phi^-1((r - 3/8) / (n + 1/4)), r its rank
// among them, tied values sharing their mean rank. The offset is Blom's, the one regenie's --apply-rint uses.
#include <cstddef>

namespace ridgeway {

class RunLog;
struct Cohort;

// Transforms the non-missing (non-NaN) values of values[0, n) in place; NaN stays NaN.
void rank_inverse_normal(double* values, std::size_t n);

// --apply-rint: every trait of the cohort over its own non-missing samples, before step 1 and step 2 (a log line).
void apply_rint(Cohort& cohort, RunLog& log);

}  // namespace ridgeway
