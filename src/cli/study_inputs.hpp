#pragma once
// What assoc, step1 and gwas all start from: the genotypes, the selected variants and the analysed cohort, with
// every selection step logged.
#include <memory>
#include <vector>

#include "cli/option_table.hpp"
#include "io/genotype_source.hpp"
#include "samples/cohort.hpp"

namespace ridgeway {

class RunLog;

struct StudyInputs {
    std::unique_ptr<GenotypeSource> genotypes;
    std::vector<std::size_t> variants;
    Cohort cohort;
    std::vector<SampleId> cohort_ids() const;
};

// The genotypes named by exactly one of --bfile, --pfile, --vcf, --bcf and --bgen.
std::unique_ptr<GenotypeSource> open_genotypes(const ParsedOptions& options);

StudyInputs load_study(const ParsedOptions& options, RunLog& log);

}  // namespace ridgeway
