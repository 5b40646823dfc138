// `ridgeway predict`: fit a prediction model on a training set and measure it on a test set, or apply a saved model
// to new genotypes.
#include <algorithm>
#include <cmath>
#include <iterator>
#include <numeric>
#include <optional>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/commands.hpp"
#include "cli/distributed_gram.hpp"
#include "cli/split_run.hpp"
#include "cli/study_inputs.hpp"
#include "core/error.hpp"
#include "core/random.hpp"
#include "core/run_log.hpp"
#include "core/stopwatch.hpp"
#include "core/text_reader.hpp"
#include "io/plink1/bed_source.hpp"
#include "io/tables/id_lists.hpp"
#include "io/tables/sample_table.hpp"
#include "predict/model_training.hpp"
#include "predict/prediction_outputs.hpp"
#include "predict/variant_matching.hpp"
#include "qc/selection.hpp"
#include "samples/sample_matcher.hpp"

namespace ridgeway {

namespace {

constexpr auto npos = static_cast<std::size_t>(-1);

std::vector<double> number_list(const ParsedOptions& options, const std::string& name, const std::string& fallback,
                                double low, double high) {
    std::vector<double> values;
    const std::string list = options.text(name, fallback);
    for (std::string_view token : split_on(list, ',')) {
        auto value = parse_double(token);
        if (!value || *value <= low || *value >= high)
            throw Error(ErrorKind::usage, fmt::format("{}: '{}' is not a number between {} and {}", name, token, low, high));
        values.push_back(*value);
    }
    return values;
}

KernelRidgeSettings ridge_settings(const ParsedOptions& options) {
    KernelRidgeSettings settings;
    settings.kind = parse_kernel(options.text("--kernel", "linear"));
    settings.precision = parse_precision(options.text("--precision", "mixed"));
    settings.bandwidths = number_list(options, "--bandwidths", "0.5,1,2", 0, 1e6);
    settings.h2_grid = number_list(options, "--h2-grid", "0.05,0.1,0.2,0.35,0.5,0.7,0.9", 0, 1);
    settings.folds = static_cast<std::size_t>(options.integer("--cv", 5, 2, 1000));
    settings.seed = static_cast<std::uint64_t>(options.integer("--seed", 1, 0, 1LL << 62));
    settings.threads = thread_count(options);
    const std::string form = options.text("--form", "auto");
    if (form == "dual") settings.form = RidgeForm::dual;
    else if (form == "primal") settings.form = RidgeForm::primal;
    else if (form != "auto") throw Error(ErrorKind::usage, "--form: '" + form + "' is not one of auto, dual, primal");
    if (settings.kind == KernelKind::linear && options.has("--bandwidths"))
        throw Error(ErrorKind::usage, "--bandwidths applies to --kernel gaussian");
    return settings;
}

// Samples of one set: positions in the cohort (or in its own file), their genotype indices and IDs.
struct SampleSet {
    std::vector<std::size_t> rows;       // into the cohort's matrices
    std::vector<std::size_t> genotypes;  // into the genotype file's samples
    std::vector<SampleId> ids;
};

SampleSet cohort_subset(const StudyInputs& study, const std::vector<std::size_t>& rows) {
    SampleSet set{rows, {}, {}};
    for (std::size_t r : rows) {
        set.genotypes.push_back(study.cohort.sample_indices[r]);
        set.ids.push_back(study.genotypes->samples()[study.cohort.sample_indices[r]]);
    }
    return set;
}

// The cohort rows held out for testing: --test-keep's samples, or a seeded random --test-fraction of the samples
// with every trait (0 for none, or when --test-bfile brings its own).
std::vector<bool> held_out_rows(const ParsedOptions& options, const StudyInputs& study, const std::vector<bool>& complete,
                                RunLog& log) {
    const std::size_t n = complete.size();
    std::vector<bool> held(n, false);
    if (options.has("--test-bfile")) return held;
    if (options.has("--test-keep")) {
        const SampleMatcher matcher(*study.genotypes);
        std::vector<bool> listed(study.genotypes->samples().size(), false);
        for (const SampleId& id : read_sample_list(options.text("--test-keep"))) {
            std::size_t s = matcher.find(id, !id.fid.empty());
            if (s != npos) listed[s] = true;
        }
        for (std::size_t r = 0; r < n; ++r) held[r] = listed[study.cohort.sample_indices[r]];
        return held;
    }
    std::vector<std::size_t> candidates;
    for (std::size_t r = 0; r < n; ++r)
        if (complete[r]) candidates.push_back(r);
    const double fraction = options.number("--test-fraction", 0.2, 0.0, 0.9);
    const auto count = static_cast<std::size_t>(std::llround(fraction * static_cast<double>(candidates.size())));
    Random random(static_cast<std::uint64_t>(options.integer("--seed", 1, 0, 1LL << 62)), 0x74657374);
    for (std::size_t i = candidates.size(); i > 1; --i) std::swap(candidates[i - 1], candidates[random.below(i)]);
    for (std::size_t i = 0; i < count; ++i) held[candidates[i]] = true;
    log.info(fmt::format("Test set: {} of the {} samples with every trait, drawn with --seed", count, candidates.size()));
    return held;
}

void log_phases(RunLog& log, const TrainedModel& trained, double prediction_seconds, Precision precision) {
    const PhaseSeconds& s = trained.fit.seconds;
    log.info(fmt::format("Phase reading training genotypes: {:.3f} s", trained.read_seconds));
    if (trained.fit.cv_mse.rows()) {
        log.info(fmt::format("Phase cross-validation: {:.3f} s", s.cross_validation));
        log.info("Cross-validation solves: " + trained.fit.cv_solves.describe(precision));
    }
    log.info(fmt::format("Phase kernel build: {:.3f} s (products {:.3f} s)", trained.product_seconds + s.kernel_build,
                         trained.product_seconds));
    log.info(fmt::format("Phase factorization: {:.3f} s", s.factorization));
    log.info(fmt::format("Phase solve: {:.3f} s", s.solve));
    log.info(fmt::format("Phase prediction: {:.3f} s (training samples {:.3f} s)", trained.fitted_seconds + prediction_seconds,
                         trained.fitted_seconds));
    log.info("Final solves: " + trained.fit.final_solves.describe(precision));
}

// Predictions (covariate and genetic parts) of samples read from `source` under the model's coding: from the
// dosages when the file has them, and as dosages when the model was fitted on dosages (its fills are mean dosages).
Matrix predict_samples(const PredictionModel& model, const GenotypeSource& source, const VariantMatch& match,
                       const std::vector<std::size_t>& samples, const Matrix& covariates, Precision precision,
                       int threads) {
    const bool dosage = source.has_dosages() || model.dosage;
    const GenotypeTable genotypes =
        read_genotypes(source, match.indices, match.swapped, samples, model.coding, dosage, threads);
    Matrix out = genetic_predictions(model, genotypes, precision, threads);
    const Matrix fixed = covariate_predictions(model, covariates);
    for (std::size_t i = 0; i < out.rows() * out.cols(); ++i) out.data()[i] += fixed.data()[i];
    return out;
}

VariantMatch same_file(const std::vector<std::size_t>& variants) {
    VariantMatch match;
    match.indices = variants;
    return match;
}

void fit_and_test(const ParsedOptions& options, Communicator& communicator, RunLog& log, OutputSet& outputs) {
    const std::string out = options.required_text("--out");
    const KernelRidgeSettings settings = ridge_settings(options);
    const SplitRun split = split_run(options);
    if (options.has("--test-bfile") + options.has("--test-keep") + options.has("--test-fraction") > 1)
        throw Error(ErrorKind::usage, "--test-fraction, --test-keep and --test-bfile exclude each other");
    StudyInputs study = load_study(options, log);
    const Cohort& cohort = study.cohort;
    const std::size_t n = cohort.sample_indices.size(), traits = cohort.trait_names.size();
    std::vector<bool> complete(n, true);
    for (std::size_t r = 0; r < n; ++r)
        for (std::size_t t = 0; t < traits; ++t) complete[r] = complete[r] && !std::isnan(cohort.traits(r, t));
    const std::vector<bool> held = held_out_rows(options, study, complete, log);
    std::vector<std::size_t> train_rows, test_rows, unobserved_rows;
    for (std::size_t r = 0; r < n; ++r) (held[r] ? test_rows : complete[r] ? train_rows : unobserved_rows).push_back(r);
    if (train_rows.size() < settings.folds * 2)
        throw Error(ErrorKind::inconsistent, fmt::format("only {} training samples have every trait", train_rows.size()));
    log.info(fmt::format("Samples: {} training (every trait known), {} test, {} with some trait unknown (predicted only)",
                         train_rows.size(), test_rows.size(), unobserved_rows.size()));

    const SampleSet train = cohort_subset(study, train_rows);
    TrainingData data{study.genotypes.get(), study.variants, train.genotypes, cohort.trait_names,
                      take_rows(cohort.traits, train_rows), cohort.covariate_names,
                      take_rows(cohort.covariates, train_rows)};
    const auto memory = static_cast<std::size_t>(options.integer("--memory", 0, 1, 1LL << 40));
    if (study.genotypes->has_dosages())
        log.info("Prediction uses the dosages: kernel products in FP64 (exact INT8 products need whole calls); a "
                 "missing dosage counts as the training mean");
    if (communicator.size() > 1 && uses_primal_form(settings, train_rows.size(), study.variants.size())) {
        // Its products are the folds' variant moments, not the dual form's tiles: nothing to deal to the ranks.
        log.info("Distributed run: the primal form (variants x variants) is fitted on rank 0 alone");
        if (communicator.rank() != 0) return;
    }
    std::optional<SplitPlan> plan;
    if (split.mode != SplitMode::none) {
        if (uses_primal_form(settings, train_rows.size(), study.variants.size()))
            throw Error(ErrorKind::usage, "--split, --run-part and --merge share out the dual form's training products, "
                                          "and this fit takes the primal form (fewer variants than training samples): "
                                          "add --form dual, or run it in one process");
        const std::vector<std::size_t> tiles = TrainingGram::tile_products(train_rows.size());
        if (split.mode == SplitMode::plan)
            return write_tile_split_plan(split, tiles, TrainingGram::tile_width(), train_rows.size(), outputs, log);
        plan = checked_split_plan(split, "predict", tiles.size());
    }
    const GramMaker make_gram =
        plan ? split_gram_maker(split, *plan, settings, outputs, log) : gram_maker(communicator, settings, log);
    std::optional<TrainedModel> fitted = train_model(data, settings, memory, make_gram, log);
    if (!fitted) return;  // a rank or a part that only computed its share of the training products
    TrainedModel& trained = *fitted;
    const PredictionModel& model = trained.model;

    std::vector<PredictedSet> sets{{"train", train.ids, trained.fitted}};
    std::vector<Accuracy> test_accuracy(traits);
    Stopwatch start;
    if (options.has("--test-bfile")) {
        BedSource test_source(options.text("--test-bfile"));
        log.info("Test genotypes: " + test_source.describe());
        std::vector<bool> selected(test_source.samples().size(), true);
        const Cohort test_cohort = build_cohort(SampleMatcher(test_source), selected, cohort_spec(options), log);
        const VariantMatch match = match_variants(model.variants, test_source);
        if (match.absent > 0)
            log.warn(fmt::format("{} of the model's {} variants are absent from the test genotypes: their calls count as "
                                 "missing", match.absent, model.variants.size()));
        std::vector<SampleId> ids;
        for (std::size_t s : test_cohort.sample_indices) ids.push_back(test_source.samples()[s]);
        Matrix predicted = predict_samples(model, test_source, match, test_cohort.sample_indices,
                                           test_cohort.covariates, settings.precision, settings.threads);
        for (std::size_t t = 0; t < traits; ++t) test_accuracy[t] = accuracy(test_cohort.traits, predicted, t);
        sets.push_back({"test", ids, std::move(predicted)});
    }
    // The held-out and the unobserved samples in one pass, so the training genotypes are prepared for the products once.
    std::vector<std::size_t> held_and_unobserved;
    std::merge(test_rows.begin(), test_rows.end(), unobserved_rows.begin(), unobserved_rows.end(), std::back_inserter(held_and_unobserved));
    const SampleSet held_and_unobserved_set = cohort_subset(study, held_and_unobserved);
    const Matrix held_and_unobserved_predictions =
        held_and_unobserved.empty() ? Matrix()
                     : predict_samples(model, *study.genotypes, same_file(study.variants), held_and_unobserved_set.genotypes,
                                       take_rows(cohort.covariates, held_and_unobserved), settings.precision, settings.threads);
    for (const auto& [name, rows] : {std::pair{"test", test_rows}, std::pair{"unobserved", unobserved_rows}}) {
        if (rows.empty()) continue;
        std::vector<std::size_t> positions;  // of the set's rows among them
        for (std::size_t row : rows) positions.push_back(static_cast<std::size_t>(std::lower_bound(held_and_unobserved.begin(), held_and_unobserved.end(), row) - held_and_unobserved.begin()));
        Matrix predicted = take_rows(held_and_unobserved_predictions, positions);
        if (std::string(name) == "test")
            for (std::size_t t = 0; t < traits; ++t) test_accuracy[t] = accuracy(take_rows(cohort.traits, rows), predicted, t);
        std::vector<SampleId> ids;
        for (std::size_t position : positions) ids.push_back(held_and_unobserved_set.ids[position]);
        sets.push_back({name, std::move(ids), std::move(predicted)});
    }
    log_phases(log, trained, start.seconds(), settings.precision);
    for (std::size_t t = 0; t < traits; ++t)
        if (test_accuracy[t].n)
            log.info(fmt::format("Trait {}: test MSPE {:.6g}, Pearson r {:.6g} on {} samples", cohort.trait_names[t],
                                 test_accuracy[t].mspe, test_accuracy[t].pearson_r, test_accuracy[t].n));
    write_predictions(out + ".predictions.tsv", cohort.trait_names, sets, outputs);
    write_accuracy(out + ".accuracy.tsv", model, train_rows.size(), test_accuracy, outputs);
    if (trained.fit.cv_mse.rows()) write_cv_table(out + ".cv.tsv", cohort.trait_names, trained.fit.grid, trained.fit.cv_mse, outputs);
    save_model(model, out + ".model", outputs);
}

// Columns `names` of a sample table (--covar or --pheno) for every genotype sample, NaN where missing or absent.
// Columns are taken as numbers: a model's covariates are the numeric columns it was fitted on.
Matrix named_columns(const std::string& path, const std::vector<std::string>& names, const SampleMatcher& samples,
                     bool minus9_is_missing, RunLog& log) {
    const SampleTable table = read_sample_table(path);
    const auto row_of = samples.match(table, log);
    Matrix values(samples.samples().size(), names.size());
    for (std::size_t c = 0; c < names.size(); ++c) {
        const std::size_t column = table.column_index(names[c]);
        if (column == npos) throw Error(ErrorKind::inconsistent, fmt::format("{}: no column {}, which the model needs", path, names[c]));
        const auto numbers = numeric_column(table, column, row_of, minus9_is_missing);
        std::copy(numbers.begin(), numbers.end(), values.column(c));
    }
    return values;
}

void apply_saved_model(const ParsedOptions& options, RunLog& log, OutputSet& outputs) {
    const std::string out = options.required_text("--out");
    const Precision precision = parse_precision(options.text("--precision", "mixed"));
    const int threads = thread_count(options);
    for (const char* option : {"--test-fraction", "--test-keep", "--test-bfile", "--kernel", "--bandwidths", "--h2-grid", "--cv",
                               "--chr", "--range"})
        if (options.has(option)) throw Error(ErrorKind::usage, fmt::format("{} applies when fitting, not with --model", option));
    const PredictionModel model = load_model(options.text("--model"));
    log.info(fmt::format("Model {}: {} kernel, {} traits, {} variants", options.text("--model"), kernel_name(model.kind),
                         model.traits.size(), model.variants.size()));
    const std::unique_ptr<GenotypeSource> genotypes = open_genotypes(options, GenomicRegions());
    const GenotypeSource& source = *genotypes;
    log.info("Genotypes: " + source.describe());
    if (source.has_dosages() || model.dosage)
        log.info(fmt::format("Prediction uses the dosages{}: products with them in FP64 (exact INT8 products need "
                             "whole calls)", model.dosage ? " (the model was fitted on dosages)" : ""));
    SelectionSpec selection{options.text("--keep"), options.text("--remove"), "", "", GenomicRegions(), 1.0};
    const SampleMatcher matcher(source);
    const std::vector<bool> selected = select_samples(matcher, selection, log);
    const bool minus9 = !options.flag("--no-input-missing-phenotype");
    Matrix covariates(source.samples().size(), 0);
    if (!model.covariate_names.empty()) {
        if (!options.has("--covar"))
            throw Error(ErrorKind::usage, fmt::format("the model uses covariates ({}): give --covar for the new samples",
                                                      fmt::join(model.covariate_names, ", ")));
        covariates = named_columns(options.text("--covar"), model.covariate_names, matcher, minus9, log);
    }
    std::vector<std::size_t> samples;
    for (std::size_t s = 0; s < source.samples().size(); ++s) {
        bool usable = selected[s];
        for (std::size_t c = 0; c < covariates.cols(); ++c) usable = usable && !std::isnan(covariates(s, c));
        if (usable) samples.push_back(s);
    }
    if (samples.empty()) throw Error(ErrorKind::inconsistent, "no sample has every covariate the model needs");
    const VariantMatch match = match_variants(model.variants, source);
    log.info(fmt::format("Variants: {} of {} found ({} counting the other allele)", model.variants.size() - match.absent,
                         model.variants.size(), match.swapped_count));
    if (match.absent == model.variants.size())
        throw Error(ErrorKind::inconsistent, source.describe() + ": none of the model's variants is in the file");
    if (match.absent > 0)
        log.warn(fmt::format("{} of the model's variants are absent: their calls count as missing", match.absent));
    Stopwatch start;
    Matrix predicted = predict_samples(model, source, match, samples, take_rows(covariates, samples), precision, threads);
    log.info(fmt::format("Phase prediction: {:.3f} s", start.seconds()));
    std::vector<std::string> trait_names;
    for (const auto& trait : model.traits) trait_names.push_back(trait.name);
    std::vector<SampleId> ids;
    for (std::size_t s : samples) ids.push_back(source.samples()[s]);
    write_predictions(out + ".predictions.tsv", trait_names, {{"new", ids, predicted}}, outputs);
    if (options.has("--pheno")) {
        const Matrix observed = take_rows(named_columns(options.text("--pheno"), trait_names, matcher, minus9, log), samples);
        std::vector<Accuracy> results;
        for (std::size_t t = 0; t < trait_names.size(); ++t) results.push_back(accuracy(observed, predicted, t));
        write_accuracy(out + ".accuracy.tsv", model, 0, results, outputs);
    }
}

}  // namespace

void run_predict_command(const ParsedOptions& options, Communicator& communicator, RunLog& log, OutputSet& outputs) {
    if (options.has("--model") && split_run(options).mode != SplitMode::none)
        throw Error(ErrorKind::usage, "--split, --run-part and --merge apply when fitting, not with --model");
    if (options.has("--model")) apply_saved_model(options, log, outputs);
    else fit_and_test(options, communicator, log, outputs);
}

}  // namespace ridgeway
