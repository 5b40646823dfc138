#pragma once
// Linear association tests for a block of variants against every trait: y ~ covariates + g, the additive model and
// t test of `plink2 --glm`. Samples with a missing call are left out of that variant's test exactly, by downdating
// the covariate basis with their rows instead of refitting.
#include <vector>

#include "assoc/assoc_result.hpp"
#include "assoc/trait_groups.hpp"
#include "io/genotype_source.hpp"
#include "linalg/matrix.hpp"

namespace ridgeway {

struct VariantFilters {
    double maf = 0;       // minimum minor allele frequency
    double mac = 0;       // minimum minor allele count
    double geno = 1;      // maximum fraction of missing calls
    double max_vif = 50;  // a genotype this well explained by the covariates gets VIF_TOO_HIGH
};

struct BlockResults {
    std::vector<bool> kept;             // per variant: passed --maf/--mac/--geno
    std::vector<AssocResult> results;   // results[variant * n_traits + trait]
};

class LinearBlockTest {
public:
    LinearBlockTest(const std::vector<TraitGroup>& groups, std::size_t n_traits, VariantFilters filters);

    // `block` holds calls for the cohort rows, in cohort order. Not thread-safe per object: one per thread.
    void run(const GenotypeBlock& block, BlockResults& out);

private:
    struct Counts {
        std::size_t n0 = 0, n1 = 0, n2 = 0;
        std::vector<std::size_t> missing;  // cohort rows with a missing call
    };
    // Call counts over `members` (every row when null).
    void count(const std::int8_t* calls, const std::vector<std::size_t>* members, std::size_t n, Counts& counts) const;
    bool passes_filters(const Counts& all, std::size_t n) const;
    void test_group(const TraitGroup& group, const Counts& counts, const double* products, std::size_t stride,
                    AssocResult* variant_results) const;

    const std::vector<TraitGroup>& groups_;
    std::size_t n_traits_;
    VariantFilters filters_;
    Matrix dosages_;                 // cohort rows x block variants, missing as 0
    std::vector<Matrix> products_;   // per group: block variants x (rank + traits)
};

}  // namespace ridgeway
