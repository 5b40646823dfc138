// Reference values from mpmath 1.2.1 at mp.dps = 40 (Debian python3-mpmath), for the exact double inputs, printed
// to 20 digits:
//   t, df <= 400: log(betainc(df/2, 1/2, 0, df/(df+t^2), regularized=True))
//   t, df > 400 (where betainc's series stalls): log(2 * quad(density, [t, ..., inf])), the t density
//     exp(loggamma((df+1)/2) - loggamma(df/2) - log(df*pi)/2 - (df+1)/2 * log1p(s^2/df)) scaled by its value at t
//     and split at t + h * 10^k, k = -3..3, h = min((df+t^2) / ((df+1) t), 1); the two agree to 1e-23 or better
//     where both run.
//   normal: log(erfc(z / sqrt(2))); chi-square(1): log(erfc(sqrt(x / 2))).
//   chi-square(df): log(gammainc(df/2, x/2, inf, regularized=True)); F(df1, df2):
//     log(betainc(df2/2, df1/2, 0, df2/(df2 + df1 f), regularized=True)); the same at mp.dps = 60. scipy 1.10's
//     chi2.logsf and f.logsf agree to 1e-13 relative down to p = 1e-300 and return -inf below the double range.
#include <cmath>
#include <limits>

#include <gtest/gtest.h>

#include "stats/distributions.hpp"

