#pragma once
// Case/control association tests for a block of variants against every trait: the logistic score test against the
// null model (missing calls imputed with the mean of the trait's called samples, as regenie does), then, for
// variants whose score-test p falls below the threshold, Firth's penalized logistic regression or the saddle-point
// approximation. A fit that fails gives a row with its reason, never an abort.
#include <vector>

#include "assoc/additive_summary.hpp"
#include "assoc/block_test.hpp"
#include "assoc/logistic_null.hpp"
#include "assoc/step2.hpp"
#include "assoc/variant_filters.hpp"
#include "stats/logistic_regression.hpp"

namespace ridgeway {

class LogisticBlockTest final : public BlockTest {
public:
    LogisticBlockTest(const LogisticNullSet& nulls, VariantFilters filters, CaseControlSettings settings);

    void run(const TestedBlock& block, BlockResults& out) override;

private:
    // One variant's genotype: `calls` tell which are missing, `values` are the calls or dosages (missing as 0).
    struct Genotype {
        const std::int8_t* calls;
        const double* values;
        const GenotypeSums& sums;
    };
    // One variant's genotype as the corrections need it, over the trait's rows.
    struct TraitGenotype {
        std::vector<double> imputed;  // missing genotypes replaced by the mean
        std::vector<double> adjusted; // imputed minus its weighted projection on the covariates
    };
    // Sums over the trait's called samples of g^2 and of w g^2 (w the null model's weights).
    struct Squares {
        double sum = 0, weighted_sum = 0;
    };
    // The rows of the rarer homozygote class (A1/A1 or A2/A2) of one variant with calls, for sum w g^2.
    void find_homozygotes(const std::int8_t* calls, std::size_t n, const GenotypeSums& sums);
    Squares squared_genotypes(const Genotype& genotype, const std::vector<std::int8_t>& status, const double* w,
                              double weight_sum, double weighted_genotypes, double all_sum,
                              std::size_t n_called) const;
    void test_trait(std::size_t trait, const Genotype& genotype, const double* products, AssocResult& result);
    void correct(std::size_t trait, const Genotype& genotype, double mean, const double* basis_products, double score,
                 double variance, AssocResult& result);
    void firth_exact(const LogisticNull& null, const Genotype& genotype, AssocResult& result);
    void firth_approximate(const LogisticNull& null, double variance, AssocResult& result);
    void saddle_point(const LogisticNull& null, const Genotype& genotype, double score, double variance,
                      AssocResult& result);
    // Fills beta/se/z/p from a Firth fit and the log-likelihood of its covariates-only reference.
    void report_firth(double beta, double wald_se, double log_likelihood, double reference_log_likelihood,
                      AssocResult& result) const;

    const LogisticNullSet& nulls_;
    VariantFilters filters_;
    CaseControlSettings settings_;
    Matrix values_;
    std::vector<double> products_;
    std::vector<double> basis_;  // scratch: the genotype's products with the trait's W C columns
    TraitGenotype trait_genotype_;  // scratch for one correction
    std::vector<std::size_t> exact_rows_;
    // Scratch for exact Firth: the design over the called samples, and the fits' buffers.
    struct FirthScratch {
        std::vector<std::size_t> kept;
        Matrix x;
        std::vector<double> y, offset;
        LogisticWorkspace workspace;
    } firth_;
    std::vector<std::size_t> homozygotes_;
    bool homozygotes_are_a1_ = true;
    // Another model than the additive: per variant of a pass, the filters' sums and the reported frequencies.
    std::vector<AdditiveSummary> additive_;
    std::vector<std::vector<std::size_t>> left_out_, cases_;  // per trait: rows without a value, case rows
};

}  // namespace ridgeway
