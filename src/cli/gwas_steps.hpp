#pragma once
// The steps `gwas` chains, as the step1 and assoc commands run them: in one process or distributed over the ranks
// (distributed_run.hpp).
#include <string>
#include <vector>

#include "assoc/step2.hpp"
#include "cli/option_table.hpp"
#include "cli/study_inputs.hpp"
#include "cluster/communicator.hpp"
#include "step1/whole_genome_ridge.hpp"

namespace ridgeway {

class OutputSet;
class RunLog;

Step1Settings step1_settings(const ParsedOptions& options);

// Runs step 1 and writes its prediction files; returns their temporary paths, readable before the commit.
std::vector<std::string> run_step1_and_write(const Step1Settings& settings, const std::string& out,
                                             const StudyInputs& inputs, RunLog& log, OutputSet& outputs);

// Step 1 over the ranks: on rank 0, what run_step1_and_write returns; nothing on the others.
std::vector<std::string> run_distributed_step1(Communicator& communicator, Step1Settings& settings,
                                               const StudyInputs& inputs, const std::string& out, RunLog& log,
                                               OutputSet& outputs);

// Step 2 over the ranks, rank 0 writing the results and report; the per-rank lines of rank 0's log count the
// transfers since `since` (a tally of this rank).
void run_distributed_assoc(Communicator& communicator, const AssocSettings& settings, const StudyInputs& inputs,
                           const ParsedOptions& options, RunLog& log, OutputSet& outputs, const TransferTally& since);

}  // namespace ridgeway
