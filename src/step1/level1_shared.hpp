#pragma once
// What the two level-1 models share.
#include <vector>

#include "linalg/matrix.hpp"
#include "step1/level1.hpp"

namespace ridgeway {

// Both are passes over every sample and level-0 column, shared among `threads` threads by columns or rows: the
// values are the same for any number.

// Columns centred and scaled to unit variance over all rows, in place; constant columns (a block whose variants
// were all dropped) become zero.
void standardize_columns(Matrix& w, int threads);

// LOCO predictions: per row, its fold's fit (`coefficients[fold]`, columns x 1) of the whole genome minus each
// chromosome's own columns; that whole-genome fit itself goes to `fit.whole_genome`.
void loco_from_fold_fits(const Matrix& predictors, const std::vector<Matrix>& coefficients, const Level1Layout& layout,
                         int threads, Level1Fit& fit);

}  // namespace ridgeway
