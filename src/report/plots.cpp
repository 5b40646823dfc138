#include "report/plots.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

#include <cairo-svg.h>
#include <cairo.h>
#include <fmt/format.h>

#include "core/error.hpp"

namespace ridgeway {

namespace {

constexpr double kThinBelow = 2.0;  // points with -log10 p under this (p > 0.01) are the null bulk
constexpr double kPointRadius = 1.6;
constexpr std::size_t kMaxLabels = 20;

struct Colour {
    double r, g, b;
};
constexpr Colour kChromosomeColours[2] = {{0.11, 0.31, 0.54}, {0.50, 0.70, 0.88}};
constexpr Colour kGenomeWideLine = {0.84, 0.15, 0.16};
constexpr Colour kSuggestiveLine = {0.45, 0.45, 0.45};
constexpr Colour kText = {0.1, 0.1, 0.1};

void set_colour(cairo_t* cr, Colour c, double alpha = 1.0) { cairo_set_source_rgba(cr, c.r, c.g, c.b, alpha); }

// Paints with `paint` on a PNG image surface and on an SVG surface of the same size.
RenderedPlot render(const PlotGeometry& geometry, const std::function<std::size_t(cairo_t*)>& paint) {
    RenderedPlot plot;
    plot.geometry = geometry;
    auto append = [](void* closure, const unsigned char* data, unsigned int length) {
        static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
        return CAIRO_STATUS_SUCCESS;
    };
    cairo_surface_t* image = cairo_image_surface_create(CAIRO_FORMAT_RGB24, geometry.width, geometry.height);
    cairo_t* cr = cairo_create(image);
    plot.points_drawn = paint(cr);
    cairo_destroy(cr);
    const cairo_status_t png_status = cairo_surface_write_to_png_stream(image, append, &plot.png);
    cairo_surface_destroy(image);
    cairo_surface_t* vector = cairo_svg_surface_create_for_stream(append, &plot.svg, geometry.width, geometry.height);
    cr = cairo_create(vector);
    paint(cr);
    cairo_destroy(cr);
    cairo_surface_finish(vector);
    const cairo_status_t svg_status = cairo_surface_status(vector);
    cairo_surface_destroy(vector);
    if (png_status != CAIRO_STATUS_SUCCESS || svg_status != CAIRO_STATUS_SUCCESS)
        throw Error(ErrorKind::resources, std::string("drawing a plot failed: ") +
                                              cairo_status_to_string(png_status != CAIRO_STATUS_SUCCESS ? png_status : svg_status));
    return plot;
}

// Marks the cells of the image already holding a point, for thinning: cells of `cell` pixels a side.
class PixelMask {
public:
    PixelMask(const PlotGeometry& g, int cell)
        : cell_(cell), columns_(g.width / cell + 1), bits_(static_cast<std::size_t>(columns_) * (g.height / cell + 1), false) {}
    // True the first time a cell is claimed; then (x, y) moves to the cell's centre (for cells over one pixel).
    bool claim(double& x, double& y) {
        const auto ix = static_cast<long>(std::floor(x / cell_)), iy = static_cast<long>(std::floor(y / cell_));
        const auto index = static_cast<std::size_t>(iy * columns_ + ix);
        if (ix < 0 || iy < 0 || ix >= columns_ || index >= bits_.size()) return true;
        auto bit = bits_[index];
        if (bit) return false;
        bit = true;
        if (cell_ > 1) x = (ix + 0.5) * cell_, y = (iy + 0.5) * cell_;
        return true;
    }

private:
    long cell_, columns_;
    std::vector<bool> bits_;
};

void frame(cairo_t* cr, const PlotGeometry& g, const std::string& title, const std::string& x_label,
           const std::string& y_label) {
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    set_colour(cr, kText);
    cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
    cairo_set_font_size(cr, 16);
    cairo_move_to(cr, g.left, g.top - 14);
    cairo_show_text(cr, title.c_str());
    cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, 13);
    cairo_text_extents_t extents;
    cairo_text_extents(cr, x_label.c_str(), &extents);
    cairo_move_to(cr, 0.5 * (g.left + g.right - extents.width), g.height - 10);
    cairo_show_text(cr, x_label.c_str());
    cairo_save(cr);
    cairo_text_extents(cr, y_label.c_str(), &extents);
    cairo_move_to(cr, 20, 0.5 * (g.top + g.bottom + extents.width));
    cairo_rotate(cr, -M_PI / 2);
    cairo_show_text(cr, y_label.c_str());
    cairo_restore(cr);
    cairo_set_line_width(cr, 1);
    cairo_move_to(cr, g.left, g.top);
    cairo_line_to(cr, g.left, g.bottom);
    cairo_line_to(cr, g.right, g.bottom);
    cairo_stroke(cr);
}

// Ticks at round values, about six per axis: along y (left) or x (bottom).
void ticks(cairo_t* cr, const PlotGeometry& g, bool vertical) {
    const double range = vertical ? g.y_max : g.x_max;
    const double raw = range / 6;
    const double magnitude = std::pow(10, std::floor(std::log10(raw)));
    double step = magnitude;
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * magnitude >= raw) {
            step = std::max(1.0, m * magnitude);
            break;
        }
    cairo_set_font_size(cr, 11);
    for (double v = 0; v <= range; v += step) {
        const std::string text = fmt::format("{:g}", v);
        cairo_text_extents_t extents;
        cairo_text_extents(cr, text.c_str(), &extents);
        if (vertical) {
            const double y = g.bottom - v / range * (g.bottom - g.top);
            cairo_move_to(cr, g.left - 5, y);
            cairo_line_to(cr, g.left, y);
            cairo_stroke(cr);
            cairo_move_to(cr, g.left - 8 - extents.width, y + 4);
        } else {
            const double x = g.left + v / range * (g.right - g.left);
            cairo_move_to(cr, x, g.bottom);
            cairo_line_to(cr, x, g.bottom + 5);
            cairo_stroke(cr);
            cairo_move_to(cr, x - 0.5 * extents.width, g.bottom + 18);
        }
        cairo_show_text(cr, text.c_str());
    }
}

