#include "stats/distributions.hpp"

#include <cmath>
#include <limits>

#include <fmt/format.h>

namespace ridgeway {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// log(Gamma(a + 1/2) / Gamma(a)); the asymptotic series avoids the cancellation of two huge lgamma values.
double log_gamma_ratio_half(double a) {
    if (a < 1e4) return std::lgamma(a + 0.5) - std::lgamma(a);
    double inverse = 1.0 / a, inverse3 = inverse * inverse * inverse;
    return 0.5 * std::log(a) - inverse / 8.0 + inverse3 / 192.0;
}

// The continued fraction of the regularized incomplete beta function (DLMF 8.17.22), by the modified Lentz method;
// it converges quickly for x below the distribution's mean.
double incomplete_beta_fraction(double x, double a, double b) {
    constexpr double kTiny = 1e-300;
    constexpr int kMaxTerms = 1'000'000;
    double c = 1.0;
    double d = 1.0 - (a + b) * x / (a + 1.0);
    d = 1.0 / (std::abs(d) < kTiny ? kTiny : d);
    double fraction = d;
    for (int m = 1; m <= kMaxTerms; ++m) {
        for (int parity = 0; parity < 2; ++parity) {
            double numerator = parity == 0 ? m * (b - m) * x / ((a + 2.0 * m - 1.0) * (a + 2.0 * m))
                                           : -(a + m) * (a + b + m) * x / ((a + 2.0 * m) * (a + 2.0 * m + 1.0));
            d = 1.0 + numerator * d;
            d = 1.0 / (std::abs(d) < kTiny ? kTiny : d);
            c = 1.0 + numerator / c;
            if (std::abs(c) < kTiny) c = kTiny;
            fraction *= c * d;
            if (parity == 1 && std::abs(c * d - 1.0) < 1e-16) return fraction;
        }
    }
    return fraction;
}

// log I_x(a, b), given log x and log(1 - x) separately so neither loses digits near 0 or 1.
double log_incomplete_beta(double x, double log_x, double log_1mx, double a, double b, double log_beta_ab) {
    double log_front = a * log_x + b * log_1mx - std::log(a) - log_beta_ab;
    return log_front + std::log(incomplete_beta_fraction(x, a, b));
}

}  // namespace

double log_p_two_sided_t(double t, double df) {
    if (std::isnan(t) || std::isnan(df) || df <= 0) return kNaN;
    t = std::abs(t);
    if (t == 0) return 0.0;
    if (std::isinf(t)) return -std::numeric_limits<double>::infinity();
    // p = I_x(df/2, 1/2) with x = df / (df + t^2).
    const double a = 0.5 * df, b = 0.5;
    // log x directly from log1p: a * log x multiplies any rounding in it by df / 2.
    const double log_x = -std::log1p(t * t / df);
    const double log_1mx = 2.0 * std::log(t) - std::log(df) + log_x;
    const double x = std::exp(log_x), one_minus_x = std::exp(log_1mx);
    // log B(a, 1/2) = lgamma(a) + lgamma(1/2) - lgamma(a + 1/2)
    const double log_beta_ab = 0.5 * std::log(M_PI) - log_gamma_ratio_half(a);
    if (x < (a + 1.0) / (a + b + 2.0)) return log_incomplete_beta(x, log_x, log_1mx, a, b, log_beta_ab);
    // Near p = 1: p = 1 - I_{1-x}(1/2, a).
    double complement = log_incomplete_beta(one_minus_x, log_1mx, log_x, b, a, log_beta_ab);
    return std::log1p(-std::exp(complement));
}

double log_p_two_sided_normal(double z) {
    if (std::isnan(z)) return kNaN;
    const double u = std::abs(z) / M_SQRT2;
    if (u < 26.0) return std::log(std::erfc(u));
    // erfc(u) = exp(-u^2) / (u sqrt(pi)) * (1 - 1/(2u^2) + 3/(4u^4) - 15/(8u^6) + 105/(16u^8) ...)
    double inverse2 = 1.0 / (2.0 * u * u), term = 1.0, series = 1.0;
    for (int k = 1; k <= 8; ++k) {
        term *= -(2.0 * k - 1.0) * inverse2;
        series += term;
    }
    return -u * u - std::log(u) - 0.5 * std::log(M_PI) + std::log(series);
}

double log_p_chisq1(double x) {
    if (std::isnan(x) || x < 0) return kNaN;
    return log_p_two_sided_normal(std::sqrt(x));
}

std::string format_p_from_log10(double log10_p) {
    if (std::isnan(log10_p)) return "NA";
    if (log10_p >= -300) return fmt::format("{:.6g}", std::pow(10.0, log10_p));
    double exponent = std::floor(log10_p);
    double mantissa = std::round(std::pow(10.0, log10_p - exponent) * 1e5) / 1e5;
    if (mantissa >= 10.0) {
        mantissa /= 10.0;
        exponent += 1.0;
    }
    return fmt::format("{:.6g}e{}", mantissa, static_cast<long long>(exponent));
}

}  // namespace ridgeway
