#pragma once
// The per-variant filters of step 2 (--maf, --mac, --geno) and the call counts they are judged on.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace ridgeway {

struct VariantFilters {
    double maf = 0;       // minimum minor allele frequency
    double mac = 0;       // minimum minor allele count
    double geno = 1;      // maximum fraction of missing calls
    double max_vif = 50;  // a genotype this well explained by the covariates gets VIF_TOO_HIGH
};

// Counts of one variant's calls over a set of samples.
struct GenotypeSums {
    std::size_t n0 = 0, n1 = 0, n2 = 0;
    std::vector<std::size_t> missing;  // rows with a missing call, increasing
};

// Counts the calls and writes them as doubles (missing as 0) into `dosage`.
void count_calls(const std::int8_t* calls, std::size_t n, GenotypeSums& sums, double* dosage);

bool passes_filters(const VariantFilters& filters, const GenotypeSums& sums, std::size_t n);

}  // namespace ridgeway
