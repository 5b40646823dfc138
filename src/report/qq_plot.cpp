#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "report/plot_canvas.hpp"
#include "report/plots.hpp"

namespace ridgeway {

namespace {

// Beta(k, n + 1 - k), the k-th smallest of n uniform p-values, at probability q: the gamma approximation (k/n small,
// Wilson-Hilferty, exact for k = 1) in the tail and the normal one in the bulk.
double order_statistic_quantile(double k, double n, double q, double z) {
    if (k < 100) {
        const double gamma = k == 1 ? -std::log1p(-q) : k * std::pow(1 - 1 / (9 * k) + z / (3 * std::sqrt(k)), 3);
        return std::clamp(gamma / n, 1e-300, 1.0);
    }
    const double mean = k / (n + 1), sd = std::sqrt(k * (n + 1 - k) / ((n + 1) * (n + 1) * (n + 2)));
    return std::clamp(mean + z * sd, 1e-300, 1.0);
}

// A legend entry: a point of the colour, then the text.
void legend_entry(cairo_t* cr, double x, double y, Colour colour, const std::string& text) {
    set_colour(cr, colour);
    dot(cr, x, y - 4);
    cairo_fill(cr);
    set_colour(cr, kText);
    cairo_move_to(cr, x + 8, y);
    cairo_show_text(cr, text.c_str());
}

}  // namespace

RenderedPlot draw_qq(const ResultTable& table, double lambda_gc, const QqCorrection& correction) {
    PlotGeometry g{560, 560, 70, 44, 540, 500, 1, 1};
    // The corrected and the other p-values sorted apart (together one copy of the column) and walked in merged
    // order, so that every point keeps its rank among all variants and its own colour.
    const std::size_t n_corrected =
        static_cast<std::size_t>(std::count(table.corrected.begin(), table.corrected.end(), true));
    std::vector<float> others, corrected;
    others.reserve(table.size() - n_corrected);
    corrected.reserve(n_corrected);
    for (std::size_t i = 0; i < table.size(); ++i)
        (table.is_corrected(i) ? corrected : others).push_back(table.minus_log10_p[i]);
    std::sort(others.begin(), others.end(), std::greater<>());
    std::sort(corrected.begin(), corrected.end(), std::greater<>());
    const double n = static_cast<double>(table.size());
    const double highest = std::max(others.empty() ? 0.0 : others.front(), corrected.empty() ? 0.0 : corrected.front());
    auto expected = [&](double rank) { return -std::log10((rank - 0.5) / n); };  // rank 1 = smallest p
    g.x_max = n > 0 ? 1.05 * expected(1) : 1.0;
    g.y_max = std::max(g.x_max, 1.05 * highest);
    auto x_of = [&](double v) { return g.left + v / g.x_max * (g.right - g.left); };
    auto y_of = [&](double v) { return g.bottom - std::min(v, g.y_max) / g.y_max * (g.bottom - g.top); };
    const bool marked = !correction.name.empty() && n_corrected > 0;

    return render(g, [&](cairo_t* cr) {
        frame(cr, g, table.trait, "expected -log10(p)", "observed -log10(p)");
        ticks(cr, g, true);
        ticks(cr, g, false);
        if (n == 0) return std::size_t{0};
        // The 95% band of the order statistics, at ranks spaced evenly in -log10.
        std::vector<std::pair<double, double>> lower, upper;
        for (double e = 0; e <= expected(1) + 1e-9; e += expected(1) / 300) {
            const double rank = std::clamp(std::round(n * std::pow(10.0, -e) + 0.5), 1.0, n);
            lower.emplace_back(expected(rank), -std::log10(order_statistic_quantile(rank, n, 0.975, 1.959963984540054)));
            upper.emplace_back(expected(rank), -std::log10(order_statistic_quantile(rank, n, 0.025, -1.959963984540054)));
        }
        cairo_set_source_rgb(cr, 0.88, 0.88, 0.88);
        cairo_move_to(cr, x_of(lower.front().first), y_of(lower.front().second));
        for (const auto& [x, y] : lower) cairo_line_to(cr, x_of(x), y_of(y));
        for (auto it = upper.rbegin(); it != upper.rend(); ++it) cairo_line_to(cr, x_of(it->first), y_of(it->second));
        cairo_close_path(cr);
        cairo_fill(cr);
        set_colour(cr, kGenomeWideLine);
        cairo_set_line_width(cr, 1);
        cairo_move_to(cr, x_of(0), y_of(0));
        cairo_line_to(cr, x_of(g.x_max), y_of(g.x_max));
        cairo_stroke(cr);
        const double threshold = marked ? -std::log10(correction.p_threshold) : 0.0;
        if (marked) horizontal_line(cr, g, threshold, kCorrected);
        // Sorted: a repeated cell adds nothing at any p, so each kind keeps one point per pixel.
        PixelMask masks[2] = {PixelMask(g, 1), PixelMask(g, 1)};
        std::vector<std::pair<double, double>> points[2];
        std::size_t a = 0, b = 0;
        for (double rank = 1; a < others.size() || b < corrected.size(); ++rank) {
            const bool is_corrected = b < corrected.size() && (a == others.size() || corrected[b] > others[a]);
            double x = x_of(expected(rank)), y = y_of(is_corrected ? corrected[b++] : others[a++]);
            if (masks[is_corrected].claim(x, y)) points[is_corrected].emplace_back(x, y);
        }
        for (int kind = 0; kind < 2; ++kind) {  // corrected points on top
            set_colour(cr, kind == 0 ? kChromosomeColours[0] : kCorrected);
            for (const auto& [x, y] : points[kind]) dot(cr, x, y);
            cairo_fill(cr);
        }
        set_colour(cr, kText);
        cairo_set_font_size(cr, 14);
        cairo_move_to(cr, g.left + 12, g.top + 18);
        cairo_show_text(cr, fmt::format("lambda_GC = {:.4f}", lambda_gc).c_str());
        if (marked) {
            cairo_set_font_size(cr, 12);
            cairo_move_to(cr, g.left + 12, g.top + 38);
            cairo_show_text(cr, fmt::format("{}-corrected variants: lambda_GC = {:.4f}", correction.name, correction.lambda_gc).c_str());
            legend_entry(cr, g.right - 250, g.bottom - 32, kChromosomeColours[0], "uncorrected");
            legend_entry(cr, g.right - 250, g.bottom - 14, kCorrected,
                         fmt::format("{} (uncorrected p < {:g})", correction.name, correction.p_threshold));
            if (threshold <= g.y_max) {
                set_colour(cr, kCorrected);
                cairo_move_to(cr, g.right - 90, g.bottom - threshold / g.y_max * (g.bottom - g.top) - 5);
                cairo_show_text(cr, fmt::format("pThresh {:g}", correction.p_threshold).c_str());
            }
        }
        return points[0].size() + points[1].size();
    });
}

}  // namespace ridgeway
