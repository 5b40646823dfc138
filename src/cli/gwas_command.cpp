#include <filesystem>
#include <optional>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/conditioning_inputs.hpp"
#include "cli/gwas_steps.hpp"
#include "cluster/prediction_broadcast.hpp"
#include "core/atomic_output.hpp"
#include "core/run_log.hpp"
#include "io/loco_files.hpp"
#include "multicol/interaction_inputs.hpp"

namespace ridgeway {

namespace {

// Step 2 reads the predictions back from the files step 1 just wrote, so `gwas` gives exactly what `step1` followed
// by `assoc --pred` gives.
LocoPredictions read_written_predictions(const std::vector<std::string>& loco_paths, const std::string& out,
                                         const StudyInputs& inputs, bool gzip) {
    std::vector<std::string> loco_names;
    for (std::size_t t = 0; t < loco_paths.size(); ++t) loco_names.push_back(loco_path(out, t, gzip));
    return read_predictions(inputs.cohort.trait_names, loco_paths, loco_names, inputs.cohort_ids());
}

// Step 2's cohort and conditioning variants in place of step 1's (nothing without --condition-list).
void use_conditioning(std::optional<Step2Conditioning>& conditioning, StudyInputs& inputs, AssocSettings& settings) {
    if (!conditioning) return;
    inputs.cohort = std::move(conditioning->cohort);
    settings.conditioning_variants = std::move(conditioning->variants);
}

// Distributed (distributed_run.hpp): step 1 over the ranks, rank 0 writing the .loco files; then rank 0 reads them
// back as one process does and broadcasts those predictions, so every rank tests its part of step 2 with them.
void run_distributed_gwas(Communicator& communicator, AssocSettings& settings, Step1Settings& step1,
                          StudyInputs& inputs, std::optional<Step2Conditioning>& conditioning,
                          const ParsedOptions& options, RunLog& log, OutputSet& outputs) {
    const std::vector<std::string> loco_paths =
        run_distributed_step1(communicator, step1, inputs, settings.out_prefix, log, outputs);
    drop_haploid_variants(settings.genetic_model, *inputs.sex_chromosomes, inputs.cohort, inputs.variants, log);
    const TransferTally before_broadcast = communicator.tally();
    LocoPredictions predictions;
    if (communicator.rank() == 0)
        predictions = read_written_predictions(loco_paths, settings.out_prefix, inputs, step1.gzip_loco);
    broadcast_predictions(communicator, predictions);
    const TransferTally broadcast = tally_between(before_broadcast, communicator.tally());
    log.info(fmt::format("Step-1 predictions broadcast from rank 0 to {} ranks: {:.1f} MiB each, {:.2f} s",
                         communicator.size() - 1,
                         static_cast<double>(broadcast.bytes_sent) / (communicator.size() - 1) / (1 << 20),
                         broadcast.wait_seconds));
    settings.predictions = &predictions;
    use_conditioning(conditioning, inputs, settings);
    run_distributed_assoc(communicator, settings, inputs, options, log, outputs, before_broadcast);
}

}  // namespace

void run_gwas_command(const ParsedOptions& options, Communicator& communicator, RunLog& log, OutputSet& outputs) {
    AssocSettings settings = assoc_settings(options);
    Step1Settings step1 = step1_settings(options);
    StudyInputs inputs = load_study(options, log);
    settings.sex_chromosomes = inputs.sex_chromosomes.get();
    // Read before step 1, so that a bad --condition-list stops the run before its longest part.
    std::optional<Step2Conditioning> conditioning = load_conditioning(options, inputs, log);
    resolve_interaction(settings.multicol, *inputs.genotypes, inputs.cohort, log);
    if (communicator.size() > 1)
        return run_distributed_gwas(communicator, settings, step1, inputs, conditioning, options, log, outputs);
    const std::vector<std::string> loco_paths = run_step1_and_write(step1, settings.out_prefix, inputs, log, outputs);
    // Step 1 fits every variant, additively; step 2 tests those the genetic model applies to.
    drop_haploid_variants(settings.genetic_model, *inputs.sex_chromosomes, inputs.cohort, inputs.variants, log);
    LocoPredictions predictions = read_written_predictions(loco_paths, settings.out_prefix, inputs, step1.gzip_loco);
    settings.predictions = &predictions;
    use_conditioning(conditioning, inputs, settings);
    report_results(run_step2(*inputs.genotypes, inputs.cohort, inputs.variants, settings, outputs, log), options, log,
                   outputs);
    std::filesystem::remove(step1.checkpoint_path);  // the run is complete: nothing left to resume
}

}  // namespace ridgeway
