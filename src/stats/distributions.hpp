#pragma once
// Tail probabilities in log space, so that p-values far below the double range (1e-400 and smaller) stay exact.
#include <string>

namespace ridgeway {

// log P(|T| >= |t|) for Student's t with `df` > 0 degrees of freedom (non-integer allowed, infinity gives the
// normal). 0 for t = 0; NaN for NaN input or df <= 0.
double log_p_two_sided_t(double t, double df);
// log P(|Z| >= |z|) for a standard normal.
double log_p_two_sided_normal(double z);
// log P(X >= x) for a chi-square with one degree of freedom, x >= 0.
double log_p_chisq1(double x);
// log P(X >= x) for a chi-square with `df` >= 1 degrees of freedom (the joint Wald tests of several terms).
double log_p_chisq(double x, unsigned df);
// log P(F >= f) for Snedecor's F with df1 and df2 > 0 degrees of freedom (joint tests of linear models).
double log_p_f(double f, double df1, double df2);
// The x >= 0 whose chi-square upper tail with `df` degrees of freedom is e^log_p.
double chisq_quantile_upper(double log_p, unsigned df);
// log P(Z >= z) for a standard normal, any z.
double log_p_upper_normal(double z);
// The |z| whose two-sided normal p-value is e^log_p (log_p <= 0): turns any p-value into a 1-df chi-square z^2.
double normal_quantile_two_sided(double log_p);
// The standard normal quantile Phi^-1(q) for 0 < q < 1 (from normal_quantile_two_sided, so as precise).
double normal_quantile(double q);

// A p-value given as log10 p, with 6 significant digits like printf "%.6g" ("7.94328e-401"); "0" for p = 0
// and "NA" for NaN.
std::string format_p_from_log10(double log10_p);

}  // namespace ridgeway
