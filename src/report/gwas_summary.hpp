#pragma once
// What a reader looks for first in a result file: the genomic inflation factor and the significant loci.
#include <cstdint>
#include <string>
#include <vector>

#include "report/result_table.hpp"

namespace ridgeway {

// lambda_GC: the median 1-df chi-square of the p-values over its null median, 0.4549364 (NaN without p-values).
double genomic_inflation(const std::vector<float>& minus_log10_p);

// lambda_GC of the variants a correction was applied to because their uncorrected p was below `p_threshold` (t):
// their median 1-df chi-square over the median expected under the null given that selection. Selected null p-values
// are uniform on (0, t), so their median is t/2 and the expected median chi-square is that of p = t/2,
// qchisq(1 - t/2, 1) (0.4549364 for t = 1, where every variant is corrected). NaN without values or for t = 0.
double selected_inflation(const std::vector<float>& minus_log10_p, double p_threshold);
// That expected median: the 1-df chi-square of p = t/2.
double selected_null_median_chi_square(double p_threshold);

struct Locus {
    std::string chromosome;
    std::uint32_t start = 0, end = 0;  // first and last significant variant
    std::size_t variants = 0;          // significant variants in the locus
    std::size_t lead_row = 0;          // row of the lead (smallest p) variant
    std::string lead_id;
    std::uint32_t lead_position = 0;
    double lead_minus_log10_p = 0;
};

// Variants with p < 10^-threshold grouped into loci: a significant variant within `window` base pairs of the
// previous significant variant on its chromosome joins its locus. Ordered by the lead's p-value, smallest first.
std::vector<Locus> significant_loci(const ResultTable& table, double threshold_minus_log10_p, std::uint32_t window);

}  // namespace ridgeway
