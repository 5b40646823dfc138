#pragma once
// Setting up a study's sex chromosomes: each sample's sex (the genotype file's, or --sex-col), --sex-specific, the
// chromosomes left out (Y, MT, and non-PAR X under --xchr-model 0), and a first look at the non-PAR X calls that
// contradict a sample's sex.
#include <string>
#include <vector>

#include "io/genotype_source.hpp"
#include "sexchrom/sex_chromosomes.hpp"

namespace ridgeway {

class RunLog;
class SampleMatcher;

struct SampleSexes {
    std::vector<Sex> sexes;  // per genotype sample; empty when no source gives any
    std::string origin;      // the file (and column) they come from
};

// From column `column` of the table at `path` (--sex-col) when `column` is given, else from the genotype file. A
// value outside parse_sex's is an error naming the file, line and column.
SampleSexes sample_sexes(const GenotypeSource& genotypes, const SampleMatcher& matcher, const std::string& path,
                         const std::string& column, RunLog& log);

// --sex-specific male|female: deselects the other samples and those of unknown sex; an error when none is left.
void keep_one_sex(Sex kept, const SampleSexes& sexes, std::vector<bool>& selected, RunLog& log);

// Leaves out of `variants` those of Y and MT (not tested), and of non-PAR X under --xchr-model 0, a log line each.
void drop_untested_chromosomes(const SexChromosomes& rules, std::vector<std::size_t>& variants, RunLog& log);

// Counts, over the non-PAR X variants, the samples of unknown sex and each sample's calls that contradict its sex
// (heterozygous in a male, haploid in a female), which SexChromosomes sets missing; logs the totals and warns about
// each sample with more than 1% of them (likely a wrong sex).
void check_x_calls(const GenotypeSource& genotypes, const SexChromosomes& rules,
                   const std::vector<std::size_t>& variants, const std::vector<std::size_t>& samples, RunLog& log);

}  // namespace ridgeway
