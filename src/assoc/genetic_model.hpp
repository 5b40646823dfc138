#pragma once
// The genetic model step 2 tests (--test): how a variant's calls or dosages, counts d of the counted allele A1, enter
// the regression. additive: d (0/1/2); dominant: min(d, 1) (0/1/1, A1 carriers against the others); recessive:
// max(d - 1, 0) (0/0/1, A1 homozygotes against the others): plink2 --glm dominant/recessive, which defines them on
// dosages the same way. The reported allele frequencies and INFO, and the --maf/--mac/--minINFO filters, stay those
// of the additive coding, as plink2's A1_FREQ and MACH_R2 do. Non-PAR chromosome X, where males carry one copy, is
// left out of the dominant and recessive tests unless every analysed sample is female (plink2 tests diploid data
// only). Step 1 always fits the additive coding.
#include <cstddef>
#include <string>
#include <vector>

#include "io/genotype_source.hpp"

namespace ridgeway {

class RunLog;
class SexChromosomes;
struct Cohort;

enum class GeneticModel { additive, dominant, recessive, genotypic };

// --test's names: additive, dominant, recessive, genotypic; another name is a usage error.
GeneticModel parse_genetic_model(const std::string& name);
const char* genetic_model_name(GeneticModel model);
// The TEST column of regenie's layout (and plink2's): ADD, DOM, REC.
const char* genetic_model_test(GeneticModel model);
// In words, for the log and the results' metadata: "dominant model (calls 0/1/1, dosages d as min(d, 1))".
std::string describe_genetic_model(GeneticModel model);

// Recodes every call and dosage of `block` from the additive coding into `model`'s (missing ones stay missing).
void recode_block(GenotypeBlock& block, GeneticModel model);

// Leaves the non-PAR X variants out of step 2's `variants` when `model` needs two copies of the chromosome and the
// cohort has males (a log line); an error when no variant is left.
void drop_haploid_variants(GeneticModel model, const SexChromosomes& rules, const Cohort& cohort,
                           std::vector<std::size_t>& variants, RunLog& log);

}  // namespace ridgeway
