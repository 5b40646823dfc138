#include "samples/sample_matcher.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/error.hpp"
#include "core/run_log.hpp"

namespace ridgeway {

namespace {

constexpr std::size_t kExamplesShown = 5;
constexpr auto npos = static_cast<std::size_t>(-1);

std::string show(const SampleId& id, bool has_fid) { return has_fid ? id.fid + " " + id.iid : id.iid; }

}  // namespace

SampleMatcher::SampleMatcher(const std::vector<SampleId>& samples) : samples_(samples) {
    std::unordered_map<std::string, std::size_t> iid_count;
    for (std::size_t i = 0; i < samples.size(); ++i) {
        by_fid_iid_[samples[i].fid + '\t' + samples[i].iid] = i;
        if (++iid_count[samples[i].iid] == 1)
            by_iid_[samples[i].iid] = i;
        else
            by_iid_.erase(samples[i].iid);
    }
}

std::size_t SampleMatcher::find(const SampleId& id, bool has_fid) const {
    if (has_fid) {
        auto it = by_fid_iid_.find(id.fid + '\t' + id.iid);
        return it == by_fid_iid_.end() ? npos : it->second;
    }
    auto it = by_iid_.find(id.iid);
    return it == by_iid_.end() ? npos : it->second;
}

std::vector<std::size_t> SampleMatcher::match(const std::vector<SampleId>& ids, bool has_fid, const std::string& source,
                                              RunLog& log) const {
    std::vector<std::size_t> row_of_sample(samples_.size(), npos);
    std::vector<std::string> unmatched_rows;
    std::size_t unmatched_count = 0;
    for (std::size_t row = 0; row < ids.size(); ++row) {
        std::size_t sample = find(ids[row], has_fid);
        if (sample == npos) {
            if (unmatched_rows.size() < kExamplesShown) unmatched_rows.push_back(show(ids[row], has_fid));
            ++unmatched_count;
        } else {
            row_of_sample[sample] = row;
        }
    }
    std::vector<std::string> missing_samples;
    std::size_t missing_count = 0;
    for (std::size_t s = 0; s < samples_.size(); ++s) {
        if (row_of_sample[s] != npos) continue;
        if (missing_samples.size() < kExamplesShown) missing_samples.push_back(show(samples_[s], true));
        ++missing_count;
    }
    std::size_t matched = ids.size() - unmatched_count;
    log.info(fmt::format("{}: {} of {} rows matched genotype samples", source, matched, ids.size()));
    if (unmatched_count > 0)
        log.info(fmt::format("  {} rows not in the genotype file, e.g. {}", unmatched_count, fmt::join(unmatched_rows, ", ")));
    if (missing_count > 0 && matched > 0)
        log.info(fmt::format("  {} genotype samples not in {}, e.g. {}", missing_count, source, fmt::join(missing_samples, ", ")));
    if (matched == 0 && !ids.empty())
        throw Error(ErrorKind::inconsistent,
                    fmt::format("{}: no sample ID matches the genotype file (examples from {}: {}; from the genotype "
                                "file: {}); check the FID/IID columns{}",
                                source, source, fmt::join(unmatched_rows, ", "), fmt::join(missing_samples, ", "),
                                has_fid ? "" : " (matched by IID only, since the table has no FID column)"));
    return row_of_sample;
}

}  // namespace ridgeway
