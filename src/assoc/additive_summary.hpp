#pragma once
// What the tests report from the additive coding when they test another genetic model (assoc/genetic_model.hpp):
// the sums the variant filters judge a variant by, and per trait the A1 frequencies and INFO over the samples a test
// used, as plink2 reports A1_FREQ and MACH_R2 whatever the model.
#include <cstdint>
#include <vector>

#include "assoc/assoc_result.hpp"
#include "assoc/variant_filters.hpp"
#include "io/genotype_source.hpp"

namespace ridgeway {

class AdditiveSummary {
public:
    // The additive sums of variant v of `additive` over all its rows, for passes_filters.
    const GenotypeSums& sums(const GenotypeBlock& additive, std::size_t v);

    // Replaces result's a1_freq and INFO (dosages) by those of the additive genotypes of variant v over the rows with
    // a call and status >= 0; with `case_control` also the cases' (status 1) and controls' (status 0) frequencies.
    static void report(const GenotypeBlock& additive, std::size_t v, const std::int8_t* status, bool case_control,
                       AssocResult& result);

private:
    GenotypeSums sums_;
    std::vector<double> values_;
};

}  // namespace ridgeway
