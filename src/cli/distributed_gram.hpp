#pragma once
// The training products of `predict` (the O(N^2 M) phase) computed in parts of their column tiles, outside one
// process: by MPI ranks or by the parts of a split run.
//
// `mpirun -np R ridgeway predict ...`: every rank reads the inputs and sets up the fit as one process does, then the
// tiles are dealt to the ranks in consecutive ranges of about equal numbers of products. Each rank computes its tiles
// as one process would and sends their values to rank 0 (cluster/part_exchange), which assembles the packed products,
// bit for bit those of one process, and does everything else alone: median distance, cross-validation,
// factorization, predictions and files.
//
// `predict --split N / --run-part I / --merge`: the plan's parts are the same ranges of tiles; part I writes its
// values to <out>.part<I>.gram (predict/gram_part_file), and the merge assembles them as rank 0 does and goes on
// as one process.
#include "cli/split_run.hpp"
#include "cluster/communicator.hpp"
#include "predict/model_training.hpp"

namespace ridgeway {

class OutputSet;
class RunLog;

// TrainingGram's own constructor under one rank; under more, the tiles dealt to the ranks, rank 0's log listing what
// each did. `communicator`, `settings` and `log` must outlive the maker.
GramMaker gram_maker(Communicator& communicator, const KernelRidgeSettings& settings, RunLog& log);

// For --run-part: computes the part's tiles into its part file and returns nothing; for --merge: the products
// assembled from every part's file. `split`, `plan`, `settings`, `outputs` and `log` must outlive the maker.
GramMaker split_gram_maker(const SplitRun& split, const SplitPlan& plan, const KernelRidgeSettings& settings,
                           OutputSet& outputs, RunLog& log);

}  // namespace ridgeway
