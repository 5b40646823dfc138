// BgenSource on malformed BGEN files built byte by byte (bgen_test_writer.hpp): every truncation, other layouts and
// headers, and corrupt genotype blocks, each an error naming the file and the variant.

#include "bgen_test_writer.hpp"

namespace ridgeway {
namespace {

using namespace bgen_test;

// ---- malformed files --------------------------------------------------------------------------------------------

// The error of a file whose second variant is `second` with its probability data replaced by `data` when given.
std::pair<ErrorKind, std::string> second_variant_failure(const ScratchFolder& folder, TestVariant second,
                                                         Compression compression = Compression::zlib,
                                                         const std::string* data = nullptr) {
    TestVariant unused;
    TestFile file = two_variant_file(compression, unused);
    file.records[1] = record(second, compression, data);
    return failure(folder.write("g.bgen", bgen_bytes(file)));
}

TEST(BgenSource, RejectsEveryTruncation) {
    ScratchFolder folder;
    for (Compression compression : {Compression::none, Compression::zstd}) {
        TestVariant second;
        const std::string bytes = bgen_bytes(two_variant_file(compression, second));
        ASSERT_EQ(failure(folder.write("whole.bgen", bytes)).second, "");
        for (std::size_t cut = 0; cut < bytes.size(); ++cut) {
            const auto [kind, message] = failure(folder.write("cut.bgen", bytes.substr(0, cut)));
            EXPECT_EQ(kind, ErrorKind::malformed) << "cut at " << cut << ": " << message;
            EXPECT_NE(message.find("cut.bgen"), std::string::npos) << message;
        }
        const auto [kind, message] = failure(folder.write("long.bgen", bytes + "x"));
        EXPECT_EQ(kind, ErrorKind::malformed);
        EXPECT_NE(message.find("1 bytes follow"), std::string::npos) << message;
    }
}

TEST(BgenSource, RejectsLayoutOneAndOtherHeaders) {
    ScratchFolder folder;
    TestVariant second;
    TestFile file = two_variant_file(Compression::zlib, second);
    file.layout = 1;
    auto [kind, message] = failure(folder.write("v11.bgen", bgen_bytes(file)));
    EXPECT_EQ(kind, ErrorKind::malformed);
    EXPECT_NE(message.find("BGEN v1.1"), std::string::npos) << message;
    file.layout = 2;
    std::string bytes = bgen_bytes(file);
    bytes[16] = 'x';  // magic
    EXPECT_EQ(failure(folder.write("magic.bgen", bytes)).first, ErrorKind::malformed);
    // A header announcing far more variants than the file can hold is rejected before anything is allocated.
    bytes = bgen_bytes(file);
    bytes[8] = bytes[9] = bytes[10] = bytes[11] = '\xff';
    std::tie(kind, message) = failure(folder.write("count.bgen", bytes));
    EXPECT_EQ(kind, ErrorKind::malformed);
    EXPECT_NE(message.find("4294967295 variants"), std::string::npos) << message;
}

TEST(BgenSource, RejectsCorruptGenotypeBlocksNamingTheVariant) {
    ScratchFolder folder;
    TestVariant second;
    two_variant_file(Compression::zlib, second);
    auto expect_failure = [&](const std::pair<ErrorKind, std::string>& result, const std::string& words) {
        EXPECT_EQ(result.first, ErrorKind::malformed) << result.second;
        EXPECT_NE(result.second.find("g.bgen, variant 2 (rs2)"), std::string::npos) << result.second;
        EXPECT_NE(result.second.find(words), std::string::npos) << result.second;
    };
    for (unsigned bits : {0u, 33u}) {
        std::string data = probability_data(second);
        data[8 + 3 + 1] = static_cast<char>(bits);
        expect_failure(second_variant_failure(folder, second, Compression::zlib, &data), "bits per probability");
    }
    {
        std::string data = probability_data(second) + "x";
        expect_failure(second_variant_failure(folder, second, Compression::zstd, &data), "need");
    }
    {
        TestVariant bad = second;
        bad.samples[1].ploidy = 3;
        expect_failure(second_variant_failure(folder, bad), "sample 2 (b): ploidy 3");
    }
    {
        TestVariant bad = second;
        bad.samples.pop_back();
        expect_failure(second_variant_failure(folder, bad), "holds 2 samples");
    }
    {
        TestVariant bad = second;
        bad.samples[2] = {200, 100};
        expect_failure(second_variant_failure(folder, bad), "sum to more than 1");
    }
    {
        TestVariant bad = second;
        bad.alleles = {"A", "C", "G"};
        expect_failure(second_variant_failure(folder, bad), "3 alleles");
    }
    // Corrupt compressed data, and a stated uncompressed size that is off by one.
    for (Compression compression : {Compression::zlib, Compression::zstd}) {
        TestVariant unused;
        TestFile file = two_variant_file(compression, unused);
        std::string bytes = bgen_bytes(file);
        // After the rsid: chromosome, position, allele count, two alleles and C; then the D field.
        const std::size_t stated =
            bytes.size() - file.records[1].size() + file.records[1].find("rs2") + 3 + 2 + 1 + 4 + 2 + 4 + 1 + 4 + 1 + 4;
        ASSERT_EQ(static_cast<unsigned char>(bytes[stated]), probability_data(second).size());
        std::string corrupt = bytes;  // the compressed stream's first bytes: zlib's header, zstd's magic number
        for (std::size_t i = stated + 4; i < stated + 8; ++i) corrupt[i] = static_cast<char>(corrupt[i] ^ 0x5a);
        expect_failure(failure(folder.write("g.bgen", corrupt)), "data is corrupt");
        bytes[stated] = static_cast<char>(bytes[stated] + 1);
        expect_failure(failure(folder.write("g.bgen", bytes)), "decompresses to");
        bytes[stated] = static_cast<char>(bytes[stated] - 2);
        expect_failure(failure(folder.write("g.bgen", bytes)), "more than its stated");
    }
}

}  // namespace
}  // namespace ridgeway
