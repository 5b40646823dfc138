#include "report/html_page.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "stats/distributions.hpp"

namespace ridgeway {

namespace {

constexpr const char* kStyle =
    "body{font-family:sans-serif;margin:24px;color:#1a1a1a;max-width:1640px}"
    "h1,h2,p,li,pre{overflow-wrap:anywhere}"
    ".wide{max-width:100%;overflow-x:auto;margin:8px 0 16px}"
    "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}"
    "th{background:#f0f3f7}"
    ".plots{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-start}"
    "img{display:block;margin:8px 0;border:1px solid #ddd;box-sizing:border-box;max-width:100%;height:auto;min-width:0}"
    "pre{background:#f7f7f7;padding:8px;font-size:12px;white-space:pre-wrap}";

std::string geometry(const std::string& trait, const std::string& plot, const PlotGeometry& g) {
    return fmt::format(R"({{"trait":"{}","plot":"{}","width":{},"height":{},"left":{},"top":{},"right":{},"bottom":{},)"
                       R"("x_max":{:.17g},"y_max":{:.17g},"scale":{}}})",
                       escape_html(trait), plot, g.width, g.height, g.left, g.top, g.right, g.bottom, g.x_max, g.y_max,
                       kPngScale);
}

}  // namespace

std::string escape_html(const std::string& text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string base64(const std::string& bytes) {
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        const std::size_t remaining = bytes.size() - i;
        const unsigned a = static_cast<unsigned char>(bytes[i]);
        const unsigned b = remaining > 1 ? static_cast<unsigned char>(bytes[i + 1]) : 0;
        const unsigned c = remaining > 2 ? static_cast<unsigned char>(bytes[i + 2]) : 0;
        const unsigned triple = (a << 16) | (b << 8) | c;
        out += kAlphabet[(triple >> 18) & 63];
        out += kAlphabet[(triple >> 12) & 63];
        out += remaining > 1 ? kAlphabet[(triple >> 6) & 63] : '=';
        out += remaining > 2 ? kAlphabet[triple & 63] : '=';
    }
    return out;
}

HtmlPage::HtmlPage(const std::string& title) {
    html_ = fmt::format("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{0}</title>"
                        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><style>{1}</style></head><body>\n"
                        "<h1>{0}</h1>\n",
                        escape_html(title), kStyle);
}

void HtmlPage::paragraph(const std::string& text) { html_ += "<p>" + escape_html(text) + "</p>\n"; }

void HtmlPage::trait_summary(const std::vector<TraitSection>& sections) {
    const bool corrections = std::any_of(sections.begin(), sections.end(), [](const auto& s) { return s.corrected > 0; });
    html_ += "<h2>Traits</h2>\n<div class=\"wide\"><table><tr><th>trait</th><th>result file</th><th>variants with a p-value</th>"
             "<th>rows without</th><th>lambda_GC</th>";
    if (corrections) html_ += "<th>corrected variants</th><th>lambda_GC of the corrected</th>";
    html_ += "<th>loci with p &lt; 5e-8</th><th>variants with p &lt; 1e-5</th></tr>\n";
    for (const auto& s : sections) {
        html_ += fmt::format("<tr><td><a href=\"#trait-{0}\">{0}</a></td><td>{1}</td><td>{2}</td><td>{3}</td><td>{4:.4f}</td>",
                             escape_html(s.trait), escape_html(s.source), s.variants, s.without_p, s.lambda_gc);
        if (corrections)
            html_ += s.corrected > 0 ? fmt::format("<td>{} ({})</td><td>{:.4f}</td>", s.corrected,
                                                   escape_html(s.correction.name), s.correction.lambda_gc)
                                     : std::string("<td>0</td><td></td>");
        html_ += fmt::format("<td>{}</td><td>{}</td></tr>\n", s.loci.size(), s.suggestive);
    }
    html_ += "</table></div>\n";
}

void HtmlPage::trait_details(const TraitSection& s) {
    html_ += fmt::format("<h2 id=\"trait-{0}\">{0}</h2>\n<div class=\"plots\">"
                         "<img alt=\"Manhattan plot of {0}\" width=\"{1}\" height=\"{2}\" src=\"data:image/png;base64,{3}\">"
                         "<img alt=\"QQ plot of {0}\" width=\"{4}\" height=\"{5}\" src=\"data:image/png;base64,{6}\"></div>\n",
                         escape_html(s.trait), s.manhattan.geometry.width, s.manhattan.geometry.height,
                         base64(s.manhattan.png), s.qq.geometry.width, s.qq.geometry.height, base64(s.qq.png));
    if (s.corrected > 0)
        html_ += fmt::format("<p>{0} was applied to {1} variants whose uncorrected p was below {2:g} ({3:.0f} expected "
                             "without association: {2:g} of the {4} variants). lambda_GC of the corrected variants: "
                             "{5:.4f}, their median chi-square over {6:.4f}, the median expected for null p-values selected "
                             "below {2:g}: near 1 when the corrected p-values are calibrated, above 1 when they are too "
                             "small. In the QQ plot they are orange; the dashed orange line marks p = {2:g}.</p>\n",
                             escape_html(s.correction.name), s.corrected, s.correction.p_threshold,
                             s.correction.p_threshold * static_cast<double>(s.variants), s.variants,
                             s.correction.lambda_gc, selected_null_median_chi_square(s.correction.p_threshold));
    if (s.loci.empty()) {
        html_ += "<p>No variant reaches p &lt; 5e-8.</p>\n";
    } else {
        html_ += "<div class=\"wide\"><table><tr><th>chromosome</th><th>from</th><th>to</th><th>significant variants</th>"
                 "<th>lead variant</th><th>position</th><th>p</th></tr>\n";
        for (const Locus& l : s.loci)
            html_ += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                                 escape_html(l.chromosome), l.start, l.end, l.variants, escape_html(l.lead_id),
                                 l.lead_position, format_p_from_log10(-l.lead_minus_log10_p));
        html_ += "</table></div>\n";
    }
    geometry_json_ += (geometry_json_.empty() ? "" : ",") + geometry(s.trait, "manhattan", s.manhattan.geometry) + "," +
                      geometry(s.trait, "qq", s.qq.geometry);
}

void HtmlPage::log(const std::vector<std::string>& lines) {
    // The lines a reader looks for first, then the whole log.
    auto listing = [&](const std::string& heading, auto keep) {
        std::string items;
        for (const auto& line : lines)
            if (keep(line)) items += "<li>" + escape_html(line) + "</li>\n";
        if (!items.empty()) html_ += "<h2>" + heading + "</h2>\n<ul>\n" + items + "</ul>\n";
    };
    listing("Warnings", [](const std::string& line) { return line.rfind("Warning: ", 0) == 0; });
    listing("Step 1 cross-validation", [](const std::string& line) { return line.find(": level 1 ") != std::string::npos; });
    html_ += "<h2>Run</h2>\n<pre>";
    for (const auto& line : lines) html_ += escape_html(line) + "\n";
    html_ += "</pre>\n";
}

std::string HtmlPage::finish() {
    return html_ + "<script type=\"application/json\" id=\"ridgeway-plots\">[" + geometry_json_ + "]</script>\n</body></html>\n";
}

}  // namespace ridgeway
