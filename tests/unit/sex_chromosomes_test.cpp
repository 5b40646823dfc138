#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "sexchrom/par_regions.hpp"
#include "sexchrom/sex_chromosomes.hpp"
#include "sexchrom/x_test_design.hpp"

namespace ridgeway {
namespace {

TEST(ParRegions, BuildsAndRanges) {
    const ParRegions hg38 = parse_par_regions("hg38");
    EXPECT_TRUE(hg38.contains(10001));
    EXPECT_TRUE(hg38.contains(2781479));
    EXPECT_FALSE(hg38.contains(2781480));
    EXPECT_TRUE(hg38.contains(155701383));
    EXPECT_FALSE(hg38.contains(10000));
    EXPECT_TRUE(parse_par_regions("hg19").contains(60001));
    EXPECT_FALSE(parse_par_regions("hg19").contains(2699521));
    const ParRegions own = parse_par_regions("X:100-200,chrX:300-300");
    EXPECT_TRUE(own.contains(150));
    EXPECT_TRUE(own.contains(300));
    EXPECT_FALSE(own.contains(250));
    for (const char* bad : {"hg37", "X:200-100", "1:1-5", "X:1", "X:a-b", ""})
        EXPECT_THROW(parse_par_regions(bad), Error) << bad;
}

TEST(SexChromosomes, ClassifiesByCodeAndPosition) {
    const ParRegions par = parse_par_regions("hg38");
    EXPECT_EQ(classify_variant({"1", "a", 0, 5, "", ""}, par), ChromosomeClass::autosome);
    EXPECT_EQ(classify_variant({"X", "b", 0, 20000, "", ""}, par), ChromosomeClass::x_par);
    EXPECT_EQ(classify_variant({"chrX", "c", 0, 5000000, "", ""}, par), ChromosomeClass::x_nonpar);
    EXPECT_EQ(classify_variant({"23", "d", 0, 155701383, "", ""}, par), ChromosomeClass::x_par);
    EXPECT_EQ(classify_variant({"XY", "e", 0, 5000000, "", ""}, par), ChromosomeClass::x_par);
    EXPECT_EQ(classify_variant({"Y", "f", 0, 5, "", ""}, par), ChromosomeClass::y);
    EXPECT_EQ(classify_variant({"MT", "g", 0, 5, "", ""}, par), ChromosomeClass::mt);
    EXPECT_EQ(classify_variant({"contig7", "h", 0, 5, "", ""}, par), ChromosomeClass::autosome);
}

// One non-PAR X variant read for a male, a female and a sample of unknown sex, several times over.
struct XBlock {
    std::vector<Variant> variants{{"X", "x", 0, 5000000, "", ""}, {"1", "a", 0, 100, "", ""}};
    std::vector<Sex> sexes{Sex::male, Sex::female, Sex::unknown, Sex::male, Sex::female};
    std::vector<std::size_t> samples{0, 1, 2, 3, 4};
    GenotypeBlock block;

    SexChromosomes rules(int model) const { return {variants, sexes, {model, parse_par_regions("hg38")}}; }
    void fill(std::vector<std::int8_t> calls, bool dosages = false) {
        block.resize(1, calls.size(), dosages);
        block.calls = calls;
        if (dosages)
            for (std::size_t j = 0; j < calls.size(); ++j)
                block.dosages[j] = calls[j] == kMissingCall ? NAN : static_cast<float>(calls[j]);
    }
};

TEST(SexChromosomes, NonParXCodingModel2) {
    XBlock x;
    x.fill({2, 1, 2, 1, 2});
    x.block.mark_haploid(0, 4);  // a haploid call in a female
    std::vector<std::uint32_t> flagged(5, 0);
    x.rules(2).code_variant(x.block, 0, ChromosomeClass::x_nonpar, x.samples, flagged.data());
    EXPECT_EQ(x.block.calls, (std::vector<std::int8_t>{2, 1, kMissingCall, kMissingCall, kMissingCall}));
    EXPECT_EQ(flagged, (std::vector<std::uint32_t>{0, 0, 0, 1, 1}));
}

TEST(SexChromosomes, NonParXCodingModel1HalvesMales) {
    XBlock x;
    x.fill({2, 2, 0, 0, 1});
    x.rules(1).code_variant(x.block, 0, ChromosomeClass::x_nonpar, x.samples);
    EXPECT_EQ(x.block.calls, (std::vector<std::int8_t>{1, 2, kMissingCall, 0, 1}));
    x.fill({2, 2, 0, 2, 1}, true);
    x.block.dosages[0] = 1.6f;  // a haploid dosage of 0.8, doubled by the reader
    x.block.mark_haploid(0, 0);
    x.rules(1).code_variant(x.block, 0, ChromosomeClass::x_nonpar, x.samples);
    EXPECT_FLOAT_EQ(x.block.dosages[0], 0.8f);
    EXPECT_EQ(x.block.calls[0], 1);
    EXPECT_FLOAT_EQ(x.block.dosages[3], 1.0f);
    EXPECT_TRUE(std::isnan(x.block.dosages[2]));
}

TEST(SexChromosomes, HaploidCallsOutsideNonParXAreMissing) {
    XBlock x;
    x.fill({2, 1, 0, 2, 0});
    x.block.mark_haploid(0, 3);
    std::vector<std::uint32_t> flagged(5, 0);
    x.rules(2).code_variant(x.block, 0, ChromosomeClass::autosome, x.samples, flagged.data());
    EXPECT_EQ(x.block.calls, (std::vector<std::int8_t>{2, 1, 0, kMissingCall, 0}));
    EXPECT_EQ(flagged[3], 1u);
}

Cohort cohort_with(std::vector<Sex> sexes, std::vector<double> covariate) {
    Cohort cohort;
    cohort.sexes = std::move(sexes);
    for (std::size_t i = 0; i < cohort.sexes.size(); ++i) cohort.sample_indices.push_back(i);
    cohort.covariates = Matrix(covariate.size(), 1);
    for (std::size_t i = 0; i < covariate.size(); ++i) cohort.covariates(i, 0) = covariate[i];
    return cohort;
}

TEST(XTestDesign, AddsSexUnlessSpannedOrConstant) {
    const std::vector<Sex> sexes{Sex::male, Sex::female, Sex::male, Sex::unknown, Sex::female};
    const XTestDesign added = x_test_design(cohort_with(sexes, {0.3, 1.2, -0.5, 2.0, 0.7}));
    ASSERT_TRUE(added.sex_added);
    EXPECT_EQ(added.covariates.cols(), 2u);
    EXPECT_EQ(added.covariates(0, 1), 1.0);
    EXPECT_EQ(added.covariates(1, 1), 0.0);
    EXPECT_EQ(added.excluded, (std::vector<bool>{false, false, false, true, false}));
    // A SEX covariate coded 1/2 (the unknown sample's value does not matter).
    EXPECT_FALSE(x_test_design(cohort_with(sexes, {1, 2, 1, 0, 2})).sex_added);
    EXPECT_FALSE(x_test_design(cohort_with({Sex::female, Sex::female, Sex::female}, {0.1, 0.5, 0.2})).sex_added);
    const Matrix traits = without_excluded(Matrix(5, 2, 1.0), added.excluded);
    EXPECT_TRUE(std::isnan(traits(3, 0)) && std::isnan(traits(3, 1)));
    EXPECT_EQ(traits(4, 1), 1.0);
}

}  // namespace
}  // namespace ridgeway
