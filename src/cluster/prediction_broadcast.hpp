#pragma once
// How `gwas` gives step 2 on every rank the step-1 predictions rank 0 computed: their doubles bit for bit, so each
// rank's step 2 sees what a single process's sees. At UK Biobank scale that is N x 22 chromosomes x T doubles, about
// 0.9 GB per rank for N = 500,000 and 10 traits.
#include "cluster/communicator.hpp"
#include "step1/loco_predictions.hpp"

namespace ridgeway {

// Called by every rank at the same point: rank 0's `predictions` replace the others'.
void broadcast_predictions(Communicator& communicator, LocoPredictions& predictions);

}  // namespace ridgeway
