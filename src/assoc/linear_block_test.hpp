#pragma once
// Linear association tests for a block of variants against every trait: y ~ covariates + g, the additive model of
// `plink2 --glm`, with its t test or regenie's normal statistic (LinearStatistic). A trait's missing samples are
// left out of each test exactly, by downdating the covariate Gram with their rows instead of refitting; so are a
// variant's missing calls for the t test, while the normal statistic gives them the mean call of the samples with
// any trait value, as regenie does.
#include <vector>

#include "assoc/additive_summary.hpp"
#include "assoc/block_test.hpp"
#include "assoc/trait_set.hpp"
#include "assoc/variant_filters.hpp"
#include "linalg/matrix.hpp"

namespace ridgeway {

class LinearBlockTest final : public BlockTest {
public:
    LinearBlockTest(const TraitSet& traits, VariantFilters filters, LinearStatistic statistic = LinearStatistic::t);

    void run(const TestedBlock& block, BlockResults& out) override;

private:
    // `calls` tell which genotypes are missing; `values` are the genotypes (calls or dosages, missing as 0).
    // `mean` is the call given to missing ones (normal statistic).
    void test_trait(std::size_t trait, const std::int8_t* calls, const double* values, const GenotypeSums& all,
                    double mean, const double* products, AssocResult& result);
    // The mean call over the rows with a call and a value for some trait.
    double imputation_mean(const std::int8_t* calls, const double* values, const GenotypeSums& all) const;

    const TraitSet& traits_;
    VariantFilters filters_;
    LinearStatistic statistic_;
    Matrix values_;                 // a few variants' genotypes, missing as 0
    std::vector<double> products_;  // per variant: g'[Q | E]
    // Scratch for one test, kept to avoid allocations per variant and trait.
    std::vector<std::size_t> extra_rows_;
    std::vector<double> rhs_, solved_;
    // Another model than the additive: per variant of a pass, the filters' sums and the reported frequencies.
    std::vector<AdditiveSummary> additive_;
};

}  // namespace ridgeway
