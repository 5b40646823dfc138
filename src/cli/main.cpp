// The ridgeway executable: parse the command line, run one command, and turn any error into one line on stderr and
// its category's exit code. Outputs appear under their final names only when the whole command succeeded.
#include <cstdio>
#include <malloc.h>
#include <memory>
#include <new>
#include <string>
#include <thread>

#include <cblas.h>
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/distributed_run.hpp"
#include "cli/split_run.hpp"
#include "cluster/communicator.hpp"
#include "core/atomic_output.hpp"
#include "core/error.hpp"
#include "core/progress.hpp"
#include "core/run_log.hpp"

namespace ridgeway {

int thread_count(const ParsedOptions& options) {
    int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    return static_cast<int>(options.integer("--threads", cores, 1, 4096));
}

namespace {

std::string join_command_line(int argc, char** argv) {
    std::string line = "ridgeway";
    for (int i = 1; i < argc; ++i) line += std::string(" ") + argv[i];
    return line;
}

void dispatch(const ParsedOptions& options, Communicator& communicator, RunLog& log, OutputSet& outputs) {
    if (options.command() == "assoc") return run_assoc_command(options, communicator, log, outputs);
    if (options.command() == "simulate") return run_simulate_command(options, log, outputs);
    if (options.command() == "step1") return run_step1_command(options, communicator, log, outputs);
    if (options.command() == "gwas") return run_gwas_command(options, communicator, log, outputs);
    if (options.command() == "plot") return run_plot_command(options, log, outputs);
    if (options.command() == "predict") return run_predict_command(options, communicator, log, outputs);
    throw Error(ErrorKind::usage, "unknown command " + options.command());
}

// One line on stderr (naming the rank in a distributed run) and, on rank 0, the failed run's log. In a distributed run
// the other ranks wait for this one's part or for rank 0's receive, so the whole run ends here.
int report_failure(Communicator& communicator, RunLog* log, const std::string& out, int exit_code,
                   const std::string& message) {
    if (communicator.size() > 1)
        std::fprintf(stderr, "Error (rank %d of %d): %s\n", communicator.rank(), communicator.size(), message.c_str());
    else
        std::fprintf(stderr, "Error: %s\n", message.c_str());
    if (log != nullptr && communicator.rank() == 0) {
        log->detail("Error: " + message);
        log->close_with_resources();
        if (!out.empty()) log->save(out + ".failed.log");
    }
    if (communicator.size() > 1) communicator.abort(exit_code);
    return exit_code;
}

}  // namespace

int run(int argc, char** argv) {
    // Parallelism comes from ridgeway's own threads over blocks; a BLAS pool inside each small product only competes.
    openblas_set_num_threads(1);
    // Matrices of a megabyte or more are mapped and unmapped directly: glibc's adaptive threshold would otherwise move
    // the many Gram-sized matrices of step 1 onto the heap, where freed ones inflate the peak footprint.
    mallopt(M_MMAP_THRESHOLD, 1 << 20);
    // Up to 64 MiB freed at the top of the heap stays there: per-variant buffers just under the threshold above would
    // otherwise go back to the kernel when freed and fault back in, page by page, for the next variant.
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    const std::unique_ptr<Communicator> communicator = start_communicator(argc, argv);
    std::string out;
    try {
        ParsedOptions options = parse_command_line(argc, argv);
        check_output_prefix(options.required_text("--out"));
        out = log_prefix(options);  // <out>, or the plan's or part's own name in a split run
        // After log_prefix, whose check of the split options tells `gwas --split` how to split it under mpirun too.
        check_distributed_command(options, *communicator);
        // Only rank 0 prints and writes the log; what the other ranks did is in it (cluster/part_exchange.hpp).
        const bool root = communicator->rank() == 0;
        show_progress(root && !options.flag("--quiet"));
        RunLog log(join_command_line(argc, argv),
                   !root ? Console::none : options.flag("--quiet") ? Console::warnings : Console::all);
        if (root) log.write_as_it_goes(out + ".running.log");
        OutputSet outputs;
        try {
            dispatch(options, *communicator, log, outputs);
            outputs.commit();
        } catch (const Error& error) {
            return report_failure(*communicator, &log, out, error.exit_code(), error.what());
        } catch (const std::bad_alloc&) {
            return report_failure(*communicator, &log, out, static_cast<int>(ErrorKind::resources), "out of memory");
        }
        if (communicator->rank() != 0) return 0;
        for (const auto& path : outputs.final_paths()) log.info("Written: " + path);
        log.info("Written: " + out + ".log");
        log.close_with_resources();
        log.save(out + ".log");
        return 0;
    } catch (const Error& error) {
        return report_failure(*communicator, nullptr, out, error.exit_code(), error.what());
    }
}

}  // namespace ridgeway

int main(int argc, char** argv) { return ridgeway::run(argc, argv); }
