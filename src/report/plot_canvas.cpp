#include "report/plot_canvas.hpp"

#include <algorithm>
#include <cmath>

#include <cairo-svg.h>
#include <fmt/format.h>

#include "core/error.hpp"

namespace ridgeway {

void set_colour(cairo_t* cr, Colour c, double alpha) { cairo_set_source_rgba(cr, c.r, c.g, c.b, alpha); }

RenderedPlot render(const PlotGeometry& geometry, const std::function<std::size_t(cairo_t*)>& paint) {
    RenderedPlot plot;
    plot.geometry = geometry;
    auto append = [](void* closure, const unsigned char* data, unsigned int length) {
        static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
        return CAIRO_STATUS_SUCCESS;
    };
    cairo_surface_t* image =
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, kPngScale * geometry.width, kPngScale * geometry.height);
    cairo_t* cr = cairo_create(image);
    cairo_scale(cr, kPngScale, kPngScale);
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

PixelMask::PixelMask(const PlotGeometry& g, int cell)
    : cell_(cell), columns_(g.width / cell + 1), bits_(static_cast<std::size_t>(columns_) * (g.height / cell + 1), false) {}

bool PixelMask::claim(double& x, double& y) {
    const auto ix = static_cast<long>(std::floor(x / cell_)), iy = static_cast<long>(std::floor(y / cell_));
    const auto index = static_cast<std::size_t>(iy * columns_ + ix);
    if (ix < 0 || iy < 0 || ix >= columns_ || index >= bits_.size()) return true;
    auto bit = bits_[index];
    if (bit) return false;
    bit = true;
    if (cell_ > 1) x = (ix + 0.5) * cell_, y = (iy + 0.5) * cell_;
    return true;
}

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

void square(cairo_t* cr, double x, double y) {
    cairo_rectangle(cr, x - kPointRadius, y - kPointRadius, 2 * kPointRadius, 2 * kPointRadius);
}

}  // namespace ridgeway
