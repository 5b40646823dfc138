#include "multicol/multicol_tests.hpp"

#include <memory>

#include <fmt/format.h>

#include "assoc/linear_assoc.hpp"
#include "assoc/logistic_assoc.hpp"
#include "assoc/logistic_null.hpp"
#include "core/run_log.hpp"
#include "multicol/linear_multicol_test.hpp"
#include "multicol/linear_model_data.hpp"
#include "multicol/logistic_multicol_test.hpp"
#include "sexchrom/x_test_design.hpp"

namespace ridgeway {

namespace {

// The covariates of the run, with the interacting variant's genotypes last for GxG.
Matrix run_covariates(const Matrix& covariates, const MulticolSettings& settings) {
    if (settings.partner.empty()) return covariates;
    Matrix with(covariates.rows(), covariates.cols() + 1);
    std::copy(covariates.data(), covariates.data() + covariates.rows() * covariates.cols(), with.data());
    std::copy(settings.partner.begin(), settings.partner.end(), with.column(covariates.cols()));
    return with;
}

// The interacting columns E over the cohort rows (none for the genotypic model).
Matrix interaction_factors(const Matrix& covariates, const MulticolSettings& settings) {
    if (settings.model != MulticolModel::interaction) return {};
    if (!settings.partner.empty()) {
        Matrix factors(settings.partner.size(), 1);
        std::copy(settings.partner.begin(), settings.partner.end(), factors.data());
        return factors;
    }
    Matrix factors(covariates.rows(), settings.factor_columns.size());
    for (std::size_t j = 0; j < settings.factor_columns.size(); ++j) {
        const double* column = covariates.column(settings.factor_columns[j]);
        std::copy(column, column + covariates.rows(), factors.column(j));
    }
    return factors;
}

}  // namespace

std::string describe_multicol(const AssocSettings& settings, bool binary) {
    const MulticolSettings& model = settings.multicol;
    std::string text = model.model == MulticolModel::genotypic
                           ? "Genotypic model (ADD and DOMDEV, as plink2 --glm genotypic)"
                           : fmt::format("Interaction model y ~ covariates + G + G x {}", model.covariate.empty()
                                                                                                ? model.variant
                                                                                                : model.covariate);
    text += ": Wald tests of each term and their joint test; missing calls take the mean call";
    if (binary) {
        text += "; logistic regression";
        if (settings.case_control.correction == Correction::firth)
            text += fmt::format(", Firth regression ({}) where a p-value is below {}",
                                settings.case_control.firth_wald ? "Wald" : "penalized likelihood ratio",
                                settings.case_control.p_threshold);
    } else {
        text += model.robust ? "; HC3 standard errors" : "; model-based standard errors";
        text += settings.linear_statistic == LinearStatistic::t ? ", t and F references" : ", normal and chi-square references";
    }
    return text;
}

BlockTestFactory prepare_multicol_tests(const Cohort& cohort, const AssocSettings& settings, const VariantBlock& run,
                                        bool first_run, RunLog& log) {
    const MulticolSettings& model = settings.multicol;
    Matrix traits = cohort.binary ? cohort.traits : traits_minus_loco(cohort, settings, run.chromosome);
    const RunDesign design = run_design(std::move(traits), cohort, run.x_nonpar, log);
    const Matrix covariates = run_covariates(design.covariates(cohort), model);
    auto columns = std::make_shared<VariantColumns>(model.model, interaction_factors(covariates, model));
    if (first_run) log.info(describe_multicol(settings, cohort.binary));
    VariantFilters filters = settings.filters;
    if (cohort.binary) {
        const CaseControlSettings cc = settings.case_control;
        auto nulls = std::make_shared<LogisticNullSet>(fit_logistic_nulls(
            design.traits, covariates, loco_offsets(settings, run.chromosome), cc.correction == Correction::firth));
        for (std::size_t t = 0; t < nulls->traits.size(); ++t)
            if (!nulls->traits[t].usable)
                log.warn(fmt::format("the null logistic model of {} does not converge; its rows get NULL_FIT_FAILED",
                                     cohort.trait_names[t]));
        return [nulls, columns, filters, cc] {
            return std::make_unique<LogisticMulticolTest>(*nulls, *columns, filters, cc);
        };
    }
    auto data = std::make_shared<LinearModelData>(prepare_linear_model(design.traits, covariates));
    const LinearMulticolOptions options{model.robust, settings.linear_statistic == LinearStatistic::t, filters.max_vif};
    return [data, columns, filters, options] {
        return std::make_unique<LinearMulticolTest>(*data, *columns, filters, options);
    };
}

}  // namespace ridgeway
