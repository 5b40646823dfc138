// Chromosome names as codes (PLINK's numbering), and the sex chromosomes and mitochondria in --chr and --range under
// every name the genotype files use for them, also when a VCF is read through its index and a BGEN is scanned.
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <htslib/bgzf.h>
#include <htslib/tbx.h>

#include "bgen_test_writer.hpp"
#include "io/vcf/vcf_source.hpp"
#include "qc/chromosome.hpp"
#include "qc/genomic_regions.hpp"

namespace ridgeway {
namespace {

TEST(ChromosomeCode, AutosomesWithOrWithoutChr) {
    EXPECT_EQ(chromosome_code("1"), 1);
    EXPECT_EQ(chromosome_code("chr22"), 22);
    EXPECT_EQ(chromosome_code("CHR7"), 7);
    EXPECT_EQ(chromosome_code("Chr7"), 7);
}

TEST(ChromosomeCode, SexChromosomesPseudoautosomalPartsAndMitochondria) {
    for (const char* x : {"X", "x", "23", "chrX", "chrx", "CHRX", "chr23"}) EXPECT_EQ(chromosome_code(x), 23) << x;
    for (const char* y : {"Y", "y", "24", "chrY"}) EXPECT_EQ(chromosome_code(y), 24) << y;
    for (const char* xy : {"XY", "xy", "25", "chrXY", "PAR1", "PAR2", "par1", "chrPAR1", "chrPAR2"})
        EXPECT_EQ(chromosome_code(xy), 25) << xy;
    for (const char* mt : {"MT", "M", "m", "mt", "26", "chrM", "chrMT"}) EXPECT_EQ(chromosome_code(mt), 26) << mt;
}

TEST(ChromosomeCode, OtherNamesHaveNoCode) {
    for (const char* other : {"", "0", "27", "chr", "PAR3", "PAR", "GL000192.1", "chrUn_KI270302v1", "XX", "-1"})
        EXPECT_EQ(chromosome_code(other), 0) << other;
}

// The names ("CHR:POS") that lie in the regions, in the order given.
std::string inside(const GenomicRegions& regions, const std::vector<std::string>& probes) {
    std::string out;
    for (const auto& probe : probes) {
        const auto colon = probe.find(':');
        if (regions.contains(probe.substr(0, colon), std::stoll(probe.substr(colon + 1))))
            out += (out.empty() ? "" : " ") + probe;
    }
    return out;
}

const std::vector<std::string> kProbes{"22:50", "X:50", "chrX:50", "23:50",    "Y:50", "XY:50",
                                       "PAR1:50", "chrPAR2:50", "MT:50", "chrM:50", "X:500"};

TEST(ChromosomeCode, ChrSelectsEveryNameOfTheChromosome) {
    for (const char* x : {"X", "23", "chrX"})
        EXPECT_EQ(inside(GenomicRegions::requested(x, ""), kProbes), "X:50 chrX:50 23:50 X:500") << x;
    for (const char* par : {"PAR1", "XY", "25", "chrPAR2"})
        EXPECT_EQ(inside(GenomicRegions::requested(par, ""), kProbes), "XY:50 PAR1:50 chrPAR2:50") << par;
    EXPECT_EQ(inside(GenomicRegions::requested("MT", ""), kProbes), "MT:50 chrM:50");
    EXPECT_EQ(inside(GenomicRegions::requested("X-Y", ""), kProbes), "X:50 chrX:50 23:50 Y:50 X:500");
    EXPECT_EQ(inside(GenomicRegions::requested("22,M", ""), kProbes), "22:50 MT:50 chrM:50");
}

TEST(ChromosomeCode, RangeSelectsEveryNameOfTheChromosome) {
    EXPECT_EQ(inside(GenomicRegions::requested("", "X:1-100"), kProbes), "X:50 chrX:50 23:50");
    EXPECT_EQ(inside(GenomicRegions::requested("", "chr23:100-"), kProbes), "X:500");
    EXPECT_EQ(inside(GenomicRegions::requested("", "PAR1:1-100"), kProbes), "XY:50 PAR1:50 chrPAR2:50");
    EXPECT_EQ(inside(GenomicRegions::requested("X", "X:1-100,Y:1-100"), kProbes), "X:50 chrX:50 23:50");
}

// The IDs of the variants a source lists, space-separated.
std::string listed(const GenotypeSource& source) {
    std::string out;
    for (const auto& variant : source.variants()) out += (out.empty() ? "" : " ") + variant.id;
    return out;
}

TEST(ChromosomeCode, IndexedVcfAndScannedBgenFindTheRegionsUnderEveryName) {
    using namespace bgen_test;
    ScratchFolder folder;
    const std::string text =
        "##fileformat=VCFv4.2\n##contig=<ID=chrX>\n##contig=<ID=chrY>\n##contig=<ID=PAR1>\n##contig=<ID=chrM>\n"
        "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n"
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tA\tB\n"
        "chrX\t50\tx1\tA\tG\t.\t.\t.\tGT\t0/1\t1\n"
        "chrX\t500\tx2\tA\tG\t.\t.\t.\tGT\t0/1\t0\n"
        "chrY\t50\ty1\tA\tG\t.\t.\t.\tGT\t.\t1\n"
        "PAR1\t50\tp1\tA\tG\t.\t.\t.\tGT\t0/0\t0/1\n"
        "chrM\t50\tm1\tA\tG\t.\t.\t.\tGT\t1\t0\n";
    const std::string path = folder.file("g.vcf.gz");
    BGZF* out = bgzf_open(path.c_str(), "w");
    ASSERT_NE(out, nullptr);
    ASSERT_EQ(bgzf_write(out, text.data(), text.size()), static_cast<ssize_t>(text.size()));
    ASSERT_EQ(bgzf_close(out), 0);
    ASSERT_EQ(tbx_index_build(path.c_str(), 0, &tbx_conf_vcf), 0);
    const auto vcf = [&](const std::string& chromosomes, const std::string& ranges) {
        VcfSettings settings;
        settings.path = path;
        settings.regions = GenomicRegions::requested(chromosomes, ranges);
        const VcfSource source(settings);
        EXPECT_NE(source.describe().find("through the index"), std::string::npos) << source.describe();
        return listed(source);
    };
    EXPECT_EQ(vcf("X", ""), "x1 x2");
    EXPECT_EQ(vcf("23", ""), "x1 x2");
    EXPECT_EQ(vcf("", "X:1-100"), "x1");
    EXPECT_EQ(vcf("Y,XY", ""), "y1 p1");
    EXPECT_EQ(vcf("PAR2", ""), "p1");
    EXPECT_EQ(vcf("MT", ""), "m1");

    TestFile file;
    file.n_samples = 1;
    file.sample_ids = {"a"};
    for (const auto& [chrom, id] : std::vector<std::pair<std::string, std::string>>{
             {"X", "x1"}, {"23", "x2"}, {"PAR2", "p2"}, {"chrXY", "p3"}, {"M", "m1"}, {"1", "a1"}}) {
        TestVariant variant;
        variant.chrom = chrom;
        variant.rsid = id;
        variant.samples = {{255, 0, false, chrom == "1" ? 2u : 1u}};
        file.records.push_back(record(variant, Compression::zlib));
    }
    const auto bgen = folder.write("g.bgen", bgen_bytes(file));
    const auto scanned = [&](const std::string& chromosomes) {
        return listed(BgenSource(bgen, "", false, GenomicRegions::requested(chromosomes, "")));
    };
    EXPECT_EQ(scanned("chrX"), "x1 x2");
    EXPECT_EQ(scanned("PAR1"), "p2 p3");
    EXPECT_EQ(scanned("26"), "m1");
    EXPECT_EQ(scanned("1-22"), "a1");
}

}  // namespace
}  // namespace ridgeway
