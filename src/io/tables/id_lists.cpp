#include "io/tables/id_lists.hpp"

#include <unordered_map>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/text_reader.hpp"

namespace ridgeway {

std::vector<SampleId> read_sample_list(const std::string& path) {
    TextReader reader(path);
    std::vector<SampleId> ids;
    std::string line;
    while (reader.next_line(line)) {
        if (!line.empty() && line[0] == '#') continue;
        auto fields = split_whitespace(line);
        if (fields.empty()) continue;
        if (fields.size() == 1)
            ids.push_back({std::string(), std::string(fields[0])});
        else
            ids.push_back({std::string(fields[0]), std::string(fields[1])});
    }
    return ids;
}

std::unordered_set<std::string> read_variant_list(const std::string& path) {
    TextReader reader(path);
    std::unordered_set<std::string> ids;
    std::string line;
    while (reader.next_line(line)) {
        auto fields = split_whitespace(line);
        if (!fields.empty()) ids.emplace(fields[0]);
    }
    return ids;
}

std::vector<ListedVariant> read_ordered_variant_list(const std::string& path, const std::string& option) {
    TextReader reader(path);
    std::vector<ListedVariant> listed;
    std::unordered_map<std::string, std::size_t> first_line;
    std::string line;
    while (reader.next_line(line)) {
        auto fields = split_whitespace(line);
        if (fields.empty()) continue;
        std::string id(fields[0]);
        const auto [seen, added] = first_line.emplace(id, reader.line_number());
        if (!added)
            throw Error(ErrorKind::malformed, reader.where(fmt::format("variant ID {} is listed twice (first on line {}); "
                                                                       "list each {} variant once",
                                                                       id, seen->second, option)));
        listed.push_back({std::move(id), reader.line_number()});
    }
    if (listed.empty())
        throw Error(ErrorKind::malformed, fmt::format("{}: the {} file lists no variant IDs", path, option));
    return listed;
}

}  // namespace ridgeway
