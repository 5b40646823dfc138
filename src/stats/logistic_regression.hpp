#pragma once
// Logistic regression with a fixed offset, by Newton-Raphson with step halving: maximum likelihood, or Firth's
// penalized likelihood l(b) + log|I(b)| / 2, whose estimate exists even under complete separation and whose bias is
// smaller for rare events. The same loop serves both; Firth adds the hat-matrix term to the score.
#include <vector>

#include "linalg/matrix.hpp"

namespace ridgeway {

struct LogisticData {
    const Matrix& x;                   // rows x parameters
    const std::vector<double>& y;      // 0 or 1 per row
    const std::vector<double>& offset; // per row, added to the linear predictor
    // The last `fixed` coefficients stay at their start values: a constrained fit of the others. Firth's penalty is
    // still that of the whole design, log|X'WX| / 2 over every column, so that the constrained maximum is the
    // reference of Firth's penalized likelihood-ratio test (the profile penalized likelihood, as in logistf).
    std::size_t fixed = 0;
    // Without a penalty and with at most 8 columns: X'WX from one weighted pass over X (column_gram) instead of from
    // W^1/2 X, the same matrix with other rounding and a third of the memory traffic. The null models keep the
    // W^1/2 X route, which step 1's level-1 fits start from.
    bool one_pass_information = false;
};

struct LogisticFit {
    std::vector<double> beta;
    std::vector<double> fitted;   // mu per row
    Matrix covariance;            // inverse Fisher information X'WX at beta (Firth's standard errors use it too)
    double log_likelihood = 0;    // penalized for Firth
    int iterations = 0;
    bool converged = false;
};

enum class LogisticPenalty { none, firth };

// Row-sized buffers a fit overwrites some twenty times. A caller fitting many models of one size (a fit per variant)
// keeps one and passes it to every fit: fresh n x p buffers per fit cost more in page faults than the arithmetic.
struct LogisticWorkspace {
    Matrix weighted;  // W^1/2 X, then W^1/2 X L^-T
    std::vector<double> eta, residual, weights, change, current_fitted, candidate_fitted;
};

// `start` may be empty (zeros), except with `fixed`, whose values it holds. Fails (converged = false) on divergence
// (separation without Firth), a singular information matrix, or no convergence within the iteration limit.
LogisticFit fit_logistic(const LogisticData& data, LogisticPenalty penalty, const std::vector<double>& start = {},
                         LogisticWorkspace* workspace = nullptr);

// Numerically safe pieces shared with the other logistic models.
double logistic(double eta);             // 1 / (1 + e^-eta)
double log_one_plus_exp(double eta);     // log(1 + e^eta)

}  // namespace ridgeway
