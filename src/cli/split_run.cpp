#include "cli/split_run.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "cli/conditioning_inputs.hpp"
#include "core/atomic_output.hpp"
#include "core/error.hpp"
#include "core/run_log.hpp"
#include "io/pgen/pgen_source.hpp"
#include "qc/selection.hpp"
#include "step1/level0_checkpoint.hpp"

namespace ridgeway {

namespace {

// Options that change no output byte besides the log and the report: results are byte-identical for any --threads and
// --memory, --level0-on-disk and --level0-prefix (which only choose whether and where step 1's level-0 predictions
// stream through a file), --resume and the split options choose how the work is run, --no-report and --locus-window
// concern only the plots and the report, --quiet only what is printed, and --print-prs, --write-samples and
// --print-pheno add files that the merge writes from what every part computes anyway.
const std::vector<std::string> kOptionsChangingNoResult{
    "--threads", "--memory", "--level0-on-disk", "--level0-prefix", "--resume", "--split", "--run-part", "--merge",
    "--no-report", "--locus-window", "--quiet", "--print-prs", "--write-samples", "--print-pheno"};

}  // namespace

std::string SplitRun::part_path(std::size_t index, const std::string& kind) const {
    return fmt::format("{}.part{}.{}", out, index, kind);
}

SplitRun split_run(const ParsedOptions& options) {
    SplitRun split;
    split.out = options.required_text("--out");
    const int given = options.has("--split") + options.has("--run-part") + options.flag("--merge");
    if (given > 1) throw Error(ErrorKind::usage, "--split, --run-part and --merge exclude each other");
    if (given == 0) return split;
    if (options.command() == "gwas")
        throw Error(ErrorKind::usage, "gwas is split as its two steps: step1 --split/--run-part/--merge, then assoc --pred "
                                      "<out>_pred.list --split/--run-part/--merge");
    if (options.flag("--resume"))
        throw Error(ErrorKind::usage, "--resume does not apply to split runs: run a failed part again instead");
    split.fingerprint = run_fingerprint(options);
    if (options.has("--split")) {
        split.mode = SplitMode::plan;
        split.parts = static_cast<std::size_t>(options.integer("--split", 0, 1, 100000));
    } else if (options.has("--run-part")) {
        split.mode = SplitMode::part;
        split.part = static_cast<std::size_t>(options.integer("--run-part", 0, 1, 100000));
    } else {
        split.mode = SplitMode::merge;
    }
    return split;
}

std::string log_prefix(const ParsedOptions& options) {
    const SplitRun split = split_run(options);
    switch (split.mode) {
        case SplitMode::plan: return split.plan_path();
        case SplitMode::part: return fmt::format("{}.part{}", split.out, split.part);
        case SplitMode::none:
        case SplitMode::merge: break;
    }
    return split.out;
}

std::uint64_t run_fingerprint(const ParsedOptions& options) {
    std::vector<std::string> files;
    if (options.has("--bfile"))
        for (const char* extension : {".bed", ".bim", ".fam"}) files.push_back(options.text("--bfile") + extension);
    if (options.has("--pfile")) {
        const std::string prefix = options.text("--pfile");
        files.push_back(prefix + ".pgen");
        files.push_back(prefix + ".psam");
        files.push_back(pvar_path(prefix));
    }
    for (const char* option : {"--vcf", "--bcf", "--bgen", "--sample", "--bgi", "--pheno", "--covar", "--pred",
                               "--test-keep"})
        if (options.has(option)) files.push_back(options.text(option));
    for (const char* option : {"--keep", "--remove", "--extract", "--exclude"})
        if (options.has(option))
            for (const std::string& path : list_files(options.text(option))) files.push_back(path);
    for (const std::string& path : conditioning_files(options)) files.push_back(path);
    return Level0Checkpoint::fingerprint(options.canonical_arguments(kOptionsChangingNoResult), files);
}

std::vector<PartRange> balanced_unit_parts(const std::vector<VariantBlock>& units, std::size_t parts) {
    std::vector<std::size_t> weights;
    for (const VariantBlock& block : units) weights.push_back(block.count);
    return balanced_parts(weights, parts);
}

PartRange variant_range(const std::vector<VariantBlock>& units, const PartRange& range) {
    const VariantBlock& last = units[range.first + range.count - 1];
    return {units[range.first].first, last.first + last.count - units[range.first].first};
}

namespace {

// More parts than units of work is a usage error; `units` names them.
void check_part_count(const SplitRun& split, std::size_t count, const std::string& units) {
    if (split.parts > count)
        throw Error(ErrorKind::usage, fmt::format("--split {}: this run has only {} {} to share out; use at most {} parts",
                                                  split.parts, count, units, count));
}

// Writes `plan`, each part described by its note, and logs them and what to run next.
void save_split_plan(const SplitRun& split, const SplitPlan& plan, const std::vector<std::string>& notes,
                     OutputSet& outputs, RunLog& log) {
    write_output_file(outputs, split.plan_path(), split_plan_text(plan, notes));
    log.info(fmt::format("Split plan: {} parts of {} {} in all", split.parts, plan.total, plan.unit));
    for (std::size_t k = 0; k < notes.size(); ++k) log.info(fmt::format("  part {}: {}", k + 1, notes[k]));
    log.info(fmt::format("Next: run the same command with --run-part I for I = 1 .. {} (in any order, anywhere), then "
                         "with --merge",
                         split.parts));
}

}  // namespace

void write_split_plan(const SplitRun& split, const std::string& command, const std::vector<VariantBlock>& units,
                      const std::string& unit, OutputSet& outputs, RunLog& log) {
    check_part_count(split, units.size(), unit == "blocks" ? "level-0 blocks" : "blocks of variants");
    SplitPlan plan{command, split.fingerprint, unit, 0, {}};
    plan.total = unit == "blocks" ? units.size() : units.back().first + units.back().count;
    std::vector<std::string> notes;
    for (const PartRange& range : balanced_unit_parts(units, split.parts)) {
        const VariantBlock& first = units[range.first];
        const VariantBlock& last = units[range.first + range.count - 1];
        const PartRange selected = variant_range(units, range);
        const std::size_t variants = selected.count;
        plan.parts.push_back(unit == "blocks" ? range : selected);
        notes.push_back(fmt::format("{} variants ({} to {} of the selected variants), chromosome code {} to {}",
                                    variants, first.first + 1, first.first + variants, first.chromosome, last.chromosome));
    }
    save_split_plan(split, plan, notes, outputs, log);
}

void write_tile_split_plan(const SplitRun& split, const std::vector<std::size_t>& tile_products, std::size_t width,
                           std::size_t samples, OutputSet& outputs, RunLog& log) {
    check_part_count(split, tile_products.size(),
                     fmt::format("column tiles of training products ({} training samples each)", width));
    SplitPlan plan{"predict", split.fingerprint, "tiles", tile_products.size(), {}};
    std::vector<std::string> notes;
    for (const PartRange& range : balanced_parts(tile_products, split.parts)) {
        plan.parts.push_back(range);
        notes.push_back(fmt::format("{} products: tiles {} to {} of {}, training samples {} to {} with every later one",
                                    range_weight(tile_products, range), range.first + 1, range.first + range.count, tile_products.size(),
                                    range.first * width + 1, std::min(samples, (range.first + range.count) * width)));
    }
    save_split_plan(split, plan, notes, outputs, log);
}

SplitPlan checked_split_plan(const SplitRun& split, const std::string& command, std::size_t total) {
    SplitPlan plan = read_split_plan(split.plan_path());
    if (plan.command != command || plan.fingerprint != split.fingerprint || plan.total != total)
        throw Error(ErrorKind::inconsistent,
                    fmt::format("{}: the plan was written by another command line or for other input files; give the "
                                "options of the --split run (only --threads and --memory may differ) or plan again",
                                split.plan_path()));
    if (split.mode == SplitMode::part && split.part > plan.parts.size())
        throw Error(ErrorKind::usage, fmt::format("--run-part {}: the plan {} has {} parts", split.part, split.plan_path(),
                                                  plan.parts.size()));
    return plan;
}

}  // namespace ridgeway
