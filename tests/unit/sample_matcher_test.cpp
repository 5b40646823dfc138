// Matching table rows to genotype samples: by FID and IID only when both sides have family IDs.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/run_log.hpp"
#include "io/tables/sample_table.hpp"
#include "samples/sample_matcher.hpp"
#include "test_files.hpp"

namespace ridgeway {
namespace {

using testing::ScratchFolder;

constexpr auto npos = static_cast<std::size_t>(-1);

// Genotype samples as a file without family IDs keeps them: the IID stands in the FID's place.
const std::vector<SampleId> kWithoutFids{{"a", "a"}, {"b", "b"}, {"c", "c"}};
const std::vector<SampleId> kWithFids{{"f1", "a"}, {"f1", "b"}, {"f2", "c"}};

TEST(SampleMatcher, IgnoresTheTablesFidsWhenTheGenotypesHaveNone) {
    ScratchFolder folder;
    RunLog log("test", Console::none);
    const SampleMatcher matcher(kWithoutFids, false);
    for (const char* fid : {"0", "x"}) {
        const std::string text = std::string("FID IID T\n") + fid + " c 1\n" + fid + " a 2\n" + fid + " z 3\n";
        const auto rows = matcher.match(read_sample_table(folder.write("t.txt", text)), log);
        EXPECT_EQ(rows, (std::vector<std::size_t>{1, npos, 0})) << fid;
    }
    EXPECT_EQ(matcher.find({"0", "b"}, true), 1u);
    EXPECT_EQ(matcher.find({"", "b"}, false), 1u);
}

TEST(SampleMatcher, MatchesFidAndIidWhenBothHaveThem) {
    ScratchFolder folder;
    RunLog log("test", Console::none);
    const SampleMatcher matcher(kWithFids, true);
    const auto rows = matcher.match(read_sample_table(folder.write("t.txt", "FID IID T\nf2 c 1\n0 a 2\nf1 b 3\n")), log);
    EXPECT_EQ(rows, (std::vector<std::size_t>{npos, 2, 0}));  // "0 a" is not "f1 a"
    const auto by_iid = matcher.match(read_sample_table(folder.write("i.txt", "IID T\nc 1\na 2\n")), log);
    EXPECT_EQ(by_iid, (std::vector<std::size_t>{1, npos, 0}));
    EXPECT_EQ(matcher.find({"0", "a"}, true), npos);
    EXPECT_THROW(matcher.match(read_sample_table(folder.write("n.txt", "FID IID T\n0 a 1\n0 b 2\n")), log), Error);
}

TEST(SampleMatcher, ARepeatedIidIsAnErrorWhenMatchingByIidAlone) {
    ScratchFolder folder;
    RunLog log("test", Console::none);
    const auto path = folder.write("d.txt", "FID IID T\nf1 a 1\nf2 b 2\nf3 a 3\n");
    const auto table = read_sample_table(path);
    try {
        SampleMatcher(kWithoutFids, false).match(table, log);
        FAIL() << "no error";
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::inconsistent);
        EXPECT_NE(std::string(error.what()).find(path + ", line 4: IID a is also on line 2"), std::string::npos)
            << error.what();
    }
    // With family IDs on both sides the rows are distinct samples.
    const std::vector<SampleId> families{{"f1", "a"}, {"f2", "b"}, {"f3", "a"}};
    EXPECT_EQ(SampleMatcher(families, true).match(table, log), (std::vector<std::size_t>{0, 1, 2}));
}

}  // namespace
}  // namespace ridgeway
