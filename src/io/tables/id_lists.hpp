#pragma once
// The small list files people pass to --keep/--remove (samples: `FID IID` or `IID` per line, `#` header allowed),
// --extract/--exclude (one variant ID per line) and --condition-list (one variant ID per line, in order).
#include <string>
#include <unordered_set>
#include <vector>

#include "io/genotype_source.hpp"

namespace ridgeway {

std::vector<SampleId> read_sample_list(const std::string& path);
std::unordered_set<std::string> read_variant_list(const std::string& path);

struct ListedVariant {
    std::string id;
    std::size_t line = 0;  // 1-based line of `path`
};
// The first word of each non-blank line, in file order. An ID listed twice, or no ID at all, is a malformed-file
// error naming `path` (and the lines); `option` names the option in the message.
std::vector<ListedVariant> read_ordered_variant_list(const std::string& path, const std::string& option);

}  // namespace ridgeway
