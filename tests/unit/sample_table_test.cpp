#include <cmath>

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/run_log.hpp"
#include "core/text_reader.hpp"
#include "io/tables/sample_table.hpp"
#include "samples/cohort.hpp"
#include "samples/sample_matcher.hpp"
#include "test_files.hpp"

namespace ridgeway {
namespace {

using testing::ScratchFolder;

TEST(TextReader, ParsesWholeTokensOnly) {
    EXPECT_EQ(parse_double("1.5"), 1.5);
    EXPECT_EQ(parse_double("-2e-3"), -2e-3);
    EXPECT_EQ(parse_double("+4"), 4.0);
    EXPECT_FALSE(parse_double("1.5abc"));
    EXPECT_FALSE(parse_double(""));
    EXPECT_FALSE(parse_double("inf"));
    EXPECT_FALSE(parse_double("nan"));
    EXPECT_EQ(parse_integer("42"), 42);
    EXPECT_FALSE(parse_integer("4.2"));
}

TEST(SampleTable, ReadsEveryHeaderStyle) {
    ScratchFolder folder;
    auto plain = read_sample_table(folder.write("a.txt", "FID IID T1 T2\nf1 i1 1 2\nf2\ti2\t3\t4\n"));
    EXPECT_TRUE(plain.has_fid);
    EXPECT_EQ(plain.columns, (std::vector<std::string>{"T1", "T2"}));
    EXPECT_EQ(plain.cells[1][1], "4");
    auto hashed = read_sample_table(folder.write("b.txt", "#FID IID T1\nf1 i1 1\n"));
    EXPECT_TRUE(hashed.has_fid);
    auto iid_only = read_sample_table(folder.write("c.txt", "#IID T1\ni1 1\n"));
    EXPECT_FALSE(iid_only.has_fid);
    EXPECT_EQ(iid_only.ids[0].iid, "i1");
    auto csv = read_sample_table(folder.write("d.csv", "FID,IID,T1\nf1,i1,7\n"));
    EXPECT_EQ(csv.cells[0][0], "7");
    EXPECT_THROW(read_sample_table(folder.write("e.txt", "A B T1\nf1 i1 1\n")), Error);
    EXPECT_THROW(read_sample_table(folder.write("f.txt", "FID IID T1\nf1 i1\n")), Error);
}

TEST(SampleTable, ExpandsColumnRanges) {
    ScratchFolder folder;
    auto table = read_sample_table(folder.write("a.txt", "FID IID PC1 PC2 PC3 AGE\nf i 1 2 3 4\n"));
    EXPECT_EQ(select_columns(table, "AGE,PC1-PC3", "--covar-name"), (std::vector<std::size_t>{3, 0, 1, 2}));
    EXPECT_EQ(select_columns(table, "", "--covar-name").size(), 4u);
    EXPECT_THROW(select_columns(table, "PC1-PC4", "--covar-name"), Error);
}

TEST(Cohort, HandlesMissingValuesAndCategories) {
    ScratchFolder folder;
    std::vector<SampleId> samples{{"f1", "i1"}, {"f2", "i2"}, {"f3", "i3"}, {"f4", "i4"}, {"f5", "i5"}};
    std::string pheno = folder.write("p.txt", "FID IID T\nf1 i1 1.5\nf2 i2 -9\nf3 i3 NA\nf4 i4 2\nf5 i5 3\n");
    std::string covar = folder.write("c.txt", "FID IID AGE SITE\nf1 i1 30 north\nf2 i2 40 south\nf3 i3 50 north\n"
                                              "f4 i4 60 east\nf5 i5 NA south\n");
    RunLog log("test", Console::none);
    Cohort cohort = build_cohort(SampleMatcher(samples, true), std::vector<bool>(5, true), {pheno, "T", covar, "AGE,SITE", true, false, {}, "", 10}, log);
    // f2 (-9) and f3 (NA) have no trait value; f5 lacks AGE.
    EXPECT_EQ(cohort.sample_indices, (std::vector<std::size_t>{0, 3}));
    EXPECT_EQ(cohort.covariate_names, (std::vector<std::string>{"AGE", "SITE=north", "SITE=south"}));
    EXPECT_EQ(cohort.covariates(0, 1), 1.0);
    EXPECT_EQ(cohort.covariates(1, 1), 0.0);

    Cohort with_minus9 = build_cohort(SampleMatcher(samples, true), std::vector<bool>(5, true), {pheno, "T", "", "", false, false, {}, "", 10}, log);
    EXPECT_EQ(with_minus9.sample_indices, (std::vector<std::size_t>{0, 1, 3, 4}));
    EXPECT_EQ(with_minus9.traits(1, 0), -9.0);
}

TEST(CaseControl, RecognizesZeroOneCodingReadAsOneTwo) {
    EXPECT_TRUE(looks_zero_one_coded({0, 1, NAN, 1}));
    EXPECT_TRUE(looks_zero_one_coded({0, 0}));
    EXPECT_FALSE(looks_zero_one_coded({1, 1, NAN}));  // all controls in 1/2 coding: nothing says 0/1
    EXPECT_FALSE(looks_zero_one_coded({0, 1, 2}));
    EXPECT_FALSE(looks_zero_one_coded({NAN}));
}

}  // namespace
}  // namespace ridgeway