namespace ridgeway {
namespace {

struct TCase {
    double t, df, log_p;
};
struct NormalCase {
    double z, log_p;
};

const TCase kTCases[] = {
    {0.1, 0.5, -0.055162220482956305851},
    {1, 0.5, -0.50709389253987705029},
    {2.5, 0.5, -0.91386734800904254439},
    {10, 0.5, -1.5961399595840042039},
    {50, 0.5, -2.4001404504592758963},
    {1000.0, 0.5, -3.8979766647026309908},
    {0.1, 1, -0.065553473212398384415},
    {1, 1, -0.69314718055994530942},
    {2.5, 1, -1.4178350472880488969},
    {10, 1, -2.7574867750870200235},
    {50, 1, -4.3637390209454878567},
    {1000.0, 1, -7.3593383176047808058},
    {0.1, 2, -0.073145655498343829673},
    {1, 2, -0.8612115025164905453},
    {2.5, 2, -2.0432120653448992552},
    {10, 2, -4.620034410911663609},
    {50, 2, -7.824645790968226958},
    {1000.0, 2, -13.815512057962899106},
    {0.1, 5, -0.078794167839662096804},
    {1, 5, -1.0127535396638817011},
    {2.5, 5, -2.9097362572583783018},
    {10, 5, -8.674153623067766813},
    {50, 5, -16.620993180844885163},
    {1000.0, 5, -31.595383692797042323},
    {0.1, 30, -0.082284806526921459424},
    {1, 30, -1.1229809612976543992},
    {2.5, 30, -4.0109791248565273015},
    {10, 30, -23.807774373098363027},
    {50, 30, -68.450790224891438033},
    {1000.0, 30, -158.1498554111548473},
    {0.1, 99.9, -0.082789684983530283329},
    {1, 99.9, -1.1402891304455898685},
    {2.5, 99.9, -4.2653140789322231864},
    {10, 99.9, -36.841329756261995238},
    {50, 99.9, -165.30115518008161303},
    {1000.0, 99.9, -462.64179601669169161},
    {0.1, 200, -0.082898581589110765151},
    {1, 200, -1.1440736286101505806},
    {2.5, 200, -4.3257844853253381674},
    {10, 200, -42.88307434109782603},
    {50, 200, -263.10708370741844679},
    {1000.0, 200, -854.61541817269619289},
    {0.1, 364, -0.08294759655593553328},
    {1, 364, -1.145783126292246521},
    {2.5, 364, -4.3537391822188013261},
    {10, 364, -46.594393347590484501},
    {50, 364, -378.54084846285228238},
    {1000.0, 364, -1444.3820277118351567},
    {0.1, 19999, -0.083006323068762021174},
    {1, 19999, -1.1478363353644789553},
    {2.5, 19999, -4.3878616630498660021},
    {10, 19999, -52.411064549910857879},
    {50, 19999, -1181.9063525711110823},
    {1000.0, 19999, -39321.948221295867591},
    {0.1, 100000.0, -0.083007194359714302093},
    {1, 100000.0, -1.1478668388210767911},
    {2.5, 100000.0, -4.3883731961526148406},
    {10, 100000.0, -52.512657188550222926},
    {50, 100000.0, -1238.756499663165479},
    {1000.0, 100000.0, -119900.69824241373238},
    {0.1, 10000000.0, -0.083007409992218930324},
    {1, 10000000.0, -1.1478743881925592023},
    {2.5, 10000000.0, -4.3884998176630145218},
    {10, 10000000.0, -52.537882994790022049},
    {50, 10000000.0, -1253.9818650361874378},
    {1000.0, 10000000.0, -476557.98491419102222},
    {0.1, 1000000000.0, -0.083007412148546925002},
    {1, 1000000000.0, -1.1478744636867505588},
    {2.5, 1000000000.0, -4.3885010839281828751},
    {10, 1000000000.0, -52.53813542018415286},
    {50, 1000000000.0, -1254.1366502117148828},
    {1000.0, 1000000000.0, -499757.29958964829123},
    {1e-08, 1000000.0, -7.978843645148473797e-9},
    {1e+30, 5, -342.44436053273343077},
    {1e+30, 1000000000.0, -58715919881.935589234},
};

const NormalCase kNormalCases[] = {
    {0.5, -0.48276458103367329946},  {3, -5.9145790409504042339},     {10, -52.538137969952525269},
    {37, -688.33743839633064829},    {38, -725.86406883826018479},    {40, -803.91529483319384286},
    {100, -5004.8310615136451433},   {10000.0, -50000009.436131734621},
};

// log p to a relative 1e-10 (or 1e-12 absolute near p = 1): far tighter than any printed p-value needs.
double tolerance(double log_p) { return std::max(1e-12, 1e-10 * std::abs(log_p)); }

TEST(Distributions, StudentTMatchesHighPrecisionReference) {
    for (const auto& c : kTCases)
        EXPECT_NEAR(log_p_two_sided_t(c.t, c.df), c.log_p, tolerance(c.log_p)) << "t=" << c.t << " df=" << c.df;
}

TEST(Distributions, StudentTEdgeCases) {
    constexpr double kInf = std::numeric_limits<double>::infinity();
    EXPECT_EQ(log_p_two_sided_t(0.0, 10.0), 0.0);
    EXPECT_EQ(log_p_two_sided_t(-2.5, 30.0), log_p_two_sided_t(2.5, 30.0));
    EXPECT_EQ(log_p_two_sided_t(kInf, 30.0), -kInf);
    EXPECT_EQ(log_p_two_sided_t(2.5, kInf), log_p_two_sided_normal(2.5));
    EXPECT_TRUE(std::isnan(log_p_two_sided_t(NAN, 10.0)));
    EXPECT_TRUE(std::isnan(log_p_two_sided_t(1.0, NAN)));
    EXPECT_TRUE(std::isnan(log_p_two_sided_t(1.0, 0.0)));
    // Rounding near p = 1 must not give log p > 0.
    for (double df : {0.5, 5.0, 500.0, 1e12}) EXPECT_LE(log_p_two_sided_t(1e-300, df), 0.0) << "df=" << df;
}

// The implementation switches method at df = 100, at x = df / (df + t^2) equal to the beta mean, and at
// t^2 / df = e - 1; the two sides must join up.
TEST(Distributions, StudentTMethodsAgreeAtTheirBoundaries) {
    const auto expect_continuous = [](double t_below, double t_above, double df_below, double df_above) {
        const double below = log_p_two_sided_t(t_below, df_below), above = log_p_two_sided_t(t_above, df_above);
        EXPECT_NEAR(below, above, 1e-9 * std::abs(below)) << "t=" << t_below << " df=" << df_below;
    };
    for (double t : {0.2, 2.0, 5.0, 20.0}) expect_continuous(t, t, 100.0 * (1 - 1e-13), 100.0);
    for (double df : {150.0, 1e4, 1e8}) {
        const double a = df / 2, mean = (a + 1) / (a + 2.5);
        const double t_mean = std::sqrt(df * (1 / mean - 1));
        expect_continuous(t_mean * (1 - 1e-12), t_mean * (1 + 1e-12), df, df);
        const double t_xi = std::sqrt(df * std::expm1(1.0));
        expect_continuous(t_xi * (1 - 1e-13), t_xi * (1 + 1e-13), df, df);
    }
}

TEST(Distributions, NormalAndChiSquareMatchHighPrecisionReference) {
    for (const auto& c : kNormalCases) {
        EXPECT_NEAR(log_p_two_sided_normal(c.z), c.log_p, tolerance(c.log_p)) << "z=" << c.z;
        EXPECT_NEAR(log_p_two_sided_normal(-c.z), c.log_p, tolerance(c.log_p)) << "z=" << -c.z;
        EXPECT_NEAR(log_p_chisq1(c.z * c.z), c.log_p, tolerance(c.log_p)) << "x=" << c.z * c.z;
    }
    EXPECT_NEAR(log_p_chisq1(3.84), -2.9948622271800272845, 1e-10 * 2.995);
    EXPECT_NEAR(log_p_chisq1(1e5), -50005.982264084879854, 1e-10 * 50006);
    EXPECT_EQ(log_p_two_sided_normal(0.0), 0.0);
    EXPECT_EQ(log_p_chisq1(0.0), 0.0);
    EXPECT_TRUE(std::isnan(log_p_two_sided_normal(NAN)));
    EXPECT_TRUE(std::isnan(log_p_chisq1(-1.0)));
}

struct ChiSquareCase {
    double x;
    unsigned df;
    double log_p;
};
struct FCase {
    double f, df1, df2, log_p;
};

// The joint tests of models with several terms: p from 0.8 down to e^-500000, most far below 1e-308 (log p < -709).
const ChiSquareCase kChiSquareCases[] = {
    {0.5, 2, -0.25},
    {10.0, 3, -3.986416031734384042003},
    {30.0, 4, -12.22741127776021876233},
    {100.0, 5, -44.38680116887264292502},
    {1500.0, 2, -750.0},
    {1500.0, 3, -746.5685151578195105459},
    {2000.0, 4, -993.0912452206847794148},
    {5000.0, 7, -2481.639858475352984552},
    {1e5, 3, -49994.46931862030960889},
    {1e6, 2, -500000.0},
};

const FCase kFCases[] = {
    {0.5, 2, 100, -0.4975165426584041424108},
    {3.0, 2, 500, -2.982142716318450412297},
    {20.0, 3, 1000, -27.325220646278342078},
    {200.0, 2, 9990, -196.0997661911160017947},
    {1000.0, 2, 9990, -911.5294400129088257977},
    {800.0, 3, 9990, -1071.890329890641810922},
    {400.0, 4, 100000, -786.9974502417636804793},
    {1000.0, 2, 1e6, -999.0013313365280091269},
    {1e4, 2, 30, -97.55683570496562842895},
    {1e6, 3, 200, -959.1601425777299558405},
};

// The same relative 1e-10 as for t: the closed-form chi-square sums and the beta continued fraction lose at most a
// few ulps per term, and a p-value is printed to 6 digits.
TEST(Distributions, ChiSquareMatchesHighPrecisionReferenceBelowTheDoubleRange) {
    for (const auto& c : kChiSquareCases)
        EXPECT_NEAR(log_p_chisq(c.x, c.df), c.log_p, tolerance(c.log_p)) << "x=" << c.x << " df=" << c.df;
    EXPECT_EQ(log_p_chisq(0.0, 3), 0.0);
    EXPECT_EQ(log_p_chisq(2.5, 1), log_p_chisq1(2.5));
    EXPECT_TRUE(std::isnan(log_p_chisq(-1.0, 2)));
    EXPECT_TRUE(std::isnan(log_p_chisq(1.0, 0)));
    EXPECT_TRUE(std::isnan(log_p_chisq(NAN, 2)));
}

TEST(Distributions, FMatchesHighPrecisionReferenceBelowTheDoubleRange) {
    for (const auto& c : kFCases)
        EXPECT_NEAR(log_p_f(c.f, c.df1, c.df2), c.log_p, tolerance(c.log_p))
            << "f=" << c.f << " df1=" << c.df1 << " df2=" << c.df2;
    EXPECT_EQ(log_p_f(0.0, 2, 100), 0.0);
    EXPECT_EQ(log_p_f(std::numeric_limits<double>::infinity(), 2, 100), -std::numeric_limits<double>::infinity());
    EXPECT_TRUE(std::isnan(log_p_f(-1.0, 2, 100)));
    EXPECT_TRUE(std::isnan(log_p_f(1.0, 0, 100)));
    EXPECT_TRUE(std::isnan(log_p_f(1.0, 2, 0)));
}

// The inverse of the chi-square tail (regenie's CHISQ column of joint tests) returns the statistic, to the 1e-10
// relative of its bisection's use (its own stopping rule is 1e-15), also below the double range.
TEST(Distributions, ChiSquareQuantileInvertsTheTail) {
    for (const auto& c : kChiSquareCases)
        EXPECT_NEAR(chisq_quantile_upper(c.log_p, c.df), c.x, 1e-10 * c.x) << "x=" << c.x << " df=" << c.df;
    EXPECT_EQ(chisq_quantile_upper(0.0, 2), 0.0);
    EXPECT_TRUE(std::isnan(chisq_quantile_upper(-1.0, 0)));
}

TEST(Distributions, FormatsPValuesLikePrintfAndBelowTheDoubleRange) {
    EXPECT_EQ(format_p_from_log10(0.0), "1");
    EXPECT_EQ(format_p_from_log10(-0.5), "0.316228");
    EXPECT_EQ(format_p_from_log10(-7.3), "5.01187e-08");
    EXPECT_EQ(format_p_from_log10(-299), "1e-299");
    EXPECT_EQ(format_p_from_log10(-300.5), "3.16228e-301");
    EXPECT_EQ(format_p_from_log10(-350.25), "5.62341e-351");
    EXPECT_EQ(format_p_from_log10(-400.1), "7.94328e-401");
    EXPECT_EQ(format_p_from_log10(-1000), "1e-1000");
    EXPECT_EQ(format_p_from_log10(-std::numeric_limits<double>::infinity()), "0");
    EXPECT_EQ(format_p_from_log10(NAN), "NA");
}

// The mantissa rounds to nearest at 6 significant digits. The test mantissas sit 1e-7 from the rounding point,
// far beyond the ~1e-12 that the rounding of log10 p near -400 can move them.
TEST(Distributions, FormatRoundsTheMantissaToNearest) {
    EXPECT_EQ(format_p_from_log10(-400 + std::log10(9.999996)), "1e-399");  // carries into the exponent
    EXPECT_EQ(format_p_from_log10(-400 + std::log10(9.999994)), "9.99999e-400");
    EXPECT_EQ(format_p_from_log10(-400 + std::log10(1.2345651)), "1.23457e-400");
    EXPECT_EQ(format_p_from_log10(-400 + std::log10(1.2345649)), "1.23456e-400");
    EXPECT_EQ(format_p_from_log10(-400 + std::log10(1.0000004)), "1e-400");
}

}  // namespace
}  // namespace ridgeway
