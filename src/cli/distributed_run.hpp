#pragma once
// The command-line side of distributed runs (`mpirun -np R ridgeway step1|assoc|gwas|predict ...`, see
// cluster/part_exchange.hpp and cli/distributed_gram.hpp): which commands run distributed, and the parts of the ranks.
#include <vector>

#include "cli/option_table.hpp"
#include "cluster/communicator.hpp"
#include "core/split_plan.hpp"
#include "qc/variant_blocks.hpp"

namespace ridgeway {

// Under more than one rank, only step1, assoc, gwas and predict (fitting, not applying a --model) run, without
// --split/--run-part/--merge (a distributed run is its own split) and --resume; anything else is a usage error
// before any work.
void check_distributed_command(const ParsedOptions& options, const Communicator& communicator);

// The ranks' parts of `units` (step 1's level-0 blocks, or the blocks step 2 tests together), as ranges of units:
// the parts of a split plan with one part per rank, or one per unit when there are more ranks than units.
std::vector<PartRange> rank_parts(const std::vector<VariantBlock>& units, const Communicator& communicator);

}  // namespace ridgeway
