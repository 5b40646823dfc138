#pragma once
// Leave-one-chromosome-out predictions of each trait: for quantitative traits on the scaled-trait scale (see
// trait_scaling.hpp), for case/control traits on the log-odds scale (an offset to the covariates' logistic model).
#include <string>
#include <vector>

#include "linalg/matrix.hpp"

namespace ridgeway {

struct LocoPredictions {
    std::vector<std::string> trait_names;
    std::vector<int> chromosomes;  // chromosome codes, in the order of the matrix columns
    std::vector<Matrix> values;    // per trait: cohort rows x chromosomes

    // Column of `chromosome`; an inconsistent-input error when step 1 did not see it.
    std::size_t loco_column(int chromosome) const;
};

}  // namespace ridgeway
