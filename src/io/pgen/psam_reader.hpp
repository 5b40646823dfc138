#pragma once
#include <string>
#include <vector>

#include "io/genotype_source.hpp"

namespace ridgeway {

// Reads a PLINK 2 .psam. With a header line '#FID IID ...', FID and IID are its first two columns; with '#IID ...',
// the IID is the first and also becomes the FID (as for VCF and BGEN sample IDs, PLINK's --double-id), so trait
// files keyed by IID alone match. Without a header the file is a .fam (FID IID PAT MAT SEX [PHENO]). Other columns
// are ignored; '##' lines before the header are skipped. Duplicate IDs are an error.
std::vector<SampleId> read_psam(const std::string& path);

}  // namespace ridgeway
