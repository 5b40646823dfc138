#pragma once
// The small list files people pass to --keep/--remove (samples: `FID IID` or `IID` per line, `#` header allowed) and
// --extract/--exclude (one variant ID per line).
#include <string>
#include <unordered_set>
#include <vector>

#include "io/genotype_source.hpp"

namespace ridgeway {

std::vector<SampleId> read_sample_list(const std::string& path);
std::unordered_set<std::string> read_variant_list(const std::string& path);

}  // namespace ridgeway
