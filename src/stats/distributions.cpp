#include "stats/distributions.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numbers>

#include <fmt/format.h>

namespace ridgeway {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// log erfc(u) for u >= 0. Past u = 26 erfc nears the subnormal range, so the asymptotic series
// erfc(u) = e^{-u^2} / (u sqrt(pi)) * sum_k (-1)^k (2k-1)!! / (2u^2)^k takes over; at u = 26 its ninth term is
// already below 1e-18.
double log_erfc(double u) {
    if (u < 26.0) return std::log(std::erfc(u));
    const double inverse_2u2 = 1.0 / (2.0 * u * u);
    double term = 1.0, series = 1.0;
    for (int k = 1; k <= 8; ++k) {
        term *= -(2.0 * k - 1.0) * inverse_2u2;
        series += term;
    }
    return -u * u - std::log(u) - 0.5 * std::log(std::numbers::pi) + std::log(series);
}

// log(Gamma(a + 1/2) / (Gamma(a) sqrt(a))), which tends to 0 like -1/(8a). Computed without lgamma: the
// difference of two large lgamma values loses ~1e-11 for a near 1e4, and lgamma writes the global signgam,
// a data race when p-values are computed on several threads.
double log_gamma_half_ratio_excess(double a) {
    // Below 30 the series is not yet accurate; shift a up with Gamma(a + 1/2) / Gamma(a) =
    // Gamma(a + n + 1/2) / Gamma(a + n) * prod_{k<n} (a + k) / (a + k + 1/2).
    constexpr double kSeriesFrom = 30.0;
    if (a < kSeriesFrom) {
        double shifted = a, product = 1.0;
        for (; shifted < kSeriesFrom; shifted += 1.0) product *= shifted / (shifted + 0.5);
        return log_gamma_half_ratio_excess(shifted) + std::log(product * std::sqrt(shifted / a));
    }
    // Stirling: sum over even k of (2^{1-k} - 2) B_k / (k (k-1) a^{k-1}); the first omitted term is < 1e-18 at 30.
    const double inverse = 1.0 / a, inverse2 = inverse * inverse;
    return inverse *
           (-1.0 / 8 + inverse2 * (1.0 / 192 + inverse2 * (-1.0 / 640 + inverse2 * (17.0 / 14336 - inverse2 * 31.0 / 18432))));
}

// x = df / (df + t^2) and 1 - x as logarithms, formed from s = t / sqrt(df) so that neither t^2 nor its inverse
// overflows, and so that the one of x, 1 - x that is near 1 comes from log1p rather than a rounded subtraction.
struct BetaArgument {
    double log_x, log_1mx;
};

BetaArgument t_beta_argument(double t, double df) {
    const double s = t / std::sqrt(df), log_s2 = 2.0 * std::log(s);
    if (s <= 1.0) {
        const double log_x = -std::log1p(s * s);
        return {log_x, log_s2 + log_x};
    }
    const double log_1mx = -std::log1p(1.0 / s / s);
    return {log_1mx - log_s2, log_1mx};
}

// The continued fraction of I_x(a, b) (DLMF 8.17.22) by the modified Lentz method; it converges quickly for x
// below the mean (a + 1) / (a + b + 2).
double incomplete_beta_fraction(double x, double a, double b) {
    constexpr double kTiny = 1e-300;
    constexpr double kTolerance = 1e-15;  // a few ulps: a stricter test can stall on rounding
    constexpr int kMaxTerms = 100'000;
    const auto guard = [](double v) { return std::abs(v) < kTiny ? kTiny : v; };
    double c = 1.0, d = 1.0 / guard(1.0 - (a + b) * x / (a + 1.0));
    double fraction = d;
    for (int m = 1; m <= kMaxTerms; ++m) {
        const double even = m * (b - m) * x / ((a + 2.0 * m - 1.0) * (a + 2.0 * m));
        d = 1.0 / guard(1.0 + even * d);
        c = guard(1.0 + even / c);
        fraction *= c * d;
        const double odd = -(a + m) * (a + b + m) * x / ((a + 2.0 * m) * (a + 2.0 * m + 1.0));
        d = 1.0 / guard(1.0 + odd * d);
        c = guard(1.0 + odd / c);
        fraction *= c * d;
        if (std::abs(c * d - 1.0) < kTolerance) break;
    }
    return fraction;
}

// log B(a, 1/2) = log Gamma(1/2) - log(Gamma(a + 1/2) / Gamma(a))
double log_beta_half(double a) { return 0.5 * std::log(std::numbers::pi / a) - log_gamma_half_ratio_excess(a); }

// log I_x(a, b) = log(x^a (1-x)^b / (a B(a, b))) + log(fraction), given log x and log(1 - x).
double log_incomplete_beta(double log_x, double log_1mx, double a, double b, double log_beta) {
    const double log_front = a * log_x + b * log_1mx - std::log(a) - log_beta;
    return log_front + std::log(incomplete_beta_fraction(std::exp(log_x), a, b));
}

// log I_x(df/2, 1/2) for x below the mean (a + 1) / (a + b + 2), where the continued fraction converges quickly.
double log_t_tail_by_fraction(const BetaArgument& arg, double df) {
    const double a = 0.5 * df;
    return log_incomplete_beta(arg.log_x, arg.log_1mx, a, 0.5, log_beta_half(a));
}

// log I_x(df/2, 1/2) = log(1 - I_{1-x}(1/2, df/2)) for x above the mean; p is not small there, and 1 - x is
// exact to a few ulps, so log p keeps its relative accuracy even as p approaches 1.
double log_t_tail_by_complement(const BetaArgument& arg, double df) {
    const double a = 0.5 * df;
    return std::log1p(-std::exp(log_incomplete_beta(arg.log_1mx, arg.log_x, 0.5, a, log_beta_half(a))));
}

// Taylor coefficients of ((1 - e^{-u}) / u)^{-1/2}, by J. C. P. Miller's recurrence for the power of a series.
constexpr int kExpansionTerms = 30;
constexpr std::array<double, kExpansionTerms> kExpansionCoefficients = [] {
    constexpr double kPower = -0.5;
    std::array<double, kExpansionTerms> base{}, power{};
    double factorial = 1.0;
    for (int j = 0; j < kExpansionTerms; ++j) {
        factorial *= j + 1;
        base[j] = (j % 2 == 0 ? 1.0 : -1.0) / factorial;
    }
    power[0] = 1.0;
    for (int n = 1; n < kExpansionTerms; ++n) {
        double sum = 0.0;
        for (int j = 1; j <= n; ++j) sum += ((kPower + 1.0) * j - n) * base[j] * power[n - j];
        power[n] = sum / n;
    }
    return power;
}();

// log I_x(a, 1/2) for large a = df/2 and xi = -log x <= 1. The continued fraction sees x only after rounding,
// and near x = 1 that costs about df * 1e-16 in log p (1e-8 at df = 1e9). Instead, with s = e^{-u},
//   I_x(a, 1/2) = 1 / B(a, 1/2) * int_xi^inf e^{-au} (1 - e^{-u})^{-1/2} du,
// and expanding (1 - e^{-u})^{-1/2} = u^{-1/2} sum_k c_k u^k term by term gives
//   I_x(a, 1/2) = Gamma(a + 1/2) / (Gamma(a) sqrt(pi)) * sum_k c_k Gamma(k + 1/2, a xi) / a^{k + 1/2},
// which needs only xi = log1p(t^2 / df). The terms fall like (xi / 2 pi)^k, and the divergence of the
// expansion sets in only near k = 2 pi a.
double log_t_tail_by_expansion(double xi, double df) {
    const double a = 0.5 * df, y = a * xi;
    const double log_erfc_root_y = log_erfc(std::sqrt(y));
    // ratio_k = Gamma(k + 1/2, y) / (Gamma(1/2, y) a^k), from Gamma(s + 1, y) = s Gamma(s, y) + y^s e^{-y},
    // whose terms are all positive; boundary_k is the second term scaled alike, y^{k-1/2} e^{-y} / (Gamma(1/2, y) a^k).
    double boundary = std::exp(0.5 * std::log(y) - y - 0.5 * std::log(std::numbers::pi) - log_erfc_root_y) / a;
    double ratio = 1.0, sum = 1.0;
    for (int k = 1; k < kExpansionTerms; ++k) {
        ratio = (k - 0.5) * ratio / a + boundary;
        boundary *= xi;
        sum += kExpansionCoefficients[k] * ratio;
    }
    return log_gamma_half_ratio_excess(a) + log_erfc_root_y + std::log(sum);
}

// log(e^a + e^b) without overflow.
double log_add(double a, double b) {
    if (a == -kInf) return b;
    if (b == -kInf) return a;
    const double high = std::max(a, b);
    return high + std::log1p(std::exp(std::min(a, b) - high));
}

// log Gamma without the global signgam that std::lgamma writes (a data race between threads).
double log_gamma(double x) {
    int sign = 0;
    return lgamma_r(x, &sign);
}

}  // namespace

