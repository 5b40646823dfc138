#pragma once
// Chromosome names as numbers, PLINK's way: a "chr" prefix dropped, letters in any case, X = 23, Y = 24, XY = 25
// (also PAR1 and PAR2, PLINK 2's names for the pseudo-autosomal parts of X), MT = 26 (also M).
#include <string>
#include <string_view>
#include <vector>

namespace ridgeway {

// 0 when the name is not a recognised chromosome.
int chromosome_code(std::string_view name);

// Parses a --chr list such as "1-4,22,X" into codes; a usage error on anything unrecognised.
std::vector<int> parse_chromosome_list(const std::string& spec);

}  // namespace ridgeway
