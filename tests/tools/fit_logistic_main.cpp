// Test driver: fits one logistic model read from standard input and prints what the fit gives, for comparison with
// independent implementations. Input rows: y offset x_1 .. x_p. Usage: fit_logistic mle|firth|firth-lrt
// Output: "converged 0|1", then one line per coefficient "beta se", then "loglik value"; firth-lrt adds
// "constrained converged(0|1) loglik": the Firth fit with the last coefficient held at 0 under the whole design's
// penalty, started where step 2 starts it (the full fit's other coefficients), the reference of the
// likelihood-ratio test.
#include <cmath>
#include <cstdio>
#include <iostream>
#include <sstream>
#include <string>

#include "stats/logistic_regression.hpp"

int main(int argc, char** argv) {
    using namespace ridgeway;
    if (argc != 2) return 2;
    const std::string kind = argv[1];
    const auto penalty = kind == "mle" ? LogisticPenalty::none : LogisticPenalty::firth;
    std::vector<std::vector<double>> rows;
    std::string line;
    while (std::getline(std::cin, line)) {
        std::istringstream fields(line);
        std::vector<double> row;
        for (double v; fields >> v;) row.push_back(v);
        if (!row.empty()) rows.push_back(row);
    }
    const std::size_t n = rows.size(), p = rows.at(0).size() - 2;
    Matrix x(n, p);
    std::vector<double> y(n), offset(n);
    for (std::size_t i = 0; i < n; ++i) {
        y[i] = rows[i][0];
        offset[i] = rows[i][1];
        for (std::size_t j = 0; j < p; ++j) x(i, j) = rows[i][2 + j];
    }
    LogisticFit fit = fit_logistic({x, y, offset}, penalty);
    std::printf("converged %d\n", fit.converged ? 1 : 0);
    for (std::size_t j = 0; j < fit.beta.size(); ++j)
        std::printf("%.17g %.17g\n", fit.beta[j], fit.converged ? std::sqrt(fit.covariance(j, j)) : NAN);
    std::printf("loglik %.17g\n", fit.log_likelihood);
    if (kind != "firth-lrt") std::fprintf(stderr, "iterations %d\n", fit.iterations);
    if (kind == "firth-lrt") {
        std::vector<double> start = fit.beta;
        start.back() = 0.0;
        const LogisticFit constrained = fit_logistic({x, y, offset, 1}, penalty, start);
        std::printf("constrained %d %.17g\n", constrained.converged ? 1 : 0, constrained.log_likelihood);
        std::fprintf(stderr, "iterations %d %d\n", fit.iterations, constrained.iterations);
    }
    return 0;
}
