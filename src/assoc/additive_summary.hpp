#pragma once
// What the tests report from the additive coding when they test another genetic model (assoc/genetic_model.hpp):
// the sums the variant filters judge a variant by, and per trait the A1 frequencies and INFO over the samples a test
// used, as plink2 reports A1_FREQ and MACH_R2 whatever the model. A trait's sums come from the variant's sums over
// all rows minus its few rows without a value, and its cases' from its case rows, so that they cost little beside
// the tests.
#include <cstdint>
#include <vector>

#include "assoc/assoc_result.hpp"
#include "assoc/variant_filters.hpp"
#include "io/genotype_source.hpp"

namespace ridgeway {

class AdditiveSummary {
public:
    // Sums variant v of `additive` over all its rows, for passes_filters and for report() on the same variant.
    const GenotypeSums& sums(const GenotypeBlock& additive, std::size_t v);

    // Replaces result's a1_freq and INFO (dosages) by those of the additive genotypes of the variant last summed,
    // over the rows with a call but those of `left_out` (the trait's rows without a value); with `cases` (the
    // trait's case rows) also the cases' and the controls' frequencies.
    void report(const std::vector<std::size_t>& left_out, const std::vector<std::size_t>* cases,
                AssocResult& result) const;

private:
    GenotypeSums sums_;
    std::vector<double> values_;            // the additive genotypes, missing as 0
    const std::int8_t* calls_ = nullptr;    // the variant's calls (missing < 0, for dosages too)
};

// The rows of `status` (per row: -1 no value, 0 control, 1 case) equal to `value`, increasing.
std::vector<std::size_t> rows_with_status(const std::vector<std::int8_t>& status, std::int8_t value);

}  // namespace ridgeway
