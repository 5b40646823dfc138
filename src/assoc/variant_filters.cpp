#include "assoc/variant_filters.hpp"

#include <algorithm>

#include "linalg/genotype_kernels.hpp"

namespace ridgeway {

void count_calls(const std::int8_t* calls, std::size_t n, GenotypeSums& sums, double* dosage) {
    CallCounts counts = count_and_convert_calls(calls, n, dosage);
    sums.n1 = counts.n1;
    sums.n2 = counts.n2;
    sums.n0 = n - counts.n1 - counts.n2 - counts.missing;
    sums.missing.clear();
    if (counts.missing > 0)
        for (std::size_t i = 0; i < n; ++i)
            if (calls[i] < 0) sums.missing.push_back(i);
}

bool passes_filters(const VariantFilters& filters, const GenotypeSums& sums, std::size_t n) {
    std::size_t called = sums.n0 + sums.n1 + sums.n2;
    if (static_cast<double>(sums.missing.size()) > filters.geno * static_cast<double>(n)) return false;
    double a1_count = static_cast<double>(sums.n1 + 2 * sums.n2);
    double minor_count = std::min(a1_count, 2.0 * called - a1_count);
    if (minor_count < filters.mac) return false;
    return called > 0 ? minor_count / (2.0 * called) >= filters.maf : filters.maf <= 0;
}

}  // namespace ridgeway
