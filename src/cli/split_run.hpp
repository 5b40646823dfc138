#pragma once
// The command-line side of split runs (core/split_plan.hpp): which of --split, --run-part and --merge was given, the
// plan and part files of --out, and the checks that a part or merge belongs to the plan.
#include <cstdint>
#include <string>
#include <vector>

#include "cli/option_table.hpp"
#include "core/split_plan.hpp"
#include "qc/variant_blocks.hpp"

namespace ridgeway {

class OutputSet;
class RunLog;

enum class SplitMode { none, plan, part, merge };

struct SplitRun {
    SplitMode mode = SplitMode::none;
    std::size_t parts = 0;  // --split N
    std::size_t part = 0;   // --run-part I (from 1)
    std::string out;        // --out
    std::uint64_t fingerprint = 0;  // of this command line and its input files

    std::string plan_path() const { return out + ".split"; }
    // <out>.part<I>.<kind>: the level-0 blocks of step 1 (kind level0), the rows of assoc (kind assoc) or the training
    // products of predict (kind gram).
    std::string part_path(std::size_t index, const std::string& kind) const;
};

// The split options given; more than one of them, one with --resume, or any with gwas (split as step1, then assoc),
// is a usage error.
SplitRun split_run(const ParsedOptions& options);

// Where the log goes: <out>.split.log for --split, <out>.part<I>.log for --run-part, else <out>.log (".log" added).
// Checks the split options first, so that their usage errors come before the run starts.
std::string log_prefix(const ParsedOptions& options);

// The fingerprint of everything a run's results depend on: the command line without the options that change no
// result (--threads, --memory, --resume, the split options, --no-report, --locus-window and --quiet) and the size and
// time of every input file. It identifies --resume's checkpoint and a split run's plan and parts.
std::uint64_t run_fingerprint(const ParsedOptions& options);

// `units` (step 1's level-0 blocks, or the blocks step 2 tests together) cut into `parts` runs of about equal numbers
// of variants, as ranges of units.
std::vector<PartRange> balanced_unit_parts(const std::vector<VariantBlock>& units, std::size_t parts);
// The selected variants a range of units covers.
PartRange variant_range(const std::vector<VariantBlock>& units, const PartRange& range);

// --split: writes the plan that cuts `units` (step 1's level-0 blocks, or the blocks step 2 tests together) into
// parts of about equal numbers of variants. The plan's ranges count `unit`: "blocks" (ranges of `units`) or
// "variants" (ranges of the selected variants). More parts than units is a usage error.
void write_split_plan(const SplitRun& split, const std::string& command, const std::vector<VariantBlock>& units,
                      const std::string& unit, OutputSet& outputs, RunLog& log);

// predict --split: writes the plan that cuts the column tiles of the training products of `samples` training samples
// (`tile_products` products in each, `width` samples wide) into parts of about equal numbers of products. More parts
// than tiles is a usage error.
void write_tile_split_plan(const SplitRun& split, const std::vector<std::size_t>& tile_products, std::size_t width,
                           std::size_t samples, OutputSet& outputs, RunLog& log);

// --run-part and --merge: the plan, checked against this command line (its fingerprint, command and total of units)
// and, for a part, its index.
SplitPlan checked_split_plan(const SplitRun& split, const std::string& command, std::size_t total);

}  // namespace ridgeway
