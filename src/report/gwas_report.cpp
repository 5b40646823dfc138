#include "report/gwas_report.hpp"

#include <cmath>
#include <cstdint>

#include <fmt/format.h>

#include "core/atomic_output.hpp"
#include "core/memory_budget.hpp"
#include "core/run_log.hpp"
#include "report/gwas_summary.hpp"
#include "report/html_page.hpp"
#include "report/plots.hpp"
#include "report/result_table.hpp"
#include "stats/distributions.hpp"

namespace ridgeway {

namespace {

std::string loci_table_text(const std::vector<Locus>& loci) {
    std::string text = "#CHROM\tSTART\tEND\tN_SIGNIFICANT\tLEAD_ID\tLEAD_POS\tLEAD_P\tLEAD_LOG10P\n";
    for (const Locus& locus : loci)
        text += fmt::format("{}\t{}\t{}\t{}\t{}\t{}\t{}\t{:.6g}\n", locus.chromosome, locus.start, locus.end, locus.variants,
                            locus.lead_id, locus.lead_position, format_p_from_log10(-locus.lead_minus_log10_p),
                            locus.lead_minus_log10_p);
    return text;
}

// The corrected variants' count and lambda_GC given the threshold they were selected below.
std::pair<std::size_t, QqCorrection> correction_summary(const ResultTable& table, double p_threshold) {
    std::vector<float> corrected;
    for (std::size_t i = 0; i < table.corrected.size(); ++i)
        if (table.corrected[i]) corrected.push_back(table.minus_log10_p[i]);
    if (corrected.empty()) return {0, QqCorrection{}};
    return {corrected.size(), QqCorrection{table.correction, p_threshold, selected_inflation(corrected, p_threshold)}};
}

}  // namespace

void write_gwas_report(const std::vector<ResultSource>& results, const ReportSettings& settings, RunLog& log,
                       OutputSet& outputs) {
    HtmlPage page("ridgeway report: " + settings.out_prefix);
    page.paragraph(version_line());
    std::vector<TraitSection> sections;
    for (const ResultSource& source : results) {
        std::size_t max_rows = static_cast<std::size_t>(-1);
        if (settings.memory_mib > 0) {
            const std::size_t budget = settings.memory_mib << 20, held = resident_bytes();
            max_rows = budget > held ? (budget - held) / kBytesPerResultRow : 0;
        }
        ResultTable table = read_result_table(source.readable_path, source.trait, max_rows);
        const double lambda = genomic_inflation(table.minus_log10_p);
        const auto loci = significant_loci(table, kGenomeWideMinusLog10P, settings.locus_window);
        std::size_t suggestive = 0;
        for (float v : table.minus_log10_p) suggestive += v >= kSuggestiveMinusLog10P;
        const std::string stem = settings.out_prefix + "." + table.trait;
        RenderedPlot manhattan = draw_manhattan(table, loci);
        const auto [corrected, correction] = correction_summary(table, settings.p_threshold);
        RenderedPlot qq = draw_qq(table, lambda, correction);
        write_output_file(outputs, stem + ".manhattan.png", manhattan.png);
        write_output_file(outputs, stem + ".manhattan.svg", manhattan.svg);
        write_output_file(outputs, stem + ".qq.png", qq.png);
        write_output_file(outputs, stem + ".qq.svg", qq.svg);
        write_output_file(outputs, stem + ".loci.tsv", loci_table_text(loci));
        log.info(fmt::format("{}: lambda_GC {:.6f} over {} variants; {} significant loci (p < 5e-8, window {} kb); "
                             "{} variants with p < 1e-5; plots drew {} and {} points",
                             table.trait, lambda, table.size(), loci.size(), settings.locus_window / 1000, suggestive,
                             manhattan.points_drawn, qq.points_drawn));
        if (corrected > 0)
            log.info(fmt::format("{}: lambda_GC {:.6f} over the {} variants corrected by {} (uncorrected p below "
                                 "--pThresh {:g}: median chi-square over {:.6f}, the null median given that selection)",
                                 table.trait, correction.lambda_gc, corrected, correction.name, settings.p_threshold,
                                 selected_null_median_chi_square(settings.p_threshold)));
        sections.push_back({table.trait, source.shown_path, table.size(), table.without_p, lambda, suggestive, loci,
                            std::move(manhattan), std::move(qq), corrected, correction});
    }
    page.trait_summary(sections);
    for (const auto& section : sections) page.trait_details(section);
    page.log(log.lines());
    write_output_file(outputs, settings.out_prefix + ".report.html", page.finish());
}

}  // namespace ridgeway
