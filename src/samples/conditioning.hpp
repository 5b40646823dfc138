#pragma once
// Conditional analysis (--condition-list, --condition-file): the genotypes of chosen variants become covariates of
// step 2's tests. As in plink2 --glm --condition-list, a sample without a genotype at one of them (a missing call, or
// absent from the file the variants come from) has a missing covariate and is left out of step 2's tests; step 1
// never sees these covariates.
#include <string>
#include <vector>

#include "io/genotype_source.hpp"
#include "io/tables/id_lists.hpp"
#include "linalg/matrix.hpp"
#include "samples/cohort.hpp"

namespace ridgeway {

class RunLog;

struct ConditioningVariants {
    std::vector<std::string> ids;  // in list order: the covariates' names
    Matrix values;                 // cohort rows x variants: calls or dosages of the counted allele, NaN where missing
    std::string origin;            // "EUR_subset.bed/.bim/.fam (--condition-list top.txt)", for the log
};

// Each listed ID's variant among `candidates` (indices into `source.variants()`), in list order. An ID that is not
// among them names the list, its line and `candidates_text` ("the selected variants of X"); an ID that two of them
// carry is ambiguous and an error too.
std::vector<std::size_t> find_listed_variants(const std::vector<ListedVariant>& listed, const std::string& list_path,
                                              const GenotypeSource& source, const std::vector<std::size_t>& candidates,
                                              const std::string& candidates_text);

// The genotypes of `variants` for the samples `rows` (indices into `source.samples()`, or npos for a sample the
// source does not hold, whose values are missing): rows.size() x variants.size(), NaN where missing. Dosages when the
// source has them, else calls.
Matrix read_conditioning_values(const GenotypeSource& source, const std::vector<std::size_t>& variants,
                                const std::vector<std::size_t>& rows);

// The cohort step 2 tests: `cohort` with the conditioning genotypes appended to its covariates (named by variant ID)
// and every trait missing for the samples with a missing genotype (their covariate entries hold the variant's mean,
// which no test sees). A conditioning variant that is constant among the samples left with a trait value is an
// inconsistent-input error.
Cohort conditioned_cohort(const Cohort& cohort, const ConditioningVariants& conditioning, RunLog& log);

}  // namespace ridgeway
