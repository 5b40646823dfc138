#pragma once
// What a genotype source does with a variant that has several ALT alleles (--multiallelic): leave it out (counted in
// the log), or split it into one biallelic variant per ALT allele, with that ALT counted against all other alleles.
#include <string>

namespace ridgeway {

enum class Multiallelic { skip, split };

// "skip" or "split"; anything else is a usage error naming --multiallelic.
Multiallelic parse_multiallelic(const std::string& name);

}  // namespace ridgeway
