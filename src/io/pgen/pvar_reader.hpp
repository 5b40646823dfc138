#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "io/genotype_source.hpp"

namespace ridgeway {

struct PvarVariant {
    Variant variant;  // allele1: the ALT field as written (comma-separated ALT alleles); allele2: REF
    std::uint32_t n_alleles = 2;
};

// Reads a PLINK 2 .pvar, plain or zstd-compressed (.pvar.zst): '##' lines, then a '#CHROM' header naming the
// columns (POS, ID, REF and ALT required; CM read when present; QUAL, FILTER, INFO and anything after FORMAT
// ignored). Without a header the file is a .bim (CHROM ID CM POS ALT REF, or CHROM ID POS ALT REF).
std::vector<PvarVariant> read_pvar(const std::string& path);

}  // namespace ridgeway
