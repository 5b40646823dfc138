// The .pgen decoder against records built byte by byte here from the PGEN specification (difflists, 1-bit and
// LD-compressed main tracks, multiallelic patches, phase and dosage tracks), and PgenSource against a small .pgen,
// .pvar(.zst) and .psam written here. Expected values are worked out by hand from the bytes, so equality is exact.
#include <cmath>
#include <functional>
#include <thread>

#include <gtest/gtest.h>
#include <zstd.h>

#include "core/error.hpp"
#include "io/pgen/pgen_difflist.hpp"
#include "io/pgen/pgen_main_track.hpp"
#include "io/pgen/pgen_record.hpp"
#include "io/pgen/pgen_source.hpp"
#include "test_files.hpp"

namespace ridgeway {
namespace {

using Bytes = std::vector<std::uint8_t>;
using testing::ScratchFolder;

const std::string kPath = "test.pgen";
const PgenRecordContext kContext{kPath, 0, "rs1"};

// ---- a test-side PGEN writer ---------------------------------------------------------------------------------------

void put_varint(Bytes& out, std::uint32_t value) {
    while (value >= 0x80) {
        out.push_back(static_cast<std::uint8_t>(value | 0x80));
        value >>= 7;
    }
    out.push_back(static_cast<std::uint8_t>(value));
}

void put_uint(Bytes& out, std::uint64_t value, int bytes) {
    for (int i = 0; i < bytes; ++i) out.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
}

// Values of `bits` bits each, low bits first.
Bytes pack(const std::vector<unsigned>& values, unsigned bits) {
    Bytes out((values.size() * bits + 7) / 8, 0);
    for (std::size_t k = 0; k < values.size(); ++k)
        out[k * bits / 8] = static_cast<std::uint8_t>(out[k * bits / 8] | (values[k] << (k * bits % 8)));
    return out;
}

// A difflist of `samples` (increasing), with `categories` when given, as the specification lays it out.
Bytes difflist(std::uint32_t n_samples, const std::vector<std::uint32_t>& samples,
               const std::vector<unsigned>& categories = {}) {
    Bytes out;
    put_varint(out, static_cast<std::uint32_t>(samples.size()));
    if (samples.empty()) return out;
    const int width = n_samples < 256 ? 1 : n_samples < 65536 ? 2 : 3;
    const std::size_t groups = (samples.size() + 63) / 64;
    std::vector<Bytes> gaps(groups);
    for (std::size_t k = 0; k < samples.size(); ++k)
        if (k % 64 != 0) put_varint(gaps[k / 64], samples[k] - samples[k - 1]);
    for (std::size_t g = 0; g < groups; ++g) put_uint(out, samples[64 * g], width);
    for (std::size_t g = 0; g + 1 < groups; ++g) out.push_back(static_cast<std::uint8_t>(gaps[g].size() - 63));
    if (!categories.empty()) {
        const Bytes packed = pack(categories, 2);
        out.insert(out.end(), packed.begin(), packed.end());
    }
    for (const Bytes& group : gaps) out.insert(out.end(), group.begin(), group.end());
    return out;
}

Bytes concat(std::initializer_list<Bytes> parts) {
    Bytes out;
    for (const Bytes& part : parts) out.insert(out.end(), part.begin(), part.end());
    return out;
}

std::vector<std::uint8_t> main_track(const Bytes& bytes, std::uint8_t type, std::uint32_t n_samples,
                                     const std::vector<std::uint8_t>& reference = {}) {
    ByteCursor cursor(bytes.data(), bytes.size());
    std::vector<std::uint8_t> categories;
    Difflist scratch;
    decode_main_track(cursor, type, false, n_samples, reference, categories, scratch, kContext);
    EXPECT_EQ(cursor.remaining(), 0u);
    return categories;
}

PgenGenotypes record(const Bytes& bytes, std::uint8_t type, std::uint32_t n_samples, std::uint32_t n_alleles = 2) {
    PgenGenotypes genotypes;
    Difflist scratch;
    decode_record(bytes, {n_samples, n_alleles, type, false}, {}, genotypes, scratch, kContext);
    return genotypes;
}

std::string error_of(const std::function<void()>& action) {
    try {
        action();
    } catch (const Error& error) {
        return error.what();
    }
    return "no error";
}

// ---- difflists and main tracks -------------------------------------------------------------------------------------

TEST(PgenDifflist, TwoGroupsWithTwoByteIndicesAndCategories) {
    std::vector<std::uint32_t> samples;
    std::vector<unsigned> categories;
    for (std::uint32_t k = 0; k < 70; ++k) {
        samples.push_back(3 + 4 * k + (k > 50 ? 200 : 0));  // gaps of 4, one of 204 (a 2-byte varint)
        categories.push_back(k % 4);
    }
    const Bytes bytes = difflist(600, samples, categories);
    ByteCursor cursor(bytes.data(), bytes.size());
    Difflist list;
    read_difflist(cursor, 600, true, list, kContext);
    EXPECT_EQ(cursor.remaining(), 0u);
    EXPECT_EQ(list.samples, samples);
    for (std::size_t k = 0; k < 70; ++k) EXPECT_EQ(list.categories[k], categories[k]);
}

TEST(PgenDifflist, CorruptListsAreOneLineErrors) {
    const auto read = [](Bytes bytes, std::uint32_t n_samples) {
        ByteCursor cursor(bytes.data(), bytes.size());
        Difflist list;
        read_difflist(cursor, n_samples, false, list, kContext);
    };
    EXPECT_EQ(error_of([&] { read({2, 5, 0}, 10); }), "test.pgen, variant 1 (rs1): corrupt difflist: sample indices do not increase");
    EXPECT_EQ(error_of([&] { read({2, 5, 7}, 10); }), "test.pgen, variant 1 (rs1): corrupt difflist: sample index 12 for 10 samples");
    EXPECT_EQ(error_of([&] { read({2, 5}, 10); }), "test.pgen, variant 1 (rs1): the record ends inside a varint");
    EXPECT_EQ(error_of([&] { read({11, 0}, 10); }), "test.pgen, variant 1 (rs1): corrupt difflist: 11 entries for 10 samples");
    EXPECT_EQ(error_of([&] { read({0xff, 0xff, 0xff, 0xff, 0x7f}, 10); }),
              "test.pgen, variant 1 (rs1): corrupt varint (longer than 32 bits)");
}

TEST(PgenMainTrack, TwoBitRecord) {
    // Samples 0-4: 0, 1, 2, 3 (missing), 1.
    EXPECT_EQ(main_track({0b11100100, 0b01}, 0, 5), (std::vector<std::uint8_t>{0, 1, 2, 3, 1}));
}

TEST(PgenMainTrack, OneBitRecordWithRareCategories) {
    // Categories 1 and 2 (code 5): bit set means 2; samples 3 and 8 are in the difflist with 0 and 3.
    const Bytes bytes = concat({{5, 0b01100101, 0b10}, difflist(10, {3, 8}, {0, 3})});
    EXPECT_EQ(main_track(bytes, 1, 10), (std::vector<std::uint8_t>{2, 1, 2, 0, 1, 2, 2, 1, 3, 2}));
    const Bytes bad_code = concat({{7, 0, 0}, difflist(10, {})});
    EXPECT_EQ(error_of([&] { main_track(bad_code, 1, 10); }),
              "test.pgen, variant 1 (rs1): corrupt 1-bit record: category pair code 7");
}

TEST(PgenMainTrack, LdCompressedAndInvertedRecords) {
    const std::vector<std::uint8_t> reference{0, 1, 2, 3, 0, 2};
    const Bytes changes = difflist(6, {1, 4}, {2, 3});
    EXPECT_EQ(main_track(changes, 2, 6, reference), (std::vector<std::uint8_t>{0, 2, 2, 3, 3, 2}));
    // Inverted: the same differences, then REF and ALT swapped (missing stays missing).
    EXPECT_EQ(main_track(changes, 3, 6, reference), (std::vector<std::uint8_t>{2, 0, 0, 3, 3, 0}));
}

TEST(PgenMainTrack, DifflistOnlyRecords) {
    const Bytes rare = difflist(6, {0, 5}, {1, 3});
    EXPECT_EQ(main_track(rare, 4, 6), (std::vector<std::uint8_t>{1, 0, 0, 0, 0, 3}));
    EXPECT_EQ(main_track(rare, 6, 6), (std::vector<std::uint8_t>{1, 2, 2, 2, 2, 3}));
    EXPECT_EQ(main_track(rare, 7, 6), (std::vector<std::uint8_t>{1, 3, 3, 3, 3, 3}));
    EXPECT_EQ(main_track({}, 5, 6), (std::vector<std::uint8_t>(6, 0)));
}

// ---- auxiliary tracks ------------------------------------------------------------------------------------------------

TEST(PgenRecord, MultiallelicPatchesAndCopiesOfEachAlt) {
    // 4 alleles (3 ALTs). Main track: 1 1 1 2 2 3. Category 1: samples 1 and 2 patched (bit array), ALT3 and ALT2
    // (1 bit each, ALT index - 2). Category 2: sample 4 patched (difflist), to ALT1/ALT3 (2+2 bits: 0 and 2).
    const Bytes bytes = concat({{0b10010101, 0b1110}, {0x10}, {0b110}, pack({1, 0}, 1), difflist(6, {4}),
                                pack({0, 2}, 2)});
    const PgenGenotypes genotypes = record(bytes, 0x08, 6, 4);
    std::vector<std::int8_t> counts;
    count_alt_copies(genotypes, 1, counts);
    EXPECT_EQ(counts, (std::vector<std::int8_t>{1, 0, 0, 2, 1, kMissingCall}));
    count_alt_copies(genotypes, 2, counts);
    EXPECT_EQ(counts, (std::vector<std::int8_t>{0, 0, 1, 0, 0, kMissingCall}));
    count_alt_copies(genotypes, 3, counts);
    EXPECT_EQ(counts, (std::vector<std::int8_t>{0, 1, 0, 0, 1, kMissingCall}));
    EXPECT_EQ(error_of([&] { record(bytes, 0x08, 6, 2); }),
              "test.pgen, variant 1 (rs1): multiallelic track in the record of a biallelic variant");
}

TEST(PgenRecord, PhaseTrackIsSkippedAndDosagesRead) {
    // Main track 0 1 1 2 (two hets). Phase: a phasepresent bit array (first bit set), only het 2 phased, then its
    // phase bit. Dosages from a difflist (0x20) for samples 0 and 3: 0.5 and 1.75; the others keep their calls.
    const Bytes bytes = concat({{0b10010100}, {0b101}, {0b1}, difflist(4, {0, 3}), {0x00, 0x20, 0x00, 0x70}});
    const PgenGenotypes genotypes = record(bytes, 0x30, 4);
    EXPECT_EQ(genotypes.dosages, (std::vector<std::uint16_t>{8192, 16384, 16384, 28672}));
}

TEST(PgenRecord, DenseAndBitArrayDosagesWithPhasedDosagesSkipped) {
    // 0x40: every sample, 65535 missing; 0xc0 adds an int16 per sample.
    const Bytes dense = {0b11100100, 0x00, 0x10, 0xff, 0xff, 0x00, 0x80, 0x00, 0x00};
    EXPECT_EQ(record(dense, 0x40, 4).dosages, (std::vector<std::uint16_t>{4096, 65535, 32768, 0}));
    Bytes phased = dense;
    phased.insert(phased.end(), 8, 0);
    EXPECT_EQ(record(phased, 0xc0, 4).dosages, record(dense, 0x40, 4).dosages);
    // 0x60: a bit per sample (samples 1 and 2), then 0xe0: a bit per dosage (the second), one int16.
    const Bytes bits = {0b11100100, 0b0110, 0x00, 0x30, 0x00, 0x50};
    EXPECT_EQ(record(bits, 0x60, 4).dosages, (std::vector<std::uint16_t>{0, 12288, 20480, 65535}));
    const Bytes bits_phased = concat({bits, {0b10, 0x00, 0x10}});
    EXPECT_EQ(record(bits_phased, 0xe0, 4).dosages, record(bits, 0x60, 4).dosages);
    EXPECT_EQ(error_of([&] { record({0b11100100, 0b0001, 0x01, 0x80}, 0x60, 4); }),
              "test.pgen, variant 1 (rs1): corrupt dosage track: dosage 32769/16384 is above 2");
    EXPECT_EQ(error_of([&] { record(concat({bits, {0}}), 0x60, 4); }),
              "test.pgen, variant 1 (rs1): 1 bytes are left after the record's data; the record length or type is "
              "corrupt");
}

// ---- PgenSource on files ---------------------------------------------------------------------------------------------

// Mode 0x10, 8-bit types and 1-byte lengths, one block.
std::string pgen_file(std::uint32_t n_samples, const std::vector<std::pair<std::uint8_t, Bytes>>& records) {
    Bytes out{0x6c, 0x1b, 0x10};
    put_uint(out, records.size(), 4);
    put_uint(out, n_samples, 4);
    out.push_back(0x04);
    put_uint(out, 12 + 8 + 2 * records.size(), 8);
    for (const auto& entry : records) out.push_back(entry.first);
    for (const auto& entry : records) out.push_back(static_cast<std::uint8_t>(entry.second.size()));
    for (const auto& entry : records) out.insert(out.end(), entry.second.begin(), entry.second.end());
    return {out.begin(), out.end()};
}

std::string zstd(const std::string& text) {
    std::string out(ZSTD_compressBound(text.size()), '\0');
    out.resize(ZSTD_compress(out.data(), out.size(), text.data(), text.size(), 3));
    return out;
}

class PgenFiles : public ::testing::Test {
protected:
    void SetUp() override {
        // Five samples. rs1: 2-bit; rs2: LD-compressed from rs1 (sample 4 differs); rs3: 3 alleles, sample 0 REF/ALT2;
        // rs4: inverted LD from rs3 (sample 1 differs).
        folder.write("f.pgen", pgen_file(5, {{0, {0b11100100, 0b01}},
                                             {2, difflist(5, {4}, {2})},
                                             {8, concat({{0b01010101, 0b01}, {0xf0}, {0b00001}})},
                                             {3, difflist(5, {1}, {3})}}));
        folder.write("f.psam", "#IID\tSEX\nA\t1\nB\t2\nC\tNA\nD\t1\nE\t2\n");
        pvar = "##fileformat=VCFv4.3\n#CHROM\tPOS\tID\tREF\tALT\n1\t10\trs1\tA\tG\n1\t20\trs2\tC\tT\n"
               "1\t30\trs3\tG\tA,C\n1\t40\trs4\tT\tG\n";
        folder.write("f.pvar", pvar);
    }
    std::vector<std::vector<std::int8_t>> read_all(const PgenSource& source) {
        std::vector<std::size_t> variants(source.variants().size()), samples{0, 1, 2, 3, 4};
        for (std::size_t v = 0; v < variants.size(); ++v) variants[v] = v;
        GenotypeBlock block;
        source.read(variants, samples, block);
        std::vector<std::vector<std::int8_t>> calls;
        for (std::size_t v = 0; v < variants.size(); ++v) calls.emplace_back(block.variant(v), block.variant(v) + 5);
        return calls;
    }
    ScratchFolder folder;
    std::string pvar;
};

TEST_F(PgenFiles, SkipAndSplitMultiallelicVariants) {
    const PgenSource skip(folder.file("f"), Multiallelic::skip);
    EXPECT_FALSE(skip.has_dosages());
    ASSERT_EQ(skip.variants().size(), 3u);
    EXPECT_EQ(skip.samples()[2].fid, "C");
    EXPECT_FALSE(skip.has_family_ids());  // '#IID' only
    EXPECT_EQ(skip.variants()[2].id, "rs4");
    EXPECT_NE(skip.describe().find("1 multiallelic variants skipped"), std::string::npos);
    const std::vector<std::vector<std::int8_t>> skipped{
        {0, 1, 2, kMissingCall, 1}, {0, 1, 2, kMissingCall, 2}, {1, kMissingCall, 1, 1, 1}};
    EXPECT_EQ(read_all(skip), skipped);

    const PgenSource split(folder.file("f"), Multiallelic::split);
    ASSERT_EQ(split.variants().size(), 5u);
    EXPECT_EQ(split.variants()[3].allele1, "C");
    EXPECT_EQ(split.variants()[3].allele2, "G");
    const auto calls = read_all(split);
    EXPECT_EQ(calls[2], (std::vector<std::int8_t>{0, 1, 1, 1, 1}));  // ALT1 (A)
    EXPECT_EQ(calls[3], (std::vector<std::int8_t>{1, 0, 0, 0, 0}));  // ALT2 (C)
    EXPECT_EQ(calls[4], skipped[2]);
}

TEST_F(PgenFiles, ZstdPvarSubsetsAndThreads) {
    std::filesystem::remove(folder.file("f.pvar"));
    folder.write("f.pvar.zst", zstd(pvar));
    const PgenSource source(folder.file("f"), Multiallelic::skip);
    EXPECT_NE(source.describe().find("f.pvar.zst"), std::string::npos);
    // The LD-compressed variants alone, for two samples, from several threads at once.
    std::vector<std::thread> threads;
    std::vector<int> good(4, 0);
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            GenotypeBlock block;
            const std::vector<std::size_t> variants{1, 2}, samples{1, 4};
            for (int repeat = 0; repeat < 200; ++repeat) {
                source.read(variants, samples, block);
                good[t] += block.calls == std::vector<std::int8_t>{1, 2, kMissingCall, 1};
            }
        });
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(good, std::vector<int>(4, 200));
}

TEST_F(PgenFiles, InconsistentFilesAreOneLineErrors) {
    folder.write("f.psam", "#FID\tIID\nF\tA\nF\tB\nF\tC\nF\tD\n");
    EXPECT_NE(error_of([&] { PgenSource(folder.file("f"), Multiallelic::skip); })
                  .find("f.pgen: holds 5 samples, but " + folder.file("f.psam") + " lists 4"),
              std::string::npos);
    folder.write("f.psam", "A 0 0 1 -9\nB 0 0 1 -9\nC 0 0 1 -9\nD 0 0 1 -9\nE 0 0 1 -9\n");
    EXPECT_TRUE(PgenSource(folder.file("f"), Multiallelic::skip).has_family_ids());  // a .fam without header
    folder.write("f.pvar", "1 rs1 0 10 G A\n");
    EXPECT_NE(error_of([&] { PgenSource(folder.file("f"), Multiallelic::skip); }).find("holds 4 variants, but"),
              std::string::npos);
}

}  // namespace
}  // namespace ridgeway
