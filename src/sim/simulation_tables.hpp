#pragma once
// The text outputs of a simulated cohort, space-separated with a header line and NA for missing values:
// PREFIX.pheno (FID IID Q1.. B1..), PREFIX.covar (FID IID AGE SEX SITE PC1 PC2), PREFIX.gv (true genetic values,
// same columns as .pheno) and PREFIX.truth (TRAIT ID CHROM POS A1 BETA_STD, one row per causal variant). Traits with
// interaction pairs add PREFIX.interactions (TRAIT ID1 ID2 BETA_STD, one row per pair: BETA_STD multiplies the product
// of the two standardized genotypes, centred in the sample); it is not written when no trait has any.
#include <string>
#include <vector>

#include "io/genotype_source.hpp"
#include "sim/covariate_model.hpp"
#include "sim/trait_model.hpp"
#include "sim/variant_layout.hpp"

namespace ridgeway {

class OutputSet;

void write_sample_tables(const std::string& prefix, const std::vector<SampleId>& samples,
                         const SimulatedCovariates& covariates, const std::vector<SimulatedTrait>& traits,
                         OutputSet& outputs);

// PREFIX.truth, and PREFIX.interactions when some trait has interaction pairs.
void write_truth(const std::string& prefix, const std::vector<SimulatedTrait>& traits,
                 const std::vector<SimulatedChromosome>& chromosomes, OutputSet& outputs);

}  // namespace ridgeway
