#include "io/plink1/fam_reader.hpp"

#include "core/error.hpp"
#include "core/text_reader.hpp"
#include "io/tables/sample_id_list.hpp"

namespace ridgeway {

FamSamples read_fam(const std::string& path) {
    TextReader reader(path);
    SampleIdList samples;
    FamSamples fam;
    std::string line;
    while (reader.next_line(line)) {
        auto fields = split_whitespace(line);
        if (fields.empty()) throw Error(ErrorKind::malformed, reader.where("empty line in a .fam file"));
        if (fields.size() != 6)
            throw Error(ErrorKind::malformed, reader.where("expected 6 fields (FID IID PAT MAT SEX PHENO), found " +
                                                           std::to_string(fields.size())));
        samples.add({std::string(fields[0]), std::string(fields[1])}, reader);
        fam.sexes.push_back(read_sex(fields[4], reader));
    }
    fam.ids = samples.take(reader, ".fam");
    return fam;
}

}  // namespace ridgeway
