#include "samples/case_control.hpp"

#include <cmath>

#include <fmt/format.h>

#include "core/error.hpp"
#include "io/tables/sample_table.hpp"

namespace ridgeway {

void recode_case_control(std::vector<double>& values, const SampleTable& table, std::size_t column,
                         const std::vector<std::size_t>& row_of, const CaseControlCoding& coding) {
    for (std::size_t s = 0; s < values.size(); ++s) {
        double& v = values[s];
        if (std::isnan(v)) continue;
        if (coding.zero_one && (v == 0.0 || v == 1.0)) continue;
        if (!coding.zero_one && (v == 1.0 || v == 2.0)) {
            v -= 1.0;
            continue;
        }
        if (!coding.zero_one && v == 0.0) {  // PLINK's missing code in 1/2 coding
            v = NAN;
            continue;
        }
        const std::size_t row = row_of[s];
        throw Error(ErrorKind::malformed,
                    fmt::format("{}, line {}, column {}: '{}' is not a case/control code ({}); missing values are NA",
                                table.path, table.line_numbers[row], table.columns[column], table.cells[row][column],
                                coding.zero_one ? "0 = control, 1 = case, as --1 and --step read them; --cc12 reads 1/2"
                                                : "1 = control, 2 = case; --1 reads 0/1"));
    }
}

bool looks_zero_one_coded(const std::vector<double>& values) {
    bool any_zero = false;
    for (double v : values) {
        if (std::isnan(v)) continue;
        if (v != 0.0 && v != 1.0) return false;
        any_zero |= v == 0.0;
    }
    return any_zero;
}

CaseControlCounts count_cases(const double* values, std::size_t n) {
    CaseControlCounts counts;
    for (std::size_t i = 0; i < n; ++i) {
        if (values[i] == 1.0) ++counts.cases;
        else if (values[i] == 0.0) ++counts.controls;
    }
    return counts;
}

}  // namespace ridgeway
