#pragma once
#include <string>
#include <vector>

#include "io/genotype_source.hpp"

namespace ridgeway {

struct FamSamples {
    std::vector<SampleId> ids;
    std::vector<Sex> sexes;  // column 5, one per sample
};

// Reads a PLINK 1 .fam (FID IID PAT MAT SEX PHENO); duplicate FID/IID pairs, and a sex other than 1/2, M/F,
// male/female or 0/-9/NA (unknown), are errors.
FamSamples read_fam(const std::string& path);

}  // namespace ridgeway
