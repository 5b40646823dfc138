#pragma once
// Linear models with several variant columns V (multicol_settings.hpp) for a block of variants against every trait.
// Per sample set, V for a chunk of variants is residualized on the covariates at once, R = V - Q(Q'V), by two
// matrix products; each trait's fit then needs only R'R, R'e and, for HC3, one pass over R:
//   gamma = (R'R)^-1 R'e, model-based covariance s^2 (R'R)^-1 with s^2 = (e'e - e'R gamma) / (N - K - m),
//   HC3: (R'R)^-1 R' diag(u_i^2 / (1 - h_i)^2) R (R'R)^-1, u_i = e_i - r_i'gamma, h_i = |Q_i|^2 + r_i'(R'R)^-1 r_i,
// which are the variant block of the full regression's estimates (Frisch-Waugh-Lovell). K counts Q's columns.
#include <vector>

#include "assoc/block_test.hpp"
#include "assoc/variant_filters.hpp"
#include "multicol/linear_model_data.hpp"
#include "multicol/variant_columns.hpp"

namespace ridgeway {

struct LinearMulticolOptions {
    bool robust = true;       // HC3, else model-based
    bool t_reference = true;  // t and F with N - K - m degrees of freedom, else normal and chi-square
    double max_vif = 50;
};

class LinearMulticolTest final : public BlockTest {
public:
    LinearMulticolTest(const LinearModelData& data, const VariantColumns& columns, VariantFilters filters,
                       LinearMulticolOptions options);

    void run(const TestedBlock& block, BlockResults& out) override;

private:
    // The variants `kept` (of the block) over one sample set; V holds their columns.
    void test_set(const LinearSampleSet& set, const GenotypeBlock& block, const std::vector<std::size_t>& kept,
                  const GenotypeSums* sums, BlockResults& out);
    // One variant's fit for one trait; `r` its residualized columns, `inverse` (R'R)^-1.
    void test_trait(std::size_t trait, const LinearSampleSet& set, const double* r, const double* inverse,
                    AssocResult* rows);
    double hc3_meat(const LinearSampleSet& set, const double* r, const double* e, const double* inverse,
                    std::vector<double>& meat) const;
    double hc3_meat2(const LinearSampleSet& set, const double* r, const double* e, const double* inverse,
                     double* meat) const;

    const LinearModelData& data_;
    const VariantColumns& columns_;
    VariantFilters filters_;
    LinearMulticolOptions options_;
    Matrix values_;   // genotypes of a chunk of variants, missing as 0
    Matrix v_;        // their columns over a set, then residualized in place
    Matrix products_; // Q'V
    std::vector<double> column_sums_, column_squares_;
    // Scratch for one fit.
    std::vector<double> gram_, inverse_, re_, gamma_, covariance_;
};

}  // namespace ridgeway
