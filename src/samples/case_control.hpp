#pragma once
// Case/control traits as the models take them: 0 = control, 1 = case, NaN = missing. Files code them as PLINK does
// (1 = control, 2 = case, 0 or -9 missing; regenie's --cc12) or as 0/1 (PLINK's --1, regenie's default).
#include <string>
#include <vector>

namespace ridgeway {

struct SampleTable;

struct CaseControlCoding {
    bool zero_one = false;     // 0/1 instead of 1/2
    std::size_t min_count = 10;  // a trait with fewer cases (or controls) than this is skipped
};

// Recodes one trait column, given as numbers per genotype sample (NaN where missing or absent; `row_of` maps a
// sample to its table row), in place. Any other value is a malformed-input error naming the cell.
void recode_case_control(std::vector<double>& values, const SampleTable& table, std::size_t column,
                         const std::vector<std::size_t>& row_of, const CaseControlCoding& coding);

// Whether a trait read with the default 1/2 coding looks 0/1-coded instead: every non-missing value (NaN is missing)
// is 0 or 1, and some are 0. Such a trait has no cases under 1/2 coding, where 0 is a missing code.
bool looks_zero_one_coded(const std::vector<double>& values);

struct CaseControlCounts {
    std::size_t cases = 0, controls = 0;
};
CaseControlCounts count_cases(const double* values, std::size_t n);

}  // namespace ridgeway
