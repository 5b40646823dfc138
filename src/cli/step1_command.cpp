#include <filesystem>

#include <fmt/format.h>

#include "assoc/step2.hpp"
#include "cli/commands.hpp"
#include "cli/study_inputs.hpp"
#include "core/atomic_output.hpp"
#include "core/error.hpp"
#include "core/run_log.hpp"
#include "io/loco_files.hpp"
#include "linalg/precision.hpp"
#include "step1/level0_checkpoint.hpp"
#include "step1/whole_genome_ridge.hpp"

namespace ridgeway {

namespace {

Step1Settings step1_settings(const ParsedOptions& options) {
    Step1Settings settings;
    settings.block_size = options.integer("--bsize", 1000, 2, 100000);
    settings.folds = options.flag("--loocv") ? 0 : options.integer("--cv", 5, 2, 1000000);
    if (options.flag("--loocv") && options.has("--cv")) throw Error(ErrorKind::usage, "--cv and --loocv exclude each other");
    settings.threads = thread_count(options);
    settings.memory_mib = options.integer("--memory", 0, 1, 1LL << 40);
    settings.precision = parse_precision(options.text("--precision", "mixed"));
    std::filesystem::path folder = std::filesystem::path(options.required_text("--out")).parent_path();
    settings.spill_folder = folder.empty() ? "." : folder.string();
    settings.checkpoint_path = options.required_text("--out") + ".level0.resume";
    settings.resume = options.flag("--resume");
    // The same predictions need the same options (threads and memory change nothing) and unchanged input files.
    std::vector<std::string> files;
    if (options.has("--bfile"))
        for (const char* extension : {".bed", ".bim", ".fam"}) files.push_back(options.text("--bfile") + extension);
    for (const char* option : {"--pheno", "--covar", "--keep", "--remove", "--extract", "--exclude"})
        if (options.has(option)) files.push_back(options.text(option));
    settings.checkpoint_fingerprint =
        Level0Checkpoint::fingerprint(options.canonical_arguments({"--threads", "--resume", "--memory"}), files);
    return settings;
}

// Runs step 1 and writes its prediction files; returns their temporary paths, readable before the commit.
std::vector<std::string> run_step1_and_write(const Step1Settings& settings, const std::string& out,
                                             const StudyInputs& inputs, RunLog& log, OutputSet& outputs) {
    if (inputs.genotypes->has_dosages())
        log.info("Step 1 reads the dosages: their Gram products are FP64 (exact INT8 products need whole calls)");
    LocoPredictions predictions = run_step1(*inputs.genotypes, inputs.cohort, inputs.variants, settings, log);
    return write_loco_files(out, inputs.cohort_ids(), predictions, outputs);
}

}  // namespace

void run_step1_command(const ParsedOptions& options, RunLog& log, OutputSet& outputs) {
    Step1Settings settings = step1_settings(options);
    StudyInputs inputs = load_study(options, log);
    run_step1_and_write(settings, options.required_text("--out"), inputs, log, outputs);
    std::filesystem::remove(settings.checkpoint_path);  // the run is complete: nothing left to resume
}

void run_gwas_command(const ParsedOptions& options, RunLog& log, OutputSet& outputs) {
    AssocSettings settings = assoc_settings(options);
    Step1Settings step1 = step1_settings(options);
    StudyInputs inputs = load_study(options, log);
    std::vector<std::string> loco_paths = run_step1_and_write(step1, settings.out_prefix, inputs, log, outputs);
    // Step 2 reads the predictions back from the files just written, so `gwas` gives exactly what
    // `step1` followed by `assoc --pred` gives.
    std::vector<std::string> loco_names;
    for (std::size_t t = 0; t < loco_paths.size(); ++t) loco_names.push_back(loco_path(settings.out_prefix, t));
    LocoPredictions predictions =
        read_predictions(inputs.cohort.trait_names, loco_paths, loco_names, inputs.cohort_ids());
    settings.predictions = &predictions;
    report_results(run_step2(*inputs.genotypes, inputs.cohort, inputs.variants, settings, outputs, log), options, log,
                   outputs);
    std::filesystem::remove(step1.checkpoint_path);  // the run is complete: nothing left to resume
}

}  // namespace ridgeway