double log_p_chisq(double x, unsigned df) {
    if (std::isnan(x) || x < 0 || df == 0) return kNaN;
    if (df == 1) return log_p_chisq1(x);
    if (x == 0) return 0.0;
    // Q(k/2, y) with y = x/2 in closed form: for even df, e^-y sum_{j<k/2} y^j / j!; for odd df,
    // erfc(sqrt y) + e^-y sum_{j<(k-1)/2} y^(j+1/2) / Gamma(j + 3/2). Every term is positive.
    const double y = 0.5 * x, log_y = std::log(y);
    double log_sum = -kInf, log_term;
    if (df % 2 == 0) {
        log_term = -y;  // j = 0
        for (unsigned j = 0; j < df / 2; ++j) {
            if (j > 0) log_term += log_y - std::log(static_cast<double>(j));
            log_sum = log_add(log_sum, log_term);
        }
        return std::min(log_sum, 0.0);
    }
    log_sum = log_erfc(std::sqrt(y));
    log_term = -y + 0.5 * log_y - log_gamma(1.5);
    for (unsigned j = 0; j < (df - 1) / 2; ++j) {
        if (j > 0) log_term += log_y - std::log(j + 0.5);
        log_sum = log_add(log_sum, log_term);
    }
    return std::min(log_sum, 0.0);
}

