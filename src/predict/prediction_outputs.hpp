#pragma once
// The tables of a predict run: <out>.predictions.tsv (one row per sample and set), <out>.accuracy.tsv (per trait:
// the chosen hyper-parameters and the test-set accuracy) and <out>.cv.tsv (the cross-validated error of every grid
// point: TRAIT BANDWIDTH H2 CV_MSE). Numbers carry 12 significant digits; NA marks what does not apply.
#include <string>
#include <vector>

#include "io/genotype_source.hpp"
#include "linalg/matrix.hpp"
#include "predict/accuracy.hpp"
#include "predict/kernel_ridge.hpp"
#include "predict/prediction_model.hpp"

namespace ridgeway {

class OutputSet;

struct PredictedSet {
    std::string name;  // train, test, unobserved or new
    std::vector<SampleId> ids;
    Matrix predictions;  // samples x traits
};

void write_predictions(const std::string& path, const std::vector<std::string>& traits,
                       const std::vector<PredictedSet>& sets, OutputSet& outputs);

// One row per trait; `n_train` is 0 when the model was loaded rather than fitted.
void write_accuracy(const std::string& path, const PredictionModel& model, std::size_t n_train,
                    const std::vector<Accuracy>& test, OutputSet& outputs);

void write_cv_table(const std::string& path, const std::vector<std::string>& traits, const std::vector<GridPoint>& grid,
                    const Matrix& cv_mse, OutputSet& outputs);

}  // namespace ridgeway
