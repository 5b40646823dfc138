#pragma once
// Step 1: whole-genome ridge regression (the regenie method) for many quantitative traits at once, giving
// leave-one-chromosome-out predictions for step 2. Every genotype block is read, standardized and factorized once
// for all traits.
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "io/genotype_source.hpp"
#include "linalg/precision.hpp"
#include "samples/cohort.hpp"
#include "step1/level0.hpp"
#include "step1/loco_predictions.hpp"

namespace ridgeway {

class RunLog;

struct Step1Settings {
    std::size_t block_size = 1000;
    std::size_t folds = 5;        // 0 means leave-one-out
    int threads = 1;
    std::size_t memory_mib = 0;   // budget; 0 means no limit
    std::string spill_folder = ".";  // where level-0 predictions go when they do not fit
    // Finished level-0 blocks are kept here for --resume (empty: not kept); the fingerprint identifies the run.
    std::string checkpoint_path;
    std::uint64_t checkpoint_fingerprint = 0;
    bool resume = false;
    Precision precision = Precision::mixed;  // of the level-0 fold Grams and the ridge solves of both levels
    // The merge of a split run: level 0 comes from these part files (fingerprinted by checkpoint_fingerprint)
    // instead of being computed.
    std::vector<Level0Part> level0_parts;
    // A part of a distributed run writes its level 0 to this stream (in memory) instead of checkpoint_path.
    std::FILE* part_stream = nullptr;
};

LocoPredictions run_step1(const GenotypeSource& genotypes, const Cohort& cohort, const std::vector<std::size_t>& variants,
                          const Step1Settings& settings, RunLog& log);

// A part of a split or distributed run: level 0 of blocks [first_block, end_block) only, into
// settings.checkpoint_path (the part file) or settings.part_stream, closed with the part's times; no level 1.
void run_step1_part(const GenotypeSource& genotypes, const Cohort& cohort, const std::vector<std::size_t>& variants,
                    const Step1Settings& settings, std::size_t first_block, std::size_t end_block, RunLog& log);

}  // namespace ridgeway
