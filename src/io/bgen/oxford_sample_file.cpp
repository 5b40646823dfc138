#include "io/bgen/oxford_sample_file.hpp"

#include <algorithm>
#include <utility>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/text_reader.hpp"
#include "io/tables/sample_id_list.hpp"

namespace ridgeway {

namespace {

std::vector<std::string_view> next_fields(TextReader& reader, std::string& line, const char* what) {
    if (!reader.next_line(line))
        throw Error(ErrorKind::malformed,
                    fmt::format("{}: the file ends before its {}; is it an Oxford .sample file?", reader.path(), what));
    return split_whitespace(line);
}

}  // namespace

OxfordSamples read_oxford_sample_file(const std::string& path) {
    TextReader reader(path);
    std::string header_line, line;
    const auto header = next_fields(reader, header_line, "header line");
    if (header.size() < 3 || !same_word_ignoring_case(header[0], "ID_1") ||
        !same_word_ignoring_case(header[1], "ID_2") || !same_word_ignoring_case(header[2], "missing"))
        throw Error(ErrorKind::malformed,
                    reader.where("expected the header of an Oxford .sample file, 'ID_1 ID_2 missing ...'"));
    const std::size_t n_columns = header.size();
    const auto types = next_fields(reader, line, "line of column types");
    if (types.size() != n_columns || types[0] != "0" || types[1] != "0" || types[2] != "0")
        throw Error(
            ErrorKind::malformed,
            reader.where(fmt::format("expected the line of column types, '0 0 0' and {} more types", n_columns - 3)));

    // The sex column: named sex (any case), of type D (discrete covariate), as PLINK 2 and QCTOOL write it.
    std::size_t sex_column = 0;
    for (std::size_t c = 3; c < n_columns && sex_column == 0; ++c)
        if (same_word_ignoring_case(header[c], "sex") && types[c] == "D") sex_column = c;

    SampleIdList samples;
    std::vector<Sex> sexes;
    while (reader.next_line(line)) {
        const auto fields = split_whitespace(line);
        if (fields.size() != n_columns)
            throw Error(ErrorKind::malformed, reader.where(fmt::format("{} fields, but the header names {} columns",
                                                                       fields.size(), n_columns)));
        samples.add({std::string(fields[0]), std::string(fields[1])}, reader);
        if (sex_column != 0) sexes.push_back(read_sex(fields[sex_column], reader));
    }
    SampleIds ids{samples.take(reader, ".sample"), false};
    const auto no_fid = [](const SampleId& id) { return id.fid == "0" || id.fid == id.iid; };
    ids.has_fid = !std::all_of(ids.ids.begin(), ids.ids.end(), no_fid);
    return {std::move(ids), std::move(sexes)};
}

}  // namespace ridgeway
