#pragma once
// Finds each table row's genotype sample by ID: by FID and IID when the table has family IDs, by IID alone otherwise.
#include <string>
#include <unordered_map>
#include <vector>

#include "io/genotype_source.hpp"

namespace ridgeway {

class RunLog;

class SampleMatcher {
public:
    explicit SampleMatcher(const std::vector<SampleId>& samples);

    // Index into the genotype samples, or npos.
    std::size_t find(const SampleId& id, bool has_fid) const;

    // For each genotype sample, the index of its entry in `ids` (npos when absent). Logs how many matched and shows
    // examples of IDs that did not, in both directions.
    std::vector<std::size_t> match(const std::vector<SampleId>& ids, bool has_fid, const std::string& source,
                                   RunLog& log) const;

private:
    const std::vector<SampleId>& samples_;
    std::unordered_map<std::string, std::size_t> by_fid_iid_;
    std::unordered_map<std::string, std::size_t> by_iid_;  // IIDs that are unique in the genotype file
};

}  // namespace ridgeway
