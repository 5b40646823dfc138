#pragma once
// The two plots every GWAS is read by, drawn with cairo as PNG (for the report) and SVG (for print): a Manhattan
// plot (chromosomes side by side in two alternating colours, -log10 p, lines at 5e-8 and 1e-5, the lead variant of
// each significant locus labelled) and a QQ plot (expected against observed -log10 p, the y = x line, a 95% band for
// the order statistics, lambda_GC printed; with a case/control correction, its points in their own colour and a line
// at the threshold it was applied below). Points with p > 0.01 that would land on an already painted pixel are
// skipped, so millions of null variants cost nothing visible; every point with p <= 0.01 is drawn.
#include <limits>
#include <string>
#include <vector>

#include "report/gwas_summary.hpp"
#include "report/result_table.hpp"

namespace ridgeway {

// The PNGs have this many image pixels per plot unit (a CSS pixel in the report), so they stay sharp on high-density
// screens and when the report scales them down to the page width.
inline constexpr int kPngScale = 2;

// Where the plot area lies in the image (plot units from the top left; the PNG's pixels are kPngScale times
// finer) and the value range its axes span.
struct PlotGeometry {
    int width = 0, height = 0;
    double left = 0, top = 0, right = 0, bottom = 0;
    double x_max = 0, y_max = 0;  // axes run from 0 (Manhattan x: genome position scaled to [0, 1])
};

struct RenderedPlot {
    std::string png, svg;  // file contents
    PlotGeometry geometry;
    std::size_t points_drawn = 0;
};

// A case/control correction (Firth or SPA) applied to the variants whose uncorrected p was below p_threshold.
struct QqCorrection {
    std::string name;          // as the result file names it; empty: no row was corrected
    double p_threshold = 0.05;
    double lambda_gc = std::numeric_limits<double>::quiet_NaN();  // selected_inflation of the corrected variants
};

RenderedPlot draw_manhattan(const ResultTable& table, const std::vector<Locus>& loci);
RenderedPlot draw_qq(const ResultTable& table, double lambda_gc, const QqCorrection& correction = {});

inline constexpr double kGenomeWideMinusLog10P = 7.301029995663981;  // 5e-8
inline constexpr double kSuggestiveMinusLog10P = 5.0;               // 1e-5

}  // namespace ridgeway
