#include "report/gwas_summary.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "stats/distributions.hpp"

namespace ridgeway {

namespace {

constexpr double kLn10 = 2.302585092994046;
constexpr double kChiSquareMedian = 0.45493642311957283;  // median of the 1-df chi-square

double chi_square(double minus_log10_p) {
    const double z = normal_quantile_two_sided(-minus_log10_p * kLn10);
    return z * z;
}

// The median 1-df chi-square of the p-values: the chi-square falls as -log10 p falls, so it is the chi-square of the
// median -log10 p (the mean of the two middle ones for an even count, as numpy's median).
double median_chi_square(std::vector<float> values) {
    const std::size_t n = values.size();
    if (n == 0) return std::numeric_limits<double>::quiet_NaN();
    auto middle = values.begin() + static_cast<std::ptrdiff_t>(n / 2);
    std::nth_element(values.begin(), middle, values.end());
    double median = chi_square(*middle);
    if (n % 2 == 0) median = 0.5 * (median + chi_square(*std::max_element(values.begin(), middle)));
    return median;
}

}  // namespace

double genomic_inflation(const std::vector<float>& minus_log10_p) {
    return median_chi_square(minus_log10_p) / kChiSquareMedian;
}

double selected_null_median_chi_square(double p_threshold) {
    if (!(p_threshold > 0)) return std::numeric_limits<double>::quiet_NaN();
    return p_threshold >= 1 ? kChiSquareMedian : chi_square(-std::log10(0.5 * p_threshold));
}

double selected_inflation(const std::vector<float>& minus_log10_p, double p_threshold) {
    return median_chi_square(minus_log10_p) / selected_null_median_chi_square(p_threshold);
}

std::vector<Locus> significant_loci(const ResultTable& table, double threshold_minus_log10_p, std::uint32_t window) {
    // Significant rows sorted by genome position; only notable rows can be significant (threshold >= 5).
    std::vector<std::pair<std::size_t, const std::string*>> rows;
    for (const auto& [row, id] : table.notable_ids)
        if (table.minus_log10_p[row] >= threshold_minus_log10_p) rows.emplace_back(row, &id);
    std::sort(rows.begin(), rows.end(), [&](const auto& a, const auto& b) {
        return std::make_pair(table.chromosome[a.first], table.position[a.first]) <
               std::make_pair(table.chromosome[b.first], table.position[b.first]);
    });
    std::vector<Locus> loci;
    for (const auto& [row, id] : rows) {
        const std::string& chromosome = table.chromosome_names[table.chromosome[row]];
        const std::uint32_t position = table.position[row];
        if (loci.empty() || loci.back().chromosome != chromosome || position - loci.back().end > window)
            loci.push_back({chromosome, position, position, 0, row, *id, position, -1.0});
        Locus& locus = loci.back();
        locus.end = position;
        ++locus.variants;
        if (table.minus_log10_p[row] > locus.lead_minus_log10_p) {
            locus.lead_row = row;
            locus.lead_id = *id;
            locus.lead_position = position;
            locus.lead_minus_log10_p = table.minus_log10_p[row];
        }
    }
    std::stable_sort(loci.begin(), loci.end(),
                     [](const Locus& a, const Locus& b) { return a.lead_minus_log10_p > b.lead_minus_log10_p; });
    return loci;
}

}  // namespace ridgeway
