#include "assoc/linear_assoc.hpp"

#include <cmath>
#include <limits>
#include <memory>

#include <fmt/format.h>

#include "assoc/linear_block_test.hpp"
#include "assoc/trait_set.hpp"
#include "core/error.hpp"
#include "core/run_log.hpp"
#include "linalg/orthonormal_basis.hpp"
#include "samples/rank_normal.hpp"
#include "sexchrom/x_test_design.hpp"
#include "step1/trait_scaling.hpp"

namespace ridgeway {

namespace {

// The traits minus the LOCO prediction in `column`, put back on each trait's own scale.
Matrix traits_without_chromosome(const Cohort& cohort, const ScaledTraits& scaled, const LocoPredictions& predictions,
                                 std::size_t column) {
    Matrix adjusted = cohort.traits;
    for (std::size_t t = 0; t < adjusted.cols(); ++t)
        for (std::size_t i = 0; i < adjusted.rows(); ++i)
            adjusted(i, t) -= scaled.scales[t] * predictions.values[t](i, column);
    return adjusted;
}

// regenie's null residual sum of squares: the trait's residual on the covariates minus the LOCO prediction, on the
// trait's scale, squared and summed over the samples tested (the prediction itself is not residualized, so this
// exceeds the residual sum of squares of the adjusted trait by the covariates' share of the prediction).
void set_null_ss(const ScaledTraits& scaled, const LocoPredictions& predictions, std::size_t column,
                 const Matrix& adjusted, TraitSet& set) {
    for (std::size_t t = 0; t < set.n_traits(); ++t) {
        double ss = 0;
        for (std::size_t i = 0; i < adjusted.rows(); ++i)
            if (!std::isnan(adjusted(i, t))) {
                const double d = scaled.values(i, t) - predictions.values[t](i, column);
                ss += d * d;
            }
        set.corrections[t].null_ss = ss * scaled.scales[t] * scaled.scales[t];
    }
}

// The residuals --apply-rerint[-cov] rank, per trait over the run's samples (NaN elsewhere): without predictions
// each trait's residual on the run's covariates over its own samples; with them regenie's null residual, the
// trait's scaled covariate residual minus the LOCO prediction (ranks ignore the scale).
Matrix residuals_to_rank(const RunDesign& design, const Cohort& cohort, const ScaledTraits& scaled,
                         const LocoPredictions* predictions, std::size_t column) {
    Matrix residuals(design.traits.rows(), design.traits.cols(), std::numeric_limits<double>::quiet_NaN());
    for (std::size_t t = 0; t < residuals.cols(); ++t) {
        const double* trait = design.traits.column(t);
        if (predictions) {
            for (std::size_t i = 0; i < residuals.rows(); ++i)
                if (!std::isnan(trait[i])) residuals(i, t) = scaled.values(i, t) - predictions->values[t](i, column);
            continue;
        }
        const OwnRowsResidual residual = residual_over_own_rows(design.covariates(cohort), trait);
        for (std::size_t k = 0; k < residual.rows.size(); ++k) residuals(residual.rows[k], t) = residual.values[k];
    }
    return residuals;
}

// --apply-rerint[-cov]: each trait replaced by the rank-based inverse normal transform of `residuals`. With
// `unadjusted` (regenie's --apply-rerint) the null residual sum of squares of the normal statistic is that of the
// transformed residual itself, else (--apply-rerint-cov) that of its residual on the covariates, which
// prepare_traits computes.
std::shared_ptr<TraitSet> rank_normal_residual_traits(Matrix residuals, const RunDesign& design, const Cohort& cohort,
                                                      bool unadjusted) {
    std::vector<double> sums_of_squares;
    for (std::size_t t = 0; t < residuals.cols(); ++t) {
        double* values = residuals.column(t);
        rank_inverse_normal(values, residuals.rows());
        double ss = 0;
        for (std::size_t i = 0; i < residuals.rows(); ++i) ss += std::isnan(values[i]) ? 0.0 : values[i] * values[i];
        sums_of_squares.push_back(ss);
    }
    auto traits = std::make_shared<TraitSet>(prepare_traits(residuals, design.covariates(cohort)));
    if (unadjusted)
        for (std::size_t t = 0; t < traits->n_traits(); ++t) traits->corrections[t].null_ss = sums_of_squares[t];
    return traits;
}

}  // namespace

Matrix traits_minus_loco(const Cohort& cohort, const AssocSettings& settings, int chromosome) {
    if (!settings.predictions) return cohort.traits;
    return traits_without_chromosome(cohort, scale_traits(cohort), *settings.predictions,
                                     settings.predictions->loco_column(chromosome));
}

BlockTestFactory prepare_linear_tests(const Cohort& cohort, const AssocSettings& settings, const VariantBlock& run,
                                      bool first_run, RunLog& log) {
    const int chromosome = run.chromosome;
    Matrix adjusted = cohort.traits;
    ScaledTraits scaled;
    std::size_t column = 0;
    if (settings.predictions) {
        scaled = scale_traits(cohort);
        column = settings.predictions->loco_column(chromosome);
        adjusted = traits_without_chromosome(cohort, scaled, *settings.predictions, column);
    }
    const RunDesign design = run_design(std::move(adjusted), cohort, run.x_nonpar, log);
    std::shared_ptr<TraitSet> traits;
    if (settings.residual_rint != ResidualRint::none) {
        traits = rank_normal_residual_traits(
            residuals_to_rank(design, cohort, scaled, settings.predictions, column), design, cohort,
            settings.residual_rint == ResidualRint::unadjusted);
    } else {
        traits = std::make_shared<TraitSet>(prepare_traits(design.traits, design.covariates(cohort)));
        if (settings.predictions) set_null_ss(scaled, *settings.predictions, column, design.traits, *traits);
    }
    if (first_run) {
        log.info(fmt::format("{} traits; covariate basis rank {} (intercept included)", cohort.trait_names.size(),
                              traits->rank));
        log.info(settings.linear_statistic == LinearStatistic::t
                     ? "--test-stat t: t test with N - K - 1 degrees of freedom, as plink2 --glm"
                     : "--test-stat normal: regenie's step-2 statistic (null-model residual variance over N - K, "
                       "normal reference; missing calls take the mean call)");
        if (settings.residual_rint != ResidualRint::none)
            log.info(fmt::format("--apply-rerint{}: each trait replaced by the rank-based inverse normal transform of "
                                 "its residual on the covariates{} (Blom's offset), then tested with the covariates",
                                 settings.residual_rint == ResidualRint::covariates ? "-cov" : "",
                                 settings.predictions ? " minus the LOCO prediction" : ""));
        for (std::size_t t = 0; t < traits->n_traits(); ++t)
            if (!traits->corrections[t].usable)
                log.warn("the covariates are collinear on the samples with a value for " + cohort.trait_names[t] +
                          "; its rows get COVAR_SINGULAR");
    }
    VariantFilters filters = settings.filters;
    const LinearStatistic statistic = settings.linear_statistic;
    return [traits, filters, statistic] { return std::make_unique<LinearBlockTest>(*traits, filters, statistic); };
}

}  // namespace ridgeway
