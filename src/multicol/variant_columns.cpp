#include "multicol/variant_columns.hpp"

#include <algorithm>

namespace ridgeway {

namespace {

double dominance(double g) { return std::min(g, 2.0 - g); }

// column[i] = value(i), with the column's sum and sum of squares.
template <typename Value>
void fill_column(double* column, std::size_t n, double& sum, double& squares, Value value) {
    double s = 0, ss = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double v = value(i);
        column[i] = v;
        s += v;
        ss += v * v;
    }
    sum = s;
    squares = ss;
}

}  // namespace

VariantColumns::VariantColumns(MulticolModel model, Matrix factors)
    : genotypic_(model == MulticolModel::genotypic), factors_(std::move(factors)) {}

CalledSums called_sums(const std::int8_t* calls, const double* values, const std::uint8_t* in, std::size_t n) {
    CalledSums sums;
    for (std::size_t i = 0; i < n; ++i) {
        const bool counted = in[i] != 0 && calls[i] >= 0;
        const double g = counted ? values[i] : 0.0;
        sums.called += counted;
        sums.sum += g;
        sums.sum_squares += g * g;
    }
    return sums;
}

CalledSums VariantColumns::fill(const std::int8_t* calls, const double* values, const std::uint8_t* in, std::size_t n,
                                double* out, double* column_sums, double* column_squares) const {
    const CalledSums sums = called_sums(calls, values, in, n);
    const double mean = sums.called > 0 ? sums.sum / static_cast<double>(sums.called) : 0.0;
    double* g = out;
    double g_sum = 0, g_squares = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double value = in[i] == 0 ? 0.0 : calls[i] < 0 ? mean : values[i];
        g[i] = value;
        g_sum += value;
        g_squares += value * value;
    }
    column_sums[0] = g_sum;
    column_squares[0] = g_squares;
    if (genotypic_) {
        double dominance_sum = 0;
        for (std::size_t i = 0; i < n; ++i)
            if (in[i] != 0 && calls[i] >= 0) dominance_sum += dominance(values[i]);
        const double dominance_mean = sums.called > 0 ? dominance_sum / static_cast<double>(sums.called) : 0.0;
        fill_column(out + n, n, column_sums[1], column_squares[1], [&](std::size_t i) {
            return in[i] == 0 ? 0.0 : calls[i] < 0 ? dominance_mean : dominance(values[i]);
        });
        return sums;
    }
    // (G - mean G) x E_j spans, with E_j among the covariates, what G x E_j does, and gives G and G x E_j the same
    // coefficients; centred, the product is not nearly 2 E_j for a common A1, which would make its variance
    // inflation depend on the allele counted.
    for (std::size_t j = 0; j < factors_.cols(); ++j) {
        const double* e = factors_.column(j);
        fill_column(out + (j + 1) * n, n, column_sums[j + 1], column_squares[j + 1],
                    [&](std::size_t i) { return in[i] == 0 ? 0.0 : (g[i] - mean) * e[i]; });
    }
    return sums;
}

}  // namespace ridgeway
