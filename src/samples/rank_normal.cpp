#include "samples/rank_normal.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include <fmt/format.h>

#include "core/run_log.hpp"
#include "samples/cohort.hpp"
#include "stats/distributions.hpp"

namespace ridgeway {

void rank_inverse_normal(double* values, std::size_t n) {
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < n; ++i)
        if (!std::isnan(values[i])) order.push_back(i);
    // A stable sort keeps the result independent of how the sort breaks ties.
    std::stable_sort(order.begin(), order.end(),
                     [values](std::size_t a, std::size_t b) { return values[a] < values[b]; });
    const double count = static_cast<double>(order.size());
    for (std::size_t first = 0; first < order.size();) {
        std::size_t end = first + 1;
        while (end < order.size() && values[order[end]] == values[order[first]]) ++end;
        // Ranks first + 1 .. end share their mean.
        const double rank = 0.5 * static_cast<double>(first + 1 + end);
        const double z = normal_quantile((rank - 0.375) / (count + 0.25));
        for (std::size_t k = first; k < end; ++k) values[order[k]] = z;
        first = end;
    }
}

void apply_rint(Cohort& cohort, RunLog& log) {
    for (std::size_t t = 0; t < cohort.traits.cols(); ++t)
        rank_inverse_normal(cohort.traits.column(t), cohort.traits.rows());
    log.info(fmt::format("--apply-rint: {} traits replaced by the rank-based inverse normal transform of their "
                         "values (Blom's offset, (rank - 3/8) / (n + 1/4); ties share their mean rank)",
                         cohort.traits.cols()));
}

}  // namespace ridgeway
