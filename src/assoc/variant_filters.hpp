#pragma once
// The per-variant filters of step 2 (--maf, --mac, --geno, --minINFO) and the genotype sums they are judged on.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "io/genotype_source.hpp"

namespace ridgeway {

struct VariantFilters {
    double maf = 0;       // minimum minor allele frequency
    double mac = 0;       // minimum minor allele count
    double geno = 1;      // maximum fraction of missing calls
    double min_info = 0;  // minimum imputation quality (dosages only)
    double max_vif = 50;  // a genotype this well explained by the covariates gets VIF_TOO_HIGH
};

// One variant's genotypes summed over a set of samples: hard calls or dosages.
struct GenotypeSums {
    std::size_t called = 0;
    double sum = 0, sum_squares = 0;   // of the called genotypes
    std::size_t n0 = 0, n1 = 0, n2 = 0;  // hard calls only: how many of each
    bool dosages = false;
    double info = 1;                   // dosages only: MACH R2 of the called dosages
    std::vector<std::size_t> missing;  // rows with a missing genotype, increasing
};

// Counts the calls and writes them as doubles (missing as 0) into `values`.
void count_calls(const std::int8_t* calls, std::size_t n, GenotypeSums& sums, double* values);

// Sums the dosages (NaN for missing) and writes them as doubles (missing as 0) into `values`.
void sum_dosages(const float* dosages, std::size_t n, GenotypeSums& sums, double* values);

// MACH R2: the variance of the dosages over the variance of hard calls with their allele frequency (1 when the
// variant is monomorphic).
double mach_r2(double called, double sum, double sum_squares);

// Whether `called` genotypes with these sums take more than one value, up to rounding in the dosages: the sum of
// squared deviations is compared with the sum of squares, and for integer calls the comparison is exact.
bool genotypes_vary(double called, double sum, double sum_squares);

// Sums variant `v` of the block, from its dosages when it has them, else from its calls.
void sum_genotypes(const GenotypeBlock& block, std::size_t v, GenotypeSums& sums, double* values);

bool passes_filters(const VariantFilters& filters, const GenotypeSums& sums, std::size_t n);

}  // namespace ridgeway
