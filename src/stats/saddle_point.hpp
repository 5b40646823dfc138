#pragma once
// Saddle-point approximation to the null distribution of a logistic score statistic S = sum_i g_i (y_i - mu_i),
// with y_i independent Bernoulli(mu_i) under the null model (Dey et al. 2017, as SPAtest and regenie use it). The
// normal approximation to S fails in the tails when the genotype is rare and cases are few; the saddle point
// follows the skew of the exact distribution.
#include <vector>

namespace ridgeway {

// log of the two-sided p-value P(|S| >= |score|), the two tails approximated separately (Lugannani-Rice). `g` is
// the covariate-adjusted genotype, `mu` the null fitted probabilities, `variance` the score's variance
// sum g_i^2 mu_i (1 - mu_i). Only `exact_rows` enter the cumulant generating function exactly; the other rows'
// part of S is taken as normal (fast for rare variants: every non-carrier has the same small adjusted genotype, and
// their many small terms are close to normal). NaN when the saddle-point equation has no solution for the observed
// score (a score at the edge of its support).
double log_p_saddle_point(const std::vector<double>& g, const std::vector<double>& mu, double score, double variance,
                          const std::vector<std::size_t>& exact_rows);

}  // namespace ridgeway
