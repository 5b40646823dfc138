#include "assoc/additive_summary.hpp"

#include <cmath>

namespace ridgeway {

const GenotypeSums& AdditiveSummary::sums(const GenotypeBlock& additive, std::size_t v) {
    values_.resize(additive.n_samples);
    sum_genotypes(additive, v, sums_, values_.data());
    return sums_;
}

void AdditiveSummary::report(const GenotypeBlock& additive, std::size_t v, const std::int8_t* status,
                             bool case_control, AssocResult& result) {
    // Per status (0, 1): called samples, sum and sum of squares of their genotypes.
    double called[2] = {0, 0}, sum[2] = {0, 0}, squares[2] = {0, 0};
    const std::size_t n = additive.n_samples;
    if (additive.with_dosages) {
        const float* dosages = additive.dosage(v);
        for (std::size_t i = 0; i < n; ++i) {
            if (status[i] < 0 || std::isnan(dosages[i])) continue;
            const double d = dosages[i];
            called[status[i]] += 1;
            sum[status[i]] += d;
            squares[status[i]] += d * d;
        }
    } else {
        const std::int8_t* calls = additive.variant(v);
        for (std::size_t i = 0; i < n; ++i) {
            if (status[i] < 0 || calls[i] < 0) continue;
            called[status[i]] += 1;
            sum[status[i]] += calls[i];
            squares[status[i]] += calls[i] * calls[i];
        }
    }
    const double all_called = called[0] + called[1], all_sum = sum[0] + sum[1];
    result.a1_freq = all_called > 0 ? all_sum / (2 * all_called) : 0.0;
    if (additive.with_dosages) result.info = mach_r2(all_called, all_sum, squares[0] + squares[1]);
    if (!case_control) return;
    result.a1_freq_controls = called[0] > 0 ? sum[0] / (2 * called[0]) : 0.0;
    result.a1_freq_cases = called[1] > 0 ? sum[1] / (2 * called[1]) : 0.0;
}

}  // namespace ridgeway
