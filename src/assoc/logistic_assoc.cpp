#include "assoc/logistic_assoc.hpp"

#include <memory>

#include <fmt/format.h>

#include "assoc/logistic_block_test.hpp"
#include "assoc/logistic_null.hpp"
#include "core/run_log.hpp"
#include "sexchrom/x_test_design.hpp"

namespace ridgeway {

namespace {

std::string describe(const CaseControlSettings& settings) {
    switch (settings.correction) {
        case Correction::none: return "score test, uncorrected";
        case Correction::spa: return fmt::format("score test; saddle-point approximation where p < {}", settings.p_threshold);
        case Correction::firth: break;
    }
    return fmt::format("score test; {} Firth regression ({} p-values) where p < {}",
                       settings.approximate_firth ? "approximate (covariate effects fixed at the null)" : "exact",
                       settings.firth_wald ? "Wald" : "penalized likelihood-ratio", settings.p_threshold);
}

}  // namespace

std::vector<std::vector<double>> loco_offsets(const AssocSettings& settings, int chromosome) {
    std::vector<std::vector<double>> offsets;
    if (settings.predictions) {
        const std::size_t column = settings.predictions->loco_column(chromosome);
        for (const Matrix& values : settings.predictions->values)
            offsets.emplace_back(values.column(column), values.column(column) + values.rows());
    }
    return offsets;
}

BlockTestFactory prepare_logistic_tests(const Cohort& cohort, const AssocSettings& settings, const VariantBlock& run,
                                        bool first_run, RunLog& log) {
    const std::vector<std::vector<double>> offsets = loco_offsets(settings, run.chromosome);
    const CaseControlSettings& cc = settings.case_control;
    const bool firth_start = cc.correction == Correction::firth && !cc.approximate_firth && !cc.firth_wald;
    const RunDesign design = run_design(cohort.traits, cohort, run.x_nonpar, log);
    auto nulls = std::make_shared<LogisticNullSet>(
        fit_logistic_nulls(design.traits, design.covariates(cohort), offsets, firth_start));
    if (first_run) log.info("Case/control traits: " + describe(cc) + "; BETA is the log odds ratio per A1 allele");
    if (first_run && cc.correction == Correction::firth && cc.firth_wald)
        log.warn("--firth-wald: Wald p-values of Firth fits are anti-conservative for rare variants when cases are "
                 "few (on null traits with 100 cases in 10,000 samples, 26 of 2,986 tests of variants with MAF "
                 "0.1-1% fell below 1e-3 against 3 expected); the default likelihood-ratio test is calibrated");
    for (std::size_t t = 0; t < nulls->traits.size(); ++t)
        if (!nulls->traits[t].usable)
            log.warn(fmt::format("the null logistic model of {} does not converge{} (do the covariates separate cases "
                                 "from controls?); its rows get NULL_FIT_FAILED",
                                 cohort.trait_names[t],
                                 settings.predictions ? fmt::format(" with chromosome {}'s offset", run.chromosome) : ""));
    VariantFilters filters = settings.filters;
    return [nulls, filters, cc] { return std::make_unique<LogisticBlockTest>(*nulls, filters, cc); };
}

}  // namespace ridgeway
