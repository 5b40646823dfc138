#include "multicol/variant_columns.hpp"

#include <algorithm>

namespace ridgeway {

namespace {

double dominance(double g) { return std::min(g, 2.0 - g); }

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
    for (std::size_t i = 0; i < n; ++i) g[i] = in[i] == 0 ? 0.0 : calls[i] < 0 ? mean : values[i];
    if (genotypic_) {
        double dominance_sum = 0;
        for (std::size_t i = 0; i < n; ++i)
            if (in[i] != 0 && calls[i] >= 0) dominance_sum += dominance(values[i]);
        const double dominance_mean = sums.called > 0 ? dominance_sum / static_cast<double>(sums.called) : 0.0;
        double* d = out + n;
        for (std::size_t i = 0; i < n; ++i) d[i] = in[i] == 0 ? 0.0 : calls[i] < 0 ? dominance_mean : dominance(values[i]);
    } else {
        // (G - mean G) x E_j spans, with E_j among the covariates, what G x E_j does, and gives G and G x E_j the
        // same coefficients; centred, the product is not nearly 2 E_j for a common A1, which would make its variance
        // inflation depend on the allele counted.
        for (std::size_t j = 0; j < factors_.cols(); ++j) {
            const double* e = factors_.column(j);
            double* column = out + (j + 1) * n;
            for (std::size_t i = 0; i < n; ++i) column[i] = in[i] == 0 ? 0.0 : (g[i] - mean) * e[i];
        }
    }
    for (std::size_t j = 0; j < count(); ++j) {
        const double* column = out + j * n;
        double s = 0, ss = 0;
        for (std::size_t i = 0; i < n; ++i) s += column[i], ss += column[i] * column[i];
        column_sums[j] = s;
        column_squares[j] = ss;
    }
    return sums;
}

}  // namespace ridgeway
