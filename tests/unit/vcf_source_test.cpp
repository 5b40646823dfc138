// VcfSource on a small VCF written here by hand, whose every genotype is known: phased, unphased, haploid and
// missing calls, DS and GP values (missing ones too), a record without DS, and a multiallelic record.
//
// Tolerance: dosages are stored in units of 1/16384 (as PLINK 2 stores them), so a decoded dosage is the written one
// rounded to the nearest unit: within 1/32768 of it.
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

const char* const kVcf =
    "##fileformat=VCFv4.2\n"
    "##contig=<ID=1>\n"
    "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n"
    "##FORMAT=<ID=DS,Number=A,Type=Float,Description=\"ALT dosage\">\n"
    "##FORMAT=<ID=GP,Number=G,Type=Float,Description=\"Genotype probabilities\">\n"
    "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tF1_S1\tF2_S2\tF3_S3\tF4_S4\n"
    // phased het, unphased hom-alt, missing everything, haploid ALT
    "1\t100\trs1\tA\tG\t.\tPASS\t.\tGT:DS:GP\t0|1:0.9:0.1,0.9,0\t1/1:1.75:0,0.25,0.75\t./.:.:.\t1:2:0,0,1\n"
    // multiallelic: skipped and counted
    "1\t150\trs2\tC\tT,G\t.\tPASS\t.\tGT\t0/1\t1/2\t0/0\t2/2\n"
    // GT only (DS and GP fall back to it); a half-missing call is missing
    "1\t200\trs3\tT\tC\t.\tPASS\t.\tGT\t1|0\t0/0\t./1\t1|1\n"
    // GP that sum to 1 only after rounding are normalised; DS of a missing sample is missing
    "1\t300\trs4\tG\tA\t.\tPASS\t.\tGT:DS:GP\t0/0:0.1:0.9,0.1,0\t0/1:1.2:0.2,0.4,0.4\t1/1:.:0.001,0.2,0.8\t0/0:0:1,0,0\n";

VcfSettings settings(const std::string& path, VcfField field, char id_delimiter,
                     Multiallelic multiallelic = Multiallelic::skip) {
    VcfSettings settings;
    settings.path = path;
    settings.field = field;
    settings.id_delimiter = id_delimiter;
    settings.multiallelic = multiallelic;
    return settings;
}

