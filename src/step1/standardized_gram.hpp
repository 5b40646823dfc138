#pragma once
// The fold Grams X_k'X_k of a standardized block (standardized_block.hpp) without forming them from X: the exact
// Gram of the 0/1/2 calls (genotype_products.hpp, on the route `precision` picks), then mean imputation, covariate
// projection and scaling applied afterwards in FP64. With R = A - QS the residualized imputed calls (S = Q'A), W_k = Q_k'R_k and
// C_k = Q_k'Q_k:  R_k'R_k = A_k'A_k - W_k'S - S'W_k - S'C_k S,  and X_k'X_k = D R_k'R_k D for the scales D.
// A fold's Gram costs one exact product (milliseconds), so callers may ask for it again rather than keep it.
#include <cstdint>
#include <utility>
#include <vector>

#include "io/genotype_source.hpp"
#include "linalg/matrix.hpp"
#include "linalg/precision.hpp"
#include "step1/folds.hpp"
#include "step1/standardized_block.hpp"

namespace ridgeway {

class StandardizedGram {
public:
    // Takes the calls over (missing calls become 0 in place); `block` and `basis` must outlive this object.
    StandardizedGram(GenotypeBlock&& calls, const StandardizedBlock& block, const Matrix& basis,
                     Precision precision = Precision::mixed);

    Matrix fold_gram(const Fold& fold) const;

private:
    void add_imputation(const Fold& fold, Matrix& gram) const;

    GenotypeBlock calls_;  // 0/1/2, missing as 0
    std::vector<std::pair<std::size_t, std::size_t>> missing_;  // (sample, variant), sorted by sample
    const StandardizedBlock& block_;
    const Matrix& basis_;
    Precision precision_;
    Matrix s_kept_;                      // S over the kept columns
    std::vector<std::ptrdiff_t> compact_;  // per block column: its column in x, or -1 when dropped
};

}  // namespace ridgeway
