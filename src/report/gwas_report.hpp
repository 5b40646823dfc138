#pragma once
// The report of a run: per trait a Manhattan and a QQ plot (PNG and SVG), a table of significant loci, and one
// self-contained HTML file, <out>.report.html, with the images embedded, lambda_GC and loci per trait (and, where a
// case/control correction was applied, lambda_GC of the corrected variants), and the run's log so far (inputs,
// counts, step-1 cross-validation, timings, warnings). Nothing in it loads from the network.
#include <string>
#include <vector>

namespace ridgeway {

class OutputSet;
class RunLog;

struct ResultSource {
    std::string readable_path;  // where the file can be read now (a temporary name before the run commits)
    std::string shown_path;     // its name in the report
    std::string trait;          // empty: from the file name
};

struct ReportSettings {
    std::string out_prefix;
    std::uint32_t locus_window = 500'000;  // base pairs between significant variants of one locus
    std::size_t memory_mib = 0;            // --memory; 0 means no budget
    double p_threshold = 0.05;             // --pThresh: case/control corrections applied to variants below it
};

void write_gwas_report(const std::vector<ResultSource>& results, const ReportSettings& settings, RunLog& log,
                       OutputSet& outputs);

}  // namespace ridgeway
