#pragma once
// Prediction accuracy on held-out samples, per trait: mean squared prediction error and Pearson's r, over the
// samples whose trait value is known.
#include <cstddef>

#include "linalg/matrix.hpp"

namespace ridgeway {

struct Accuracy {
    std::size_t n = 0;
    double mspe = 0;
    double pearson_r = 0;  // NaN when either side is constant
};

// `observed` may hold NaN (unknown); `predicted` is complete. Column `trait` of each.
Accuracy accuracy(const Matrix& observed, const Matrix& predicted, std::size_t trait);

}  // namespace ridgeway
