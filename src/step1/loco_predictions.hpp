#pragma once
// Leave-one-chromosome-out predictions of each trait: for quantitative traits on the scaled-trait scale (see
// trait_scaling.hpp), for case/control traits on the log-odds scale (an offset to the covariates' logistic model).
#include <string>
#include <vector>

#include "linalg/matrix.hpp"

namespace ridgeway {

// The chromosome code of a whole-genome prediction's row, as regenie's .prs files write it.
constexpr int kWholeGenomeRow = 0;

struct LocoPredictions {
    std::vector<std::string> trait_names;
    // Chromosome codes, in the order of the matrix columns; {kWholeGenomeRow} alone for whole-genome predictions
    // (regenie's .prs files, read with --use-prs), which every chromosome is tested with.
    std::vector<int> chromosomes;
    std::vector<Matrix> values;    // per trait: cohort rows x chromosomes
    // Step 1's whole-genome prediction of each trait per cohort row (LOCO_c plus chromosome c's own part, for any c);
    // empty when the predictions were read from files.
    std::vector<std::vector<double>> whole_genome;

    bool is_whole_genome() const { return chromosomes.size() == 1 && chromosomes[0] == kWholeGenomeRow; }
    // Column of `chromosome` (the one column of whole-genome predictions); an inconsistent-input error when step 1
    // did not see it.
    std::size_t loco_column(int chromosome) const;
};

// The chromosomes step 1 predicts for, given those of its variants (`fitted`, any order, repeats allowed): 1 to 23
// (X), the 23 rows of regenie's .loco layout, which its step 2 reads by position (chromosome c from line c + 1),
// then any other chromosome fitted (Y = 24, ...), in increasing order. Leaving out a chromosome without step-1
// variants removes nothing, so its prediction is the whole-genome one.
std::vector<int> loco_chromosomes(const std::vector<int>& fitted);

}  // namespace ridgeway
