#pragma once
// Sample IDs read line by line from a sample file (.fam, .psam, Oxford .sample), in file order, each FID/IID pair
// at most once.
#include <string>
#include <unordered_set>
#include <vector>

#include "io/genotype_source.hpp"

namespace ridgeway {

class TextReader;

class SampleIdList {
public:
    // Adds `id`; a pair seen before is a malformed-file error at the reader's current line.
    void add(SampleId id, const TextReader& reader);
    // The IDs; none is a malformed-file error "PATH: the `kind` file lists no samples".
    std::vector<SampleId> take(const TextReader& reader, const std::string& kind);

private:
    std::vector<SampleId> samples_;
    std::unordered_set<std::string> seen_;
};

}  // namespace ridgeway
