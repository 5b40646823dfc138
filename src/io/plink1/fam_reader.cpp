#include "io/plink1/fam_reader.hpp"

#include <unordered_set>

#include "core/error.hpp"
#include "core/text_reader.hpp"

namespace ridgeway {

std::vector<SampleId> read_fam(const std::string& path) {
    TextReader reader(path);
    std::vector<SampleId> samples;
    std::unordered_set<std::string> seen;
    std::string line;
    while (reader.next_line(line)) {
        auto fields = split_whitespace(line);
        if (fields.empty()) throw Error(ErrorKind::malformed, reader.where("empty line in a .fam file"));
        if (fields.size() != 6)
            throw Error(ErrorKind::malformed, reader.where("expected 6 fields (FID IID PAT MAT SEX PHENO), found " +
                                                           std::to_string(fields.size())));
        SampleId id{std::string(fields[0]), std::string(fields[1])};
        if (!seen.insert(id.fid + '\t' + id.iid).second)
            throw Error(ErrorKind::malformed, reader.where("duplicate sample ID " + id.fid + " " + id.iid));
        samples.push_back(std::move(id));
    }
    if (samples.empty()) throw Error(ErrorKind::malformed, path + ": the .fam file lists no samples");
    return samples;
}

}  // namespace ridgeway
