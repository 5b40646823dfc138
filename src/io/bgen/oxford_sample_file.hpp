#pragma once
// Oxford .sample files (the original format of QCTOOL v1, SNPTEST and PLINK 2's --export bgen-1.x): a header line
// "ID_1 ID_2 missing ...", a line of column types "0 0 0 ...", then one line per sample. FID = ID_1, IID = ID_2.
#include <string>
#include <vector>

#include "io/genotype_source.hpp"

namespace ridgeway {

std::vector<SampleId> read_oxford_sample_file(const std::string& path);

}  // namespace ridgeway
