#pragma once
// Finds each table row's genotype sample by ID. Family IDs count only when both sides have them: a table with FID and
// IID columns against a genotype file with family IDs is matched on both; a table without FIDs, or a genotype file
// without them (a .psam with '#IID', VCF/BCF without --id-delim, BGEN's own IDs), is matched by IID alone, as PLINK 2
// loads a 'FID IID' table written with FID 0 against such files.
#include <string>
#include <unordered_map>
#include <vector>

#include "io/genotype_source.hpp"

namespace ridgeway {

class RunLog;
struct SampleTable;

class SampleMatcher {
public:
    // `samples_have_fid`: whether the genotype file holds family IDs (GenotypeSource::has_family_ids).
    SampleMatcher(const std::vector<SampleId>& samples, bool samples_have_fid);
    explicit SampleMatcher(const GenotypeSource& source) : SampleMatcher(source.samples(), source.has_family_ids()) {}

    const std::vector<SampleId>& samples() const { return samples_; }

    // Index into the genotype samples of an ID from a list with (`has_fid`) or without family IDs, or npos.
    std::size_t find(const SampleId& id, bool has_fid) const;

    // For each genotype sample, the index of its row in `table` (npos when absent). Logs the matching rule, how many
    // rows matched and examples of IDs that did not, in both directions. Matching by IID alone because the genotype
    // file has no family IDs, an IID on two rows is an error naming the file and line; no match at all is an error.
    std::vector<std::size_t> match(const SampleTable& table, RunLog& log) const;

private:
    bool by_fid(bool table_has_fid) const { return table_has_fid && samples_have_fid_; }
    // "by FID and IID" or "by IID alone (...why)", for the log and errors.
    std::string rule(bool table_has_fid) const;
    void check_unique_iids(const SampleTable& table) const;

    const std::vector<SampleId>& samples_;
    bool samples_have_fid_;
    std::unordered_map<std::string, std::size_t> by_fid_iid_;
    std::unordered_map<std::string, std::size_t> by_iid_;  // IIDs that are unique in the genotype file
};

}  // namespace ridgeway
