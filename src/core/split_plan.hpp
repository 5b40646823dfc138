#pragma once
// Split runs for job schedulers without MPI: `--split N` writes the plan <out>.split, each `--run-part I` computes its
// part into <out>.part<I>.<kind>, and `--merge` combines the parts into exactly the files one process writes.
//
// The plan is text: a format line, the command, the fingerprint of the command line and input files (the parts and
// the merge must match it), the number of parts, the unit of work (step 1: level-0 blocks; assoc: variants; predict:
// column tiles of the training products) and the run's total, then one line per part with its range of units. Lines
// starting with '#' describe the parts for people and are not read.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace ridgeway {

struct PartRange {
    std::size_t first = 0, count = 0;
};

struct SplitPlan {
    std::string command;  // step1, assoc or predict
    std::uint64_t fingerprint = 0;
    std::string unit;     // what the ranges count: "blocks" (step-1 level-0 blocks), "variants" or "tiles"
    std::size_t total = 0;  // units of the whole run
    std::vector<PartRange> parts;
};

// Cuts units with these weights (their work) into `parts` runs of consecutive whole units, each at least one unit,
// with sums of weights as equal as the units allow. Ranges are of units.
std::vector<PartRange> balanced_parts(const std::vector<std::size_t>& weights, std::size_t parts);

// The summed weight of the units in `range`.
std::size_t range_weight(const std::vector<std::size_t>& weights, PartRange range);

// The plan's text; `notes` (one per part) become comment lines.
std::string split_plan_text(const SplitPlan& plan, const std::vector<std::string>& notes);

// Reads a plan written by split_plan_text; a missing file or a line that breaks the format is an error naming it.
SplitPlan read_split_plan(const std::string& path);

}  // namespace ridgeway
