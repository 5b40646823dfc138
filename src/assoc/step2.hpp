#pragma once
// Step 2: every selected variant against every trait in one pass over the genotypes, blocks of variants spread over
// threads, results written in file order whatever the thread count. Quantitative traits get the linear model of
// `plink2 --glm`; case/control traits (--bt) the logistic score test with optional Firth or saddle-point
// corrections. With step-1 predictions, each chromosome's variants are tested conditioned on that chromosome's LOCO
// prediction.
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "assoc/genetic_model.hpp"
#include "assoc/step2_part_file.hpp"
#include "assoc/variant_filters.hpp"
#include "io/genotype_source.hpp"
#include "io/output/assoc_writer.hpp"
#include "multicol/multicol_settings.hpp"
#include "qc/variant_blocks.hpp"
#include "samples/cohort.hpp"
#include "sexchrom/sex_chromosomes.hpp"
#include "step1/loco_predictions.hpp"

namespace ridgeway {

class OutputSet;
class RunLog;

enum class Correction { none, firth, spa };

// --apply-rerint and --apply-rerint-cov (quantitative traits): each trait replaced, per run of tests, by the rank-based
// inverse normal transform of its covariate residual (minus the LOCO prediction with step-1 predictions), which the
// tests then fit with the covariates as any trait. They differ only in the null residual variance of --test-stat
// normal: regenie's --apply-rerint takes the transformed residual as it is, --apply-rerint-cov projects the
// covariates out of it again (the t test always fits them, so there the two are one test).
enum class ResidualRint { none, unadjusted, covariates };

struct CaseControlSettings {
    Correction correction = Correction::none;
    bool approximate_firth = false;  // --approx: covariate effects held at the null fit
    bool firth_wald = false;         // Wald p-values from the Firth fit instead of the penalized likelihood ratio
    double p_threshold = 0.05;       // score-test p below which the correction is applied
};

struct AssocSettings {
    std::string out_prefix;
    VariantFilters filters;
    ResultFormat format = ResultFormat::tsv;
    bool gzip = false;  // regenie's layout gzip-compressed (--gz)
    int threads = 1;
    const LocoPredictions* predictions = nullptr;  // step-1 predictions, aligned with the cohort's rows and traits
    LinearStatistic linear_statistic = LinearStatistic::t;  // quantitative traits (--test-stat)
    GeneticModel genetic_model = GeneticModel::additive;    // --test
    ResidualRint residual_rint = ResidualRint::none;         // quantitative traits (--apply-rerint[-cov])
    bool traits_rank_normal = false;  // --apply-rint: the cohort's traits were transformed (for the metadata)
    CaseControlSettings case_control;
    std::size_t memory_mib = 0;  // --memory; 0 means no budget
    const SexChromosomes* sex_chromosomes = nullptr;  // non-PAR X variants get their own design; null: none selected
    // Variants (indices into the genotypes' variants, increasing) whose genotypes are among the cohort's covariates
    // (--condition-list): their rows get CONDITIONING_VARIANT instead of a test against themselves.
    std::vector<std::size_t> conditioning_variants;
    MulticolSettings multicol;  // --interaction, --interaction-snp, --test genotypic: several rows per variant
    bool write_samples = false;  // per trait, a file of the samples its tests used (--write-samples; trait_samples.hpp)
    bool print_pheno = false;    // that file starts with a line naming the trait (--print-pheno)
};

struct WrittenResult {
    std::string trait;
    std::string final_path;
    std::string temporary_path;  // complete and readable until the run commits
};

// Returns the result file of each trait.
std::vector<WrittenResult> run_step2(const GenotypeSource& genotypes, const Cohort& cohort,
                                     const std::vector<std::size_t>& variants, const AssocSettings& settings,
                                     OutputSet& outputs, RunLog& log);

// Split runs (core/split_plan.hpp). The blocks of variants step 2 tests together, in order (ranges of `variants`):
// a part is a run of whole units, so it tests its variants in the same blocks as a single run.
std::vector<VariantBlock> step2_units(const GenotypeSource& genotypes, const Cohort& cohort,
                                      const std::vector<std::size_t>& variants, const AssocSettings& settings);

// One part: its variants (shape.first, shape.count) and the file that receives their rows. In a distributed run a
// rank writes its rows to `stream` (in memory) instead, and the merge gets them from `receive` (`path` names them).
struct Step2Part {
    std::string path;
    Step2PartShape shape;
    std::FILE* stream = nullptr;
    std::function<std::string()> receive;
};

// Tests the part's variants and writes their rows to part.path or part.stream (no result files).
void run_step2_part(const GenotypeSource& genotypes, const Cohort& cohort, const std::vector<std::size_t>& variants,
                    const AssocSettings& settings, const Step2Part& part, RunLog& log);

// The result files of the whole run, from the rows of every part (in order), written as run_step2 writes them.
std::vector<WrittenResult> merge_step2_parts(const GenotypeSource& genotypes, const Cohort& cohort,
                                             const std::vector<std::size_t>& variants, const AssocSettings& settings,
                                             const std::vector<Step2Part>& parts, OutputSet& outputs, RunLog& log);

}  // namespace ridgeway
