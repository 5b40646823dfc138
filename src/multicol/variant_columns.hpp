#pragma once
// A variant's columns in a model with several terms, over one set of samples (a trait's): G and G x E_j for an
// interaction (the product formed with G centred on the set, which leaves every reported coefficient as it is), ADD (0/1/2) and DOMDEV (1 for heterozygotes; min(d, 2 - d) for a dosage d) for the genotypic model.
// A missing genotype takes the mean of the set's called ones (in every column, as regenie does), so the set stays the
// same for every variant and its covariate basis is computed once.
#include <cstdint>

#include "linalg/matrix.hpp"
#include "multicol/multicol_settings.hpp"

namespace ridgeway {

// G over the set's called samples.
struct CalledSums {
    std::size_t called = 0;
    double sum = 0, sum_squares = 0;
};

class VariantColumns {
public:
    // `factors`: cohort rows x k, the interacting columns (empty for the genotypic model).
    VariantColumns(MulticolModel model, Matrix factors);

    std::size_t count() const { return genotypic_ ? 2 : 1 + factors_.cols(); }

    // Writes the columns over the rows with in[i] != 0 (0 on the others) into out (count() columns of n, one after
    // the other), with each column's sum and sum of squares over those rows; returns G's sums over their calls.
    // `values` are the genotypes with missing ones 0, `calls` say which are missing (< 0).
    CalledSums fill(const std::int8_t* calls, const double* values, const std::uint8_t* in, std::size_t n,
                    double* out, double* column_sums, double* column_squares) const;

private:
    bool genotypic_;
    Matrix factors_;
};

// G's sums over the called rows of a set.
CalledSums called_sums(const std::int8_t* calls, const double* values, const std::uint8_t* in, std::size_t n);

}  // namespace ridgeway
