#pragma once
#include <string>
#include <vector>

#include "io/genotype_source.hpp"

namespace ridgeway {

// Reads a PLINK 1 .fam (FID IID PAT MAT SEX PHENO); duplicate FID/IID pairs are an error.
std::vector<SampleId> read_fam(const std::string& path);

}  // namespace ridgeway
