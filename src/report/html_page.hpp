#pragma once
// The self-contained HTML of the report: inline CSS, images as base64 data URIs, no scripts that run, no network.
// It fits any window width: images scale down to the page (their PNGs drawn at twice the size shown, so they stay
// sharp) and tables scroll sideways inside their own box. A JSON block (id "ridgeway-plots") records each plot's
// geometry and PNG scale, so tests can find where lines were drawn.
#include <string>
#include <vector>

#include "report/gwas_summary.hpp"
#include "report/plots.hpp"

namespace ridgeway {

struct TraitSection {
    std::string trait;
    std::string source;
    std::size_t variants = 0, without_p = 0;
    double lambda_gc = 0;
    std::size_t suggestive = 0;  // variants with p < 1e-5
    std::vector<Locus> loci;
    RenderedPlot manhattan, qq;
    std::size_t corrected = 0;  // variants whose p-value comes from the correction
    QqCorrection correction;    // its name, threshold and lambda_GC (name empty: no variant was corrected)
};

class HtmlPage {
public:
    explicit HtmlPage(const std::string& title);

    void paragraph(const std::string& text);
    void trait_summary(const std::vector<TraitSection>& sections);
    void trait_details(const TraitSection& section);
    // Warnings and step 1's level-1 cross-validation in lists of their own, then the whole log.
    void log(const std::vector<std::string>& lines);
    std::string finish();

private:
    std::string html_;
    std::string geometry_json_;
};

std::string escape_html(const std::string& text);
std::string base64(const std::string& bytes);

}  // namespace ridgeway
