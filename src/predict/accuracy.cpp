#include "predict/accuracy.hpp"

#include <cmath>
#include <limits>

namespace ridgeway {

Accuracy accuracy(const Matrix& observed, const Matrix& predicted, std::size_t trait) {
    Accuracy result;
    double sum_y = 0, sum_p = 0;
    for (std::size_t i = 0; i < observed.rows(); ++i)
        if (!std::isnan(observed(i, trait))) ++result.n, sum_y += observed(i, trait), sum_p += predicted(i, trait);
    if (result.n == 0) {
        result.mspe = result.pearson_r = std::numeric_limits<double>::quiet_NaN();
        return result;
    }
    const double n = static_cast<double>(result.n), mean_y = sum_y / n, mean_p = sum_p / n;
    double squared_error = 0, syy = 0, spp = 0, syp = 0;
    for (std::size_t i = 0; i < observed.rows(); ++i) {
        const double y = observed(i, trait);
        if (std::isnan(y)) continue;
        const double p = predicted(i, trait);
        squared_error += (y - p) * (y - p);
        syy += (y - mean_y) * (y - mean_y);
        spp += (p - mean_p) * (p - mean_p);
        syp += (y - mean_y) * (p - mean_p);
    }
    result.mspe = squared_error / n;
    result.pearson_r = syy > 0 && spp > 0 ? syp / std::sqrt(syy * spp) : std::numeric_limits<double>::quiet_NaN();
    return result;
}

}  // namespace ridgeway
