#include "sexchrom/par_regions.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/text_reader.hpp"
#include "qc/chromosome.hpp"

namespace ridgeway {

namespace {

constexpr int kChromosomeX = 23;

[[noreturn]] void malformed(const std::string& spec, const std::string& problem) {
    throw Error(ErrorKind::usage, fmt::format("--par-region '{}': {} (give hg38, hg19 or ranges such as "
                                              "X:10001-2781479,X:155701383-156030895)",
                                              spec, problem));
}

}  // namespace

bool ParRegions::contains(long long position) const {
    for (const Range& range : ranges)
        if (position >= range.first && position <= range.last) return true;
    return false;
}

ParRegions parse_par_regions(const std::string& spec) {
    if (spec == "hg38") return {"hg38", {{10001, 2781479}, {155701383, 156030895}}};
    if (spec == "hg19") return {"hg19", {{60001, 2699520}, {154931044, 155260560}}};
    ParRegions regions{spec, {}};
    for (std::string_view item : split_on(spec, ',')) {
        const auto colon = item.find(':'), dash = item.find('-', colon == std::string_view::npos ? 0 : colon);
        if (colon == std::string_view::npos || dash == std::string_view::npos)
            malformed(spec, fmt::format("'{}' is not CHR:START-END", item));
        if (chromosome_code(item.substr(0, colon)) != kChromosomeX)
            malformed(spec, fmt::format("'{}' is not on chromosome X", item));
        const auto first = parse_integer(item.substr(colon + 1, dash - colon - 1));
        const auto last = parse_integer(item.substr(dash + 1));
        if (!first || !last || *first < 1 || *last < *first)
            malformed(spec, fmt::format("'{}' has no valid START-END", item));
        regions.ranges.push_back({*first, *last});
    }
    if (regions.ranges.empty()) malformed(spec, "no range");
    return regions;
}

}  // namespace ridgeway
