#include "io/pgen/pvar_reader.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/text_reader.hpp"

namespace ridgeway {

namespace {

enum Column { chrom, pos, id, ref, alt, cm, n_columns };
constexpr std::size_t kAbsent = SIZE_MAX;
using Columns = std::array<std::size_t, n_columns>;

constexpr Columns kBim6 = {0, 3, 1, 5, 4, 2};
constexpr Columns kBim5 = {0, 2, 1, 4, 3, kAbsent};

Columns header_columns(const std::vector<std::string_view>& names, const TextReader& reader) {
    Columns columns;
    columns.fill(kAbsent);
    columns[chrom] = 0;
    const std::pair<std::string_view, Column> known[] = {{"POS", pos}, {"ID", id}, {"REF", ref}, {"ALT", alt}, {"CM", cm}};
    for (std::size_t k = 1; k < names.size() && names[k] != "FORMAT"; ++k)
        for (const auto& [name, column] : known)
            if (names[k] == name) {
                if (columns[column] != kAbsent)
                    throw Error(ErrorKind::malformed, reader.where(fmt::format("column {} appears twice", name)));
                columns[column] = k;
            }
    for (const auto& [name, column] : known)
        if (column != cm && columns[column] == kAbsent)
            throw Error(ErrorKind::malformed, reader.where(fmt::format("the #CHROM header line has no {} column", name)));
    return columns;
}

PvarVariant parse_variant(const std::vector<std::string_view>& fields, const Columns& columns, const TextReader& reader) {
    PvarVariant parsed;
    Variant& variant = parsed.variant;
    variant.chrom = fields[columns[chrom]];
    variant.id = fields[columns[id]];
    const auto position = parse_integer(fields[columns[pos]]);
    if (!position || *position < 0)
        throw Error(ErrorKind::malformed, reader.where(fmt::format("POS is not a non-negative integer: '{}'",
                                                                   fields[columns[pos]])));
    variant.pos = *position;
    if (columns[cm] != kAbsent) {
        const auto morgans = parse_double(fields[columns[cm]]);
        if (!morgans)
            throw Error(ErrorKind::malformed, reader.where(fmt::format("CM is not a number: '{}'", fields[columns[cm]])));
        variant.cm = *morgans;
    }
    variant.allele2 = fields[columns[ref]];
    variant.allele1 = fields[columns[alt]];
    const auto alts = split_on(variant.allele1, ',');
    if (std::any_of(alts.begin(), alts.end(), [](std::string_view allele) { return allele.empty(); }))
        throw Error(ErrorKind::malformed, reader.where(fmt::format("empty allele in ALT '{}'", variant.allele1)));
    parsed.n_alleles = static_cast<std::uint32_t>(1 + alts.size());
    return parsed;
}

}  // namespace

std::vector<PvarVariant> read_pvar(const std::string& path) {
    TextReader reader(path);
    std::vector<PvarVariant> variants;
    std::string line;
    Columns columns{};
    bool header = false;
    std::size_t needed = 0;  // fields each line must have
    while (reader.next_line(line)) {
        const auto fields = split_whitespace(line);
        if (variants.empty() && !line.empty() && line[0] == '#') {
            if (line.rfind("#CHROM", 0) == 0) {
                columns = header_columns(fields, reader);
                header = true;
            } else if (line.rfind("##", 0) != 0) {
                throw Error(ErrorKind::malformed, reader.where("expected '##' lines, then a header line starting with #CHROM"));
            }
            continue;
        }
        if (fields.empty()) throw Error(ErrorKind::malformed, reader.where("empty line in a .pvar file"));
        if (needed == 0) {
            if (!header) {
                if (fields.size() < 5)
                    throw Error(ErrorKind::malformed,
                                reader.where(fmt::format("{} fields; a .pvar without a #CHROM header needs the 5 or 6 "
                                                         "columns of a .bim",
                                                         fields.size())));
                columns = fields.size() >= 6 ? kBim6 : kBim5;
            }
            for (const std::size_t column : columns)
                if (column != kAbsent) needed = std::max(needed, column + 1);
        }
        if (fields.size() < needed)
            throw Error(ErrorKind::malformed,
                        reader.where(fmt::format("{} fields, but {} columns are expected", fields.size(), needed)));
        variants.push_back(parse_variant(fields, columns, reader));
    }
    if (variants.empty()) throw Error(ErrorKind::malformed, path + ": the .pvar file lists no variants");
    return variants;
}

}  // namespace ridgeway
