#include "assoc/additive_summary.hpp"

namespace ridgeway {

const GenotypeSums& AdditiveSummary::sums(const GenotypeBlock& additive, std::size_t v) {
    values_.resize(additive.n_samples);
    sum_genotypes(additive, v, sums_, values_.data());
    calls_ = additive.variant(v);
    return sums_;
}

void AdditiveSummary::report(const std::vector<std::size_t>& left_out, const std::vector<std::size_t>* cases,
                             AssocResult& result) const {
    double called = static_cast<double>(sums_.called), sum = sums_.sum, squares = sums_.sum_squares;
    for (std::size_t row : left_out) {
        if (calls_[row] < 0) continue;
        called -= 1;
        sum -= values_[row];
        squares -= values_[row] * values_[row];
    }
    result.a1_freq = called > 0 ? sum / (2 * called) : 0.0;
    if (sums_.dosages) result.info = mach_r2(called, sum, squares);
    if (!cases) return;
    double case_called = 0, case_sum = 0;
    for (std::size_t row : *cases) {
        if (calls_[row] < 0) continue;
        case_called += 1;
        case_sum += values_[row];
    }
    result.a1_freq_cases = case_called > 0 ? case_sum / (2 * case_called) : 0.0;
    result.a1_freq_controls = called > case_called ? (sum - case_sum) / (2 * (called - case_called)) : 0.0;
}

std::vector<std::size_t> rows_with_status(const std::vector<std::int8_t>& status, std::int8_t value) {
    std::vector<std::size_t> rows;
    for (std::size_t i = 0; i < status.size(); ++i)
        if (status[i] == value) rows.push_back(i);
    return rows;
}

}  // namespace ridgeway
