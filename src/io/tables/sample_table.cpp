#include "io/tables/sample_table.hpp"

#include <unordered_set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/error.hpp"
#include "core/text_reader.hpp"

namespace ridgeway {

namespace {

std::vector<std::string_view> split_fields(std::string_view line, bool comma_separated) {
    return comma_separated ? split_on(line, ',') : split_whitespace(line);
}

// "PC1-PC10" -> PC1, PC2, ..., PC10; nothing when `name` is not such a range.
std::vector<std::string> expand_range(const std::string& name) {
    auto dash = name.find('-');
    if (dash == std::string::npos || name.find('-', dash + 1) != std::string::npos) return {};
    std::string first = name.substr(0, dash), last = name.substr(dash + 1);
    auto digits_start = [](const std::string& text) {
        std::size_t i = text.size();
        while (i > 0 && std::isdigit(static_cast<unsigned char>(text[i - 1]))) --i;
        return i;
    };
    std::size_t a = digits_start(first), b = digits_start(last);
    if (a == first.size() || b == last.size() || first.substr(0, a) != last.substr(0, b)) return {};
    int from = std::stoi(first.substr(a)), to = std::stoi(last.substr(b));
    if (to < from || to - from > 100000) return {};
    std::vector<std::string> names;
    for (int i = from; i <= to; ++i) names.push_back(first.substr(0, a) + std::to_string(i));
    return names;
}

}  // namespace

std::size_t SampleTable::column_index(const std::string& name) const {
    for (std::size_t i = 0; i < columns.size(); ++i)
        if (columns[i] == name) return i;
    return std::string::npos;
}

SampleTable read_sample_table(const std::string& path) {
    TextReader reader(path);
    SampleTable table;
    table.path = path;
    std::string line;
    if (!reader.next_line(line)) throw Error(ErrorKind::malformed, path + ": the file is empty");
    bool comma_separated = split_whitespace(line).size() <= 1 && line.find(',') != std::string::npos;
    auto header = split_fields(line, comma_separated);
    std::size_t id_columns;
    if (header.size() >= 2 && (header[0] == "FID" || header[0] == "#FID") && header[1] == "IID") {
        id_columns = 2;
    } else if (!header.empty() && (header[0] == "#IID" || header[0] == "IID")) {
        id_columns = 1;
        table.has_fid = false;
    } else {
        throw Error(ErrorKind::malformed,
                    reader.where("expected a header line starting 'FID IID' (or '#FID IID', or '#IID')"));
    }
    std::unordered_set<std::string> names;
    for (std::size_t i = id_columns; i < header.size(); ++i) {
        std::string name(header[i]);
        if (!names.insert(name).second) throw Error(ErrorKind::malformed, reader.where("duplicate column name " + name));
        table.columns.push_back(std::move(name));
    }
    std::unordered_set<std::string> seen_ids;
    while (reader.next_line(line)) {
        auto fields = split_fields(line, comma_separated);
        if (fields.empty() || (fields.size() == 1 && fields[0].empty())) continue;
        if (fields.size() != header.size())
            throw Error(ErrorKind::malformed, reader.where(fmt::format("expected {} fields as in the header, found {}",
                                                                       header.size(), fields.size())));
        SampleId id{id_columns == 2 ? std::string(fields[0]) : std::string(), std::string(fields[id_columns - 1])};
        if (!seen_ids.insert(id.fid + '\t' + id.iid).second)
            throw Error(ErrorKind::malformed, reader.where("duplicate sample ID " + (table.has_fid ? id.fid + " " : "") + id.iid));
        table.ids.push_back(std::move(id));
        table.line_numbers.push_back(reader.line_number());
        table.cells.emplace_back(fields.begin() + id_columns, fields.end());
    }
    return table;
}

std::vector<std::size_t> select_columns(const SampleTable& table, const std::string& spec, const std::string& option) {
    std::vector<std::size_t> selected;
    if (spec.empty()) {
        for (std::size_t i = 0; i < table.columns.size(); ++i) selected.push_back(i);
        return selected;
    }
    for (auto token : split_on(spec, ',')) {
        std::string name(token);
        std::vector<std::string> expanded{name};
        if (table.column_index(name) == std::string::npos) {
            auto range = expand_range(name);
            if (!range.empty()) expanded = range;
        }
        for (const auto& column : expanded) {
            std::size_t index = table.column_index(column);
            if (index == std::string::npos)
                throw Error(ErrorKind::inconsistent, fmt::format("{} {}: no column '{}' in {}; its columns are: {}", option,
                                                                 spec, column, table.path, fmt::join(table.columns, " ")));
            selected.push_back(index);
        }
    }
    return selected;
}

}  // namespace ridgeway
