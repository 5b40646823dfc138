#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "report/plot_canvas.hpp"
#include "report/plots.hpp"

namespace ridgeway {

namespace {

constexpr double kThinBelow = 2.0;  // points with -log10 p under this (p > 0.01) are the null bulk
constexpr std::size_t kMaxLabels = 20;

}  // namespace

RenderedPlot draw_manhattan(const ResultTable& table, const std::vector<Locus>& loci) {
    PlotGeometry g{1600, 560, 70, 44, 1580, 500, 1, 0};
    const std::size_t n = table.size(), k = table.chromosome_names.size();
    float highest = 0;
    for (float v : table.minus_log10_p) highest = std::max(highest, v);
    g.y_max = std::max(8.0, 1.05 * highest);
    // Each chromosome spans its first to last position, with a gap of 1% of the genome between neighbours.
    std::vector<double> first(k, INFINITY), last(k, -INFINITY), offset(k, 0);
    for (std::size_t i = 0; i < n; ++i) {
        first[table.chromosome[i]] = std::min<double>(first[table.chromosome[i]], table.position[i]);
        last[table.chromosome[i]] = std::max<double>(last[table.chromosome[i]], table.position[i]);
    }
    double total = 0;
    for (std::size_t c = 0; c < k; ++c) total += std::max(1.0, last[c] - first[c]);
    const double gap = 0.01 * total;
    double running = 0;
    for (std::size_t c = 0; c < k; ++c) {
        offset[c] = running;
        running += std::max(1.0, last[c] - first[c]) + gap;
    }
    const double span = std::max(1.0, running - gap);
    auto x_of = [&](std::size_t i) {
        const std::size_t c = table.chromosome[i];
        return g.left + (offset[c] + table.position[i] - first[c]) / span * (g.right - g.left);
    };
    auto y_of = [&](double v) { return g.bottom - std::min<double>(v, g.y_max) / g.y_max * (g.bottom - g.top); };

    return render(g, [&](cairo_t* cr) {
        frame(cr, g, table.trait, "chromosome", "-log10(p)");
        ticks(cr, g, true);
        cairo_set_font_size(cr, 11);
        const std::size_t label_every = k > 30 ? 2 : 1;
        for (std::size_t c = 0; c < k; c += label_every) {
            if (!std::isfinite(first[c])) continue;
            const double middle = g.left + (offset[c] + 0.5 * std::max(1.0, last[c] - first[c])) / span * (g.right - g.left);
            cairo_text_extents_t extents;
            cairo_text_extents(cr, table.chromosome_names[c].c_str(), &extents);
            cairo_move_to(cr, middle - 0.5 * extents.width, g.bottom + 16);
            cairo_show_text(cr, table.chromosome_names[c].c_str());
        }
        // The null bulk keeps one point per 3 x 3 cell, drawn as a 3.2-pixel square on the cell's centre (covering
        // it), points up to p = 1e-5 one per 2 x 2 cell (a dot of radius 1.6 on its centre covers it), the rest one
        // per pixel where they are.
        PixelMask bulk(g, 3), middle(g, 2), tail(g, 1);
        std::size_t drawn = 0;
        for (int colour = 0; colour < 2; ++colour) {  // one fill per colour keeps the SVG paths few
            set_colour(cr, kChromosomeColours[colour]);
            for (std::size_t i = 0; i < n; ++i) {
                if (table.chromosome[i] % 2 != colour) continue;
                double x = x_of(i), y = y_of(table.minus_log10_p[i]);
                const bool null_bulk = table.minus_log10_p[i] < kThinBelow;
                PixelMask& mask = null_bulk ? bulk : table.minus_log10_p[i] < kSuggestiveMinusLog10P ? middle : tail;
                if (!mask.claim(x, y)) continue;
                if (null_bulk) square(cr, x, y);
                else dot(cr, x, y);
                ++drawn;
            }
            cairo_fill(cr);
        }
        horizontal_line(cr, g, kSuggestiveMinusLog10P, kSuggestiveLine);
        horizontal_line(cr, g, kGenomeWideMinusLog10P, kGenomeWideLine);
        set_colour(cr, kText);
        cairo_set_font_size(cr, 10);
        // Leads from the strongest down, right of the point or else left of it; a label that would overlap one
        // already placed (or leave the image) is left out.
        struct Box {
            double x0, y0, x1, y1;
        };
        std::vector<Box> placed;
        auto free = [&](const Box& b) {
            if (b.x0 < 0 || b.x1 > g.width || b.y0 < 0) return false;
            for (const Box& p : placed)
                if (b.x0 < p.x1 && p.x0 < b.x1 && b.y0 < p.y1 && p.y0 < b.y1) return false;
            return true;
        };
        for (std::size_t l = 0, shown = 0; l < loci.size() && shown < kMaxLabels; ++l) {
            const double x = x_of(loci[l].lead_row), y = y_of(loci[l].lead_minus_log10_p) - 4;
            cairo_text_extents_t extents;
            cairo_text_extents(cr, loci[l].lead_id.c_str(), &extents);
            for (double start : {x + 4, x - 4 - extents.width}) {
                const Box box{start, y - extents.height - 1, start + extents.width, y + 2};
                if (!free(box)) continue;
                placed.push_back(box);
                cairo_move_to(cr, start, y);
                cairo_show_text(cr, loci[l].lead_id.c_str());
                ++shown;
                break;
            }
        }
        return drawn;
    });
}

}  // namespace ridgeway
