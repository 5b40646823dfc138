#pragma once
// Fits a prediction model on the training samples: reads and codes their genotypes, regresses the covariates out of the
// traits (ordinary least squares with an intercept), fits kernel ridge regression to the residuals, and keeps what
// predicting new samples needs.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "io/genotype_source.hpp"
#include "linalg/matrix.hpp"
#include "predict/kernel_ridge.hpp"
#include "predict/prediction_model.hpp"
#include "predict/training_gram.hpp"

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

// Computes the dual form's training products: TrainingGram's own constructor in one process; in a distributed run
// (cli/distributed_gram.hpp) rank 0 assembles every rank's tiles, and the other ranks return nothing once they sent
// theirs, which ends their training.
using GramMaker = std::function<std::optional<TrainingGram>(const GenotypeTable& train)>;

// Whether the fit takes the primal form (variants x variants), whose products are not TrainingGram's.
bool uses_primal_form(const KernelRidgeSettings& settings, std::size_t samples, std::size_t variants);

// `memory_mib` is the --memory budget (0 for none), checked before the large allocations. Nothing when make_gram
// returns nothing (a rank that only contributes products).
std::optional<TrainedModel> train_model(const TrainingData& data, const KernelRidgeSettings& settings,
                                        std::size_t memory_mib, const GramMaker& make_gram, RunLog& log);

}  // namespace ridgeway
