#pragma once
// A variant's columns in a model with several terms, over one set of samples (a trait's): G and G x E_j for an
// interaction (the product formed with G centred on the set, which leaves every reported coefficient as it is), ADD
// (0/1/2) and DOMDEV (1 for heterozygotes; min(d, 2 - d) for a dosage d) for the genotypic model.
// A missing genotype takes the mean of the set's called ones (in every column, as regenie does), so the set stays the
// same for every variant and its covariate basis is computed once. (The linear models form the columns once over the
// rows of all their traits, as regenie imputes once for all traits.)
#include <cstdint>
#include <vector>

#include "assoc/variant_filters.hpp"
#include "linalg/matrix.hpp"
#include "multicol/multicol_settings.hpp"

namespace ridgeway {

// G over the set's called samples.
struct CalledSums {
    std::size_t called = 0;
    double sum = 0, sum_squares = 0;
};

// Some of the cohort rows: 1 on theirs and 0 on the others, and the others' list (usually short).
struct SampleSubset {
    std::vector<double> in;
    std::vector<std::size_t> out;
};

SampleSubset make_subset(std::vector<std::uint8_t> in);

// G's sums over the subset's calls, from `all`, its sums over every row (sum_genotypes).
CalledSums called_sums(const std::int8_t* calls, const double* values, const GenotypeSums& all,
                       const SampleSubset& subset);

class VariantColumns {
public:
    // `factors`: cohort rows x k, the interacting columns (empty for the genotypic model).
    VariantColumns(MulticolModel model, Matrix factors);

    std::size_t count() const { return genotypic_ ? 2 : 1 + factors_.cols(); }

    // Writes the columns over the subset's rows (0 on the others) into out (count() columns of n, one after the
    // other); returns G's sums over the subset's calls. `values` are the genotypes with missing ones 0 and `all`
    // their sums over every row (sum_genotypes); `calls` say which are missing (< 0). Branch-free loops over the rows:
    // the out-of-subset and missing rows are corrected from their lists.
    CalledSums fill(const std::int8_t* calls, const double* values, const GenotypeSums& all,
                    const SampleSubset& subset, double* out) const;

private:
    bool genotypic_;
    Matrix factors_;
};

// out[v * n_columns + c] = vectors[v] . column c of `columns` (n x n_columns), for any number of vectors.
void column_products(const double* const* vectors, std::size_t count, const double* columns, std::size_t n_columns,
                     std::size_t n, double* out);
inline void column_products(const double* const* vectors, std::size_t count, const Matrix& columns, double* out) {
    column_products(vectors, count, columns.data(), columns.cols(), columns.rows(), out);
}

// One group of a block's variants, [first, last): each summed (its values into the next column of `values`, so the
// kept ones fill the leading columns) and filtered; passed[v] says whether it passed, and `kept` lists those that did.
void sum_and_filter_group(const GenotypeBlock& block, std::size_t first, std::size_t last,
                          const VariantFilters& filters, std::vector<GenotypeSums>& sums, Matrix& values,
                          std::vector<bool>& passed, std::vector<std::size_t>& kept);

// out (m x m) = V' diag(weights) V for m columns of n (weights null: V'V), any m.
void variant_gram(const double* columns, std::size_t m, std::size_t n, const double* weights, double* out);

}  // namespace ridgeway
