// Reference values: mpmath at 40 digits (Debian python3-mpmath). t: log of betainc(df/2, 1/2, 0, df/(df+t^2),
// regularized=True), or where that series does not converge, log of 2 * quad of the t density from t to infinity;
// normal: log(erfc(z / sqrt(2))).
#include <cmath>

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
    {0.1, 364, -0.08294759655593553328},
    {1, 364, -1.145783126292246521},
    {2.5, 364, -4.3537391822188013261},
    {10, 364, -46.594393347590484501},
    {50, 364, -378.54084846285228238},
    {1000.0, 364, -1444.3820277118351567},
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
    {1000.0, 10000000.0, -476557.9849141899087},
};

const NormalCase kNormalCases[] = {
    {0.5, -0.48276458103367329946},
    {3, -5.9145790409504042339},
    {10, -52.538137969952525269},
    {38, -725.86406883826018479},
    {40, -803.91529483319384286},
    {100, -5004.8310615136451433},
    {10000.0, -50000009.436131734621},
};

// log p to a relative 1e-10 (or 1e-12 absolute near p = 1): far tighter than any printed p-value needs.
double tolerance(double log_p) { return std::max(1e-12, 1e-10 * std::abs(log_p)); }

TEST(Distributions, StudentTTwoSidedMatchesHighPrecisionReference) {
    for (const auto& c : kTCases)
        EXPECT_NEAR(log_p_two_sided_t(c.t, c.df), c.log_p, tolerance(c.log_p)) << "t=" << c.t << " df=" << c.df;
    EXPECT_EQ(log_p_two_sided_t(0.0, 10.0), 0.0);
    EXPECT_EQ(log_p_two_sided_t(-2.5, 30.0), log_p_two_sided_t(2.5, 30.0));
    EXPECT_TRUE(std::isnan(log_p_two_sided_t(NAN, 10.0)));
}

TEST(Distributions, NormalAndChiSquareMatchHighPrecisionReference) {
    for (const auto& c : kNormalCases) {
        EXPECT_NEAR(log_p_two_sided_normal(c.z), c.log_p, tolerance(c.log_p)) << "z=" << c.z;
        EXPECT_NEAR(log_p_chisq1(c.z * c.z), c.log_p, tolerance(c.log_p)) << "x=" << c.z * c.z;
    }
    EXPECT_EQ(log_p_two_sided_normal(0.0), 0.0);
}

TEST(Distributions, FormatsPValuesBelowTheDoubleRange) {
    EXPECT_EQ(format_p_from_log10(0.0), "1");
    EXPECT_EQ(format_p_from_log10(-0.5), "0.316228");
    EXPECT_EQ(format_p_from_log10(-7.3), "5.01187e-08");
    EXPECT_EQ(format_p_from_log10(-299), "1e-299");
    EXPECT_EQ(format_p_from_log10(-350.25), "5.62341e-351");
    EXPECT_EQ(format_p_from_log10(-400.1), "7.94328e-401");
    EXPECT_EQ(format_p_from_log10(-1000), "1e-1000");
    // A mantissa that rounds up to 10 carries into the exponent.
    EXPECT_EQ(format_p_from_log10(-400 + std::log10(9.999996)), "1e-399");
    EXPECT_EQ(format_p_from_log10(NAN), "NA");
}

}  // namespace
}  // namespace ridgeway
