// lambda_GC over all variants and over the variants a correction was applied to below a threshold t. Reference
// medians from scipy 1.10 (Debian python3-scipy): chi2.isf(t / 2, 1).
#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "report/gwas_summary.hpp"

namespace ridgeway {
namespace {

TEST(SelectedInflation, NullMedianGivenSelectionIsTheChiSquareOfHalfTheThreshold) {
    const std::pair<double, double> cases[] = {
        {1, 0.4549364231195724}, {0.05, 5.02388618731489}, {0.01, 7.879438576622419}, {1e-4, 16.448110210008}};
    for (const auto& [threshold, median] : cases)
        EXPECT_NEAR(selected_null_median_chi_square(threshold) / median, 1, 1e-9) << "t = " << threshold;
    EXPECT_TRUE(std::isnan(selected_null_median_chi_square(0)));
}

TEST(SelectedInflation, OneWhenTheMedianIsHalfTheThresholdAndAllVariantsAtThresholdOne) {
    // Three p-values whose median is t/2 = 0.025 (as -log10 p).
    const std::vector<float> selected = {static_cast<float>(-std::log10(0.001)), static_cast<float>(-std::log10(0.025)),
                                         static_cast<float>(-std::log10(0.04))};
    EXPECT_NEAR(selected_inflation(selected, 0.05), 1, 1e-6);
    // Deflated p-values (all ten times smaller) give more than 1.
    std::vector<float> deflated = selected;
    for (float& v : deflated) v += 1;
    EXPECT_GT(selected_inflation(deflated, 0.05), 1.5);
    // With t = 1 every variant is selected and the value is lambda_GC.
    EXPECT_NEAR(selected_inflation(deflated, 1), genomic_inflation(deflated), 1e-12);
    EXPECT_TRUE(std::isnan(selected_inflation({}, 0.05)));
}

}  // namespace
}  // namespace ridgeway
