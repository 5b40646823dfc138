#include "samples/sample_matcher.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/error.hpp"
#include "core/run_log.hpp"
#include "io/tables/sample_table.hpp"

namespace ridgeway {

namespace {

constexpr std::size_t kExamplesShown = 5;
constexpr auto npos = static_cast<std::size_t>(-1);

std::string show(const SampleId& id, bool has_fid) { return has_fid ? id.fid + " " + id.iid : id.iid; }

}  // namespace

SampleMatcher::SampleMatcher(const std::vector<SampleId>& samples, bool samples_have_fid)
    : samples_(samples), samples_have_fid_(samples_have_fid) {
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
    if (by_fid(has_fid)) {
        auto it = by_fid_iid_.find(id.fid + '\t' + id.iid);
        return it == by_fid_iid_.end() ? npos : it->second;
    }
    auto it = by_iid_.find(id.iid);
    return it == by_iid_.end() ? npos : it->second;
}

std::string SampleMatcher::rule(bool table_has_fid) const {
    if (by_fid(table_has_fid)) return "by FID and IID";
    if (!table_has_fid) return "by IID alone (the table has no FID column)";
    return "by IID alone (the genotype file has no family IDs, so the table's FID column is not used)";
}

void SampleMatcher::check_unique_iids(const SampleTable& table) const {
    std::unordered_map<std::string, std::size_t> row_of_iid;
    for (std::size_t row = 0; row < table.ids.size(); ++row) {
        const auto [first, added] = row_of_iid.emplace(table.ids[row].iid, row);
        if (!added)
            throw Error(ErrorKind::inconsistent,
                        fmt::format("{}: IID {} is also on line {}; the genotype file has no family IDs, so rows are "
                                    "matched by IID alone and each IID may appear once",
                                    file_position(table.path, table.line_numbers[row]), table.ids[row].iid,
                                    table.line_numbers[first->second]));
    }
}

std::vector<std::size_t> SampleMatcher::match(const SampleTable& table, RunLog& log) const {
    const bool has_fid = table.has_fid;
    if (has_fid && !samples_have_fid_) check_unique_iids(table);
    std::vector<std::size_t> row_of_sample(samples_.size(), npos);
    std::vector<std::string> unmatched_rows;
    std::size_t unmatched_count = 0;
    for (std::size_t row = 0; row < table.ids.size(); ++row) {
        std::size_t sample = find(table.ids[row], has_fid);
        if (sample == npos) {
            if (unmatched_rows.size() < kExamplesShown) unmatched_rows.push_back(show(table.ids[row], by_fid(has_fid)));
            ++unmatched_count;
        } else {
            row_of_sample[sample] = row;
        }
    }
    std::vector<std::string> missing_samples;
    std::size_t missing_count = 0;
    for (std::size_t s = 0; s < samples_.size(); ++s) {
        if (row_of_sample[s] != npos) continue;
        if (missing_samples.size() < kExamplesShown) missing_samples.push_back(show(samples_[s], samples_have_fid_));
        ++missing_count;
    }
    const std::size_t matched = table.ids.size() - unmatched_count;
    const std::string& source = table.path;
    log.info(fmt::format("{}: {} of {} rows matched genotype samples {}", source, matched, table.ids.size(),
                         rule(has_fid)));
    if (unmatched_count > 0)
        log.info(fmt::format("  {} rows not in the genotype file, e.g. {}", unmatched_count, fmt::join(unmatched_rows, ", ")));
    if (missing_count > 0 && matched > 0)
        log.info(fmt::format("  {} genotype samples not in {}, e.g. {}", missing_count, source, fmt::join(missing_samples, ", ")));
    if (matched == 0 && !table.ids.empty())
        throw Error(ErrorKind::inconsistent,
                    fmt::format("{}: no sample ID matches the genotype file (examples from {}: {}; from the genotype "
                                "file: {}); check the ID columns, matched {}",
                                source, source, fmt::join(unmatched_rows, ", "), fmt::join(missing_samples, ", "),
                                rule(has_fid)));
    return row_of_sample;
}

}  // namespace ridgeway
