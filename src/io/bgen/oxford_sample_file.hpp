#pragma once
// Oxford .sample files (the original format of QCTOOL v1, SNPTEST and PLINK 2's --export bgen-1.x): a header line
// "ID_1 ID_2 missing ...", a line of column types "0 0 0 ...", then one line per sample. FID = ID_1, IID = ID_2; when
// every ID_1 is 0 (PLINK 2's export of samples without family IDs) or repeats its ID_2 (as in UK Biobank's files),
// the file has no family IDs (SampleIds::has_fid) and tables are matched by IID alone. Sex comes from a column named
// sex (any case) of type D; its values are 1/2, M/F, male/female or 0/-9/NA (unknown), anything else is an error.
#include <string>
#include <vector>

#include "io/genotype_source.hpp"

namespace ridgeway {

struct OxfordSamples {
    SampleIds ids;
    std::vector<Sex> sexes;  // one per sample, or empty without a sex column
};

OxfordSamples read_oxford_sample_file(const std::string& path);

}  // namespace ridgeway
