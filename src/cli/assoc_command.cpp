#include <fmt/format.h>

#include "assoc/step2.hpp"
#include "cli/commands.hpp"
#include "cli/conditioning_inputs.hpp"
#include "cli/distributed_run.hpp"
#include "cli/gwas_steps.hpp"
#include "cli/split_run.hpp"
#include "cli/study_inputs.hpp"
#include "cluster/part_exchange.hpp"
#include "core/atomic_output.hpp"
#include "core/error.hpp"
#include "core/run_log.hpp"
#include "io/loco_files.hpp"
#include "multicol/interaction_inputs.hpp"

namespace ridgeway {

AssocSettings assoc_settings(const ParsedOptions& options) {
    AssocSettings settings;
    settings.out_prefix = options.required_text("--out");
    std::string format = options.text("--format", "tsv");
    if (format == "regenie") settings.format = ResultFormat::regenie;
    else if (format == "ssf") settings.format = ResultFormat::ssf;
    else if (format != "tsv") throw Error(ErrorKind::usage, "--format " + format + ": expected tsv, regenie or ssf");
    settings.gzip = options.flag("--gz");
    settings.write_samples = options.flag("--write-samples");
    settings.print_pheno = options.flag("--print-pheno");
    if (settings.print_pheno && !settings.write_samples)
        throw Error(ErrorKind::usage, "--print-pheno adds the trait's name to the files of --write-samples; add --write-samples");
    if (options.flag("--use-prs") && !options.has("--pred"))
        throw Error(ErrorKind::usage, "--use-prs reads the whole-genome predictions of a --pred list (<out>_prs.list of "
                                      "step 1 with --print-prs); add --pred");
    const std::string statistic = options.text("--test-stat", "t");
    if (statistic == "normal") settings.linear_statistic = LinearStatistic::normal;
    else if (statistic != "t") throw Error(ErrorKind::usage, "--test-stat " + statistic + ": expected t or normal");
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
    // The one-parameter fit's Wald statistic ignores the curvature of the penalty and is anti-conservative for rare
    // variants even with many cases (on null traits at 10% prevalence, twice the expected p < 1e-3).
    if (cc.approximate_firth && cc.firth_wald)
        throw Error(ErrorKind::usage, "--firth-wald applies to exact Firth (as plink2 --glm firth); --approx gives "
                                      "likelihood-ratio p-values only");
    cc.p_threshold = options.number("--pThresh", 0.05, 0.0, 1.0);
    const bool binary = options.flag("--bt");
    if (!binary && (cc.correction != Correction::none || options.has("--pThresh")))
        throw Error(ErrorKind::usage, "--firth, --spa and --pThresh apply to case/control traits; add --bt");
    // The genotypic model is two columns per variant (src/multicol); the others recode the additive test's genotype.
    const GeneticModel model = parse_genetic_model(options.text("--test", "additive"));
    settings.genetic_model = model == GeneticModel::genotypic ? GeneticModel::additive : model;
    if (options.flag("--apply-rerint") && options.flag("--apply-rerint-cov"))
        throw Error(ErrorKind::usage, "--apply-rerint and --apply-rerint-cov exclude each other");
    settings.residual_rint = options.flag("--apply-rerint")       ? ResidualRint::unadjusted
                             : options.flag("--apply-rerint-cov") ? ResidualRint::covariates
                                                                  : ResidualRint::none;
    if (binary && settings.residual_rint != ResidualRint::none)
        throw Error(ErrorKind::usage, "--apply-rerint and --apply-rerint-cov transform quantitative traits; not with --bt");
    settings.traits_rank_normal = options.flag("--apply-rint");
    if (settings.residual_rint != ResidualRint::none && settings.traits_rank_normal)
        throw Error(ErrorKind::usage, "--apply-rint transforms the traits, --apply-rerint and --apply-rerint-cov their "
                                      "covariate residuals: give one");
    if (binary && options.has("--test-stat"))
        throw Error(ErrorKind::usage, "--test-stat chooses the test of quantitative traits; case/control traits get the "
                                      "score test (normal reference), corrected by --firth or --spa");
    read_multicol_options(options, settings);
    return settings;
}

namespace {

// --split, --run-part or --merge (split_run.hpp): the plan, one part's rows, or the result files from all parts.
void run_split_assoc(const SplitRun& split, const AssocSettings& settings, const StudyInputs& inputs,
                     const ParsedOptions& options, RunLog& log, OutputSet& outputs) {
    const GenotypeSource& genotypes = *inputs.genotypes;
    if (split.mode == SplitMode::plan)
        return write_split_plan(split, "assoc",
                                step2_units(genotypes, inputs.cohort, inputs.variants, settings),
                                "variants", outputs, log);
    const SplitPlan plan = checked_split_plan(split, "assoc", inputs.variants.size());
    auto part = [&](std::size_t index) {  // from 1
        const PartRange& range = plan.parts[index - 1];
        return Step2Part{split.part_path(index, "assoc"),
                         {split.fingerprint, range.first, range.count,
                          inputs.cohort.trait_names.size() * rows_per_result(settings.multicol)},
                         nullptr, {}};
    };
    if (split.mode == SplitMode::part) {
        Step2Part mine = part(split.part);
        log.info(fmt::format("Part {} of {}: testing variants {} to {} of {} x {} traits with {} threads", split.part,
                             plan.parts.size(), mine.shape.first + 1, mine.shape.first + mine.shape.count,
                             inputs.variants.size(), inputs.cohort.trait_names.size(), settings.threads));
        mine.path = outputs.add(mine.path);
        return run_step2_part(genotypes, inputs.cohort, inputs.variants, settings, mine, log);
    }
    std::vector<Step2Part> parts;
    for (std::size_t k = 1; k <= plan.parts.size(); ++k) parts.push_back(part(k));
    report_results(merge_step2_parts(genotypes, inputs.cohort, inputs.variants, settings, parts, outputs, log), options,
                   log, outputs);
}

}  // namespace

// Each rank tests the variants of its part into memory and sends the rows to rank 0, which replays them in rank
// order, as the split run's merge replays part files, into the result files.
void run_distributed_assoc(Communicator& communicator, const AssocSettings& settings, const StudyInputs& inputs,
                           const ParsedOptions& options, RunLog& log, OutputSet& outputs, const TransferTally& since) {
    const GenotypeSource& genotypes = *inputs.genotypes;
    const auto units = step2_units(genotypes, inputs.cohort, inputs.variants, settings);
    const std::vector<PartRange> parts = rank_parts(units, communicator);
    PartExchange exchange(communicator, parts.size(), since);
    const std::uint64_t fingerprint = run_fingerprint(options);
    auto part = [&](std::size_t rank) {
        const PartRange variants = variant_range(units, parts[rank]);
        return Step2Part{fmt::format("the association part of rank {}", rank),
                         {fingerprint, variants.first, variants.count,
                          inputs.cohort.trait_names.size() * rows_per_result(settings.multicol)},
                         nullptr, {}};
    };
    if (exchange.has_part()) {
        Step2Part mine = part(communicator.rank());
        exchange.compute(mine.shape.count, [&](std::FILE* stream) {
            mine.stream = stream;
            run_step2_part(genotypes, inputs.cohort, inputs.variants, settings, mine, log);
        });
    }
    if (communicator.rank() != 0) return exchange.send();
    std::vector<Step2Part> all;
    for (std::size_t k = 0; k < parts.size(); ++k) {
        all.push_back(part(k));
        all.back().receive = [&exchange, k] { return exchange.take(k); };
    }
    report_results(merge_step2_parts(genotypes, inputs.cohort, inputs.variants, settings, all, outputs, log), options,
                   log, outputs);
    exchange.log_ranks(log, "variants");
}

void run_assoc_command(const ParsedOptions& options, Communicator& communicator, RunLog& log, OutputSet& outputs) {
    const SplitRun split = split_run(options);
    AssocSettings settings = assoc_settings(options);
    StudyInputs inputs = load_study(options, log);
    settings.sex_chromosomes = inputs.sex_chromosomes.get();
    drop_haploid_variants(settings.genetic_model, *inputs.sex_chromosomes, inputs.cohort, inputs.variants, log);
    if (auto conditioning = load_conditioning(options, inputs, log)) {
        inputs.cohort = std::move(conditioning->cohort);
        settings.conditioning_variants = std::move(conditioning->variants);
    }
    resolve_interaction(settings.multicol, *inputs.genotypes, inputs.cohort, log);
    LocoPredictions predictions;
    if (settings.multicol.prs) require_one_prs_trait(inputs.cohort);
    if (options.has("--pred")) {
        const bool whole_genome = options.flag("--use-prs");
        predictions = read_predictions(options.text("--pred"), inputs.cohort.trait_names, inputs.cohort_ids(),
                                       whole_genome ? PredictionRows::whole_genome : PredictionRows::loco);
        log.info(whole_genome ? fmt::format("Step-1 predictions: {}, whole-genome (--use-prs): every chromosome is tested "
                                            "with the same prediction, its own part included (not leave-one-chromosome-out)",
                                            options.text("--pred"))
                              : fmt::format("Step-1 predictions: {} ({} chromosomes)", options.text("--pred"),
                                            predictions.chromosomes.size()));
        settings.predictions = &predictions;
        if (settings.multicol.prs) {
            add_prs_covariate(settings.multicol, predictions, options.text("--pred"), inputs.cohort_ids(), inputs.cohort,
                              log);
            settings.predictions = nullptr;
        }
    }
    if (communicator.size() > 1)
        return run_distributed_assoc(communicator, settings, inputs, options, log, outputs, communicator.tally());
    if (split.mode != SplitMode::none) return run_split_assoc(split, settings, inputs, options, log, outputs);
    log.info(fmt::format("Testing {} variants x {} traits with {} threads", inputs.variants.size(),
                         inputs.cohort.trait_names.size(), settings.threads));
    report_results(run_step2(*inputs.genotypes, inputs.cohort, inputs.variants, settings, outputs, log), options, log,
                   outputs);
}

}  // namespace ridgeway
