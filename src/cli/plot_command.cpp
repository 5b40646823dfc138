#include <fmt/format.h>

#include "assoc/step2.hpp"
#include "cli/commands.hpp"
#include "core/error.hpp"
#include "core/run_log.hpp"
#include "report/gwas_report.hpp"

namespace ridgeway {

namespace {

ReportSettings report_settings(const ParsedOptions& options) {
    ReportSettings settings;
    settings.out_prefix = options.required_text("--out");
    settings.locus_window = static_cast<std::uint32_t>(options.integer("--locus-window", 500, 0, 1'000'000) * 1000);
    settings.memory_mib = options.integer("--memory", 0, 1, 1LL << 40);
    settings.p_threshold = options.number("--pThresh", 0.05, 0.0, 1.0);
    return settings;
}

}  // namespace

void report_results(const std::vector<WrittenResult>& results, const ParsedOptions& options, RunLog& log,
                    OutputSet& outputs) {
    if (options.flag("--no-report")) return;
    std::vector<ResultSource> sources;
    for (const auto& result : results) sources.push_back({result.temporary_path, result.final_path, result.trait});
    write_gwas_report(sources, report_settings(options), log, outputs);
}

void run_plot_command(const ParsedOptions& options, RunLog& log, OutputSet& outputs) {
    std::vector<ResultSource> sources;
    for (const auto& path : options.positionals()) sources.push_back({path, path, ""});
    log.info(fmt::format("Plotting {} result file(s)", sources.size()));
    write_gwas_report(sources, report_settings(options), log, outputs);
}

}  // namespace ridgeway
