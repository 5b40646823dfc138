#pragma once
// What a reader looks for first in a result file: the genomic inflation factor and the significant loci.
#include <cstdint>
#include <string>
#include <vector>

#include "report/result_table.hpp"

namespace ridgeway {

// lambda_GC: the median 1-df chi-square of the p-values over its null median, 0.4549364 (NaN without p-values).
double genomic_inflation(const std::vector<float>& minus_log10_p);

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
