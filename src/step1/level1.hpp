#pragma once
// Level 1 of whole-genome ridge regression, per trait, on the level-0 predictions W (columns centred and scaled over
// all samples): for quantitative traits ridge regression with the penalty chosen by cross-validated mean squared
// error; for case/control traits ridge logistic regression with the covariates' null fit as offset and the penalty
// chosen by cross-validated deviance. Then leave-one-chromosome-out predictions, each sample predicted by the fit
// that did not see its fold: on the scaled-trait scale, or on the log-odds scale without the covariates' part.
#include <string>
#include <vector>

#include "linalg/matrix.hpp"
#include "linalg/precision.hpp"
#include "linalg/spd_solver.hpp"
#include "step1/folds.hpp"

namespace ridgeway {

struct Level1Fit {
    std::vector<double> penalties;
    std::vector<double> cv_r2;   // per penalty: 1 - MSE / variance, or 1 - deviance / the offset's deviance
    std::size_t chosen = 0;
    Matrix loco;                 // cohort rows x chromosomes
    std::vector<double> whole_genome;  // per cohort row: the fit of every column (each LOCO column plus its own part)
    SpdSolveTally solves;        // the ridge systems (quantitative traits; the logistic fits keep their own FP64)
};

// Where each level-0 column belongs: `column_chromosome[j]` the chromosome of column j, `chromosomes` the LOCO
// predictions' columns in output order, each of the columns' codes and possibly codes without columns (whose
// prediction is then the whole-genome one).
struct Level1Layout {
    const std::vector<int>& column_chromosome;
    const std::vector<int>& chromosomes;
    const std::vector<Fold>& folds;
};

// `w` is n x (blocks * R) for this trait; `observed[i]` whether row i has a trait value; `precision` that of the
// ridge solves; `threads` share the Grams of w and the passes over it (the fit is the same for any number).
Level1Fit fit_level1(Matrix w, const std::vector<double>& y, const std::vector<bool>& observed,
                     const Level1Layout& layout, Precision precision, int threads);

// `y` is 0/1 (any value where not observed); `offset` the covariates-only logistic linear predictor. Needs folds.
// `threads` share the passes over w (the fit is the same for any number).
Level1Fit fit_level1_logistic(Matrix w, const std::vector<double>& y, const std::vector<bool>& observed,
                              const std::vector<double>& offset, const Level1Layout& layout, int threads);

}  // namespace ridgeway
