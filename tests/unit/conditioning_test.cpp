// Conditioning variants as step 2's covariates: the list file, the cohort step 2 tests, and their errors.
#include <cmath>
#include <limits>

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/run_log.hpp"
#include "io/tables/id_lists.hpp"
#include "samples/conditioning.hpp"
#include "test_files.hpp"

namespace ridgeway {
namespace {

using testing::ScratchFolder;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Four samples, one trait (the second sample without a value), one covariate.
Cohort small_cohort() {
    Cohort cohort;
    cohort.sample_indices = {0, 1, 2, 3};
    cohort.trait_names = {"T"};
    cohort.traits = Matrix(4, 1);
    const double traits[] = {1.0, kNaN, 3.0, 4.0};
    for (std::size_t i = 0; i < 4; ++i) cohort.traits(i, 0) = traits[i];
    cohort.covariate_names = {"AGE"};
    cohort.covariates = Matrix(4, 1);
    for (std::size_t i = 0; i < 4; ++i) cohort.covariates(i, 0) = 40.0 + static_cast<double>(i);
    return cohort;
}

TEST(Conditioning, ListKeepsOrderAndLinesAndRefusesRepeatsAndEmptyFiles) {
    ScratchFolder folder;
    const auto listed = read_ordered_variant_list(folder.write("c.list", "rs2\n\nrs1 extra\n"), "--condition-list");
    ASSERT_EQ(listed.size(), 2u);
    EXPECT_EQ(listed[0].id, "rs2");
    EXPECT_EQ(listed[1].id, "rs1");
    EXPECT_EQ(listed[1].line, 3u);
    try {
        read_ordered_variant_list(folder.write("d.list", "rs1\nrs2\nrs1\n"), "--condition-list");
        FAIL() << "a repeated ID was accepted";
    } catch (const Error& error) {
        EXPECT_NE(std::string(error.what()).find("d.list, line 3: variant ID rs1 is listed twice (first on line 1)"),
                  std::string::npos)
            << error.what();
    }
    EXPECT_THROW(read_ordered_variant_list(folder.write("e.list", "\n \n"), "--condition-list"), Error);
}

TEST(Conditioning, AppendsColumnsAndLeavesOutSamplesWithoutAGenotype) {
    RunLog log("test", Console::none);
    ConditioningVariants conditioning{{"rs1"}, Matrix(4, 1), "test"};
    const double values[] = {0.0, 2.0, kNaN, 1.5};  // the third sample's call is missing
    for (std::size_t i = 0; i < 4; ++i) conditioning.values(i, 0) = values[i];
    const Cohort cohort = conditioned_cohort(small_cohort(), conditioning, log);
    EXPECT_EQ(cohort.covariate_names, (std::vector<std::string>{"AGE", "rs1"}));
    ASSERT_EQ(cohort.covariates.cols(), 2u);
    EXPECT_EQ(cohort.covariates(3, 0), 43.0);
    EXPECT_EQ(cohort.covariates(3, 1), 1.5);
    EXPECT_EQ(cohort.covariates(2, 1), 0.75);  // the mean over the samples tested (first and fourth)
    EXPECT_EQ(cohort.sample_indices.size(), 4u);  // rows stay aligned with step-1 predictions
    EXPECT_TRUE(std::isnan(cohort.traits(2, 0)));
    EXPECT_EQ(cohort.traits(0, 0), 1.0);
    EXPECT_EQ(cohort.traits(3, 0), 4.0);
}

TEST(Conditioning, AVariantConstantAmongTheSamplesTestedIsAnError) {
    RunLog log("test", Console::none);
    ConditioningVariants conditioning{{"rs1"}, Matrix(4, 1), "test"};
    // Varies only through the second sample, which has no trait value.
    const double values[] = {1.0, 2.0, 1.0, 1.0};
    for (std::size_t i = 0; i < 4; ++i) conditioning.values(i, 0) = values[i];
    try {
        conditioned_cohort(small_cohort(), conditioning, log);
        FAIL() << "a constant conditioning variant was accepted";
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::inconsistent);
        EXPECT_NE(std::string(error.what()).find("conditioning variant rs1 is constant (1) among the 3 samples"),
                  std::string::npos)
            << error.what();
    }
}

}  // namespace
}  // namespace ridgeway
