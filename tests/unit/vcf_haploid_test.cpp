// VcfSource on haploid calls written here by hand (chrX and chrY of males, as PLINK 2, Beagle and Minimac write
// them): a GT of one allele counts on the diploid scale (0 or 2), the DS of a sample with such a GT is doubled, a GP
// of two values gives twice P(ALT); those calls are marked haploid, missing ones are only missing. A record without
// GT, or a sample whose GT is missing, keeps DS on the diploid scale.
//
// Tolerance: dosages are stored in units of 1/16384, so a decoded dosage is within 1/32768 of the exact one.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "io/vcf/vcf_source.hpp"
#include "test_files.hpp"

namespace ridgeway {
namespace {

using testing::ScratchFolder;

constexpr float kStorageTolerance = 1.0f / 32768;
const float kMissing = std::nanf("");

const char* const kHeader =
    "##fileformat=VCFv4.2\n"
    "##contig=<ID=X>\n"
    "##contig=<ID=Y>\n"
    "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n"
    "##FORMAT=<ID=DS,Number=A,Type=Float,Description=\"ALT dosage\">\n"
    "##FORMAT=<ID=GP,Number=G,Type=Float,Description=\"Genotype probabilities\">\n"
    "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tA\tB\tC\tD\tE\tF\n";

const std::string kVcf = std::string(kHeader) +
    // haploid and diploid samples with DS and GP (two values for a haploid sample)
    "X\t100\tx1\tC\tT\t.\t.\t.\tGT:DS:GP\t0:0.1:0.9,0.1\t1:0.8:0.2,0.8\t.:.:.\t0/1:1.2:0.1,0.6,0.3\t1:1:0,1\t"
    "0|0:0:1,0,0\n"
    // GT only
    "X\t200\tx2\tG\tA\t.\t.\t.\tGT\t0\t1\t.\t1/1\t0\t./.\n"
    // every sample haploid: GP has two values per sample
    "Y\t300\ty1\tA\tG\t.\t.\t.\tGT:GP\t0:1,0\t1:0,1\t1:0.3,0.7\t0:0.6,0.4\t.:.\t1:0,1\n"
    // DS with a missing haploid GT (diploid scale), and a haploid GT with a missing DS (missing)
    "X\t400\tx3\tT\tC\t.\t.\t.\tGT:DS\t.:0.4\t1:0.5\t0:0.9\t0/1:1\t1:.\t0/0:0.05\n";

struct Decoded {
    std::vector<float> values;  // dosages, or calls as floats; NaN when missing
    std::vector<std::int8_t> calls;
    std::vector<int> haploid;
};

Decoded read_all(const VcfSource& source) {
    std::vector<std::size_t> variants(source.variants().size()), samples(source.samples().size());
    for (std::size_t v = 0; v < variants.size(); ++v) variants[v] = v;
    for (std::size_t s = 0; s < samples.size(); ++s) samples[s] = s;
    GenotypeBlock block;
    source.read(variants, samples, block);
    Decoded out;
    out.calls = block.calls;
    for (std::size_t v = 0; v < block.n_variants; ++v)
        for (std::size_t k = 0; k < block.n_samples; ++k) {
            const std::size_t i = v * block.n_samples + k;
            out.values.push_back(block.with_dosages ? block.dosages[i]
                                 : block.calls[i] == kMissingCall ? kMissing
                                                                  : static_cast<float>(block.calls[i]));
            out.haploid.push_back(block.is_haploid(v, k));
        }
    return out;
}

void expect_values(const std::vector<float>& expected, const std::vector<float>& actual) {
    ASSERT_EQ(expected.size(), actual.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        if (std::isnan(expected[i]))
            EXPECT_TRUE(std::isnan(actual[i])) << "value " << i << " is " << actual[i] << ", expected missing";
        else
            EXPECT_NEAR(expected[i], actual[i], kStorageTolerance) << "value " << i;
    }
}

VcfSource open(const std::string& path, VcfField field) {
    VcfSettings settings;
    settings.path = path;
    settings.field = field;
    return VcfSource(settings);
}

TEST(VcfHaploid, GtCallsCountTwiceAndAreMarked) {
    ScratchFolder folder;
    const auto source = open(folder.write("h.vcf", kVcf), VcfField::gt);
    const auto decoded = read_all(source);
    expect_values({0, 2, kMissing, 1, 2, 0,         //
                   0, 2, kMissing, 2, 0, kMissing,  //
                   0, 2, 2, 0, kMissing, 2,         //
                   kMissing, 2, 0, 1, 2, 0},
                  decoded.values);
    EXPECT_EQ(decoded.haploid, (std::vector<int>{1, 1, 0, 0, 1, 0,  //
                                                 1, 1, 0, 0, 1, 0,  //
                                                 1, 1, 1, 1, 0, 1,  //
                                                 0, 1, 1, 0, 1, 0}));
    EXPECT_NE(source.describe().find("4 records with haploid calls"), std::string::npos) << source.describe();
}

TEST(VcfHaploid, DsOfHaploidGtIsDoubledAndCallsAreItsRounding) {
    ScratchFolder folder;
    const auto source = open(folder.write("h.vcf", kVcf), VcfField::ds);
    const auto decoded = read_all(source);
    expect_values({0.2f, 1.6f, kMissing, 1.2f, 2, 0,    //
                   0, 2, kMissing, 2, 0, kMissing,      //
                   0, 2, 2, 0, kMissing, 2,             //
                   0.4f, 1, 1.8f, 1, kMissing, 0.05f},
                  decoded.values);
    EXPECT_EQ(decoded.calls, (std::vector<std::int8_t>{0, 2, -1, 1, 2, 0,   //
                                                       0, 2, -1, 2, 0, -1,  //
                                                       0, 2, 2, 0, -1, 2,   //
                                                       0, 1, 2, 1, -1, 0}));
    EXPECT_EQ(decoded.haploid, (std::vector<int>{1, 1, 0, 0, 1, 0,  //
                                                 1, 1, 0, 0, 1, 0,  //
                                                 1, 1, 1, 1, 0, 1,  //
                                                 0, 1, 1, 0, 0, 0}));
}

TEST(VcfHaploid, GpOfTwoValuesGivesTwiceTheAltProbability) {
    ScratchFolder folder;
    const auto source = open(folder.write("h.vcf", kVcf), VcfField::gp);
    const auto decoded = read_all(source);
    expect_values({0.2f, 1.6f, kMissing, 1.2f, 2, 0,  //
                   0, 2, kMissing, 2, 0, kMissing,    //
                   0, 2, 1.4f, 0.8f, kMissing, 2,     //
                   kMissing, 2, 0, 1, 2, 0},
                  decoded.values);
    EXPECT_EQ(decoded.haploid, (std::vector<int>{1, 1, 0, 0, 1, 0,  //
                                                 1, 1, 0, 0, 1, 0,  //
                                                 1, 1, 1, 1, 0, 1,  //
                                                 0, 1, 1, 0, 1, 0}));
}

TEST(VcfHaploid, ChosenSamplesKeepTheirMarks) {
    ScratchFolder folder;
    const auto source = open(folder.write("h.vcf", kVcf), VcfField::ds);
    const std::vector<std::size_t> variants{3, 0}, samples{1, 3, 4};
    GenotypeBlock block;
    source.read(variants, samples, block);
    expect_values({1, 1, kMissing, 1.6f, 1.2f, 2}, block.dosages);
    EXPECT_EQ(block.haploid, (std::vector<std::uint8_t>{1, 0, 0, 1, 0, 1}));
}

TEST(VcfHaploid, DsWithoutGtStaysOnTheDiploidScale) {
    ScratchFolder folder;
    const auto source = open(folder.write("ds.vcf", std::string(kHeader) +
                                                        "X\t500\tx4\tA\tC\t.\t.\t.\tDS\t0.5\t1.5\t.\t0.7\t2\t0\n"),
                             VcfField::ds);
    const auto decoded = read_all(source);
    expect_values({0.5f, 1.5f, kMissing, 0.7f, 2, 0}, decoded.values);
    EXPECT_TRUE(std::all_of(decoded.haploid.begin(), decoded.haploid.end(), [](int h) { return h == 0; }));
}

TEST(VcfHaploid, DiploidFilesHaveNoMarks) {
    ScratchFolder folder;
    const auto source = open(folder.write("d.vcf", std::string(kHeader) +
                                                       "X\t100\tx1\tC\tT\t.\t.\t.\tGT:DS\t0/0:0\t0/1:1\t1|1:2\t./.:.\t"
                                                       "0/0:0.1\t1/0:0.9\n"),
                             VcfField::ds);
    GenotypeBlock block;
    const std::vector<std::size_t> variants{0}, samples{0, 1, 2, 3, 4, 5};
    source.read(variants, samples, block);
    EXPECT_TRUE(block.haploid.empty());
    EXPECT_EQ(source.describe().find("haploid"), std::string::npos) << source.describe();
}

TEST(VcfHaploid, PloidyThreeIsAnErrorNamingTheRecord) {
    ScratchFolder folder;
    const auto path =
        folder.write("p3.vcf", std::string(kHeader) + "X\t100\tx1\tC\tT\t.\t.\t.\tGT\t0\t1\t0/1/1\t0/0\t1\t0\n");
    try {
        open(path, VcfField::gt);
        FAIL() << "no error";
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::malformed);
        EXPECT_NE(std::string(error.what()).find("p3.vcf, record 1 (X:100), sample 3: ploidy 3"), std::string::npos)
            << error.what();
    }
}

}  // namespace
}  // namespace ridgeway
