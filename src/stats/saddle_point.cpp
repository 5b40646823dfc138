#include "stats/saddle_point.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "stats/distributions.hpp"
#include "stats/logistic_regression.hpp"

namespace ridgeway {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Below this |z| the saddle point and the normal agree and the saddle-point formula loses precision (w -> 0).
constexpr double kNormalBelowZ = 1.0;

// The cumulant generating function of S and its first two derivatives at t: exact over the `exact` rows, and as
// the normal with the remaining rows' variance over the rest.
class ScoreCgf {
public:
    ScoreCgf(const std::vector<double>& g, const std::vector<double>& mu, const std::vector<std::size_t>& exact,
             double normal_variance)
        : normal_variance_(normal_variance) {
        for (std::size_t i : exact) {
            g_.push_back(g[i]);
            mu_.push_back(mu[i]);
            logit_.push_back(std::log(mu[i] / (1.0 - mu[i])));
            log_normalizer_.push_back(log_one_plus_exp(logit_.back()));
        }
    }

    // K'(t) and K''(t): one exponential per exact row.
    void slopes(double t, double& k1, double& k2) const {
        k1 = t * normal_variance_;
        k2 = normal_variance_;
        for (std::size_t i = 0; i < g_.size(); ++i) {
            const double q = logistic(t * g_[i] + logit_[i]);
            k1 += g_[i] * (q - mu_[i]);
            k2 += g_[i] * g_[i] * q * (1.0 - q);
        }
    }

    double value(double t) const {
        double k0 = 0.5 * t * t * normal_variance_;
        for (std::size_t i = 0; i < g_.size(); ++i)
            k0 += log_one_plus_exp(t * g_[i] + logit_[i]) - log_normalizer_[i] - t * g_[i] * mu_[i];
        return k0;
    }

    // log P(S >= s) for s > 0, log P(S <= s) for s < 0.
    double log_tail(double s, double variance) const {
        double t = s / variance, low = -INFINITY, high = INFINITY;
        double k1 = 0, k2 = 0;
        bool solved = false;
        for (int iteration = 0; iteration < 100 && !solved; ++iteration) {
            slopes(t, k1, k2);
            const double gap = k1 - s;
            // At the root: stay. A step from it would be null (gap 0) and land on the bracket's edge, where the
            // fallback below would move t away (halving it) after the root was found.
            if (std::abs(gap) <= 1e-12 * std::sqrt(variance)) {
                solved = true;
                break;
            }
            (gap < 0 ? low : high) = t;
            double next = t - gap / k2;
            if (!(next > low && next < high) || !std::isfinite(next))
                next = std::isfinite(low) && std::isfinite(high) ? 0.5 * (low + high) : (gap < 0 ? 2 * t : 0.5 * t);
            solved = std::abs(next - t) <= 1e-14 * std::abs(t);
            t = next;
        }
        slopes(t, k1, k2);
        const double exponent = t * s - value(t);
        if (!solved || !(exponent > 0) || !(k2 > 0)) return kNaN;
        const double w = std::copysign(std::sqrt(2.0 * exponent), t);
        const double v = t * std::sqrt(k2);
        const double corrected = w + std::log(v / w) / w;
        return s > 0 ? log_p_upper_normal(corrected) : log_p_upper_normal(-corrected);
    }

private:
    double normal_variance_;
    std::vector<double> g_, mu_, logit_, log_normalizer_;
};

}  // namespace

double log_p_saddle_point(const std::vector<double>& g, const std::vector<double>& mu, double score, double variance,
                          const std::vector<std::size_t>& exact_rows) {
    if (!(variance > 0)) return kNaN;
    const double z = score / std::sqrt(variance);
    if (std::abs(z) < kNormalBelowZ) return log_p_two_sided_normal(z);
    double exact_variance = 0;
    for (std::size_t i : exact_rows) exact_variance += g[i] * g[i] * mu[i] * (1.0 - mu[i]);
    ScoreCgf cgf(g, mu, exact_rows, std::max(0.0, variance - exact_variance));
    const double observed = cgf.log_tail(score, variance);
    if (std::isnan(observed)) return kNaN;
    // The mirrored score can lie beyond the support of S (a variant carried only by cases): that tail is empty.
    const double mirrored = cgf.log_tail(-score, variance);
    if (std::isnan(mirrored)) return observed;
    const double top = std::max(observed, mirrored);
    return std::min(0.0, top + std::log1p(std::exp(std::min(observed, mirrored) - top)));
}

}  // namespace ridgeway
