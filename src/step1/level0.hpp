#pragma once
// Level 0 of whole-genome ridge regression: per block of step-1 variants, ridge fits for each penalty of the
// heritability grid, cross-validated; the held-out predictions become the columns of W (one column per block and
// penalty, for every trait).
#include <cstdint>
#include <cstdio>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "io/genotype_source.hpp"
#include "linalg/matrix.hpp"
#include "linalg/precision.hpp"
#include "linalg/spd_solver.hpp"
#include "qc/variant_blocks.hpp"
#include "core/run_log.hpp"
#include "step1/folds.hpp"
#include "step1/level0_checkpoint.hpp"
#include "step1/prediction_store.hpp"

namespace ridgeway {

class RunLog;

struct Level0Input {
    const GenotypeSource& genotypes;
    const std::vector<std::size_t>& sample_indices;  // cohort rows in genotype-file samples
    const std::vector<std::size_t>& variants;
    const std::vector<VariantBlock>& blocks;
    const Matrix& covariate_basis;  // n x r, orthonormal, intercept included
    const Matrix& traits;           // n x P scaled traits, 0 where missing
    const std::vector<Fold>& folds;  // empty for leave-one-out
    const std::vector<double>& penalties;
    int threads = 1;
    // Where finished blocks are kept for --resume (see level0_checkpoint.hpp); empty for none.
    std::string checkpoint_path;
    std::uint64_t checkpoint_fingerprint = 0;
    bool resume = false;
    Precision precision = Precision::mixed;  // of the ridge solves (and the fold Grams' products)
    // The blocks computed: [first_block, end_block). A part of a split run computes a range of them into its
    // checkpoint file only, closed with the part's times (`part`), without a store.
    std::size_t first_block = 0, end_block = std::numeric_limits<std::size_t>::max();
    bool part = false;
    // A part of a distributed run goes to this stream (in memory) instead; checkpoint_path then only names it.
    std::FILE* part_stream = nullptr;
};

// Fills `store`, when given (per trait: n x (blocks * penalties), column block * R + r); returns the number of
// near-constant variants dropped. `solves` gets how the ridge systems of the blocks computed here (not restored) were
// solved.
std::size_t run_level0(const Level0Input& input, PredictionStore* store, SpdSolveTally& solves, RunLog& log);

// A part file of a split run: <out>.part<i>.level0 with blocks [first_block, first_block + block_count); or the
// part of a rank of a distributed run, whose bytes `receive` returns when the merge reaches it (`path` names it).
struct Level0Part {
    std::string path;
    std::size_t first_block = 0, block_count = 0;
    std::function<std::string()> receive;
};

struct RestoredLevel0 {
    std::size_t dropped = 0;  // near-constant variants left out
    RunTimes part_times;      // the parts' times, summed
};

// The merge of a split or distributed run: every block of every part into `store`. A part file that is missing,
// belongs to another command line or inputs, or does not hold its blocks and the closing record is an error naming it.
RestoredLevel0 restore_level0_parts(const std::vector<Level0Part>& parts, const CheckpointShape& shape,
                                    PredictionStore& store);

}  // namespace ridgeway
