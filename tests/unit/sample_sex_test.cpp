// Each sample's sex as the genotype sources read it from their sample files: .fam column 5 (BedSource), a .psam's
// SEX column or a header-less .psam's fifth (PgenSource), an Oxford .sample's sex column of type D (BgenSource); none
// without such a column. A code other than 1/2, M/F, male/female or 0/-9/NA is an error naming file, line and value.
#include <functional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "bgen_test_writer.hpp"
#include "core/error.hpp"
#include "io/pgen/pgen_source.hpp"
#include "io/plink1/bed_source.hpp"
#include "test_files.hpp"

namespace ridgeway {
namespace {

using testing::ScratchFolder;

constexpr Sex M = Sex::male, F = Sex::female, U = Sex::unknown;

// One variant for four samples (homozygous A1, missing, heterozygous, homozygous A2), as a .bed or a .pgen (PLINK 2
// reads a .bed renamed .pgen).
const std::string kBedBytes = std::string("\x6c\x1b\x01", 3) + std::string(1, static_cast<char>(0b11100100));

std::string error_of(const std::function<void()>& action) {
    try {
        action();
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::malformed) << error.what();
        return error.what();
    }
    return "no error";
}

TEST(SampleSex, ParsesEveryCodeAndRejectsOthers) {
    for (const char* male : {"1", "M", "m", "male", "Male"}) EXPECT_EQ(parse_sex(male), M) << male;
    for (const char* female : {"2", "F", "f", "female", "FEMALE"}) EXPECT_EQ(parse_sex(female), F) << female;
    for (const char* unknown : {"0", "-9", "NA", "na", ""}) EXPECT_EQ(parse_sex(unknown), U) << unknown;
    for (const char* bad : {"3", "Q", "-1", "1.0", "males"}) EXPECT_FALSE(parse_sex(bad).has_value()) << bad;
}

TEST(SampleSex, FamColumnFive) {
    ScratchFolder folder;
    folder.write("g.bed", kBedBytes);
    folder.write("g.bim", "X v1 0 10 A C\n");
    folder.write("g.fam", "a a 0 0 1 -9\nb b 0 0 2 -9\nc c 0 0 0 -9\nd d 0 0 F 1\n");
    EXPECT_EQ(BedSource(folder.file("g")).sexes(), (std::vector<Sex>{M, F, U, F}));
    folder.write("g.fam", "a a 0 0 1 -9\nb b 0 0 2 -9\nc c 0 0 3 -9\nd d 0 0 0 -9\n");
    EXPECT_EQ(error_of([&] { BedSource source(folder.file("g")); }),
              folder.file("g.fam") + ", line 3: sex '3' is not 1/2, M/F, male/female or 0/-9/NA");
}

TEST(SampleSex, PsamSexColumnOrFamStyleColumnFive) {
    ScratchFolder folder;
    folder.write("g.pgen", kBedBytes);
    folder.write("g.pvar", "X v1 0 10 A C\n");
    const auto sexes = [&](const std::string& psam) {
        folder.write("g.psam", psam);
        return PgenSource(folder.file("g"), Multiallelic::skip).sexes();
    };
    EXPECT_EQ(sexes("#FID\tIID\tSEX\tPHENO1\nf a 1 2\nf b 2 2\nf c NA 1\nf d 0 1\n"), (std::vector<Sex>{M, F, U, U}));
    EXPECT_EQ(sexes("##note\n#IID\tPAT\tMAT\tsex\na 0 0 2\nb 0 0 1\nc 0 0 -9\nd 0 0 m\n"),
              (std::vector<Sex>{F, M, U, M}));
    EXPECT_EQ(sexes("a a 0 0 1 -9\nb b 0 0 2 -9\nc c 0 0 0 -9\nd d 0 0 2\n"), (std::vector<Sex>{M, F, U, F}));
    EXPECT_TRUE(sexes("#IID\tPHENO1\na 1\nb 1\nc 2\nd 2\n").empty());
    EXPECT_EQ(error_of([&] { sexes("#IID\tSEX\na 1\nb Q\nc 2\nd 2\n"); }),
              folder.file("g.psam") + ", line 3: sex 'Q' is not 1/2, M/F, male/female or 0/-9/NA");
}

TEST(SampleSex, OxfordSampleColumnNamedSexOfTypeD) {
    using namespace bgen_test;
    ScratchFolder folder;
    TestVariant variant;
    variant.samples = {{255, 0}, {0, 255}, {0, 0}};
    TestFile file;
    file.n_samples = 3;
    file.sample_ids = {"i1", "i2", "i3"};
    file.records = {record(variant, Compression::zlib)};
    const auto bgen = folder.write("g.bgen", bgen_bytes(file));
    const auto sexes = [&](const std::string& sample) {
        return BgenSource(bgen, sample.empty() ? "" : folder.write("g.sample", sample), false).sexes();
    };
    // As plink2 --export bgen-1.2 writes it: the missing rate, then sex, then a binary phenotype.
    EXPECT_EQ(sexes("ID_1 ID_2 missing sex PHENO1\n0 0 0 D B\n0 i1 0 1 0\n0 i2 0.5 2 1\n0 i3 0 NA 1\n"),
              (std::vector<Sex>{M, F, U}));
    EXPECT_EQ(sexes("ID_1 ID_2 missing age Sex\n0 0 0 C D\ni1 i1 0 40 female\ni2 i2 0 50 male\ni3 i3 0 60 -9\n"),
              (std::vector<Sex>{F, M, U}));
    EXPECT_TRUE(sexes("ID_1 ID_2 missing\n0 0 0\ni1 i1 0\ni2 i2 0\ni3 i3 0\n").empty());
    EXPECT_TRUE(sexes("ID_1 ID_2 missing sex\n0 0 0 B\ni1 i1 0 1\ni2 i2 0 0\ni3 i3 0 1\n").empty());  // not type D
    EXPECT_TRUE(sexes("").empty());  // the IDs stored in the .bgen
    EXPECT_EQ(error_of([&] { sexes("ID_1 ID_2 missing sex\n0 0 0 D\ni1 i1 0 1\ni2 i2 0 2\ni3 i3 0 U\n"); }),
              folder.file("g.sample") + ", line 5: sex 'U' is not 1/2, M/F, male/female or 0/-9/NA");
}

}  // namespace
}  // namespace ridgeway
