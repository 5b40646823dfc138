#pragma once
// Fits a prediction model on the training samples: reads and codes their genotypes, regresses the covariates out of the
// traits (ordinary least squares with an intercept), fits kernel ridge regression to the residuals, and keeps what
// predicting new samples needs.
#include <string>
#include <vector>

#include "io/genotype_source.hpp"
#include "linalg/matrix.hpp"
#include "predict/kernel_ridge.hpp"
#include "predict/prediction_model.hpp"

namespace ridgeway {

class RunLog;

struct TrainingData {
    const GenotypeSource* genotypes = nullptr;
    std::vector<std::size_t> variants;  // into genotypes->variants()
    std::vector<std::size_t> samples;   // into genotypes->samples(), increasing
    std::vector<std::string> trait_names;
    Matrix traits;                      // samples x traits, complete
    std::vector<std::string> covariate_names;
    Matrix covariates;                  // samples x covariates
};

struct TrainedModel {
    PredictionModel model;
    KernelRidgeFit fit;
    Matrix fitted;  // training samples x traits: covariate part plus K alpha
    double read_seconds = 0;     // reading and coding the training genotypes
    double product_seconds = 0;  // the dual form's training products (the primal form counts them in fit.seconds)
    double fitted_seconds = 0;   // predicting the training samples
};

// `memory_mib` is the --memory budget (0 for none), checked before the large allocations.
TrainedModel train_model(const TrainingData& data, const KernelRidgeSettings& settings, std::size_t memory_mib,
                         RunLog& log);

}  // namespace ridgeway
