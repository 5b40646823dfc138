#pragma once
// `mpirun -np R ridgeway predict ...`: every rank reads the inputs and sets up the fit as one process does, then the
// column tiles of the training products (the O(N^2 M) phase) are dealt to the ranks in consecutive ranges of about
// equal numbers of products. Each rank computes its tiles as one process would and sends their values to rank 0
// (cluster/part_exchange), which assembles the packed products, bit for bit those of one process, and does
// everything else alone: median distance, cross-validation, factorization, predictions and files.
#include "cluster/communicator.hpp"
#include "predict/model_training.hpp"

namespace ridgeway {

class RunLog;

// TrainingGram's own constructor under one rank; under more, the tiles dealt to the ranks, rank 0's log listing what
// each did. `communicator`, `settings` and `log` must outlive the maker.
GramMaker gram_maker(Communicator& communicator, const KernelRidgeSettings& settings, RunLog& log);

}  // namespace ridgeway