void horizontal_line(cairo_t* cr, const PlotGeometry& g, double value, Colour colour) {
    if (value > g.y_max) return;
    const double y = g.bottom - value / g.y_max * (g.bottom - g.top);
    const double dash[] = {6, 4};
    cairo_save(cr);
    set_colour(cr, colour);
    cairo_set_line_width(cr, 1.5);
    cairo_set_dash(cr, dash, 2, 0);
    cairo_move_to(cr, g.left, y);
    cairo_line_to(cr, g.right, y);
    cairo_stroke(cr);
    cairo_restore(cr);
}

void dot(cairo_t* cr, double x, double y) {
    cairo_new_sub_path(cr);
    cairo_arc(cr, x, y, kPointRadius, 0, 2 * M_PI);
}

// The null bulk as squares: at this size they look the same and take a fifth of the SVG.
void square(cairo_t* cr, double x, double y) {
    cairo_rectangle(cr, x - kPointRadius, y - kPointRadius, 2 * kPointRadius, 2 * kPointRadius);
}

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

RenderedPlot draw_qq(const ResultTable& table, double lambda_gc) {
    PlotGeometry g{560, 560, 70, 44, 540, 500, 1, 1};
    std::vector<float> observed = table.minus_log10_p;
    std::sort(observed.begin(), observed.end(), std::greater<>());
    const double n = static_cast<double>(observed.size());
    auto expected = [&](double rank) { return -std::log10((rank - 0.5) / n); };  // rank 1 = smallest p
    g.x_max = n > 0 ? 1.05 * expected(1) : 1.0;
    g.y_max = std::max(g.x_max, n > 0 ? 1.05 * observed.front() : 1.0);
    auto x_of = [&](double v) { return g.left + v / g.x_max * (g.right - g.left); };
    auto y_of = [&](double v) { return g.bottom - std::min(v, g.y_max) / g.y_max * (g.bottom - g.top); };

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
        PixelMask mask(g, 1);
        std::size_t drawn = 0;
        set_colour(cr, kChromosomeColours[0]);
        for (std::size_t i = 0; i < observed.size(); ++i) {
            double x = x_of(expected(static_cast<double>(i + 1))), y = y_of(observed[i]);
            if (!mask.claim(x, y)) continue;  // sorted: a repeated pixel adds nothing at any p
            dot(cr, x, y);
            ++drawn;
        }
        cairo_fill(cr);
        set_colour(cr, kText);
        cairo_set_font_size(cr, 14);
        cairo_move_to(cr, g.left + 12, g.top + 18);
        cairo_show_text(cr, fmt::format("lambda_GC = {:.4f}", lambda_gc).c_str());
        return drawn;
    });
}

}  // namespace ridgeway
