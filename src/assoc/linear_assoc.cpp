#include "assoc/linear_assoc.hpp"

#include <memory>

#include <fmt/format.h>

#include "assoc/linear_block_test.hpp"
#include "assoc/trait_set.hpp"
#include "core/error.hpp"
#include "core/run_log.hpp"
#include "step1/trait_scaling.hpp"

namespace ridgeway {

namespace {

// The traits minus the chromosome's LOCO prediction, put back on each trait's own scale.
Matrix traits_without_chromosome(const Cohort& cohort, const LocoPredictions& predictions, int chromosome) {
    const std::vector<double> scales = scale_traits(cohort).scales;
    const std::size_t column = predictions.loco_column(chromosome);
    Matrix adjusted = cohort.traits;
    for (std::size_t t = 0; t < adjusted.cols(); ++t)
        for (std::size_t i = 0; i < adjusted.rows(); ++i) adjusted(i, t) -= scales[t] * predictions.values[t](i, column);
    return adjusted;
}

}  // namespace

BlockTestFactory prepare_linear_tests(const Cohort& cohort, const AssocSettings& settings, int chromosome,
                                      bool first_run, RunLog& log) {
    auto traits = std::make_shared<TraitSet>(prepare_traits(
        settings.predictions ? traits_without_chromosome(cohort, *settings.predictions, chromosome) : cohort.traits,
        cohort.covariates));
    if (first_run) {
        log.info(fmt::format("{} traits; covariate basis rank {} (intercept included)", cohort.trait_names.size(),
                              traits->rank));
        for (std::size_t t = 0; t < traits->n_traits(); ++t)
            if (!traits->corrections[t].usable)
                log.warn("the covariates are collinear on the samples with a value for " + cohort.trait_names[t] +
                          "; its rows get COVAR_SINGULAR");
    }
    VariantFilters filters = settings.filters;
    return [traits, filters] { return std::make_unique<LinearBlockTest>(*traits, filters); };
}

}  // namespace ridgeway