double log_p_f(double f, double df1, double df2) {
    if (std::isnan(f) || f < 0 || !(df1 > 0) || !(df2 > 0)) return kNaN;
    if (f == 0) return 0.0;
    if (std::isinf(f)) return -kInf;
    // p = I_x(df2/2, df1/2) with x = df2 / (df2 + df1 f).
    const double a = 0.5 * df2, b = 0.5 * df1;
    const double log_denominator = std::log(df2 + df1 * f);
    const double log_x = std::log(df2) - log_denominator, log_1mx = std::log(df1 * f) - log_denominator;
    const double log_beta = log_gamma(a) + log_gamma(b) - log_gamma(a + b);
    double log_p;
    if (std::exp(log_x) < (a + 1.0) / (a + b + 2.0))
        log_p = log_incomplete_beta(log_x, log_1mx, a, b, log_beta);
    else
        log_p = std::log1p(-std::exp(log_incomplete_beta(log_1mx, log_x, b, a, log_beta)));
    return std::min(log_p, 0.0);
}

double chisq_quantile_upper(double log_p, unsigned df) {
    if (std::isnan(log_p) || df == 0) return kNaN;
    if (log_p >= 0) return 0.0;
    if (df == 1) {
        const double z = normal_quantile_two_sided(log_p);
        return z * z;
    }
    // The tail falls monotonically in x: bracket the root, then bisect to rounding.
    double low = 0.0, high = std::max(1.0, static_cast<double>(df) - 2.0 * log_p);
    while (log_p_chisq(high, df) > log_p) low = high, high *= 2.0;
    for (int iteration = 0; iteration < 200 && high - low > 1e-15 * high; ++iteration) {
        const double middle = 0.5 * (low + high);
        (log_p_chisq(middle, df) > log_p ? low : high) = middle;
    }
    return 0.5 * (low + high);
}

