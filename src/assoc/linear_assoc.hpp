#pragma once
// Step 2 for quantitative traits: every selected variant against every trait in one pass over the genotypes,
// blocks of variants spread over threads, results written in file order whatever the thread count. With step-1
// predictions, each chromosome's variants are tested against the traits minus that chromosome's LOCO prediction.
#include <string>
#include <vector>

#include "assoc/linear_block_test.hpp"
#include "io/genotype_source.hpp"
#include "io/output/assoc_writer.hpp"
#include "samples/cohort.hpp"
#include "step1/loco_predictions.hpp"

namespace ridgeway {

class OutputSet;
class RunLog;

struct AssocSettings {
    std::string out_prefix;
    VariantFilters filters;
    ResultFormat format = ResultFormat::tsv;
    int threads = 1;
    const LocoPredictions* predictions = nullptr;  // step-1 predictions, aligned with the cohort's rows and traits
};

void run_linear_assoc(const GenotypeSource& genotypes, const Cohort& cohort, const std::vector<std::size_t>& variants,
                      const AssocSettings& settings, OutputSet& outputs, RunLog& log);

}  // namespace ridgeway
