#include <random>

#include <gtest/gtest.h>

#include "core/atomic_output.hpp"
#include "core/error.hpp"
#include "io/plink1/bed_source.hpp"
#include "io/plink1/bed_writer.hpp"
#include "test_files.hpp"

namespace ridgeway {
namespace {

using testing::ScratchFolder;

std::vector<SampleId> make_samples(std::size_t n) {
    std::vector<SampleId> samples;
    for (std::size_t i = 0; i < n; ++i) samples.push_back({"F" + std::to_string(i), "I" + std::to_string(i)});
    return samples;
}

std::vector<std::vector<std::int8_t>> write_random_bed(const std::string& prefix, std::size_t n, std::size_t m,
                                                       unsigned seed) {
    std::mt19937 random(seed);
    std::vector<std::vector<std::int8_t>> calls(m, std::vector<std::int8_t>(n));
    OutputSet outputs;
    BedWriter writer(prefix, make_samples(n), outputs);
    for (std::size_t v = 0; v < m; ++v) {
        for (auto& call : calls[v]) call = static_cast<std::int8_t>(static_cast<int>(random() % 4) - 1);
        writer.write_variant({"1", "v" + std::to_string(v), 0, static_cast<long long>(v + 1), "A", "C"}, calls[v]);
    }
    writer.close();
    outputs.commit();
    return calls;
}

TEST(BedSource, DecodesEveryCodeAsA1Count) {
    ScratchFolder folder;
    folder.write("codes.fam", "a a 0 0 0 -9\nb b 0 0 0 -9\nc c 0 0 0 -9\nd d 0 0 0 -9\n");
    folder.write("codes.bim", "1 v1 0 10 A C\n");
    // One byte, low bits first: 00 homozygous A1, 01 missing, 10 heterozygous, 11 homozygous A2.
    folder.write("codes.bed", std::string("\x6c\x1b\x01", 3) + std::string(1, static_cast<char>(0b11100100)));
    BedSource source(folder.file("codes"));
    GenotypeBlock block;
    std::vector<std::size_t> variants{0}, samples{0, 1, 2, 3};
    source.read(variants, samples, block);
    EXPECT_EQ(std::vector<std::int8_t>(block.calls.begin(), block.calls.end()),
              (std::vector<std::int8_t>{2, kMissingCall, 1, 0}));
}

TEST(BedSource, RoundTripsEveryPaddingWidth) {
    for (std::size_t n = 1; n <= 9; ++n) {
        ScratchFolder folder;
        auto calls = write_random_bed(folder.file("g"), n, 13, static_cast<unsigned>(n));
        BedSource source(folder.file("g"));
        std::vector<std::size_t> variants(13), all(n), odd;
        for (std::size_t v = 0; v < 13; ++v) variants[v] = v;
        for (std::size_t s = 0; s < n; ++s) {
            all[s] = s;
            if (s % 2 == 1) odd.push_back(s);
        }
        GenotypeBlock block;
        source.read(variants, all, block);
        for (std::size_t v = 0; v < 13; ++v)
            for (std::size_t s = 0; s < n; ++s) ASSERT_EQ(block.variant(v)[s], calls[v][s]) << "n=" << n;
        source.read(variants, odd, block);
        for (std::size_t v = 0; v < 13; ++v)
            for (std::size_t i = 0; i < odd.size(); ++i) ASSERT_EQ(block.variant(v)[i], calls[v][odd[i]]) << "n=" << n;
    }
}

ErrorKind open_error(const std::string& prefix) {
    try {
        BedSource source(prefix);
    } catch (const Error& error) {
        return error.kind();
    }
    return ErrorKind::usage;  // no error: never expected below
}

TEST(BedSource, RejectsBadFiles) {
    ScratchFolder folder;
    folder.write("g.fam", "a a 0 0 0 -9\nb b 0 0 0 -9\nc c 0 0 0 -9\n");
    folder.write("g.bim", "1 v1 0 10 A C\n1 v2 0 20 A C\n");
    folder.write("g.bed", std::string("\x6c\x1b\x01\x00", 4));
    EXPECT_EQ(open_error(folder.file("g")), ErrorKind::inconsistent);  // one byte short
    folder.write("g.bed", std::string("\x6c\x1b\x01\x00\x40", 5));  // padding bits set in variant 2
    EXPECT_EQ(open_error(folder.file("g")), ErrorKind::inconsistent);
    folder.write("g.bed", std::string("\x6c\x1b\x00\x00\x00", 5));
    EXPECT_EQ(open_error(folder.file("g")), ErrorKind::malformed);
    folder.write("g.bed", std::string("\x6d\x1b\x01\x00\x00", 5));
    EXPECT_EQ(open_error(folder.file("g")), ErrorKind::malformed);
    folder.write("g.bed", std::string("\x6c\x1b\x01\x00\x00", 5));
    EXPECT_NO_THROW(BedSource source(folder.file("g")));
}

}  // namespace
}  // namespace ridgeway
