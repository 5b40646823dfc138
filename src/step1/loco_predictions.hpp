#pragma once
// Leave-one-chromosome-out predictions of each trait, on the scaled-trait scale (see trait_scaling.hpp).
#include <string>
#include <vector>

#include "linalg/matrix.hpp"

namespace ridgeway {

struct LocoPredictions {
    std::vector<std::string> trait_names;
    std::vector<int> chromosomes;  // chromosome codes, in the order of the matrix columns
    std::vector<Matrix> values;    // per trait: cohort rows x chromosomes

    // Column of `chromosome`, or npos.
    std::size_t column_of(int chromosome) const;
};

}  // namespace ridgeway
