#include "io/sample_sex.hpp"

#include <algorithm>
#include <cctype>
#include <string>

#include "core/error.hpp"
#include "core/text_reader.hpp"

namespace ridgeway {

std::optional<Sex> parse_sex(std::string_view text) {
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    if (lower == "1" || lower == "m" || lower == "male") return Sex::male;
    if (lower == "2" || lower == "f" || lower == "female") return Sex::female;
    if (lower.empty() || lower == "0" || lower == "-9" || lower == "na" || lower == "nan") return Sex::unknown;
    return std::nullopt;
}

Sex read_sex(std::string_view text, const TextReader& reader) {
    if (const auto sex = parse_sex(text)) return *sex;
    throw Error(ErrorKind::malformed,
                reader.where("sex '" + std::string(text) + "' is not 1/2, M/F, male/female or 0/-9/NA"));
}

const char* sex_name(Sex sex) {
    switch (sex) {
        case Sex::male: return "male";
        case Sex::female: return "female";
        case Sex::unknown: break;
    }
    return "unknown";
}

}  // namespace ridgeway
