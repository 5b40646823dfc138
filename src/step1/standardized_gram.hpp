#pragma once
// The fold Grams X_k'X_k of a standardized block (standardized_block.hpp) without forming them from X: the exact
// Gram of the 0/1/2 calls (INT8 where the build has oneDNN), then mean imputation, covariate projection and scaling
// applied afterwards in FP64. With R = A - QS the residualized imputed calls (S = Q'A), W_k = Q_k'R_k and
// C_k = Q_k'Q_k:  R_k'R_k = A_k'A_k - W_k'S - S'W_k - S'C_k S,  and X_k'X_k = D R_k'R_k D for the scales D.
#include <vector>

#include "io/genotype_source.hpp"
#include "linalg/matrix.hpp"
#include "step1/folds.hpp"
#include "step1/standardized_block.hpp"

namespace ridgeway {

std::vector<Matrix> standardized_fold_grams(const GenotypeBlock& calls, const StandardizedBlock& block,
                                            const Matrix& basis, const std::vector<Fold>& folds);

}  // namespace ridgeway
