#include "io/plink1/bim_reader.hpp"

#include "core/error.hpp"
#include "core/text_reader.hpp"

namespace ridgeway {

std::vector<Variant> read_bim(const std::string& path) {
    TextReader reader(path);
    std::vector<Variant> variants;
    std::string line;
    while (reader.next_line(line)) {
        auto fields = split_whitespace(line);
        if (fields.size() != 6)
            throw Error(ErrorKind::malformed, reader.where("expected 6 fields (chr id cM bp A1 A2), found " +
                                                           std::to_string(fields.size())));
        Variant variant;
        variant.chrom = fields[0];
        variant.id = fields[1];
        auto cm = parse_double(fields[2]);
        if (!cm) throw Error(ErrorKind::malformed, reader.where("column 3 (cM) is not a number: '" + std::string(fields[2]) + "'"));
        auto pos = parse_integer(fields[3]);
        if (!pos || *pos < 0)
            throw Error(ErrorKind::malformed,
                        reader.where("column 4 (bp) is not a non-negative integer: '" + std::string(fields[3]) + "'"));
        variant.cm = *cm;
        variant.pos = *pos;
        variant.allele1 = fields[4];
        variant.allele2 = fields[5];
        variants.push_back(std::move(variant));
    }
    if (variants.empty()) throw Error(ErrorKind::malformed, path + ": the .bim file lists no variants");
    return variants;
}

}  // namespace ridgeway
