#pragma once
// Logistic models with several variant columns V (multicol_settings.hpp) for a block of variants against every
// case/control trait. As for the additive test, every variant first gets the score test against the trait's null
// model (covariates, E among them, with the LOCO offset): the joint score test of all m columns, and per column its
// one-step estimate from the null with the SE of the efficient information (TEST SCORE). A variant any of whose
// p-values falls below --pThresh is refitted: the maximum-likelihood fit of covariates (an orthonormal basis over the
// trait's samples) and V, with Wald tests of each column and of all of them (PLINK 2's --glm without its Firth
// fallback; WALD), or with --firth Firth's penalized fit: likelihood-ratio tests against the fits with the term, or
// all terms, held at 0 under the whole design's penalty, or with --firth-wald the Wald tests of that fit (FIRTH).
#include <vector>

#include "assoc/block_test.hpp"
#include "assoc/logistic_null.hpp"
#include "assoc/step2.hpp"
#include "assoc/variant_filters.hpp"
#include "multicol/variant_columns.hpp"

namespace ridgeway {

class LogisticMulticolTest final : public BlockTest {
public:
    LogisticMulticolTest(const LogisticNullSet& nulls, const VariantColumns& columns, VariantFilters filters,
                         CaseControlSettings settings);

    void run(const TestedBlock& block, BlockResults& out) override;

private:
    void test_trait(std::size_t trait, const std::int8_t* calls, const double* values, bool dosages,
                    AssocResult* rows);
    // Whether the variant columns (the last m of x) are too collinear with each other or the covariates.
    bool too_collinear(const Matrix& x, std::size_t r, std::size_t m) const;
    bool score_rows(std::size_t trait, AssocResult* rows);
    void firth(std::size_t trait, Matrix& x, AssocResult* rows);

    const LogisticNullSet& nulls_;
    const VariantColumns& columns_;
    VariantFilters filters_;
    CaseControlSettings settings_;
    Matrix values_;
    std::vector<double> full_;          // a variant's columns over every cohort row
    std::vector<double> sums_, squares_;
    std::vector<Matrix> designs_;       // per trait: [basis | V] over its samples; the basis is filled once
    std::vector<std::vector<std::uint8_t>> samples_;  // per trait, per cohort row: 1 with a trait value
};

}  // namespace ridgeway
