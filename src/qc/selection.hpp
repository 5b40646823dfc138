#pragma once
// Sample and variant selection by list and region (--keep, --remove, --extract, --exclude, --chr, --range), and the
// per-sample missingness filter (--mind), each step counted in the log.
#include <string>
#include <vector>

#include "io/genotype_source.hpp"
#include "qc/genomic_regions.hpp"

namespace ridgeway {

class RunLog;
class SampleMatcher;

struct SelectionSpec {
    std::string keep, remove, extract, exclude;  // each may list several files, comma-separated
    GenomicRegions regions;  // --chr and --range
    double mind = 1.0;  // drop samples missing more than this fraction of the selected variants
};

// The files of a comma-separated list (as regenie takes them); a name holding a comma is one file when it exists.
std::vector<std::string> list_files(const std::string& paths);

// --keep/--remove against the genotype file's samples, as `samples` matches IDs.
std::vector<bool> select_samples(const SampleMatcher& samples, const SelectionSpec& spec, RunLog& log);
std::vector<std::size_t> select_variants(const std::vector<Variant>& variants, const SelectionSpec& spec, RunLog& log);
// Applies --mind in place; reads every selected variant once.
void apply_mind(const GenotypeSource& genotypes, const std::vector<std::size_t>& variants, double mind,
                std::vector<bool>& selected, RunLog& log);

}  // namespace ridgeway
