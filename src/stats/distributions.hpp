#pragma once
// Tail probabilities in log space, so that p-values far below the double range (1e-400 and smaller) stay exact.
#include <string>

namespace ridgeway {

// log P(|T| >= |t|) for Student's t with `df` degrees of freedom.
double log_p_two_sided_t(double t, double df);
// log P(|Z| >= |z|) for a standard normal.
double log_p_two_sided_normal(double z);
// log P(X >= x) for a chi-square with one degree of freedom.
double log_p_chisq1(double x);

// A p-value given as log10 p, with 6 significant digits ("7.94328e-401").
std::string format_p_from_log10(double log10_p);

}  // namespace ridgeway