double log_p_two_sided_t(double t, double df) {
    if (std::isnan(t) || std::isnan(df) || df <= 0) return kNaN;
    t = std::abs(t);
    if (t == 0) return 0.0;
    if (std::isinf(t)) return -kInf;
    if (std::isinf(df)) return log_p_two_sided_normal(t);
    // p = I_x(df/2, 1/2) with x = df / (df + t^2).
    const BetaArgument arg = t_beta_argument(t, df);
    const double a = 0.5 * df, b = 0.5;
    // Below df = 100 the fraction's error near x = 1 (about df * 1e-16 in log p) is harmless.
    constexpr double kExpansionFromDf = 100.0;
    const double xi = -arg.log_x;
    double log_p;
    if (std::exp(arg.log_x) >= (a + 1.0) / (a + b + 2.0))
        log_p = log_t_tail_by_complement(arg, df);
    else if (df >= kExpansionFromDf && xi <= 1.0)
        log_p = log_t_tail_by_expansion(xi, df);
    else
        log_p = log_t_tail_by_fraction(arg, df);
    // Rounding must not report p > 1.
    return std::min(log_p, 0.0);
}

double log_p_two_sided_normal(double z) {
    if (std::isnan(z)) return kNaN;
    return log_erfc(std::abs(z) / std::numbers::sqrt2);
}

double log_p_chisq1(double x) {
    if (std::isnan(x) || x < 0) return kNaN;
    return log_p_two_sided_normal(std::sqrt(x));
}

double log_p_upper_normal(double z) {
    if (std::isnan(z)) return kNaN;
    const double half_erfc = 0.5 * std::erfc(std::abs(z) / std::numbers::sqrt2);
    return z >= 0 ? std::log(0.5) + log_erfc(z / std::numbers::sqrt2) : std::log1p(-half_erfc);
}

// Newton on f(z) = log P(|Z| >= z) - log_p, which is decreasing and concave: started right of the root, every
// iterate stays right of it and the sequence falls monotonically onto it.
double normal_quantile_two_sided(double log_p) {
    if (std::isnan(log_p)) return kNaN;
    if (log_p >= 0) return 0.0;
    double z = std::sqrt(-2.0 * log_p) + 1.0;
    for (int iteration = 0; iteration < 200; ++iteration) {
        const double log_tail = log_p_two_sided_normal(z);
        const double slope = -std::exp(0.5 * std::log(2.0 / std::numbers::pi) - 0.5 * z * z - log_tail);
        const double next = z - (log_tail - log_p) / slope;
        if (!(next < z) || z - next <= 1e-15 * z) return std::max(next, 0.0);
        z = next;
    }
    return z;
}

double normal_quantile(double q) {
    if (!(q > 0 && q < 1)) return kNaN;
    if (q == 0.5) return 0.0;
    // The lower tail below 1/2 is half the two-sided p-value of |z|; computing it from the smaller tail keeps its
    // digits.
    return q < 0.5 ? -normal_quantile_two_sided(std::log(2 * q)) : normal_quantile_two_sided(std::log(2 * (1 - q)));
}

std::string format_p_from_log10(double log10_p) {
    if (std::isnan(log10_p)) return "NA";
    if (log10_p == -kInf) return "0";
    if (log10_p >= -300) return fmt::format("{:.6g}", std::pow(10.0, log10_p));
    // Below the double range: split into a decimal exponent and a mantissa in [1, 10), round the mantissa to
    // 6 significant digits ourselves, and carry into the exponent when it rounds up to 10.
    long long exponent = static_cast<long long>(std::floor(log10_p));
    double mantissa = std::round(std::pow(10.0, log10_p - static_cast<double>(exponent)) * 1e5) / 1e5;
    if (mantissa >= 10.0) {
        mantissa /= 10.0;
        exponent += 1;
    }
    return fmt::format("{:.6g}e{}", mantissa, exponent);
}

}  // namespace ridgeway
