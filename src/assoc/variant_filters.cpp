#include "assoc/variant_filters.hpp"

#include <algorithm>
#include <cmath>

#include "linalg/genotype_kernels.hpp"

namespace ridgeway {

namespace {

// Relative size below which the spread of dosages counts as rounding: float dosages carry about 7 digits.
constexpr double kConstantTolerance = 1e-9;

}  // namespace

void count_calls(const std::int8_t* calls, std::size_t n, GenotypeSums& sums, double* values) {
    CallCounts counts = count_and_convert_calls(calls, n, values);
    sums.dosages = false;
    sums.info = 1;
    sums.n1 = counts.n1;
    sums.n2 = counts.n2;
    sums.n0 = n - counts.n1 - counts.n2 - counts.missing;
    sums.called = n - counts.missing;
    sums.sum = static_cast<double>(counts.n1 + 2 * counts.n2);
    sums.sum_squares = static_cast<double>(counts.n1 + 4 * counts.n2);
    sums.missing.clear();
    if (counts.missing > 0)
        for (std::size_t i = 0; i < n; ++i)
            if (calls[i] < 0) sums.missing.push_back(i);
}

void sum_dosages(const float* dosages, std::size_t n, GenotypeSums& sums, double* values) {
    sums.dosages = true;
    sums.n0 = sums.n1 = sums.n2 = 0;
    sums.sum = sums.sum_squares = 0;
    sums.missing.clear();
    for (std::size_t i = 0; i < n; ++i) {
        if (std::isnan(dosages[i])) {
            values[i] = 0;
            sums.missing.push_back(i);
            continue;
        }
        const double d = dosages[i];
        values[i] = d;
        sums.sum += d;
        sums.sum_squares += d * d;
    }
    sums.called = n - sums.missing.size();
    sums.info = mach_r2(static_cast<double>(sums.called), sums.sum, sums.sum_squares);
}

void sum_genotypes(const GenotypeBlock& block, std::size_t v, GenotypeSums& sums, double* values) {
    if (block.with_dosages) sum_dosages(block.dosage(v), block.n_samples, sums, values);
    else count_calls(block.variant(v), block.n_samples, sums, values);
}

double mach_r2(double called, double sum, double sum_squares) {
    if (!(called > 0)) return 1;
    const double mean = sum / called, frequency = mean / 2;
    const double expected = 2 * frequency * (1 - frequency);
    if (!(expected > kConstantTolerance)) return 1;
    return std::max(0.0, sum_squares / called - mean * mean) / expected;
}

bool genotypes_vary(double called, double sum, double sum_squares) {
    return called * sum_squares - sum * sum > kConstantTolerance * called * sum_squares;
}

bool passes_filters(const VariantFilters& filters, const GenotypeSums& sums, std::size_t n) {
    const double called = static_cast<double>(sums.called);
    if (static_cast<double>(sums.missing.size()) > filters.geno * static_cast<double>(n)) return false;
    if (sums.dosages && sums.info < filters.min_info) return false;
    const double minor_count = std::min(sums.sum, 2.0 * called - sums.sum);
    if (minor_count < filters.mac) return false;
    return called > 0 ? minor_count / (2.0 * called) >= filters.maf : filters.maf <= 0;
}

}  // namespace ridgeway
