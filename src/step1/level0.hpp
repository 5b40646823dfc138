#pragma once
// Level 0 of whole-genome ridge regression: per block of step-1 variants, ridge fits for each penalty of the
// heritability grid, cross-validated; the held-out predictions become the columns of W (one column per block and
// penalty, for every trait).
#include <cstdint>
#include <string>
#include <vector>

#include "io/genotype_source.hpp"
#include "linalg/matrix.hpp"
#include "linalg/precision.hpp"
#include "linalg/spd_solver.hpp"
#include "qc/variant_blocks.hpp"
#include "step1/folds.hpp"
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
};

// Fills `store` (per trait: n x (blocks * penalties), column block * R + r); returns the number of near-constant
// variants dropped. `solves` gets how the ridge systems of the blocks computed here (not restored) were solved.
std::size_t run_level0(const Level0Input& input, PredictionStore& store, SpdSolveTally& solves, RunLog& log);

}  // namespace ridgeway
