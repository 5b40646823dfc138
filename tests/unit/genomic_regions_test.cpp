#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "qc/genomic_regions.hpp"

namespace ridgeway {
namespace {

constexpr long long kEnd = std::numeric_limits<long long>::max();

std::string usage_error(const std::string& chromosomes, const std::string& ranges) {
    try {
        GenomicRegions::requested(chromosomes, ranges);
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::usage);
        return error.what();
    }
    ADD_FAILURE() << "no error for --chr '" << chromosomes << "' --range '" << ranges << "'";
    return "";
}

// The probes ("CHR:POS") that lie in the regions, in the order given.
std::string inside(const GenomicRegions& regions, const std::vector<std::string>& probes) {
    std::string out;
    for (const auto& probe : probes) {
        const auto colon = probe.find(':');
        if (regions.contains(probe.substr(0, colon), std::stoll(probe.substr(colon + 1))))
            out += (out.empty() ? "" : " ") + probe;
    }
    return out;
}

// A chromosome's intervals as "FIRST-LAST ...", "end" for an open end.
std::string intervals(const GenomicRegions& regions, int chromosome) {
    std::string out;
    for (const auto& interval : regions.on_chromosome(chromosome))
        out += (out.empty() ? "" : " ") + std::to_string(interval.first) + "-" +
               (interval.last == kEnd ? "end" : std::to_string(interval.last));
    return out;
}

TEST(GenomicRegions, NothingAskedIsTheWholeGenome) {
    const auto regions = GenomicRegions::requested("", "");
    EXPECT_TRUE(regions.whole_genome());
    EXPECT_EQ(inside(regions, {"GL000192.1:5", "1:1"}), "GL000192.1:5 1:1");  // not even a chromosome
    EXPECT_EQ(intervals(regions, 1), "");
}

TEST(GenomicRegions, ChromosomeListsAndRangesOfThem) {
    const auto regions = GenomicRegions::requested("1-3,X", "");
    EXPECT_FALSE(regions.whole_genome());
    EXPECT_EQ(regions.text(), "--chr 1-3,X");
    EXPECT_EQ(inside(regions, {"1:1", "chr2:5", "3:9", "4:1", "X:1", "chrX:1", "23:1", "Y:1", "MT:1", "unplaced:1"}),
              "1:1 chr2:5 3:9 X:1 chrX:1 23:1");
    EXPECT_EQ(intervals(regions, 2), "1-end");
}

TEST(GenomicRegions, RangesIncludeBothEnds) {
    const auto regions = GenomicRegions::requested("", "chr1:100-200,2:50-");
    EXPECT_EQ(regions.text(), "--range chr1:100-200,2:50-");
    EXPECT_EQ(inside(regions, {"1:99", "1:100", "chr1:200", "1:201", "2:49", "2:250000000", "3:100"}),
              "1:100 chr1:200 2:250000000");
}

TEST(GenomicRegions, OverlappingAndAdjacentRangesJoinInOrder) {
    const auto regions = GenomicRegions::requested("", "1:500-600,1:100-200,1:150-300,1:301-310,1:700-,1:800-900");
    EXPECT_EQ(intervals(regions, 1), "100-310 500-600 700-end");
    EXPECT_EQ(inside(regions, {"1:400", "1:850"}), "1:850");
}

TEST(GenomicRegions, WithBothOnlyTheRangesOnListedChromosomes) {
    const auto regions = GenomicRegions::requested("2", "1:1-1000,2:10-20");
    EXPECT_EQ(regions.text(), "--chr 2 --range 1:1-1000,2:10-20");
    EXPECT_EQ(inside(regions, {"1:5", "2:15", "2:25"}), "2:15");
    // Nothing in common selects nothing, which is not the whole genome.
    const auto disjoint = GenomicRegions::requested("3", "1:1-1000");
    EXPECT_FALSE(disjoint.whole_genome());
    EXPECT_EQ(inside(disjoint, {"1:5", "3:5"}), "");
}

TEST(GenomicRegions, MalformedTextIsAUsageErrorNamingIt) {
    EXPECT_NE(usage_error("", "1:200-100").find("--range 1:200-100: '1:200-100'"), std::string::npos);
    EXPECT_NE(usage_error("", "1:5-10,2:x-9").find("'2:x-9'"), std::string::npos);
    for (const char* bad : {"1", "1:100", "1:-100", "1:0-10", "Q:1-10", "1:1-10,", "1:1.5-10", ":1-2"})
        EXPECT_NE(usage_error("", bad).find("--range"), std::string::npos) << bad;
    EXPECT_NE(usage_error("1-Q", "").find("--chr 1-Q"), std::string::npos);
}

}  // namespace
}  // namespace ridgeway
