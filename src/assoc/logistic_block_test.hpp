#pragma once
// Case/control association tests for a block of variants against every trait: the logistic score test against the
// null model (missing calls imputed with the mean of the trait's called samples, as regenie does), then, for
// variants whose score-test p falls below the threshold, Firth's penalized logistic regression or the saddle-point
// approximation. A fit that fails gives a row with its reason, never an abort.
#include <vector>

#include "assoc/block_test.hpp"
#include "assoc/logistic_null.hpp"
#include "assoc/step2.hpp"
#include "assoc/variant_filters.hpp"

namespace ridgeway {

class LogisticBlockTest final : public BlockTest {
public:
    LogisticBlockTest(const LogisticNullSet& nulls, VariantFilters filters, CaseControlSettings settings);

    void run(const GenotypeBlock& block, BlockResults& out) override;

private:
    // One variant's genotype as the corrections need it, over the trait's rows.
    struct TraitGenotype {
        std::vector<double> imputed;  // missing calls replaced by the mean
        std::vector<double> adjusted; // imputed minus its weighted projection on the covariates
    };
    // The rows of the rarer homozygote class (A1/A1 or A2/A2) of one variant, for sum w g^2.
    void find_homozygotes(const std::int8_t* calls, std::size_t n, const GenotypeSums& sums);
    void test_trait(std::size_t trait, const std::int8_t* calls, const GenotypeSums& all, const double* products,
                    AssocResult& result);
    void correct(std::size_t trait, const std::int8_t* calls, double mean, const double* basis_products, double score,
                 double variance, AssocResult& result);
    void firth_exact(const LogisticNull& null, const std::int8_t* calls, AssocResult& result);
    void firth_approximate(const LogisticNull& null, double variance, AssocResult& result);
    void saddle_point(const LogisticNull& null, const std::int8_t* calls, double score, double variance,
                      AssocResult& result);
    // Fills beta/se/z/p from a Firth fit and the log-likelihood of its covariates-only reference.
    void report_firth(double beta, double wald_se, double log_likelihood, double reference_log_likelihood,
                      AssocResult& result) const;

    const LogisticNullSet& nulls_;
    VariantFilters filters_;
    CaseControlSettings settings_;
    Matrix dosages_;
    std::vector<double> products_;
    std::vector<double> basis_;  // scratch: the genotype's products with the trait's W C columns
    TraitGenotype genotype_;     // scratch for one correction
    std::vector<std::size_t> exact_rows_;
    std::vector<std::size_t> homozygotes_;
    bool homozygotes_are_a1_ = true;
};

}  // namespace ridgeway
