#pragma once
// The analysed cohort: which genotype samples take part, their traits (missing as NaN, handled per trait) and their
// covariates (complete; categorical columns expanded to indicators).
#include <string>
#include <vector>

#include "io/genotype_source.hpp"
#include "linalg/matrix.hpp"
#include "samples/case_control.hpp"

namespace ridgeway {

class RunLog;
class SampleMatcher;
struct SampleTable;

// What a quantitative trait with at most two distinct values among its analysed samples (case/control?) gets: a
// warning when they are 1 and 2 (`predict`), a warning suggesting --bt whatever the values (association runs, where
// regenie stops unless --force-qt), or a line in the log (--force-qt).
enum class FewValuedTraits { warn, suggest_bt, accept };

struct CohortSpec {
    std::string pheno_file;
    std::string pheno_names;  // "A,B,PC1-PC3"; empty for every column
    std::string covar_file;   // empty: the covariates named are read from pheno_file
    std::string covar_names;  // empty: every column of covar_file (none of pheno_file)
    bool minus9_is_missing = true;  // PLINK's convention for phenotypes and covariates
    bool binary = false;            // every trait is case/control (--bt)
    CaseControlCoding coding;
    std::string categorical_names;  // covariates fitted as categorical although numeric; added to covar_names'
    std::size_t max_categories = 10;  // a categorical covariate with more levels is an error
    bool strict = false;  // a sample missing any selected trait is left out of all (regenie's --strict)
    FewValuedTraits few_values = FewValuedTraits::warn;
};

struct Cohort {
    std::vector<std::size_t> sample_indices;  // into the genotype file's samples, increasing
    std::vector<std::string> trait_names;
    bool binary = false;  // case/control traits, coded 0/1
    Matrix traits;  // samples x traits, NaN where missing
    std::vector<std::string> covariate_names;
    Matrix covariates;  // samples x covariates, complete
    std::vector<Sex> sexes;  // per sample (sexchrom/study_sexes), for the tests of non-PAR X; empty when unknown
};

// `samples` matches the tables' rows to the genotype file's samples; `selected[s]` says whether genotype sample s
// survived --keep/--remove/--mind.
Cohort build_cohort(const SampleMatcher& samples, const std::vector<bool>& selected, const CohortSpec& spec,
                    RunLog& log);

// One table column as numbers for every genotype sample (`row_of[s]` is sample s's table row, or npos): NaN where
// missing or absent; a cell that is not a number is an error naming its line and column.
std::vector<double> numeric_column(const SampleTable& table, std::size_t column, const std::vector<std::size_t>& row_of,
                                   bool minus9_is_missing);

}  // namespace ridgeway
