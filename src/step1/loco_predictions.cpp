#include "step1/loco_predictions.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/error.hpp"

namespace ridgeway {

std::size_t LocoPredictions::loco_column(int chromosome) const {
    if (is_whole_genome()) return 0;
    auto it = std::find(chromosomes.begin(), chromosomes.end(), chromosome);
    if (it == chromosomes.end())
        throw Error(ErrorKind::inconsistent, fmt::format("the step-1 predictions have no row for chromosome {}; step 1 and "
                                                         "step 2 must cover the same chromosomes",
                                                         chromosome));
    return static_cast<std::size_t>(it - chromosomes.begin());
}

std::vector<int> loco_chromosomes(const std::vector<int>& fitted) {
    constexpr int kRegenieRows = 23;  // 1-22 and X
    std::vector<int> chromosomes(fitted);
    for (int c = 1; c <= kRegenieRows; ++c) chromosomes.push_back(c);
    std::sort(chromosomes.begin(), chromosomes.end());
    chromosomes.erase(std::unique(chromosomes.begin(), chromosomes.end()), chromosomes.end());
    return chromosomes;
}

}  // namespace ridgeway
