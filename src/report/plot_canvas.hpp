#pragma once
// What the Manhattan and QQ plots share: colours, the two surfaces one painting goes to (a PNG at kPngScale image
// pixels per plot unit and an SVG), the frame and ticks, dashed reference lines, points, and the mask that thins
// points landing on an already painted cell.
#include <functional>
#include <string>
#include <vector>

#include <cairo.h>

#include "report/plots.hpp"

namespace ridgeway {

struct Colour {
    double r, g, b;
};
inline constexpr Colour kChromosomeColours[2] = {{0.11, 0.31, 0.54}, {0.50, 0.70, 0.88}};
inline constexpr Colour kGenomeWideLine = {0.84, 0.15, 0.16};
inline constexpr Colour kSuggestiveLine = {0.45, 0.45, 0.45};
inline constexpr Colour kCorrected = {0.93, 0.49, 0.05};  // QQ: corrected points and the --pThresh line
inline constexpr Colour kText = {0.1, 0.1, 0.1};
inline constexpr double kPointRadius = 1.6;

void set_colour(cairo_t* cr, Colour c, double alpha = 1.0);

// Paints with `paint` on a PNG image surface (scaled by kPngScale) and on an SVG surface of the plot's size; `paint`
// returns the number of points it drew.
RenderedPlot render(const PlotGeometry& geometry, const std::function<std::size_t(cairo_t*)>& paint);

// Marks the cells of the plot already holding a point, for thinning: cells of `cell` plot units a side.
class PixelMask {
public:
    PixelMask(const PlotGeometry& g, int cell);
    // True the first time a cell is claimed; then (x, y) moves to the cell's centre (for cells over one unit).
    bool claim(double& x, double& y);

private:
    long cell_, columns_;
    std::vector<bool> bits_;
};

// White background, title, axis labels and the two axes.
void frame(cairo_t* cr, const PlotGeometry& g, const std::string& title, const std::string& x_label,
           const std::string& y_label);
// Ticks at round values, about six per axis: along y (left) or x (bottom).
void ticks(cairo_t* cr, const PlotGeometry& g, bool vertical);
// A dashed line across the plot at y = value (nothing when it lies above the axis).
void horizontal_line(cairo_t* cr, const PlotGeometry& g, double value, Colour colour);
void dot(cairo_t* cr, double x, double y);
// The null bulk as squares: at this size they look the same and take a fifth of the SVG.
void square(cairo_t* cr, double x, double y);

}  // namespace ridgeway
