#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/split_plan.hpp"
#include "test_files.hpp"

namespace ridgeway {
namespace {

// "first+count" per part, e.g. "0+3 3+3 6+4".
std::string ranges_text(const std::vector<PartRange>& ranges) {
    std::string text;
    for (const PartRange& range : ranges)
        text += (text.empty() ? "" : " ") + std::to_string(range.first) + "+" + std::to_string(range.count);
    return text;
}

TEST(BalancedParts, EqualWeightsShareOutEvenly) {
    const std::vector<std::size_t> ten(10, 1000);
    EXPECT_EQ(ranges_text(balanced_parts(ten, 1)), "0+10");
    EXPECT_EQ(ranges_text(balanced_parts(ten, 2)), "0+5 5+5");
    EXPECT_EQ(ranges_text(balanced_parts(ten, 3)), "0+3 3+4 7+3");
    EXPECT_EQ(ranges_text(balanced_parts(ten, 10)), "0+1 1+1 2+1 3+1 4+1 5+1 6+1 7+1 8+1 9+1");
}

TEST(BalancedParts, FollowTheWorkNotTheUnitCount) {
    // Chromosome ends make small blocks: the parts balance variants, not blocks.
    const std::vector<std::size_t> blocks{1000, 1000, 200, 1000, 1000, 200, 1000, 1000, 200};
    EXPECT_EQ(ranges_text(balanced_parts(blocks, 3)), "0+3 3+3 6+3");
    // One heavy unit: the others share the rest, and every part keeps at least one unit.
    EXPECT_EQ(ranges_text(balanced_parts({10, 1, 1, 1, 1}, 2)), "0+1 1+4");
    EXPECT_EQ(ranges_text(balanced_parts({1, 1, 1, 1, 10}, 4)), "0+2 2+1 3+1 4+1");
}

TEST(SplitPlan, TextRoundTrips) {
    testing::ScratchFolder folder;
    SplitPlan plan{"assoc", 0x0123456789abcdefULL, "variants", 9000, {{0, 3000}, {3000, 2500}, {5500, 3500}}};
    const std::string path = folder.write("run.split", split_plan_text(plan, {"first", "second", "third"}));
    const SplitPlan read = read_split_plan(path);
    EXPECT_EQ(read.command, "assoc");
    EXPECT_EQ(read.fingerprint, plan.fingerprint);
    EXPECT_EQ(read.unit, "variants");
    EXPECT_EQ(read.total, 9000u);
    EXPECT_EQ(ranges_text(read.parts), "0+3000 3000+2500 5500+3500");
}

TEST(SplitPlan, BrokenPlansAreErrorsNamingTheFile) {
    testing::ScratchFolder folder;
    const std::string good = split_plan_text({"step1", 42, "blocks", 6, {{0, 3}, {3, 3}}}, {});
    auto error_of = [&](const std::string& text) -> std::string {
        const std::string path = folder.write("bad.split", text);
        try {
            read_split_plan(path);
        } catch (const Error& error) {
            return error.what();
        }
        return "no error";
    };
    EXPECT_EQ(error_of(good), "no error");
    auto replaced = [&](const std::string& from, const std::string& to) {
        std::string text = good;
        text.replace(text.find(from), from.size(), to);
        return text;
    };
    EXPECT_NE(error_of(replaced("part 2 3 3", "part 2 4 2")).find("without gaps or overlaps"), std::string::npos);
    EXPECT_NE(error_of(replaced("part 2 3 3", "part 3 3 3")).find("numbered 1, 2"), std::string::npos);
    EXPECT_NE(error_of(replaced("parts 2", "parts 3")).find("incomplete split plan"), std::string::npos);
    EXPECT_NE(error_of(replaced("ridgeway-split-plan 1", "ridgeway-split-plan 9")).find("line 1"), std::string::npos);
    EXPECT_NE(error_of(replaced("part 1 0 3", "part 1 0 x")).find("'x'"), std::string::npos);
    EXPECT_NE(error_of(good.substr(0, good.size() - 11)).find("incomplete split plan"), std::string::npos);
    try {
        read_split_plan(folder.file("none.split"));
        ADD_FAILURE() << "a missing plan must be an error";
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::cannot_open);
    }
}

}  // namespace
}  // namespace ridgeway
