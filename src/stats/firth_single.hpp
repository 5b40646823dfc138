#pragma once
// Firth's penalized logistic regression for one coefficient with a fixed offset: the --approx fit of step 2, run for
// every variant below the p-value threshold. With one parameter the exact Hessian of the penalized likelihood is a
// few sums, so Newton converges quadratically in one pass over the samples per iteration, where the general fit
// (logistic_regression.hpp) uses the Fisher information and converges linearly.
#include <vector>

namespace ridgeway {

struct SingleFirthFit {
    double beta = 0;
    double information = 0;     // sum w x^2 at beta: 1 / information is the Wald variance
    double log_likelihood = 0;  // penalized: l(beta) + log(information) / 2
    bool converged = false;
};

SingleFirthFit fit_firth_single(const std::vector<double>& x, const std::vector<double>& y,
                                const std::vector<double>& offset, double start);

}  // namespace ridgeway
