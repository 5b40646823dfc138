#pragma once
// Logistic models with several variant columns V (multicol_settings.hpp) for a block of variants against every
// case/control trait. As for the additive test, every variant first gets the score test against the trait's null
// model (covariates, E among them, with the LOCO offset): the joint score test of all m columns, and per column its
// one-step estimate from the null with the SE of the efficient information (TEST SCORE). Everything these need comes
// from one pass of a few variants' columns against per-trait columns [W C | y - mu | Q | 1 | case] and from the
// columns' Grams V'V and V'WV. A variant whose joint score p falls below --pThresh is refitted:
// the maximum-likelihood fit of covariates (an orthonormal basis over the trait's samples) and V, started from the
// null model's one Newton step, with Wald tests of each column and of all of them (PLINK 2's --glm without its
// Firth fallback; WALD), or with --firth Firth's penalized fit: likelihood-ratio tests against the fits with the
// term, or all terms, held at 0 under the whole design's penalty, or with --firth-wald the Wald tests of that fit
// (FIRTH). A term's own p-value never triggers the refit: the joint statistic is at least every term's, so a term
// far below the threshold brings the joint test below it too.
#include <vector>

#include "assoc/block_test.hpp"
#include "assoc/logistic_null.hpp"
#include "assoc/step2.hpp"
#include "assoc/variant_filters.hpp"
#include "multicol/variant_columns.hpp"
#include "stats/logistic_regression.hpp"

namespace ridgeway {

class LogisticMulticolTest final : public BlockTest {
public:
    LogisticMulticolTest(const LogisticNullSet& nulls, const VariantColumns& columns, VariantFilters filters,
                         CaseControlSettings settings);

    void run(const TestedBlock& block, BlockResults& out) override;

private:
    // Per trait, what its variants' products are taken with.
    struct TraitColumns {
        SampleSubset subset;          // rows with a trait value
        Matrix products;              // cohort rows x (2 rank + 3): [W C | y - mu | Q | 1 | case], 0 off the subset
        const double* weights;        // per cohort row: mu (1 - mu)
        std::vector<double> back;     // rank x rank: A with (D'WD)^-1 D'W V = A C'W V (C = D A, D the design)
    };
    // The variants `kept` of the block (values_ holds their genotypes) against one trait.
    void test_group(std::size_t trait, const GenotypeBlock& block, const std::vector<std::size_t>& kept,
                    const GenotypeSums* sums, BlockResults& out);
    void test_variant(std::size_t trait, std::size_t k, const GenotypeSums& all, AssocResult* rows);
    // Whether variant k's columns are too collinear with each other or the covariates.
    bool too_collinear(std::size_t trait, std::size_t k) const;
    // The score rows of variant k; the one-step estimate stays in estimate_.
    bool score_rows(std::size_t trait, std::size_t k, AssocResult* rows);
    // The design [basis | V] over the trait's rows, with variant k's columns.
    Matrix& design(std::size_t trait, std::size_t k);
    void maximum_likelihood(std::size_t trait, std::size_t k, AssocResult* rows);
    void firth(std::size_t trait, Matrix& x, AssocResult* rows);

    const LogisticNullSet& nulls_;
    const VariantColumns& columns_;
    VariantFilters filters_;
    CaseControlSettings settings_;
    std::vector<TraitColumns> traits_;
    std::vector<Matrix> designs_;  // per trait: [basis | V] over its samples; the basis is filled once
    std::size_t group_;            // variants whose columns share one pass
    Matrix values_;                // their genotypes, missing as 0
    Matrix v_;                     // their columns over a trait's rows
    std::vector<const double*> column_pointers_;
    std::vector<double> products_, grams_, weighted_grams_;  // per variant column, per variant, per variant
    std::vector<CalledSums> called_;
    std::vector<double> estimate_, information_;  // scratch for one variant
    LogisticWorkspace workspace_;
};

}  // namespace ridgeway
