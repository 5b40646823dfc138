#include "core/split_plan.hpp"

#include <cmath>
#include <filesystem>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/text_reader.hpp"

namespace ridgeway {

namespace {

constexpr const char* kFormatLine = "ridgeway-split-plan 1";

}  // namespace

std::vector<PartRange> balanced_parts(const std::vector<std::size_t>& weights, std::size_t parts) {
    const std::size_t units = weights.size();
    std::vector<std::size_t> prefix(units + 1, 0);  // prefix[i]: weight of units 0 .. i-1
    for (std::size_t i = 0; i < units; ++i) prefix[i + 1] = prefix[i] + weights[i];
    std::vector<PartRange> ranges;
    std::size_t begin = 0;
    for (std::size_t k = 1; k <= parts; ++k) {
        // The boundary nearest the ideal share k/parts of the work, leaving at least one unit to every later part.
        const double target = static_cast<double>(prefix[units]) * static_cast<double>(k) / static_cast<double>(parts);
        std::size_t end = begin + 1;
        while (end < units - (parts - k) &&
               std::abs(static_cast<double>(prefix[end + 1]) - target) <= std::abs(static_cast<double>(prefix[end]) - target))
            ++end;
        if (k == parts) end = units;
        ranges.push_back({begin, end - begin});
        begin = end;
    }
    return ranges;
}

std::size_t range_weight(const std::vector<std::size_t>& weights, PartRange range) {
    std::size_t total = 0;
    for (std::size_t k = range.first; k < range.first + range.count; ++k) total += weights[k];
    return total;
}

std::string split_plan_text(const SplitPlan& plan, const std::vector<std::string>& notes) {
    std::string text = fmt::format("{}\ncommand {}\nfingerprint {:016x}\nparts {}\ntotal {} {}\n", kFormatLine, plan.command,
                                   plan.fingerprint, plan.parts.size(), plan.total, plan.unit);
    text += fmt::format("# part I FIRST COUNT: part I computes {} FIRST to FIRST + COUNT - 1, counted from 0\n", plan.unit);
    for (std::size_t k = 0; k < plan.parts.size(); ++k) {
        if (k < notes.size()) text += fmt::format("# part {}: {}\n", k + 1, notes[k]);
        text += fmt::format("part {} {} {}\n", k + 1, plan.parts[k].first, plan.parts[k].count);
    }
    return text;
}

SplitPlan read_split_plan(const std::string& path) {
    if (!std::filesystem::exists(path))
        throw Error(ErrorKind::cannot_open, path + ": no split plan; write it first with --split N and the same options");
    TextReader reader(path);
    SplitPlan plan;
    std::string line;
    std::size_t expected_parts = 0;
    bool header = false;
    auto bad = [&](const std::string& what) {
        return Error(ErrorKind::malformed, reader.where(what + " (a plan written by ridgeway --split; write it again)"));
    };
    auto count = [&](std::string_view token) {
        auto value = parse_integer(token);
        if (!value || *value < 0) throw bad("expected a whole number, found '" + std::string(token) + "'");
        return static_cast<std::size_t>(*value);
    };
    while (reader.next_line(line)) {
        if (!header) {
            if (line != kFormatLine) throw bad("not a split plan of this version");
            header = true;
            continue;
        }
        if (line.empty() || line[0] == '#') continue;
        const auto fields = split_whitespace(line);
        if (fields.size() == 2 && fields[0] == "command") {
            plan.command = fields[1];
        } else if (fields.size() == 2 && fields[0] == "fingerprint" && fields[1].size() == 16) {
            std::size_t used = 0;
            try {
                plan.fingerprint = std::stoull(std::string(fields[1]), &used, 16);
            } catch (const std::exception&) {
            }
            if (used != 16) throw bad("a fingerprint is 16 hexadecimal digits");
        } else if (fields.size() == 2 && fields[0] == "parts") {
            expected_parts = count(fields[1]);
        } else if (fields.size() == 3 && fields[0] == "total") {
            plan.total = count(fields[1]);
            plan.unit = fields[2];
        } else if (fields.size() == 4 && fields[0] == "part") {
            if (count(fields[1]) != plan.parts.size() + 1) throw bad("parts must be numbered 1, 2, ... in order");
            const PartRange range{count(fields[2]), count(fields[3])};
            const std::size_t next = plan.parts.empty() ? 0 : plan.parts.back().first + plan.parts.back().count;
            if (range.first != next || range.count == 0) throw bad("parts must follow on without gaps or overlaps");
            plan.parts.push_back(range);
        } else {
            throw bad("unexpected line '" + line + "'");
        }
    }
    if (!header || plan.command.empty() || plan.unit.empty() || expected_parts == 0 || plan.parts.size() != expected_parts ||
        plan.parts.back().first + plan.parts.back().count != plan.total)
        throw Error(ErrorKind::malformed, path + ": incomplete split plan (write it again with --split N)");
    return plan;
}

}  // namespace ridgeway
