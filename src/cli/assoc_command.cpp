#include <fmt/format.h>

#include "assoc/step2.hpp"
#include "cli/commands.hpp"
#include "cli/study_inputs.hpp"
#include "core/error.hpp"
#include "core/run_log.hpp"
#include "io/loco_files.hpp"

namespace ridgeway {

AssocSettings assoc_settings(const ParsedOptions& options) {
    AssocSettings settings;
    settings.out_prefix = options.required_text("--out");
    std::string format = options.text("--format", "tsv");
    if (format == "regenie") settings.format = ResultFormat::regenie;
    else if (format == "ssf") settings.format = ResultFormat::ssf;
    else if (format != "tsv") throw Error(ErrorKind::usage, "--format " + format + ": expected tsv, regenie or ssf");
    settings.threads = thread_count(options);
    settings.memory_mib = options.integer("--memory", 0, 1, 1LL << 40);
    settings.filters.maf = options.number("--maf", 0.0, 0.0, 0.5);
    settings.filters.mac = options.number("--mac", 0.0, 0.0, 1e12);
    settings.filters.geno = options.number("--geno", 1.0, 0.0, 1.0);
    settings.filters.min_info = options.number("--minINFO", 0.0, 0.0, 1.0);
    settings.filters.max_vif = options.number("--vif", 50.0, 1.0, 1e300);
    CaseControlSettings& cc = settings.case_control;
    if (options.flag("--firth") && options.flag("--spa")) throw Error(ErrorKind::usage, "--firth and --spa exclude each other");
    cc.correction = options.flag("--firth") ? Correction::firth : options.flag("--spa") ? Correction::spa : Correction::none;
    cc.approximate_firth = options.flag("--approx");
    cc.firth_wald = options.flag("--firth-wald");
    if ((cc.approximate_firth || cc.firth_wald) && cc.correction != Correction::firth)
        throw Error(ErrorKind::usage, "--approx and --firth-wald refine --firth; add --firth");
    cc.p_threshold = options.number("--pThresh", 0.05, 0.0, 1.0);
    const bool binary = options.flag("--bt");
    if (!binary && (cc.correction != Correction::none || options.has("--pThresh")))
        throw Error(ErrorKind::usage, "--firth, --spa and --pThresh apply to case/control traits; add --bt");
    return settings;
}

void run_assoc_command(const ParsedOptions& options, RunLog& log, OutputSet& outputs) {
    AssocSettings settings = assoc_settings(options);
    StudyInputs inputs = load_study(options, log);
    LocoPredictions predictions;
    if (options.has("--pred")) {
        predictions = read_predictions(options.text("--pred"), inputs.cohort.trait_names, inputs.cohort_ids());
        log.info(fmt::format("Step-1 predictions: {} ({} chromosomes)", options.text("--pred"), predictions.chromosomes.size()));
        settings.predictions = &predictions;
    }
    log.info(fmt::format("Testing {} variants x {} traits with {} threads", inputs.variants.size(),
                         inputs.cohort.trait_names.size(), settings.threads));
    report_results(run_step2(*inputs.genotypes, inputs.cohort, inputs.variants, settings, outputs, log), options, log,
                   outputs);
}

}  // namespace ridgeway
