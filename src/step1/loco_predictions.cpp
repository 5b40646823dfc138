#include "step1/loco_predictions.hpp"

#include <algorithm>

namespace ridgeway {

std::size_t LocoPredictions::column_of(int chromosome) const {
    auto it = std::find(chromosomes.begin(), chromosomes.end(), chromosome);
    return it == chromosomes.end() ? static_cast<std::size_t>(-1) : static_cast<std::size_t>(it - chromosomes.begin());
}

}  // namespace ridgeway
