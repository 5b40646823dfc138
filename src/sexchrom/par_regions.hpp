#pragma once
// The pseudo-autosomal regions of chromosome X (--par-region): variants there are diploid in both sexes and are
// tested as autosomal ones. Variants coded XY, PAR1 or PAR2 are pseudo-autosomal wherever they lie.
#include <string>
#include <vector>

namespace ridgeway {

struct ParRegions {
    struct Range {
        long long first = 0, last = 0;  // 1-based, inclusive
    };
    std::string name;  // "hg38", "hg19" or the ranges as given
    std::vector<Range> ranges;

    bool contains(long long position) const;
};

// "hg38" (PAR1 10,001-2,781,479, PAR2 155,701,383-156,030,895), "hg19" (60,001-2,699,520 and
// 154,931,044-155,260,560) or a list such as "X:10001-2781479,X:155701383-156030895"; a usage error naming the
// option otherwise.
ParRegions parse_par_regions(const std::string& spec);

}  // namespace ridgeway
