#pragma once
// One function per subcommand: each turns parsed options into typed settings and calls the library.
#include <vector>

#include "cli/option_table.hpp"

namespace ridgeway {

class Communicator;
class OutputSet;
class RunLog;

struct AssocSettings;
struct WrittenResult;

// step1, assoc, gwas and predict run distributed when the communicator has more than one rank (distributed_run.hpp).
void run_assoc_command(const ParsedOptions& options, Communicator& communicator, RunLog& log, OutputSet& outputs);
void run_step1_command(const ParsedOptions& options, Communicator& communicator, RunLog& log, OutputSet& outputs);
void run_gwas_command(const ParsedOptions& options, Communicator& communicator, RunLog& log, OutputSet& outputs);
void run_simulate_command(const ParsedOptions& options, RunLog& log, OutputSet& outputs);
void run_plot_command(const ParsedOptions& options, RunLog& log, OutputSet& outputs);
void run_predict_command(const ParsedOptions& options, Communicator& communicator, RunLog& log, OutputSet& outputs);

// --threads, defaulting to every core.
int thread_count(const ParsedOptions& options);
// Step-2 settings shared by assoc and gwas.
AssocSettings assoc_settings(const ParsedOptions& options);
// --interaction, --interaction-snp, --no-robust, --test (multicol/): into settings.multicol, after the other step-2
// options; combinations that do not apply are usage errors.
void read_multicol_options(const ParsedOptions& options, AssocSettings& settings);
// The plots and HTML report of step 2's results, unless --no-report.
void report_results(const std::vector<WrittenResult>& results, const ParsedOptions& options, RunLog& log,
                    OutputSet& outputs);

}  // namespace ridgeway
