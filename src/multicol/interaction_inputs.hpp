#pragma once
// What --interaction, --interaction-snp and --interaction-prs name, found in the analysis' inputs: the covariate's
// columns (a categorical covariate's indicator columns, one per level but the reference), the other variant's
// genotypes, or the trait's whole-genome step-1 prediction.
#include "io/genotype_source.hpp"
#include "multicol/multicol_settings.hpp"
#include "samples/cohort.hpp"
#include "step1/loco_predictions.hpp"

namespace ridgeway {

class RunLog;

// Fills settings' factor columns, partner genotypes and factor names; a covariate that is not among the cohort's, or
// a variant ID that is absent from (or repeated in) the genotype file, is a one-line error.
void resolve_interaction(MulticolSettings& settings, const GenotypeSource& genotypes, const Cohort& cohort,
                         RunLog& log);

// --interaction-prs, as regenie's: the one trait's whole-genome prediction (the .prs row read with --use-prs, else
// the sum of its K leave-one-chromosome-out predictions over K - 1, which is the whole-genome one) joins the cohort's
// covariates as PRS, the interacting covariate. The caller then leaves the predictions out of the tests: the PRS is
// in the model, and the trait is not conditioned on step 1 as well. Several traits, a covariate already named PRS,
// a single LOCO row, or no prediction for a sample with a trait value are errors. `pred` names the prediction list in messages, `ids` the cohort's samples.
// --interaction-prs tests one trait (each would need its own covariates): a usage error otherwise.
void require_one_prs_trait(const Cohort& cohort);

void add_prs_covariate(MulticolSettings& settings, const LocoPredictions& predictions, const std::string& pred,
                       const std::vector<SampleId>& ids, Cohort& cohort, RunLog& log);

}  // namespace ridgeway
