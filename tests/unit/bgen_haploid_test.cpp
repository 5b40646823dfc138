// BgenSource on samples of ploidy 1 (chrX of males, as plink2 --export bgen-1.x writes them), built byte by byte
// (bgen_test_writer.hpp): a haploid sample stores one value, P(allele 1), phased or not; its dosage is twice that,
// on the diploid scale, rounded once to float, and its call is marked haploid. Ploidy 0 is a missing sample; ploidy
// 3 is an error naming the variant.
//
// Tolerance: as in bgen_source_test.cpp, a dosage equals the exact quotient 2a/(2^B - 1) rounded once to float.

#include "bgen_test_writer.hpp"

namespace ridgeway {
namespace {

using namespace bgen_test;

// A random variant in which about half the samples are haploid, and one each of ploidy 0 and missing haploid.
TestVariant mixed_variant(std::mt19937& random, unsigned bits, bool phased, std::size_t n_samples) {
    TestVariant variant = random_variant(random, bits, phased, n_samples);
    const std::uint64_t max = (std::uint64_t{1} << bits) - 1;
    for (std::size_t s = 0; s < n_samples; ++s) {
        TestSample& sample = variant.samples[s];
        if (s % 2 == 0) {
            sample.ploidy = 1;
            sample.first = std::uniform_int_distribution<std::uint64_t>(0, max)(random);
            sample.second = 0;
        }
    }
    variant.samples[1] = {0, 0, false, 0};
    variant.samples[2] = {0, 0, true, 1};
    return variant;
}

TEST(BgenHaploid, KnownEightBitValuesDoubledAndMarked) {
    ScratchFolder folder;
    TestVariant variant;
    variant.chrom = "X";
    // haploid allele 1, haploid allele 2, haploid 100/255, diploid het, missing haploid, ploidy 0, diploid hom
    variant.samples = {{255, 0, false, 1}, {0, 0, false, 1}, {100, 0, false, 1}, {0, 255},
                       {0, 0, true, 1},    {0, 0, false, 0}, {255, 0}};
    TestFile file;
    file.n_samples = 7;
    file.sample_ids = {"a", "b", "c", "d", "e", "f", "g"};
    file.records = {record(variant, Compression::zlib)};
    BgenSource source(folder.write("g.bgen", bgen_bytes(file)), "", false);
    const auto block = read_all(source);
    const float nan = std::nanf("");
    const std::vector<float> expected{2, 0, static_cast<float>(200.0 / 255.0), 1, nan, nan, 2};
    for (std::size_t k = 0; k < expected.size(); ++k) {
        if (std::isnan(expected[k])) EXPECT_TRUE(std::isnan(block.dosages[k])) << k;
        else EXPECT_EQ(block.dosages[k], expected[k]) << k;
    }
    EXPECT_EQ(block.calls, (std::vector<std::int8_t>{2, 0, 1, 1, kMissingCall, kMissingCall, 2}));
    EXPECT_EQ(block.haploid, (std::vector<std::uint8_t>{1, 1, 1, 0, 0, 0, 0}));
    // The second allele counted: 2 minus the dosage, still haploid.
    BgenSource swapped(folder.file("g.bgen"), "", true);
    const auto other = read_all(swapped);
    EXPECT_EQ(other.calls, (std::vector<std::int8_t>{0, 2, 1, 1, kMissingCall, kMissingCall, 0}));
    EXPECT_EQ(other.dosages[2], static_cast<float>(310.0 / 255.0));
    EXPECT_EQ(other.haploid, block.haploid);
}

TEST(BgenHaploid, EveryBitDepthPhasedAndUnphasedMixedWithDiploidSamples) {
    std::mt19937 random(17);
    for (Compression compression : {Compression::none, Compression::zstd})
        for (unsigned bits : {1u, 2u, 3u, 7u, 8u, 11u, 16u, 23u, 32u})
            for (bool phased : {false, true}) {
                ScratchFolder folder;
                std::vector<TestVariant> variants;
                TestFile file;
                file.compression = compression;
                file.n_samples = 13;
                for (std::uint32_t s = 0; s < file.n_samples; ++s) file.sample_ids.push_back("id" + std::to_string(s));
                variants.push_back(mixed_variant(random, bits, phased, file.n_samples));
                variants.push_back(random_variant(random, bits, phased, file.n_samples));  // all diploid
                variants.push_back(mixed_variant(random, bits, phased, file.n_samples));
                for (auto& sample : variants[2].samples) sample = {sample.first, 0, sample.missing, 1};  // all haploid
                for (const auto& variant : variants) file.records.push_back(record(variant, compression));
                const auto path = folder.write("g.bgen", bgen_bytes(file));
                for (bool ref_first : {false, true}) {
                    BgenSource source(path, "", ref_first);
                    const auto block = read_all(source);
                    for (std::size_t v = 0; v < variants.size(); ++v)
                        expect_dosages(block, v, variants[v], all_indices(file.n_samples), ref_first);
                    const std::vector<std::size_t> chosen{2, 0}, samples{0, 1, 2, 5, 8, 12};
                    GenotypeBlock subset;
                    source.read(chosen, samples, subset);
                    expect_dosages(subset, 0, variants[2], samples, ref_first);
                    expect_dosages(subset, 1, variants[0], samples, ref_first);
                }
            }
}

TEST(BgenHaploid, PloidyAboveTwoOrOutsideTheStatedRangeIsAnError) {
    ScratchFolder folder;
    TestVariant second;
    TestFile file = two_variant_file(Compression::zlib, second);
    second.samples[1].ploidy = 3;
    file.records[1] = record(second, Compression::zlib);
    auto [kind, message] = failure(folder.write("g.bgen", bgen_bytes(file)));
    EXPECT_EQ(kind, ErrorKind::malformed);
    EXPECT_NE(message.find("g.bgen, variant 2 (rs2), sample 2 (b): ploidy 3"), std::string::npos) << message;

    second.samples[1].ploidy = 1;
    std::string data = probability_data(second);
    data[6] = 2;  // the stated minimum ploidy
    file.records[1] = record(second, Compression::zlib, &data);
    std::tie(kind, message) = failure(folder.write("g.bgen", bgen_bytes(file)));
    EXPECT_EQ(kind, ErrorKind::malformed);
    EXPECT_NE(message.find("sample 2 (b): ploidy 1 lies outside the record's ploidy range 2-2"), std::string::npos)
        << message;
}

}  // namespace
}  // namespace ridgeway
