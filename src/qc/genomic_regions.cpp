#include "qc/genomic_regions.hpp"

#include <algorithm>
#include <optional>

#include "core/error.hpp"
#include "core/text_reader.hpp"
#include "qc/chromosome.hpp"

namespace ridgeway {

namespace {

// "CHR:START-END" or "CHR:START-" (to the chromosome's end), or nothing when the item is neither.
std::optional<GenomicInterval> parse_range(std::string_view item) {
    const auto colon = item.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    const std::string_view positions = item.substr(colon + 1);
    const auto dash = positions.find('-');
    if (dash == std::string_view::npos) return std::nullopt;
    GenomicInterval interval;
    interval.chromosome = chromosome_code(item.substr(0, colon));
    const auto first = parse_integer(positions.substr(0, dash));
    const std::string_view last_text = positions.substr(dash + 1);
    const auto last = last_text.empty() ? std::optional(interval.last) : parse_integer(last_text);
    if (interval.chromosome == 0 || !first || !last || *first < 1 || *last < *first) return std::nullopt;
    interval.first = *first;
    interval.last = *last;
    return interval;
}

std::vector<GenomicInterval> parse_ranges(const std::string& list) {
    std::vector<GenomicInterval> intervals;
    for (auto item : split_on(list, ',')) {
        const auto interval = parse_range(item);
        if (!interval)
            throw Error(ErrorKind::usage, "--range " + list + ": '" + std::string(item) +
                                              "' is not a range CHR:START-END or CHR:START- with 1 <= START <= END "
                                              "(e.g. 1:1000000-2000000)");
        intervals.push_back(*interval);
    }
    return intervals;
}

// Sorted, with overlapping and adjacent intervals joined, so that every position lies in at most one.
std::vector<GenomicInterval> joined(std::vector<GenomicInterval> intervals) {
    std::sort(intervals.begin(), intervals.end(), [](const GenomicInterval& a, const GenomicInterval& b) {
        return a.chromosome != b.chromosome ? a.chromosome < b.chromosome : a.first < b.first;
    });
    std::vector<GenomicInterval> out;
    for (const auto& interval : intervals) {
        if (!out.empty() && out.back().chromosome == interval.chromosome &&
            (out.back().last == std::numeric_limits<long long>::max() || interval.first <= out.back().last + 1))
            out.back().last = std::max(out.back().last, interval.last);
        else out.push_back(interval);
    }
    return out;
}

}  // namespace

GenomicRegions GenomicRegions::requested(const std::string& chromosomes, const std::string& ranges) {
    if (chromosomes.empty() && ranges.empty()) return {};
    std::vector<GenomicInterval> intervals;
    std::vector<bool> listed(kCodes, chromosomes.empty());
    if (!chromosomes.empty())
        for (int code : parse_chromosome_list(chromosomes)) listed[code] = true;
    if (ranges.empty()) {
        for (int code = 1; code < kCodes; ++code)
            if (listed[code]) intervals.push_back({code});
    } else {
        for (const auto& interval : parse_ranges(ranges))
            if (listed[interval.chromosome]) intervals.push_back(interval);
    }
    std::string text = chromosomes.empty() ? "" : "--chr " + chromosomes;
    if (!ranges.empty()) text += (text.empty() ? "" : " ") + ("--range " + ranges);
    return GenomicRegions(joined(std::move(intervals)), std::move(text));
}

GenomicRegions::GenomicRegions(std::vector<GenomicInterval> intervals, std::string text)
    : restricted_(true), intervals_(std::move(intervals)), text_(std::move(text)) {
    std::size_t i = 0;
    for (int code = 0; code <= kCodes; ++code) {
        while (i < intervals_.size() && intervals_[i].chromosome < code) ++i;
        chromosome_start_[code] = i;
    }
}

std::span<const GenomicInterval> GenomicRegions::on_chromosome(int chromosome) const {
    if (chromosome < 0 || chromosome >= kCodes) return {};
    return std::span(intervals_).subspan(chromosome_start_[chromosome],
                                         chromosome_start_[chromosome + 1] - chromosome_start_[chromosome]);
}

bool GenomicRegions::contains(std::string_view chrom, long long pos) const {
    if (!restricted_) return true;
    const auto intervals = on_chromosome(chromosome_code(chrom));
    // The last interval starting at or before pos is the only one that can hold it.
    const auto after = std::upper_bound(intervals.begin(), intervals.end(), pos,
                                        [](long long p, const GenomicInterval& interval) { return p < interval.first; });
    return after != intervals.begin() && pos <= std::prev(after)->last;
}

}  // namespace ridgeway
