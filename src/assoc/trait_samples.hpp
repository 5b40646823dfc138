#pragma once
// --write-samples: per trait, the samples its tests used, in regenie's layout (FID and IID, tab-separated, no
// header; with --print-pheno a first line "TRAIT<tab>NA"), in the genotype file's order: the analysed samples with a
// value of the trait and, with step-1 predictions, a prediction (every row numeric). Each variant's test also leaves
// out its samples with a missing call, and a non-PAR X variant's test the samples of unknown sex.
#include <string>

#include "assoc/step2.hpp"

namespace ridgeway {

class OutputSet;
class RunLog;

// <out>_<TRAIT>.regenie.ids with --format regenie (regenie's name), <out>.<TRAIT>.ids with the other layouts.
std::string trait_samples_path(const std::string& out_prefix, const std::string& trait, ResultFormat format);

// Writes the file of every trait of `cohort` through `outputs`.
void write_trait_samples(const GenotypeSource& genotypes, const Cohort& cohort, const AssocSettings& settings,
                         OutputSet& outputs, RunLog& log);

}  // namespace ridgeway
