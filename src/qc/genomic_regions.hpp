#pragma once
// The part of the genome asked for with --chr and --range. Built once, it goes both to the genotype sources, which
// read only these regions through an index when the file has one, and to select_variants, which applies the same
// test to every source, so that an index changes how fast a region is read, never which variants are analysed.
// Chromosomes are compared as chromosome codes (chromosome.hpp), so "chr1" in a file matches "1" on the command line.
#include <array>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ridgeway {

// 1-based positions, both ends included.
struct GenomicInterval {
    int chromosome = 0;  // chromosome_code
    long long first = 1;
    long long last = std::numeric_limits<long long>::max();
};

class GenomicRegions {
public:
    // The whole genome.
    GenomicRegions() = default;

    // --chr LIST ("1-22,X") and --range LIST ("1:1000-2000,2:500-"), either possibly empty. With both, the ranges on
    // the listed chromosomes. A usage error names the option and the text that is not a chromosome or range.
    static GenomicRegions requested(const std::string& chromosomes, const std::string& ranges);

    bool whole_genome() const { return !restricted_; }
    bool contains(std::string_view chrom, long long pos) const;
    // The intervals on one chromosome: sorted, disjoint and not adjacent; empty when it is not asked for.
    std::span<const GenomicInterval> on_chromosome(int chromosome) const;
    // How they were asked for, "--chr 2" or "--chr 1-22 --range 1:1000-2000", to start log lines.
    const std::string& text() const { return text_; }

private:
    static constexpr int kCodes = 27;  // chromosome codes 0 (unrecognised) to 26 (MT)

    GenomicRegions(std::vector<GenomicInterval> intervals, std::string text);

    bool restricted_ = false;
    std::vector<GenomicInterval> intervals_;  // sorted by chromosome, then position
    std::array<std::size_t, kCodes + 1> chromosome_start_{};  // intervals of code c: [start[c], start[c + 1])
    std::string text_;
};

}  // namespace ridgeway
