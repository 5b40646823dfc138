#pragma once
// Level 1 of a distributed step 1, spread over the ranks by trait: trait t is fitted by rank t mod R. Level 1 fits
// each trait on its own N x c matrix W of level-0 predictions, so traits need nothing from each other. Rank 0, which
// assembled W from the ranks' level-0 parts, works in rounds: it sends each other rank the W of its next trait (N x c
// doubles, bit for bit), fits its own next trait meanwhile, then receives the others' fits (the LOCO predictions,
// the cross-validated R2 and the solves' tally). Every rank fits with the fitter run_step1 uses
// (step1/whole_genome_ridge), whose values do not depend on the thread count, so the .loco files are those of one
// process, byte for byte, and level 1 takes the time of ceil(T / R) traits instead of T.
#include <cstddef>

#include "cluster/communicator.hpp"
#include "step1/whole_genome_ridge.hpp"

namespace ridgeway {

class RunLog;

// Rank 0's level 1: the scheduler for Step1Settings, which logs a line for each rank's traits and time and one for
// the bytes moved. `communicator` and `log` must outlive it.
Level1Scheduler level1_over_ranks(Communicator& communicator, RunLog& log);

// A rank other than 0: fits its traits of `traits` (t mod R == its rank), each on the W rank 0 sends, and sends back
// each fit. Returns at once when it has none.
void fit_level1_for_root(Communicator& communicator, std::size_t traits, const Level1Fitter& fit);

}  // namespace ridgeway
