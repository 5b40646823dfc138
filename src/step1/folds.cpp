#include "step1/folds.hpp"

namespace ridgeway {

std::vector<Fold> make_folds(std::size_t n, std::size_t count) {
    std::vector<Fold> folds(count);
    std::size_t begin = 0;
    for (std::size_t k = 0; k < count; ++k) {
        std::size_t size = n / count + (k < n % count);
        folds[k] = {begin, begin + size};
        begin += size;
    }
    return folds;
}

}  // namespace ridgeway
