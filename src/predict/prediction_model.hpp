#pragma once
// A fitted prediction model: everything needed to predict the traits of new genotypes, and its file (<out>.model).
//
// The file is text, one record per line, tab-separated, numbers with 17 significant digits so that a loaded model
// predicts exactly what the fitted one did:
//   #ridgeway-model 1|2
//   kernel    linear|gaussian
//   genotypes calls|dosages                    (version 2 only; version 1 means calls)
//   traits    NAME...
//   covariates NAME...                         (none: the line ends after the keyword)
//   linear    SCALE CENTRE_NORM                (the linear kernel's s and c.c)
//   trait     NAME BANDWIDTH H2 PENALTY SIGMA2 CV_MSE INTERCEPT COVARIATE_EFFECT...
//   variants  M, then M lines: CHROM ID POS A1 A2 FILL CENTRE [WEIGHT per trait, linear kernel]
//   samples   N, then N lines (gaussian kernel): the sample's genotypes, then ALPHA per trait
// A linear model keeps per-variant weights (the primal form, usable as a polygenic score); a gaussian model keeps the
// training genotypes and dual coefficients, since its predictions need the distance to every training sample.
// Calls are written as one field of M digits 0/1/2, and FILL as a whole call; dosages as M fields, each the
// shortest decimal that reads back as the same float, and FILL as the training mean. Models fitted on calls are
// written as version 1, the format older releases read; models fitted on dosages as version 2.
#include <string>
#include <vector>

#include "io/genotype_source.hpp"
#include "linalg/matrix.hpp"
#include "predict/genotype_table.hpp"
#include "predict/kernel.hpp"

namespace ridgeway {

class OutputSet;

struct TraitModel {
    std::string name;
    double bandwidth = 0, h2 = 0, penalty = 0, sigma2 = 0, cv_mse = 0;
    std::vector<double> covariate_effects;  // intercept first
};

struct PredictionModel {
    KernelKind kind = KernelKind::linear;
    std::vector<std::string> covariate_names;
    std::vector<TraitModel> traits;
    KernelFunction linear;  // scale and centre norm (linear kernel)
    std::vector<Variant> variants;
    VariantCoding coding;
    Matrix weights;       // variants x traits (linear)
    GenotypeTable training;  // gaussian
    Matrix alpha;         // training samples x traits (gaussian)
    std::vector<double> training_terms;  // ||g_i||^2 of the training rows (gaussian; derived, not stored)
    bool dosage = false;  // fitted on dosages: missing genotypes are filled with mean dosages
};

void save_model(const PredictionModel& model, const std::string& path, OutputSet& outputs);
PredictionModel load_model(const std::string& path);

// Genetic predictions (samples x traits) of `genotypes`, coded with the model's coding, variant for variant. Calls
// against a model fitted on calls take the exact integer products of `precision`'s route; dosages on either side
// take FP64 products (linalg/dosage_products.hpp).
Matrix genetic_predictions(const PredictionModel& model, const GenotypeTable& genotypes, Precision precision,
                           int threads);

// Covariate part: intercept plus effects times `covariates` (samples x covariates, in the model's order).
Matrix covariate_predictions(const PredictionModel& model, const Matrix& covariates);

}  // namespace ridgeway
