#pragma once
#include <string>
#include <vector>

#include "io/genotype_source.hpp"

namespace ridgeway {

// Reads a PLINK 1 .bim (chr id cM bp A1 A2), strictly: six fields, numeric cM, non-negative integer bp.
std::vector<Variant> read_bim(const std::string& path);

}  // namespace ridgeway
