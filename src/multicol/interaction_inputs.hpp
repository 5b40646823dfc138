#pragma once
// What --interaction and --interaction-snp name, found in the analysis' inputs: the covariate's columns (a
// categorical covariate's indicator columns, one per level but the reference) or the other variant's genotypes.
#include "io/genotype_source.hpp"
#include "multicol/multicol_settings.hpp"
#include "samples/cohort.hpp"

namespace ridgeway {

class RunLog;

// Fills settings' factor columns, partner genotypes and factor names; a covariate that is not among the cohort's, or
// a variant ID that is absent from (or repeated in) the genotype file, is a one-line error.
void resolve_interaction(MulticolSettings& settings, const GenotypeSource& genotypes, const Cohort& cohort,
                         RunLog& log);

}  // namespace ridgeway
