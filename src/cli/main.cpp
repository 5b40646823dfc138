// The ridgeway executable: parse the command line, run one command, and turn any error into one line on stderr and
// its category's exit code. Outputs appear under their final names only when the whole command succeeded.
#include <cstdio>
#include <malloc.h>
#include <new>
#include <string>
#include <thread>

#include <cblas.h>
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/split_run.hpp"
#include "core/atomic_output.hpp"
#include "core/error.hpp"
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

void dispatch(const ParsedOptions& options, RunLog& log, OutputSet& outputs) {
    if (options.command() == "assoc") return run_assoc_command(options, log, outputs);
    if (options.command() == "simulate") return run_simulate_command(options, log, outputs);
    if (options.command() == "step1") return run_step1_command(options, log, outputs);
    if (options.command() == "gwas") return run_gwas_command(options, log, outputs);
    if (options.command() == "plot") return run_plot_command(options, log, outputs);
    if (options.command() == "predict") return run_predict_command(options, log, outputs);
    throw Error(ErrorKind::usage, "unknown command " + options.command());
}

int report_failure(RunLog& log, const std::string& out, int exit_code, const std::string& message) {
    std::fprintf(stderr, "Error: %s\n", message.c_str());
    log.detail("Error: " + message);
    log.close_with_resources();
    if (!out.empty()) log.save(out + ".failed.log");
    return exit_code;
}

}  // namespace

int run(int argc, char** argv) {
    // Parallelism comes from ridgeway's own threads over blocks; a BLAS pool inside each small product only competes.
    openblas_set_num_threads(1);
    // Matrices of a megabyte or more are mapped and unmapped directly: glibc's adaptive threshold would otherwise move
    // the many Gram-sized matrices of step 1 onto the heap, where freed ones inflate the peak footprint.
    mallopt(M_MMAP_THRESHOLD, 1 << 20);
    std::string out;
    try {
        ParsedOptions options = parse_command_line(argc, argv);
        check_output_prefix(options.required_text("--out"));
        out = log_prefix(options);  // <out>, or the plan's or part's own name in a split run
        RunLog log(join_command_line(argc, argv), false);
        OutputSet outputs;
        try {
            dispatch(options, log, outputs);
            outputs.commit();
        } catch (const Error& error) {
            return report_failure(log, out, error.exit_code(), error.what());
        } catch (const std::bad_alloc&) {
            return report_failure(log, out, static_cast<int>(ErrorKind::resources), "out of memory");
        }
        for (const auto& path : outputs.final_paths()) log.info("Written: " + path);
        log.info("Written: " + out + ".log");
        log.close_with_resources();
        log.save(out + ".log");
        return 0;
    } catch (const Error& error) {
        std::fprintf(stderr, "Error: %s\n", error.what());
        return error.exit_code();
    }
}

}  // namespace ridgeway

int main(int argc, char** argv) { return ridgeway::run(argc, argv); }
