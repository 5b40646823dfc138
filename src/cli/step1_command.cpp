#include <filesystem>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/distributed_run.hpp"
#include "cli/gwas_steps.hpp"
#include "cli/split_run.hpp"
#include "cli/study_inputs.hpp"
#include "cluster/level1_exchange.hpp"
#include "cluster/part_exchange.hpp"
#include "core/atomic_output.hpp"
#include "core/error.hpp"
#include "core/run_log.hpp"
#include "core/stopwatch.hpp"
#include "io/loco_files.hpp"
#include "linalg/precision.hpp"
#include "qc/variant_blocks.hpp"
#include "step1/whole_genome_ridge.hpp"

namespace ridgeway {

Step1Settings step1_settings(const ParsedOptions& options) {
    Step1Settings settings;
    settings.block_size = options.integer("--bsize", 1000, 2, 100000);
    settings.folds = options.flag("--loocv") ? 0 : options.integer("--cv", 5, 2, 1000000);
    if (options.flag("--loocv") && options.has("--cv")) throw Error(ErrorKind::usage, "--cv and --loocv exclude each other");
    settings.threads = thread_count(options);
    settings.memory_mib = options.integer("--memory", 0, 1, 1LL << 40);
    settings.precision = parse_precision(options.text("--precision", "mixed"));
    std::filesystem::path folder = std::filesystem::path(options.required_text("--out")).parent_path();
    settings.stream_level0 = options.flag("--level0-on-disk");
    settings.gzip_loco = options.flag("--gz");
    settings.print_prs = options.flag("--print-prs");
    settings.spill_prefix = options.text("--level0-prefix", (folder.empty() ? "." : folder.string()) + "/ridgeway");
    settings.checkpoint_path = options.required_text("--out") + ".level0.resume";
    settings.resume = options.flag("--resume");
    // The same predictions need the same options (threads and memory change nothing) and unchanged input files.
    settings.checkpoint_fingerprint = run_fingerprint(options);
    return settings;
}

std::vector<std::string> run_step1_and_write(const Step1Settings& settings, const std::string& out,
                                             const StudyInputs& inputs, RunLog& log, OutputSet& outputs) {
    if (inputs.genotypes->has_dosages())
        log.info("Step 1 reads the dosages: their Gram products are FP64 (exact INT8 products need whole calls)");
    LocoPredictions predictions = run_step1(*inputs.genotypes, inputs.cohort, inputs.variants, settings, log);
    if (settings.print_prs) {
        write_prs_files(out, inputs.cohort_ids(), predictions, outputs, settings.gzip_loco);
        log.info(fmt::format("Whole-genome predictions (--print-prs, not leave-one-chromosome-out): {}_<k>.prs{}, "
                             "listed in {}_prs.list", out, settings.gzip_loco ? ".gz" : "", out));
    }
    return write_loco_files(out, inputs.cohort_ids(), predictions, outputs, settings.gzip_loco);
}

namespace {

// --split, --run-part or --merge (split_run.hpp): the plan, one part's level 0, or level 1 on the parts' level 0.
void run_split_step1(const SplitRun& split, Step1Settings& settings, const StudyInputs& inputs, RunLog& log,
                     OutputSet& outputs) {
    const auto blocks = make_blocks(*inputs.genotypes, inputs.variants, settings.block_size);
    if (split.mode == SplitMode::plan) return write_split_plan(split, "step1", blocks, "blocks", outputs, log);
    const SplitPlan plan = checked_split_plan(split, "step1", blocks.size());
    settings.resume = false;
    if (split.mode == SplitMode::part) {
        const PartRange range = plan.parts[split.part - 1];
        settings.checkpoint_path = outputs.add(split.part_path(split.part, "level0"));
        log.info(fmt::format("Part {} of {}", split.part, plan.parts.size()));
        return run_step1_part(*inputs.genotypes, inputs.cohort, inputs.variants, settings, range.first,
                              range.first + range.count, log);
    }
    settings.checkpoint_path.clear();
    for (std::size_t k = 0; k < plan.parts.size(); ++k)
        settings.level0_parts.push_back({split.part_path(k + 1, "level0"), plan.parts[k].first, plan.parts[k].count, {}});
    run_step1_and_write(settings, split.out, inputs, log, outputs);
}

}  // namespace

// Each rank computes level 0 of its part into memory and sends it to rank 0, which takes the parts in rank order as
// the split run's merge reads part files; then level 1 runs over the ranks by trait (cluster/level1_exchange), and
// rank 0 writes the files.
std::vector<std::string> run_distributed_step1(Communicator& communicator, Step1Settings& settings,
                                               const StudyInputs& inputs, const std::string& out, RunLog& log,
                                               OutputSet& outputs) {
    const Stopwatch start;
    const auto blocks = make_blocks(*inputs.genotypes, inputs.variants, settings.block_size);
    const std::vector<PartRange> parts = rank_parts(blocks, communicator);
    PartExchange exchange(communicator, parts.size(), communicator.tally());
    auto part_name = [](std::size_t rank) { return fmt::format("the level-0 part of rank {}", rank); };
    if (exchange.has_part()) {
        const PartRange range = parts[communicator.rank()];
        exchange.compute(range.count, [&](std::FILE* stream) {
            Step1Settings part = settings;
            part.checkpoint_path = part_name(communicator.rank());
            part.part_stream = stream;
            run_step1_part(*inputs.genotypes, inputs.cohort, inputs.variants, part, range.first,
                           range.first + range.count, log);
        });
    }
    if (communicator.rank() != 0) {
        exchange.send();
        fit_level1_for_root(communicator, inputs.cohort.trait_names.size(),
                            level1_fitter(*inputs.genotypes, inputs.cohort, inputs.variants, settings, log));
        return {};
    }
    settings.checkpoint_path.clear();
    settings.level1_scheduler = level1_over_ranks(communicator, log);
    for (std::size_t k = 0; k < parts.size(); ++k)
        settings.level0_parts.push_back(
            {part_name(k), parts[k].first, parts[k].count, [&exchange, k] { return exchange.take(k); }});
    std::vector<std::string> loco_paths = run_step1_and_write(settings, out, inputs, log, outputs);
    exchange.log_ranks(log, "level-0 blocks");
    log.info(fmt::format("Step 1 done in {:.2f} s over {} ranks (level 0 by blocks, then level 1 by traits)",
                         start.seconds(), communicator.size()));
    return loco_paths;
}

void run_step1_command(const ParsedOptions& options, Communicator& communicator, RunLog& log, OutputSet& outputs) {
    const SplitRun split = split_run(options);
    Step1Settings settings = step1_settings(options);
    StudyInputs inputs = load_study(options, log);
    if (communicator.size() > 1) {
        run_distributed_step1(communicator, settings, inputs, options.required_text("--out"), log, outputs);
        return;
    }
    if (split.mode != SplitMode::none) return run_split_step1(split, settings, inputs, log, outputs);
    run_step1_and_write(settings, options.required_text("--out"), inputs, log, outputs);
    std::filesystem::remove(settings.checkpoint_path);  // the run is complete: nothing left to resume
}

}  // namespace ridgeway
