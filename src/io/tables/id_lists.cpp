#include "io/tables/id_lists.hpp"

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

}  // namespace ridgeway
