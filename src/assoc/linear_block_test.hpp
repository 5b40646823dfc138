#pragma once
// Linear association tests for a block of variants against every trait: y ~ covariates + g, the additive model and
// t test of `plink2 --glm`. A trait's missing samples and a variant's missing calls are left out of each test
// exactly, by downdating the covariate Gram with their rows instead of refitting.
#include <vector>

#include "assoc/assoc_result.hpp"
#include "assoc/trait_set.hpp"
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
    LinearBlockTest(const TraitSet& traits, VariantFilters filters);

    // `block` holds calls for the cohort rows, in cohort order. One object per thread.
    void run(const GenotypeBlock& block, BlockResults& out);

private:
    // Sums of one variant over a set of samples.
    struct GenotypeSums {
        std::size_t n0 = 0, n1 = 0, n2 = 0;
        std::vector<std::size_t> missing;  // rows with a missing call, increasing
    };
    // Counts the calls and writes them as doubles (missing as 0) into `dosage`.
    void count_and_convert(const std::int8_t* calls, std::size_t n, GenotypeSums& sums, double* dosage) const;
    bool passes_filters(const GenotypeSums& all, std::size_t n) const;
    void test_trait(std::size_t trait, const std::int8_t* calls, const GenotypeSums& all, const double* products,
                    AssocResult& result);

    const TraitSet& traits_;
    VariantFilters filters_;
    Matrix dosages_;                // a few variants' calls, missing as 0
    std::vector<double> products_;  // per variant: g'[Q | E]
    // Scratch for one test, kept to avoid allocations per variant and trait.
    std::vector<std::size_t> extra_rows_;
    std::vector<double> rhs_, solved_;
};

}  // namespace ridgeway
