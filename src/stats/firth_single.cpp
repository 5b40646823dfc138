#include "stats/firth_single.hpp"

#include <algorithm>
#include <cmath>

namespace ridgeway {

namespace {

constexpr int kMaxIterations = 100;
constexpr double kMaxStep = 5.0;

// The penalized log-likelihood and its first two derivatives at beta, from one pass.
struct Point {
    double log_likelihood = 0, gradient = 0, curvature = 0, information = 0;
    bool ok = false;
};

// The log-likelihood costs a logarithm per sample, so it is summed only for the final point.
template <bool kWithLikelihood>
Point evaluate(const std::vector<double>& x, const std::vector<double>& y, const std::vector<double>& offset,
               double beta) {
    double ll = 0, score = 0, i0 = 0, i1 = 0, i2 = 0;
    for (std::size_t k = 0; k < x.size(); ++k) {
        const double eta = offset[k] + beta * x[k];
        const double e = std::exp(-std::abs(eta));
        const double mu = eta >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
        const double w = mu * (1.0 - mu);
        const double x2 = x[k] * x[k];
        if constexpr (kWithLikelihood) ll += y[k] * eta - (std::max(eta, 0.0) + std::log1p(e));
        score += x[k] * (y[k] - mu);
        i0 += w * x2;                                // I
        i1 += w * (1.0 - 2.0 * mu) * x2 * x[k];      // dI/dbeta
        i2 += w * (1.0 - 6.0 * w) * x2 * x2;         // d2I/dbeta2
    }
    Point p;
    if (!(i0 > 0)) return p;
    p.information = i0;
    p.log_likelihood = ll + 0.5 * std::log(i0);
    p.gradient = score + 0.5 * i1 / i0;
    p.curvature = -i0 + 0.5 * (i2 / i0 - (i1 / i0) * (i1 / i0));
    p.ok = std::isfinite(p.log_likelihood) && std::isfinite(p.gradient);
    return p;
}

}  // namespace

SingleFirthFit fit_firth_single(const std::vector<double>& x, const std::vector<double>& y,
                                const std::vector<double>& offset, double start) {
    // Newton on the penalized score, safeguarded by the bracket its sign changes give (the score falls as beta grows).
    SingleFirthFit fit;
    double beta = start, low = -INFINITY, high = INFINITY;
    for (int iteration = 0; iteration < kMaxIterations && !fit.converged; ++iteration) {
        const Point point = evaluate<false>(x, y, offset, beta);
        if (!point.ok) return fit;
        (point.gradient > 0 ? low : high) = beta;
        // The exact curvature where it is negative, else a Fisher-scoring step.
        double step = point.curvature < 0 ? -point.gradient / point.curvature : point.gradient / point.information;
        step = std::clamp(step, -kMaxStep, kMaxStep);
        double next = beta + step;
        if (!(next > low && next < high)) next = std::isfinite(low) && std::isfinite(high) ? 0.5 * (low + high) : next;
        fit.converged = std::abs(next - beta) <= 1e-10 * std::max(1.0, std::abs(beta));
        beta = next;
        if (std::abs(beta) > 1e3) return SingleFirthFit{};
    }
    const Point final_point = evaluate<true>(x, y, offset, beta);
    if (!final_point.ok) return SingleFirthFit{};
    fit.beta = beta;
    fit.information = final_point.information;
    fit.log_likelihood = final_point.log_likelihood;
    return fit;
}

}  // namespace ridgeway
