#pragma once
// Step 1: whole-genome ridge regression (the regenie method) for many quantitative traits at once, giving
// leave-one-chromosome-out predictions for step 2. Every genotype block is read, standardized and factorized once
// for all traits.
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "io/genotype_source.hpp"
#include "linalg/precision.hpp"
#include "samples/cohort.hpp"
#include "step1/level0.hpp"
#include "step1/level1.hpp"
#include "step1/loco_predictions.hpp"

namespace ridgeway {

class RunLog;

// Level 1 of one trait: level 0's mean cross-validated R2 per penalty (for the log) and the fit.
struct TraitLevel1 {
    std::vector<double> level0_r2;
    Level1Fit fit;
};

// Fits level 1 of trait `trait` on its level-0 predictions w.
using Level1Fitter = std::function<TraitLevel1(std::size_t trait, Matrix w)>;

// Runs level 1 of `traits` traits: take_w(t) gives trait t's level-0 predictions (once each), fit fits one trait.
// Returns the fits in trait order. A distributed run fits some traits on other ranks (cluster/level1_exchange).
using Level1Scheduler = std::function<std::vector<TraitLevel1>(
    std::size_t traits, const std::function<Matrix(std::size_t)>& take_w, const Level1Fitter& fit)>;

struct Step1Settings {
    std::size_t block_size = 1000;
    std::size_t folds = 5;        // 0 means leave-one-out
    int threads = 1;
    std::size_t memory_mib = 0;   // budget; 0 means no limit
    bool stream_level0 = false;   // level-0 predictions go to a temporary file even when they fit the budget
    std::string spill_prefix = "./ridgeway";  // that file is <spill_prefix>-level0-XXXXXX
    bool gzip_loco = false;  // the .loco files the command writes are gzipped (--gz)
    bool print_prs = false;  // the command also writes the whole-genome predictions, .prs files (--print-prs)
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
    // Where level 1 runs; unset: every trait in this process, one after another.
    Level1Scheduler level1_scheduler;
};

LocoPredictions run_step1(const GenotypeSource& genotypes, const Cohort& cohort, const std::vector<std::size_t>& variants,
                          const Step1Settings& settings, RunLog& log);

// The fitter run_step1's level 1 uses, for a rank of a distributed run that fits traits for rank 0: set up as
// run_step1 sets it up (trait scaling, folds, penalties and, for case/control traits, the null models), so that its
// fits equal rank 0's bit for bit.
Level1Fitter level1_fitter(const GenotypeSource& genotypes, const Cohort& cohort, const std::vector<std::size_t>& variants,
                           const Step1Settings& settings, RunLog& log);

// A part of a split or distributed run: level 0 of blocks [first_block, end_block) only, into
// settings.checkpoint_path (the part file) or settings.part_stream, closed with the part's times; no level 1.
void run_step1_part(const GenotypeSource& genotypes, const Cohort& cohort, const std::vector<std::size_t>& variants,
                    const Step1Settings& settings, std::size_t first_block, std::size_t end_block, RunLog& log);

}  // namespace ridgeway
