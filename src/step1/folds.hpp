#pragma once
// Cross-validation folds as regenie makes them: contiguous runs of the analysed samples in genotype-file order.
#include <cstddef>
#include <vector>

namespace ridgeway {

struct Fold {
    std::size_t begin = 0, end = 0;  // cohort rows [begin, end)
    std::size_t size() const { return end - begin; }
};

// `count` folds of near-equal size over `n` rows (the first n % count folds one row larger).
std::vector<Fold> make_folds(std::size_t n, std::size_t count);

}  // namespace ridgeway
