#pragma once
#include <string>
#include <vector>

#include "io/genotype_source.hpp"

namespace ridgeway {

struct PsamSamples {
    SampleIds ids;
    std::vector<Sex> sexes;  // one per sample, or empty when the file has no SEX column
};

// Reads a PLINK 2 .psam. With a header line '#FID IID ...', FID and IID are its first two columns; with '#IID ...',
// the IID is the first and also stands in the FID's place (as for VCF and BGEN sample IDs, PLINK's --double-id), and
// the IDs have no family IDs (SampleIds::has_fid), so tables are matched by IID alone. Without a header the file is a
// .fam (FID IID PAT MAT SEX [PHENO]). Sex comes from the header's SEX column (any case), or a .fam's fifth; other
// columns are ignored; '##' lines before the header are skipped. Duplicate IDs, and a sex other than 1/2, M/F,
// male/female or 0/-9/NA (unknown), are errors.
PsamSamples read_psam(const std::string& path);

}  // namespace ridgeway
