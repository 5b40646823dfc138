#pragma once
// Sample sex as genotype files and covariate tables record it: .fam column 5, a .psam SEX column, an Oxford .sample
// sex column, or the table column named by --sex-col.
#include <cstdint>
#include <optional>
#include <string_view>

namespace ridgeway {

class TextReader;

enum class Sex : std::uint8_t { unknown = 0, male = 1, female = 2 };

// 1/M/male -> male, 2/F/female -> female (letters in any case), 0/-9/NA/empty -> unknown; nullopt for anything else,
// which the caller reports with its file, line and column.
std::optional<Sex> parse_sex(std::string_view text);

// parse_sex of a sample file's sex column at the reader's current line; anything else is a malformed-file error
// naming the file, the line and the value.
Sex read_sex(std::string_view text, const TextReader& reader);

const char* sex_name(Sex sex);

}  // namespace ridgeway
