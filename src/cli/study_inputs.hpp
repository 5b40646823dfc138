#pragma once
// What assoc, step1 and gwas all start from: the genotypes, the selected variants and the analysed cohort, with
// every selection step logged.
#include <memory>
#include <vector>

#include "cli/option_table.hpp"
#include "io/genotype_source.hpp"
#include "qc/genomic_regions.hpp"
#include "samples/cohort.hpp"
#include "sexchrom/sex_chromosomes.hpp"

namespace ridgeway {

class RunLog;

struct StudyInputs {
    std::unique_ptr<GenotypeSource> genotypes;
    std::vector<std::size_t> variants;
    Cohort cohort;
    std::shared_ptr<const SexChromosomes> sex_chromosomes;  // the rules `genotypes` reads by (sexchrom/)
    std::vector<SampleId> cohort_ids() const;
};

// The genotypes named by exactly one of --bfile, --pfile, --vcf, --bcf and --bgen. VCF, BCF and BGEN sources list
// only the variants in `regions`, through the file's index when it has one; a .bed or .pgen lists all of them.
std::unique_ptr<GenotypeSource> open_genotypes(const ParsedOptions& options, const GenomicRegions& regions);

// The trait and covariate tables and columns the options name (--pheno, --pheno-name, --covar, --covar-name,
// --cat-covar-name, --max-cat-levels, --no-input-missing-phenotype), for quantitative traits.
CohortSpec cohort_spec(const ParsedOptions& options);

// The genotypes (read through sexchrom/x_coded_source), the selected variants (without Y and MT) and the cohort, with
// each sample's sex (--sex-col, --sex-specific, --par-region, --xchr-model), --strict and --force-qt.
StudyInputs load_study(const ParsedOptions& options, RunLog& log);

}  // namespace ridgeway
