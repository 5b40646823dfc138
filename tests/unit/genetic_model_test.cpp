// Genetic models (--test): the recoding of calls and dosages, and the additive summary the results report.
#include <cmath>
#include <limits>

#include <gtest/gtest.h>

#include "assoc/additive_summary.hpp"
#include "assoc/genetic_model.hpp"
#include "core/error.hpp"
#include "samples/rank_normal.hpp"

namespace ridgeway {
namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

GenotypeBlock one_variant(std::vector<std::int8_t> calls, std::vector<float> dosages = {}) {
    GenotypeBlock block;
    block.resize(1, calls.size(), !dosages.empty());
    block.calls = std::move(calls);
    if (!dosages.empty()) block.dosages = std::move(dosages);
    return block;
}

TEST(GeneticModel, RecodesCallsAsPlink2) {
    GenotypeBlock dominant = one_variant({0, 1, 2, kMissingCall, 2});
    recode_block(dominant, GeneticModel::dominant);
    EXPECT_EQ(dominant.calls, (std::vector<std::int8_t>{0, 1, 1, kMissingCall, 1}));
    GenotypeBlock recessive = one_variant({0, 1, 2, kMissingCall, 2});
    recode_block(recessive, GeneticModel::recessive);
    EXPECT_EQ(recessive.calls, (std::vector<std::int8_t>{0, 0, 1, kMissingCall, 1}));
    GenotypeBlock additive = one_variant({0, 1, 2, kMissingCall});
    recode_block(additive, GeneticModel::additive);
    EXPECT_EQ(additive.calls, (std::vector<std::int8_t>{0, 1, 2, kMissingCall}));
}

TEST(GeneticModel, RecodesDosagesAsPlink2AndKeepsTheirRoundingInTheCalls) {
    const std::vector<float> dosages{0.0f, 0.4f, 0.5f, 1.0f, 1.5f, 1.6f, 2.0f, kNaN};
    for (const GeneticModel model : {GeneticModel::dominant, GeneticModel::recessive}) {
        GenotypeBlock block = one_variant(std::vector<std::int8_t>(dosages.size()), dosages);
        block.round_dosages();
        recode_block(block, model);
        for (std::size_t i = 0; i < dosages.size(); ++i) {
            const float d = dosages[i];
            if (std::isnan(d)) {
                EXPECT_TRUE(std::isnan(block.dosages[i]));
                EXPECT_EQ(block.calls[i], kMissingCall);
                continue;
            }
            const float coded = model == GeneticModel::dominant ? std::min(d, 1.0f) : std::max(d - 1.0f, 0.0f);
            EXPECT_FLOAT_EQ(block.dosages[i], coded) << d;
            EXPECT_EQ(block.calls[i], nearest_call(coded)) << d;  // the block's rule: calls are rounded dosages
        }
    }
}

TEST(GeneticModel, NamesAndTestColumn) {
    EXPECT_EQ(parse_genetic_model("recessive"), GeneticModel::recessive);
    EXPECT_STREQ(genetic_model_test(GeneticModel::dominant), "DOM");
    EXPECT_THROW(parse_genetic_model("codominant"), Error);
}

// The frequencies over the rows a test used, from the additive calls, whatever the coding tested.
TEST(AdditiveSummary, FrequenciesOfTheAdditiveCallsOverTheTestedRows) {
    const GenotypeBlock block = one_variant({2, 1, 0, kMissingCall, 2, 1});
    const std::vector<std::int8_t> status{1, 0, 0, 1, -1, 1};  // row 4 has no trait value, row 3 no call
    AdditiveSummary summary;
    EXPECT_DOUBLE_EQ(summary.sums(block, 0).sum, 6.0);
    AssocResult result;
    const std::vector<std::size_t> cases = rows_with_status(status, 1);
    summary.report(rows_with_status(status, -1), &cases, result);
    EXPECT_DOUBLE_EQ(result.a1_freq, 4.0 / 8.0);
    EXPECT_DOUBLE_EQ(result.a1_freq_cases, 3.0 / 4.0);
    EXPECT_DOUBLE_EQ(result.a1_freq_controls, 1.0 / 4.0);
    // Dosages: INFO too, over the same rows.
    const GenotypeBlock dosages = one_variant({2, 1, 0, kMissingCall}, {1.8f, 0.9f, 0.2f, kNaN});
    summary.sums(dosages, 0);
    summary.report({2}, nullptr, result);
    EXPECT_NEAR(result.a1_freq, 2.7 / 4.0, 1e-7);
    EXPECT_NEAR(result.info, mach_r2(2.0, 2.7, 1.8 * 1.8 + 0.9 * 0.9), 1e-6);
}

// Small cases worked by hand: Blom's offset, mean ranks for ties, NaN untouched, symmetry.
TEST(RankNormal, TiesMissingValuesAndSymmetry) {
    std::vector<double> values{5.0, std::nan(""), 1.0, 5.0, 3.0};
    rank_inverse_normal(values.data(), values.size());
    // n = 4: ranks 3.5, 1, 3.5, 2; (r - 3/8) / 4.25.
    EXPECT_TRUE(std::isnan(values[1]));
    EXPECT_DOUBLE_EQ(values[0], values[3]);
    // scipy.stats.norm.ppf of 0.625 / 4.25, 3.125 / 4.25 and 1.625 / 4.25; the quantile is good to about 1e-15.
    EXPECT_NEAR(values[2], -1.0491313979639707, 1e-12);
    EXPECT_NEAR(values[0], 0.62890421763219, 1e-12);
    EXPECT_NEAR(values[4], -0.2993069104656671, 1e-12);
    std::vector<double> odd{-2.0, 0.0, 7.0};
    rank_inverse_normal(odd.data(), odd.size());
    EXPECT_DOUBLE_EQ(odd[1], 0.0);
    EXPECT_NEAR(odd[0], -odd[2], 1e-14);
}

}  // namespace
}  // namespace ridgeway