// Every variant's values for every sample, variant-major, as dosages (NaN when missing).
std::vector<float> read_all(const VcfSource& source) {
    std::vector<std::size_t> variants(source.variants().size()), samples(source.samples().size());
    for (std::size_t v = 0; v < variants.size(); ++v) variants[v] = v;
    for (std::size_t s = 0; s < samples.size(); ++s) samples[s] = s;
    GenotypeBlock block;
    source.read(variants, samples, block);
    std::vector<float> values;
    for (std::size_t i = 0; i < block.calls.size(); ++i)
        values.push_back(block.with_dosages ? block.dosages[i]
                         : block.calls[i] == kMissingCall ? kMissing
                                                          : static_cast<float>(block.calls[i]));
    return values;
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

TEST(VcfSource, ListsBiallelicRecordsWithAltCountedAndSkipsMultiallelicOnes) {
    ScratchFolder folder;
    VcfSource source(settings(folder.write("known.vcf", kVcf), VcfField::gt, '_'));
    ASSERT_EQ(source.variants().size(), 3u);
    EXPECT_EQ(source.multiallelic_records(), 1u);
    EXPECT_NE(source.describe().find("1 multiallelic records skipped"), std::string::npos);
    const Variant& first = source.variants()[0];
    EXPECT_EQ(first.chrom, "1");
    EXPECT_EQ(first.id, "rs1");
    EXPECT_EQ(first.pos, 100);
    EXPECT_EQ(first.allele1, "G");
    EXPECT_EQ(first.allele2, "A");
    EXPECT_EQ(source.variants()[1].id, "rs3");
    EXPECT_EQ(source.samples()[2].fid, "F3");
    EXPECT_EQ(source.samples()[2].iid, "S3");
}

TEST(VcfSource, WithoutIdDelimiterTheWholeSampleIdIsBothFidAndIid) {
    ScratchFolder folder;
    VcfSource source(settings(folder.write("known.vcf", kVcf), VcfField::gt, 0));
    EXPECT_EQ(source.samples()[0].fid, "F1_S1");
    EXPECT_EQ(source.samples()[0].iid, "F1_S1");
}

TEST(VcfSource, HardCallsCountAltWhetherPhasedOrNotAndHaploidCallsAsHomozygous) {
    ScratchFolder folder;
    VcfSource source(settings(folder.write("known.vcf", kVcf), VcfField::gt, '_'));
    EXPECT_FALSE(source.has_dosages());
    expect_values({1, 2, kMissing, 2,  //
                   1, 0, kMissing, 2,  //
                   0, 1, 2, 0},
                  read_all(source));
}

TEST(VcfSource, DosagesFromDsFallBackToGtForRecordsWithoutDs) {
    ScratchFolder folder;
    VcfSource source(settings(folder.write("known.vcf", kVcf), VcfField::automatic, '_'));
    EXPECT_TRUE(source.has_dosages());
    EXPECT_NE(source.describe().find("dosages from FORMAT/DS"), std::string::npos);
    EXPECT_NE(source.describe().find("1 records without DS read from GT"), std::string::npos);
    expect_values({0.9f, 1.75f, kMissing, 2,  //
                   1, 0, kMissing, 2,         //
                   0.1f, 1.2f, kMissing, 0},
                  read_all(source));
}

TEST(VcfSource, DosagesFromGpAreTheExpectedAltCount) {
    ScratchFolder folder;
    VcfSource source(settings(folder.write("known.vcf", kVcf), VcfField::gp, '_'));
    const float sum = 0.001f + 0.2f + 0.8f;
    expect_values({0.9f, 1.75f, kMissing, 2,  //
                   1, 0, kMissing, 2,         //
                   0.1f, 1.2f, (0.2f + 1.6f) / sum, 0},
                  read_all(source));
}

TEST(VcfSource, ReadsChosenVariantsAndSamplesInTheOrderAsked) {
    ScratchFolder folder;
    VcfSource source(settings(folder.write("known.vcf", kVcf), VcfField::ds, '_'));
    const std::vector<std::size_t> variants{2, 0}, samples{1, 3};
    GenotypeBlock block;
    source.read(variants, samples, block);
    ASSERT_EQ(block.n_variants, 2u);
    ASSERT_EQ(block.n_samples, 2u);
    expect_values({1.2f, 0, 1.75f, 2}, block.dosages);
    // The calls are the dosages rounded to the nearest call.
    EXPECT_EQ(std::vector<std::int8_t>(block.calls.begin(), block.calls.end()), (std::vector<std::int8_t>{1, 0, 2, 2}));
}

// Three alleles: DS holds one value per ALT, GP one per genotype in the order 0/0, 0/1, 1/1, 0/2, 1/2, 2/2.
const char* const kMultiallelicVcf =
    "##fileformat=VCFv4.2\n"
    "##contig=<ID=2>\n"
    "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n"
    "##FORMAT=<ID=DS,Number=A,Type=Float,Description=\"ALT dosages\">\n"
    "##FORMAT=<ID=GP,Number=G,Type=Float,Description=\"Genotype probabilities\">\n"
    "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tA\tB\tC\n"
    "2\t10\tm1\tA\tC,T\t.\t.\t.\tGT:DS:GP\t1|2:1,1:0,0,0,0,1,0\t2/2:0.1,1.8:0,0.1,0,0,0,0.9\t"
    "./.:.:.\n"
    "2\t20\tb1\tG\tA\t.\t.\t.\tGT:DS:GP\t0/1:0.9:0.1,0.9,0\t0/0:0:1,0,0\t1/1:2:0,0,1\n";

TEST(VcfSource, SplitsMultiallelicRecordsIntoOneVariantPerAlt) {
    ScratchFolder folder;
    const std::string path = folder.write("multi.vcf", kMultiallelicVcf);
    VcfSource skipped(settings(path, VcfField::gt, 0));
    EXPECT_EQ(skipped.variants().size(), 1u);
    EXPECT_NE(skipped.describe().find("1 multiallelic records skipped"), std::string::npos);

    VcfSource calls(settings(path, VcfField::gt, 0, Multiallelic::split));
    ASSERT_EQ(calls.variants().size(), 3u);
    EXPECT_EQ(calls.variants()[0].allele1, "C");
    EXPECT_EQ(calls.variants()[1].allele1, "T");
    EXPECT_EQ(calls.variants()[1].allele2, "A");
    EXPECT_EQ(calls.variants()[1].id, "m1");
    EXPECT_NE(calls.describe().find("1 multiallelic records split"), std::string::npos);
    expect_values({1, 0, kMissing, 1, 2, kMissing, 1, 0, 2}, read_all(calls));

    VcfSource ds(settings(path, VcfField::ds, 0, Multiallelic::split));
    expect_values({1, 0.1f, kMissing, 1, 1.8f, kMissing, 0.9f, 0, 2}, read_all(ds));

    // C: 0/1 at 0.1 (B); T: 1/2 for A, 0/2 x 0 + 2/2 x 0.9 for B.
    VcfSource gp(settings(path, VcfField::gp, 0, Multiallelic::split));
    expect_values({1, 0.1f, kMissing, 1, 1.8f, kMissing, 0.9f, 0, 2}, read_all(gp));
}

TEST(VcfSource, AskingForAFieldTheHeaderLacksIsAnError) {
    ScratchFolder folder;
    std::string text = kVcf;
    text.erase(text.find("##FORMAT=<ID=GP"), text.find("#CHROM") - text.find("##FORMAT=<ID=GP"));
    const std::string path = folder.write("no_gp.vcf", text);
    try {
        VcfSource source(settings(path, VcfField::gp, '_'));
        FAIL() << "no error";
    } catch (const Error& error) {
        EXPECT_NE(std::string(error.what()).find("defines no FORMAT/GP"), std::string::npos) << error.what();
    }
}

}  // namespace
}  // namespace ridgeway
