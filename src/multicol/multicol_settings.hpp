#pragma once
// Step-2 models with several variant-dependent columns, tested per variant by one regression: interaction tests
// (--interaction COV, --interaction-snp ID, --interaction-prs: y ~ covariates (E among them) + G + G x E_1..k) and
// PLINK 2's genotypic model (--test genotypic: y ~ covariates + ADD + DOMDEV). Each variant gets a row per term and
// one for the joint test of all of them.
#include <cstddef>
#include <string>
#include <vector>

#include "io/output/assoc_writer.hpp"

namespace ridgeway {

enum class MulticolModel { none, interaction, genotypic };

struct MulticolSettings {
    MulticolModel model = MulticolModel::none;
    std::string covariate;  // --interaction: a covariate of --covar-name (categorical: every indicator column)
    std::string variant;    // --interaction-snp: a variant ID of the genotype file
    bool prs = false;       // --interaction-prs: the trait's whole-genome step-1 prediction, as the covariate PRS
    bool robust = true;     // quantitative traits: HC3 standard errors (--no-robust: model-based)

    // Resolved from the inputs (interaction_inputs.hpp).
    std::vector<std::size_t> factor_columns;  // GxE: the covariate's columns among the cohort's covariates
    std::vector<double> partner;              // GxG: the other variant's genotypes per cohort row, missing as its mean
    std::vector<std::string> factor_names;    // per interacting column: COV, COV=LEVEL, or the variant ID

    bool active() const { return model != MulticolModel::none; }
    // Variant-dependent columns: G and G x E_j, or ADD and DOMDEV.
    std::size_t columns() const { return model == MulticolModel::genotypic ? 2 : 1 + factor_names.size(); }
};

// The rows of each variant, in order: one per column, then the joint test (regenie's ADD-INT_SNP, ADD-INT_SNPxE,
// ADD-INT_kDF; PLINK 2's ADD, DOMDEV, GENO_2DF). Empty for the ordinary additive test.
std::vector<ResultTerm> model_terms(const MulticolSettings& settings);

// Result rows per variant and trait: the terms, or 1.
std::size_t rows_per_result(const MulticolSettings& settings);

}  // namespace ridgeway
