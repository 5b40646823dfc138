#pragma once
// Linear models with several variant columns V (multicol_settings.hpp) for a block of variants against every trait.
// The columns of a few variants at a time, formed once over the rows of every sample set, are multiplied with each
// set's [Q | e_t | 1] in one pass (dot_products, as the additive test's genotypes are) and with each other, which gives
// per set Q'V, V'e, the columns' sums and V'V (less the few rows outside the set); the residualized R = V - Q(Q'V) then has R'R = V'V - (Q'V)'(Q'V) and R'e = V'e, and each trait's fit
//   gamma = (R'R)^-1 R'e, model-based covariance s^2 (R'R)^-1 with s^2 = (e'e - e'R gamma) / (N - K - m),
//   HC3: (R'R)^-1 R' diag(u_i^2 / (1 - h_i)^2) R (R'R)^-1, u_i = e_i - r_i'gamma, h_i = |Q_i|^2 + r_i'(R'R)^-1 r_i
// is the variant block of the full regression's estimates (Frisch-Waugh-Lovell); HC3's sum takes one more pass over
// the rows per variant for all traits of the set (hc3_kernel.hpp). K counts Q's columns.
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
    // The variants `kept` (of the block) over one sample set; values_ holds their genotypes.
    void test_set(const LinearSampleSet& set, const GenotypeBlock& block, const std::vector<std::size_t>& kept,
                  const GenotypeSums* sums, BlockResults& out);
    // Variant k's columns: their projection on Q and (R'R)^-1 (in fits_), or why they cannot be fitted.
    ErrorCode fit_columns(const LinearSampleSet& set, std::size_t k);
    // Variant k's coefficients and residual sums of squares for the traits of the set (in fits_).
    void fit_traits(const LinearSampleSet& set, std::size_t k);
    // Variant k's rows for the traits of the set.
    void write_rows(const LinearSampleSet& set, std::size_t k, std::size_t v, const AssocResult& common,
                    BlockResults& out);

    // One variant's fits over a set, kept for the group's HC3 pass.
    struct Fit {
        ErrorCode error = ErrorCode::none;
        std::vector<double> projection, inverse;  // G^-1 Q_S'V (rank x m), (R'R)^-1 (m x m)
        std::vector<double> gammas, rss, meats;   // per trait of the set: m, 1, m x m
        std::vector<ErrorCode> errors;            // per trait of the set
        double highest = 0;                       // HC3: the largest leverage
    };

    const LinearModelData& data_;
    const VariantColumns& columns_;
    VariantFilters filters_;
    LinearMulticolOptions options_;
    std::size_t group_;              // variants whose columns share one pass over the sets' [Q | e | 1]
    Matrix values_;                  // their genotypes, missing as 0
    Matrix v_;                       // their columns over a set
    std::vector<const double*> column_pointers_;
    std::vector<double> products_;   // per variant column: its products with [Q | e | 1]
    std::vector<double> all_grams_;  // per variant: V'V over the union of the sets
    std::vector<Fit> fits_;          // per variant of the group
    std::vector<double> basis_products_, column_sums_, gram_, covariance_, half_;  // scratch for one fit
};

}  // namespace ridgeway
