#include "io/pgen/psam_reader.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/text_reader.hpp"
#include "io/tables/sample_id_list.hpp"

namespace ridgeway {

namespace {

constexpr std::size_t kFamColumns = 5;  // FID IID PAT MAT SEX; a phenotype column may follow

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

}  // namespace

SampleIds read_psam(const std::string& path) {
    TextReader reader(path);
    SampleIdList samples;
    std::string line;
    bool has_fid = true;
    std::size_t columns = kFamColumns;
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
    }
    return {samples.take(reader, ".psam"), has_fid};
}

}  // namespace ridgeway
