#pragma once
// Level 1 of whole-genome ridge regression, per trait: ridge regression of the trait on the level-0 predictions W
// (columns centred and scaled over all samples), the penalty chosen by cross-validated mean squared error, then
// leave-one-chromosome-out predictions, each sample predicted by the fit that did not see its fold.
#include <string>
#include <vector>

#include "linalg/matrix.hpp"
#include "step1/folds.hpp"

namespace ridgeway {

struct Level1Fit {
    std::vector<double> penalties;
    std::vector<double> cv_r2;   // per penalty: 1 - MSE / variance over the trait's samples
    std::size_t chosen = 0;
    Matrix loco;                 // cohort rows x chromosomes
};

// `w` is n x (blocks * R) for this trait; `column_chromosome[j]` the chromosome of column j; `chromosomes` the
// distinct codes in output order; `observed[i]` whether row i has a trait value.
Level1Fit fit_level1(Matrix w, const std::vector<double>& y, const std::vector<bool>& observed,
                     const std::vector<int>& column_chromosome, const std::vector<int>& chromosomes,
                     const std::vector<Fold>& folds);

}  // namespace ridgeway
