#include "io/pgen/psam_reader.hpp"

#include <algorithm>
#include <cstdint>
#include <utility>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/text_reader.hpp"
#include "io/tables/sample_id_list.hpp"

namespace ridgeway {

namespace {

constexpr std::size_t kFamColumns = 5;  // FID IID PAT MAT SEX; a phenotype column may follow
constexpr std::size_t kFamSexColumn = 4;
constexpr std::size_t kNoSexColumn = SIZE_MAX;

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

}  // namespace

PsamSamples read_psam(const std::string& path) {
    TextReader reader(path);
    SampleIdList samples;
    std::vector<Sex> sexes;
    std::string line;
    bool has_fid = true;
    std::size_t columns = kFamColumns;
    std::size_t sex_column = kFamSexColumn;
    bool in_header = true;
    while (reader.next_line(line)) {
        const auto fields = split_whitespace(line);
        if (fields.empty()) continue;
        if (in_header && starts_with(line, "#")) {
            if (starts_with(line, "#FID") || starts_with(line, "#IID")) {
                has_fid = starts_with(line, "#FID");
                columns = fields.size();
                if (has_fid && (columns < 2 || fields[1] != "IID"))
                    throw Error(ErrorKind::malformed, reader.where("the header's second column must be IID after #FID"));
                const auto is_sex = [](std::string_view name) { return same_word_ignoring_case(name, "SEX"); };
                const auto sex = std::find_if(fields.begin(), fields.end(), is_sex);
                sex_column = sex == fields.end() ? kNoSexColumn : static_cast<std::size_t>(sex - fields.begin());
            } else if (!starts_with(line, "##")) {
                throw Error(ErrorKind::malformed,
                            reader.where("expected a header line starting with #FID or #IID, or '##' lines before it"));
            }
            continue;
        }
        in_header = false;
        if (fields.size() < columns)
            throw Error(ErrorKind::malformed,
                        reader.where(fmt::format("{} fields, but {} columns are expected", fields.size(), columns)));
        samples.add({std::string(fields[0]), std::string(fields[has_fid ? 1 : 0])}, reader);
        if (sex_column != kNoSexColumn) sexes.push_back(read_sex(fields[sex_column], reader));
    }
    return {{samples.take(reader, ".psam"), has_fid}, std::move(sexes)};
}

}  // namespace ridgeway
